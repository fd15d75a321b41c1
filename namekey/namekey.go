// Package namekey derives the company key that two records of one company
// share (R3).
//
// This is the foundation's interim key: the name folded with NFKC
// (full-width → half-width), lower-cased, with whitespace and punctuation
// removed. The collision engine issue replaces it with the full parse into
// region, trade name, industry and organisation form.
package namekey

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Key returns the company key of name; an empty key means the name has no
// letters or digits at all.
func Key(name string) string {
	s := norm.NFKC.String(name)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
