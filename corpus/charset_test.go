package corpus

import (
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

func TestDecodeHTML(t *testing.T) {
	gbk := func(s string) string {
		out, err := simplifiedchinese.GBK.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	big5, err := traditionalchinese.Big5.NewEncoder().String(`<meta charset="big5"><p>預算</p>`)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, raw, contentType, want string
	}{
		{"UTF-8 BOM", "\xEF\xBB\xBF<p>决算</p>", "", "<p>决算</p>"},
		{"GBK in the header", gbk("<p>决算</p>"), "text/html; charset=GBK", "<p>决算</p>"},
		{"GB2312 in the meta tag", gbk(`<meta charset="gb2312"><p>决算</p>`), "text/html", `<meta charset="gb2312"><p>决算</p>`},
		{"another charset in the meta tag", big5, "", `<meta charset="big5"><p>預算</p>`},
		{"GBK named nowhere", gbk("<p>部门决算</p>"), "text/html", "<p>部门决算</p>"},
		{"GBK named nowhere, after 1 KB of ASCII", strings.Repeat(" ", 1100) + gbk("<p>预算</p>"), "", strings.Repeat(" ", 1100) + "<p>预算</p>"},
		{"UTF-8 named nowhere", "<p>部门预算</p>", "", "<p>部门预算</p>"},
	} {
		out, err := io.ReadAll(DecodeHTML([]byte(c.raw), c.contentType))
		if err != nil || string(out) != c.want {
			t.Errorf("%s: %q, %v; want %q", c.name, out, err, c.want)
		}
	}
}
