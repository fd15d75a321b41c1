package namekey

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// English names (no Chinese outside brackets, some Latin letters) take their
// own path, since their words, not their characters, carry the structure:
//   - the name is split into words at anything that is not a letter or a
//     digit; apostrophes join (McDonald's → mcdonalds); "hong kong" is one word;
//   - bracketed parts that are places or forms ((China), (Holdings), (苏州))
//     are dropped; others at the end, after a legal form, are remarks
//     (… Ltd. (Key Account), … Ltd.（已合作）), cut and flagged; the rest
//     are kept and flagged;
//   - a branch suffix after a legal form (… Co., Ltd. Shanghai Branch) is cut;
//   - legal forms, generic words and places are dropped from the end,
//     repeatedly (Trading Co., Ltd.; Group Holdings Limited; … China);
//   - then a leading "the" and leading places (Suzhou Rido …) are dropped;
//   - the key is the remaining words joined with nothing between them, so
//     that, as for Chinese names, spacing never makes a different key
//     (Sun Tech and SunTech are one key).
// Industries are not told apart in English names: everything left is the
// trade name, and the name is flagged english instead of no_industry.
// Never is the last word dropped: "Trading Co" keeps trading.

// isEnglish reports whether a normalized name is read as English.
func isEnglish(s string) bool {
	latin, depth := false, 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth = max(0, depth-1)
		case r < utf8.RuneSelf: // most of an English name: no Han, Latin if a letter
			latin = latin || 'a' <= r|0x20 && r|0x20 <= 'z'
		case depth == 0 && (isCJK(r) || unicode.Is(unicode.Han, r)):
			return false
		case unicode.Is(unicode.Latin, r):
			latin = true
		}
	}
	return latin
}

// eword is one word of an English name.
type eword struct {
	s     string
	group int // 0 outside brackets, else the number of its bracketed part
}

func splitEnglish(s string) []eword {
	var ws []eword
	var cur strings.Builder
	group, depth, groups := 0, 0, 0
	flush := func() {
		if cur.Len() > 0 {
			ws = append(ws, eword{cur.String(), group})
			cur.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur.WriteRune(r)
		case r == '\'' || r == '’' || r == 'ʼ':
			// joins: mcdonald's
		case r == '(':
			flush()
			if depth == 0 {
				groups++
				group = groups
			}
			depth++
		case r == ')':
			flush()
			if depth > 0 {
				if depth--; depth == 0 {
					group = 0
				}
			}
		default:
			flush()
		}
	}
	flush()
	// "hong kong" is one place.
	out := ws[:0]
	for i := 0; i < len(ws); i++ {
		if ws[i].s == "hong" && i+1 < len(ws) && ws[i+1].s == "kong" && ws[i+1].group == ws[i].group {
			out = append(out, eword{"hongkong", ws[i].group})
			i++
			continue
		}
		out = append(out, ws[i])
	}
	return out
}

// parseEnglish fills p from the words of s, and appends its flags to
// flags. It reports false, leaving p and flags alone, when a bracket holds
// Chinese that is not a region: such a name is Chinese after all
// (ABC（日东）), and goes the Chinese way.
func (d *dict) parseEnglish(p *Parts, s string, flags []string) ([]string, bool) {
	all := splitEnglish(s)
	kindOf := func(w string) string { return d.englishTok[w] }
	var regions, org, tail, remarks []string
	kept, last := false, -1 // last: the last word outside brackets
	for i, w := range all {
		if w.group == 0 {
			last = i
		}
	}

	// Bracketed parts: drop places and forms, cut remarks, keep the rest.
	var ws []string
	for i := 0; i < len(all); {
		g := all[i].group
		if g == 0 {
			ws = append(ws, all[i].s)
			i++
			continue
		}
		j := i
		var part []string
		droppable := true
		for ; j < len(all) && all[j].group == g; j++ {
			part = append(part, all[j].s)
			k := kindOf(all[j].s)
			var buf textBuf
			pt := newText(all[j].s, &buf)
			droppable = droppable && (k != "" && k != "article" || d.regionChain(pt, 0, pt.n()))
		}
		if droppable {
			regions = append(regions, strings.Join(part, " "))
		} else if i > last && len(ws) > 0 && kindOf(ws[len(ws)-1]) == "legal" {
			remarks = append(remarks, strings.Join(part, " "))
		} else {
			if hasHan(strings.Join(part, "")) {
				return flags, false
			}
			ws = append(ws, part...)
			kept = true
		}
		i = j
	}

	if len(ws) == 0 {
		// Nothing but bracketed places: they are the name after all.
		ws, regions = nil, nil
		for _, w := range all {
			ws = append(ws, w.s)
		}
	}

	// A branch: the words after the last legal form, when the name ends in
	// a branch word.
	lo, hi := 0, len(ws)
	if hi-lo > 1 && kindOf(ws[hi-1]) == "branch" {
		for k := hi - 2; k > lo && k >= hi-6; k-- {
			if kindOf(ws[k]) == "legal" {
				p.Branch = strings.Join(ws[k+1:hi], " ")
				hi = k + 1
				break
			}
		}
	}

	// The end: legal forms, generic words, places, branch words.
	legal := false
	for hi-lo > 1 {
		k := kindOf(ws[hi-1])
		if k == "" || k == "article" {
			break
		}
		legal = legal || k == "legal"
		if k == "region" || k == "area" {
			tail = append(tail, ws[hi-1])
		} else {
			org = append(org, ws[hi-1])
		}
		hi--
	}
	slices.Reverse(tail)
	slices.Reverse(org)
	regions = append(regions, tail...)

	// The start: an article, then places.
	var lead []string
	if hi-lo > 1 && kindOf(ws[lo]) == "article" {
		lo++
	}
	for hi-lo > 1 && kindOf(ws[lo]) == "region" {
		lead = append(lead, ws[lo])
		lo++
	}
	regions = append(lead, regions...)

	p.Region = strings.Join(regions, "/")
	p.OrgForm = strings.Join(org, " ")
	p.TradeName = strings.Join(ws[lo:hi], " ")
	p.Key = canon(strings.Join(ws[lo:hi], ""))
	p.Remark = strings.Join(remarks, "/")
	flags = append(flags, FlagEnglish)
	if p.Remark != "" {
		flags = append(flags, FlagRemark)
	}
	if kept {
		flags = append(flags, FlagBracketKept)
	}
	if !legal && p.Branch == "" {
		flags = append(flags, FlagUnknownOrgForm)
	}
	return flags, true
}
