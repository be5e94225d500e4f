package extract

import (
	"bytes"
	"os"
	"testing"
)

// BenchmarkDocxSeed reads the seed fixture: a 28 KB docx with 3 tables and
// 7 charts.
func BenchmarkDocxSeed(b *testing.B) {
	data, err := os.ReadFile("../testdata/seed/panzhihua-npc-office-2021.docx")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Docx(bytes.NewReader(data), int64(len(data)), DefaultLimits); err != nil {
			b.Fatal(err)
		}
	}
}
