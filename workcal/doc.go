// Package workcal answers working-day questions against the official Chinese
// calendar (DOMAIN.md rule R16).
//
// # Working days (R16)
//
// A date is a working day when it is an ordinary Monday–Friday that is not a
// public holiday, or a Saturday or Sunday that the State Council declared a
// make-up workday (调休上班). Weekends and public holidays are days off. The
// holidays and make-up days come from the State Council General Office's
// yearly notice (国务院办公厅关于…年部分节假日安排的通知), embedded per year
// under data/; weekends are computed. A year without data is never guessed as
// plain Monday–Friday: every question about it fails with a *NoDataError
// naming the year. Admins can correct single dates with WithOverrides.
//
// # Dates and deadlines
//
// Every instant is read as its civil date in China time (Asia/Shanghai), so a
// reply at 17:30 UTC is already the next day. A deadline of n working days
// "counted from the day after" t (R9, R10) ends at midnight China time at the
// end of the n-th working day after t's date; WorkdaysAfter returns that
// instant as 00:00 Asia/Shanghai of the following calendar day. A deed done at
// any instant strictly before the returned time is on time.
//
// Example: a reply on Fri 2026-02-13 with n = 2. Sat 02-14 is a make-up
// workday (1st), 02-15…02-23 is the Spring Festival holiday, Tue 02-24 is the
// 2nd, so the deadline is 2026-02-25 00:00 CST (the end of 02-24).
package workcal
