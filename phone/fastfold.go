package phone

import (
	"unicode"
	"unicode/utf8"
)

// fastMax bounds the folded text the fast path reads; the shapes it reads
// are far shorter, and the buffer stays on the stack.
const fastMax = 96

// fastASCII are the ASCII characters the fast path reads unchanged: those of
// a number and its extension markers. A character outside it (a separator,
// a symbol, a control) sends the field to the full path.
var fastASCII = func() (t [utf8.RuneSelf]bool) {
	for _, c := range "0123456789 -.()[]+:#,abcdefghijklmnopqrstuvwxyz" {
		t[c] = true
	}
	return t
}()

// foldFast folds input as fold() does, for the characters the fast path
// reads, rune for rune (no character is dropped or expanded), so the result
// is the full path's folded text. ok is false for any other character. A
// field that is already folded, the common case, is returned as it is.
func foldFast(input string, buf *[fastMax]byte) (string, bool) {
	plain := true
	for i := 0; i < len(input); i++ {
		if c := input[i]; c >= utf8.RuneSelf || !fastASCII[c] {
			plain = false
			break
		}
	}
	if plain {
		return input, true
	}
	b := buf[:0]
	for _, r := range input {
		f, ok := foldFastRune(r)
		if !ok || len(b)+utf8.RuneLen(f) > fastMax {
			return "", false
		}
		b = utf8.AppendRune(b, f)
	}
	return string(b), true
}

// foldFastRune is fold()'s mapping of one rune, for the runes a common
// number is typed with: ASCII, full-width forms, dashes, the ideographic
// full stop, spaces, and the characters of 转/分机号 in either script.
func foldFastRune(r rune) (rune, bool) {
	switch {
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A', true
	case r == '\t':
		return ' ', true
	case r < utf8.RuneSelf:
		return r, fastASCII[r]
	case r >= 0xFF01 && r <= 0xFF5E:
		f := foldASCII(r - 0xFEE0)
		return f, fastASCII[f]
	case isDash(r):
		return '-', true
	case r == '。':
		return '.', true
	case unicode.IsSpace(r):
		return ' ', true
	}
	switch r {
	case '转', '轉', '分', '机', '機', '号', '號': // NFKC leaves them as they are
		return r, true
	}
	return 0, false
}
