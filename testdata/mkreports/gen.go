package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// genConfig is what a generation run makes.
type genConfig struct {
	N       int
	Seed    uint64
	Out     string
	Inject  bool
	Formats []string
	Styles  []string
	Sample  bool
	Workers int
}

// sampleSpec fixes the style, scope, unit and kind of the sample's
// documents so that the ten cover every style twice, both kinds, both
// units.
var sampleSpec = []struct{ style, scope, unit, kind string }{
	{"shjs", "部门", "万元", ""}, {"shys", "部门", "元", ""}, {"jsys", "", "万元", ""}, {"scjs", "", "万元", ""}, {"xj", "", "元", "决算"},
	{"shys", "单位", "万元", ""}, {"shjs", "单位", "", ""}, {"jsys", "", "", ""}, {"scjs", "", "", ""}, {"xj", "", "万元", "预算"},
}

// docName is the file stem of document i.
func docName(seed uint64, i int, style string) string {
	return fmt.Sprintf("s%d-%04d-%s", seed, i, style)
}

// makeDoc invents and builds document i of a run. Everything is drawn
// from (seed, i), so a document does not depend on the others.
func makeDoc(cfg genConfig, i int) (*Doc, error) {
	rng := rand.New(rand.NewPCG(cfg.Seed, uint64(i)))
	v := &variant{}
	key := cfg.Styles[i%len(cfg.Styles)]
	if cfg.Sample {
		sp := sampleSpec[i%len(sampleSpec)]
		key, v.forceScope, v.forceUnit, v.forceKind = sp.style, sp.scope, sp.unit, sp.kind
	}
	st, ok := styleByKey(key)
	if !ok {
		return nil, fmt.Errorf("mkreports: unknown style %q", key)
	}
	if !cfg.Sample {
		drawVariations(v, docName(cfg.Seed, i, st.Key))
	}
	d, o := st.setup(rng, v)
	r := newReport(rng, d, o)
	buildSeed := rng.Uint64()
	doc := render(st, r, v, buildSeed, nil)
	doc.Name = docName(cfg.Seed, i, st.Key)
	if cfg.Inject {
		plan := planInjections(rand.New(rand.NewPCG(buildSeed, 99)), doc)
		if len(plan.tweaks) > 0 {
			doc = render(st, r, v, buildSeed, plan.tweaks)
			doc.Name = docName(cfg.Seed, i, st.Key)
			doc.Injected = plan.records
		}
	}
	doc.Notes = append(notesFor(doc, v), doc.Notes...)
	tallRows(doc)
	return doc, nil
}

// drawVariations sets the variations a document of a run draws from its
// name, so that a document without them stays as it was. The fixed sample
// has none of them: the reader's floors rest on it.
func drawVariations(v *variant, name string) {
	if !strings.HasSuffix(name, "-shys") {
		return
	}
	v.threeTall = drawFrom(name, "three tall")%2 == 0
	v.lead = drawLead(name)
}

// tallRows gives one or two tables of about one document in five rows so
// tall that a -layout copy parts them by two or three blank lines, as real
// 政府采购 tables and tables of tall wrapped rows print. It draws from the
// document's name, never its random source, and changes only the CSS, so
// every figure and every other document stay as they were.
func tallRows(d *Doc) {
	x := drawFrom(d.Name, "tall rows")
	if x%5 != 0 {
		return
	}
	x /= 5
	var short []*Table // tables of 2 to 24 rows holding figures
	for _, bl := range d.Blocks {
		if bl.Kind == bTable && len(bl.Table.Body) >= 2 && len(bl.Table.Body) <= 24 && holdsFigures(bl.Table) {
			short = append(short, bl.Table)
		}
	}
	for n := 1 + x%2; n > 0 && len(short) > 0; n-- {
		x /= 2
		j := int(x % uint32(len(short)))
		short[j].Tall = 2 + int(x/uint32(len(short))%2)
		short = slices.Delete(short, j, j+1)
	}
}

// holdsFigures reports whether any body cell of a table prints a figure.
func holdsFigures(t *Table) bool {
	for _, row := range t.Body {
		for _, c := range row {
			if c.Num && c.Text != "" {
				return true
			}
		}
	}
	return false
}

// render builds a report in a style with optional injected changes.
func render(st styleDef, r *Report, v *variant, seed uint64, tweaks map[string]tweak) *Doc {
	unit := "元"
	if v.tf.Wan {
		unit = "万元"
	}
	b := &builder{r: r, rng: rand.New(rand.NewPCG(seed, 7)), tf: v.tf, nf: v.nf, inj: tweaks, threeTall: v.threeTall, roomy: v.lead.roomy,
		doc: &Doc{Style: st.Key, Unit: unit, Report: r, Furn: v.furn, Font: v.font}}
	b.doc.Title = fmt.Sprintf("%s%d年度%s%s", r.Dept.Name, r.Year, r.Dept.Scope, r.Kind)
	st.build(b)
	return b.doc
}

// notesFor says what a reader of the truth should know about a document.
func notesFor(d *Doc, v *variant) []string {
	r := d.Report
	notes := []string{
		fmt.Sprintf("synthetic %s %s%s of %s (%s), year %d: every figure is invented and reconciles unless listed under injected", d.Style, r.Dept.Scope, r.Kind, r.Dept.Name, r.Dept.Region, r.Year),
		fmt.Sprintf("tables in %s (separators %v, zero printed as %q, codes %s); narrative in 万元; values in yuan", d.Unit, v.tf.Sep, v.tf.Zero, v.tf.Codes),
	}
	if !v.tf.Wan {
		notes = append(notes, "the “三公” table is in 万元; facts stated by both a 元 table and the 万元 narrative take the table's figure")
	}
	if v.tf.Zero == "" {
		notes = append(notes, "zero cells are blank and state nothing; zeros come from the narrative or a table note")
	} else {
		notes = append(notes, fmt.Sprintf("zero cells print %q and are labelled 0", v.tf.Zero))
	}
	return notes
}

// generate runs a whole generation: documents, HTML, conversions, truth.
func generate(ctx context.Context, cfg genConfig) error {
	if err := os.MkdirAll(filepath.Join(cfg.Out, "truth"), 0o755); err != nil {
		return err
	}
	want := func(f string) bool { return slices.Contains(cfg.Formats, f) }
	htmlDir := cfg.Out
	if !want("html") {
		tmp, err := os.MkdirTemp("", "mkreports-html-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		htmlDir = tmp
	}
	docs := make([]*Doc, cfg.N)
	htmls := make([]string, cfg.N)
	for i := range docs {
		d, err := makeDoc(cfg, i)
		if err != nil {
			return err
		}
		docs[i] = d
		htmls[i] = filepath.Join(htmlDir, d.Name+".html")
		if err := os.WriteFile(htmls[i], renderHTML(d, d.Font), 0o644); err != nil {
			return err
		}
		if want("html") {
			if err := writeTruth(cfg.Out, d, htmls[i], "html"); err != nil {
				return err
			}
		}
	}
	if want("pdf") || want("txt") {
		err := parallel(len(docs), cfg.Workers, func(i int) error {
			pdf := filepath.Join(cfg.Out, docs[i].Name+".pdf")
			if err := chromiumPDF(ctx, htmls[i], pdf); err != nil {
				return err
			}
			if want("txt") {
				txt := filepath.Join(cfg.Out, docs[i].Name+".txt")
				if err := pdfText(ctx, pdf, txt, textCopy(docs[i].Name), docs[i]); err != nil {
					return err
				}
				if err := writeTruth(cfg.Out, docs[i], txt, "txt"); err != nil {
					return err
				}
			}
			if !want("pdf") {
				return os.Remove(pdf)
			}
			return writeTruth(cfg.Out, docs[i], pdf, "pdf")
		})
		if err != nil {
			return err
		}
	}
	if want("docx") {
		if err := sofficeDocx(ctx, htmls, cfg.Out, 25); err != nil {
			return err
		}
		for i, d := range docs {
			if err := writeTruth(cfg.Out, d, filepath.Join(cfg.Out, d.Name+".docx"), "docx"); err != nil {
				return fmt.Errorf("document %d: %w", i, err)
			}
		}
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
