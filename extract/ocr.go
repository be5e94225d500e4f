package extract

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// Scanned pages — those without a text layer — are read by optical
// character recognition: poppler's pdftoppm renders the page at 300 dpi in
// grey and tesseract (chi_sim, page segmentation mode 3, the only one that
// read table pages in the shared notes' test) returns word boxes as TSV,
// which become the same words the text layer would have given, so the
// layout and table rebuilding is shared. The blocks built from such pages
// are marked OCR, and normalize checks their figures before trusting them.

// ocrDPI is the rendering resolution: tesseract reads 10.5 pt Chinese
// reliably from 300 dpi.
const ocrDPI = 300

// ocrSlots bounds the tesseract processes running at once across all
// documents: one per CPU, each limited to one thread.
var ocrSlots = make(chan struct{}, runtime.GOMAXPROCS(0))

// tesseractOnce remembers whether tesseract and its Chinese model are here.
var tesseractOnce = sync.OnceValue(func() error {
	path, err := exec.LookPath("tesseract")
	if err != nil {
		return ErrNoTesseract
	}
	out, err := exec.Command(path, "--list-langs").CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("chi_sim")) {
		return ErrNoTesseract
	}
	return nil
})

// readScans reads the given pages of the PDF at path by OCR, each in its
// own goroutine bounded by ocrSlots, and returns them in the order asked.
// A page that fails stays unread: its error is in errs at the same index.
func readScans(ctx context.Context, path string, nums []int, opt PDFOptions) (pages []page, errs []error) {
	pages, errs = make([]page, len(nums)), make([]error, len(nums))
	var wg sync.WaitGroup
	for i, n := range nums {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case ocrSlots <- struct{}{}:
				defer func() { <-ocrSlots }()
			case <-ctx.Done():
				errs[i] = ctx.Err()
				return
			}
			pages[i], errs[i] = ocrPage(ctx, path, n, opt)
		}()
	}
	wg.Wait()
	return pages, errs
}

// ocrPage renders page n, erases its table rules, reads it with
// tesseract and reads its figures again on their own (refigure).
func ocrPage(ctx context.Context, path string, n int, opt PDFOptions) (page, error) {
	ctx, cancel := context.WithTimeout(ctx, opt.OCRTimeout)
	defer cancel()
	dir, err := os.MkdirTemp("", "fiscaldocs-ocr-")
	if err != nil {
		return page{}, err
	}
	defer os.RemoveAll(dir)
	img := filepath.Join(dir, "page")
	num := strconv.Itoa(n)
	_, warning, err := runWarn(ctx, opt.Pdftoppm, nil, "-r", strconv.Itoa(ocrDPI), "-gray", "-singlefile", "-f", num, "-l", num, path, img)
	if err != nil {
		return page{}, fmt.Errorf("pdftoppm: %w", err)
	}
	img += ".pgm"
	g, err := readPGM(img)
	if err != nil {
		return page{}, err
	}
	if g.w < minRender || g.h < minRender {
		// pdftoppm exits 0 with a 1×1 image when it cannot allocate the
		// page (an oversized page): a failure, not a blank page.
		return page{}, fmt.Errorf("pdftoppm rendered the page as %d×%d pixels: %s", g.w, g.h, cmp.Or(warning, "no message"))
	}
	g = deskew(g)
	eraseRules(g.pix, g.w, g.h, ocrDPI/2)
	if inkless(g) {
		return page{num: n, width: float64(g.w) * 72 / ocrDPI, height: float64(g.h) * 72 / ocrDPI}, nil // nothing to read: no tesseract
	}
	if err := writePGM(img, g); err != nil {
		return page{}, err
	}
	out, err := run(ctx, opt.Tesseract, []string{"OMP_THREAD_LIMIT=1"}, img, "stdout", "-l", "chi_sim", "--psm", "4", "tsv")
	if err != nil {
		return page{}, fmt.Errorf("tesseract: %w", err)
	}
	lines, w, h, err := parseOCRLines(out)
	if err != nil {
		return page{}, err
	}
	runs := joinRuns(lines)
	if err := refigure(ctx, runs, g, dir, opt); err != nil {
		return page{}, err
	}
	pg := toPage(runs, w, h, 72.0/ocrDPI)
	pg.num = n
	return pg, nil
}

// run runs a helper program and returns its standard output, or an error
// carrying the first line of its standard error.
func run(ctx context.Context, name string, env []string, args ...string) ([]byte, error) {
	out, _, err := runWarn(ctx, name, env, args...)
	return out, err
}

// minRender is the fewest pixels across a rendered page may have: a page
// of 2 pt at ocrDPI.
const minRender = 8

// runWarn is run that also returns the first line of standard error of a
// program that succeeded, other than poppler's syntax warnings.
func runWarn(ctx context.Context, name string, env []string, args ...string) ([]byte, string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &limitedWriter{w: &stdout, n: maxTSV}
	cmd.Stderr = &limitedWriter{w: &stderr, n: 64 << 10}
	err := cmd.Run()
	switch {
	case errors.Is(err, exec.ErrNotFound), errors.Is(err, fs.ErrNotExist):
		return nil, "", err
	case ctx.Err() == context.DeadlineExceeded:
		return nil, "", fmt.Errorf("%w", ErrTimeout)
	case ctx.Err() != nil:
		return nil, "", ctx.Err()
	case err != nil:
		return nil, "", fmt.Errorf("%v: %s", err, firstLine(stderr.String()))
	}
	warning := firstLine(stderr.String())
	if strings.HasPrefix(warning, "Syntax Warning") {
		warning = ""
	}
	return stdout.Bytes(), warning, nil
}

// ocrWord is one word box of tesseract's TSV, in pixels.
type ocrWord struct {
	x0, y0, x1, y1 float64
	text           string
	conf           float64 // tesseract's confidence, 0–100; the lowest of a run's words
	cut            bool    // x0, x1 are estimated: the word was cut at a bar
}

// ocrLine is one of tesseract's lines: its box and its words, in pixels.
type ocrLine struct {
	y0, y1 float64
	words  []ocrWord
}

// ocrRun is a run of tesseract's words joined into one word, in pixels:
// its ink box, its line's band (y0, y1 as a font's box would give them)
// and the line's number.
type ocrRun struct {
	ocrWord
	bandY0, bandY1 float64
	line           int
	room0, room1   float64 // how far a crop of it may reach left and right (refigure)
}

// parseOCR reads tesseract's TSV — the columns pdftotext -tsv has, with
// block, paragraph and line numbers — into a page of words in points
// (scale converts pixels); see joinRuns.
func parseOCR(out []byte, scale float64) (page, error) {
	lines, w, h, err := parseOCRLines(out)
	if err != nil {
		return page{}, err
	}
	return toPage(joinRuns(lines), w, h, scale), nil
}

// parseOCRLines reads tesseract's TSV into lines of words, dropping empty
// boxes and the table rules it reads as bars, and returns the page's size.
func parseOCRLines(out []byte) (lines []*ocrLine, width, height float64, err error) {
	byKey := map[string]*ocrLine{}
	err = tsvRows(out, func(_ int, f []string, num func(int) float64) error {
		key := f[2] + "/" + f[3] + "/" + f[4]
		switch f[0] {
		case "1":
			width, height = num(8), num(9)
		case "4":
			l := &ocrLine{y0: num(7), y1: num(7) + num(9)}
			lines = append(lines, l)
			byKey[key] = l
		case "5":
			if l := byKey[key]; l != nil {
				x, y := num(6), num(7)
				l.words = append(l.words, splitBars(ocrWord{x0: x, y0: y, x1: x + num(8), y1: y + num(9), text: strings.Join(f[11:], "\t"), conf: num(10)})...)
			}
		}
		return nil
	})
	return lines, width, height, err
}

// splitBars cuts a word at the bars tesseract reads table rules as, giving
// each piece its share of the box by its runes, and trims other rule
// marks; pieces left empty are dropped.
func splitBars(w ocrWord) []ocrWord {
	rs := []rune(w.text)
	var out []ocrWord
	start := 0
	for i := 0; i <= len(rs); i++ {
		if i < len(rs) && rs[i] != '|' && rs[i] != '｜' {
			continue
		}
		piece := w
		piece.x0 = w.x0 + (w.x1-w.x0)*float64(start)/float64(len(rs))
		piece.x1 = w.x0 + (w.x1-w.x0)*float64(i)/float64(len(rs))
		piece.text = cleanOCR(string(rs[start:i]))
		piece.cut = start > 0 || i < len(rs)
		if piece.text != "" {
			out = append(out, piece)
		}
		start = i + 1
	}
	return out
}

// joinRuns joins the words of each line where they stand closer than the
// line's height: tesseract's words for Chinese are single characters and
// its numbers come in groups ("91," "016," "775." "35"). No space is put
// between joined words; words that do not join stay apart, for the layout
// to make cells of.
func joinRuns(lines []*ocrLine) []*ocrRun {
	em := emSize(lines)
	var runs []*ocrRun
	for i, l := range lines {
		sort.SliceStable(l.words, func(a, b int) bool { return l.words[a].x0 < l.words[b].x0 })
		// The line's band as a font's box would give it, not the ink's:
		// a line of figures inks only 0.7 em.
		h := 1.15 * max(l.y1-l.y0, em)
		cy := (l.y0 + l.y1) / 2
		var run *ocrRun
		for _, w := range l.words {
			if run != nil && joins(run.text, w.text, w.x0-run.x1, h) {
				run.text += w.text
				run.x1 = max(run.x1, w.x1)
				run.y0, run.y1 = min(run.y0, w.y0), max(run.y1, w.y1)
				run.conf = min(run.conf, w.conf)
				run.cut = run.cut || w.cut
				continue
			}
			run = &ocrRun{ocrWord: w, bandY0: cy - h/2, bandY1: cy + h/2, line: i + 1}
			runs = append(runs, run)
		}
	}
	return joinGroups(runs)
}

// joinGroups joins the groups of a number that tesseract put in different
// blocks ("2,000." in one, "00" in the next; "1," apart from "188,720.00"):
// runs side by side on one row, the first ending in a separator and the
// next starting with a digit, or a digit and a separator.
func joinGroups(runs []*ocrRun) []*ocrRun {
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].x0 < runs[j].x0 })
	for _, a := range runs {
		if a.text == "" {
			continue
		}
		for again := true; again; {
			again = false
			l := lastRune(a.text)
			h := a.bandY1 - a.bandY0
			for _, b := range runs {
				if b == a || b.text == "" || b.line == a.line {
					continue
				}
				f := firstRune(b.text)
				cy := (b.bandY0 + b.bandY1) / 2
				gap := b.x0 - a.x1
				group := (l == ',' || l == '.') && unicode.IsDigit(f) || unicode.IsDigit(l) && (f == ',' || f == '.')
				if group && gap > -0.1*h && gap < 0.5*h && cy > a.bandY0 && cy < a.bandY1 {
					a.text += b.text
					a.x1 = max(a.x1, b.x1)
					a.conf = min(a.conf, b.conf)
					b.text = ""
					again = true
					break
				}
			}
		}
	}
	out := runs[:0]
	for _, r := range runs {
		if r.text != "" {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].line < out[j].line })
	return out
}

// toPage turns runs in pixels into a page of words in points.
func toPage(runs []*ocrRun, width, height, scale float64) page {
	pg := page{width: width * scale, height: height * scale}
	for _, r := range runs {
		if r.text == "" {
			continue
		}
		pg.words = append(pg.words, word{x0: r.x0 * scale, y0: r.bandY0 * scale, x1: r.x1 * scale, y1: r.bandY1 * scale, text: r.text, pline: r.line})
		pg.plines = max(pg.plines, r.line)
	}
	return pg
}

// emSize is the page's body text size in pixels: the median ink extent of
// its Han characters, which tesseract gives one word each; 0 if none.
func emSize(lines []*ocrLine) float64 {
	var sizes []float64
	for _, l := range lines {
		for _, w := range l.words {
			if r := []rune(w.text); len(r) == 1 && r[0] >= 0x4E00 && r[0] <= 0x9FFF {
				sizes = append(sizes, max(w.x1-w.x0, w.y1-w.y0))
			}
		}
	}
	if len(sizes) == 0 {
		return 0
	}
	sort.Float64s(sizes)
	return sizes[len(sizes)/2]
}

// cleanOCR trims the table rules tesseract reads as bars and underscores
// from a word, and drops words that are nothing else. In a word with
// digits, full-width separators become ASCII and a doubled separator one:
// "1,，" is "1,".
func cleanOCR(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("|｜_—¦[]", r)
	})
	if !strings.ContainsFunc(s, unicode.IsDigit) {
		return s
	}
	var b strings.Builder
	prev := rune(0)
	for _, r := range s {
		switch r {
		case '，':
			r = ','
		case '．', '。':
			r = '.'
		}
		if (r == ',' || r == '.') && (prev == ',' || prev == '.') {
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// joins reports whether tesseract word b, gap pixels right of word a on
// a line h pixels tall, continues a: Han characters closer than 0.8 h do,
// as do the groups of a number; a figure never joins a Han word, and
// Latin words, digits and quotes only across a narrow gap.
func joins(a, b string, gap, h float64) bool {
	l, f := lastRune(a), firstRune(b)
	switch {
	case gap >= 0.8*h:
		return false
	case (l == ',' || l == '.') && unicode.IsDigit(f) || unicode.IsDigit(l) && (f == ',' || f == '.'):
		return true // the next group of a number: "91," "016,"
	case unicode.IsDigit(l) && f >= 0x2E80 || l >= 0x2E80 && unicode.IsDigit(f):
		// A figure and a word: a cell's name and its amount may stand
		// as close as "为" and "2111.47" do; the layout puts them apart
		// and normalize reads "为 2111.47 万元" as "为2111.47万元".
		return false
	case strings.ContainsRune(strayChars, l) || strings.ContainsRune(strayChars, f):
		return gap < 0.3*h // a quote, or a speck read as one, between two cells
	case asciiWord(l) && asciiWord(f):
		return gap < 0.35*h
	case asciiWord(l) != asciiWord(f):
		return gap < 0.3*h
	}
	return true
}

// ocrReady says whether OCR can run with these options.
func (o PDFOptions) ocrReady() error {
	if o.Tesseract == "-" {
		return ErrOCROff
	}
	if o.Tesseract == "tesseract" {
		return tesseractOnce()
	}
	return nil
}

// grey is an 8-bit greyscale image.
type grey struct {
	pix  []byte
	w, h int
}

// readPGM reads a binary greyscale PGM (P5), as pdftoppm -gray writes it.
func readPGM(path string) (grey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return grey{}, err
	}
	// The header: "P5", width, height and maxval, separated by
	// whitespace, then one whitespace byte before the pixels.
	var f [4]int
	i := 2
	for k := 1; k < 4; k++ {
		for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
			i++
		}
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9' && f[k] < 1<<20; i++ {
			f[k] = f[k]*10 + int(b[i]-'0')
		}
	}
	w, h, head := f[1], f[2], i+1
	if !bytes.HasPrefix(b, []byte("P5")) || f[3] != 255 || w == 0 || h == 0 || len(b)-head < w*h {
		return grey{}, fmt.Errorf("pdftoppm: not an 8-bit greyscale PGM")
	}
	return grey{pix: b[head : head+w*h], w: w, h: h}, nil
}

func writePGM(path string, g grey) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "P5\n%d %d\n255\n", g.w, g.h)
	b.Write(g.pix)
	return os.WriteFile(path, b.Bytes(), 0o600)
}

// eraseRules whitens the table rules of a greyscale image: runs of ink,
// across or down, longer than minRun pixels (half an inch), which no
// character stroke is, with the grey fringe beside them. Faint grey rules
// count (anything darker than paper, 225 of 255): left standing, one made
// tesseract read "128.35" beside it as "之 868355". tesseract reads
// rules as "|", "1" or "_" and lets them join a cell's figures to its
// neighbours'; without them a ruled table reads like an unruled one.
func eraseRules(pix []byte, w, h, minRun int) {
	const dark, fringe = 225, 235
	erase := make([]bool, len(pix))
	// mark erases a run of n pixels from (x, y), across (dx=1) or down
	// (dy=1), and the grey pixels up to two away on either side of it.
	mark := func(x, y, dx, dy, n int) {
		for k := 0; k < n; k++ {
			px, py := x+k*dx, y+k*dy
			erase[py*w+px] = true
			for d := -2; d <= 2; d++ {
				qx, qy := px+d*dy, py+d*dx
				if d != 0 && qx >= 0 && qx < w && qy >= 0 && qy < h && pix[qy*w+qx] < fringe {
					erase[qy*w+qx] = true
				}
			}
		}
	}
	for y := 0; y < h; y++ {
		run := 0
		for x := 0; x <= w; x++ {
			if x < w && pix[y*w+x] < dark {
				run++
				continue
			}
			if run >= minRun {
				mark(x-run, y, 1, 0, run)
			}
			run = 0
		}
	}
	for x := 0; x < w; x++ {
		run := 0
		for y := 0; y <= h; y++ {
			if y < h && pix[y*w+x] < dark {
				run++
				continue
			}
			if run >= minRun {
				mark(x, y-run, 0, 1, run)
			}
			run = 0
		}
	}
	for i, e := range erase {
		if e {
			pix[i] = 255
		}
	}
}

// inkless reports whether a page, its rules erased, holds no ink to speak
// of (a page left empty but for a spilled table border): fewer dark
// pixels than two lines of text would have.
func inkless(g grey) bool {
	dark := 0
	for _, v := range g.pix {
		if v < 128 {
			dark++
		}
	}
	return dark < ocrDPI*ocrDPI/20
}

// deskew turns a page scanned at a slant straight again: tesseract reads
// a turned page, but its word boxes drift by several pixels across the
// page, and so do the rows the layout groups.
func deskew(g grey) grey {
	if a := skewAngle(g); a != 0 {
		return rotate(g, a)
	}
	return g
}

// skewAngle is the slant of a page's lines of ink, in degrees, within ±2°
// in steps of 0.05°: the angle whose rows are sharpest (the largest
// variance of the ink count per row), measured on a quarter-size sample
// of the page; 0 for a page straighter than a step.
func skewAngle(g grey) float64 {
	const step, limit, sample = 0.05, 2.0, 4
	var ink [][2]int // the sample's dark pixels
	for y := 0; y < g.h; y += sample {
		for x := 0; x < g.w; x += sample {
			if g.pix[y*g.w+x] < 128 {
				ink = append(ink, [2]int{x, y})
			}
		}
	}
	if len(ink) == 0 {
		return 0
	}
	rows := make([]float64, (g.h+g.w)/sample+8)
	sharpness := func(deg float64) float64 {
		t := math.Tan(deg * math.Pi / 180)
		clear(rows)
		for _, p := range ink {
			if r := int((float64(p[1])-t*float64(p[0]))/sample) + len(rows)/4; r >= 0 && r < len(rows) {
				rows[r]++
			}
		}
		mean, v := float64(len(ink))/float64(len(rows)), 0.0
		for _, n := range rows {
			v += (n - mean) * (n - mean)
		}
		return v
	}
	best, bestV := 0.0, sharpness(0)
	for i := -int(limit / step); i <= int(limit/step); i++ {
		deg := float64(i) * step
		if v := sharpness(deg); v > bestV*1.0001 {
			best, bestV = deg, v
		}
	}
	if math.Abs(best) < step/2 {
		return 0
	}
	return best
}

// rotate turns g by deg degrees about its centre (bilinear), so that a
// line slanting by deg comes out level; uncovered corners are white.
func rotate(g grey, deg float64) grey {
	out := grey{pix: make([]byte, len(g.pix)), w: g.w, h: g.h}
	sin, cos := math.Sincos(deg * math.Pi / 180)
	cx, cy := float64(g.w)/2, float64(g.h)/2
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= g.w || y >= g.h {
			return 255
		}
		return float64(g.pix[y*g.w+x])
	}
	for y := 0; y < g.h; y++ {
		for x := 0; x < g.w; x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			sx, sy := cos*dx-sin*dy+cx, sin*dx+cos*dy+cy
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			fx, fy := sx-float64(x0), sy-float64(y0)
			v := (at(x0, y0)*(1-fx)+at(x0+1, y0)*fx)*(1-fy) + (at(x0, y0+1)*(1-fx)+at(x0+1, y0+1)*fx)*fy
			out.pix[y*g.w+x] = uint8(v + 0.5)
		}
	}
	return out
}
