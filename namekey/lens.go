package namekey

// The parser looks words up by their text at every place of a name, for
// every length from the longest word down: a dozen map look-ups, each
// hashing a substring, for each character, and most find nothing. A
// lenSet says, from one character, which lengths can match at all, so
// that only those are looked up: for most characters none.

// lenSet gives, for a rune, the lengths in runes of the words that start
// with it (or end with it, as the set was built): bit l for l runes, and
// the last bit for lenMax runes or more. The ideographs are kept in an
// array (42 KB a set), for a look-up per character that costs no hashing;
// other runes in a map.
type lenSet struct {
	cjk   []uint16 // the CJK Unified Ideographs, by r - 0x4E00
	other map[rune]uint16
}

const lenMax = 15

func newLenSet() lenSet {
	return lenSet{cjk: make([]uint16, 0x9FFF-0x4E00+1), other: map[rune]uint16{}}
}

// add records a word of n runes that starts (or ends) with r.
func (s lenSet) add(r rune, n int) {
	bit := uint16(1) << min(n, lenMax)
	if isCJK(r) {
		s.cjk[r-0x4E00] |= bit
	} else {
		s.other[r] |= bit
	}
}

// get returns the lengths recorded for r.
func (s lenSet) get(r rune) lens {
	if isCJK(r) {
		return lens(s.cjk[r-0x4E00])
	}
	return lens(s.other[r])
}

// lens is what lenSet.get returns.
type lens uint16

// has reports whether a word of l runes may match.
func (m lens) has(l int) bool { return m&(1<<min(l, lenMax)) != 0 }

// buildLens indexes the words and the region forms (see lenSet).
func (d *dict) buildLens() {
	d.wordEnds, d.zoneStarts, d.namedStarts, d.formStarts = newLenSet(), newLenSet(), newLenSet(), newLenSet()
	for w, k := range d.words {
		rs := []rune(w)
		if len(rs) == 0 {
			continue
		}
		d.wordEnds.add(rs[len(rs)-1], len(rs))
		if k&kZone != 0 {
			d.zoneStarts.add(rs[0], len(rs))
		}
		if k&kNamed != 0 {
			d.namedStarts.add(rs[0], len(rs))
		}
	}
	for f := range d.forms {
		rs := []rune(f)
		if len(rs) == 0 {
			continue
		}
		d.formStarts.add(rs[0], len(rs))
	}
}
