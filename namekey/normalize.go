package namekey

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// normalize folds the ways one name can be typed into one string:
// NFKC (full-width → half-width, compatibility forms), look-alikes folded
// (Cyrillic о → o, ⻋ → 车; see lookalike.go), whitespace, zero-width and
// other invisible characters removed, traditional → simplified, lower case,
// and every kind of bracket written ( ). Punctuation is kept, for the
// reader; the parser ignores it. With keepSpace, runs of whitespace become
// one space instead (English names need their word boundaries).
//
// Lower-casing, the simplified characters or a folded letter with marks
// (Cyrillic ё → e + ◌̈) can leave a string that NFKC would change again;
// then the steps are repeated (a few rounds at most), so that normalizing
// twice changes nothing.
func normalize(s string, keepSpace bool) string {
	for range 4 {
		s = normalizeOnce(s, keepSpace)
		if norm.NFKC.IsNormalString(s) {
			break
		}
	}
	return s
}

func normalizeOnce(s string, keepSpace bool) string {
	s = norm.NFKC.String(s)
	folds := lookalikes()
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = keepSpace && b.Len() > 0
			continue
		case invisible(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		if open, closing := bracket(r); open {
			r = '('
		} else if closing {
			r = ')'
		} else if t, ok := foldRune(folds, r); ok {
			// After NFKC, which has already turned 𝐀 and Ａ into A, and
			// before t2s and lower case: a radical's ideograph may be
			// traditional, and a capital's fold is chosen with its case.
			b.WriteString(t)
			continue
		}
		b.WriteRune(r)
	}
	return strings.ToLower(toSimplified(b.String()))
}

// invisible reports runes that change nothing a reader sees: format
// characters (zero-width space and joiners, BOM, soft hyphen, bidi marks),
// control characters and U+FFFD, which stands for bytes that were not UTF-8.
func invisible(r rune) bool {
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

// keyRunes keeps the letters and digits of s: a key has nothing else.
func keyRunes(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
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
