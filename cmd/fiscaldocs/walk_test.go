package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/normalize"
)

// A folder the walk could not read comes to the pipeline as a path of its
// own, and fails there as a document does: one line naming it, the rest
// read, and the exit status of a run with a failed document.
func TestUnreadableFolderFails(t *testing.T) {
	seg, err := normalize.NewSegmenter()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	locked := filepath.Join(dir, "b")
	os.Mkdir(locked, 0o755)
	for i, name := range []string{"a.txt", "b/x.txt", "c.txt"} {
		os.WriteFile(filepath.Join(dir, name), []byte(reportText("第"+strconv.Itoa(i+1)+"局", 2021, i)), 0o644)
	}
	paths := expand([]string{dir}, os.Stderr)
	if os.Geteuid() != 0 {
		os.Chmod(locked, 0)
		defer os.Chmod(locked, 0o755)
		paths = expand([]string{dir}, os.Stderr)
	} else {
		// Root reads every folder: hand the pipeline the folder as the
		// walk hands it an unreadable one.
		paths = []string{paths[0], locked, paths[2]}
	}
	var log, out strings.Builder
	err = ingest(context.Background(), &logStore{log: &log}, seg, paths, ingestOptions{workers: 2}, &out, &log)
	if !errors.Is(err, errFailed) || !strings.HasPrefix(out.String(), "3 documents: 2 ingested (") || !strings.Contains(out.String(), ", 1 failed") {
		t.Errorf("ingest: %v, summary %q; want errFailed and 2 of 3 ingested", err, out.String())
	}
	var failed []string
	for _, line := range strings.Split(log.String(), "\n") {
		if strings.HasPrefix(line, "failed ") {
			failed = append(failed, line)
		}
	}
	if len(failed) != 1 || !strings.Contains(failed[0], strconv.Quote(locked)) {
		t.Errorf("failure lines %q; want one naming %q", failed, locked)
	}
	if os.Geteuid() == 0 {
		return
	}
	if code, _, errs := runCmd("extract", dir); code != 1 || !strings.Contains(errs, strconv.Quote(locked)+" cannot be read") {
		t.Errorf("extract with a folder it cannot read: exit %d, stderr %q; want 1 and the folder named", code, errs)
	}
}
