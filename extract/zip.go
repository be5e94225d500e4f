package extract

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// Limits bound what a zip-based reader (docx, later xlsx) decompresses, so
// that a zip bomb is refused instead of exhausting memory.
type Limits struct {
	MaxPart    int64 // bytes of one decompressed part
	MaxTotal   int64 // bytes decompressed from all parts together
	MaxEntries int   // entries in the archive's directory
}

// DefaultLimits are generous for real reports (the largest seen docx part is
// a few MB) and small enough to keep a worker's memory bounded.
var DefaultLimits = Limits{MaxPart: 64 << 20, MaxTotal: 256 << 20, MaxEntries: 10000}

var oleMagic = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")

// archive is an opened zip with a decompression budget.
type archive struct {
	files map[string]*zip.File
	lim   Limits
	used  int64 // decompressed bytes so far, against lim.MaxTotal
}

// openArchive opens r as a zip, telling an OLE container (encrypted OOXML
// or a legacy binary file) apart from plain garbage.
func openArchive(r io.ReaderAt, size int64, lim Limits) (*archive, error) {
	head := make([]byte, 8)
	n, _ := r.ReadAt(head, 0)
	if bytes.Equal(head[:n], oleMagic) {
		if oleHasEncryptedPackage(r, size) {
			return nil, &Error{Err: ErrEncrypted}
		}
		return nil, &Error{Err: ErrOLE}
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, &Error{Err: fmt.Errorf("%w: %v", ErrNotZip, err)}
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, &Error{Err: fmt.Errorf("%w: %d entries, limit %d", ErrTooMany, len(zr.File), lim.MaxEntries)}
	}
	a := &archive{files: make(map[string]*zip.File, len(zr.File)), lim: lim}
	for _, f := range zr.File {
		if _, dup := a.files[f.Name]; dup {
			// Readers disagree on which copy counts; refuse rather than
			// silently read one.
			return nil, &Error{Part: f.Name, Err: fmt.Errorf("%w: two archive entries of this name", ErrDamaged)}
		}
		a.files[f.Name] = f
	}
	return a, nil
}

// oleHasEncryptedPackage reports whether an OLE compound file names an
// "EncryptedPackage" stream, which is how Office stores a password-protected
// docx or xlsx. The directory may sit anywhere, so the first 8 MB are scanned.
func oleHasEncryptedPackage(r io.ReaderAt, size int64) bool {
	n := min(size, 8<<20)
	buf := make([]byte, n)
	m, _ := r.ReadAt(buf, 0)
	name := []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")
	return bytes.Contains(buf[:m], name)
}

// open returns a reader over a part's decompressed bytes that fails with
// ErrTooLarge past the part and total limits.
func (a *archive) open(name string) (io.ReadCloser, error) {
	f, ok := a.files[name]
	if !ok {
		return nil, &Error{Part: name, Err: ErrMissingPart}
	}
	if int64(f.UncompressedSize64) > a.lim.MaxPart {
		return nil, &Error{Part: name, Err: fmt.Errorf("%w: part declares %d bytes, limit %d", ErrTooLarge, f.UncompressedSize64, a.lim.MaxPart)}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &Error{Part: name, Err: err}
	}
	return &limitedPart{rc: rc, a: a, name: name, declared: int64(f.UncompressedSize64)}, nil
}

// read returns a whole part, within the limits.
func (a *archive) read(name string) ([]byte, error) {
	rc, err := a.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, err
	}
	return data, nil
}

// limitedPart counts decompressed bytes against both limits. The zip
// directory's declared size can lie, so the count is of real bytes.
type limitedPart struct {
	rc       io.ReadCloser
	a        *archive
	name     string
	n        int64
	declared int64 // the size the zip directory gives
}

func (p *limitedPart) Read(b []byte) (int, error) {
	n, err := p.rc.Read(b)
	p.n += int64(n)
	p.a.used += int64(n)
	switch {
	case p.n > p.a.lim.MaxPart:
		return n, &Error{Part: p.name, Err: fmt.Errorf("%w: part inflates past its limit of %d bytes (it declares %d)", ErrTooLarge, p.a.lim.MaxPart, p.declared)}
	case p.a.used > p.a.lim.MaxTotal:
		return n, &Error{Part: p.name, Err: fmt.Errorf("%w: archive inflates past its limit of %d decompressed bytes (%d so far)", ErrTooLarge, p.a.lim.MaxTotal, p.a.used)}
	}
	switch {
	case errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum):
		// archive/zip stops a part that inflates past its declared size
		// or fails its checksum: damaged, or a zip bomb with a false size.
		return n, &Error{Part: p.name, Err: fmt.Errorf("%w (it declares %d bytes)", ErrBadPart, p.declared)}
	case err != nil && !errors.Is(err, io.EOF):
		err = &Error{Part: p.name, Err: err}
	}
	return n, err
}

func (p *limitedPart) Close() error { return p.rc.Close() }
