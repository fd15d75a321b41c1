package namekey

import (
	"sort"
	"sync"
	"unicode"
	"unicode/utf8"
)

// A name whose letters are still of several scripts after the look-alike
// fold is flagged mixed_scripts. What counts as mixed is UTS #39's "Highly
// Restrictive" level: one script, or scripts all within one of
// Latin + Han + Hiragana + Katakana, Latin + Han + Bopomofo and
// Latin + Han + Hangul (TCL科技, 苏州ABC电子 are fine; Latin + Cyrillic,
// Latin + Greek, Han + Cyrillic are not). Letters of the Common and
// Inherited scripts, digits, marks and punctuation do not count.
//
// The check runs on the folded name: a look-alike that folded into Latin
// has made the key equal to the name it imitates, and the collision search
// sees it; what is left of another script is what the fold could not
// explain, such as a Cyrillic т among Latin letters.

// scriptBit marks the scripts that the allowed sets are made of.
type scriptBit uint8

const (
	sLatin scriptBit = 1 << iota
	sHan
	sHiragana
	sKatakana
	sHangul
	sBopomofo
)

// highlyRestrictive lists the sets of scripts allowed together.
var highlyRestrictive = []scriptBit{
	sLatin | sHan | sHiragana | sKatakana,
	sLatin | sHan | sBopomofo,
	sLatin | sHan | sHangul,
}

var cjkl = []struct {
	bit scriptBit
	tab *unicode.RangeTable
}{
	{sLatin, unicode.Latin}, {sHan, unicode.Han}, {sHiragana, unicode.Hiragana},
	{sKatakana, unicode.Katakana}, {sHangul, unicode.Hangul}, {sBopomofo, unicode.Bopomofo},
}

var (
	otherOnce    sync.Once
	otherScripts []*unicode.RangeTable // every other script, Cyrillic and Greek first
)

// mixedScripts reports whether the letters of s mix scripts beyond what
// Highly Restrictive allows.
func mixedScripts(s string) bool {
	var seen scriptBit
	var other *unicode.RangeTable // the one script outside cjkl seen, if any
	for _, r := range s {
		bit, tab := scriptOf(r)
		switch {
		case bit != 0:
			seen |= bit
		case tab == nil:
			continue
		case other != nil && other != tab:
			return true
		default:
			other = tab
		}
		if other != nil && seen != 0 {
			return true
		}
	}
	if seen&(seen-1) == 0 {
		return false // one script at most
	}
	for _, set := range highlyRestrictive {
		if seen&^set == 0 {
			return false
		}
	}
	return true
}

// scriptOf returns the script of a letter: a bit for the scripts of the
// allowed sets, else its table; neither for what does not count.
func scriptOf(r rune) (scriptBit, *unicode.RangeTable) {
	switch {
	case r < utf8.RuneSelf:
		if 'a' <= r|0x20 && r|0x20 <= 'z' {
			return sLatin, nil
		}
		return 0, nil
	case 0x4E00 <= r && r <= 0x9FFF:
		return sHan, nil
	case !unicode.IsLetter(r):
		return 0, nil
	}
	for _, s := range cjkl {
		if unicode.Is(s.tab, r) {
			return s.bit, nil
		}
	}
	otherOnce.Do(loadOtherScripts)
	for _, tab := range otherScripts {
		if unicode.Is(tab, r) {
			return 0, tab
		}
	}
	return 0, nil // Common, Inherited, or unassigned in Go's tables
}

func loadOtherScripts() {
	var names []string
	for name := range unicode.Scripts {
		switch name {
		case "Common", "Inherited", "Latin", "Han", "Hiragana", "Katakana", "Hangul", "Bopomofo":
		default:
			names = append(names, name)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		first := func(n string) bool { return n == "Cyrillic" || n == "Greek" }
		if first(names[i]) != first(names[j]) {
			return first(names[i])
		}
		return names[i] < names[j]
	})
	for _, n := range names {
		otherScripts = append(otherScripts, unicode.Scripts[n])
	}
}
