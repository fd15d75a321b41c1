// Package china holds the one time zone every business date of tide is read
// in (R16): Asia/Shanghai. Deadlines end at midnight China time, "today" is
// China's today, and the zone database is embedded so the zone loads on a
// minimal container image.
package china

import (
	"time"
	_ "time/tzdata" // Asia/Shanghai must resolve without the system's zoneinfo.
)

// ZoneName is the zone's IANA name, for SQL (AT TIME ZONE).
const ZoneName = "Asia/Shanghai"

// Zone is Asia/Shanghai.
var Zone = func() *time.Location {
	loc, err := time.LoadLocation(ZoneName)
	if err != nil { // unreachable with time/tzdata embedded
		panic("china: " + err.Error())
	}
	return loc
}()

// Midnight returns 00:00 China time of the civil date of t, plus days.
func Midnight(t time.Time, days int) time.Time {
	y, m, d := t.In(Zone).Date()
	return time.Date(y, m, d+days, 0, 0, 0, 0, Zone)
}

// Minute writes t as China's local date and minute, the way deadlines are
// told to people: 2026-12-02 18:00.
func Minute(t time.Time) string { return t.In(Zone).Format("2006-01-02 15:04") }

// Day writes t's date in China: 2026-12-02.
func Day(t time.Time) string { return t.In(Zone).Format("2006-01-02") }
