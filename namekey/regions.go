package namekey

import (
	"strings"
	"unicode/utf8"
)

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
	d.byCode[r.code] = idx
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

// splitWords start with the last character of a region's full name; a
// region read up to that character would cut them in two.
var splitWords = map[string]bool{"市场": true, "市政": true}

// cand is one way to read a region at some place in a name: where it
// ends, and the division it names (the previous one for a zone).
type cand struct{ end, reg int }

// regionCands appends to buf the regions that may start at rune i of t and
// end at or before hi, longest first: region forms, and right after a
// division (prev >= 0) development zones and named areas. The caller takes
// the first that suits it; stripRegion needs the shorter ones when the
// longest would leave no trade name (武汉 + 东湖开发区 vs 武汉 + 东湖 + 开发区).
//
// What may stand where: a form that is not ambiguous, anywhere; an ambiguous
// one only inside prev or when loose (inside brackets, where nothing but a
// region is expected); a zone or a named area only right after a division.
func (d *dict) regionCands(buf []cand, t text, i, hi, prev int, loose bool) []cand {
	buf = buf[:0]
	for l := min(max(d.maxForm, d.maxWord), hi-i); l >= 2; l-- {
		if i+l < hi && splitWords[t.sub(i+l-1, i+l+1)] {
			continue // 苏州市场: 苏州 + 市场, not 苏州市 + 场
		}
		s := t.sub(i, i+l)
		if rf := d.forms[s]; rf != nil {
			if r, ok := d.pick(rf, prev, loose); ok {
				buf = append(buf, cand{i + l, r})
				continue
			}
		}
		if prev >= 0 && d.words[s]&kZone != 0 {
			buf = append(buf, cand{i + l, prev})
		}
	}
	if prev >= 0 {
		buf = d.namedAreas(buf, t, i, hi, prev)
	}
	// Few candidates, mostly in order already: insertion sort, longest first.
	for a := 1; a < len(buf); a++ {
		for b := a; b > 0 && buf[b].end > buf[b-1].end; b-- {
			buf[b], buf[b-1] = buf[b-1], buf[b]
		}
	}
	return buf
}

// namedAreas appends the zones and towns below county level that may follow
// a division: two to four characters of name, then a word marked "named" in
// zones.txt (东湖 + 新技术开发区, 象屿 + 保税区, 长安 + 镇).
func (d *dict) namedAreas(buf []cand, t text, i, hi, prev int) []cand {
	for n := minTrade; n <= 4 && i+n < hi; n++ {
		for l := min(d.maxWord, hi-i-n); l >= 1; l-- {
			if d.words[t.sub(i+n, i+n+l)]&kNamed != 0 {
				buf = append(buf, cand{i + n + l, prev})
				break
			}
		}
	}
	return buf
}

// pick chooses which division a form names: one inside prev if there is
// one, otherwise the highest-level one, if the form may stand alone.
func (d *dict) pick(rf *regionForm, prev int, loose bool) (int, bool) {
	if prev >= 0 {
		for _, r := range rf.regs {
			if d.regions[prev].contains(d.regions[r]) {
				return r, true
			}
		}
	}
	if rf.ambiguous && !loose {
		return 0, false
	}
	best := rf.regs[0]
	for _, r := range rf.regs[1:] {
		if d.regions[r].level < d.regions[best].level {
			best = r
		}
	}
	return best, true
}

// regionChain reads the divisions (and zones) that make up all of t[i:hi],
// as inside brackets: （苏州）, （江苏苏州）, （中国）.
func (d *dict) regionChain(t text, i, hi int) bool {
	if i >= hi {
		return false
	}
	var buf [8]cand
	prev := -1
	for i < hi {
		cs := d.regionCands(buf[:0], t, i, hi, prev, true)
		if len(cs) == 0 {
			return false
		}
		i, prev = cs[0].end, cs[0].reg
	}
	return true
}

// startsWithRegion reports whether t[i:hi] begins with any region form,
// ambiguous or not: a trade name that does is flagged key_is_region_word.
func (d *dict) startsWithRegion(t text, i, hi int) bool {
	for l := min(d.maxForm, hi-i); l >= 2; l-- {
		if d.forms[t.sub(i, i+l)] != nil {
			return true
		}
	}
	return false
}

// shortTrade writes a trade name that begins with a division's full name
// (kept because without it no trade name would remain: 龙华区鞋业) with the
// division's short form, so that 深圳市龙华区鞋业 and 深圳龙华鞋业 share the
// key 龙华鞋业.
//
// It repeats until nothing changes, so a key read again as a name gives
// itself back (市中区区 → 市中区 → 市中).
func (d *dict) shortTrade(trade string) string {
	for {
		next := d.shortTradeOnce(trade)
		if next == trade {
			return trade
		}
		trade = next
	}
}

func (d *dict) shortTradeOnce(trade string) string {
	rs := []rune(trade)
	for n := min(len(rs), d.maxForm); n > minTrade; n-- {
		if short, ok := d.shortOf[string(rs[:n])]; ok {
			return short + string(rs[n:])
		}
	}
	return trade
}
