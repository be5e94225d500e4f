package main

import (
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// The converters: headless Chromium prints each HTML to PDF, pdftotext
// makes the text copy, LibreOffice converts HTML to docx in batches (one
// soffice at a time: it shares its profile).

// chromiumPDF prints one HTML file to PDF.
func chromiumPDF(ctx context.Context, html, pdf string) error {
	prof, err := os.MkdirTemp("", "mkreports-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(prof)
	abs, err := filepath.Abs(html)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir="+prof,
		"--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+abs)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("chromium %s: %w: %s", filepath.Base(html), err, tail(out))
	}
	if _, err := os.Stat(pdf); err != nil {
		return fmt.Errorf("chromium %s: no pdf written", filepath.Base(html))
	}
	return nil
}

// textCopy is the pdftotext mode a document's text copy is made in: most
// are -raw (rows as lines, cells a space apart, the content stream's
// order), one in three -layout (columns kept by blanks, blank lines where
// the page has room). The choice hangs on the name alone, so it draws
// nothing from the document's random source.
func textCopy(name string) string {
	h := fnv.New32a()
	h.Write([]byte(name))
	if h.Sum32()%3 == 1 {
		return "-layout"
	}
	return "-raw"
}

// streamOrder reports whether a -raw copy keeps a producer's content
// stream order that draws each table's title after its body, as the
// copies of some real table books do (one document in six).
func streamOrder(name string) bool {
	h := fnv.New32a()
	h.Write([]byte(name))
	return h.Sum32()%6 == 5
}

// drawFrom draws a number from strings (a document's name, a table's
// title) for a choice that must leave the document's random source alone:
// the high half of their 64-bit FNV-1a hash. The low bits of an FNV-1a
// hash follow the parity of the bytes hashed, so that s1-0002 and s1-0004
// would choose alike.
func drawFrom(s ...string) uint32 {
	h := fnv.New64a()
	h.Write([]byte(strings.Join(s, "\x00")))
	return uint32(h.Sum64() >> 32)
}

// pdfText makes the text copy of a PDF in the mode textCopy gives, pages
// separated by form feeds; a copy in stream order (streamOrder) has each
// table's title moved after its body, and a -layout copy that lifts lines
// (liftsLines) some lines of its prose set one line too high.
func pdfText(ctx context.Context, pdf, txt, mode string, d *Doc) error {
	if out, err := exec.CommandContext(ctx, "pdftotext", mode, "-enc", "UTF-8", pdf, txt).CombinedOutput(); err != nil {
		return fmt.Errorf("pdftotext %s: %w: %s", filepath.Base(pdf), err, tail(out))
	}
	var rewrite func(string) string
	switch {
	case mode == "-raw" && streamOrder(d.Name):
		rewrite = func(s string) string { return titlesAfter(s, d) }
	case mode == "-layout" && liftsLines(d.Name):
		rewrite = func(s string) string { return liftLines(s, d, liftedCount(d.Name)) }
	default:
		return nil
	}
	text, err := os.ReadFile(txt)
	if err != nil {
		return err
	}
	return os.WriteFile(txt, []byte(rewrite(string(text))), 0o644)
}

// sofficeDocx converts HTML files to docx in outDir, batch at a time.
func sofficeDocx(ctx context.Context, htmls []string, outDir string, batch int) error {
	prof, err := os.MkdirTemp("", "mkreports-lo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(prof)
	for i := 0; i < len(htmls); i += batch {
		j := min(i+batch, len(htmls))
		args := []string{"--headless", "--norestore", "-env:UserInstallation=file://" + prof,
			"--convert-to", "docx:MS Word 2007 XML", "--outdir", outDir}
		args = append(args, htmls[i:j]...)
		if out, err := exec.CommandContext(ctx, "soffice", args...).CombinedOutput(); err != nil {
			return fmt.Errorf("soffice (%d files from %s): %w: %s", j-i, filepath.Base(htmls[i]), err, tail(out))
		}
	}
	return nil
}

// parallel runs f on each of n items with a bounded number of workers,
// returning the first error (the rest still run).
func parallel(n, workers int, f func(i int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	next := make(chan int)
	for w := 0; w < max(workers, 1); w++ {
		wg.Add(1)
		go func() { // exits when next is closed and drained
			defer wg.Done()
			for i := range next {
				if err := f(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

func tail(b []byte) string {
	if len(b) > 400 {
		b = b[len(b)-400:]
	}
	return string(b)
}
