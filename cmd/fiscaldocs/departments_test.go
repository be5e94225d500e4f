package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDepartments ingests one body under three spellings and another
// under a spelling one character off, lists them, and joins the second
// with an alias file: first as a preview, then stored by a new ingest.
func TestDepartments(t *testing.T) {
	needTool(t, "libchdb.so", haveChDB())
	dir := t.TempDir()
	for i, d := range []struct {
		name string
		year int
	}{
		{"中国共产党江苏省委员会办公厅", 2017}, {"中共江苏省委办公厅", 2018}, {"江苏省委办公厅", 2019},
		{"江苏省人大常委会办公厅", 2018}, {"江苏省人大常委办公厅", 2019},
	} {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%d.txt", i)), []byte(reportText(d.name, d.year, i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	store := []string{"--data", filepath.Join(t.TempDir(), "store")}
	if out, err := fiscaldocs(append(append([]string{"ingest"}, store...), dir)...).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	list := func(args ...string) (map[string][]string, string) {
		t.Helper()
		cmd := fiscaldocs(append(append(append([]string{"departments"}, store...), "--format", "csv"), args...)...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("departments: %v\n%s", err, stderr.String())
		}
		rows, err := csv.NewReader(strings.NewReader(string(out))).ReadAll()
		if err != nil || strings.Join(rows[0], ",") != "department_id,department_name,region,level,spellings,years,kinds,documents,likely_same_as" {
			t.Fatalf("departments output: %v\n%s", err, out)
		}
		byName := map[string][]string{}
		for _, r := range rows[1:] {
			byName[r[1]] = r
		}
		return byName, stderr.String()
	}
	got, _ := list()
	party := got["中共江苏省委办公厅"]
	if len(got) != 3 || party == nil || party[2] != "江苏省" || party[3] != "省" || party[5] != "2017 2018 2019" || party[7] != "3" ||
		party[4] != "中共江苏省委办公厅 / 中国共产党江苏省委员会办公厅 / 江苏省委办公厅" || party[8] != "" {
		t.Errorf("the party committee's office: %q (of %d departments)", party, len(got))
	}
	npc, typo := got["江苏省人大常委会办公厅"], got["江苏省人大常委办公厅"]
	if npc == nil || typo == nil || npc[8] != typo[0] || typo[8] != npc[0] {
		t.Fatalf("the two spellings of the NPC office are not flagged as likely one: %q, %q", npc, typo)
	}

	aliases := filepath.Join(t.TempDir(), "aliases.tsv")
	os.WriteFile(aliases, []byte("江苏省人大常委办公厅\t江苏省人大常委会办公厅\n"), 0o644)
	got, note := list("--aliases", aliases)
	if npc := got["江苏省人大常委会办公厅"]; len(got) != 2 || npc == nil || npc[5] != "2018 2019" || npc[8] != "" || !strings.Contains(note, "1 departments are grouped otherwise") {
		t.Errorf("with the alias: %q, %q", got, note)
	}
	out, err := fiscaldocs(append(append([]string{"ingest", "--aliases", aliases}, store...), dir)...).Output()
	if err != nil || !strings.Contains(string(out), "5 documents: 1 ingested") {
		t.Errorf("ingest with the alias: %v, %s%s; want the one document relabelled", err, out, stderrOf(err))
	}
	if got, note := list(); len(got) != 2 || note != "" || got["江苏省人大常委会办公厅"][0] != npc[0] {
		t.Errorf("after ingest --aliases: %q, %q; want the NPC office's two documents under its id", got, note)
	}
	if n := queryCount(t, store, "SELECT count() FROM fiscaldocs.v_facts WHERE department_id = '"+npc[0]+"' AND department_name = '江苏省人大常委会办公厅' AND year = 2019"); n == 0 {
		t.Error("the relabelled document's facts do not carry the new department")
	}
}
