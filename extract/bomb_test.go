package extract

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"flag"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// bomb makes a docx whose word/document.xml inflates to size bytes of
// XML; with lie set, its directory declares 1 KB.
func bomb(t *testing.T, size int64, lie bool) []byte {
	t.Helper()
	deflated, sum, written := deflatedXML(size)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	h := &zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, CRC32: sum,
		CompressedSize64: uint64(len(deflated)), UncompressedSize64: uint64(written)}
	if lie {
		h.UncompressedSize64 = 1024
	}
	raw, err := zw.CreateRaw(h)
	if err != nil {
		t.Fatal(err)
	}
	raw.Write(deflated)
	zw.Close()
	return buf.Bytes()
}

var bombCache = map[int64][]byte{}
var bombSums = map[int64][2]uint64{}

// deflatedXML deflates size bytes of XML once per size, keeping its CRC.
func deflatedXML(size int64) ([]byte, uint32, int64) {
	if d, ok := bombCache[size]; ok {
		return d, uint32(bombSums[size][0]), int64(bombSums[size][1])
	}
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	crc := crc32.NewIEEE()
	w := io.MultiWriter(fw, crc)
	io.WriteString(w, docHead+"<w:p><w:r><w:t>")
	chunk := []byte(strings.Repeat("0", 1<<20))
	written := int64(len(docHead) + 15)
	for written+int64(len(chunk)) < size {
		w.Write(chunk)
		written += int64(len(chunk))
	}
	io.WriteString(w, "</w:t></w:r></w:p>"+docTail)
	written += int64(18 + len(docTail))
	fw.Close()
	bombCache[size] = deflated.Bytes()
	bombSums[size] = [2]uint64{uint64(crc.Sum32()), uint64(written)}
	return deflated.Bytes(), crc.Sum32(), written
}

var updateBombs = flag.Bool("update-bombs", false, "rewrite testdata/bomb-512mb*.docx")

// bombFixture reads testdata/bomb-512mb[-lying].docx, made by bomb (which
// takes seconds, minutes under -race) when missing or with -update-bombs.
func bombFixture(t *testing.T, lie bool) []byte {
	name := filepath.Join("testdata", "bomb-512mb.docx")
	if lie {
		name = filepath.Join("testdata", "bomb-512mb-lying.docx")
	}
	if data, err := os.ReadFile(name); err == nil && !*updateBombs {
		return data
	}
	data := bomb(t, 512<<20, lie)
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return data
}

// TestZipBomb refuses a 512 MB docx, whether its directory says so or lies,
// quickly and without holding it in memory.
func TestZipBomb(t *testing.T) {
	for _, lie := range []bool{false, true} {
		data := bombFixture(t, lie)
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		_, err := Docx(bytes.NewReader(data), int64(len(data)), DefaultLimits)
		took := time.Since(start)
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if want := map[bool]error{false: ErrTooLarge, true: ErrBadPart}[lie]; !errors.Is(err, want) {
			t.Errorf("lie=%v: err = %v; want %v", lie, err, want)
		}
		if took > time.Second {
			t.Errorf("lie=%v: refused after %s; want well under a second", lie, took)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 200<<20 {
			t.Errorf("lie=%v: allocated %d MB while refusing", lie, grew>>20)
		}
		t.Logf("lie=%v: %d KB zipped refused in %s: %v", lie, len(data)>>10, took.Round(time.Millisecond), err)
	}
}
