package main

import (
	"math/rand/v2"
	"strings"
)

// Level is the government level a department reports at.
type Level int

// Levels, from the district up.
const (
	District Level = iota // 区级 (Shanghai districts)
	County                // 县级
	City                  // 市级
	Province              // 省级
)

// archetype is a kind of department or unit: what it is called, which
// function 款 carries its running costs and which 项 its projects use.
type archetype struct {
	key    string
	name   string // name pattern: {R} region, {J} 局/厅, {W} 委 prefix
	levels string // levels it exists at: d c m p (district county city province)
	kuan   string // 5-digit 款 of its 行政运行 / 一般行政管理事务
	// run is the 7-digit 项 of basic running costs when it is not
	// kuan+"01" (事业单位 such as schools); general likewise for projects.
	run, general string
	projects     []string // candidate project 项
	public       bool     // 事业单位 (事业收入, 事业单位医疗 and 离退休)
	unit         bool     // reports as a 单位 (single unit) by default
	hasSub       bool     // has a 事业单位 inside the 部门 (事业运行)
	big          float64  // staff scale factor
}

var archetypes = []archetype{
	{key: "czj", name: "{R}财政{J}", levels: "dcmp", kuan: "20106", projects: []string{"2010604", "2010605", "2010607", "2010608", "2010699"}, hasSub: true},
	{key: "mzj", name: "{R}民政{J}", levels: "dcmp", kuan: "20802", projects: []string{"2080206", "2080207", "2080208", "2080299", "2081002", "2081004", "2082001", "2081901"}},
	{key: "wjw", name: "{R}卫生健康委员会", levels: "dcmp", kuan: "21001", projects: []string{"2100199", "2100408", "2100409", "2100410", "2100717", "2100499"}, hasSub: false},
	{key: "sfj", name: "{R}司法{J}", levels: "dcmp", kuan: "20406", projects: []string{"2040604", "2040605", "2040607", "2040610", "2040612", "2040613", "2040699"}},
	{key: "sjj", name: "{R}审计{J}", levels: "dcmp", kuan: "20108", projects: []string{"2010804", "2010805", "2010806", "2010899"}},
	{key: "tjj", name: "{R}统计{J}", levels: "dcmp", kuan: "20105", projects: []string{"2010505", "2010506", "2010507", "2010508", "2010599"}, hasSub: true},
	{key: "fgw", name: "{R}发展和改革委员会", levels: "dcmp", kuan: "20104", projects: []string{"2010404", "2010408", "2010499"}},
	{key: "swj", name: "{R}商务委员会", levels: "dm", kuan: "20113", projects: []string{"2011308", "2011399"}},
	{key: "dag", name: "{R}档案馆", levels: "dcm", kuan: "20126", run: "2012650", general: "2012604", projects: []string{"2012699"}, public: true, unit: true},
	{key: "scj", name: "{R}市场监督管理{J}", levels: "dcmp", kuan: "20138", projects: []string{"2013804", "2013805"}},
	{key: "xcb", name: "中共{R}{W}宣传部", levels: "dcmp", kuan: "20133", projects: []string{"2013399", "2070108", "2079999"}, hasSub: true},
	{key: "zzb", name: "中共{R}{W}组织部", levels: "dcmp", kuan: "20132", projects: []string{"2013204", "2013299"}},
	{key: "tzb", name: "中共{R}{W}统一战线工作部", levels: "dcmp", kuan: "20134", projects: []string{"2013404", "2013499"}},
	{key: "swb", name: "中共{R}{W}办公室", levels: "dcmp", kuan: "20131", projects: []string{"2013105", "2013199"}, big: 1.5},
	{key: "shgz", name: "中共{R}{W}社会工作部", levels: "dcm", kuan: "20139", projects: []string{"2013999"}},
	{key: "zfb", name: "{R}人民政府办公{S}", levels: "dcmp", kuan: "20103", projects: []string{"2010306", "2010399"}, hasSub: true, big: 1.5},
	{key: "rd", name: "{R}人大常委会办公{S}", levels: "dcmp", kuan: "20101", projects: []string{"2010104", "2010105", "2010106", "2010107", "2010108", "2010109", "2010199"}, big: 1.3},
	{key: "zx", name: "{R}政协办公{S}", levels: "dcmp", kuan: "20102", projects: []string{"2010204", "2010205", "2010206", "2010299"}},
	{key: "jw", name: "{R}纪委监委机关", levels: "dcmp", kuan: "20111", projects: []string{"2011104", "2011105", "2011106", "2011199"}, big: 1.4},
	{key: "rsj", name: "{R}人力资源和社会保障{J}", levels: "dcmp", kuan: "20801", projects: []string{"2080104", "2080105", "2080106", "2080109", "2080199", "2080701", "2080702"}, hasSub: true},
	{key: "tyjr", name: "{R}退役军人事务{J}", levels: "dcmp", kuan: "20828", projects: []string{"2082899", "2080901", "2080801", "2080802"}},
	{key: "yjj", name: "{R}应急管理{J}", levels: "dcmp", kuan: "22401", projects: []string{"2240106", "2240199", "2240601", "2240602"}, hasSub: true},
	{key: "hbj", name: "{R}生态环境{J}", levels: "dcmp", kuan: "21101", projects: []string{"2110199", "2110301", "2110302", "2110399", "2110401"}},
	{key: "cgj", name: "{R}城市管理行政执法{J}", levels: "dcm", kuan: "21201", projects: []string{"2120104", "2120106", "2120199"}, big: 1.8},
	{key: "nyj", name: "{R}农业农村{J}", levels: "cmp", kuan: "21301", projects: []string{"2130108", "2130109", "2130199", "2130705"}, hasSub: true},
	{key: "slj", name: "{R}水利{J}", levels: "cmp", kuan: "21303", projects: []string{"2130304", "2130306", "2130314", "2130399"}},
	{key: "lyj", name: "{R}林业{J}", levels: "cmp", kuan: "21302", projects: []string{"2130299", "2240602"}},
	{key: "jtj", name: "{R}交通运输{J}", levels: "dcmp", kuan: "21401", projects: []string{"2140104", "2140106", "2140199"}},
	{key: "whj", name: "{R}文化和旅游{J}", levels: "dcmp", kuan: "20701", projects: []string{"2070104", "2070108", "2070109", "2070112", "2070199", "2070204", "2070205"}, hasSub: true},
	{key: "tyj", name: "{R}体育{J}", levels: "dcmp", kuan: "20703", projects: []string{"2070307", "2070308", "2070399"}},
	{key: "kjj", name: "{R}科学技术委员会", levels: "dcmp", kuan: "20601", projects: []string{"2060199", "2060702", "2060703", "2060704", "2069999"}},
	{key: "gxj", name: "{R}工业和信息化{J}", levels: "cmp", kuan: "21505", projects: []string{"2150599"}},
	{key: "zrj", name: "{R}规划和自然资源{J}", levels: "dcmp", kuan: "22001", projects: []string{"2200199", "2209999"}, hasSub: true},
	{key: "jyj", name: "{R}教育{J}", levels: "dcmp", kuan: "20501", projects: []string{"2050199", "2050801", "2050802", "2059999"}},
	{key: "fy", name: "{R}{C}人民法院", levels: "dcmp", kuan: "20405", projects: []string{"2040502", "2040503", "2040504", "2040505", "2040599"}, big: 2},
	{key: "jcy", name: "{R}人民检察院", levels: "dcmp", kuan: "20404", projects: []string{"2040499"}, big: 1.5},
	{key: "cl", name: "{R}残疾人联合会", levels: "dcmp", kuan: "20811", projects: []string{"2081104", "2081107", "2081199"}},
	{key: "hsh", name: "{R}红十字会", levels: "dcm", kuan: "20816", projects: []string{"2081699"}, big: 0.3},
	{key: "jd", name: "{R}人民政府{X}街道办事处", levels: "d", kuan: "21201", projects: []string{"2120199", "2120501", "2080705", "2082501", "2100717", "2070308", "2060702", "2120399", "2089999"}, big: 2.5},
	// 事业单位 (单位 scope).
	{key: "zx1", name: "{R}第{N}中学", levels: "dcm", kuan: "20502", run: "2050203", general: "2050203", projects: []string{"2050299"}, public: true, unit: true},
	{key: "xx", name: "{R}实验小学", levels: "dc", kuan: "20502", run: "2050202", general: "2050202", projects: []string{"2050299"}, public: true, unit: true},
	{key: "yy", name: "{R}人民医院", levels: "dcm", kuan: "21002", run: "2100201", general: "2100201", projects: []string{"2100299"}, public: true, unit: true, big: 2},
	{key: "sq", name: "{R}{X}社区卫生服务中心", levels: "d", kuan: "21003", run: "2100301", general: "2100301", projects: []string{"2100408"}, public: true, unit: true},
	{key: "jk", name: "{R}疾病预防控制中心", levels: "dcm", kuan: "21004", run: "2100401", general: "2100401", projects: []string{"2100409", "2100410"}, public: true, unit: true},
	{key: "flg", name: "{R}社会福利院", levels: "dcm", kuan: "20810", run: "2081005", general: "2081005", projects: []string{"2081002"}, public: true, unit: true},
	{key: "tsg", name: "{R}图书馆", levels: "dcm", kuan: "20701", run: "2070104", general: "2070104", projects: []string{"2070199"}, public: true, unit: true},
}

// placeA and placeB are the syllables of invented place names: every
// region is made up, so that no figure is read as a real body's.
var (
	placeA = []rune("云江河清安长东西南北新兴宁泰丰永临盛金玉龙凤青松桂梅柳平和华嘉瑞鹤峰湖海川溪阳山")
	placeB = []rune("宁安平江川阳山峰溪湖城源泉林州丰和兴华水")
	// provinces for the 省级 and 市级 styles.
	provinces = []string{"江苏省", "浙江省", "安徽省", "江西省", "湖南省", "湖北省", "四川省", "贵州省", "河南省", "福建省"}
	streets   = []string{"长风", "曹杨", "宜川", "甘泉", "石泉", "长寿", "真如", "万宁", "桃浦", "江宁", "临汾", "彭浦", "新桥", "梅园", "枫林"}
)

func place(rng *rand.Rand) string {
	for {
		a, b := placeA[rng.IntN(len(placeA))], placeB[rng.IntN(len(placeB))]
		if a != b {
			return string([]rune{a, b})
		}
	}
}

// Dept is the reporting body of one report.
type Dept struct {
	Name   string // as the cover prints it
	Region string // 上海市云丰区, 四川省青川市, 江苏省
	Level  Level
	Arch   archetype
	Scope  string // 部门 or 单位
	Units  []string
}

// newDept invents a department of an archetype at a level; region is the
// region name the style chose (上海市云丰区 …).
func newDept(rng *rand.Rand, a archetype, lv Level, region, local string) *Dept {
	name := a.name
	j, s, c := "局", "室", ""
	switch lv {
	case Province:
		j, s, c = "厅", "厅", "高级"
	case City:
		c = "中级"
	}
	n := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}[rng.IntN(10)]
	name = strings.NewReplacer("{R}", region, "{J}", j, "{S}", s, "{C}", c, "{W}", "委", "{N}", n,
		"{X}", streets[rng.IntN(len(streets))]).Replace(name)
	if a.key == "jw" {
		name = "中共" + region + "纪律检查委员会"
	}
	d := &Dept{Name: name, Region: region, Level: lv, Arch: a, Scope: "部门"}
	if a.unit {
		d.Scope = "单位"
	}
	d.Units = []string{name + "（本级）"}
	if a.hasSub && !a.unit {
		subs := []string{"信息中心", "事务服务中心", "综合保障中心", "宣传教育中心", "培训中心"}
		d.Units = append(d.Units, local+subs[rng.IntN(len(subs))])
	}
	return d
}

// pickArchetype chooses an archetype available at a level.
func pickArchetype(rng *rand.Rand, lv Level, unitsOK bool) archetype {
	tag := "dcmp"[lv : lv+1]
	var ok []archetype
	for _, a := range archetypes {
		if strings.Contains(a.levels, tag) && (unitsOK || !a.unit) {
			ok = append(ok, a)
		}
	}
	return ok[rng.IntN(len(ok))]
}
