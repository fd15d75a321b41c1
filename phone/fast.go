package phone

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// fastParse reads the field shapes people type most — one Chinese mobile
// (138 0013 8000, +86 138-0013-8000, 0086…) or one number with its trunk 0
// or country code (0512-6588 1234, (0512)65881234, +86 (0)512 …, 400-812-3456),
// with the usual separators, brackets, full-width characters and an
// extension (转8001, 分机8001, ext. 8001, x8001, #8001, ,8001, -8001) —
// without libphonenumber's regular expressions, which took 16% of the
// search path's CPU. It retraces the full path's decisions for such a field
// (split, splitExtension, number, chinese, done, and one's dash extension),
// with the type table in place of the library, and gives exactly the Number
// the full path gives: fast_test.go runs both paths over every test input
// and a generated corpus, FuzzFastPath over random input. ok is false for
// anything else — several numbers, a bare local number (it needs the
// region), a foreign number, an error, anything unusual — which the full
// path then reads.
func fastParse(input string) (Number, bool) {
	tab, err := cnTypes()
	if err != nil || len(input) > maxInput {
		return Number{}, false
	}
	var buf [fastMax]byte
	text, ok := foldFast(input, &buf)
	if !ok {
		return Number{}, false
	}
	text = strings.Trim(text, " ")
	base, ext, ok := fastExtension(text)
	if !ok {
		return Number{}, false
	}
	nat, line, v := tab.read(base)
	if v == verdictInvalid && ext == "" {
		// "0512-65881234-8001": one() tries the digits after the last
		// dash as an extension only when the whole is no number.
		if num, dext, ok := dashExtension(base); ok {
			nat, line, v = tab.read(num)
			ext = dext
			if line == LineMobile { // an error in the full path
				v = verdictUnknown
			}
		}
	}
	if v != verdictValid {
		return Number{}, false
	}
	return Number{Input: trim(input), E164: "+86" + nat, Extension: ext, Line: line}, true
}

// fastExtension is splitExtension, and split's reading of a comma, for a
// field whose number holds only digits, spaces, dashes, dots, brackets and
// a leading "+": the first other character must begin an extension marker,
// followed by 1 to maxExtension digits and nothing but the closing
// characters splitExtension allows.
func fastExtension(text string) (base, ext string, ok bool) {
	pos := 0
	for pos < len(text) && numberByte[text[pos]] {
		pos++
	}
	if pos == len(text) {
		return text, "", true
	}
	m := markerAt(text, pos)
	if m == "" || !hasDigit(text[:pos]) {
		return "", "", false
	}
	rest := strings.TrimLeft(text[pos+len(m):], " :.-(")
	d := leadingDigits(rest)
	if d == "" || len(d) > maxExtension || strings.Trim(rest[len(d):], " )]#") != "" {
		return "", "", false
	}
	// split() keeps ",8001" with the number only when nothing but the
	// digits and spaces follow the comma.
	if m == "," && strings.Trim(text[pos+1:], " ") != d {
		return "", "", false
	}
	return text[:pos], d, true
}

// numberByte are the characters checkChars lets through besides letters:
// those of a number written with separators and brackets.
var numberByte = func() (t [256]bool) {
	for _, c := range "0123456789 -.()[]+" {
		t[c] = true
	}
	return t
}()

// verdict is what the full path would make of a number without its
// extension: a Number, an error, or something the fast path does not model.
type verdict int8

const (
	verdictUnknown verdict = iota
	verdictValid
	verdictInvalid
)

// read is checkChars and number() for base: the national number, its line
// and the verdict.
func (t *typeTable) read(base string) (nat, line string, v verdict) {
	var digits [32]byte
	n := 0
	for i := 0; i < len(base); i++ {
		switch c := base[i]; {
		case c >= '0' && c <= '9':
			if n == len(digits) {
				return "", "", verdictInvalid // longer than maxDigits
			}
			digits[n] = c
			n++
		case c == '+' && (n > 0 || strings.Trim(base[:i], " ([-.") != ""):
			return "", "", verdictUnknown // a misplaced or second "+": checkChars refuses it
		}
	}
	d := string(digits[:n])
	plus := strings.HasPrefix(strings.TrimLeft(base, " ([-."), "+")
	switch {
	case len(d) < minDigits || len(d) > maxDigits:
		return "", "", verdictInvalid
	case plus:
		nat, v = international(d)
	case strings.HasPrefix(d, "00"):
		nat, v = international(d[2:])
	case strings.HasPrefix(d, "086"):
		nat, v = strings.TrimPrefix(d[3:], "0"), verdictValid
	case d[0] == '0':
		nat, v = d[1:], verdictValid
	case strings.HasPrefix(d, "86") && len(d) >= 12:
		nat, v = strings.TrimPrefix(d[2:], "0"), verdictValid
	case isLocal(d): // needs the region's area code
		return "", "", verdictUnknown
	default:
		nat, v = d, verdictValid
	}
	if v != verdictValid {
		return "", "", v
	}
	line, v = t.classify(nat)
	return nat, line, v
}

// international is international() up to its call of chinese(): only
// Chinese numbers are modelled.
func international(d string) (string, verdict) {
	rest, ok := cutPrefix(d, "86")
	if !ok {
		return "", verdictUnknown
	}
	return strings.TrimPrefix(rest, "0"), verdictValid
}

// classify is chinese() and done() for a complete national number.
func (t *typeTable) classify(nat string) (string, verdict) {
	switch {
	case len(nat) > maxNational:
		return "", verdictInvalid
	case nat == "" || nat[0] == '0' || strings.HasPrefix(nat, "11") || strings.HasPrefix(nat, "12") ||
		strings.HasPrefix(nat, "179"):
		// libphonenumber takes a trunk 0 or a carrier code (1[12]xx,
		// 179xx) off such a number, if what remains is viable.
		return "", verdictUnknown
	}
	typ := t.typeOf(nat)
	if typ == phonenumbers.UNKNOWN {
		return "", verdictInvalid
	}
	line := lineOf(typ, 86)
	if line == LineLandline && !subscriberLike(nat, areaLen(nat)) {
		return "", verdictInvalid
	}
	return line, verdictValid
}
