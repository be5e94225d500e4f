package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Legacy Office files (.doc and .xls, and WPS's .wps and .et, which are
// the same binary formats) are read by converting them to docx or xlsx
// with LibreOffice in headless mode, then reading those. LibreOffice was
// right on 50/50 test files (shared notes); it may merge adjacent tables.

// DefaultConvertTimeout bounds one conversion.
const DefaultConvertTimeout = 2 * time.Minute

// Conversions are batched: one soffice runs at a time (each is a large
// process, and the other workers go on with PDFs and docx meanwhile), and
// when it is done it takes every conversion that arrived while it ran, up
// to maxBatch, in one call — LibreOffice's start-up is most of a small
// file's conversion (shared notes: 1.2–1.5 s a file alone, 0.4–0.6 s in a
// batch). A batch that fails as a whole (a file that hangs LibreOffice, or
// crashes it) is retried a file at a time, so that one bad file fails
// alone.
const maxBatch = 32

var batcher struct {
	sync.Mutex
	pending []*conversion
	running bool
}

// conversion is one file waiting for LibreOffice.
type conversion struct {
	ctx     context.Context
	in      string // the input file, named with its extension
	to      string // "docx" or "xlsx"
	timeout time.Duration
	done    chan struct{}
	out     []byte
	err     error
}

// convert turns the legacy file in r into the OOXML format named by to
// ("docx" or "xlsx") and returns its bytes. ext is the input's extension
// (".doc", ".xls"), which LibreOffice uses to pick its filter. Each run
// has a private profile in a temporary folder, removed afterwards, and is
// killed, with its children, at the timeout (for a batch: the longest
// timeout of its files, and 5 s more for each further file).
func convert(ctx context.Context, r io.ReaderAt, size int64, ext, to string, timeout time.Duration) ([]byte, error) {
	if _, err := sofficePath(); err != nil {
		return nil, err
	}
	if timeout <= 0 {
		timeout = DefaultConvertTimeout
	}
	dir, err := os.MkdirTemp("", "fiscaldocs-soffice-in-")
	if err != nil {
		return nil, &Error{Err: err}
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in"+ext)
	f, err := os.Create(in)
	if err != nil {
		return nil, &Error{Err: err}
	}
	_, err = io.Copy(f, io.NewSectionReader(r, 0, size))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, &Error{Err: err}
	}
	c := &conversion{ctx: ctx, in: in, to: to, timeout: timeout, done: make(chan struct{})}
	batcher.Lock()
	batcher.pending = append(batcher.pending, c)
	if !batcher.running {
		batcher.running = true
		go runBatches()
	}
	batcher.Unlock()
	select {
	case <-c.done:
		return c.out, c.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func sofficePath() (string, error) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if soffice, err = exec.LookPath("libreoffice"); err != nil {
			return "", &Error{Err: ErrNoSoffice}
		}
	}
	return soffice, nil
}

// runBatches converts what is pending, a batch per target format at a
// time, until nothing is.
func runBatches() {
	for {
		batcher.Lock()
		var batch, rest []*conversion
		for _, c := range batcher.pending {
			switch {
			case c.ctx.Err() != nil:
				c.err = c.ctx.Err()
				close(c.done)
			case len(batch) < maxBatch && (len(batch) == 0 || c.to == batch[0].to):
				batch = append(batch, c)
			default:
				rest = append(rest, c)
			}
		}
		batcher.pending = rest
		if len(batch) == 0 {
			batcher.running = false
			batcher.Unlock()
			return
		}
		batcher.Unlock()
		if failed := runSoffice(batch); len(batch) > 1 {
			for _, c := range failed {
				runSoffice([]*conversion{c})
			}
		}
		for _, c := range batch {
			if c.out == nil && c.err == nil {
				c.err = &Error{Err: fmt.Errorf("%w: LibreOffice gave no %s", ErrDamaged, c.to)}
			}
			close(c.done)
		}
	}
}

// runSoffice converts a batch in one soffice call and sets each
// conversion's output, or, for a batch of one, its error; it returns the
// conversions of a larger batch that came out with nothing, for a retry
// alone.
func runSoffice(batch []*conversion) (failed []*conversion) {
	fail := func(err error) []*conversion {
		if len(batch) > 1 {
			return batch
		}
		batch[0].err = err
		return nil
	}
	soffice, err := sofficePath()
	if err != nil {
		return fail(err)
	}
	dir, err := os.MkdirTemp("", "fiscaldocs-soffice-")
	if err != nil {
		return fail(&Error{Err: err})
	}
	defer os.RemoveAll(dir)
	timeout := time.Duration(0)
	args := []string{"--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
		"-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--convert-to", batch[0].to, "--outdir", filepath.Join(dir, "out")}
	for i, c := range batch {
		timeout = max(timeout, c.timeout)
		// Numbered names, so that two inputs never share an output.
		name := filepath.Join(dir, strconv.Itoa(i)+filepath.Ext(c.in))
		if err := os.Link(c.in, name); err != nil {
			return fail(&Error{Err: err})
		}
		args = append(args, name)
	}
	timeout += time.Duration(len(batch)-1) * 5 * time.Second
	ctx, cancel := context.WithTimeout(batch[0].ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	err = cmd.Run()
	if ctx.Err() == context.DeadlineExceeded {
		return fail(&Error{Err: fmt.Errorf("%w: LibreOffice took more than %s", ErrTimeout, timeout)})
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	for i, c := range batch {
		out, rerr := os.ReadFile(filepath.Join(dir, "out", strconv.Itoa(i)+"."+c.to))
		switch {
		case rerr == nil:
			c.out = out
		case len(batch) > 1:
			failed = append(failed, c)
		default:
			msg := strings.Join(strings.Fields(stderr.String()), " ")
			if err == nil {
				err = errors.New("no output")
			}
			c.err = &Error{Err: fmt.Errorf("%w: LibreOffice could not convert it to %s: %v %s", ErrDamaged, c.to, err, msg)}
		}
	}
	return failed
}
