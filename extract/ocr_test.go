package extract

import (
	"errors"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// tsvLine is one tesseract TSV row.
func tsvLine(level, block, par, line int, x, y, w, h int, conf float64, text string) string {
	f := []string{strconv.Itoa(level), "1", strconv.Itoa(block), strconv.Itoa(par), strconv.Itoa(line), "0",
		strconv.Itoa(x), strconv.Itoa(y), strconv.Itoa(w), strconv.Itoa(h), strconv.FormatFloat(conf, 'f', -1, 64), text}
	return strings.Join(f, "\t")
}

func TestParseOCR(t *testing.T) {
	header := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
	rows := []string{header,
		tsvLine(1, 0, 0, 0, 0, 0, 3000, 2000, -1, ""),
		// A sentence: single Han characters, a figure beside them.
		tsvLine(4, 1, 1, 1, 100, 100, 900, 50, -1, ""),
		tsvLine(5, 1, 1, 1, 100, 100, 45, 50, 95, "支"),
		tsvLine(5, 1, 1, 1, 150, 100, 45, 50, 95, "出"),
		tsvLine(5, 1, 1, 1, 198, 100, 45, 50, 95, "为"),
		tsvLine(5, 1, 1, 1, 250, 105, 150, 40, 91, "2111.47"),
		tsvLine(5, 1, 1, 1, 405, 100, 45, 50, 95, "万"),
		tsvLine(5, 1, 1, 1, 452, 100, 45, 50, 95, "元"),
		// A table row: a figure in groups, split across two blocks, a
		// rule read as a bar, a full-width comma doubled, a bar inside
		// a word.
		tsvLine(4, 2, 1, 1, 100, 300, 600, 50, -1, ""),
		tsvLine(5, 2, 1, 1, 100, 300, 45, 50, 93, "合"),
		tsvLine(5, 2, 1, 1, 150, 300, 45, 50, 93, "计"),
		tsvLine(5, 2, 1, 1, 600, 300, 4, 60, 95, "|"),
		tsvLine(5, 2, 1, 1, 1000, 305, 30, 40, 90, "1,，"),
		tsvLine(5, 2, 1, 1, 1045, 305, 70, 40, 90, "016,"),
		tsvLine(5, 2, 1, 1, 1130, 305, 70, 40, 90, "775."),
		tsvLine(4, 3, 1, 1, 1215, 305, 40, 40, -1, ""),
		tsvLine(5, 3, 1, 1, 1215, 305, 40, 40, 90, "35"),
		tsvLine(4, 4, 1, 1, 1500, 305, 300, 40, -1, ""),
		tsvLine(5, 4, 1, 1, 1500, 305, 300, 40, 80, "1273.96|100"),
	}
	pg, err := parseOCR([]byte(strings.Join(rows, "\n")), 72.0/300)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range pg.words {
		got = append(got, w.text)
	}
	want := []string{"支出为", "2111.47", "万元", "合计", "1,016,775.35", "1273.96", "100"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("words %q, want %q", got, want)
	}
	if pg.width != 720 || pg.height != 480 {
		t.Errorf("page %v × %v pt, want 720 × 480", pg.width, pg.height)
	}
	// Boxes in points; a line's band is a font's, not the ink's.
	if w := pg.words[1]; math.Abs(w.x0-60) > 0.01 || w.y1-w.y0 < 12 {
		t.Errorf("2111.47 at x0 %.2f, height %.2f; want 60 and ≥ 12 pt", w.x0, w.y1-w.y0)
	}
}

func TestJoins(t *testing.T) {
	for _, c := range []struct {
		a, b string
		gap  float64
		want bool
	}{
		{"支", "出", 30, true},
		{"支", "出", 45, false}, // 0.9 of the line: another cell
		{"91,", "016,", 20, true},
		{"为", "2111.47", 2, false}, // a figure is its own word
		{"2111.47", "万", 2, false},
		{"100", "200", 20, false}, // two figures a space apart
		{"数", "”", 20, false},     // a speck read as a quote, between cells
		{"A", "B", 5, true},
	} {
		if got := joins(c.a, c.b, c.gap, 50); got != c.want {
			t.Errorf("joins(%q, %q, gap %v) = %v, want %v", c.a, c.b, c.gap, got, c.want)
		}
	}
}

func TestFigures(t *testing.T) {
	for s, want := range map[string]bool{"1,273.96": true, "335:97=": true, "1L00": true, "2021年": false, "行政": false, "2599xye": true, "ab1": true, "abcde12": false, "”253.12": true} {
		if isFigure(s) != want {
			t.Errorf("isFigure(%q) = %v", s, !want)
		}
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{{"1,511.89", "1511.89", true}, {"0603.14", "603.14", true}, {"0.50", ".50", true}, {"253.12", "253.42", false}, {"2111.47", "111.47", false}} {
		if sameFigure(c.a, c.b) != c.want {
			t.Errorf("sameFigure(%q, %q) = %v", c.a, c.b, !c.want)
		}
	}
	if !confirms("2000.397", "2000.39", true) || confirms("2000.397", "2000.39", false) || confirms("1111.47", "2111.47", true) {
		t.Error("confirms: a widened crop's reading may hold one stray digit more, no other")
	}
}

// picture makes a white greyscale image with black boxes.
func picture(w, h int, boxes ...[4]int) grey {
	g := grey{pix: make([]byte, w*h), w: w, h: h}
	for i := range g.pix {
		g.pix[i] = 255
	}
	for _, b := range boxes {
		for y := b[1]; y < b[3]; y++ {
			for x := b[0]; x < b[2]; x++ {
				g.pix[y*w+x] = 0
			}
		}
	}
	return g
}

func TestEraseRules(t *testing.T) {
	// A rule across, a rule down, and a "digit" touching neither.
	g := picture(600, 400, [4]int{10, 100, 590, 102}, [4]int{300, 10, 302, 390}, [4]int{100, 150, 118, 185})
	eraseRules(g.pix, g.w, g.h, 150)
	dark := func(x0, y0, x1, y1 int) int {
		n := 0
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				if g.pix[y*g.w+x] < 128 {
					n++
				}
			}
		}
		return n
	}
	if n := dark(0, 95, 600, 107); n != 0 {
		t.Errorf("%d dark pixels left of the rule across", n)
	}
	if n := dark(295, 0, 307, 400); n != 0 {
		t.Errorf("%d dark pixels left of the rule down", n)
	}
	if n := dark(100, 150, 118, 185); n != 18*35 {
		t.Errorf("the digit kept %d of %d pixels", n, 18*35)
	}
}

func TestDeskew(t *testing.T) {
	// Lines of "text": bars with gaps, as words on a page.
	var boxes [][4]int
	for y := 100; y < 1100; y += 60 {
		for x := 100; x < 1400; x += 130 {
			boxes = append(boxes, [4]int{x, y, x + 110, y + 30})
		}
	}
	level := picture(1500, 1200, boxes...)
	for _, deg := range []float64{0.6, -1.1} {
		turned := rotate(level, deg)
		if got := skewAngle(turned); math.Abs(got+deg) > 0.06 {
			t.Errorf("page turned by %v°: skew %v°, want %v°", deg, got, -deg)
		}
	}
	if got := skewAngle(level); got != 0 {
		t.Errorf("level page: skew %v°, want 0", got)
	}
}

// A scanned page without tesseract stays a problem that says why.
func TestPDFScanWithoutOCR(t *testing.T) {
	needPdftotext(t)
	data, err := os.ReadFile("../testdata/seed/panzhihua-npc-office-2021-scan.pdf")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		tesseract, want string
	}{{"-", "OCR turned off"}, {"/nonexistent/tesseract", "OCR failed"}} {
		doc, err := readPDF(t, data, PDFOptions{Tesseract: c.tesseract})
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Blocks) != 0 || len(doc.Problems) != 2 {
			t.Fatalf("%s: %d blocks, problems %v; want none and one per page", c.tesseract, len(doc.Blocks), doc.Problems)
		}
		for _, p := range doc.Problems {
			if !errors.Is(p, ErrNoText) || !strings.Contains(p.Error(), c.want) {
				t.Errorf("%s: problem %q; want no text layer, %s", c.tesseract, p, c.want)
			}
		}
	}
}

// The scanned fixture's two pages, read by OCR: blocks marked OCR, the
// table's figures as printed (its last row may stand apart from the
// others, a line of its own).
func TestPDFScan(t *testing.T) {
	needTesseract(t)
	data, err := os.ReadFile("../testdata/seed/panzhihua-npc-office-2021-scan.pdf")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := readPDF(t, data, PDFOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Problems) != 0 || doc.Pages != 2 {
		t.Fatalf("%d pages, problems %v", doc.Pages, doc.Problems)
	}
	var figures []string
	title := false
	for _, b := range doc.Blocks {
		if !b.OCR {
			t.Errorf("block %v not marked OCR", b.Pos)
		}
		title = title || strings.Contains(b.Text, "明细表")
		if !title {
			continue
		}
		for _, f := range strings.Fields(b.Text) {
			if strings.Contains(f, ".") && strings.Trim(strings.TrimSuffix(f, Doubtful), "0123456789.,") == "" {
				figures = append(figures, f)
			}
		}
	}
	// Each of the table's figures read exactly, or marked doubtful; no
	// figure that is not on the page.
	want := map[string]bool{}
	for _, f := range strings.Fields("1273.96 170.51 15.46 8.49 24.06 35.97 1.71 253.12 19.70 0.50 128.35 1792.45 1532.38 579.08 18.85 17.46 1.39 92.63 7.37") {
		want[f] = true
	}
	exact := 0
	for _, f := range figures {
		switch {
		case want[f]:
			exact++
		case !strings.HasSuffix(f, Doubtful):
			t.Errorf("figure %q is not on the page", f)
		}
	}
	if exact < 14 {
		t.Errorf("%d figures exact (%q), want ≥ 14 of the 15 the two pages' table and text hold", exact, figures)
	}
}
