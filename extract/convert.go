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

// sofficeMu lets one soffice run at a time: each is a large process, and
// the machine's other workers go on with PDFs and docx meanwhile.
var sofficeMu sync.Mutex

// convert turns the legacy file in r into the OOXML format named by to
// ("docx" or "xlsx") and returns its bytes. ext is the input's extension
// (".doc", ".xls"), which LibreOffice uses to pick its filter. Each run
// has a private profile in a temporary folder, removed afterwards, and is
// killed, with its children, at the timeout.
func convert(ctx context.Context, r io.ReaderAt, size int64, ext, to string, timeout time.Duration) ([]byte, error) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if soffice, err = exec.LookPath("libreoffice"); err != nil {
			return nil, &Error{Err: ErrNoSoffice}
		}
	}
	if timeout <= 0 {
		timeout = DefaultConvertTimeout
	}
	dir, err := os.MkdirTemp("", "fiscaldocs-soffice-")
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

	sofficeMu.Lock()
	defer sofficeMu.Unlock()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
		"-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", to, "--outdir", filepath.Join(dir, "out"), in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	err = cmd.Run()
	if ctx.Err() == context.DeadlineExceeded {
		return nil, &Error{Err: fmt.Errorf("%w: LibreOffice took more than %s", ErrTimeout, timeout)}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out, rerr := os.ReadFile(filepath.Join(dir, "out", "in."+to))
	if rerr != nil {
		msg := strings.Join(strings.Fields(stderr.String()), " ")
		if err == nil {
			err = errors.New("no output")
		}
		return nil, &Error{Err: fmt.Errorf("%w: LibreOffice could not convert it to %s: %v %s", ErrDamaged, to, err, msg)}
	}
	return out, nil
}
