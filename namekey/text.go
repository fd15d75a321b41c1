package namekey

import "unicode/utf8"

// text is a string together with the byte offset of each of its runes, so
// that the parser can address characters (a Chinese name is counted in
// characters, not bytes) and take substrings without copying: map look-ups
// on t.sub(i, j) allocate nothing.
type text struct {
	s   string
	off []int // off[i] is where rune i starts; off[n] == len(s)
}

func newText(s string) text {
	off := make([]int, 0, utf8.RuneCountInString(s)+1)
	for i := range s {
		off = append(off, i)
	}
	return text{s: s, off: append(off, len(s))}
}

// n is the number of runes.
func (t text) n() int { return len(t.off) - 1 }

// sub returns runes i to j (exclusive).
func (t text) sub(i, j int) string { return t.s[t.off[i]:t.off[j]] }
