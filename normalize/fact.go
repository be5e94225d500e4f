// Package normalize is the third stage of the pipeline: it reads an
// extract.Document and emits Facts — metric, measure, subject, function
// code and an exact decimal value in yuan, percent or count — each with the
// block it came from, plus the document's identity (department, year, kind,
// scope). All Chinese-language and budget-template knowledge lives here:
// the number parser, the metric lexicon (an embedded copy of
// shared/spec/metrics.tsv plus aliases.tsv), the function-classification
// catalogue, section recognition, and the gse segmenter with its domain
// dictionary, and the reading of the standard tables (公开表) by their titles
// and headers, and the checking of figures read by OCR against their
// tables' own sums. Package validate checks the facts; package load stores
// them.
//
// A Segmenter is built once per process and is safe for concurrent use;
// Document is a pure function of its inputs, and DocumentContext is
// Document that a context can stop short.
package normalize

import (
	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/shopspring/decimal"
)

// Units of Fact.Value.
const (
	Yuan    = "yuan"    // money, in 元 after 万元/亿元 scaling
	Percent = "percent" // as printed: 97.65 means 97.65 %
	Count   = "count"   // vehicles, 批次, 人次, 团组
)

// Methods say how a fact was read.
const (
	Narrative = "narrative"
	FromTable = "table"
	FromChart = "chart"
)

// Bases say how sure a fact's reading is, for validation to weigh: a
// finding is an error only when every figure it rests on is sure.
const (
	// BasisTableChecked is a table cell that a sum of its own table (a 合计
	// over its rows, a 类 over its 款, a 合计 column over the others)
	// confirms.
	BasisTableChecked = "table_checked"
	// BasisTable is a table cell no sum of its table confirms.
	BasisTable = "table"
	// BasisNarrative is a figure in a sentence that names its subject.
	BasisNarrative = "narrative"
	// BasisInferred is a figure whose subject was inferred: a change that
	// continues the sentence before, a line item known by a close name or
	// its amount, a 财政拨款 statement read as 一般公共预算 because all of
	// it is, a chart's value, a car's one figure placed in the part the
	// economic table shows spent. (A line's figures stated sentences after
	// its name, before any other line's, are as sure as the name.)
	BasisInferred = "inferred"
	// BasisOCRChecked is a figure read by OCR that a sum of its table, or
	// a second reading, confirms.
	BasisOCRChecked = "ocr_checked"
	// BasisOCR is a figure read by OCR that nothing confirms.
	BasisOCR = "ocr"
)

// Sure reports whether a basis is one a finding may call an error on.
func Sure(basis string) bool {
	switch basis {
	case BasisTableChecked, BasisTable, BasisNarrative, BasisOCRChecked:
		return true
	}
	return false
}

// Measures beyond those of metrics.tsv. PriorAmount is last year's figure
// as the document gives it (a chart's prior-year bar), in yuan; it lets
// validation check a stated year-on-year change.
const PriorAmount = "prior_amount"

// Fact is one figure the document states.
type Fact struct {
	Metric  string // a key of metrics.tsv, e.g. "gpb.item"
	Measure string // amount, share_pct, yoy_change, yoy_pct, budget, completion_pct, count, prior_amount
	Subject string // 类/款/项 names joined by "/", for per-line metrics
	Code    string // function classification code, when printed or unambiguous
	Value   decimal.Decimal
	Unit    string // Yuan, Percent or Count
	Raw     string // the figure as printed, e.g. "2,099.36万元"
	Pos     extract.Pos
	Text    string // the source block's text (a sentence for long paragraphs)
	Method  string // Narrative, FromTable or FromChart
	Basis   string // how sure the reading is: BasisTableChecked, BasisTable, …
	Reason  string // the cause or purpose the report gives, if any
	// OCR is set when the figure was read by OCR from a page image;
	// Unverified then says that no sum of its table, nor a second reading
	// elsewhere in the document, confirmed it (validation reports these).
	OCR, Unverified bool
}

// OCR is the method a fact read by OCR reports (FACTS.md), whatever it was
// read from.
const OCR = "ocr"

// MethodName is the fact's method as FACTS.md names it: "ocr" for a
// figure read by OCR, else Method.
func (f *Fact) MethodName() string {
	if f.OCR {
		return OCR
	}
	return f.Method
}

// Key identifies a fact within a document: one value per key.
type Key struct{ Metric, Measure, Subject string }

// Key returns the fact's identity within its document.
func (f *Fact) Key() Key { return Key{f.Metric, f.Measure, f.Subject} }

// Identity says whose report it is and of what.
type Identity struct {
	Department string
	Region     string
	Year       int
	Kind       string // "决算" or "预算"
	Scope      string // "部门" or "单位"
}

// Result is what Document finds in one document.
type Result struct {
	Identity Identity
	Facts    []Fact
	// Conflicts are later statements of an already stated key with a
	// different value. Facts keeps the first; validation reports these.
	Conflicts []Fact
	// Withheld are figures read by OCR that their table's sums contradict:
	// not facts, but validation reports them.
	Withheld []Fact
	// Rounded are narrative amounts that round a figure a table of the
	// document prints more exactly but the reader did not read (its
	// other lines are read to the 元): not facts, since the key's value is
	// the table's, but validation may compare them.
	Rounded []Fact
	// Sums are the sums the standard tables state by their layout — a
	// 合计 row over the 类 rows, a 类 over its 款, a 款 over its 项 (function
	// or economic codes), in each figure column — as printed.
	Sums []TableSum
	// Classes are function classes' 一般公共预算 expenditure as summary
	// tables print it (only where the document's money, or its 财政拨款,
	// is all 一般公共预算); validation compares them with gpb.class.
	Classes []ClassFigure
	// Economic are the lines of the 基本支出 tables by economic class, for
	// validation to hold against their totals (人员经费合计 against 301 and
	// 303) and the “三公” parts (30217 公务接待费 and the rest).
	Economic []EconomicFigure
	// Changes are the year-on-year changes the narrative states for 类 and
	// 项 (measures yoy_change and yoy_pct, which metrics.tsv does not give
	// gpb.class and gpb.item): not facts, but validation adds them up.
	Changes []Fact
	// Partial are the blocks of 一般公共预算 function tables that have a
	// row of figures the reader could not place (a name and codes that
	// do not agree, two rows' names run together): their lines read are
	// not all the table's lines.
	Partial []int
}

// ClassFigure is one function class's expenditure in a summary table.
type ClassFigure struct {
	Code, Name string
	Value      decimal.Decimal // in yuan
	Raw        string
	Pos        extract.Pos
	Table      string // the summary table's name
}

// TableSum is one sum a table states by its layout, in the table's own
// unit and precision.
type TableSum struct {
	Pos      extract.Pos // the total's cell
	Column   string      // the column's header
	Label    string      // the total's row: 合计, or its code and name
	Total    decimal.Decimal
	Raw      string          // the total as printed
	Sum      decimal.Decimal // of the parts as printed
	Parts    int             // the parts with a figure
	Rounding decimal.Decimal // half the unit of each figure as printed, the total's and the parts', added up
	Places   int32           // decimals the table prints
	Unit     string          // the table's unit: 元, 万元
	// Across is set for a row's 合计 column over the columns that make it
	// up (基本支出 + 项目支出 + …, or the income columns) in a function
	// table; Columns then names those columns. Otherwise the sum runs
	// down a column: a 合计 row over its 类, a 类 over its 款, a 款 over
	// its 项.
	Across  bool
	Columns []string
}

// EconomicFigure is one line of a 基本支出 table by economic class (301
// 工资福利支出, 30217 公务接待费, …), as printed, in yuan.
type EconomicFigure struct {
	Code, Name string
	Value      decimal.Decimal
	Raw        string
	Pos        extract.Pos
}
