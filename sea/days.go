package sea

import (
	"time"

	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/resource"
)

// DaysLeft counts calendar days in China time from today to the deadline's
// day; a deadline later today is 0 days left, a past one negative.
func DaysLeft(now, until time.Time) int {
	y, m, d := now.In(china.Zone).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	y, m, d = until.In(china.Zone).Date()
	end := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return int(end.Sub(today).Hours() / 24)
}

// ProtectionLeft is how many days r stays in its owner's private sea: to
// its protection's end, or to its name-correction deadline when that comes
// first (R10). ok is false for a resource with no running protection
// (public, or signed).
func ProtectionLeft(r resource.Resource, now time.Time) (days int, ok bool) {
	end := r.ProtectedUntil
	if end == nil || r.SignedAt != nil {
		return 0, false
	}
	if r.CorrectBy != nil && r.CorrectBy.Before(*end) { // uncorrected, it leaves earlier (R10)
		end = r.CorrectBy
	}
	return DaysLeft(now, *end), true
}
