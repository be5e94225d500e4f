package extract

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// PDFOptions tune the PDF reader.
type PDFOptions struct {
	Pdftotext string        // the pdftotext binary; "" means "pdftotext" on PATH
	Timeout   time.Duration // per document; 0 means one minute
	MaxPages  int           // 0 means 2000
	MaxJunk   float64       // share of junk runes above which a page is garbled; 0 means 0.1
	// OCR of pages without a text layer: the programs ("" means
	// "pdftoppm" and "tesseract" on PATH; Tesseract "-" turns OCR off) and
	// a time limit per page (0 means two minutes).
	Pdftoppm, Tesseract string
	OCRTimeout          time.Duration
}

func (o PDFOptions) withDefaults() PDFOptions {
	if o.Pdftotext == "" {
		o.Pdftotext = "pdftotext"
	}
	if o.Timeout == 0 {
		o.Timeout = time.Minute
	}
	if o.MaxPages == 0 {
		o.MaxPages = 2000
	}
	if o.MaxJunk == 0 {
		o.MaxJunk = 0.1
	}
	if o.Pdftoppm == "" {
		o.Pdftoppm = "pdftoppm"
	}
	if o.Tesseract == "" {
		o.Tesseract = "tesseract"
	}
	if o.OCRTimeout == 0 {
		o.OCRTimeout = 2 * time.Minute
	}
	return o
}

// PDF reads a PDF's text layer with poppler's pdftotext (run as a separate
// process, with a timeout) and rebuilds lines, paragraphs and tables from
// its word boxes. It is the only code that knows poppler. Pages without
// text and pages of garbled text are recorded in Problems, so that OCR can
// take them up.
func PDF(ctx context.Context, r io.ReaderAt, size int64, opt PDFOptions) (*Document, error) {
	opt = opt.withDefaults()
	path, cleanup, err := fileFor(r, size)
	if err != nil {
		return nil, &Error{Err: err}
	}
	defer cleanup()
	out, err := runPdftotext(ctx, path, opt)
	if err != nil {
		return nil, err
	}
	pages, err := parseTSV(out)
	if err != nil {
		return nil, err
	}
	if len(pages) > opt.MaxPages {
		return nil, &Error{Err: fmt.Errorf("%w: %d, limit %d", ErrTooManyPage, len(pages), opt.MaxPages)}
	}
	doc := &Document{Format: "pdf", Pages: len(pages)}
	b := &pdfBuilder{doc: doc, ocr: map[int]bool{}}
	ocrPages(ctx, path, pages, doc, b.ocr, opt)
	for _, pg := range pages {
		if err := ctx.Err(); err != nil {
			return nil, err // the document's time is up: stop between pages
		}
		if len(pg.words) == 0 {
			continue // a Problem already
		}
		if junk := junkRatio(pg.words); junk > opt.MaxJunk {
			doc.Problems = append(doc.Problems, &Error{Pos: Pos{Page: pg.num}, Err: fmt.Errorf("%w (%.0f%% junk runes)", ErrGarbledText, junk*100)})
		}
		b.page(pg)
	}
	b.flush()
	return doc, ctx.Err()
}

// ocrPages reads the pages without a text layer by OCR, in place, and
// marks them in ocr. A page that stays unread — OCR unavailable, failed,
// or found nothing — is a Problem of doc.
func ocrPages(ctx context.Context, path string, pages []page, doc *Document, ocr map[int]bool, opt PDFOptions) {
	var blank []int
	for i, pg := range pages {
		if len(pg.words) == 0 {
			blank = append(blank, i)
		}
	}
	if len(blank) == 0 {
		return
	}
	if err := opt.ocrReady(); err != nil {
		for _, i := range blank {
			doc.Problems = append(doc.Problems, &Error{Pos: Pos{Page: pages[i].num}, Err: fmt.Errorf("%w; %s", ErrNoText, strings.TrimPrefix(err.Error(), "extract: "))})
		}
		return
	}
	nums := make([]int, len(blank))
	for k, i := range blank {
		nums[k] = pages[i].num
	}
	askTime(ctx, time.Duration(len(nums))*opt.OCRTimeout)
	read, errs := readScans(ctx, path, nums, opt)
	for k, i := range blank {
		switch {
		case errs[k] != nil:
			doc.Problems = append(doc.Problems, &Error{Pos: Pos{Page: nums[k]}, Err: fmt.Errorf("%w; OCR failed: %v", ErrNoText, errs[k])})
		case len(read[k].words) == 0:
			doc.Problems = append(doc.Problems, &Error{Pos: Pos{Page: nums[k]}, Err: fmt.Errorf("%w; OCR found no text", ErrNoText)})
		default:
			pages[i] = read[k]
			ocr[nums[k]] = true
		}
	}
}

// fileFor returns a path for r: the file's own when r is an *os.File,
// otherwise a temporary copy.
func fileFor(r io.ReaderAt, size int64) (string, func(), error) {
	if f, ok := r.(*os.File); ok {
		return f.Name(), func() {}, nil
	}
	tmp, err := os.CreateTemp("", "fiscaldocs-*.pdf")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.Remove(tmp.Name()) }
	if _, err := io.Copy(tmp, io.NewSectionReader(r, 0, size)); err != nil {
		tmp.Close()
		cleanup()
		return "", nil, err
	}
	if err := tmp.Close(); err != nil {
		cleanup()
		return "", nil, err
	}
	return tmp.Name(), cleanup, nil
}

// maxTSV bounds pdftotext's output: 256 MB of TSV is about 100k pages.
const maxTSV = 256 << 20

func runPdftotext(ctx context.Context, path string, opt PDFOptions) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	out, err := run(ctx, opt.Pdftotext, nil, "-tsv", "-enc", "UTF-8", path, "-")
	switch {
	case errors.Is(err, exec.ErrNotFound), errors.Is(err, fs.ErrNotExist):
		return nil, &Error{Err: ErrNoPdftotext}
	case errors.Is(err, ErrTimeout):
		return nil, &Error{Err: fmt.Errorf("%w after %s (pdftotext)", ErrTimeout, opt.Timeout)}
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case err != nil:
		msg := err.Error()
		if strings.Contains(msg, "Incorrect password") || strings.Contains(msg, "ncrypt") {
			return nil, &Error{Err: fmt.Errorf("%w: %s", ErrEncrypted, msg)}
		}
		return nil, &Error{Err: fmt.Errorf("%w: pdftotext: %s", ErrDamaged, msg)}
	}
	return out, nil
}

func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "Syntax Warning") {
			return l
		}
	}
	return strings.TrimSpace(s)
}

// limitedWriter fails once more than n bytes are written.
type limitedWriter struct {
	w     io.Writer
	n     int64 // bytes still allowed
	limit int64 // bytes allowed in all, for the message; 0 means n as first set
	wrote int64
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.limit == 0 {
		l.limit = l.n + l.wrote
	}
	if int64(len(p)) > l.n {
		return 0, fmt.Errorf("%w: output of %d bytes so far, limit %d", ErrTooLarge, l.wrote+int64(len(p)), l.limit)
	}
	l.n -= int64(len(p))
	l.wrote += int64(len(p))
	return l.w.Write(p)
}

// word is one pdftotext word box, in points from the page's top left, with
// poppler's line it belongs to.
type word struct {
	x0, y0, x1, y1 float64
	text           string
	pline          int     // poppler's (flow, block, line) numbered per page
	tabbed         bool    // a field of a tab-separated text line
	dx1            float64 // a text word's end in display columns (text_layout.go)
}

func (w word) h() float64  { return w.y1 - w.y0 }
func (w word) box() Box    { return Box{w.x0, w.y0, w.x1, w.y1} }
func (w word) cy() float64 { return (w.y0 + w.y1) / 2 }

type page struct {
	num           int
	width, height float64 // in points
	words         []word
	plines        int    // poppler lines seen so far
	lastKey       string // the last word's poppler line key
	text          bool   // laid out from plain text (text_layout.go)
}

// newWord makes a word box whose height is believable. Some producers
// (ONLYOFFICE among them) give boxes 3 pt or 22 pt tall around 12 pt text;
// the box's width over its characters (Han and full-width forms count one
// em, others about half) tells the font size, and the height is clamped
// to it around the box's centre.
func newWord(x, y, w, h float64, text string, pline int) word {
	cy := y + h/2
	if n := ems(text); n > 0 && w > 0 {
		em := w / n
		h = min(max(h, 0.8*em), 1.5*em)
	}
	return word{x0: x, y0: cy - h/2, x1: x + w, y1: cy + h/2, text: text, pline: pline}
}

// parseTSV reads pdftotext -tsv output: level 1 rows open pages, level 5
// rows are words.
func parseTSV(out []byte) ([]page, error) {
	var pages []page
	err := tsvRows(out, func(n int, f []string, num func(int) float64) error {
		switch f[0] {
		case "1":
			pages = append(pages, page{num: int(num(1)), width: num(8), height: num(9)})
		case "5":
			if len(pages) == 0 {
				return &Error{Line: n, Err: fmt.Errorf("%w: pdftotext word before any page", ErrDamaged)}
			}
			text := strings.Join(f[11:], "\t")
			if text == "" {
				return nil
			}
			pg := &pages[len(pages)-1]
			key := f[2] + "/" + f[3] + "/" + f[4]
			if key != pg.lastKey {
				pg.lastKey = key
				pg.plines++
			}
			pg.words = append(pg.words, newWord(num(6), num(7), num(8), num(9), text, pg.plines))
		}
		return nil
	})
	return pages, err
}

// tsvRows calls row for each row of the word-box TSV that pdftotext -tsv
// and tesseract write alike (level, page, two block numbers, line, word,
// left, top, width, height, confidence, text), after the header; n is the
// row's line number and num reads field i as a number.
func tsvRows(out []byte, row func(n int, f []string, num func(i int) float64) error) error {
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for n := 1; sc.Scan(); n++ {
		f := strings.Split(sc.Text(), "\t")
		if n == 1 || len(f) < 12 {
			continue
		}
		num := func(i int) float64 { v, _ := strconv.ParseFloat(f[i], 64); return v }
		if err := row(n, f, num); err != nil {
			return err
		}
	}
	return sc.Err()
}

// junkRatio is the share of runes that no text should hold: U+FFFD,
// private use, C0 controls and unassigned code points.
func junkRatio(words []word) float64 {
	total, junk := 0, 0
	for _, w := range words {
		for _, r := range w.text {
			total++
			if r == utf8.RuneError || unicode.Is(unicode.Co, r) || r < 0x20 || !unicode.IsGraphic(r) {
				junk++
			}
		}
	}
	if total == 0 {
		return 0
	}
	return float64(junk) / float64(total)
}
