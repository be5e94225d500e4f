package corpus

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// robots.txt as RFC 9309 reads it. A group is one or more User-agent
// lines and the Allow and Disallow rules after them. The crawler obeys
// the groups that name its product token (case-insensitively; several
// such groups are read as one), or else the groups for every agent (*),
// or else nothing. Of the rules that match a URL's path and query, the
// longest wins, and Allow wins a tie; no matching rule allows. In a rule,
// * stands for any run of characters and a final $ for the path's end.

// robotsRules is what a host's robots.txt says to us.
type robotsRules struct {
	rules []robotsRule
	err   error // robots.txt could not be read: nothing is fetched
}

// robotsRule is one Allow or Disallow line, its pattern percent-encoded
// as URLs are.
type robotsRule struct {
	allow   bool
	pattern string
}

// allows reports whether the rules let the crawler fetch u.
func (r robotsRules) allows(u *url.URL) bool {
	target := u.EscapedPath()
	if target == "" {
		target = "/"
	}
	if u.RawQuery != "" {
		target += "?" + u.RawQuery
	}
	best, allow := -1, true
	for _, rule := range r.rules {
		n := len(rule.pattern)
		if (n > best || n == best && rule.allow) && robotsMatch(rule.pattern, target) {
			best, allow = n, rule.allow
		}
	}
	return allow
}

// robotsMatch reports whether pattern matches the start of target (all
// of it, with a final $), * matching any run of characters.
func robotsMatch(pattern, target string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	parts := strings.Split(strings.TrimSuffix(pattern, "$"), "*")
	if !strings.HasPrefix(target, parts[0]) {
		return false
	}
	pos := len(parts[0])
	if len(parts) == 1 {
		return !anchored || pos == len(target)
	}
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(target[pos:], p)
		if i < 0 {
			return false
		}
		pos += i + len(p)
	}
	last := parts[len(parts)-1]
	if anchored {
		return len(target)-pos >= len(last) && strings.HasSuffix(target, last)
	}
	return strings.Contains(target[pos:], last)
}

// robotsGroup is one group of a robots.txt.
type robotsGroup struct {
	agents []string // lowercased product tokens, or *
	rules  []robotsRule
}

// parseRobots returns the rules of the groups for agent (a User-Agent
// header; its product token, before the first / or space, is matched),
// or else of the groups for *.
func parseRobots(r io.Reader, agent string) []robotsRule {
	var groups []*robotsGroup
	var cur *robotsGroup
	inAgents := false // the line before was a User-agent line
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)
		switch k {
		case "user-agent":
			if !inAgents {
				cur = &robotsGroup{}
				groups = append(groups, cur)
			}
			cur.agents = append(cur.agents, productToken(v))
			inAgents = true
		case "allow", "disallow":
			inAgents = false
			if cur != nil && v != "" { // an empty rule matches nothing
				cur.rules = append(cur.rules, robotsRule{allow: k == "allow", pattern: encodePattern(v)})
			}
		}
	}
	token := productToken(agent)
	for _, want := range []string{token, "*"} {
		var rules []robotsRule
		found := false
		for _, g := range groups {
			for _, a := range g.agents {
				if a == want {
					rules, found = append(rules, g.rules...), true
					break
				}
			}
		}
		if found {
			return rules
		}
	}
	return nil
}

// productToken is the name a User-Agent value starts with, lowercased:
// "fiscaldocs-crawler" of "Fiscaldocs-Crawler/1 (…)".
func productToken(ua string) string {
	ua = strings.TrimSpace(ua)
	if i := strings.IndexAny(ua, "/ \t"); i >= 0 {
		ua = ua[:i]
	}
	return strings.ToLower(ua)
}

// encodePattern percent-encodes the bytes of a rule that a URL carries
// encoded (RFC 9309 §2.2.2): /foo/ツ matches the path /foo/%E3%83%84.
func encodePattern(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c >= 0x80 || c <= ' ' || c == 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
