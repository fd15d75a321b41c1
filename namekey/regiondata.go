package namekey

import (
	"strings"
	"unicode/utf8"
)

// The divisions, as loaded from data/regions.tsv: each with its code,
// level and forms. regions.go reads them in names.

// region is one administrative division (data/regions.tsv), or the country.
type region struct {
	code  string // GB/T 2260 code, six digits; "000000" for 中国
	level int8   // 0 country, 1 province, 2 prefecture, 3 county
	name  string // full name
}

// regionForm is one way of writing a division: its full name or a short
// form. Several divisions can share one (朝阳: a prefecture and two
// districts).
type regionForm struct {
	regs      []int // indexes into dict.regions
	ambiguous bool  // kept at the start of a name; see data/region_ambiguous.txt
}

// contains reports whether division b lies inside division a.
func (a region) contains(b region) bool {
	if a.level >= b.level {
		return false
	}
	switch a.level {
	case 0:
		return true
	case 1:
		return a.code[:2] == b.code[:2]
	default:
		return a.code[:4] == b.code[:4]
	}
}

func (d *dict) loadRegions() {
	d.addRegion(region{code: "000000", level: 0}, "中国", "中华人民共和国")
	eachLine("data/regions.tsv", func(f []string) {
		if len(f) < 3 || len(f[0]) != 6 || len(f[1]) != 1 {
			return
		}
		forms := []string{f[2]}
		if len(f) > 3 && f[3] != "" {
			forms = append(forms, strings.Split(f[3], ",")...)
		}
		d.addRegion(region{code: f[0], level: int8(f[1][0] - '0')}, forms...)
	})
	// A form shared by two or more county-level divisions and by nothing
	// higher is an ordinary word (新华, 城关, 和平): ambiguous.
	for _, f := range d.forms {
		if len(f.regs) < 2 {
			continue
		}
		county := true
		for _, r := range f.regs {
			county = county && d.regions[r].level == 3
		}
		f.ambiguous = f.ambiguous || county
	}
	eachLine("data/region_ambiguous.txt", func(f []string) {
		if rf := d.forms[f[0]]; rf != nil {
			rf.ambiguous = true
		}
	})
}

func (d *dict) addRegion(r region, forms ...string) {
	for _, f := range forms[1:] {
		if n := utf8.RuneCountInString(f); n >= minTrade && (d.shortOf[forms[0]] == "" || n < utf8.RuneCountInString(d.shortOf[forms[0]])) {
			d.shortOf[forms[0]] = f
		}
	}
	r.name = forms[0]
	d.regions = append(d.regions, r)
	idx := len(d.regions) - 1
	if _, ok := d.byCode[r.code]; !ok {
		// 东莞, 中山 and 儋州 have no counties: the code of the city is
		// also the code of the county-level unit listed after it, and
		// the code must find the city.
		d.byCode[r.code] = idx
	}
	for _, s := range forms {
		rf := d.forms[s]
		if rf == nil {
			rf = &regionForm{}
			d.forms[s] = rf
		}
		rf.regs = append(rf.regs, idx)
		d.maxForm = max(d.maxForm, utf8.RuneCountInString(s))
	}
}
