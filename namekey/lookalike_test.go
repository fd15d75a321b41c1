package namekey

import (
	"slices"
	"testing"
	"unicode/utf8"
)

// lookalikeCases (security audit: look-alike characters passed the
// collision search) join the table of parse_test.go, so that
// TestParseTable, TestKeyIgnoresTyping, TestKeyIsIdempotent and the fuzz
// seeds check them too. Their names avoid the few Greek and Cyrillic
// letters whose capital folds and small letter does not (Ν ν, З з; see
// lookalike.go): upper-casing those changes the key on purpose.
var lookalikeCases = []tc{
	{name: "Zetafdhjdbq Tech Co., Ltd.", key: "zetafdhjdbqtech", org: "co ltd", flags: "english", why: "the name rep1 holds, in Latin letters"},
	{name: "Ζеtаfdһјdbq Tеch Cо., Ltd.", key: "zetafdhjdbqtech", org: "co ltd", flags: "english", why: "rep2's copy: Greek Ζ and Cyrillic е а һ ј о fold to the Latin letters they imitate"},
	{name: "ΖΕΤΑFDҺЈDBQ ТЕСН СО., LTD.", key: "zetafdhjdbqtech", flags: "english", why: "capitals: Greek Ζ Ε Τ Α and Cyrillic Һ Ј Т Е С Н О"},
	{name: "Rіdо Ρrеcіsіоn Еlесtrоnісs Со., Ltd.", key: "ridoprecisionelectronics", flags: "english", why: "Cyrillic і о е с Е С and Greek Ρ in a table name"},
	{name: "Rido Trading Сo., Ltd.", key: "rido", org: "trading co ltd", flags: "english", why: "a look-alike legal form (Cyrillic С) is still a legal form"},
	{name: "Rіdо Ρrеcіsіоn Еlесtrоnісs (Сhіnа) Co., Ltd.", key: "ridoprecisionelectronics", region: "china", why: "a look-alike (China) is still a place"},
	{name: "苏州日东汽⻋配件有限公司", key: "日东汽车配件", industry: "汽车配件", region: "苏州", flags: "none", why: "⻋ U+2ECB, a CJK Radicals Supplement character, is 车"},
	{name: "苏州⽇东汽⻋配件有限公司", key: "日东汽车配件", region: "苏州", why: "Kangxi radical ⽇ U+2F47 (NFKC) and the Supplement's ⻋ together"},
	{name: "⻩山精密机械有限公司", key: "黄山精密机械", flags: "key_is_region_word", why: "⻩ U+2EE9 is 黄: the name reads as 黄山精密机械"},
	{name: "⻓城汽⻋股份有限公司", key: "长城汽车", why: "⻓ U+2ED3 is 长"},
	{name: "𝐀𝚩𝐂电子有限公司", key: "abc电子", trade: "abc", flags: "none", why: "math alphanumerics: bold A and C (NFKC) and bold capital beta, a Greek Β (the fold)"},
	{name: "ＡΒС电子有限公司", key: "abc电子", why: "full-width A, Greek Β, Cyrillic С"},
	{name: "TCL科技集团股份有限公司", key: "tcl科技", trade: "tcl", flags: "none", why: "Latin + Han is one of the Highly Restrictive sets: not flagged"},
	{name: "苏州ABC电子有限公司", key: "abc电子", region: "苏州", flags: "none", why: "Latin + Han, not flagged"},
	{name: "日东トヨタ电子有限公司", key: "日东トヨタ电子", flags: "none", why: "Han + Katakana (the Japanese set): not flagged; kana are never folded"},
	{name: "三星삼성电子有限公司", key: "三星삼성电子", flags: "none", why: "Han + Hangul (the Korean set): not flagged"},
	{name: "Sunшine Co., Ltd.", key: "sunшine", flags: "english mixed_scripts", why: "ш imitates no Latin letter: Latin + Cyrillic is left, flagged"},
	{name: "日东Дж电子有限公司", key: "日东дж电子", industry: "电子", flags: "mixed_scripts", why: "Han + Cyrillic: flagged"},
	{name: "日东λ电子有限公司", key: "日东λ电子", flags: "mixed_scripts", why: "Han + Greek: flagged"},
	{name: "삼성トヨタ电子有限公司", key: "삼성トヨタ电子", flags: "mixed_scripts", why: "Hangul + Katakana are in no allowed set together: flagged"},
}

func init() { cases = append(cases, lookalikeCases...) }

// TestLookalikeTables checks that both embedded tables loaded, and a few
// entries of each kind.
func TestLookalikeTables(t *testing.T) {
	m := lookalikes()
	radicals, letters := 0, 0
	for r := range m {
		if r < utf8.RuneSelf {
			t.Errorf("ASCII %q is folded to %q", r, m[r])
		}
		if 0x2E80 <= r && r <= 0x2FDF || 0x31C0 <= r && r <= 0x31EF {
			radicals++
		} else {
			letters++
		}
	}
	if radicals < 100 || letters < 400 {
		t.Errorf("%d radicals and strokes, %d letters: a table did not load", radicals, letters)
	}
	for r, want := range map[rune]string{
		'⻋': "车", '⻩': "黄", '㇐': "一", // radical, radical, stroke
		'о': "o", 'О': "o", 'Ρ': "p", 'ρ': "p", 'Ζ': "z", 'ζ': "z", // plain look-alikes, both cases
		'І': "i", 'Ι': "i", '০': "0", '𑜀': "m", // I/l/1, O/0 and m/rn: the ASCII character of r's kind
		'Т': "t", 'т': "t", // т's prototype is the small capital ᴛ
		'Ν': "n",           // ν → v disagrees: the capital folds alone
		'ɑ': "a", 'ı': "i", // Latin look-alikes, which the script check cannot see
	} {
		if got, ok := foldRune(m, r); !ok || got != want {
			t.Errorf("fold %q (U+%04X) = %q, %v; want %q", r, r, got, ok, want)
		}
	}
	for _, r := range "νσςгДшλ汽车日ロエ" {
		if got, ok := foldRune(m, r); ok {
			t.Errorf("fold %q = %q; want it left alone", r, got)
		}
	}
	if got, _ := foldRune(m, 'ё'); got != "e\u0308" {
		t.Errorf("fold ё = %q, want e + U+0308 (a precomposed letter folds by its base)", got)
	}
}

// TestMixedScripts: UTS #39 Highly Restrictive, on letters only.
func TestMixedScripts(t *testing.T) {
	for s, want := range map[string]bool{
		"abc": false, "日东": false, "abc日东": false, "газпром": false, "αβγ": false, "삼성": false,
		"abc日东トヨタひらがな": false, "abc日东ㄅㄆ": false, "abc日东삼성": false, // the three allowed sets
		"123·()": false, "e\u0301": false, "ー": false, // digits, punctuation, marks, Common letters
		"abcд": true, "abcλ": true, "日东д": true, "αд": true, "삼성トヨタ": true, "ㄅトヨタ": true, "ㄅ삼성": true,
		"شלום":    true, // Arabic + Hebrew: two scripts outside the sets
		"гaзпpom": true, // a Cyrillic name partly folded (see doc.go)
	} {
		if got := mixedScripts(s); got != want {
			t.Errorf("mixedScripts(%q) = %v, want %v", s, got, want)
		}
	}
	for _, name := range []string{"νideo Co., Ltd.", "Газпром", "Sunшine"} {
		if p := Parse(name); !slices.Contains(p.Flags, FlagMixedScripts) {
			t.Errorf("%q: flags %v, want %s", name, p.Flags, FlagMixedScripts)
		}
	}
}
