package intake

import (
	"strings"

	"github.com/tide-crm/tide/namekey"
	"github.com/tide-crm/tide/phone"
	"github.com/tide-crm/tide/resource"
)

// Find reads a search text every way it can match: as text, as a company
// name (its key), as a whole number, or else as four or more digits of one.
func Find(q string) resource.Find {
	q = strings.TrimSpace(q)
	if q == "" {
		return resource.Find{}
	}
	f := resource.Find{Text: q}
	if k := namekey.Key(q); len([]rune(k)) >= 2 {
		f.Key = k
	}
	if n, err := phone.Normalize(q); err == nil {
		f.Number = n
	}
	// One leading 0 is the trunk prefix (0512…), which the normal form
	// drops; further zeros are digits of the number.
	digits := strings.TrimPrefix(strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, q), "0")
	if len(digits) >= 4 && f.Number == "" { // a whole number is matched whole
		f.Digits = digits
	}
	return f
}
