package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDocx feeds the docx reader mutations of the project's fixtures. It
// must return blocks or an error, never panic or exceed its limits.
func FuzzDocx(f *testing.F) {
	files, _ := filepath.Glob("../testdata/seed/*.docx")
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(docx(f, p("一、收入")+`<w:tbl><w:tr>`+tc("1", `<w:gridSpan w:val="3"/>`)+`</w:tr><w:tr>`+tc("", `<w:vMerge/>`)+`</w:tr></w:tbl>`, nil))
	f.Add(makeZip(f, map[string]string{"word/document.xml": docHead + `<w:p><w:r><w:drawing><c:chart r:id="x"/></w:drawing></w:r></w:p>` + docTail,
		"word/_rels/document.xml.rels": `<Relationships><Relationship Id="x" Target="charts/c.xml"/></Relationships>`,
		"word/charts/c.xml":            chartXML}))
	lim := Limits{MaxPart: 1 << 20, MaxTotal: 4 << 20, MaxEntries: 100}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Docx(bytes.NewReader(data), int64(len(data)), lim)
		if err == nil && len(doc.Blocks) == 0 {
			t.Fatal("no error and no blocks")
		}
		if err != nil && doc != nil {
			t.Fatal("both a document and an error")
		}
	})
}

// FuzzText checks that any bytes decode to blocks or a clear error.
func FuzzText(f *testing.F) {
	f.Add([]byte("[bookmark: _Toc1]一、收入\n2021年本年收入合计2149.94万元\f第二页"))
	f.Add([]byte("\xFF\xFE\x00\xd8"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Text(bytes.NewReader(data), int64(len(data)))
		if err == nil && len(doc.Blocks) == 0 {
			t.Fatal("no error and no blocks")
		}
	})
}
