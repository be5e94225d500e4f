package normalize

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/fiscaldocs/fiscaldocs/corpus"
	"github.com/fiscaldocs/fiscaldocs/extract"
)

func TestZZView(t *testing.T) {
	path := os.Getenv("DBG_FILE")
	if path == "" {
		t.Skip()
	}
	blk, _ := strconv.Atoi(os.Getenv("DBG_BLOCK"))
	d, f, _ := corpus.Open(path)
	defer f.Close()
	doc, _ := extract.File(context.Background(), d, f, extract.Options{})
	b := &doc.Blocks[blk-1]
	v := viewTable(b)
	fmt.Printf("header %q\n", v.header)
	for k, r := range v.rows {
		fmt.Printf("%d(%d): %q\n", k, v.index[k], cellTexts(r))
	}
}
