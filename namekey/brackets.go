package namekey

import (
	"strings"
	"unicode"
)

// bracketed is a name with its bracketed parts dealt with.
type bracketed struct {
	body       string   // the name without the dropped parts and without brackets
	regions    []string // bracketed regions, dropped: 苏州 of 日东（苏州）精密电子
	kept       bool     // a bracket held something else, kept in the name
	unbalanced bool     // an opening or closing bracket had no partner
}

// unbracket handles the bracketed parts of a normalized name (letters,
// digits and the brackets ( ) only). Under the 2023 implementing measures a
// region placed after the trade name is written in brackets, and so are the
// markers （中国）, （集团）, （有限合伙）. A region, or 中国, is dropped
// wherever it stands. Anything else is unwrapped, its brackets removed and
// its text left in place: the markers are organisation forms or generic
// words that the tail rules strip like any other; other text is part of the
// name, and the name is flagged bracket_kept.
func (d *dict) unbracket(t text) bracketed {
	var out bracketed
	var b strings.Builder
	depth, start := 0, 0
	for i := 0; i < t.n(); i++ {
		switch c := t.sub(i, i+1); c {
		case "(":
			if depth == 0 {
				start = i + 1
			}
			depth++
		case ")":
			if depth == 0 {
				out.unbalanced = true
				continue
			}
			if depth--; depth == 0 {
				d.bracketPart(&out, &b, stripBrackets(t.sub(start, i)))
			}
		default:
			if depth == 0 {
				b.WriteString(c)
			}
		}
	}
	if depth > 0 {
		// An unclosed bracket: its text stays, it is not trusted to be a region.
		out.unbalanced = true
		b.WriteString(stripBrackets(t.sub(start, t.n())))
	}
	out.body = b.String()
	if out.body == "" && len(out.regions) > 0 {
		// （苏州） alone: the region is all the name there is.
		out.body, out.regions = strings.Join(out.regions, ""), nil
	}
	return out
}

func (d *dict) bracketPart(out *bracketed, b *strings.Builder, part string) {
	if part == "" {
		return
	}
	pt := newText(part)
	if d.regionChain(pt, 0, pt.n()) || isEnglishPlace(d, part) {
		out.regions = append(out.regions, part)
		return
	}
	b.WriteString(part)
	if !d.covers(pt, 0, pt.n(), kOrg|kGeneric) {
		out.kept = true
	}
}

// isEnglishPlace reports (china), (hk) and the like inside a Chinese name.
func isEnglishPlace(d *dict, s string) bool {
	k := d.englishTok[s]
	return k == "region" || k == "area"
}

func stripBrackets(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '(' || r == ')' {
			return -1
		}
		return r
	}, s)
}

// parseRunes keeps what the Chinese parser reads: letters, digits and the
// brackets that normalize has folded to ( ).
func parseRunes(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '(' || r == ')' {
			return r
		}
		return -1
	}, s)
}
