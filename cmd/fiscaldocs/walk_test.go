package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
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
	// The pipeline is handed the folder as the walk hands it one it
	// cannot read.
	paths := expand([]string{dir}, os.Stderr)
	paths = []string{paths[0], locked, paths[2]}
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
	// The walk itself, with a folder this process cannot read: as root,
	// a copy of this binary runs as nobody.
	os.Chmod(locked, 0)
	defer os.Chmod(locked, 0o755)
	cmd := fiscaldocs("extract", dir)
	if os.Geteuid() == 0 {
		cmd = asNobody(t, dir, "extract", dir)
	}
	text, err := cmd.Output()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(string(exit.Stderr), "corpus: folder "+strconv.Quote(locked)+" cannot be read: permission denied") ||
		strings.Count("\n"+string(text), "\n"+dir+"/") != 2 {
		t.Errorf("extract over a tree with a folder it cannot read: %v\n%s%s\nwant exit 1, the folder named, the two other documents read", err, text, stderrOf(err))
	}
}

// asNobody runs a copy of this test binary as the user nobody, as the
// command-line program, with dir and the folders above it in the
// temporary folder opened to all.
func asNobody(t *testing.T, dir string, args ...string) *exec.Cmd {
	t.Helper()
	bin, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	exe := filepath.Join(home, "fiscaldocs.test")
	if err := os.WriteFile(exe, bin, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, start := range []string{dir, home} {
		for d := start; strings.HasPrefix(d, os.TempDir()+"/"); d = filepath.Dir(d) {
			if st, err := os.Stat(d); err == nil && st.Mode().Perm()&0o005 != 0o005 {
				os.Chmod(d, st.Mode().Perm()|0o005)
			}
		}
	}
	// Above the temporary folder nothing is changed: where a folder
	// there is closed to others (a chroot made from a 0700 folder), the
	// user nobody cannot reach the binary, and the walk is not tested so.
	for d := filepath.Dir(os.TempDir()); ; d = filepath.Dir(d) {
		if st, err := os.Stat(d); err != nil || st.Mode().Perm()&0o001 == 0 {
			t.Skipf("%s is closed to other users here: the walk as nobody is not tested", d)
		}
		if d == "/" {
			break
		}
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "FISCALDOCS_AS_MAIN=1", "HOME="+home)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	return cmd
}

func stderrOf(err error) string {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return string(exit.Stderr)
	}
	return ""
}
