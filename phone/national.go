package phone

import (
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// chinese reads a Chinese national significant number (no trunk 0, no
// country code). A number that is not complete (typed without trunk prefix
// or country code) and has the 7 or 8 digits of a local number gets its
// area code from the landline before it in the field, else from the region.
func (p *parser) chinese(in, nat string, complete bool, ext string, prev *parsed) (parsed, error) {
	if !complete && isLocal(nat) {
		code, err := p.areaCode(in, nat, prev)
		if err != nil {
			return parsed{}, err
		}
		nat = code + nat
	}
	if len(nat) > 12 {
		return parsed{}, tooLong(in)
	}
	num, err := phonenumbers.Parse("+86"+nat, "ZZ")
	if err != nil || num.GetCountryCode() != 86 {
		return parsed{}, diagnose(in, nat, complete)
	}
	n, ok := done(in, num, ext)
	if !ok || (n.Line == LineLandline && !subscriberLike(n.nat, n.ndc)) {
		return parsed{}, diagnose(in, nat, complete)
	}
	return n, nil
}

// subscriberLike is stricter than libphonenumber, whose Chinese fixed-line
// patterns also admit in-city service numbers of 4 to 6 digits (0531-1230,
// 010-95588) and local numbers starting with 0: a subscriber has 7 or 8
// digits after the area code, and 0 can only be the trunk prefix. Service
// numbers and placeholders like 010-00000000 would make false collisions
// between companies that have nothing in common.
func subscriberLike(nat string, areaLen int) bool {
	local := len(nat) - areaLen
	return (local == 7 || local == 8) && nat[areaLen] != '0'
}

// areaLen returns the length of the area or network code of a Chinese
// national number: 2 for Beijing (10) and the 2x cities, 3 for the other
// area codes and for mobile, 400 and 800 prefixes. It agrees with
// libphonenumber's national destination code (a test checks every area
// code) at a fraction of the cost.
func areaLen(nat string) int {
	if strings.HasPrefix(nat, "10") || strings.HasPrefix(nat, "2") {
		return 2
	}
	return 3
}

// isLocal reports the shape of a subscriber number typed without its area
// code: 7 or 8 digits, not starting with 0 or 1 (those are trunk and mobile
// or service prefixes).
func isLocal(nat string) bool {
	return (len(nat) == 7 || len(nat) == 8) && nat[0] >= '2' && nat[0] <= '9'
}

// areaCode finds the area code for a bare local number: the area of the
// landline before it in the same field ("0512-65881234 65881235"), else the
// city the region names.
func (p *parser) areaCode(in, local string, prev *parsed) (string, error) {
	if prev != nil && prev.cc == 86 && prev.Line == LineLandline {
		return prev.nat[:prev.ndc], nil
	}
	if !p.regionDone {
		p.regionDone = true
		p.regionArea, p.regionWhy = areaTab().areaForRegion(p.region)
	}
	if p.regionArea == nil {
		return "", newError(KindNoAreaCode, in, "%q is a local number without an area code and %s; write it with its area code, like 0512-%s", in, p.regionWhy, local)
	}
	return p.regionArea.code, nil
}

// international reads the digits after "+" or "00". Chinese numbers go the
// Chinese way, with a "(0)" trunk prefix tolerated ("+86 (0)512 …"); any
// other country's number is accepted when libphonenumber finds it valid.
func (p *parser) international(in, d, ext string) (parsed, error) {
	if rest, ok := cutPrefix(d, "86"); ok {
		if rest != "" && rest[0] == '0' {
			rest = rest[1:]
		}
		return p.chinese(in, rest, true, ext, nil)
	}
	num, err := phonenumbers.Parse("+"+d, "ZZ")
	if err != nil || num.GetCountryCode() == 0 {
		return parsed{}, newError(KindCountryCode, in, "%q does not start with a country calling code; after + or 00 comes the country's code, like +86", in)
	}
	cc := int(num.GetCountryCode())
	region := phonenumbers.GetRegionCodeForCountryCode(cc)
	if region == "ZZ" || region == "" {
		return parsed{}, newError(KindCountryCode, in, "%q: +%d is not a country calling code", in, cc)
	}
	n, ok := done(in, num, ext)
	if !ok {
		return parsed{}, newError(KindInvalid, in, "%q is not a valid number for country code +%d (%s)", in, cc, region)
	}
	return n, nil
}

// done makes the parsed Number of a libphonenumber number, if it is valid.
// Validity is libphonenumber's: the number has a type (IsValidNumber asks
// the same question), asked once because it is most of the cost of a parse.
func done(in string, num *phonenumbers.PhoneNumber, ext string) (parsed, bool) {
	typ := phonenumbers.GetNumberType(num)
	if typ == phonenumbers.UNKNOWN {
		return parsed{}, false
	}
	cc := int(num.GetCountryCode())
	nat := phonenumbers.GetNationalSignificantNumber(num)
	n := parsed{
		Number: Number{
			Input:     in,
			E164:      "+" + strconv.Itoa(cc) + nat, // what Format(num, E164) writes, without its pattern matching
			Extension: ext,
			Line:      lineOf(typ, cc),
		},
		cc:  cc,
		nat: nat,
	}
	if cc == 86 {
		n.ndc = areaLen(nat)
	}
	return n, true
}

// lineOf says what the digits are. 400 numbers are shared-cost for
// libphonenumber, but a sales floor treats them as 800 numbers: both are
// a company's hotline, not a line at a desk.
func lineOf(typ phonenumbers.PhoneNumberType, cc int) string {
	switch typ {
	case phonenumbers.MOBILE:
		return LineMobile
	case phonenumbers.FIXED_LINE:
		return LineLandline
	case phonenumbers.TOLL_FREE:
		return LineTollFree
	case phonenumbers.SHARED_COST:
		if cc == 86 {
			return LineTollFree
		}
	}
	return LineOther
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):], true
	}
	return s, false
}
