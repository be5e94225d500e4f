package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// Source files and their pages. A document is found by the path and the
// SHA-256 its documents row recorded at ingest: at that path if the file
// there still has those bytes, else under the --docs folders, by its
// bytes. Nothing else of a URL reaches the file system: a page asks for a
// document id (checked against the store first) and a page number.

// ErrNoSource says a document's file is neither where it was ingested
// from nor under the folders given.
var ErrNoSource = errors.New("web: the document's file is not where it was read, nor under --docs")

// sources finds documents' files, and keeps what it has found.
type sources struct {
	dirs []string
	mu   sync.Mutex
	seen map[string]string // document id → path
	// walked is when the folders were last hashed whole: a miss is looked
	// for again a minute later, not at every request.
	walked time.Time
}

// find returns the path of the file whose SHA-256 is id, given the path
// it was ingested from.
func (s *sources) find(id, file string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.seen[id]; ok && hashOf(p) == id {
		return p, nil
	}
	if hashOf(file) == id {
		s.remember(id, file)
		return file, nil
	}
	// The same name under a folder first, then every file.
	for _, d := range s.dirs {
		if p := findName(d, filepath.Base(file), id); p != "" {
			s.remember(id, p)
			return p, nil
		}
	}
	if time.Since(s.walked) > time.Minute {
		s.walked = time.Now()
		for _, d := range s.dirs {
			filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
				if err == nil && e.Type().IsRegular() {
					if h := hashOf(p); h != "" {
						s.remember(h, p)
					}
				}
				return nil
			})
		}
	}
	if p, ok := s.seen[id]; ok {
		return p, nil
	}
	return "", fmt.Errorf("%w: %s", ErrNoSource, file)
}

func (s *sources) remember(id, p string) {
	if s.seen == nil {
		s.seen = map[string]string{}
	}
	s.seen[id] = p
}

// findName looks under dir for a file named name whose SHA-256 is id.
func findName(dir, name, id string) string {
	found := ""
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || found != "" {
			return filepath.SkipDir
		}
		if e.Type().IsRegular() && e.Name() == name && hashOf(p) == id {
			found = p
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

// hashOf is the hex SHA-256 of the file at p, or "" if it cannot be read.
func hashOf(p string) string {
	f, err := os.Open(p)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

// dpi is the resolution pages are rendered at: a point is dpi/72 pixels.
const dpi = 110

// pages renders PDF pages with pdftoppm into a cache folder, on demand,
// once each.
type pages struct {
	dir string
	mu  sync.Mutex
	// rendering holds a lock a page while it renders, so that two
	// requests for one page render it once.
	rendering map[string]*sync.Mutex
}

// render returns the PNG of page n of the PDF at path (document id),
// rendering it unless cached.
func (p *pages) render(ctx context.Context, id, path string, n int) ([]byte, error) {
	name := filepath.Join(p.dir, id+"-p"+strconv.Itoa(n)+"-"+strconv.Itoa(dpi)+".png")
	p.mu.Lock()
	if p.rendering == nil {
		p.rendering = map[string]*sync.Mutex{}
	}
	l := p.rendering[name]
	if l == nil {
		l = new(sync.Mutex)
		p.rendering[name] = l
	}
	p.mu.Unlock()
	l.Lock()
	defer l.Unlock()
	if data, err := os.ReadFile(name); err == nil {
		return data, nil
	}
	if err := os.MkdirAll(p.dir, 0o755); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	tmp := name + ".tmp"
	out, err := exec.CommandContext(ctx, "pdftoppm", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-r", strconv.Itoa(dpi), "-png", "-singlefile", path, tmp).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("web: pdftoppm page %d of %s: %v: %s", n, path, err, bytes.TrimSpace(out))
	}
	if err := os.Rename(tmp+".png", name); err != nil {
		return nil, err
	}
	return os.ReadFile(name)
}

// highlighted returns page n with box b highlighted (highlight, with a
// margin of 40 points), made once and kept beside the page.
func (p *pages) highlighted(ctx context.Context, id, path string, n int, b Box, crop bool) ([]byte, error) {
	kind := "page"
	if crop {
		kind = "crop"
	}
	name := filepath.Join(p.dir, fmt.Sprintf("%s-p%d-%d-%s-%.2f-%.2f-%.2f-%.2f.png", id, n, dpi, kind, b.X0, b.Y0, b.X1, b.Y1))
	if data, err := os.ReadFile(name); err == nil {
		return data, nil
	}
	page, err := p.render(ctx, id, path, n)
	if err != nil {
		return nil, err
	}
	out, err := highlight(page, b, crop, 40)
	if err != nil {
		return nil, err
	}
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, out, 0o644); err == nil {
		os.Rename(tmp, name)
	}
	return out, nil
}

// Box is a figure's box on its page, in points from the top left.
type Box struct{ X0, Y0, X1, Y1 float64 }

func (b Box) empty() bool { return b.X1 <= b.X0 || b.Y1 <= b.Y0 }

// highlight draws the box on the page's PNG: a translucent yellow fill
// and a red frame; with crop, only the region around it (margin points on
// each side), else the whole page.
func highlight(pagePNG []byte, b Box, crop bool, margin float64) ([]byte, error) {
	src, err := png.Decode(bytes.NewReader(pagePNG))
	if err != nil {
		return nil, fmt.Errorf("web: page image: %w", err)
	}
	s := float64(dpi) / 72
	px := image.Rect(int(b.X0*s)-2, int(b.Y0*s)-2, int(b.X1*s)+3, int(b.Y1*s)+3).Intersect(src.Bounds())
	area := src.Bounds()
	if crop {
		m := int(margin * s)
		area = image.Rect(px.Min.X-3*m, px.Min.Y-m, px.Max.X+3*m, px.Max.Y+m).Intersect(src.Bounds())
	}
	dst := image.NewRGBA(image.Rect(0, 0, area.Dx(), area.Dy()))
	draw.Draw(dst, dst.Bounds(), src, area.Min, draw.Src)
	box := px.Sub(area.Min)
	draw.Draw(dst, box, image.NewUniform(color.NRGBA{255, 220, 0, 110}), image.Point{}, draw.Over)
	red := image.NewUniform(color.RGBA{220, 30, 30, 255})
	for _, r := range []image.Rectangle{
		{box.Min, image.Pt(box.Max.X, box.Min.Y+2)}, {image.Pt(box.Min.X, box.Max.Y-2), box.Max},
		{box.Min, image.Pt(box.Min.X+2, box.Max.Y)}, {image.Pt(box.Max.X-2, box.Min.Y), box.Max},
	} {
		draw.Draw(dst, r, red, image.Point{}, draw.Src)
	}
	var out bytes.Buffer
	if err := png.Encode(&out, dst); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
