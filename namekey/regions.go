package namekey

// Reading regions in a name: the chain of divisions at its start, those in
// brackets, and a division kept as the trade name (the divisions
// themselves are loaded in regiondata.go).

// splitWords start with the last character of a region's full name; a
// region read up to that character would cut them in two.
var splitWords = map[string]bool{"市场": true, "市政": true}

// splitsWord reports whether a region ending at rune end of t[:hi] would
// cut a splitWord in two: 苏州市场 is 苏州 + 市场, not 苏州市 + 场.
func (d *dict) splitsWord(t text, end, hi int) bool {
	return end < hi && splitWords[t.sub(end-1, end+1)]
}

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
	if i >= hi {
		return buf
	}
	forms, zones := d.formStarts.get(t.at(i)), d.zoneStarts.get(t.at(i))
	if prev < 0 {
		zones = 0
	}
	for l := min(max(d.maxForm, d.maxWord), hi-i); l >= 2; l-- {
		if !forms.has(l) && !zones.has(l) {
			continue
		}
		if r, ok := d.regionAt(t.sub(i, i+l), prev, loose); ok && !d.splitsWord(t, i+l, hi) {
			buf = append(buf, cand{i + l, r})
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

// regionAt reads s as a region: a division's form, or a zone right after
// division prev; it returns the division named (prev for a zone).
func (d *dict) regionAt(s string, prev int, loose bool) (int, bool) {
	if rf := d.forms[s]; rf != nil {
		if r, ok := d.pick(rf, prev, loose); ok {
			return r, true
		}
	}
	if prev >= 0 && d.words[s]&kZone != 0 {
		return prev, true
	}
	return 0, false
}

// namedAreas appends the zones and towns below county level that may follow
// a division: two to four characters of name, then a word marked "named" in
// zones.txt (东湖 + 新技术开发区, 象屿 + 保税区, 长安 + 镇).
func (d *dict) namedAreas(buf []cand, t text, i, hi, prev int) []cand {
	for n := minTrade; n <= 4 && i+n < hi; n++ {
		named := d.namedStarts.get(t.at(i + n))
		for l := min(d.maxWord, hi-i-n); l >= 1; l-- {
			if named.has(l) && d.words[t.sub(i+n, i+n+l)]&kNamed != 0 {
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
	if i >= hi {
		return false
	}
	forms := d.formStarts.get(t.at(i))
	for l := min(d.maxForm, hi-i); l >= 2; l-- {
		if forms.has(l) && d.forms[t.sub(i, i+l)] != nil {
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
	var buf textBuf
	t := newText(trade, &buf)
	if t.n() == 0 {
		return trade
	}
	forms := d.formStarts.get(t.at(0)) // every full name is a form
	for n := min(t.n(), d.maxForm); n > minTrade; n-- {
		if !forms.has(n) {
			continue
		}
		if short, ok := d.shortOf[t.sub(0, n)]; ok {
			return short + t.sub(n, t.n())
		}
	}
	return trade
}
