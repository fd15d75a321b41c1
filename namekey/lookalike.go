package namekey

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Look-alike characters are folded so that a name typed with them has the
// key of the name they imitate (security audit: Cyrillic а е о р с х or
// Greek Ζ ο ρ in a Latin name; 汽⻋ with a CJK radical for 汽车). Two Unicode
// tables, embedded in data/ (sources in data/SOURCES.md), say what to fold:
//   - EquivalentUnifiedIdeograph.txt: CJK radicals (⻋ U+2ECB → 车) and CJK
//     strokes (㇐ → 一) to the ideograph they look like. NFKC already does
//     this for the Kangxi radicals (⾞ → 車), not for the Supplement.
//   - confusables.txt (UTS #39): a character to the prototype of the
//     characters it is confused with (Cyrillic о → o, Greek Ρ → P).
//
// From confusables.txt only letters and digits are folded, and only to a
// string of ASCII letters and digits: a key keeps nothing else, and a
// prototype that is not ASCII (Cyrillic п → Greek π) would bring the key no
// closer to a Latin name while hiding, from the mixed-scripts flag, that
// the name mixes scripts. ASCII itself is never changed (TR39 maps I and 1 to l
// and m to rn; folding them would merge real names), nor is any Han,
// Hiragana, Katakana, Hangul or Bopomofo character: confusables.txt maps
// some ideographs to others, and merging two Chinese characters would merge
// two real companies.
//
// A key ignores case, so a letter's upper and lower case fold together
// (see classFold). Where TR39 gives them different looks (Ν → N, ν → v) only
// the capital folds: normalize lower-cases after folding, so a small letter
// may fold only if its capitals fold the same way, or normalizing twice
// would change the key again.

var (
	foldOnce sync.Once
	theFolds map[rune]string // rune → what a key writes for it
)

func lookalikes() map[rune]string {
	foldOnce.Do(func() { theFolds = loadFolds() })
	return theFolds
}

// foldRune returns the key's spelling of r, if r is a look-alike. A letter
// with a canonical decomposition whose base letter folds (Cyrillic ё = е +
// ◌̈) is written as the folded base and the marks; normalize composes them
// again (ë) in its next round.
func foldRune(m map[rune]string, r rune) (string, bool) {
	if r < utf8.RuneSelf || 0x4E00 <= r && r <= 0x9FFF {
		return "", false // ASCII and the CJK Unified Ideographs: most of every name
	}
	if t, ok := m[r]; ok {
		return t, true
	}
	if !unicode.IsLetter(r) {
		return "", false
	}
	var buf [utf8.UTFMax]byte
	d := norm.NFD.Properties(buf[:utf8.EncodeRune(buf[:], r)]).Decomposition()
	if len(d) == 0 {
		return "", false
	}
	base, n := utf8.DecodeRune(d)
	if t, ok := m[base]; ok {
		return t + string(d[n:]), true
	}
	return "", false
}

func loadFolds() map[rune]string {
	m := map[rune]string{}
	eachMapping("data/EquivalentUnifiedIdeograph.txt", func(lo, hi rune, to []rune) {
		for r := lo; r <= hi && len(to) == 1; r++ {
			m[r] = string(to)
		}
	})
	c := confusables{proto: map[rune][]rune{}, sharing: map[string][]string{}}
	eachMapping("data/confusables.txt", func(r, _ rune, to []rune) {
		c.proto[r] = to
		if r < utf8.RuneSelf && asciiAlnum(to) {
			c.sharing[string(to)] = append(c.sharing[string(to)], string(r))
		}
	})
	for r, to := range c.proto {
		if !foldable(r) {
			continue
		}
		if t, ok := c.classFold(r); ok {
			for _, o := range orbit(r) {
				m[o] = t // with its case partners, even one without a line (ζ of Ζ)
			}
		} else if op, ok := c.opinion(r, to); ok && op != "any" && unicode.IsUpper(r) {
			// The orbit disagrees (Ν → N, ν → v): the capital still folds,
			// its small letter stays. Lower-casing never makes a capital, so
			// this keeps normalization idempotent; the cost is that Ν and ν,
			// which look different, give different keys.
			m[r] = op
		}
	}
	return m
}

// confusables decides the folds from confusables.txt.
type confusables struct {
	proto   map[rune][]rune     // source → prototype
	sharing map[string][]string // ASCII prototype → the ASCII letters and digits mapped to it: "l" → 1, I
}

// classFold decides the fold of r's case orbit (Τ τ, Σ σ ς). Each member
// that confusables.txt maps gives an opinion (see opinion). The orbit folds
// when the opinions name one ASCII string and nothing else: Ζ → Z with ζ
// unmapped, Т → T with т → ᴛ; not Ν → N with ν → v, nor Σ → Ʃ with σ → o.
func (c *confusables) classFold(r rune) (string, bool) {
	fold := ""
	for _, o := range orbit(r) {
		to, has := c.proto[o]
		if !has {
			continue
		}
		switch op, ok := c.opinion(o, to); {
		case !ok || fold != "" && op != "any" && op != fold:
			return "", false
		case op != "any":
			fold = op
		}
	}
	return fold, fold != ""
}

// opinion is what a mapped letter says its orbit should fold to: its
// prototype if that is ASCII letters and digits, in r's case (caseOf);
// "any" if the prototype is a small capital or another Latin small letter
// with no capital (т → ᴛ, к → ĸ, м → ʍ): it differs from the capital's
// letter only by case, which a key ignores. Anything else is no usable
// opinion, and the orbit does not fold.
func (c *confusables) opinion(r rune, to []rune) (string, bool) {
	if asciiAlnum(to) {
		return c.caseOf(r, string(to)), true
	}
	if len(to) == 1 && unicode.Is(unicode.Latin, to[0]) && unicode.IsLower(to[0]) && unicode.SimpleFold(to[0]) == to[0] {
		return "any", true
	}
	return "", false
}

// caseOf picks, among a prototype and the ASCII characters that share it,
// the one of r's kind (digit, capital, small letter), else a single
// character for a prototype of several, lower-cased: Greek Ι → l → I → i,
// Bengali ০ → O → 0, Ahom 𑜀 → rn → m. The ASCII name imitated has i, 0
// and m, which ASCII never folds.
func (c *confusables) caseOf(r rune, proto string) string {
	cands := append([]string{proto}, c.sharing[proto]...)
	pick := ""
	if want := kindOf(string(r)); want != 0 {
		for _, a := range cands {
			if kindOf(a) == want {
				pick = a
				break
			}
		}
	}
	for _, a := range cands {
		if pick == "" && utf8.RuneCountInString(proto) > 1 && utf8.RuneCountInString(a) == 1 {
			pick = a
		}
	}
	if pick == "" {
		pick = proto
	}
	return strings.ToLower(pick)
}

// kindOf is 1 for digits, 2 for capitals, 3 for small letters, 0 otherwise.
func kindOf(s string) int {
	for k, is := range []func(rune) bool{unicode.IsDigit, unicode.IsUpper, unicode.IsLower} {
		if strings.IndexFunc(s, func(x rune) bool { return !is(x) }) < 0 {
			return k + 1
		}
	}
	return 0
}

// foldable reports the runes the confusables fold may change: letters and
// digits beyond ASCII that NFKC leaves alone, outside the CJK scripts.
func foldable(r rune) bool {
	return r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) &&
		!unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo) &&
		norm.NFKC.String(string(r)) == string(r)
}

// orbit lists the foldable runes of r's simple case folding orbit (Σ σ ς).
func orbit(r rune) []rune {
	var out []rune
	for o := r; ; {
		if foldable(o) {
			out = append(out, o)
		}
		if o = unicode.SimpleFold(o); o == r {
			return out
		}
	}
}

func asciiAlnum(rs []rune) bool {
	for _, r := range rs {
		if r >= utf8.RuneSelf || !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return len(rs) > 0
}
