// Package phone puts phone, fax and mobile numbers in one normal form so that
// the collision search compares like with like (R4).
//
// This is the foundation's interim form: the digits of the number, with a
// leading +86/0086 country code and the trunk 0 dropped. The collision
// engine issue replaces it with a libphonenumber-based E.164 form with
// extensions kept apart.
package phone

import (
	"errors"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Types of number a resource or contact carries.
const (
	Mobile   = "mobile"
	Landline = "landline"
	Fax      = "fax"
)

// ValidType reports whether t is a known number type.
func ValidType(t string) bool { return t == Mobile || t == Landline || t == Fax }

// ErrTooShort reports a number with too few digits to identify anyone.
var ErrTooShort = errors.New("a number needs at least 7 digits")

// Normalize returns the normal form of a typed number: full-width digits are
// folded, everything but digits dropped, then a Chinese country code (+86,
// 0086) and the domestic trunk prefix 0 are removed.
func Normalize(raw string) (string, error) {
	s := norm.NFKC.String(raw)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsDigit(r) && r < unicode.MaxASCII {
			b.WriteRune(r)
		}
	}
	d := b.String()
	plus := strings.HasPrefix(strings.TrimSpace(s), "+")
	switch {
	case plus && strings.HasPrefix(d, "86"):
		d = d[2:]
	case strings.HasPrefix(d, "0086"):
		d = d[4:]
	}
	d = strings.TrimPrefix(d, "0")
	if len(d) < 7 {
		return "", ErrTooShort
	}
	return d, nil
}
