package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestSamples checks the real reports shipped for the demo against their
// manifest, and runs the README's recipes on them as make demo does: the
// SQL the README gives is the SQL the demo runs, and its answers are the
// figures the reports print.
func TestSamples(t *testing.T) {
	const dir = "../../testdata/samples"
	manifest, err := os.ReadFile("../../testdata/samples.tsv")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	depts := map[string]bool{}
	for i, line := range strings.Split(strings.TrimSpace(string(manifest)), "\n")[1:] {
		f := strings.Split(line, "\t")
		if len(f) != 10 {
			t.Fatalf("samples.tsv line %d: %d fields; want 10", i+2, len(f))
		}
		data, err := os.ReadFile(filepath.Join(dir, f[0]))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != f[1] || strconv.Itoa(len(data)) != f[2] {
			t.Errorf("%s: the bytes are not those the manifest names", f[0])
		}
		if len(data) > 400<<10 {
			t.Errorf("%s: %d KB; a sample is a few hundred KB at most", f[0], len(data)>>10)
		}
		listed[f[0]], depts[f[3]] = true, true
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		if !listed[filepath.Base(f)] {
			t.Errorf("%s is not in samples.tsv", f)
		}
	}
	if len(depts) < 3 {
		t.Errorf("the samples are of %d departments; a comparison wants 3 or more", len(depts))
	}

	// The README's query recipes, run by make demo.
	readme, _ := os.ReadFile("../../README.md")
	makefile, _ := os.ReadFile("../../Makefile")
	recipes := regexp.MustCompile(`(?m)^bin/fiscaldocs query "(.*)"$`).FindAllSubmatch(readme, -1)
	if len(recipes) != 2 {
		t.Fatalf("%d query recipes in the README; want 2 (the “三公” ranking, a department over the years)", len(recipes))
	}
	for _, r := range recipes {
		if !strings.Contains(string(makefile), `$(BIN) query --data out/store "`+string(r[1])+`"`) {
			t.Errorf("make demo does not run the README's recipe\n%s", r[1])
		}
	}
	needTool(t, "libchdb.so", haveChDB())
	store := []string{"--data", filepath.Join(t.TempDir(), "store")}
	if out, err := fiscaldocs(append([]string{"ingest", dir}, store...)...).Output(); err != nil || !strings.Contains(string(out), "4 documents: 4 ingested") {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	for i, want := range []string{
		"department,year,kind,three_public_wan\n江苏省人大常委会办公厅,2019,预算,767.6\n江苏省政协办公厅,2019,预算,660.1\n中共江苏省委办公厅,2019,预算,508.2\n",
		// 2019's 机关运行经费 table is not read (normalize): NULL, not 0.
		"year,kind,gpb_wan,three_public_wan,operating_wan\n2018,预算,24458.43,508.2,2094.58\n2019,预算,27664.22,508.2,NULL\n",
	} {
		out, err := fiscaldocs(append(append([]string{"query"}, store...), "--format", "csv", string(recipes[i][1]))...).Output()
		if err != nil || string(out) != want {
			t.Errorf("recipe %d: %v\n%s\nwant\n%s", i+3, err, out, want)
		}
	}
}
