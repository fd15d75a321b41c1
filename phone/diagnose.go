package phone

import (
	"fmt"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// diagnose says why nat, a Chinese national number libphonenumber refused,
// is not a number: the wrong length for a mobile, a mobile prefix that does
// not exist, an unknown area code, the wrong length after the area code.
// trunk says the number was typed with a trunk 0 or country code: then
// "0123-4567890" is read as a wrong area code, not as a wrong mobile.
func diagnose(in, nat string, trunk bool) *Error {
	switch {
	case len(nat) < minDigits-1:
		return newError(KindTooShort, in, "%q is too short to be a phone number", in)
	case strings.HasPrefix(nat, "400") || strings.HasPrefix(nat, "800"):
		if len(nat) != 10 {
			return newError(KindInvalid, in, "%q is not a valid %s number: they have 10 digits, like %s-812-3456", in, nat[:3], nat[:3])
		}
		return newError(KindInvalid, in, "%q is not a valid %s number", in, nat[:3])
	case nat[0] == '1' && !strings.HasPrefix(nat, "10") && !(trunk && len(nat) != 11):
		return diagnoseMobile(in, nat)
	}
	code := nat[:3]
	if strings.HasPrefix(nat, "10") || nat[0] == '2' {
		code = nat[:2]
	}
	a := areaTab().byCode[code]
	if a == nil {
		return newError(KindAreaCode, in, "%q: there is no area code 0%s", in, code)
	}
	local := nat[len(code):]
	if lengths := localLengths(code); len(lengths) > 0 && !contains(lengths, len(local)) {
		return newError(KindLocalLength, in, "%q: a local number in area 0%s (%s) has %s digits, this one has %d", in, code, a.zh, orList(lengths), len(local))
	}
	if strings.HasPrefix(local, "0") {
		return newError(KindInvalid, in, "%q is not a valid landline number: after area code 0%s (%s) the local number cannot start with 0", in, code, a.zh)
	}
	return newError(KindInvalid, in, "%q is not a valid landline number in area 0%s (%s)", in, code, a.zh)
}

func diagnoseMobile(in, nat string) *Error {
	switch {
	case len(nat) != 11:
		return newError(KindMobile, in, "%q is not a valid mobile number: Chinese mobile numbers have 11 digits, this one has %d", in, len(nat))
	case nat[1] < '3':
		return newError(KindMobile, in, "%q is not a valid mobile number: Chinese mobile numbers start with 13 to 19", in)
	}
	return newError(KindMobile, in, "%q is not a valid mobile number: no Chinese mobile numbers start with %s", in, nat[:3])
}

// localLengths returns how many digits local numbers have in an area (7, 8
// or both), as libphonenumber's metadata says. It only runs for a number
// that has been refused, so it is not cached.
func localLengths(code string) []int {
	var out []int
	for _, n := range []int{7, 8} {
		for first := '2'; first <= '9'; first++ {
			num, err := phonenumbers.Parse("+86"+code+string(first)+"2345678"[:n-1], "ZZ")
			if err == nil && phonenumbers.IsValidNumber(num) {
				out = append(out, n)
				break
			}
		}
	}
	return out
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func orList(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, " or ")
}
