package benchdata

import (
	"fmt"
	"strconv"

	"github.com/tide-crm/tide/phone"
)

// The number plan: which landlines, faxes and mobiles the generator may
// write. Every number it writes must be one tide's parser accepts, read
// back as the key stored (numbers_test.go checks a sample through
// phone.Parse), so the plan is read from phone's own data: each area's
// local-number length and the first digits under which every number is a
// valid landline (phone.Block), and the mobile prefixes under which every
// number is a valid mobile. Version 1 wrote 8 digits in every area and
// mobiles under every prefix 13–19, so about 40% of its numbers were
// refused by tide's parser (8 digits in 7-digit areas such as Xiamen's
// 0592, prefixes such as 154 or 140).

// blocksPerArea is how many first digits each area's landlines use: all
// areas get the same share, as in version 1. Beijing and Shanghai have the
// fewest digits under which every number is valid (2–7 and 9).
const blocksPerArea = 7

// pairsPerBlock is how many landline/fax pairs one first digit holds: the
// landline is even within the block and the fax is the next number.
const pairsPerBlock = 500_000

// mobileBlock is how many numbers one three-digit mobile prefix holds.
const mobileBlock = 100_000_000

// numberPlan is the plan in the arrays the generating SQL reads, by area
// (same order as areas).
type numberPlan struct {
	first  []int64  // blocksPerArea first digits per area, area after area
	unit   []int64  // 10^(local length − 1): the value of the first digit
	stride []int64  // unit / pairsPerBlock: the step between two landlines of a block (2 or 20)
	mobile []string // the three-digit mobile prefixes
}

// newNumberPlan reads the plan from phone. It panics if phone's data gives
// an area of the pools fewer than blocksPerArea valid first digits: the
// pools would have to change.
func newNumberPlan() numberPlan {
	var p numberPlan
	for _, a := range areas {
		l, firsts := localDigits(a.code)
		if len(firsts) < blocksPerArea {
			panic(fmt.Sprintf("benchdata: area 0%s (%s) has only %d valid first digits", a.code, a.city, len(firsts)))
		}
		unit := int64(1)
		for range l - 1 {
			unit *= 10
		}
		p.first = append(p.first, firsts[:blocksPerArea]...)
		p.unit = append(p.unit, unit)
		p.stride = append(p.stride, unit/pairsPerBlock)
	}
	for prefix := 130; prefix <= 199; prefix++ {
		if line, ok := phone.Block(strconv.Itoa(prefix), 11); ok && line == phone.LineMobile {
			p.mobile = append(p.mobile, strconv.Itoa(prefix))
		}
	}
	return p
}

// localDigits returns the length of an area's local numbers, 8 where both
// are valid (the newer numbers), and the digits 2–9 under which every local
// number of that length is a valid landline. Local numbers starting with 1
// are valid for libphonenumber in most areas, but are service numbers
// rather than companies' lines, so they are left out.
func localDigits(code string) (int, []int64) {
	for _, l := range []int{8, 7} {
		var firsts []int64
		for d := int64(2); d <= 9; d++ {
			if line, ok := phone.Block(code+strconv.FormatInt(d, 10), len(code)+l); ok && line == phone.LineLandline {
				firsts = append(firsts, d)
			}
		}
		if len(firsts) > 0 {
			return l, firsts
		}
	}
	return 0, nil
}
