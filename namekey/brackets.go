package namekey

import (
	"strings"
)

// bracketed is a name with its bracketed parts dealt with.
type bracketed struct {
	body       string   // the name without the dropped parts and without brackets
	regions    []string // bracketed regions, dropped: 苏州 of 日东（苏州）精密电子
	forms      string   // markers inside the name, dropped: 集团 of 日东（集团）精密电子
	org        bool     // one of those markers holds an organisation form
	remarks    []string // bracketed text after the organisation form that ends the name, cut: 已合作
	kept       bool     // a bracket held something else, kept in the name
	unbalanced bool     // an opening or closing bracket had no partner
}

// unbracket handles the bracketed parts of a normalized name (letters,
// digits and the brackets ( ) only). Under the 2023 implementing measures a
// region placed after the trade name is written in brackets, and so are the
// markers （中国）, （集团）, （有限合伙）, （个人独资）. A bracket holds:
//   - a region, or 中国: dropped wherever it stands;
//   - a marker, nothing but organisation forms and generic words: at the
//     end of the name (only brackets after it) it is unwrapped in place, for
//     the tail rules to strip in name order and to see as the outermost form
//     (小张服装店（个人独资） is no individual business); anywhere else it is
//     dropped (明远（个人独资）服饰店, 日东（集团）精密电子);
//   - anything else, at the end of the name right after an organisation
//     form: a remark of whoever typed the name (（已合作）, 【勿动】), which
//     the registered name cannot hold; cut, and the name flagged remark;
//   - anything else: part of the name, unwrapped in place, and flagged
//     bracket_kept, for a person to look at.
func (d *dict) unbracket(s string) bracketed {
	var out bracketed
	if strings.IndexByte(s, '(') < 0 && strings.IndexByte(s, ')') < 0 {
		out.body = s
		return out
	}
	var buf textBuf
	t := newText(s, &buf)
	var segs []segment
	var cur strings.Builder // plain text since the last bracket
	flush := func() {
		if cur.Len() > 0 {
			segs = append(segs, segment{cur.String(), false})
			cur.Reset()
		}
	}
	depth, start := 0, 0
	for i := 0; i < t.n(); i++ {
		switch c := t.sub(i, i+1); c {
		case "(":
			if depth == 0 {
				flush()
				start = i + 1
			}
			depth++
		case ")":
			if depth == 0 {
				out.unbalanced = true
				continue
			}
			if depth--; depth == 0 {
				segs = append(segs, segment{stripBrackets(t.sub(start, i)), true})
			}
		default:
			if depth == 0 {
				cur.WriteString(c)
			}
		}
	}
	if depth > 0 {
		// An unclosed bracket: its text stays, it is not trusted to be a region.
		out.unbalanced = true
		cur.WriteString(stripBrackets(t.sub(start, t.n())))
	}
	flush()
	last := -1 // the last plain text: the brackets after it end the name
	for i, sg := range segs {
		if !sg.bracket {
			last = i
		}
	}
	var b strings.Builder
	for i, sg := range segs {
		if sg.bracket {
			d.bracketPart(&out, &b, sg.s, i > last)
		} else {
			b.WriteString(sg.s)
		}
	}
	out.body = b.String()
	if out.body == "" && len(out.regions) > 0 {
		// （苏州） alone: the region is all the name there is.
		out.body, out.regions = strings.Join(out.regions, ""), nil
	}
	return out
}

// segment is a run of a name's plain text, or the text of one bracket.
type segment struct {
	s       string
	bracket bool
}

func (d *dict) bracketPart(out *bracketed, b *strings.Builder, part string, atEnd bool) {
	if part == "" {
		return
	}
	var buf textBuf
	pt := newText(part, &buf)
	switch {
	case d.regionChain(pt, 0, pt.n()) || isEnglishPlace(d, part):
		out.regions = append(out.regions, part)
	case d.covers(pt, 0, pt.n(), kOrg|kGeneric) && atEnd:
		b.WriteString(part)
	case d.covers(pt, 0, pt.n(), kOrg|kGeneric):
		out.forms += part
		out.org = out.org || !d.covers(pt, 0, pt.n(), kGeneric)
	case atEnd && d.endsInForm(b.String()):
		out.remarks = append(out.remarks, part)
	default:
		b.WriteString(part)
		out.kept = true
	}
}

// endsInForm reports whether s ends in an organisation form.
func (d *dict) endsInForm(s string) bool {
	var buf textBuf
	t := newText(s, &buf)
	_, _, ok := d.suffix(t, 0, t.n(), kOrg)
	return ok
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
	for _, r := range s {
		if !isKeyRune(r) && r != '(' && r != ')' {
			return strings.Map(func(r rune) rune {
				if isKeyRune(r) || r == '(' || r == ')' {
					return r
				}
				return -1
			}, s)
		}
	}
	return s // most names: nothing to drop, nothing to copy
}
