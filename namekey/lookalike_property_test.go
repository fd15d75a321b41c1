package namekey

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// lookalikesOf lists, for Latin letters, Cyrillic and Greek letters that
// pass for them, written out by hand rather than taken from the fold's
// table, so that the test says what the fold must do.
var lookalikesOf = map[rune]string{
	'a': "аα", 'c': "с", 'd': "ԁ", 'e': "е", 'h': "һ", 'i': "іι", 'j': "ј", 'k': "кκ", 'm': "м",
	'o': "оο", 'p': "рρ", 'q': "ԛ", 's': "ѕ", 't': "тτ", 'v': "ѵ", 'w': "ԝ", 'x': "хχ", 'y': "уγ", 'z': "ζ",
	'A': "АΑ", 'B': "ВΒ", 'C': "С", 'E': "ЕΕ", 'H': "НΗ", 'I': "ІΙ", 'J': "Ј", 'K': "КΚ", 'M': "МΜ",
	'N': "Ν", 'O': "ОΟ", 'P': "РΡ", 'S': "Ѕ", 'T': "ТΤ", 'W': "Ԝ", 'X': "ХΧ", 'Y': "УΥ", 'Z': "Ζ",
}

// randomName makes a company name around random Latin words: English, or
// a Latin trade name in a Chinese name.
func randomName(rng *rand.Rand) string {
	const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	word := func() string {
		var b strings.Builder
		for range 2 + rng.IntN(8) {
			b.WriteByte(letters[rng.IntN(len(letters))])
		}
		return b.String()
	}
	switch rng.IntN(4) {
	case 0:
		return word() + " " + word() + " Co., Ltd."
	case 1:
		return "The " + word() + " Trading (China) Limited"
	case 2:
		return word() + "电子有限公司"
	default:
		return "苏州" + word() + "精密机械（集团）有限公司"
	}
}

// spoof replaces about half of the letters that have look-alikes.
func spoof(rng *rand.Rand, s string) string {
	return strings.Map(func(r rune) rune {
		if alts := []rune(lookalikesOf[r]); len(alts) > 0 && rng.IntN(2) == 0 {
			return alts[rng.IntN(len(alts))]
		}
		return r
	}, s)
}

// TestLookalikesKeepKey: replacing Latin letters by Cyrillic or Greek
// look-alikes never changes the key, nor the normalized name.
func TestLookalikesKeepKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	for range 3000 {
		name := randomName(rng)
		fake := spoof(rng, name)
		want, got := Parse(name), Parse(fake)
		if got.Key != want.Key || got.Normalized != want.Normalized {
			t.Fatalf("%q: key %q, normalized %q; %q: key %q, normalized %q", name, want.Key, want.Normalized, fake, got.Key, got.Normalized)
		}
		if k := Key(got.Key); k != got.Key {
			t.Fatalf("%q: Key(%q) = %q", fake, got.Key, k)
		}
	}
}

// TestFoldLeavesHanAlone: no CJK Unified Ideograph is folded (two Chinese
// characters merged would merge two real companies), nor any other
// ideograph, kana, Hangul or Bopomofo character; only the radicals and
// strokes, which are symbols, become ideographs.
func TestFoldLeavesHanAlone(t *testing.T) {
	m := lookalikes()
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if got, ok := foldRune(m, r); ok {
			t.Errorf("fold %q (U+%04X) = %q", r, r, got)
		}
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !unicode.In(r, unicode.Han, unicode.Ideographic, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo) {
			continue
		}
		if got, ok := foldRune(m, r); ok && !(0x2E80 <= r && r <= 0x2FDF) {
			t.Errorf("fold %q (U+%04X) = %q", r, r, got)
		}
	}
}

// TestFoldIsStable: a name with any letter beyond ASCII and the ideographs,
// in either case, normalizes to a fixed point: the fold, lower case and
// NFKC's recomposition of a folded letter's marks do not feed each other.
func TestFoldIsStable(t *testing.T) {
	for r := rune(0x80); r < 0x20000; r++ {
		if 0x4E00 <= r && r <= 0x9FFF || !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.So, r) {
			continue
		}
		for _, c := range []rune{r, unicode.ToUpper(r), unicode.ToLower(r)} {
			s := "Ab" + string(c) + "日东"
			once := normalize(s, false)
			if twice := normalize(once, false); twice != once {
				t.Errorf("U+%04X: normalize(%q) = %q, again %q", c, s, once, twice)
			}
		}
	}
}
