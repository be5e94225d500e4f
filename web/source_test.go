package web

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// TestSourcesFind: a file is found where it was ingested from, and again
// under --docs once moved, by its bytes; a file changed since is not.
func TestSourcesFind(t *testing.T) {
	dir := t.TempDir()
	data := []byte("%PDF-1.4 a report")
	id := fmt.Sprintf("%x", sha256.Sum256(data))
	at := filepath.Join(dir, "in", "report.pdf")
	os.MkdirAll(filepath.Dir(at), 0o755)
	os.WriteFile(at, data, 0o644)
	s := &sources{dirs: []string{filepath.Join(dir, "docs")}}
	if p, err := s.find(id, at); err != nil || p != at {
		t.Errorf("in place: %q, %v; want %q", p, err, at)
	}
	moved := filepath.Join(dir, "docs", "2024", "renamed.pdf")
	os.MkdirAll(filepath.Dir(moved), 0o755)
	os.Rename(at, moved)
	s = &sources{dirs: []string{filepath.Join(dir, "docs")}}
	if p, err := s.find(id, at); err != nil || p != moved {
		t.Errorf("moved and renamed: %q, %v; want %q", p, err, moved)
	}
	os.WriteFile(moved, []byte("%PDF-1.4 another report"), 0o644)
	s = &sources{dirs: []string{filepath.Join(dir, "docs")}}
	if p, err := s.find(id, at); !errors.Is(err, ErrNoSource) {
		t.Errorf("changed: %q, %v; want ErrNoSource", p, err)
	}
}

// TestHighlight: the box is framed in red and filled in yellow, and the
// crop holds the box with a margin around it.
func TestHighlight(t *testing.T) {
	s := float64(dpi) / 72
	page := image.NewRGBA(image.Rect(0, 0, int(595*s), int(842*s)))
	for i := range page.Pix {
		page.Pix[i] = 255
	}
	var in bytes.Buffer
	png.Encode(&in, page)
	b := Box{X0: 300, Y0: 400, X1: 340, Y1: 410}
	out, err := highlight(in.Bytes(), b, true, 40)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	if wantW, wantH := int((40+2*120)*s), int((10+2*40)*s); abs(w-wantW) > 12 || abs(h-wantH) > 12 {
		t.Errorf("crop %d×%d; want about %d×%d: the box and its margins", w, h, wantW, wantH)
	}
	centre := color.NRGBAModel.Convert(img.At(w/2, h/2)).(color.NRGBA)
	if centre.R < 240 || centre.G < 200 || centre.B > 200 {
		t.Errorf("the box's middle is %v; want yellow", centre)
	}
	red := 0
	for x := 0; x < w; x++ {
		if c := color.NRGBAModel.Convert(img.At(x, h/2)).(color.NRGBA); c.R > 200 && c.G < 60 && c.B < 60 {
			red++
		}
	}
	if red < 2 {
		t.Errorf("%d red pixels across the box's row; want its frame's left and right sides", red)
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
