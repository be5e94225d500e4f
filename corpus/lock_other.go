//go:build !unix

package corpus

import "errors"

// ErrBusy reports a crawl folder that another crawl is using.
var ErrBusy = errors.New("corpus: another crawl is using the folder")

// lockDir does nothing where flock is missing: run one crawl per folder.
func lockDir(dir string) (unlock func(), err error) { return func() {}, nil }
