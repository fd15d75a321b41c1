package namekey

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// FuzzParse checks, for any input:
//   - Parse does not panic;
//   - the key is empty only when the input has no letters or digits, read
//     after NFKC (a presentation form such as U+FC5F, an Arabic ligature of
//     two vowel marks, is a letter only in its compatibility form; what it
//     stands for has none), and the key holds nothing but letters and digits;
//   - the key is a fixed point: Key(Key(x)) == Key(x). A key is the name
//     with everything the rule drops taken away, so reading it again must
//     drop nothing more. (Key(x) need not be Key of x's parts in any other
//     sense; this is the invariant that keeps stored keys stable when they
//     are re-derived.)
//   - the normalized name has the name's key: Key(Normalized) == Key.
func FuzzParse(f *testing.F) {
	for _, c := range cases {
		f.Add(c.name)
	}
	f.Fuzz(func(t *testing.T, name string) {
		p := Parse(name)
		if p.Key == "" && hasLetterOrDigit(norm.NFKC.String(name)) {
			t.Fatalf("empty key for %q (parts %+v)", name, p)
		}
		if strings.IndexFunc(p.Key, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) >= 0 {
			t.Fatalf("key %q of %q has other characters", p.Key, name)
		}
		if k := Key(p.Key); k != p.Key {
			t.Fatalf("Key(%q) = %q, Key(Key) = %q", name, p.Key, k)
		}
		if k := Key(p.Normalized); k != p.Key {
			t.Fatalf("Key(%q) = %q, Key(Normalized %q) = %q", name, p.Key, p.Normalized, k)
		}
	})
}

func hasLetterOrDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
