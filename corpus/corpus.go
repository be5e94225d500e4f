// Package corpus is the first stage of the pipeline: it finds documents
// (in files and folders, and on portals it crawls into a folder),
// identifies each by the SHA-256 of its bytes, and tells its format from
// those bytes rather than from its name. Package extract reads what corpus
// finds; a crawl's manifest gives each document its source URL.
//
// Functions here are synchronous; Walk calls its callback on the caller's
// goroutine, and a Crawler makes one request at a time.
package corpus

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Format is a document's file format, as told by its bytes.
type Format string

// The formats corpus recognises.
const (
	Docx    Format = "docx"
	Xlsx    Format = "xlsx"
	PDF     Format = "pdf"
	WordDoc Format = "doc" // legacy Word binary
	Xls     Format = "xls"
	OLE     Format = "ole" // an OLE compound file of unknown kind: legacy Office or encrypted OOXML
	HTML    Format = "html"
	Text    Format = "txt"
	Zip     Format = "zip" // a zip that is neither docx nor xlsx
	Unknown Format = "unknown"
)

// Doc identifies one document.
type Doc struct {
	Path   string
	SHA256 string // lowercase hex of the SHA-256 of the file's bytes
	Size   int64  // in bytes
	Format Format
}

// Open opens the file at path and identifies it. The caller closes the
// returned file, which the extract readers then read through io.ReaderAt.
func Open(path string) (Doc, *os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		if st, serr := os.Stat(path); serr == nil && st.IsDir() {
			return Doc{}, nil, fmt.Errorf("corpus: folder %q cannot be read: %w", path, unwrapPath(err))
		}
		return Doc{}, nil, fileErr(err)
	}
	d, err := Identify(path, f)
	if err != nil {
		f.Close()
		return Doc{}, nil, err
	}
	return d, f, nil
}

// Identify hashes f and sniffs its format.
func Identify(path string, f *os.File) (Doc, error) {
	st, err := f.Stat()
	if err != nil {
		return Doc{}, fileErr(err)
	}
	if st.IsDir() {
		if _, err := f.ReadDir(1); err != nil && err != io.EOF {
			return Doc{}, fmt.Errorf("corpus: folder %q cannot be read: %w", path, unwrapPath(err))
		}
		return Doc{}, fmt.Errorf("corpus: %q is a folder", path)
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, st.Size())); err != nil {
		return Doc{}, fmt.Errorf("corpus: read %q: %w", path, unwrapPath(err))
	}
	return Doc{
		Path:   path,
		SHA256: hex.EncodeToString(h.Sum(nil)),
		Size:   st.Size(),
		Format: Sniff(f, st.Size(), filepath.Ext(path)),
	}, nil
}

// fileErr is an error of the file system as corpus tells it, with the
// path quoted (%q): a name with a line break or a terminal escape in it
// can then neither forge a log line nor hide one.
func fileErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("corpus: %s %q: %w", pe.Op, pe.Path, pe.Err)
	}
	return fmt.Errorf("corpus: %w", err)
}

// unwrapPath is the cause a *fs.PathError carries, for a message that
// names the path itself.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var (
	oleMagic = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	zipMagic = []byte("PK\x03\x04")
)

// Sniff tells a document's format from its bytes. The name's extension
// (ext, with its dot) only separates kinds that share a container, such
// as .doc and .xls inside OLE files.
func Sniff(r io.ReaderAt, size int64, ext string) Format {
	head := make([]byte, 512)
	n, _ := r.ReadAt(head, 0)
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return PDF
	case bytes.HasPrefix(head, oleMagic):
		switch strings.ToLower(ext) {
		case ".doc", ".wps":
			return WordDoc
		case ".xls", ".et":
			return Xls
		}
		return OLE
	case bytes.HasPrefix(head, zipMagic), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return sniffZip(r, size)
	case looksHTML(head):
		return HTML
	case n > 0 && !bytes.Contains(head, []byte{0}):
		return Text
	}
	return Unknown
}

func sniffZip(r io.ReaderAt, size int64) Format {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return Zip
	}
	for _, f := range zr.File {
		switch {
		case f.Name == "word/document.xml":
			return Docx
		case f.Name == "xl/workbook.xml":
			return Xlsx
		}
	}
	return Zip
}

func looksHTML(head []byte) bool {
	h := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n"))
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<!--"} {
		if bytes.HasPrefix(h, []byte(p)) {
			return true
		}
	}
	return false
}

// Walk calls fn with the path of every regular file under root (or root
// itself when it is a file), in lexical order, skipping hidden files and
// folders and crawl manifests. A folder that cannot be read is passed to
// fn too, for Open to fail on it with the reason, and the walk goes on
// with its siblings: a caller that treats each path as a document then
// reports the folder as one that failed. An error from fn stops the walk
// and is returned.
func Walk(root string, fn func(path string) error) error {
	st, err := os.Stat(root)
	if err != nil || !st.IsDir() {
		if err == nil && (!st.Mode().IsRegular() || st.Name() == ManifestName) {
			return nil
		}
		return fn(root) // a file, or a path Open fails on
	}
	return walkFS(os.DirFS(root), root, fn)
}

// walkFS is Walk over the folder root, opened as fsys.
func walkFS(fsys fs.FS, root string, fn func(path string) error) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err != nil {
			return fn(path) // a folder that cannot be read (fs.WalkDir goes on with what it could)
		}
		if name != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || d.Name() == ManifestName {
			return nil
		}
		return fn(path)
	})
}
