package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/load"
	"github.com/fiscaldocs/fiscaldocs/normalize"
)

// logStore checks, as each Write begins, that the log claims none of the
// documents it is given, and fails the writes after the first when fail
// is set.
type logStore struct {
	load.Store // nil: only Holdings and Write are called
	log        *strings.Builder
	fail       bool
	mu         sync.Mutex
	writes     int
	early      []string // documents logged as ingested before their write
}

func (s *logStore) Holdings(context.Context, string) (map[string]load.Stored, error) {
	return nil, nil
}

func (s *logStore) Write(_ context.Context, bs ...*load.Batch) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.writes++
	for _, b := range bs {
		if strings.Contains(s.log.String(), "ingested "+strconv.Quote(b.Document.File)) {
			s.early = append(s.early, b.Document.File)
		}
	}
	if s.fail && s.writes > 1 {
		return errors.New("disk full")
	}
	return nil
}

// "ingested X" is logged once X is written, never before, and never for a
// document whose write failed: after a kill the log claims only what the
// store holds.
func TestIngestedLoggedAfterWrite(t *testing.T) {
	seg, err := normalize.NewSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	dir := reports(t, 12)
	for _, fail := range []bool{false, true} {
		var log, out strings.Builder
		s := &logStore{log: &log, fail: fail}
		err := ingest(context.Background(), s, seg, expand([]string{dir}, &log), ingestOptions{workers: 2}, &out, &log)
		if len(s.early) > 0 {
			t.Errorf("fail=%v: logged as ingested before their write: %q", fail, s.early)
		}
		n := 0
		for _, line := range strings.Split(log.String(), "\n") {
			if strings.HasPrefix(line, "ingested ") {
				n++
			}
		}
		switch {
		case !fail && (err != nil || n != 12):
			t.Errorf("a store that takes every write: %v, %d documents logged as ingested; want 12\n%s", err, n, log.String())
		case fail && (err == nil || n != 1 || !strings.HasPrefix(out.String(), "12 documents: 1 ingested")):
			t.Errorf("a store that fails after its first write: %v, %d logged as ingested, summary %q; want 1 (the first, written alone)\n%s", err, n, out.String(), log.String())
		}
	}
}

// A file name with a line break or a terminal escape in it cannot forge
// or hide a log line: every message quotes it.
func TestLogsQuoteFileNames(t *testing.T) {
	seg, err := normalize.NewSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	forged := "a.txt\ningested \"forged.pdf\": 99 facts, 0 findings"
	escape := "b\x1b[1A\x1b[2K.txt"
	notReport := "c\rfailed x.txt"
	broken := "d\n.pdf"
	for name, text := range map[string]string{
		forged:    reportText("第1局", 2021, 1),
		escape:    reportText("第2局", 2021, 2),
		notReport: "会议通知\n请各单位于周五前报送材料。\n",
		broken:    "%PDF-1.4\nnot really\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Skipf("this file system takes no such name: %v", err)
		}
	}
	var log, out strings.Builder
	s := &logStore{log: &log}
	ingest(context.Background(), s, seg, expand([]string{dir}, &log), ingestOptions{workers: 2}, &out, &log)
	text := log.String()
	if strings.ContainsAny(text, "\r\x1b") {
		t.Errorf("the log holds a raw control character:\n%q", text)
	}
	for _, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		if line == `ingested "forged.pdf": 99 facts, 0 findings` {
			t.Errorf("a file name forged the line %q", line)
		}
	}
	for _, want := range []string{
		"ingested " + strconv.Quote(filepath.Join(dir, forged)) + ": ",
		"ingested " + strconv.Quote(filepath.Join(dir, escape)) + ": ",
		"not a report " + strconv.Quote(filepath.Join(dir, notReport)) + ": ",
		"failed ",
		strconv.Quote(filepath.Join(dir, broken)),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the log lacks %q:\n%s", want, text)
		}
	}
	if got := strings.Count(text, "\n"); got != 4 {
		t.Errorf("%d log lines for 4 documents:\n%s", got, text)
	}
}

func TestFileError(t *testing.T) {
	for _, c := range []struct {
		path, err, want string
	}{
		{"a.pdf", "extract a.pdf page 3: garbled text", `extract "a.pdf" page 3: garbled text`},
		{"r", "extract r: broken stream", `extract "r": broken stream`},
		{"r", "read error", `"r": read error`},
		{"a\nb.txt", "extract a\nb.txt: no text", `extract "a\nb.txt": no text`},
		{"x.pdf", `corpus: open "x.pdf": permission denied`, `corpus: open "x.pdf": permission denied`},
		{"c\x1b[2K.txt", "load: bad \x1b row", `"c\x1b[2K.txt": load: bad \x1b row`},
	} {
		if got := fileError(c.path, errors.New(c.err)); got != c.want {
			t.Errorf("fileError(%q, %q) = %q; want %q", c.path, c.err, got, c.want)
		}
	}
}
