package extract

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// Figures are what OCR must not get wrong, and what tesseract's Chinese
// model reads worst: a figure beside a rule's remains or a speck comes
// back as "335:97=" or "”253.12". So every run that is a figure is read a
// second time on its own: the runs are cropped from the page, stacked one
// per line in a strip, and the strip is read in one tesseract call with
// the English model restricted to digits and separators. Where the two
// readings differ, the second is kept when it is a well-formed figure.

// figureChars are the characters the second reading may return.
const figureChars = "0123456789.,-%"

// isFigure reports whether an OCR run looks like a figure, perhaps
// misread: it has digits, making a third of it at least, and no Han
// ("2599xye" was 35.97 beside a rule's remains; 2021年 is a date).
func isFigure(s string) bool {
	digits, n := 0, 0
	for _, r := range s {
		n++
		switch {
		case unicode.IsDigit(r):
			digits++
		case r >= 0x2E80:
			return false
		}
	}
	return digits > 0 && 3*digits >= n
}

// strayChars around a figure are noise, never part of it.
const strayChars = "\"'“”‘’`:;=~^*·•「」"

// refigure reads the figure runs of a page again and settles each: where
// the second reading agrees with the first, that figure stands; else more
// readings are taken (below), and a figure none confirms is marked
// Doubtful, as is one that no reading makes a well-formed figure of.
func refigure(ctx context.Context, runs []*ocrRun, g grey, dir string, opt PDFOptions) error {
	var figs []*ocrRun
	for i, r := range runs {
		if !isFigure(r.text) {
			continue
		}
		// The room around the run, up to its neighbours on the line.
		r.room0, r.room1 = 0, float64(g.w)
		for _, o := range runs[max(i-40, 0):min(i+40, len(runs))] {
			if o == r || o.y1 < r.y0 || o.y0 > r.y1 {
				continue
			}
			// By where they start: a box may overrun its neighbour's.
			if o.x0 < r.x0 {
				r.room0 = max(r.room0, min(o.x1+2, r.x0))
			} else {
				r.room1 = min(r.room1, o.x0-2)
			}
		}
		// A figure in running text ("为2111.47万元"), close to words on
		// both sides, cannot be cropped from them: tesseract's boxes
		// there are a digit off, and the crop loses one. Its first
		// reading stands if it is a figure; otherwise it is doubtful.
		if h := r.y1 - r.y0; r.room0 > r.x0-h/2 && r.room1 < r.x1+h/2 {
			if t := strings.Trim(r.text, strayChars); numericRe.MatchString(t) {
				r.text = t
			} else {
				r.text += Doubtful
			}
			continue
		}
		figs = append(figs, r)
	}
	if len(figs) == 0 {
		return nil
	}
	second, err := readFigures(ctx, g, figs, 1, false, filepath.Join(dir, "figures.pgm"), opt)
	if err != nil {
		return err
	}
	var open []*ocrRun
	var firsts, seconds []string
	for i, r := range figs {
		a, b := strings.Trim(r.text, strayChars), second[i].text
		okA, okB := numericRe.MatchString(a), numericRe.MatchString(b)
		switch {
		case !okA && okB && ungroupedRe.MatchString(a) && sameFigure(a, b):
			r.text = b // "1188,720.00": a separator lost, the digits agree
		case okA && okB && sameFigure(a, b):
			r.text = b
			if strings.Contains(a, ",") && !strings.Contains(b, ",") {
				r.text = a // a separator the second reading missed
			}
		case okA || okB:
			if !okA {
				a = ""
			}
			if !okB {
				b = ""
			}
			open = append(open, r)
			firsts, seconds = append(firsts, a), append(seconds, b)
		default:
			r.text += Doubtful
		}
	}
	// Then at twice the size, as cropped and widened towards the
	// neighbours (tesseract's box may leave a digit out: "2111.47" cropped
	// reads "111.47", at both sizes). The first reading, of the figure in
	// its context by the Chinese model, stands when either confirms it;
	// the second, when the cropped one confirms it confidently (80 of 100)
	// and the widened one agrees. The crop readings alone do not outvote
	// the first otherwise: on one font all read 578,040.00 as 978,040.00.
	if len(open) == 0 {
		return nil
	}
	tight, err := readFigures(ctx, g, open, 2, false, filepath.Join(dir, "figures2.pgm"), opt)
	if err != nil {
		return err
	}
	wide, err := readFigures(ctx, g, open, 2, true, filepath.Join(dir, "figures3.pgm"), opt)
	if err != nil {
		return err
	}
	for i, r := range open {
		a, b, t, w := firsts[i], seconds[i], tight[i], wide[i].text
		contradicted := a != "" && (numericRe.MatchString(t.text) && !sameFigure(t.text, a) || numericRe.MatchString(w) && !confirms(w, a, true))
		switch {
		case a != "" && (t.conf >= 80 && confirms(t.text, a, false) || confirms(w, a, true)):
			r.text = a
		case b != "" && t.conf >= 80 && confirms(t.text, b, false) && confirms(w, b, false):
			r.text = b
		case a != "" && b == "" && !contradicted:
			// The crops gave no figure at all: the crop, not the
			// figure, was at fault.
			r.text = a
		case a != "":
			r.text = a + Doubtful
		default:
			r.text = b + Doubtful
		}
	}
	return nil
}

// confirms reports whether reading c agrees with figure f; a widened
// crop's reading may hold a stray digit more, read from a neighbour's
// edge ("2000.397" for 2000.39).
func confirms(c, f string, wide bool) bool {
	if numericRe.MatchString(c) && sameFigure(c, f) {
		return true
	}
	c, f = strings.ReplaceAll(c, ",", ""), strings.ReplaceAll(f, ",", "")
	return wide && len(c) == len(f)+1 && (strings.HasPrefix(c, f) || strings.HasSuffix(c, f))
}

// ungroupedRe is a figure whose thousands separators are wrong or missing.
var ungroupedRe = regexp.MustCompile(`^[-+]?\d[\d,]*(?:\.\d+)?%?$`)

// sameFigure reports whether two figures have one value:
// "1,511.89" and "1511.89", "0603.14" and "603.14".
func sameFigure(a, b string) bool {
	norm := func(s string) string {
		s = strings.TrimLeft(strings.ReplaceAll(s, ",", ""), "0")
		if s == "" || s[0] == '.' {
			s = "0" + s
		}
		return s
	}
	return norm(a) == norm(b)
}

// Doubtful follows an OCR figure whose readings disagree: the figure shown
// is tesseract's first reading, and it must not be taken for exact.
const Doubtful = "⁇"

// readFigures reads the runs' crops, enlarged by scale and widened if
// wide, stacked in a strip
// written to path, with the English model restricted to figures.
func readFigures(ctx context.Context, g grey, runs []*ocrRun, scale int, wide bool, path string, opt PDFOptions) ([]ocrWord, error) {
	strip, rows := stackCrops(g, runs, scale, wide)
	if d := os.Getenv("OCRDEBUG"); d != "" {
		writePGM(d+"/"+filepath.Base(path), strip)
	}
	if err := writePGM(path, strip); err != nil {
		return nil, err
	}
	out, err := run(ctx, opt.Tesseract, []string{"OMP_THREAD_LIMIT=1"}, path, "stdout", "-l", "eng", "--psm", "6",
		"-c", "tessedit_char_whitelist="+figureChars, "tsv")
	if err != nil {
		return nil, fmt.Errorf("tesseract (figures): %w", err)
	}
	return readStrip(out, rows), nil
}

// stackCrops copies each run's ink box, with a margin and in black and
// white (a scan's grey paper and speckle misled the digit reading: 253.12
// read as 253.42), into a white strip,
// one under another with a blank line between, and returns the strip and
// the band of rows each crop occupies.
func stackCrops(g grey, runs []*ocrRun, scale int, wide bool) (grey, [][2]int) {
	const pad, gap = 6, 30
	width, height := 0, gap
	rows := make([][2]int, len(runs))
	type box struct{ x0, y0, x1, y1 int }
	boxes := make([]box, len(runs))
	for i, r := range runs {
		y0, y1 := max(int(r.y0)-pad, 0), min(int(r.y1)+pad, g.h)
		// tesseract's boxes for figures are approximate (the LSTM places
		// them: "1273.96" boxed from half a digit late to well into the
		// 万元 after it), so a crop reaches a quarter of a line either way,
		// never into the neighbours' boxes, which may be as wrong; a wide
		// crop reaches a whole line either way, whatever stands there, so
		// that its reading does not share the other crops' bounds.
		h := r.y1 - r.y0
		x0, x1 := int(max(r.x0-h/4, r.room0)), int(min(r.x1+h/4, r.room1))
		if wide {
			x0, x1 = int(r.x0-h), int(r.x1+h)
		}
		if r.cut {
			x0, x1 = growInk(g, x0, y0, y1, -1, y1-y0), growInk(g, x1, y0, y1, 1, y1-y0)
		}
		b := box{max(x0, 0), y0, min(x1, g.w), y1}
		boxes[i] = b
		width = max(width, (b.x1-b.x0)*scale+2*gap)
		rows[i] = [2]int{height, height + (b.y1-b.y0)*scale}
		height += (b.y1-b.y0)*scale + gap
	}
	s := grey{pix: bytes.Repeat([]byte{255}, width*height), w: width, h: height}
	for i, b := range boxes {
		var hist [256]int
		for y := b.y0; y < b.y1; y++ {
			for _, v := range g.pix[y*g.w+b.x0 : y*g.w+b.x1] {
				hist[v]++
			}
		}
		t := otsu(&hist)
		for y := 0; y < (b.y1-b.y0)*scale; y++ {
			row := s.pix[(rows[i][0]+y)*width+gap:]
			for x := 0; x < (b.x1-b.x0)*scale; x++ {
				if sample(g, b.x0, b.y0, x, y, scale) <= t {
					row[x] = 0
				}
			}
		}
	}
	return s, rows
}

// sample is the grey at (x, y) of a crop from (x0, y0) enlarged by scale,
// interpolated bilinearly.
func sample(g grey, x0, y0, x, y, scale int) uint8 {
	if scale == 1 {
		return g.pix[(y0+y)*g.w+x0+x]
	}
	fx, fy := float64(x)/float64(scale), float64(y)/float64(scale)
	ix, iy := int(fx), int(fy)
	ax, ay := fx-float64(ix), fy-float64(iy)
	at := func(x, y int) float64 {
		x, y = min(x0+x, g.w-1), min(y0+y, g.h-1)
		return float64(g.pix[y*g.w+x])
	}
	v := (at(ix, iy)*(1-ax)+at(ix+1, iy)*ax)*(1-ay) + (at(ix, iy+1)*(1-ax)+at(ix+1, iy+1)*ax)*ay
	return uint8(v)
}

// otsu is the threshold that best splits a histogram into ink and paper.
func otsu(hist *[256]int) uint8 {
	total, sum := 0, 0
	for v, n := range hist {
		total += n
		sum += v * n
	}
	best, t := -1.0, 127
	wb, sb := 0, 0
	for v, n := range hist {
		wb += n
		sb += v * n
		wf := total - wb
		if wb == 0 || wf == 0 {
			continue
		}
		mb, mf := float64(sb)/float64(wb), float64(sum-sb)/float64(wf)
		if between := float64(wb) * float64(wf) * (mb - mf) * (mb - mf); between > best {
			best, t = between, v
		}
	}
	return uint8(t)
}

// growInk moves edge x of a box outwards (dir -1 or 1) while the column
// there holds ink between rows y0 and y1, by at most limit pixels: an ink
// box split by the bar it was read with, whose edges are estimates, then
// still covers its last character.
func growInk(g grey, x, y0, y1, dir, limit int) int {
	x = min(max(x, 0), g.w-1)
	for n := 0; n < limit; n++ {
		next := x + dir
		if next < 0 || next >= g.w {
			break
		}
		ink := false
		for y := y0; y < y1 && !ink; y++ {
			ink = g.pix[y*g.w+next] < 128
		}
		if !ink {
			break
		}
		x = next
	}
	if dir > 0 {
		x++
	}
	return x
}

// readStrip reads tesseract's TSV of a strip: the words whose centre lies
// in a crop's band, left to right, joined, with their lowest confidence,
// for each crop.
func readStrip(out []byte, rows [][2]int) []ocrWord {
	type piece struct {
		x    float64
		text string
		conf float64
	}
	pieces := make([][]piece, len(rows))
	tsvRows(out, func(_ int, f []string, num func(int) float64) error {
		if f[0] != "5" {
			return nil
		}
		cy := num(7) + num(9)/2
		k := sort.Search(len(rows), func(k int) bool { return float64(rows[k][1]) >= cy })
		if k < len(rows) && float64(rows[k][0]) <= cy {
			pieces[k] = append(pieces[k], piece{num(6), strings.TrimSpace(f[11]), num(10)})
		}
		return nil
	})
	words := make([]ocrWord, len(rows))
	for k, ps := range pieces {
		sort.Slice(ps, func(i, j int) bool { return ps[i].x < ps[j].x })
		words[k].conf = 100
		for _, p := range ps {
			words[k].text += p.text
			words[k].conf = min(words[k].conf, p.conf)
		}
	}
	return words
}
