package namekey

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
//
// Every name is normalized, and most are already in normal form (a key
// always is): such a name is given back as it came, without allocating.
func normalize(s string, keepSpace bool) string {
	for range 4 {
		var normal bool
		if s, normal = normalizeOnce(s, keepSpace); normal {
			break
		}
	}
	return s
}

// normalizeOnce makes one round of normalize, and reports whether the
// result is NFKC-normal, that is, whether the round was the last.
func normalizeOnce(s string, keepSpace bool) (string, bool) {
	if isNormalized(s, keepSpace) {
		return s, true
	}
	return normalizeRunes(s, keepSpace)
}

// normalizeRunes is normalizeOnce the long way, rune by rune.
func normalizeRunes(s string, keepSpace bool) (string, bool) {
	folds, simplifier := lookalikes(), t2sReady()
	if !nfkcByRune(s) {
		s = norm.NFKC.String(s)
	}
	f := folded{simplifier: simplifier}
	var buf [256]byte // the result, on the stack while it fits
	b := buf[:0]
	space := false
	for _, r := range s {
		if isCJK(r) { // nothing below applies to an ideograph but t2s
			b = f.add(b, r, &space)
			continue
		}
		r = narrow(r) // NFKC, where it was skipped
		switch {
		case unicode.IsSpace(r):
			space = keepSpace && len(b) > 0
			continue
		case invisible(r):
			continue
		}
		if open, closing := bracket(r); open {
			r = '('
		} else if closing {
			r = ')'
		} else if t, ok := foldRune(folds, r); ok {
			// After NFKC, which has already turned 𝐀 and Ａ into A, and
			// before t2s and lower case: a radical's ideograph may be
			// traditional, and a capital's fold is chosen with its case.
			for _, r := range t {
				b = f.add(b, r, &space)
			}
			continue
		}
		b = f.add(b, r, &space)
	}
	return f.finish(s, b)
}

// folded notes, while normalizeRunes writes its result, what the result
// needs after the fold: t2s, lower case, an NFKC check.
type folded struct {
	simplifier bool // there is a converter
	simplify   bool // t2s may change a rune written
	upper      bool // lower case changes a rune written
	exotic     bool // a rune written is neither ASCII nor a CJK Unified Ideograph
}

// add appends r to b, after the one space that stands for a run of
// whitespace before it, if one is pending.
func (f *folded) add(b []byte, r rune, space *bool) []byte {
	if *space {
		b = append(b, ' ')
		*space = false
	}
	switch {
	case r < utf8.RuneSelf:
		f.upper = f.upper || 'A' <= r && r <= 'Z'
	case !isCJK(r):
		f.exotic = true
		f.upper = f.upper || unicode.ToLower(r) != r
	}
	f.simplify = f.simplify || f.simplifier && t2sMayChange(r)
	return utf8.AppendRune(b, r)
}

// finish applies t2s and lower case to b, in that order, and gives back s
// itself when nothing changed.
func (f *folded) finish(s string, b []byte) (string, bool) {
	if f.simplify {
		out := strings.ToLower(toSimplified(string(b)))
		return out, norm.NFKC.IsNormalString(out)
	}
	if f.upper {
		var buf [256]byte
		b = appendLower(buf[:0], b)
	}
	out := s
	if string(b) != s {
		out = string(b)
	}
	// ASCII and CJK Unified Ideographs are NFKC whatever their order, and
	// lower case keeps them so.
	return out, !f.exotic || norm.NFKC.IsNormalString(out)
}

// appendLower appends b in lower case: strings.ToLower's mapping.
func appendLower(dst, b []byte) []byte {
	for len(b) > 0 {
		r, n := rune(b[0]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(b)
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
		b = b[n:]
	}
	return dst
}
