package namekey

import (
	"unicode"
	"unicode/utf8"
)

// keyRunes keeps the letters and digits of s: a key has nothing else.
// Pieces of a parsed name have nothing else already, and come back as
// they are.
func keyRunes(s string) string {
	for i, r := range s {
		if !isKeyRune(r) {
			b := []byte(s[:i])
			for _, r := range s[i:] {
				if isKeyRune(r) {
					b = utf8.AppendRune(b, r)
				}
			}
			return string(b)
		}
	}
	return s
}

// isKeyRune is unicode.IsLetter(r) || unicode.IsDigit(r), with ASCII and
// the ideographs told by range (TestCJKShortcuts).
func isKeyRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9'
	}
	return isCJK(r) || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// canon makes a key a fixed point of normalization: pieces cut from a
// normalized name, put back together, can form something NFKC or the
// simplifier changes (two Hangul jamo that were apart compose).
func canon(k string) string {
	for range 4 {
		out := keyRunes(normalize(k, false))
		if out == k {
			break
		}
		k = out
	}
	return k
}
