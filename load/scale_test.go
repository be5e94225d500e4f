package load

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// BenchmarkScale is make bench-scale (issue #19): FISCALDOCS_SCALE_DOCS
// documents' rows, made here (no PDFs), about 150 facts each, loaded into
// the server CLICKHOUSE_ADDR names and into the cluster FISCALDOCS_CLUSTER
// names ("DIR NAME ADDRS", as scripts/with-cluster.sh sets it), each
// empty at the start. It reports the load rate and, after merges, the
// disk bytes per fact, then times the common comparisons through the
// views against the same aggregation over the raw tables, without the
// version filter, in the same run: the views' cost is their ratio.
func BenchmarkScale(b *testing.B) {
	n, _ := strconv.Atoi(os.Getenv("FISCALDOCS_SCALE_DOCS"))
	if n <= 0 {
		b.Skip("FISCALDOCS_SCALE_DOCS not set (make bench-scale sets it)")
	}
	b.Run("node", func(b *testing.B) {
		s, addr := benchServer(b)
		scale(b, s, n, []string{addr}, Database)
		reportPeak(b, os.Getenv("CLICKHOUSE_DIR")+"/server.pid")
	})
	b.Run("cluster", func(b *testing.B) {
		f := strings.Fields(os.Getenv("FISCALDOCS_CLUSTER"))
		if len(f) != 3 {
			b.Skip("FISCALDOCS_CLUSTER not set")
		}
		c, err := OpenCluster(context.Background(), f[2], f[1])
		if err != nil {
			b.Fatal(err)
		}
		defer c.Close()
		scale(b, c, n, strings.Split(f[2], ","), LocalDatabase)
		for k := range 4 {
			reportPeak(b, fmt.Sprintf("%s/node%d/server.pid", f[0], k+1))
		}
	})
}

// scale loads n documents into s, merges them on every node of nodes
// (whose tables are in db) and reports.
func scale(b *testing.B, s Store, n int, nodes []string, db string) {
	ctx := context.Background()
	g := newScaleGen(n)
	var facts int
	var loading time.Duration
	for from := 0; from < n; from += maxScaleBatch {
		bs := g.batches(from, min(from+maxScaleBatch, n))
		for _, d := range bs {
			facts += len(d.Facts)
		}
		start := time.Now()
		if err := s.Write(ctx, bs...); err != nil {
			b.Fatal(err)
		}
		loading += time.Since(start)
	}
	var bytes uint64
	for _, addr := range nodes {
		bytes += mergedBytes(b, addr, db)
	}
	b.ReportMetric(float64(facts)/loading.Seconds(), "facts/s")
	b.ReportMetric(float64(bytes)/float64(facts), "disk-bytes/fact")
	b.Logf("%d documents, %d facts, loaded in %.1fs: %.0f facts/s; %d bytes on disk after merges over %d node(s): %.1f bytes a fact",
		n, facts, loading.Seconds(), float64(facts)/loading.Seconds(), bytes, len(nodes), float64(bytes)/float64(facts))
	for _, q := range scaleQueries(g) {
		t := timeQueries(b, s, q.view, q.raw)
		view, raw := t[0], t[1]
		ratio := view.Seconds() / raw.Seconds()
		b.ReportMetric(ratio, q.key+"-ratio")
		b.Logf("%-40s views %7.1f ms, raw %7.1f ms, ratio %.2f", q.name, ms(view), ms(raw), ratio)
	}
}

// reportPeak logs the peak resident memory (VmHWM) of the server whose
// pid file is named, when it can be read.
func reportPeak(b *testing.B, pidFile string) {
	pid, err := os.ReadFile(pidFile)
	if err != nil {
		return
	}
	status, err := os.ReadFile("/proc/" + strings.TrimSpace(string(pid)) + "/status")
	if err != nil {
		return
	}
	for _, l := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			b.Logf("server %s peak RSS: %s", strings.TrimSpace(string(pid)), strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:")))
		}
	}
}

// maxScaleBatch is the documents of one Write, as ingest's maxDocs.
const maxScaleBatch = 500

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// mergedBytes merges a node's tables (OPTIMIZE … FINAL) and returns the
// bytes on disk of its active parts of the tables a document fills.
func mergedBytes(b *testing.B, addr, db string) uint64 {
	ctx := context.Background()
	s, err := dial(ctx, []string{addr}, "default", "")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	tables := "'documents', 'facts', 'findings', 'blocks'"
	for _, t := range []string{"documents", "facts", "findings"} {
		if err := s.exec(ctx, "OPTIMIZE TABLE "+db+"."+t+" FINAL"); err != nil {
			b.Fatalf("%s: %v", addr, err)
		}
	}
	res, err := s.read(ctx, "SELECT sum(bytes_on_disk) FROM system.parts WHERE active AND database = "+Quote(db)+" AND table IN ("+tables+")")
	if err != nil {
		b.Fatalf("%s: %v", addr, err)
	}
	v, _ := strconv.ParseUint(res.Rows[0][0], 10, 64)
	return v
}

// timeQueries runs the two queries once each to warm the caches, then
// five times each, taking turns so that the machine's other load falls
// on both alike, and returns their medians.
func timeQueries(b *testing.B, s Store, sqls ...string) []time.Duration {
	ts := make([][]time.Duration, len(sqls))
	for i := range 6 {
		for j, sql := range sqls {
			start := time.Now()
			res, err := s.Query(context.Background(), sql)
			if err != nil {
				b.Fatalf("%s: %v", sql, err)
			}
			if len(res.Rows) == 0 {
				b.Fatalf("%s: no rows", sql)
			}
			if i > 0 {
				ts[j] = append(ts[j], time.Since(start))
			}
		}
	}
	out := make([]time.Duration, len(sqls))
	for j := range ts {
		slices.Sort(ts[j])
		out[j] = ts[j][len(ts[j])/2]
	}
	return out
}

// scaleQuery is a comparison, through the views and over the raw tables.
type scaleQuery struct{ key, name, view, raw string }

// scaleQueries are the common comparisons: the 三公 ranking by department
// and year, a function code across departments, a department over the
// years, and the findings by rule.
func scaleQueries(g *scaleGen) []scaleQuery {
	both := func(name, sql string) scaleQuery {
		key, name, _ := strings.Cut(name, " ")
		return scaleQuery{key, name, fmt.Sprintf(sql, "v_"), fmt.Sprintf(sql, "")}
	}
	return []scaleQuery{
		both("three-public 三公 ranking by department and year", "SELECT department_id, any(department_name) AS name, year, max(value) AS three_public FROM "+Database+".%sfacts "+
			"WHERE metric = 'three_public.total' AND measure = 'amount' AND subject = '' AND kind = '决算' "+
			"GROUP BY department_id, year ORDER BY three_public DESC LIMIT 100"),
		both("function a function code across departments", "SELECT department_id, any(department_name) AS name, sum(value) AS amount FROM "+Database+".%sfacts "+
			"WHERE metric = 'gpb.item' AND measure = 'amount' AND code = "+Quote(g.codes[0])+" AND year = 2021 AND kind = '决算' "+
			"GROUP BY department_id ORDER BY amount DESC LIMIT 100"),
		both("department a department over the years", "SELECT year, kind, maxIf(value, metric = 'gpb.expenditure') AS gpb, maxIf(value, metric = 'three_public.total') AS three_public, "+
			"maxIf(value, metric = 'operating_expense') AS operating FROM "+Database+".%sfacts WHERE department_id = "+Quote(g.departments[7].id)+
			" AND metric IN ('gpb.expenditure', 'three_public.total', 'operating_expense') AND measure = 'amount' AND subject = '' GROUP BY year, kind ORDER BY year, kind"),
		both("findings findings by rule", "SELECT rule, severity, count() AS n FROM "+Database+".%sfindings GROUP BY rule, severity ORDER BY n DESC, rule, severity"),
	}
}

// scaleGen makes documents' rows from realistic distributions: 5,000
// departments over 31 provinces, ten years, 决算 and 预算; the headline
// metrics most documents state, 项 of the function classification as
// gpb.item rows, 类 as gpb.class rows; findings by the rules' frequency in
// the shared corpus.
type scaleGen struct {
	n           int
	departments []scaleDept
	codes       []string // 项 codes
	names       map[string]string
	classes     []string // 类 codes
}

type scaleDept struct{ id, name, region string }

// headline is (metric, measure, share of documents stating it).
var headline = []struct {
	metric, measure string
	share           float64
}{
	{"total", "amount", 1}, {"total", "yoy_change", .8}, {"total", "yoy_pct", .8}, {"income.total", "amount", 1},
	{"income.fiscal.gpb", "amount", 1}, {"income.fiscal.gpb", "share_pct", .2}, {"income.fiscal", "amount", .3},
	{"income.other", "amount", .2}, {"income.carryover", "amount", .15}, {"expenditure.total", "amount", .9},
	{"expenditure.basic", "amount", .9}, {"expenditure.basic", "share_pct", .4}, {"expenditure.project", "amount", .9},
	{"expenditure.project", "share_pct", .4}, {"fiscal.total", "amount", .9}, {"fiscal.total", "yoy_change", .6},
	{"fiscal.total", "yoy_pct", .5}, {"gpb.expenditure", "amount", 1}, {"gpb.expenditure", "yoy_change", .6},
	{"gpb.expenditure", "yoy_pct", .5}, {"gpb.expenditure", "share_pct", .4}, {"gpb.basic", "amount", .9},
	{"gpb.basic.personnel", "amount", .8}, {"gpb.basic.public", "amount", .8}, {"three_public.total", "amount", .95},
	{"three_public.overseas", "amount", .9}, {"three_public.vehicle", "amount", .9}, {"three_public.vehicle.operation", "amount", .85},
	{"three_public.vehicle.purchase", "amount", .6}, {"three_public.reception", "amount", .9}, {"three_public.reception", "yoy_change", .2},
	{"operating_expense", "amount", .95}, {"operating_expense", "yoy_change", .5}, {"operating_expense", "yoy_pct", .5},
	{"procurement.total", "amount", .9}, {"procurement.goods", "amount", .85}, {"procurement.services", "amount", .8},
	{"procurement.works", "amount", .5}, {"gov_fund.expenditure", "amount", .4}, {"assets.vehicles", "count", .5},
	{"state_capital.expenditure", "amount", .1},
}

// rules are the findings' rules and severities, by their frequency in
// the shared corpus, most common first.
var rules = []struct{ rule, severity string }{
	{"yoy.pct", "error"}, {"sum.table", "info"}, {"share.recompute", "error"}, {"share.recompute", "info"}, {"yoy.zero_base", "warning"},
	{"tables.missing", "warning"}, {"narrative.vs_table", "error"}, {"sum.classes", "info"}, {"yoy.lines", "error"}, {"sum.row", "error"},
	{"class.vs_summary", "error"}, {"sum.procurement", "info"}, {"sum.items", "error"}, {"completion.zero_budget", "warning"},
}

func newScaleGen(n int) *scaleGen {
	g := &scaleGen{n: n, names: map[string]string{}}
	provinces := []string{"北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省", "浙江省",
		"安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市", "四川省", "贵州省",
		"云南省", "西藏自治区", "陕西省", "甘肃省", "青海省", "宁夏回族自治区", "新疆维吾尔自治区"}
	offices := []string{"财政厅", "教育厅", "人大常委会办公厅", "政协办公厅", "卫生健康委员会", "交通运输厅", "水利厅", "农业农村厅", "公安厅", "民政厅",
		"生态环境厅", "住房和城乡建设厅", "文化和旅游厅", "审计厅", "统计局", "林业局", "档案馆", "机关事务管理局", "自然资源厅", "商务厅"}
	for i := range 5000 {
		p := provinces[i%len(provinces)]
		g.departments = append(g.departments, scaleDept{id: fmt.Sprintf("d%05d", i), region: p,
			name: fmt.Sprintf("%s%s第%d分局", p, offices[i/len(provinces)%len(offices)], i/(len(provinces)*len(offices)))})
	}
	for _, f := range FunctionRows() {
		g.names[f.Code] = f.Name
		switch len(f.Code) {
		case 7:
			g.codes = append(g.codes, f.Code)
		case 3:
			g.classes = append(g.classes, f.Code)
		}
	}
	// The administrative items (20101xx …) come first, as they do in
	// departments' tables: the code compared is one most state.
	return g
}

// batches makes documents [from, to).
func (g *scaleGen) batches(from, to int) []*Batch {
	var out []*Batch
	for i := from; i < to; i++ {
		out = append(out, g.document(i))
	}
	return out
}

// document makes document i: its department, year and kind follow from
// i, its figures from a generator seeded by i.
func (g *scaleGen) document(i int) *Batch {
	r := rand.New(rand.NewPCG(uint64(i), 19))
	dept := g.departments[i/10%len(g.departments)]
	year := uint16(2015 + i%10)
	kind := []string{"决算", "预算"}[i/(len(g.departments)*10)%2]
	sum := sha256.Sum256([]byte(strconv.Itoa(i)))
	id := hex.EncodeToString(sum[:])
	version := uint64(time.Now().UnixNano())
	file := fmt.Sprintf("%d/%s%d年度部门%s.pdf", year, dept.name, year, kind)
	d := DocumentRow{ID: id, File: file, Format: "pdf", Pages: uint32(20 + r.IntN(40)), Department: dept.name, Region: dept.region, Year: year,
		Kind: kind, Scope: "部门", Extractor: "fiscaldocs/bench", Status: "ok", Version: version, IngestedAt: time.Now().UTC().Truncate(time.Second),
		DepartmentID: dept.id, DepartmentName: dept.name, Level: "省级"}
	b := &Batch{Document: d}
	add := func(metric, measure, subject, code string, value decimal.Decimal, unit string) {
		seq := uint32(len(b.Facts))
		b.Facts = append(b.Facts, FactRow{DocID: id, Seq: seq, Metric: metric, Measure: measure, Subject: subject, Code: code, Value: value, Unit: unit,
			Raw: value.Shift(-4).StringFixed(2), Method: "table", Page: 3 + seq/30, Block: seq / 10, Row: seq % 30, Col: 2,
			Text: fmt.Sprintf("%s %s %s", code, subject, value.Shift(-4).StringFixed(2)), Version: version,
			DepartmentID: dept.id, Department: dept.name, DepartmentName: dept.name, Region: dept.region, Year: year, Kind: kind, Scope: "部门", File: file})
	}
	yuan := func(scale int) decimal.Decimal { return decimal.New(int64(r.IntN(scale)+1)*100, 0) }
	for _, h := range headline {
		if r.Float64() >= h.share {
			continue
		}
		switch h.measure {
		case "yoy_pct", "share_pct":
			add(h.metric, h.measure, "", "", decimal.New(int64(r.IntN(20000)-5000), -2), "percent")
		case "count":
			add(h.metric, h.measure, "", "", decimal.New(int64(r.IntN(40)), 0), "count")
		default:
			add(h.metric, h.measure, "", "", yuan(5_000_000), "yuan")
		}
	}
	for k := 0; k < 8+r.IntN(6); k++ {
		c := g.classes[r.IntN(len(g.classes))]
		add("gpb.class", "amount", g.names[c], c, yuan(20_000_000), "yuan")
	}
	// Items: the first few administrative codes in most documents, the
	// rest spread, as a department's table lists its own lines.
	for k := len(b.Facts); k < 140+r.IntN(20); k++ {
		c := g.codes[min(int(r.ExpFloat64()*40), len(g.codes)-1)]
		add("gpb.item", "amount", g.names[c], c, yuan(10_000_000), "yuan")
	}
	for k := 0; k < r.IntN(4); k++ {
		ru := rules[min(int(r.ExpFloat64()*3), len(rules)-1)]
		b.Findings = append(b.Findings, FindingRow{DocID: id, Seq: uint32(k), Rule: ru.rule, Severity: ru.severity,
			Message: "算得 0.52%，文中为 0.51%", Actual: decimal.New(51, -2), Facts: []uint32{uint32(k)}, Page: 3, Version: version})
	}
	b.Document.Facts, b.Document.Findings = uint32(len(b.Facts)), uint32(len(b.Findings))
	return b
}
