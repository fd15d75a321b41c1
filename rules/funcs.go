package rules

import (
	"errors"
	"fmt"
	"time"

	"github.com/expr-lang/expr"

	"github.com/tide-crm/tide/china"
)

// Calendar answers working-day questions (R16). Package workcal implements
// it from the official calendar and the admins' overrides; asking about a
// year it has no data for is an error.
type Calendar interface {
	WorkdaysAfter(t time.Time, n int) (time.Time, error)
	IsWorkday(t time.Time) (bool, error)
}

// errNoCalendar is returned by the working-day functions of a program
// compiled without a calendar.
var errNoCalendar = errors.New("no working-day calendar configured")

// denial is the error deny(reason) stops evaluation with; Eval turns it into
// Allowed{OK: false, Reason: reason}.
type denial struct{ reason string }

func (d *denial) Error() string { return "denied: " + d.reason }

// functions returns the expr options declaring the functions every rule may
// call, plus deny for rules answering Allowed. Each is declared with its Go
// signature so expr type-checks calls at compile time; errors returned here
// become evaluation errors, never panics.
func functions(cal Calendar, withDeny bool) []expr.Option {
	opts := []expr.Option{
		expr.Function("workdays_after", func(a ...any) (any, error) {
			if cal == nil {
				return nil, errNoCalendar
			}
			t, err := cal.WorkdaysAfter(a[0].(time.Time), a[1].(int))
			if err != nil {
				return nil, fmt.Errorf("workdays_after: %w", err)
			}
			return t, nil
		}, new(func(time.Time, int) time.Time)),
		expr.Function("is_workday", func(a ...any) (any, error) {
			if cal == nil {
				return nil, errNoCalendar
			}
			ok, err := cal.IsWorkday(a[0].(time.Time))
			if err != nil {
				return nil, fmt.Errorf("is_workday: %w", err)
			}
			return ok, nil
		}, new(func(time.Time) bool)),
		expr.Function("months_after", func(a ...any) (any, error) {
			return monthsAfter(a[0].(time.Time), a[1].(int)), nil
		}, new(func(time.Time, int) time.Time)),
		expr.Function("after", func(a ...any) (any, error) {
			d, err := time.ParseDuration(a[1].(string))
			if err != nil {
				return nil, fmt.Errorf("after: %w", err)
			}
			return a[0].(time.Time).Add(d), nil
		}, new(func(time.Time, string) time.Time)),
		expr.Function("days_between", func(a ...any) (any, error) {
			return daysBetween(a[0].(time.Time), a[1].(time.Time)), nil
		}, new(func(time.Time, time.Time) int)),
	}
	if withDeny {
		opts = append(opts, expr.Function("deny", func(a ...any) (any, error) {
			return nil, &denial{reason: a[0].(string)}
		}, new(func(string) bool)))
	}
	return opts
}

// monthsAfter adds n calendar months to t counted in China time (a month
// end overflows the way time.AddDate does: Jan 31 + 1 month = Mar 3).
func monthsAfter(t time.Time, n int) time.Time {
	return t.In(china.Zone).AddDate(0, n, 0)
}

// daysBetween is the number of calendar days in China time from a's date to
// b's date (negative when b is earlier).
func daysBetween(a, b time.Time) int {
	ay, am, ad := a.In(china.Zone).Date()
	by, bm, bd := b.In(china.Zone).Date()
	// Unix seconds, not Sub: a Duration cannot span from the zero time.
	da := time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC).Unix()
	db := time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC).Unix()
	return int((db - da) / 86400)
}
