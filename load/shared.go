package load

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Sharing the embedded store. chDB locks its folder for as long as a
// process holds it open, so one process at a time reads or writes it. A
// process that reads for a long time (fiscaldocs serve) takes turns with
// those that write (ingest, crawl --ingest): it holds the store through a
// Shared, which opens it for a query and lets go of it when idle, and at
// once when a writer asks. A writer asks by leaving its pid in the file
// wantFile when OpenChDB finds the store held by a reader that named
// itself in servingFile; it tries again until the reader has let go, for
// up to WaitForReader, and removes its request once it holds the store.
// The reader opens the store again for the next query after the writer is
// done; meanwhile its queries fail with ErrBusy.
const (
	servingFile = ".fiscaldocs-serving"
	wantFile    = ".fiscaldocs-want"
)

// WaitForReader is how long OpenChDB waits for a reader (fiscaldocs serve)
// to let go of the store.
var WaitForReader = 30 * time.Second

// ErrBusy says the shared store is held, or wanted, by a process that
// writes; a query may be tried again when that is done.
var ErrBusy = errors.New("load: the store is being updated by another process (an ingest); try again when it is done")

// Shared is the embedded store held by a long-running reader, for its
// queries only (Query). Its methods are safe for concurrent use.
type Shared struct {
	dir    string
	limits Limits

	mu     sync.Mutex
	c      *ChDB     // nil while let go
	active int       // queries running on c
	last   time.Time // when the last query ended
}

// OpenShared opens the embedded store in dir, which must exist, for a
// reader that shares it with writers: it says so in dir, and checks the
// store opens.
func OpenShared(ctx context.Context, dir string, l Limits) (*Shared, error) {
	if !HasChDB(dir) {
		return nil, fmt.Errorf("load: no store at %q; run ingest first", dir)
	}
	s := &Shared{dir: dir, limits: l}
	if err := os.WriteFile(filepath.Join(dir, servingFile), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.open(ctx); err != nil {
		os.Remove(filepath.Join(dir, servingFile))
		return nil, err
	}
	return s, nil
}

// open opens the store unless it is open; a writer that asks for it or
// holds it makes that ErrBusy. s.mu is held.
func (s *Shared) open(ctx context.Context) (*ChDB, error) {
	if s.c != nil {
		return s.c, nil
	}
	if waiting(s.dir) {
		return nil, ErrBusy
	}
	c, err := openChDBOnce(ctx, s.dir)
	if errors.Is(err, ErrInUse) {
		return nil, ErrBusy
	}
	if err != nil {
		return nil, err
	}
	c.SetLimits(s.limits)
	s.c = c
	return c, nil
}

// Query runs one statement read-only (ChDB.Query), opening the store if
// it was let go.
func (s *Shared) Query(ctx context.Context, sql string) (*Result, error) {
	s.mu.Lock()
	if s.c != nil && s.active == 0 && waiting(s.dir) {
		s.closeStore()
	}
	c, err := s.open(ctx)
	if err != nil {
		s.mu.Unlock()
		return nil, err
	}
	s.active++
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.active--
		s.last = time.Now()
		s.mu.Unlock()
	}()
	return c.Query(ctx, sql)
}

// LetGo closes the store if no query is running and it has been idle for
// idle, or a writer asks for it. The reader calls it every so often.
func (s *Shared) LetGo(idle time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.c != nil && s.active == 0 && (time.Since(s.last) >= idle || waiting(s.dir)) {
		s.closeStore()
	}
}

// Open reports whether the store is held now.
func (s *Shared) Open() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.c != nil
}

func (s *Shared) closeStore() {
	s.c.Close()
	s.c = nil
}

// Close lets go of the store for good.
func (s *Shared) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.c != nil {
		s.closeStore()
	}
	os.Remove(filepath.Join(s.dir, servingFile))
	return nil
}

// waiting reports whether a live process asks for the store in dir.
func waiting(dir string) bool { return alive(filepath.Join(dir, wantFile)) }

// alive reports whether the pid file names a live process other than
// this one.
func alive(pidFile string) bool {
	data, err := os.ReadFile(pidFile)
	if err != nil {
		return false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || pid <= 0 || pid == os.Getpid() {
		return false
	}
	err = syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// waitForReader opens the store held by a reader that shares it: it asks
// the reader to let go, and tries again until it may, or WaitForReader
// has passed, or ctx is done. It returns ErrInUse when no reader that
// shares it holds the store, or when the wait ran out.
func waitForReader(ctx context.Context, dir string) (*ChDB, error) {
	if !alive(filepath.Join(dir, servingFile)) {
		return nil, ErrInUse
	}
	want := filepath.Join(dir, wantFile)
	if err := os.WriteFile(want, []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	defer os.Remove(want)
	deadline := time.Now().Add(WaitForReader)
	for {
		c, err := openChDBOnce(ctx, dir)
		if !errors.Is(err, ErrInUse) || time.Now().After(deadline) {
			return c, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}
