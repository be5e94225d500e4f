// Command mkscan makes a scanned PDF from pages of a printed one, as a
// fixture for the OCR reader: each page is rendered in grey with poppler's
// pdftoppm, turned a little as a page fed by hand is, given the speckle of
// a scanner, saved as a JPEG and wrapped in a PDF that has no text layer.
//
//	go run ./testdata/mkscan -in printed.pdf -pages 5,6 -out testdata/seed/panzhihua-npc-office-2021-scan.pdf
//
// The printed PDF is the seed's web page printed by Chromium (make
// fixtures). The noise is seeded, so a run gives the same file.
//
// It is a fixture maker, not part of fiscaldocs.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	in := flag.String("in", "", "the printed PDF")
	pages := flag.String("pages", "1", "the pages to scan, comma-separated")
	dpi := flag.Int("dpi", 300, "the scan's resolution")
	skew := flag.Float64("skew", 0.3, "how far each page is turned, in degrees")
	out := flag.String("out", "scan.pdf", "the scanned PDF to write")
	flag.Parse()
	dir, err := os.MkdirTemp("", "mkscan-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	var imgs []*image.Gray
	for i, p := range strings.Split(*pages, ",") {
		root := filepath.Join(dir, "p"+p)
		cmd := exec.Command("pdftoppm", "-r", strconv.Itoa(*dpi), "-gray", "-png", "-singlefile", "-f", p, "-l", p, *in, root)
		if msg, err := cmd.CombinedOutput(); err != nil {
			log.Fatalf("pdftoppm page %s: %v %s", p, err, msg)
		}
		f, err := os.Open(root + ".png")
		if err != nil {
			log.Fatal(err)
		}
		src, err := png.Decode(f)
		f.Close()
		if err != nil {
			log.Fatal(err)
		}
		angle := *skew
		if i%2 == 1 {
			angle = -angle * 0.6
		}
		imgs = append(imgs, scan(src, angle, rand.New(rand.NewPCG(uint64(i)+1, 7))))
	}
	if err := os.WriteFile(*out, imagePDF(imgs, *dpi), 0o644); err != nil {
		log.Fatal(err)
	}
}

// scan turns src by angle degrees about its centre (bilinear), greys the
// paper a little and adds speckle.
func scan(src image.Image, angle float64, rng *rand.Rand) *image.Gray {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	g := image.NewGray(image.Rect(0, 0, w, h))
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 255
		}
		return float64(color.GrayModel.Convert(src.At(b.Min.X+x, b.Min.Y+y)).(color.Gray).Y)
	}
	sin, cos := math.Sincos(angle * math.Pi / 180)
	cx, cy := float64(w)/2, float64(h)/2
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			// The source point that lands on (x, y).
			dx, dy := float64(x)-cx, float64(y)-cy
			sx, sy := cos*dx+sin*dy+cx, -sin*dx+cos*dy+cy
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			fx, fy := sx-float64(x0), sy-float64(y0)
			v := (at(x0, y0)*(1-fx)+at(x0+1, y0)*fx)*(1-fy) + (at(x0, y0+1)*(1-fx)+at(x0+1, y0+1)*fx)*fy
			v = v*0.92 + 8 + rng.NormFloat64()*4 // paper a shade grey, toner a shade light, sensor noise
			if rng.IntN(20000) == 0 {
				v -= 120 // a speck of dust
			}
			g.Pix[y*g.Stride+x] = uint8(min(max(v, 0), 255))
		}
	}
	return g
}

// imagePDF writes one page per image, each image filling its page at the
// given resolution, as DCT (JPEG) greyscale XObjects; no text, no fonts.
func imagePDF(imgs []*image.Gray, dpi int) []byte {
	var buf bytes.Buffer
	var offsets []int
	obj := func(body string, stream []byte) {
		offsets = append(offsets, buf.Len())
		fmt.Fprintf(&buf, "%d 0 obj\n%s", len(offsets), body)
		if stream != nil {
			buf.WriteString("\nstream\n")
			buf.Write(stream)
			buf.WriteString("\nendstream")
		}
		buf.WriteString("\nendobj\n")
	}
	buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	n := len(imgs)
	kids := make([]string, n)
	for i := range imgs {
		kids[i] = fmt.Sprintf("%d 0 R", 3+3*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n), nil)
	for i, img := range imgs {
		var jp bytes.Buffer
		if err := jpeg.Encode(&jp, img, &jpeg.Options{Quality: 75}); err != nil {
			log.Fatal(err)
		}
		w, h := img.Bounds().Dx(), img.Bounds().Dy()
		pw, ph := float64(w)*72/float64(dpi), float64(h)*72/float64(dpi)
		content, im := 4+3*i, 5+3*i
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>", pw, ph, im, content), nil)
		draw := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", pw, ph)
		obj(fmt.Sprintf("<< /Length %d >>", len(draw)), []byte(draw))
		obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>", w, h, jp.Len()), jp.Bytes())
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return buf.Bytes()
}
