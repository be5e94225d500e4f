package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestSniff(t *testing.T) {
	seed, err := os.ReadFile("../testdata/seed/panzhihua-npc-office-2021.docx")
	if err != nil {
		t.Fatal(err)
	}
	ole := []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00")
	tests := []struct {
		name string
		data []byte
		ext  string
		want Format
	}{
		{"pdf", []byte("%PDF-1.7\n"), ".pdf", PDF},
		{"docx named pdf", seed, ".pdf", Docx},
		{"html error page named pdf", []byte("\n<!DOCTYPE html><html>404</html>"), ".pdf", HTML},
		{"doc", ole, ".doc", WordDoc},
		{"xls", ole, ".XLS", Xls},
		{"ole without a telling name", ole, ".docx", OLE},
		{"text", []byte("第一部分 部门概况\n"), ".txt", Text},
		{"binary", []byte{0, 1, 2, 3}, ".bin", Unknown},
		{"broken zip", []byte("PK\x03\x04garbage"), ".docx", Zip},
	}
	for _, tt := range tests {
		if got := Sniff(bytes.NewReader(tt.data), int64(len(tt.data)), tt.ext); got != tt.want {
			t.Errorf("%s: Sniff = %s; want %s", tt.name, got, tt.want)
		}
	}
}

func TestOpenAndWalk(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.txt", "a.txt", ".hidden", "sub/c.txt", ".git/x"} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("abc"), 0o644)
	}
	d, f, err := Open(filepath.Join(dir, "a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if d.SHA256 != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" || d.Size != 3 || d.Format != Text {
		t.Errorf("Open = %+v", d)
	}
	var got []string
	if err := Walk(dir, func(p string) error { got = append(got, p[len(dir)+1:]); return nil }); err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.txt", "b.txt", filepath.Join("sub", "c.txt")}; len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("Walk = %q; want %q", got, want)
	}
	if _, _, err := Open(dir); err == nil {
		t.Error("Open(dir) succeeded")
	}
}
