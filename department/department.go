// Package department is the stage between normalize and load: it turns
// the department a document prints (normalize.Identity.Department) into
// one entity across years and spellings — a normalized name, the region
// and level of government it belongs to, the scope the title states, and a
// stable department_id — so that the store can group a body's documents
// whatever spelling each used.
//
// A name is normalized by rules (Normalize) and then by aliases: the
// embedded aliases.tsv, which a user extends with files of the same form
// (Aliases.Read, fiscaldocs --aliases FILE). The printed name is kept
// beside the normalized one; nothing here changes what a document says.
//
// Aliases is read-only once built and then safe for concurrent use;
// Resolve is a pure function of its inputs.
package department

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"regexp"
	"strings"

	"github.com/fiscaldocs/fiscaldocs/extract"
	"github.com/fiscaldocs/fiscaldocs/normalize"
)

// Department is the body a document is of.
type Department struct {
	// ID is 12 hex digits: the head of the SHA-256 of Region, a tab and
	// Name. "" when the document names no department.
	ID      string
	Name    string // normalized, with its region: 中共江苏省委办公厅
	Printed string // as the document prints it: 中国共产党江苏省委员会办公厅
	Region  string // 江苏省, 上海市普陀区; "" when neither name nor cover says
	Level   string // 省, 市 or 区县 (see Levels); "" when unknown
	Scope   string // 部门 or 单位: the title's word, else normalize's, else the 公开表's label
}

// Levels are the tiers of government a department's Level names: a
// province or autonomous region; a city (the four municipalities under
// the central government included, as their covers say 市级), prefecture
// or league; a district, county or banner.
var Levels = []string{"省", "市", "区县"}

// ID returns the department_id of a normalized name in a region: the
// first 12 hex digits of SHA-256(region + "\t" + name), or "" for no name.
// It depends on nothing else, so the same body gets the same id in every
// store and every year.
func ID(region, name string) string {
	if name == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(region + "\t" + name))
	return hex.EncodeToString(sum[:6])
}

// Resolve identifies the department of a document from normalize's
// identity and, for the region, level and scope a title states, the
// document's cover: its first headings and paragraphs.
func (a *Aliases) Resolve(id normalize.Identity, doc *extract.Document) Department {
	t := readTitle(doc)
	d := Department{Printed: id.Department, Scope: id.Scope}
	if t.scope != "" {
		d.Scope = t.scope
	} else if d.Scope == "" {
		d.Scope = labelScope(doc)
	}
	d.Name, d.Region = a.Name(id.Department, t.region)
	d.Level = t.level
	if d.Level == "" {
		d.Level = levelOf(d.Region)
	}
	d.ID = ID(d.Region, d.Name)
	return d
}

// labelRe reads the label a 公开表 puts above its first table: 部门：… for
// a department's, 预算单位：… or 单位名称：… for a unit's. (单位：万元 is
// the unit of its figures.)
var labelRe = regexp.MustCompile(`(?:^|\s)(部门|预算单位|单位名称)\s*[:：]`)

// labelScope returns the scope the first table's label names, for a
// 公开表 published without a title that says; "" if none.
func labelScope(doc *extract.Document) string {
	if doc == nil {
		return ""
	}
	for _, b := range doc.Blocks {
		if b.Kind != extract.TableBlock || b.Table == nil {
			continue
		}
		for _, row := range b.Table.Rows[:min(3, len(b.Table.Rows))] {
			for _, c := range row {
				switch m := labelRe.FindStringSubmatch(normalize.Clean(c.Text)); {
				case m == nil:
				case m[1] == "部门":
					return "部门"
				default:
					return "单位"
				}
			}
		}
		return ""
	}
	return ""
}

// Name returns the normalized name of a printed one and its region;
// region is the cover's, used when the name states none.
func (a *Aliases) Name(printed, region string) (name, nameRegion string) {
	name = Normalize(printed)
	if name == "" {
		return "", region
	}
	r := regionOf(name)
	switch {
	case r != "" && region != "" && r != region && strings.HasSuffix(region, r) && isRegion(strings.TrimSuffix(region, r)):
		// "普陀区财政局" on a cover of 上海市普陀区: the cover's region.
		name = strings.TrimSuffix(region, r) + name
	case r != "" && region != "" && districtOnly(r) && !districtOnly(region) && isRegion(region):
		// "即墨区财政局" on a cover of 青岛市.
		name, region = region+name, region+r
	case r != "":
		region = r
	case region != "":
		// "省人大常委会办公厅" on a cover of 江苏省: the region is the cover's.
		name = region + strings.TrimPrefix(name, lastRune(region))
	}
	name = a.lookup(name)
	if r := regionOf(name); r != "" {
		region = r
	}
	return name, region
}

func lastRune(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return ""
	}
	return string(r[len(r)-1])
}

var (
	// regionRe reads the region a name begins with: a province, a city
	// and a district or county, each optional, in that order.
	regionRe = regexp.MustCompile(`^((?:\p{Han}{2,7}?(?:省|自治区))?(?:\p{Han}{2,7}?(?:市|自治州|州|盟))?)(\p{Han}{1,7}?(?:区|县|旗))?`)
	// notDistrictRe ends words that end in 区 but name no district.
	notDistrictRe = regexp.MustCompile(`(?:社区|小区|校区|景区|片区|园区|辖区|地区|山区|库区|城区)$`)
	// leadRe is what a sentence puts before a name: "即省政协办公厅".
	leadRe = regexp.MustCompile(`^(?:即|系|为|是|包括|其中|由|对|经)+`)
	// placeLeadRe begins names whose first character leadRe would take:
	// 即墨区 (青岛), 经济技术开发区, 经开区.
	placeLeadRe = regexp.MustCompile(`^(?:即墨|经济|经开)`)
	// tailRe is what follows a name without being part of it:
	// "上海市财政局（单位）", "XX局本级".
	tailRe = regexp.MustCompile(`(?:\((?:本级|单位|部门|机关)\)|本级)+$`)
	// Party, people's congress, CPPCC and government names, long → short.
	partyRe    = regexp.MustCompile(`^(?:中国共产党|中共)(\p{Han}+?)委员会`)
	cppccRe    = regexp.MustCompile(`^中国人民政治协商会议(\p{Han}+?)委员会`)
	congressRe = regexp.MustCompile(`人民代表大会常务委员会`)
)

// Normalize returns the normalized form of a printed name, before aliases:
// width-folded, without spaces or the words a sentence wraps a name in
// (即…, …本级, …（单位）); a party committee named 中共X委 whether printed as
// 中国共产党X委员会, 中共X委员会 or X委; 中国人民政治协商会议X委员会 as X政协; a
// people's congress's standing committee as 人大常委会, and its office (人大办公
// 厅) as the standing committee's; X政府 as X人民政府.
func Normalize(printed string) string {
	s := strings.Join(strings.Fields(normalize.Clean(printed)), "")
	s = strings.NewReplacer("“", "", "”", "", "\"", "").Replace(s)
	if !placeLeadRe.MatchString(s) {
		s = leadRe.ReplaceAllString(s, "")
	}
	s = tailRe.ReplaceAllString(s, "")
	s = partyRe.ReplaceAllString(s, "中共${1}委")
	s = cppccRe.ReplaceAllString(s, "${1}政协")
	s = congressRe.ReplaceAllString(s, "人大常委会")
	s = strings.NewReplacer("人大办公厅", "人大常委会办公厅", "人大办公室", "人大常委会办公室").Replace(s)
	if strings.HasPrefix(s, "中共") {
		return s
	}
	r := regionOf(s)
	if r == "" {
		return s
	}
	rest := s[len(r):]
	switch {
	case strings.HasPrefix(rest, "委") && !strings.HasPrefix(rest, "委员"):
		return "中共" + s // 江苏省委办公厅 is the party committee's
	case strings.HasPrefix(rest, "政府"):
		return r + "人民" + rest
	}
	return s
}

// regionOf returns the region a normalized name begins with, "" if none
// or if the name is a region alone.
func regionOf(name string) string {
	name = strings.TrimPrefix(name, "中共")
	if r := regionPrefix(name); r != name {
		return r
	}
	return ""
}

// regionPrefix returns the region s begins with: a province, a city and
// a district or county, each optional, in that order.
func regionPrefix(s string) string {
	m := regionRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	if m[2] != "" && !notDistrictRe.MatchString(m[2]) {
		return m[1] + m[2]
	}
	return m[1]
}

// isRegion reports whether s is a region and nothing more.
func isRegion(s string) bool { return s != "" && regionPrefix(s) == s }

// districtOnly reports whether a region is a district or county alone,
// without the province or city it is in.
func districtOnly(region string) bool {
	m := regionRe.FindStringSubmatch(region)
	return m != nil && m[1] == "" && m[2] != ""
}

// levelOf returns the level of government of a region by its last part.
func levelOf(region string) string {
	switch {
	case region == "":
		return ""
	case strings.HasSuffix(region, "省") || strings.HasSuffix(region, "自治区"):
		return "省"
	case strings.HasSuffix(region, "市") || strings.HasSuffix(region, "州") || strings.HasSuffix(region, "盟"):
		return "市"
	}
	return "区县"
}

// title is what a cover says beside the name.
type title struct{ region, level, scope string }

// titleRe reads a cover's title: "上海市普陀区2026年区级单位预算",
// "江苏省人大常委会办公厅2019年度部门预算公开".
var titleRe = regexp.MustCompile(`^(\p{Han}*?)\s*\d{4}\s*年度?\s*(?:([省市区县])级)?\s*(部门|单位)\s*(?:决算|预算)`)

// partRe is the number of a part a heading may begin with: "第二部分".
var partRe = regexp.MustCompile(`^第[一二三四五六七八九十\d]+部分`)

// coverBlocks is how many of a document's first blocks may hold its title.
const coverBlocks = 8

// readTitle reads the first title among the document's first blocks.
func readTitle(doc *extract.Document) title {
	if doc == nil {
		return title{}
	}
	for i, b := range doc.Blocks {
		if i == coverBlocks {
			break
		}
		if b.Kind != extract.Heading && b.Kind != extract.Paragraph {
			continue
		}
		text := partRe.ReplaceAllString(strings.Join(strings.Fields(normalize.Clean(b.Text)), ""), "")
		m := titleRe.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		// The name on the cover, normalized (中国共产党X委员会 is 中共X委),
		// begins with the region, or is the region alone.
		t := title{scope: m[3], region: regionPrefix(strings.TrimPrefix(Normalize(m[1]), "中共"))}
		switch m[2] {
		case "省":
			t.level = "省"
		case "市":
			t.level = "市"
		case "区", "县":
			t.level = "区县"
		}
		return t
	}
	return title{}
}
