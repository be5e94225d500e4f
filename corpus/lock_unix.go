//go:build unix

package corpus

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// ErrBusy reports a crawl folder that another crawl is using.
var ErrBusy = errors.New("corpus: another crawl is using the folder")

// lockDir takes the folder's crawl lock, so that two crawls (a cron line
// firing while the last run goes on) never write one manifest at once.
// The lock goes with the process, however it ends.
func lockDir(dir string) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, ".crawl.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fileErr(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: %q", ErrBusy, dir)
		}
		return nil, fmt.Errorf("corpus: lock %q: %w", dir, err)
	}
	return func() { f.Close() }, nil
}
