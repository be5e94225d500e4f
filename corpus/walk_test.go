package corpus

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// unreadable is a file system whose folder bad cannot be listed, as a
// folder without read permission (or on a failing disk) cannot.
type unreadable struct {
	fs.FS
	bad string
}

func (u unreadable) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == u.bad {
		return nil, &fs.PathError{Op: "open", Path: name, Err: syscall.EACCES}
	}
	return fs.ReadDir(u.FS, name)
}

// A folder that cannot be read is handed on, for its open to fail and be
// reported, and the walk goes on with its siblings and theirs.
func TestWalkUnreadableFolder(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"a/1.pdf", "b/locked/2.pdf", "b/3.pdf", "c/4.pdf", "5.pdf", ".hidden/6.pdf", ManifestName} {
		p := filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("%PDF-1.4\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	err := walkFS(unreadable{os.DirFS(root), "b/locked"}, root, func(p string) error {
		got = append(got, strings.TrimPrefix(p, root+"/"))
		return nil
	})
	want := []string{"5.pdf", "a/1.pdf", "b/3.pdf", "b/locked", "c/4.pdf"}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("walk = %q, %v; want %q", got, err, want)
	}
}

// Open names a folder it is handed, quoted, and says why it is no
// document: it cannot be read, or it is a folder.
func TestOpenFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "年度\n报告")
	os.Mkdir(dir, 0o755)
	if _, _, err := Open(dir); err == nil || err.Error() != `corpus: "`+strings.ReplaceAll(dir, "\n", `\n`)+`" is a folder` {
		t.Errorf("Open(folder) = %v", err)
	}
	if os.Geteuid() == 0 {
		return // root reads any folder
	}
	os.Chmod(dir, 0)
	defer os.Chmod(dir, 0o755)
	if _, _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "cannot be read: permission denied") {
		t.Errorf("Open(unreadable folder) = %v", err)
	}
}
