package likeness

import (
	"strings"
	"sync"
	"unicode"

	"github.com/mozillazg/go-pinyin"
)

// reading is the toneless pinyin of a trade name, syllables joined by "-"
// (日东 → ri-dong), each character read the most common way. It is "" when
// a character of the name has no reading (Latin letters, digits): such
// names are compared as written.
func reading(trade string) string {
	if trade == "" {
		return ""
	}
	var b strings.Builder
	for i, r := range []rune(trade) {
		s := syllable(r)
		if s == "" {
			return ""
		}
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(s)
	}
	return b.String()
}

// syllables remembers each character's reading: go-pinyin strips the tone
// marks with regular expressions, tens of µs a name, and a search reads
// names all the time from a few thousand characters.
var syllables sync.Map // rune → string

// syllable is the toneless pinyin of one Chinese character, "" if none.
func syllable(r rune) string {
	if s, ok := syllables.Load(r); ok {
		return s.(string)
	}
	s := ""
	if unicode.Is(unicode.Han, r) {
		if syl := pinyin.LazyPinyin(string(r), pinyin.Args{Style: pinyin.Normal}); len(syl) == 1 {
			s = syl[0]
		}
	}
	syllables.Store(r, s)
	return s
}
