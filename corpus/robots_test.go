package corpus

import (
	"net/url"
	"strings"
	"testing"
)

// The robots.txt of RFC 9309's §5.1, with a group that has no rules.
const rfcRobots = `User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot

`

func TestRobotsRFC9309(t *testing.T) {
	for _, c := range []struct {
		robots, agent, path string
		want                bool
	}{
		// §5.1: groups by user agent, case-insensitive, by product token.
		{rfcRobots, "fiscaldocs-crawler/1 (x)", "/example/page.html", false},
		{rfcRobots, "fiscaldocs-crawler/1 (x)", "/publications/a.html", true},
		{rfcRobots, "fiscaldocs-crawler/1 (x)", "/images/a.gif", false},
		{rfcRobots, "fiscaldocs-crawler/1 (x)", "/images/a.gif?x=1", true}, // $: the end
		{rfcRobots, "fiscaldocs-crawler/1 (x)", "/other.html", true},
		{rfcRobots, "FooBot/2.1", "/", false},
		{rfcRobots, "foobot", "/example/page.html", true},
		{rfcRobots, "foobot", "/example/allowed.gif", true}, // its own group only: *.gif$ is *'s
		{rfcRobots, "foobot", "/example/other.html", false},
		{rfcRobots, "BazBot", "/example/page.html", false},
		{rfcRobots, "bazbot", "/publications/x.gif", true},
		{rfcRobots, "barbot", "/example/", true},
		{rfcRobots, "quxbot", "/example/page.html", true}, // a group without rules allows all
		{rfcRobots, "foobotx", "/example/", false},        // not foobot: the * group
		// §5.2: the longest match wins.
		{"User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n", "foobot", "/example/page/", true},
		{"User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n", "foobot", "/example/page/disallowed.gif", false},
		// §2.2.2: Allow wins a tie; an empty Disallow matches nothing.
		{"User-agent: *\nDisallow: /page\nAllow: /page\n", "x", "/page", true},
		{"User-agent: *\nAllow: /page\nDisallow: /page\n", "x", "/page.html", true},
		{"User-agent: *\nDisallow:\n", "x", "/anything", true},
		{"User-agent: *\nDisallow: /\nAllow: /$\n", "x", "/", true},
		{"User-agent: *\nDisallow: /\nAllow: /$\n", "x", "/a", false},
		// §2.2.3: * and $.
		{"User-agent: *\nDisallow: /*.php$\n", "x", "/index.php", false},
		{"User-agent: *\nDisallow: /*.php$\n", "x", "/index.php?x=1", true},
		{"User-agent: *\nDisallow: /*.php$\n", "x", "/dir/a.php5", true},
		{"User-agent: *\nDisallow: /fish*\n", "x", "/fish.html", false},
		{"User-agent: *\nDisallow: /fish*\n", "x", "/Fish.html", true},
		{"User-agent: *\nDisallow: /*/private/*.pdf\n", "x", "/a/b/private/c/d.pdf", false},
		{"User-agent: *\nDisallow: /*/private/*.pdf\n", "x", "/a/private.pdf", true},
		{"User-agent: *\nDisallow: /a*b*c$\n", "x", "/abxc", false},
		{"User-agent: *\nDisallow: /a*b*c$\n", "x", "/abxcd", true},
		{"User-agent: *\nDisallow: /*?\n", "x", "/list?page=2", false},
		{"User-agent: *\nDisallow: /*?\n", "x", "/list", true},
		// §2.2.2: percent-encoding.
		{"User-agent: *\nDisallow: /foo/bar/ツ\n", "x", "/foo/bar/%E3%83%84", false},
		{"User-agent: *\nDisallow: /foo/bar/%E3%83%84\n", "x", "/foo/bar/%E3%83%84", false},
		{"User-agent: *\nDisallow: /foo/bar/%62%61%7A\n", "x", "/foo/bar/baz", true},
		// No group for us and none for *: everything; rules before any
		// User-agent line belong to no group.
		{"Disallow: /\nUser-agent: other\nDisallow: /\n", "fiscaldocs-crawler/1", "/", true},
		// Other records do not end a group; # starts a comment.
		{"User-agent: a # the first\nSitemap: /s.xml\nDisallow: /x\n", "A", "/x", false},
	} {
		u, err := url.Parse("http://example.com" + c.path)
		if err != nil {
			t.Fatal(err)
		}
		rules := robotsRules{rules: parseRobots(strings.NewReader(c.robots), c.agent)}
		if got := rules.allows(u); got != c.want {
			t.Errorf("robots.txt %q for %s: allows(%s) = %v; want %v", c.robots, c.agent, c.path, got, c.want)
		}
	}
}
