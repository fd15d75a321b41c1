package phone

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
)

//go:generate go run ./internal/gen -o data/areacodes.tsv

// areaCodesTSV is the area code table: code, Chinese and English description,
// as libphonenumber's geocoding data words them (see data/SOURCES.md).
//
//go:embed data/areacodes.tsv
var areaCodesTSV string

// area is one Chinese area code and the city or cities it serves.
type area struct {
	code       string // without the trunk 0: "512"
	zh, en     string // "江苏省苏州市", "Suzhou, Jiangsu"
	province   string // "江苏"; a municipality is its own province: "北京"
	enProvince string // "jiangsu"
}

// areaTable indexes the area codes by code and by the names a region field
// may use for their cities and provinces.
type areaTable struct {
	byCode     map[string]*area
	zhCity     map[string][]*area // "苏州市", "苏州" → 0512
	zhProvince map[string]string  // "江苏省", "江苏" → "江苏"
	municipal  map[string]*area   // "北京" → 010: a province that is one city
	enCity     map[string][]*area // "suzhou" → 0512, 0557
	enProvince map[string]bool    // "jiangsu", "innermongolia"
	maxAlias   int                // longest Chinese name, in runes
	bad        []string           // lines that did not read; a test keeps this empty
}

// areaTab is read once, on first use: parsing a number that carries its
// area code never needs it.
var areaTab = sync.OnceValue(func() *areaTable { return loadAreas(areaCodesTSV) })

// autonomous are the province-level autonomous regions, whose descriptions
// carry no 省 to split at ("内蒙古呼和浩特市"), with their formal names.
var autonomous = map[string]string{
	"内蒙古": "内蒙古自治区",
	"广西":  "广西壮族自治区",
	"西藏":  "西藏自治区",
	"新疆":  "新疆维吾尔自治区",
	"宁夏":  "宁夏回族自治区",
}

// englishPreferred settles English names that libphonenumber gives two
// cities, where common usage means one of them: "Suzhou" is 苏州 (宿州
// is "Suzhou, Anhui"), "Fuzhou" is 福州, the provincial capital (抚州 is
// "Fuzhou, Jiangxi"). Other shared names (Taizhou, Yulin, Jining) stay
// ambiguous. A test checks that each entry is indeed shared.
var englishPreferred = map[string]string{"suzhou": "512", "fuzhou": "591"}

func loadAreas(tsv string) *areaTable {
	t := &areaTable{
		byCode:     map[string]*area{},
		zhCity:     map[string][]*area{},
		zhProvince: map[string]string{},
		municipal:  map[string]*area{},
		enCity:     map[string][]*area{},
		enProvince: map[string]bool{},
	}
	var zhNames [][]string
	var areas []*area
	for _, line := range strings.Split(tsv, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || len(f[0]) < 3 || f[0][0] != '0' || !allDigits(f[0]) || f[1] == "" {
			t.bad = append(t.bad, line)
			continue
		}
		a := &area{code: f[0][1:], zh: f[1], en: f[2]}
		province, cities := splitZh(a.zh)
		a.province = province
		t.byCode[a.code] = a
		t.zhProvince[province] = province
		if formal, ok := autonomous[province]; ok {
			t.zhProvince[formal] = province
			t.zhProvince[province+"自治区"] = province
		} else if len(cities) == 1 && cities[0] == a.zh {
			t.municipal[province] = a
			t.zhProvince[a.zh] = province // 北京市
		} else {
			t.zhProvince[province+"省"] = province
		}
		areas = append(areas, a)
		zhNames = append(zhNames, cities)
		t.addEnglish(a)
	}
	// Chinese city names go in last, once every province is known: a short
	// name that is also a province's (吉林 for 吉林市, 海南 for
	// 海南藏族自治州) would read a province as a city, so only the full
	// name stands for such a city.
	for i, a := range areas {
		for _, name := range zhNames[i] {
			t.addZh(name, a)
			if short := shortZh(name); short != name {
				if _, isProvince := t.zhProvince[short]; !isProvince || t.municipal[short] == a {
					t.addZh(short, a)
				}
			}
		}
	}
	return t
}

// splitZh splits "江苏省苏州市" into 江苏 and [苏州市], "辽宁省沈阳市、铁岭市"
// into 辽宁 and [沈阳市 铁岭市], "北京市" into 北京 and [北京市].
func splitZh(desc string) (province string, cities []string) {
	if k := strings.Index(desc, "省"); k > 0 {
		return desc[:k], strings.Split(desc[k+len("省"):], "、")
	}
	for p := range autonomous {
		if rest, ok := strings.CutPrefix(desc, p); ok && rest != "" {
			return p, strings.Split(rest, "、")
		}
	}
	return strings.TrimSuffix(desc, "市"), []string{desc}
}

// ethnic are the peoples named in autonomous prefectures, which people
// leave out: 延边朝鲜族自治州 is 延边.
var ethnic = []string{"朝鲜族", "蒙古族", "蒙古", "哈萨克", "柯尔克孜", "回族", "藏族", "羌族", "彝族", "白族",
	"傣族", "景颇族", "傈僳族", "壮族", "苗族", "哈尼族", "土家族", "侗族", "布依族"}

// shortZh drops the administrative suffix of a city name: 苏州市 → 苏州,
// 那曲地区 → 那曲, 锡林郭勒盟 → 锡林郭勒, 黔东南苗族侗族自治州 → 黔东南.
// Names of one character are too short to match safely and stay whole.
func shortZh(name string) string {
	s := name
	if rest, ok := strings.CutSuffix(s, "自治州"); ok {
		for again := true; again; {
			again = false
			for _, e := range ethnic {
				if r, ok := strings.CutSuffix(rest, e); ok {
					rest, again = r, true
				}
			}
		}
		s = rest
	} else {
		for _, suf := range []string{"地区", "市", "盟", "县"} {
			if rest, ok := strings.CutSuffix(s, suf); ok {
				s = rest
				break
			}
		}
	}
	if len([]rune(s)) < 2 {
		return name
	}
	return s
}

func (t *areaTable) addZh(name string, a *area) {
	for _, b := range t.zhCity[name] {
		if b == a {
			return
		}
	}
	t.zhCity[name] = append(t.zhCity[name], a)
	if n := len([]rune(name)); n > t.maxAlias {
		t.maxAlias = n
	}
}

// addEnglish indexes "Suzhou, Jiangsu", "Shenyang/Tieling/Fushun, Liaoning"
// and "Beijing" by their city and province names, in lower case letters
// only ("XiAn" → xian, "Inner Mongolia" → innermongolia).
func (t *areaTable) addEnglish(a *area) {
	cities, province, ok := strings.Cut(a.en, ", ")
	if !ok {
		province = cities
	}
	a.enProvince = letters(province)
	if a.enProvince != "" {
		t.enProvince[a.enProvince] = true
	}
	for _, c := range strings.Split(cities, "/") {
		names := []string{letters(c)}
		if w := strings.Fields(c); len(w) > 1 && strings.EqualFold(w[len(w)-1], "zhou") {
			names = append(names, letters(strings.Join(w[:len(w)-1], ""))) // "Yanbian Zhou" is also Yanbian
		}
		for _, n := range names {
			if n != "" && !containsArea(t.enCity[n], a) {
				t.enCity[n] = append(t.enCity[n], a)
			}
		}
	}
}

func containsArea(as []*area, a *area) bool {
	for _, b := range as {
		if b == a {
			return true
		}
	}
	return false
}

// letters keeps the letters of s, lower-cased.
func letters(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
