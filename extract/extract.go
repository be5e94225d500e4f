package extract

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/fiscaldocs/fiscaldocs/corpus"
)

// Options tune File.
type Options struct {
	Limits Limits     // for zip-based formats; zero means DefaultLimits
	PDF    PDFOptions // for PDF
	// ConvertTimeout bounds LibreOffice's conversion of a .doc or .xls;
	// 0 means DefaultConvertTimeout.
	ConvertTimeout time.Duration
}

// budgetKey carries a document's deadline extender in a context.
type budgetKey struct{}

// WithBudget returns a context under which a reader may ask, through
// extend, for more time for the document than its caller's deadline
// allows: the OCR of a scanned page takes seconds where a text layer takes
// milliseconds, and waits its turn behind other documents' pages.
func WithBudget(ctx context.Context, extend func(time.Duration)) context.Context {
	return context.WithValue(ctx, budgetKey{}, extend)
}

// askTime asks the caller, if it allows it, for d more for the document.
func askTime(ctx context.Context, d time.Duration) {
	if extend, ok := ctx.Value(budgetKey{}).(func(time.Duration)); ok {
		extend(d)
	}
}

// File reads document d from r with the reader for its format. Any error,
// including a reader's panic, comes back as an *Error naming d.Path.
func File(ctx context.Context, d corpus.Doc, r io.ReaderAt, opt Options) (doc *Document, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	lim := opt.Limits
	if lim == (Limits{}) {
		lim = DefaultLimits
	}
	defer func() {
		if p := recover(); p != nil {
			doc, err = nil, &Error{File: d.Path, Err: fmt.Errorf("%w: %v", ErrParserPanic, p)}
		}
		if err != nil {
			err = withFile(err, d.Path)
			return
		}
		for _, p := range doc.Problems {
			if p.File == "" {
				p.File = d.Path
			}
		}
	}()
	switch d.Format {
	case corpus.Docx, corpus.Zip:
		// A zip that is not recognisably a docx is most often a damaged
		// one; the docx reader says what is wrong with it.
		return Docx(r, d.Size, lim)
	case corpus.Xlsx:
		return Xlsx(r, d.Size, lim)
	case corpus.Text:
		return Text(r, d.Size)
	case corpus.PDF:
		return PDF(ctx, r, d.Size, opt.PDF)
	case corpus.HTML:
		return HTML(r, d.Size)
	case corpus.WordDoc, corpus.Xls:
		return legacy(ctx, d, r, lim, opt.ConvertTimeout)
	case corpus.OLE:
		if _, err := openArchive(r, d.Size, lim); err != nil {
			return nil, err
		}
	}
	return nil, &Error{Err: fmt.Errorf("%w: %s (no reader for this format yet)", ErrUnsupported, d.Format)}
}

// legacy reads a .doc or .xls (or WPS's .wps and .et) by converting it to
// docx or xlsx with LibreOffice and reading that; the Document says which
// format it came from.
func legacy(ctx context.Context, d corpus.Doc, r io.ReaderAt, lim Limits, timeout time.Duration) (*Document, error) {
	if oleHasEncryptedPackage(r, d.Size) {
		return nil, &Error{Err: ErrEncrypted}
	}
	ext := strings.ToLower(filepath.Ext(d.Path))
	to, read := "docx", func(b []byte) (*Document, error) { return Docx(bytes.NewReader(b), int64(len(b)), lim) }
	if d.Format == corpus.Xls {
		to, read = "xlsx", func(b []byte) (*Document, error) { return Xlsx(bytes.NewReader(b), int64(len(b)), lim) }
	}
	out, err := convert(ctx, r, d.Size, ext, to, timeout)
	if err != nil {
		return nil, err
	}
	doc, err := read(out)
	if err != nil {
		return nil, err
	}
	doc.Format = string(d.Format)
	return doc, nil
}
