package corpus

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Crawling: disclosures appear on department and finance-bureau portals
// every year. A Crawler follows the list pages it is given (seeds), within
// their hosts and to a depth, and downloads the attachments it finds into
// a folder, with a manifest saying where each came from. A re-run fetches
// only what is new.

// ManifestName is the crawl manifest kept in the download folder.
const ManifestName = "manifest.jsonl"

// Entry is one downloaded file in the manifest.
type Entry struct {
	URL          string    `json:"url"`
	Page         string    `json:"page"`      // the list page that linked it
	LinkText     string    `json:"link_text"` // the link's text on that page
	File         string    `json:"file"`      // name within the folder
	SHA256       string    `json:"sha256"`
	Size         int64     `json:"size"`
	Fetched      time.Time `json:"fetched"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	ContentType  string    `json:"content_type,omitempty"`
}

// Crawler fetches attachments. Its zero value is not usable; see
// NewCrawler. It is not safe for concurrent use: requests go one at a
// time, which is also the politeness the portals need.
type Crawler struct {
	Into      string        // download folder, with the manifest
	Depth     int           // pages followed from a seed: 0 reads the seeds only; a list's own pagination does not count
	MaxPages  int           // pages read in one run, at most
	UserAgent string        // sent with every request
	MaxBytes  int64         // largest file downloaded
	Delay     time.Duration // between two requests to one host
	Retries   int           // after a 5xx or a network error
	Backoff   time.Duration // before the first retry, doubling
	Log       func(string)  // progress lines; nil for none

	client  *http.Client
	hosts   map[string]bool // the seeds' hosts: nothing else is requested
	last    map[string]time.Time
	robots  map[string]robotsRules
	byURL   map[string]Entry
	bySHA   map[string]Entry
	visited map[string]bool
}

// NewCrawler makes a crawler into dir with polite defaults: one request a
// second per host, 30 s per request, 200 MB per file, three retries, 5,000
// pages a run.
func NewCrawler(dir string) *Crawler {
	return &Crawler{Into: dir, Depth: 2, MaxPages: 5000, UserAgent: "fiscaldocs-crawler/1 (collects published 部门决算/预算 disclosures)",
		MaxBytes: 200 << 20, Delay: time.Second, Retries: 3, Backoff: time.Second, client: &http.Client{Timeout: 30 * time.Second}}
}

// SetTimeout sets the time allowed for one request.
func (c *Crawler) SetTimeout(d time.Duration) { c.client.Timeout = d }

// Stats says what a run did.
type Stats struct {
	Pages, Downloaded, Unchanged, Duplicates, Failed int
	New                                              []string // paths of the files downloaded
	Failures                                         []string // "URL: why", one per failed request
}

// ErrOffSite refuses a redirect to a host that is not a seed's.
var ErrOffSite = errors.New("corpus: redirect off the seeds' hosts")

// ErrRedirectLoop refuses a redirect back to a URL of the same chain, and
// a chain of more than five redirects. Neither is tried again: a loop is
// the server's configuration, not a passing fault.
var ErrRedirectLoop = errors.New("corpus: redirect loop")

// attachmentExt are the file types downloaded.
var attachmentExt = map[string]bool{".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".wps": true, ".et": true, ".zip": true}

var reportWords = regexp.MustCompile(`决算|预算`)

// Run crawls from seeds. Per-file failures are counted and logged; only a
// failure to use the folder or a cancelled ctx stops the run.
//
// Links are taken in three kinds. A link to a file type in attachmentExt is
// downloaded. A link whose text names 决算 or 预算 is fetched whatever its
// URL: a web page is read for its links, anything else is kept as a file
// (portals often serve attachments from download.jsp?id=…). Any other link
// on the seeds' hosts is read as a page, to Depth pages from a seed, and
// kept only if it turns out to be a document (PDF, Office or zip). A
// list's pagination (下一页 or page numbers into the same folder, or TRS's
// createPageHTML) is read at the list's own depth, up to MaxPages pages.
func (c *Crawler) Run(ctx context.Context, seeds []string) (Stats, error) {
	var st Stats
	if err := os.MkdirAll(c.Into, 0o755); err != nil {
		return st, fileErr(err)
	}
	unlock, err := lockDir(c.Into)
	if err != nil {
		return st, err
	}
	defer unlock()
	if err := c.loadManifest(); err != nil {
		return st, err
	}
	c.hosts, c.last, c.robots, c.visited = map[string]bool{}, map[string]time.Time{}, map[string]robotsRules{}, map[string]bool{}
	var queue []target
	queued := 0                 // pages queued, seeds included
	listed := map[string]bool{} // URLs queued

	for _, s := range seeds {
		u, err := url.Parse(strings.TrimSpace(s))
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			c.logf("skipped seed %q: not an http(s) URL", s)
			continue
		}
		u.Fragment = ""
		c.hosts[u.Host] = true
		queue = append(queue, target{u: u, kind: pageLink})
		queued++
	}
	client := *c.client
	client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if !c.hosts[req.URL.Host] {
			return fmt.Errorf("%w: %s", ErrOffSite, req.URL)
		}
		for _, r := range via {
			if r.URL.String() == req.URL.String() {
				return fmt.Errorf("%w: back to %s after %d redirects", ErrRedirectLoop, req.URL, len(via))
			}
		}
		if len(via) >= 5 {
			return fmt.Errorf("%w: still redirected after %d requests", ErrRedirectLoop, len(via))
		}
		return nil
	}
	// follow queues what a link on t's page leads to, unless it is off
	// the seeds' hosts, met already, or beyond the depth or MaxPages; it
	// reports whether it did. A page of t's own list (sameList) is at t's
	// depth.
	follow := func(t target, l link, sameList bool) bool {
		k := l.u.String()
		if !c.hosts[l.u.Host] || c.visited[k] || listed[k] {
			return false // off the seeds' hosts: never requested
		}
		next := target{u: l.u, text: l.text, from: t.u, depth: t.depth + 1}
		if sameList {
			next.depth, next.pager = t.depth, true
		}
		ext := strings.ToLower(path.Ext(l.u.Path))
		switch {
		case attachmentExt[ext]:
			next.kind = fileLink
		case reportWords.MatchString(l.text) && !mediaExt[ext]:
			next.kind = reportLink
		case next.depth <= c.Depth && !mediaExt[ext]:
			if queued >= c.MaxPages {
				if queued == c.MaxPages {
					c.logf("stopped following pages at %d (MaxPages)", c.MaxPages)
					queued++
				}
				return false
			}
			queued++
			next.kind = pageLink
		default:
			return false
		}
		listed[k] = true
		queue = append(queue, next)
		return true
	}
	for len(queue) > 0 {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		t := queue[0]
		queue = queue[1:]
		key := t.u.String()
		if c.visited[key] {
			continue
		}
		c.visited[key] = true
		if ok, err := c.allowed(ctx, &client, t.u); !ok {
			if err != nil && ctx.Err() == nil {
				st.Failed++
				st.Failures = append(st.Failures, fmt.Sprintf("%s: %v", t.u, err))
				c.logf("failed %s: %v", t.u, err)
			}
			continue
		}
		links, err := c.fetch(ctx, &client, t, &st)
		if err != nil {
			st.Failed++
			st.Failures = append(st.Failures, fmt.Sprintf("%s: %v", t.u, err))
			c.logf("failed %s: %v", t.u, err)
			continue
		}
		// A page of a list that brings no new link ends the list: an
		// endless 下一页 would otherwise spend MaxPages.
		added := 0
		var pager []link
		for _, l := range links {
			if l.pager && path.Dir(l.u.Path) == path.Dir(t.u.Path) {
				pager = append(pager, l) // the next page of the same list
			} else if follow(t, l, false) {
				added++
			}
		}
		if t.pager && added == 0 && len(pager) > 0 {
			c.logf("stopped following the list at %s: the page brings no new links", t.u)
			continue
		}
		for _, l := range pager {
			follow(t, l, true)
		}
	}
	return st, nil
}

// linkKind says what a link is expected to lead to.
type linkKind int

const (
	pageLink   linkKind = iota // a list page, read for its links
	fileLink                   // an attachment, by its extension
	reportLink                 // named 决算/预算: a page or a file, as served
)

// target is a URL to fetch and where it was found.
type target struct {
	u     *url.URL
	text  string   // the link's text
	from  *url.URL // the page that linked it; nil for a seed
	depth int      // pages from a seed
	kind  linkKind
	pager bool // reached through its list's pagination
}

// mediaExt are file types that are neither pages nor disclosures.
var mediaExt = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".bmp": true, ".svg": true, ".ico": true,
	".css": true, ".js": true, ".mp3": true, ".mp4": true, ".avi": true, ".flv": true, ".swf": true}

// fetch requests one target. A web page's links are returned when it is
// within Depth; a document is stored.
func (c *Crawler) fetch(ctx context.Context, client *http.Client, t target, st *Stats) ([]link, error) {
	header := http.Header{}
	known, isKnown := c.byURL[t.u.String()]
	if isKnown {
		if known.ETag == "" && known.LastModified == "" {
			// No validator to ask with: a disclosure once fetched is
			// not fetched again (a corrected one comes at a new URL).
			st.Unchanged++
			return nil, nil
		}
		if known.ETag != "" {
			header.Set("If-None-Match", known.ETag)
		}
		if known.LastModified != "" {
			header.Set("If-Modified-Since", known.LastModified)
		}
	}
	resp, err := c.get(ctx, client, t.u, header)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && isKnown:
		st.Unchanged++
		return nil, nil
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	body := bufio.NewReaderSize(resp.Body, 4096)
	head, _ := body.Peek(512)
	ct := resp.Header.Get("Content-Type")
	if strings.Contains(strings.ToLower(ct), "html") || looksHTML(head) {
		switch {
		case t.kind == fileLink:
			return nil, errors.New("served a web page, not the document")
		case t.depth > c.Depth:
			return nil, nil // a page, but beyond the depth
		}
		st.Pages++
		return links(body, ct, t.u)
	}
	if t.kind == pageLink && !documentMagic(head) {
		return nil, nil // neither a page nor a document
	}
	if resp.ContentLength > c.MaxBytes {
		return nil, fmt.Errorf("%d bytes, over the %d-byte limit", resp.ContentLength, c.MaxBytes)
	}
	return nil, c.save(t, resp.Header, body, known, isKnown, st)
}

// documentMagic tells a PDF, an OLE (legacy Office) or a zip (OOXML) file
// by its first bytes.
func documentMagic(head []byte) bool {
	return bytes.HasPrefix(head, []byte("%PDF-")) || bytes.HasPrefix(head, oleMagic) || bytes.HasPrefix(head, zipMagic)
}

type link struct {
	u     *url.URL
	text  string
	pager bool // a list's pagination: 下一页, a page number, or a TRS createPageHTML page
}

// pagerText is the text of a pagination link. (首页 is left out: on most
// sites it is the home page.)
var pagerText = regexp.MustCompile(`^(?:下一?页|上一?页|尾页|末页|最后一页|第?\d{1,4}页?|[<>«»‹›]{1,2}|(?i:next|prev(?:ious)?|last))$`)

// trsPager is the pagination script of TRS WCM, the content system of many
// government portals: createPageHTML(pages, current, "index", "html")
// stands for index.html, index_1.html … index_{pages-1}.html.
var trsPager = regexp.MustCompile(`createPageHTML\(\s*['"]?(\d+)['"]?\s*,\s*['"]?\d+['"]?\s*,\s*['"]([\w.-]+)['"]\s*,\s*['"](\w+)['"]`)

// links reads an HTML page, decoding its charset as DecodeHTML does, and
// returns its http(s) links in order, each once.
func links(r io.Reader, contentType string, u *url.URL) ([]link, error) {
	raw, err := io.ReadAll(io.LimitReader(r, 16<<20))
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(DecodeHTML(raw, contentType))
	if err != nil {
		return nil, err
	}
	base := u
	var out []link
	seen := map[string]bool{}
	add := func(base *url.URL, href, text string, pager bool) {
		ref, err := base.Parse(strings.TrimSpace(href))
		if err != nil || (ref.Scheme != "http" && ref.Scheme != "https") {
			return
		}
		ref.Fragment = ""
		if !seen[ref.String()] {
			seen[ref.String()] = true
			out = append(out, link{ref, text, pager})
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "script" {
			for _, m := range trsPager.FindAllStringSubmatch(textOf(n), -1) {
				pages, _ := strconv.Atoi(m[1])
				for i := range min(pages, 1000) {
					name := m[2] + "." + m[3]
					if i > 0 {
						name = fmt.Sprintf("%s_%d.%s", m[2], i, m[3])
					}
					add(base, name, "", true)
				}
			}
			return
		}
		if n.Type == html.ElementNode {
			for _, a := range n.Attr {
				switch {
				case n.Data == "base" && a.Key == "href":
					if b, err := u.Parse(strings.TrimSpace(a.Val)); err == nil {
						base = b
					}
				case (n.Data == "a" || n.Data == "area") && a.Key == "href":
					text := strings.Join(strings.Fields(textOf(n)), " ")
					add(base, a.Val, text, pagerText.MatchString(text))
				}
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
	return out, nil
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		b.WriteString(textOf(ch))
	}
	return b.String()
}

// get sends one polite GET: the host's delay honoured, the user agent
// named, retried with backoff after a 5xx or a network error.
func (c *Crawler) get(ctx context.Context, client *http.Client, u *url.URL, header http.Header) (*http.Response, error) {
	backoff := c.Backoff
	for attempt := 0; ; attempt++ {
		if wait := c.Delay - time.Since(c.last[u.Host]); wait > 0 {
			select {
			case <-time.After(wait):
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		c.last[u.Host] = time.Now()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			return nil, err
		}
		for k, v := range header {
			req.Header[k] = v
		}
		req.Header.Set("User-Agent", c.UserAgent)
		resp, err := client.Do(req)
		if errors.Is(err, ErrOffSite) || errors.Is(err, ErrRedirectLoop) || ctx.Err() != nil {
			return nil, err // permanent: another try would end the same
		}
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		if attempt >= c.Retries {
			if err == nil {
				resp.Body.Close()
				return nil, fmt.Errorf("HTTP %d after %d tries", resp.StatusCode, attempt+1)
			}
			return nil, fmt.Errorf("%w (after %d tries)", err, attempt+1)
		}
		if err == nil {
			resp.Body.Close()
		}
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		backoff *= 2
	}
}

// allowed reads a host's robots.txt once and checks u against the group
// for our user agent, or else the group for every agent (*). A missing robots.txt (4xx) allows
// everything; one that cannot be read (5xx after retries, timeouts)
// allows nothing on that host this run, as the robots convention asks.
func (c *Crawler) allowed(ctx context.Context, client *http.Client, u *url.URL) (bool, error) {
	rules, ok := c.robots[u.Host]
	if !ok {
		robots := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
		resp, err := c.get(ctx, client, robots, nil)
		switch {
		case ctx.Err() != nil:
			return false, ctx.Err()
		case errors.Is(err, ErrOffSite):
			// Sent elsewhere: no robots.txt of this host's own.
		case err != nil:
			rules.err = fmt.Errorf("robots.txt unreadable, host skipped: %w", err)
		default:
			if resp.StatusCode == http.StatusOK {
				rules.rules = parseRobots(io.LimitReader(resp.Body, 1<<20), c.UserAgent)
			}
			resp.Body.Close()
		}
		c.robots[u.Host] = rules
	}
	if rules.err != nil {
		return false, rules.err
	}
	if !rules.allows(u) {
		c.logf("skipped %s: disallowed by robots.txt", u)
		return false, nil
	}
	return true, nil
}

// save stores a document under a name made from its hash and its URL's
// base name (never from the server's headers), atomically, and records it
// in the manifest.
func (c *Crawler) save(t target, h http.Header, body io.Reader, known Entry, isKnown bool, st *Stats) error {
	tmp, err := os.CreateTemp(c.Into, ".download-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	sha := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, sha), io.LimitReader(body, c.MaxBytes+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		return err
	case n > c.MaxBytes:
		return fmt.Errorf("over the %d-byte limit", c.MaxBytes)
	}
	sum := hex.EncodeToString(sha.Sum(nil))
	e := Entry{URL: t.u.String(), LinkText: t.text, SHA256: sum, Size: n, Fetched: time.Now().UTC(),
		ETag: h.Get("ETag"), LastModified: h.Get("Last-Modified"), ContentType: h.Get("Content-Type")}
	if t.from != nil {
		e.Page = t.from.String()
	}
	if isKnown && known.SHA256 == sum {
		st.Unchanged++ // the server ignored the conditional GET; same bytes
		return nil
	}
	if dup, seen := c.bySHA[sum]; seen {
		e.File = dup.File
		st.Duplicates++
		c.logf("%s is the same file as %q", e.URL, dup.File)
	} else {
		e.File = sum[:12] + "-" + safeName(t.u)
		if !attachmentExt[strings.ToLower(path.Ext(e.File))] {
			e.File += guessExt(tmp.Name(), n, e.ContentType)
		}
		if err := os.Rename(tmp.Name(), filepath.Join(c.Into, e.File)); err != nil {
			return err
		}
		st.Downloaded++
		st.New = append(st.New, filepath.Join(c.Into, e.File))
		c.logf("downloaded %q (%d bytes) from %s", e.File, n, e.URL)
	}
	return c.record(e)
}

// guessExt names the type of a file fetched from a URL without a document
// extension (download.jsp?id=…), from its bytes and, for the legacy
// Office formats that share one container, the Content-Type.
func guessExt(name string, size int64, contentType string) string {
	f, err := os.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	switch Sniff(f, size, "") {
	case PDF:
		return ".pdf"
	case Docx:
		return ".docx"
	case Xlsx:
		return ".xlsx"
	case Zip:
		return ".zip"
	case OLE:
		switch ct := strings.ToLower(contentType); {
		case strings.Contains(ct, "msword"), strings.Contains(ct, "wps"):
			return ".doc"
		case strings.Contains(ct, "excel"):
			return ".xls"
		}
	}
	return ""
}

var unsafeChars = regexp.MustCompile(`[^\p{L}\p{N}._-]+`)

// safeName is a file name from the URL's last path element, with nothing
// that could climb out of the folder.
func safeName(u *url.URL) string {
	base := path.Base(u.Path)
	if dec, err := url.PathUnescape(base); err == nil {
		base = dec
	}
	base = strings.Trim(unsafeChars.ReplaceAllString(base, "_"), "._")
	if base == "" {
		base = "file"
	}
	if len(base) > 100 {
		ext := path.Ext(base)
		cut := 100 - len(ext)
		for cut > 0 && !utf8.RuneStart(base[cut]) {
			cut--
		}
		base = base[:cut] + ext
	}
	return base
}

func (c *Crawler) loadManifest() error {
	c.byURL, c.bySHA = map[string]Entry{}, map[string]Entry{}
	entries, err := ReadManifest(c.Into)
	if err != nil {
		return err
	}
	for _, e := range entries {
		c.byURL[e.URL] = e
		c.bySHA[e.SHA256] = e
	}
	return nil
}

// ReadManifest reads the crawl manifest of a folder; none is no entries.
func ReadManifest(dir string) ([]Entry, error) {
	f, err := os.Open(filepath.Join(dir, ManifestName))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fileErr(err)
	}
	defer f.Close()
	var out []Entry
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		var e Entry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, fmt.Errorf("corpus: %q line %d: %w", filepath.Join(dir, ManifestName), n, err)
		}
		out = append(out, e)
	}
	return out, sc.Err()
}

// record appends an entry to the manifest.
func (c *Crawler) record(e Entry) error {
	f, err := os.OpenFile(filepath.Join(c.Into, ManifestName), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fileErr(err)
	}
	line, _ := json.Marshal(e)
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return fileErr(err)
	}
	c.byURL[e.URL] = e
	c.bySHA[e.SHA256] = e
	return f.Close()
}

func (c *Crawler) logf(format string, args ...any) {
	if c.Log != nil {
		c.Log(fmt.Sprintf(format, args...))
	}
}
