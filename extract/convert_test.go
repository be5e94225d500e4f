package extract

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fiscaldocs/fiscaldocs/corpus"
)

// needSoffice skips a test without LibreOffice, or fails it when
// FISCALDOCS_REQUIRE_TOOLS is set (make test installs it).
func needSoffice(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("soffice"); err == nil {
		return
	}
	if os.Getenv("FISCALDOCS_REQUIRE_TOOLS") != "" {
		t.Fatal("soffice is required (FISCALDOCS_REQUIRE_TOOLS) but missing")
	}
	t.Skip("soffice missing (apt-get install libreoffice-writer-nogui libreoffice-calc-nogui)")
}

func readFile(t *testing.T, path string, opt Options) (*Document, error) {
	t.Helper()
	d, f, err := corpus.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return File(context.Background(), d, f, opt)
}

// The .doc and .xls fixtures are LibreOffice's saves of the docx and xlsx
// fixtures; read back through LibreOffice they give the same blocks, with
// the round trip's known changes: a table's grid may gain columns (its
// cells' text, in order, is the same) and a restarted numbering may read
// differently ("十、" came back "一、"). The facts are compared in the cmd
// tests.
func TestLegacyFormats(t *testing.T) {
	needSoffice(t)
	for _, c := range []struct{ legacy, modern, format string }{
		{"../testdata/seed/panzhihua-npc-office-2021.doc", "../testdata/seed/panzhihua-npc-office-2021.docx", "doc"},
		{"../testdata/seed/panzhihua-npc-office-2021.xls", "../testdata/seed/panzhihua-npc-office-2021.xlsx", "xls"},
	} {
		old, err := readFile(t, c.legacy, Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.legacy, err)
		}
		mod, err := readFile(t, c.modern, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if old.Format != c.format {
			t.Errorf("%s: format %q", c.legacy, old.Format)
		}
		if len(old.Blocks) != len(mod.Blocks) {
			t.Errorf("%s: %d blocks, the %s has %d", c.legacy, len(old.Blocks), c.modern, len(mod.Blocks))
			continue
		}
		for i, w := range mod.Blocks {
			g := old.Blocks[i]
			gt, wt := g.Text, w.Text
			switch {
			case w.Table != nil:
				gt, wt = cellTexts(g.Table), cellTexts(w.Table)
			case w.Kind == Heading:
				gt, wt = numberless.ReplaceAllString(gt, ""), numberless.ReplaceAllString(wt, "")
			}
			if g.Kind != w.Kind || g.Level != w.Level || gt != wt {
				t.Errorf("%s block %d:\n got %s %d %q\nwant %s %d %q", c.legacy, i+1, g.Kind, g.Level, gt, w.Kind, w.Level, wt)
			}
		}
	}
}

func TestLegacyDamaged(t *testing.T) {
	needSoffice(t)
	path := filepath.Join(t.TempDir(), "broken.doc")
	os.WriteFile(path, append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 4096)...), 0o644)
	_, err := readFile(t, path, Options{})
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "broken.doc") {
		t.Errorf("damaged .doc: %v", err)
	}
}

// Without LibreOffice the error names the packages to install; a
// LibreOffice that hangs is killed at the timeout, children and all.
func TestLegacyWithoutOrStuckSoffice(t *testing.T) {
	bin := t.TempDir()
	t.Setenv("PATH", bin)
	doc := "../testdata/seed/panzhihua-npc-office-2021.doc"
	if _, err := os.Stat(doc); err != nil {
		t.Fatal(err)
	}
	if _, err := readFile(t, doc, Options{}); !errors.Is(err, ErrNoSoffice) || !strings.Contains(err.Error(), "libreoffice-writer-nogui") {
		t.Errorf("no soffice: %v", err)
	}
	pidFile := filepath.Join(t.TempDir(), "child")
	script := "#!/bin/sh\nsleep 60 &\necho $! > " + pidFile + "\nwait\n"
	if err := os.WriteFile(filepath.Join(bin, "soffice"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+":/usr/bin:/bin")
	_, err := readFile(t, doc, Options{ConvertTimeout: 300 * time.Millisecond})
	if !errors.Is(err, ErrTimeout) {
		t.Errorf("stuck soffice: %v", err)
	}
	pid, _ := os.ReadFile(pidFile)
	if p := strings.TrimSpace(string(pid)); p != "" {
		if _, err := os.Stat("/proc/" + p); err == nil {
			if state, _ := os.ReadFile("/proc/" + p + "/stat"); !strings.Contains(string(state), ") Z ") {
				t.Errorf("the stuck soffice's child %s is still running", p)
			}
		}
	}
}

// Conversions that arrive while LibreOffice runs go in one call: eight
// files, .doc and .xls, read at once, take fewer calls than files, each
// file gets its own document, and a damaged one among them fails alone.
func TestLegacyBatched(t *testing.T) {
	needSoffice(t)
	real, _ := exec.LookPath("soffice")
	bin, log := t.TempDir(), filepath.Join(t.TempDir(), "calls")
	script := "#!/bin/sh\necho call >> " + log + "\nexec " + real + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "soffice"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+":"+os.Getenv("PATH"))
	broken := filepath.Join(t.TempDir(), "broken.doc")
	os.WriteFile(broken, append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 4096)...), 0o644)
	files := []string{broken}
	for range 4 {
		files = append(files, "../testdata/seed/panzhihua-npc-office-2021.doc", "../testdata/seed/panzhihua-npc-office-2021.xls")
	}
	docs := make([]*Document, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			docs[i], errs[i] = readFile(t, f, Options{})
		}()
	}
	wg.Wait()
	if !errors.Is(errs[0], ErrDamaged) {
		t.Errorf("the damaged .doc: %v", errs[0])
	}
	for i := 1; i < len(files); i++ {
		if errs[i] != nil {
			t.Errorf("%s: %v", files[i], errs[i])
			continue
		}
		if want := docs[1+(i-1)%2]; len(docs[i].Blocks) != len(want.Blocks) || docs[i].Format != want.Format {
			t.Errorf("%s (%d): %d blocks, %s; another copy gave %d, %s", files[i], i, len(docs[i].Blocks), docs[i].Format, len(want.Blocks), want.Format)
		}
	}
	calls, _ := os.ReadFile(log)
	// One call at least per target format, and a retry for the damaged
	// file's batch; never one per file.
	if n := strings.Count(string(calls), "call"); n >= len(files) {
		t.Errorf("%d soffice calls for %d files", n, len(files))
	} else {
		t.Logf("%d soffice calls for %d files", n, len(files))
	}
}

var numberless = regexp.MustCompile(`^[一二三四五六七八九十]+、`)

// cellTexts lists a table's non-empty cells in reading order.
func cellTexts(t *Table) string {
	if t == nil {
		return "<no table>"
	}
	var out []string
	for _, row := range t.Rows {
		for _, c := range row {
			if c.Text != "" {
				out = append(out, c.Text)
			}
		}
	}
	return strings.Join(out, "|")
}
