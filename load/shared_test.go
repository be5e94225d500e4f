package load

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestSharedLetsWriterIn: a reader holding the store through Shared lets
// a writer in another process open it, and sees what it wrote without
// opening anew; while the writer holds it, the reader is told ErrBusy.
func TestSharedLetsWriterIn(t *testing.T) {
	if dir := os.Getenv("FISCALDOCS_SHARED_WRITER"); dir != "" {
		sharedWriter(t, dir)
		return
	}
	_, err := loadChDB()
	need(t, err, "chDB")
	if inOwnProcess(t) {
		return
	}
	ctx := context.Background()
	dir := t.TempDir()
	c, err := OpenChDB(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	s, err := OpenShared(ctx, dir, Limits{Time: 5 * time.Second, Rows: 10})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := sharedCount(t, s); got != "0" {
		t.Fatalf("documents before = %s; want 0", got)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestSharedLetsWriterIn$")
	cmd.Env = append(os.Environ(), "FISCALDOCS_SHARED_WRITER="+dir, "FISCALDOCS_OWN_PROCESS=")
	done := make(chan error, 1)
	go func() { // exits when the writer's process does
		out, err := cmd.CombinedOutput()
		if err != nil {
			err = errors.New(err.Error() + ": " + string(out))
		}
		done <- err
	}()
	busy := false
	for waited := false; !waited; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("writer: %v", err)
			}
			waited = true
		case <-time.After(50 * time.Millisecond):
			s.LetGo(time.Minute) // as serve does: let go when asked, else after a minute idle
			if _, err := s.Query(ctx, "SELECT 1"); errors.Is(err, ErrBusy) {
				busy = true
			} else if err != nil {
				t.Fatal(err)
			}
		}
	}
	if !busy {
		t.Error("no query was told ErrBusy while the writer held the store")
	}
	if got := sharedCount(t, s); got != "1" {
		t.Errorf("documents after the writer = %s; want 1", got)
	}
}

// sharedWriter is the writer's process: it opens the store a reader
// holds, waiting for it, holds it a while, and writes a document.
func sharedWriter(t *testing.T, dir string) {
	ctx := context.Background()
	c, err := OpenChDB(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	time.Sleep(500 * time.Millisecond)
	if _, err := c.QueryWrite(ctx, "INSERT INTO fiscaldocs.documents (id, status, version) VALUES ('"+
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'ok', 1)"); err != nil {
		t.Fatal(err)
	}
}

func sharedCount(t *testing.T, s *Shared) string {
	t.Helper()
	r, err := s.Query(context.Background(), "SELECT count() FROM fiscaldocs.v_documents")
	if err != nil || len(r.Rows) != 1 {
		t.Fatalf("count: %v %v", r, err)
	}
	return r.Rows[0][0]
}

// TestLimits: the read-only connection stops a query at the row limit and
// at the time limit.
func TestLimits(t *testing.T) {
	_, err := loadChDB()
	need(t, err, "chDB")
	if inOwnProcess(t) {
		return
	}
	ctx := context.Background()
	c, err := OpenChDB(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetLimits(Limits{Time: time.Second, Rows: 10})
	r, err := c.Query(ctx, "SELECT number FROM numbers(1000000)")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(r.Rows); n < 11 || n >= 1000000 {
		t.Errorf("a million rows limited to 10: %d rows; want 11 or a block more, far from all", n)
	}
	start := time.Now()
	if _, err := c.Query(ctx, "SELECT sum(cityHash64(number)) FROM numbers(1000000000000)"); err == nil || !strings.Contains(err.Error(), "imeout") {
		t.Errorf("a query of hours: %v; want it stopped after a second, timeout exceeded", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("stopped after %v; want about a second", d)
	}
}

// inOwnProcess runs the test again in a process of its own, and reports
// true in the process that started it: chDB keeps one folder a process,
// and the package's other tests hold theirs.
func inOwnProcess(t *testing.T) bool {
	t.Helper()
	if os.Getenv("FISCALDOCS_OWN_PROCESS") == t.Name() {
		return false
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.v")
	cmd.Env = append(os.Environ(), "FISCALDOCS_OWN_PROCESS="+t.Name())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("in a process of its own: %v\n%s", err, out)
	}
	return true
}
