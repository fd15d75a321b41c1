package namekey

import (
	"math/rand/v2"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// TestCJKShortcuts: what the hot loops assume of the runes they do not
// look up (runes.go) holds in the Unicode tables Go and x/text carry. A
// CJK Unified Ideograph is a Han letter that neither NFKC, the look-alike
// fold, lower case, the whitespace and invisible tests nor the bracket
// test touches; full-width ASCII and the ideographic space are, under
// NFKC, the ASCII narrow says.
func TestCJKShortcuts(t *testing.T) {
	folds := lookalikes()
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		s := string(r)
		_, folded := foldRune(folds, r)
		open, closing := bracket(r)
		if !isCJK(r) || !unicode.IsLetter(r) || !unicode.Is(unicode.Han, r) || norm.NFKC.String(s) != s ||
			unicode.ToLower(r) != r || unicode.IsSpace(r) || unicode.In(r, unicode.Cf, unicode.Cc) || folded || open || closing {
			t.Errorf("U+%04X breaks a CJK shortcut", r)
		}
	}
	for r := rune(0x80); r <= unicode.MaxRune; r++ {
		if n := narrow(r); n != r {
			if got := norm.NFKC.String(string(r)); got != string(n) {
				t.Errorf("narrow(U+%04X) = %q, NFKC gives %q", r, n, got)
			}
		}
	}
	if narrow(0xFF08) != '(' || narrow(0x3000) != ' ' || narrow('A') != 'A' {
		t.Error("narrow maps the wrong runes")
	}
	for r := rune(0); r < 0x80; r++ {
		if invisible(r) != (unicode.In(r, unicode.Cf, unicode.Cc) || r == unicode.ReplacementChar) {
			t.Errorf("invisible(%q) disagrees with the tables", r)
		}
		if isKeyRune(r) != (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			t.Errorf("isKeyRune(%q) disagrees with the tables", r)
		}
	}
}

// TestNormalizedShortcut: a string that isNormalized passes is one that
// a round of normalize, the long way, gives back as it is. The strings
// are the table's names, their normal forms and keys, and random strings
// over the shortcut's alphabet and its edges (capitals, brackets, spaces,
// traditional characters).
func TestNormalizedShortcut(t *testing.T) {
	check := func(s string) {
		t.Helper()
		for _, keep := range []bool{false, true} {
			if !isNormalized(s, keep) {
				continue
			}
			if out, normal := normalizeRunes(s, keep); out != s || !normal {
				t.Errorf("%q (keepSpace %v): taken as normalized, but a round gives %q (NFKC: %v)", s, keep, out, normal)
			}
		}
	}
	for _, c := range cases {
		check(c.name)
		check(normalize(c.name, true))
		check(Key(c.name))
	}
	pool := []rune("ab1 ()[]{}-.,'AZ\t\u007f日东苏州電東國（Ａ　é\u200b")
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		rs := make([]rune, rng.IntN(8))
		for i := range rs {
			rs[i] = pool[rng.IntN(len(pool))]
		}
		check(string(rs))
	}
}

// TestParseAllocs: a plain Chinese name costs Parse no allocation but the
// copy of its flags, nor does a key read again; a regression shows here
// before it shows in the benchmark.
func TestParseAllocs(t *testing.T) {
	Parse("蘇州") // build the tables outside the count
	for _, tt := range []struct {
		name string
		max  float64
	}{
		{"苏州日东精密电子有限公司", 0},
		{"日东精密电子", 1},     // flags: unknown_org_form
		{"义乌市日东五金经营部", 1}, // flags: individual_business
		{"蘇州日東精密電子有限公司", 8},
	} {
		if got := testing.AllocsPerRun(100, func() { Parse(tt.name) }); got > tt.max {
			t.Errorf("Parse(%q): %v allocations, want at most %v", tt.name, got, tt.max)
		}
	}
}
