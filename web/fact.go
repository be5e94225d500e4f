package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/fiscaldocs/fiscaldocs/analysis"
)

// factView is the provenance of one fact: its page with the figure's box
// highlighted (a PDF), or its block with its cell or figure marked.
type factView struct {
	Crop, Page string // URLs of the cropped and whole page, highlighted; "" when there is no box
	PageNo     int
	// Block is the block's table, its cell marked; Before, Mark and After
	// are a paragraph's text around the figure.
	Block               *Table
	Before, Mark, After string
	Why                 string // why no page is shown
}

// factRow reads one fact, or a 404.
func (s *Server) factRow(ctx context.Context, r *http.Request) (analysis.Row, error) {
	id := r.PathValue("id")
	seq, err := strconv.Atoi(r.PathValue("seq"))
	if !isID(id) || err != nil || seq < 0 {
		return analysis.Row{}, notFound("no fact %s/%s", id, r.PathValue("seq"))
	}
	res, err := analysis.Fact(ctx, s.opt.Store, id, seq)
	if err != nil {
		return analysis.Row{}, err
	}
	rows, err := analysis.RowsOf(res, "doc_id", "seq", "metric", "measure", "subject", "code", "value", "unit", "raw", "basis", "method",
		"reason", "page", "block", "row", "col", "x0", "y0", "x1", "y1", "text", "file", "year", "kind", "department", "block_kind", "block_text")
	if err != nil {
		return analysis.Row{}, err
	}
	if len(rows) == 0 {
		return analysis.Row{}, notFound("no fact %s/%d in the store", id, seq)
	}
	return rows[0], nil
}

// box is the fact's box, or an empty one.
func box(f analysis.Row) (Box, error) {
	var b [4]float64
	for i, c := range []string{"x0", "y0", "x1", "y1"} {
		d, err := f.Dec(c)
		if err != nil {
			return Box{}, err
		}
		b[i] = d.InexactFloat64()
	}
	return Box{b[0], b[1], b[2], b[3]}, nil
}

// fact: the provenance view.
func (s *Server) fact(ctx context.Context, r *http.Request) (*page, error) {
	f, err := s.factRow(ctx, r)
	if err != nil {
		return nil, err
	}
	id, seq := f.S("doc_id"), f.S("seq")
	v, err := f.Dec("value")
	if err != nil {
		return nil, err
	}
	shown := f.S("value")
	switch f.S("unit") {
	case "yuan":
		shown = analysis.Wan(v) + " 万元（" + v.String() + " 元）"
	case "percent":
		shown = v.String() + "%"
	}
	title := analysis.MetricName(f.S("metric"))
	if title == "" {
		title = f.S("metric")
	}
	if sub := f.S("subject"); sub != "" {
		title += "：" + sub
	}
	p := &page{Title: title, Nav: "departments",
		Links: []Cell{link(f.S("department")+" "+f.S("year")+"年"+f.S("kind"), "/document/"+id),
			link("各部门比较", href("/compare", url.Values{"metric": {f.S("metric")}, "year": {f.S("year")}, "kind": {f.S("kind")}, "code": {f.S("code")}}))}}
	p.Meta = [][2]string{{"数值", shown}, {"原文", f.S("raw")}, {"指标", f.S("metric") + " · " + f.S("measure")}, {"科目编码", f.S("code")},
		{"读法", f.S("method")}, {"可靠程度", f.S("basis")}, {"原因/用途", f.S("reason")}, {"所在文字", f.S("text")},
		{"位置", where(f)}, {"文件", f.S("file")}}
	fv := &factView{}
	b, err := box(f)
	if err != nil {
		return nil, err
	}
	page, _ := strconv.Atoi(f.S("page"))
	switch {
	case !b.empty() && page > 0:
		base := "/fact/" + id + "/" + seq + "/"
		fv.Crop, fv.Page, fv.PageNo = base+"crop.png", base+"page.png", page
	case f.S("block_kind") == "table":
		fv.Block = blockTable(f)
	case f.S("block_text") != "":
		fv.Before, fv.Mark, fv.After = markRaw(f.S("block_text"), f.S("raw"))
	default:
		fv.Why = "此数没有记录在页面上的位置（图表中的数，或入库时还不记录位置）。"
	}
	p.Fact = fv
	return p, nil
}

// where says the fact's place as people read it.
func where(f analysis.Row) string {
	var parts []string
	for _, c := range []struct{ col, label string }{{"page", "第%s页"}, {"block", "第%s块"}, {"row", "第%s行"}, {"col", "第%s列"}} {
		if v := f.S(c.col); v != "" && v != "0" {
			parts = append(parts, strings.Replace(c.label, "%s", v, 1))
		}
	}
	return strings.Join(parts, " ")
}

// blockTable is the fact's table block, its cell marked. The block's text
// holds the rows a line each, the cells tab-separated.
func blockTable(f analysis.Row) *Table {
	row, _ := strconv.Atoi(f.S("row"))
	col, _ := strconv.Atoi(f.S("col"))
	t := &Table{Name: "block", Title: "原表（标出此数）"}
	for i, line := range strings.Split(f.S("block_text"), "\n") {
		var cells []Cell
		for j, c := range strings.Split(line, "\t") {
			cells = append(cells, Cell{Text: c, Mark: i+1 == row && j+1 == col})
		}
		if i == 0 {
			for j := range cells {
				t.Columns = append(t.Columns, "c"+strconv.Itoa(j+1))
			}
		}
		t.add(cells...)
	}
	return t
}

// markRaw cuts text around the first place it prints raw (blanks aside),
// or leaves it whole.
func markRaw(text, raw string) (before, mark, after string) {
	if i := strings.Index(text, raw); raw != "" && i >= 0 {
		return text[:i], raw, text[i+len(raw):]
	}
	return text, "", ""
}

// factImage serves the fact's page, cropped around its box or whole,
// with the box highlighted.
func (s *Server) factImage(w http.ResponseWriter, r *http.Request) {
	crop := r.PathValue("image") == "crop.png"
	if !crop && r.PathValue("image") != "page.png" {
		http.NotFound(w, r)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opt.Timeout+time.Minute)
	defer cancel()
	f, err := s.factRow(ctx, r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := box(f)
	page, _ := strconv.Atoi(f.S("page"))
	if err != nil || b.empty() || page <= 0 {
		s.fail(w, r, notFound("fact %s/%s has no box on a page", f.S("doc_id"), f.S("seq")))
		return
	}
	path, err := s.sources.find(f.S("doc_id"), f.S("file"))
	if err != nil {
		s.fail(w, r, &statusError{http.StatusNotFound, err.Error()})
		return
	}
	png, err := s.pages.highlighted(ctx, f.S("doc_id"), path, page, b, crop)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.Write(png)
}
