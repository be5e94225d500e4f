package analysis

import (
	"context"
	"testing"
)

func TestFind(t *testing.T) {
	for _, c := range []struct {
		name  string
		s     Search
		total int
		shown int
		first string // the first passage, marked
		depts []string
	}{
		// Each word anywhere: not 甲局's 2023 (no 减少) nor its budget
		// (公务 接待费), by department.
		{"substring", Search{Words: []string{"公务接待", "减少"}, Mode: Substring}, 4, 4, "扫描的一页，【公务接待】费【减少】。",
			[]string{"r/扫描件.pdf", "某省乙办公室", "某省甲局", "某省甲局"}},
		{"limit", Search{Words: []string{"公务接待", "减少"}, Mode: Substring, Limit: 1}, 4, 1, "", nil},
		{"filters", Search{Words: []string{"公务接待", "减少"}, Mode: Substring, Filter: Filter{Year: 2024, Kind: "决算", Department: "bbbbbbbbbbbb"}}, 1, 1,
			"【公务接待】费【减少】，因会议【减少】。", []string{"某省乙办公室"}},
		// The words in order as one string, white space ignored: 公务 接待费 too.
		{"phrase", Search{Words: []string{"公务接待费", "减少"}, Mode: Phrase}, 2, 2, "", nil},
		{"tokens", Search{Words: []string{"公务接待费"}, Mode: Tokens, Tokens: []string{"公务接待费", "减少"}}, 6, 6, "", nil},
		// A document of no department is shown under its file name.
		{"no department", Search{Words: []string{"扫描"}, Mode: Substring}, 1, 1, "【扫描】的一页，公务接待费减少。", []string{"r/扫描件.pdf"}},
	} {
		hits, err := Find(context.Background(), store(t), c.s)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		rows := hits.Result.Rows
		if hits.Total != c.total || len(rows) != c.shown {
			t.Errorf("%s: %d found, %d shown; want %d, %d", c.name, hits.Total, len(rows), c.total, c.shown)
			continue
		}
		if c.first != "" && rows[0][6] != c.first {
			t.Errorf("%s: first passage %q; want %q", c.name, rows[0][6], c.first)
		}
		for i, d := range c.depts {
			if rows[i][1] != d {
				t.Errorf("%s: passage %d of %q; want %q", c.name, i, rows[i][1], d)
			}
		}
	}
}

func TestMark(t *testing.T) {
	if got := mark("公务接待费减少，接待减少", []string{"接待", "公务接待费", "减少"}); got != "【公务接待费】【减少】，【接待】【减少】" {
		t.Errorf("mark = %s", got)
	}
}
