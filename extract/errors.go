package extract

import (
	"errors"
	"strconv"
	"strings"
)

// Errors a reader returns, wrapped in an *Error that says where.
var (
	ErrNotZip       = errors.New("extract: not a zip archive")
	ErrEncrypted    = errors.New("extract: encrypted document (OLE container holding an EncryptedPackage)")
	ErrOLE          = errors.New("extract: OLE compound file (legacy .doc/.xls or encrypted OOXML), not a docx")
	ErrMissingPart  = errors.New("extract: required part missing")
	ErrTooLarge     = errors.New("extract: size limit exceeded")
	ErrTooMany      = errors.New("extract: too many archive entries")
	ErrUnsupported  = errors.New("extract: unsupported format")
	ErrParserPanic  = errors.New("extract: reader panicked")
	ErrBadEncoding  = errors.New("extract: text is neither UTF-8 nor GB18030")
	ErrBadBytes     = errors.New("extract: text not valid in its encoding")
	ErrEmpty        = errors.New("extract: empty document")
	ErrMalformedXML = errors.New("extract: malformed XML")
	ErrBadPart      = errors.New("extract: archive member inflates past its declared size or fails its checksum")
	ErrDamaged      = errors.New("extract: damaged document")
	ErrTimeout      = errors.New("extract: timed out")

	// The PDF reader's.
	ErrNoPdftotext = errors.New("extract: pdftotext not found (apt-get install poppler-utils poppler-data)")
	ErrNoText      = errors.New("extract: no text layer (scanned or image-only page)")
	ErrGarbledText = errors.New("extract: garbled text")
	ErrTooManyPage = errors.New("extract: too many pages")
	ErrNoTesseract = errors.New("extract: OCR needs tesseract with its Chinese model (apt-get install tesseract-ocr tesseract-ocr-chi-sim)")
	ErrOCROff      = errors.New("extract: OCR turned off")

	// The legacy-format conversion's.
	ErrNoSoffice = errors.New("extract: LibreOffice (soffice) is needed to read .doc and .xls files: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui")
)

// Error is a problem at a position in a document. It prints as
// "extract report.docx word/document.xml line 3: malformed XML: …".
type Error struct {
	File string // the document's path, when the caller knows it
	Part string // the archive member, for zip-based formats
	Line int    // line within Part or the text, 1-based; 0 if unknown
	Pos  Pos
	Err  error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("extract")
	for _, s := range []string{e.File, e.Part} {
		if s != "" {
			b.WriteByte(' ')
			b.WriteString(s)
		}
	}
	if e.Line > 0 {
		b.WriteString(" line ")
		b.WriteString(strconv.Itoa(e.Line))
	}
	if p := e.Pos.String(); p != "" {
		b.WriteByte(' ')
		b.WriteString(p)
	}
	b.WriteString(": ")
	b.WriteString(strings.TrimPrefix(e.Err.Error(), "extract: "))
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// withFile sets the file name on err when it is an *Error, so that a
// reader's errors name the document once the caller knows its path.
func withFile(err error, file string) error {
	var e *Error
	if errors.As(err, &e) && e.File == "" {
		e.File = file
		return err
	}
	if err != nil {
		return &Error{File: file, Err: err}
	}
	return nil
}
