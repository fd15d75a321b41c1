package phone

import (
	"strings"
	"unicode"
)

// checkChars refuses what has no place in a number: letters (an extension
// marker was taken off before), symbols, a "+" anywhere but in front.
func checkChars(in, base string) error {
	var lettersSeen []rune
	var odd rune
	started := false
	for _, r := range base {
		switch {
		case r >= '0' && r <= '9':
			started = true
		case r == '+':
			if started {
				return newError(KindCharacter, in, "%q has a + in the middle; a + may only stand before the country code", in)
			}
			started = true
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')' || r == '[' || r == ']':
		case unicode.IsLetter(r):
			lettersSeen = append(lettersSeen, r)
		case odd == 0:
			odd = r
		}
	}
	switch {
	case len(lettersSeen) > 0: // reported first: "电话:0512…" is about the label, not the colon
		return newError(KindLetters, in, "%q contains letters (%q); a phone number has only digits, and an extension is written 转8001 or ext 8001", in, string(lettersSeen))
	case odd != 0:
		return newError(KindCharacter, in, "%q contains %q, which has no place in a phone number", in, odd)
	}
	return nil
}

func digitsOf(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func tooLong(in string) *Error {
	return newError(KindTooLong, in, "%q is too long to be one phone number; separate several numbers with /", in)
}
