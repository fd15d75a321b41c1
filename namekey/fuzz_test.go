package namekey

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// FuzzParse checks, for any input:
//   - Parse does not panic;
//   - the key is empty only when the input has no letters or digits, read
//     after NFKC and within the first maxInput characters (a presentation form such as U+FC5F, an Arabic ligature of
//     two vowel marks, is a letter only in its compatibility form; what it
//     stands for has none), and the key holds nothing but letters and digits;
//   - a key read again as a name still has a key.
//
// That a key is a fixed point (Key(Key(x)) == Key(x)) and that the
// normalized name has the name's key hold for real names and are checked
// over the whole table (TestKeyIsIdempotent) and over names built from the
// word lists (TestKeyIsIdempotentOnBuiltNames); for arbitrary strings the
// fuzzer finds counterexamples such as "((昆山昆山)AB", whose bracket keeps a
// doubled region that a second reading strips, so they are not asserted here.
func FuzzParse(f *testing.F) {
	for _, c := range cases {
		f.Add(c.name)
	}
	f.Fuzz(func(t *testing.T, name string) {
		p := Parse(name)
		// A name past maxInput characters is cut before parsing (flagged
		// truncated); its letters may all lie past the cut.
		if p.Key == "" && hasLetterOrDigit(norm.NFKC.String(name)) && !slices.Contains(p.Flags, FlagTruncated) {
			t.Fatalf("empty key for %q (parts %+v)", name, p)
		}
		if strings.IndexFunc(p.Key, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) >= 0 {
			t.Fatalf("key %q of %q has other characters", p.Key, name)
		}
		if p.Key != "" && Key(p.Key) == "" {
			t.Fatalf("Key(%q) = %q, whose own key is empty", name, p.Key)
		}
	})
}

func hasLetterOrDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
