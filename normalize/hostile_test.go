package normalize

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/fiscaldocs/fiscaldocs/internal/hostile"
)

// Figures with invisible characters inside, or the minus sign U+2212,
// read as the figure they show.
func TestInvisibleInFigures(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1,2\u200b34.56", "1234.56"},
		{"\u200e2,099.36\u200f", "2099.36"},
		{"−12.5", "-12.5"},
		{"\ufeff1\u200d0\u2060.5", "10.5"},
		{"1\u202e2\u202c3", "123"},
	}
	for _, tt := range tests {
		got, err := ParseNumber(tt.in)
		if err != nil || got.String() != tt.want {
			t.Errorf("ParseNumber(%q) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
	}
	res := Document(textDoc("2021年本年支出合计2,1\u200b49.94万元，比上年减少−4.07万元。", "其中：基本支出1,792\u200e.45万元。"), segmenter(t))
	got := strings.Join(factLines(res.Facts), "\n")
	for _, w := range []string{"expenditure.total amount = 21499400", "expenditure.basic amount = 17924500"} {
		if !strings.Contains(got, w) {
			t.Errorf("facts lack %q:\n%s", w, got)
		}
	}
}

// A sentence without a full stop reads to the same facts however long it
// is: each of its clauses is read alike.
func TestLongSentence(t *testing.T) {
	short := Document(textDoc("2021年度部门决算说明："+string(hostile.LongSentence(200))), segmenter(t))
	long := Document(textDoc("2021年度部门决算说明："+string(hostile.LongSentence(200_000))), segmenter(t))
	if len(short.Facts) == 0 || len(long.Facts) < len(short.Facts) {
		t.Fatalf("facts: %d from 200 bytes, %d from 200 KB", len(short.Facts), len(long.Facts))
	}
	for i, f := range short.Facts {
		if g := long.Facts[i]; g.Key() != f.Key() || !g.Value.Equal(f.Value) {
			t.Errorf("fact %d: %v = %s from 200 KB; %v = %s from 200 bytes", i, g.Key(), g.Value, f.Key(), f.Value)
		}
	}
}

// A cancelled context stops the reading between sentences, and says so.
func TestDocumentContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	doc := textDoc("2021年本年支出合计2149.94万元。", "其中：基本支出1792.45万元。")
	res, err := DocumentContext(ctx, doc, segmenter(t))
	if err != context.Canceled || res == nil || len(res.Facts) != 0 {
		t.Errorf("DocumentContext(cancelled) = %v facts, %v; want none and context.Canceled", res, err)
	}
	res, err = DocumentContext(context.Background(), doc, segmenter(t))
	if err != nil || len(res.Facts) != 2 {
		t.Errorf("DocumentContext = %v, %v; want 2 facts", factLines(res.Facts), err)
	}
}

// FuzzNarrative feeds normalize arbitrary text as paragraphs: it must not
// panic, and every fact it reads must come from the text it was given.
func FuzzNarrative(f *testing.F) {
	f.Add("2021年本年支出合计2,1\u200b49.94万元，比上年减少−4.07万元。")
	f.Add("一般公共服务(类)人大事务(款)行政运行(项):支出决算为1273.96万元,完成预算100%")
	f.Add(string(hostile.LongSentence(2000)))
	f.Add("其他资金支出" + strings.Repeat("9", 60) + "万元；基本支出1." + strings.Repeat("1", 500) + "万元。")
	f.Add("2021年度收、支总计2149.94万元。与2020年相比，收、支总计各增加4.07万元，增长0.19%。\n\x00\ufffd（类）")
	seg := segmenter(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // the readers hand normalize valid UTF-8 only
		}
		res := Document(textDoc(strings.Split(s, "\n")...), seg)
		for _, fact := range res.Facts {
			if fact.Pos.Block < 1 {
				t.Fatalf("fact %v at block %d", fact.Key(), fact.Pos.Block)
			}
		}
	})
}

// BenchmarkNormalizeParagraph reads one paragraph of one sentence without
// a full stop, from 1 KB to 10 MB: the cost per KB is flat.
func BenchmarkNormalizeParagraph(b *testing.B) {
	seg := segmenter(b)
	for _, n := range []int{1 << 10, 10 << 10, 100 << 10, 1 << 20, 10 << 20} {
		doc := textDoc(string(hostile.LongSentence(n)))
		b.Run(fmt.Sprintf("%dKB", n>>10), func(b *testing.B) {
			for b.Loop() {
				Document(doc, seg)
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(n>>10), "µs/KB")
		})
	}
}
