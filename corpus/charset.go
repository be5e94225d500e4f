package corpus

import (
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// DecodeHTML returns a reader of an HTML page in UTF-8. The charset comes
// from a BOM, the Content-Type (contentType, "" when there is none) or the
// meta tag; a page that names none is UTF-8 when its bytes are valid UTF-8
// and GB18030 (which covers GBK and GB2312) otherwise, as Chinese
// government sites serve both. The crawler reads list pages with it and
// extract reads reports published as pages.
func DecodeHTML(raw []byte, contentType string) io.Reader {
	enc, name, certain := charset.DetermineEncoding(raw[:min(len(raw), 1024)], contentType)
	switch {
	case name == "utf-8":
		return bytes.NewReader(bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF")))
	case certain || name != "windows-1252":
		// Named by a BOM, the header or the meta tag.
		return enc.NewDecoder().Reader(bytes.NewReader(raw))
	case utf8.Valid(raw):
		// windows-1252 is only the HTML standard's guess when nothing is
		// named; the first 1024 bytes may have been plain ASCII.
		return bytes.NewReader(raw)
	}
	return simplifiedchinese.GB18030.NewDecoder().Reader(bytes.NewReader(raw))
}
