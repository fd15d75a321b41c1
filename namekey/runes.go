package namekey

import (
	"unicode"
	"unicode/utf8"
)

// What normalize knows of single runes, and the shortcuts it takes for
// the runes most names are made of: ASCII and the CJK Unified Ideographs.

// isNormalized reports whether normalize gives s back as it is, as it
// does a key and most names: s is made of ASCII that is no capital, no
// control, no bracket but ( ) and no whitespace but single spaces between
// words (with keepSpace), and of CJK Unified Ideographs that t2s leaves
// alone.
func isNormalized(s string, keepSpace bool) bool {
	t2sReady()
	space := true // a space at the start is dropped
	for _, r := range s {
		switch {
		case r == ' ':
			if !keepSpace || space {
				return false
			}
			space = true
			continue
		case r < utf8.RuneSelf:
			if r < ' ' || r == 0x7f || 'A' <= r && r <= 'Z' || r == '[' || r == ']' || r == '{' || r == '}' {
				return false
			}
		case !isCJK(r) || t2sMayChange(r):
			return false
		}
		space = false
	}
	return !space || s == "" // and so is a space at the end
}

// isCJK reports the CJK Unified Ideographs, most of every Chinese name:
// letters of the Han script that neither NFKC, the look-alike fold nor
// lower case changes (TestCJKShortcuts), so the hot loops test the range
// and skip the tables.
func isCJK(r rune) bool { return 0x4E00 <= r && r <= 0x9FFF }

// nfkcByRune reports whether NFKC of s can be had rune by rune without
// its tables: s is made of ASCII and CJK Unified Ideographs, which NFKC
// leaves alone, and of the full-width forms of ASCII (Ａ, （, ，: how
// Chinese input methods type Latin letters and brackets) and the
// ideographic space, which it makes ASCII (see narrow). All of them are
// starters that compose with nothing, so the runes do not meet.
func nfkcByRune(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && !isCJK(r) && narrow(r) == r {
			return false
		}
	}
	return true
}

// narrow is NFKC of a full-width ASCII character or the ideographic space
// (TestCJKShortcuts); other runes come back as they are.
func narrow(r rune) rune {
	switch {
	case 0xFF01 <= r && r <= 0xFF5E:
		return r - 0xFF01 + '!'
	case r == 0x3000:
		return ' '
	}
	return r
}

// invisible reports runes that change nothing a reader sees: format
// characters (zero-width space and joiners, BOM, soft hyphen, bidi marks),
// control characters and U+FFFD, which stands for bytes that were not UTF-8.
func invisible(r rune) bool {
	if r < utf8.RuneSelf {
		return r < ' ' || r == 0x7f // the ASCII of Cc; Cf has none
	}
	return unicode.In(r, unicode.Cf, unicode.Cc) || r == unicode.ReplacementChar
}

// bracket reports whether r opens or closes a bracket. After NFKC the
// full-width （）［］｛｝ are already ASCII; 【】〔〕〖〗 have no
// compatibility mapping and are folded here.
func bracket(r rune) (open, closing bool) {
	switch r {
	case '(', '[', '{', '【', '〔', '〖', '⦅':
		return true, false
	case ')', ']', '}', '】', '〕', '〗', '⦆':
		return false, true
	}
	return false, false
}
