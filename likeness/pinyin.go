package likeness

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
	for _, r := range trade {
		if !unicode.Is(unicode.Han, r) {
			return ""
		}
	}
	syl := pinyin.LazyPinyin(trade, pinyin.Args{Style: pinyin.Normal})
	if len(syl) != utf8.RuneCountInString(trade) {
		return ""
	}
	return strings.Join(syl, "-")
}
