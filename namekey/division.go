package namekey

// Prefecture names the prefecture-level city that contains the most specific
// division written in region — or, for the four municipalities, the
// municipality: "江苏昆山" → "苏州市", "吴中区" → "苏州市", "浦东新区" →
// "上海市". It answers "" when region names no division, only a province, or
// a division that several cities have (朝阳区 is in Beijing and in
// Changchun) with nothing written before it to choose between them; a
// prefecture-level city's name alone means that city (西安 is 西安市, though
// two cities have a 西安区).
//
// The phone package needs it: area codes belong to prefecture cities, and a
// resource's region is often a county-level city or a district.
func Prefecture(region string) string {
	d := dicts()
	var buf textBuf
	t := newText(normalize(region, false), &buf)
	var cur []int // the divisions read so far, most specific last
	for i := 0; i < t.n(); {
		l, regs := d.longestForm(t, i)
		if l == 0 {
			i++
			continue
		}
		if inside := d.within(regs, cur); len(inside) > 0 {
			cur = inside
		} else if len(cur) == 0 {
			cur = regs
		}
		i += l
	}
	cur = d.cityOverCounties(cur)
	name := ""
	for _, r := range cur {
		p := d.prefectureOf(d.regions[r])
		if p == "" || (name != "" && p != name) {
			return ""
		}
		name = p
	}
	return name
}

// cityOverCounties narrows divisions of one written form to the
// prefecture-level city among them when the others are counties or
// districts of ordinary cities: 西安 is 西安市, not the 西安区 of 辽源. A
// district of a municipality is as well known as a city (朝阳: 朝阳市 of
// Liaoning, or Beijing's 朝阳区), and a province is not a district: then
// nothing is chosen.
func (d *dict) cityOverCounties(regs []int) []int {
	city := -1
	for _, r := range regs {
		switch reg := d.regions[r]; {
		case reg.level == 2 && city < 0:
			city = r
		case reg.level == 3 && !municipalities[reg.code[:2]]:
		default:
			return regs
		}
	}
	if city < 0 {
		return regs
	}
	return []int{city}
}

// longestForm finds the longest division form at rune i of t.
func (d *dict) longestForm(t text, i int) (int, []int) {
	forms := d.formStarts.get(t.at(i))
	for l := min(d.maxForm, t.n()-i); l >= minTrade; l-- {
		if !forms.has(l) {
			continue
		}
		if rf := d.forms[t.sub(i, i+l)]; rf != nil {
			return l, rf.regs
		}
	}
	return 0, nil
}

// within keeps the divisions of regs that lie inside one of outer.
func (d *dict) within(regs, outer []int) []int {
	var out []int
	for _, r := range regs {
		for _, o := range outer {
			if d.regions[o].contains(d.regions[r]) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// municipalities are the province-level cities, whose districts have no
// prefecture between them and the city.
var municipalities = map[string]bool{"11": true, "12": true, "31": true, "50": true}

func (d *dict) prefectureOf(r region) string {
	switch {
	case r.level == 2:
		return r.name
	case r.level == 1 && municipalities[r.code[:2]]:
		return r.name
	case r.level == 3:
		if i, ok := d.byCode[r.code[:4]+"00"]; ok && d.regions[i].level == 2 {
			return d.regions[i].name
		}
		if municipalities[r.code[:2]] {
			return d.prefectureOf(d.regions[d.byCode[r.code[:2]+"0000"]])
		}
	}
	return ""
}
