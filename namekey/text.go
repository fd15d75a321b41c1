package namekey

import "sync"

// text is a string together with each of its runes and their byte
// offsets, so that the parser can address characters (a Chinese name is
// counted in characters, not bytes) and take substrings without copying:
// map look-ups on t.sub(i, j) allocate nothing.
type text struct {
	s     string
	off   []int  // off[i] is where rune i starts; off[n] == len(s)
	runes []rune // runes[i] is rune i
}

// textBuf is room for a text of a real name's length: an array a caller
// keeps on its stack, so that indexing a name allocates nothing. That
// holds while nothing cut from the text leaves the caller: escape
// analysis does not tell a struct's fields apart, so a substring kept
// beyond the call moves the buffer to the heap with it. The parser's main
// text, whose parts make the result, takes its buffer from a pool.
type textBuf struct {
	off   [64]int
	runes [64]rune
}

var bodyBufs = sync.Pool{New: func() any { return new(textBuf) }}

// newText indexes s, in buf while s fits.
func newText(s string, buf *textBuf) text {
	off, runes := buf.off[:0], buf.runes[:0]
	for i, r := range s {
		off, runes = append(off, i), append(runes, r)
	}
	return text{s: s, off: append(off, len(s)), runes: runes}
}

// n is the number of runes.
func (t text) n() int { return len(t.runes) }

// sub returns runes i to j (exclusive).
func (t text) sub(i, j int) string { return t.s[t.off[i]:t.off[j]] }

// at returns rune i.
func (t text) at(i int) rune { return t.runes[i] }

// firstRunes returns the first n runes of s, and whether that is less
// than s.
func firstRunes(s string, n int) (string, bool) {
	for i := range s {
		if n == 0 {
			return s[:i], true
		}
		n--
	}
	return s, false
}
