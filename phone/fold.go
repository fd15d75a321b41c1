package phone

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// folded is the input with every rune folded to the one form the parser
// knows: full-width digits and symbols to ASCII, every dash to '-', every
// space to ' ', ASCII letters to lower case, invisible format characters
// dropped. It remembers which bytes of the input each rune came from, so a
// Number's Input is what the user typed, not its folded form.
type folded struct {
	src   string
	runes []rune
	from  []int // byte offset in src where the input rune that produced runes[i] starts
	to    []int // … and ends
}

func fold(s string) folded {
	f := folded{src: s}
	f.runes = make([]rune, 0, len(s))
	f.from = make([]int, 0, len(s))
	f.to = make([]int, 0, len(s))
	for i, r := range s {
		end := i + utf8.RuneLen(r)
		if r == utf8.RuneError {
			end = i + 1
		}
		add := func(r rune) {
			f.runes = append(f.runes, r)
			f.from = append(f.from, i)
			f.to = append(f.to, end)
		}
		switch {
		case r >= 'A' && r <= 'Z':
			add(r + 'a' - 'A')
		case r == '\t':
			add(' ')
		case r < utf8.RuneSelf:
			add(r)
		case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII: the common case, spared a trip through NFKC
			add(foldASCII(r - 0xFEE0))
		case isDash(r):
			add('-')
		case r == '。':
			add('.')
		case unicode.IsSpace(r):
			add(' ')
		case unicode.Is(unicode.Cf, r): // zero-width spaces, BOMs, direction marks pasted from documents
		default:
			k := norm.NFKC.String(string(r))
			if k == string(r) {
				add(r)
				continue
			}
			for _, kr := range k {
				add(foldASCII(kr))
			}
		}
	}
	return f
}

func foldASCII(r rune) rune {
	switch {
	case r >= 'A' && r <= 'Z':
		return r + 'a' - 'A'
	case r == '\t':
		return ' '
	case isDash(r):
		return '-'
	}
	return r
}

// isDash reports the hyphens, dashes and minus signs people type between
// digit groups, including the long dashes of Chinese input methods.
func isDash(r rune) bool {
	return (r >= 0x2010 && r <= 0x2015) || r == 0x2212 || r == 0xFE58 || r == 0xFE63 || r == 0xFF0D || r == 0x30FC
}

// text returns the folded runes [i, j).
func (f *folded) text(i, j int) string { return string(f.runes[i:j]) }

// source returns the input that produced the folded runes [i, j), trimmed.
func (f *folded) source(i, j int) string {
	if i >= j {
		return ""
	}
	return strings.TrimSpace(f.src[f.from[i]:f.to[j-1]])
}
