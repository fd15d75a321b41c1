package workcal

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/tide-crm/tide/china"
)

func TestWorkdaysAfter(t *testing.T) {
	utc := func(s string, h, m int) time.Time {
		d, _ := time.Parse(time.DateOnly, s)
		return d.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
	}
	cases := []struct {
		name string
		t    time.Time
		n    int
		want string // deadline = 00:00 China time of this date
	}{
		{"anchor: Fri before 春节 2026, make-up Sat counts", day(t, "2026-02-13", 18, 0), 2, "2026-02-25"},
		{"make-up Sat 2026-02-14 is the 1st working day", day(t, "2026-02-13", 9, 0), 1, "2026-02-15"},
		{"reply on the make-up Sat itself", day(t, "2026-02-14", 10, 0), 2, "2026-02-26"},
		{"n=20 across 春节 2026 and the 02-28 make-up", day(t, "2026-02-13", 18, 0), 20, "2026-03-20"},
		{"UTC evening already Fri in China", utc("2026-02-12", 17, 30), 2, "2026-02-25"},
		{"UTC 15:59 still Thu 23:59 in China", utc("2026-02-12", 15, 59), 2, "2026-02-15"},
		{"just before midnight China time", day(t, "2026-02-13", 23, 59), 2, "2026-02-25"},
		{"ordinary week over a weekend", day(t, "2026-03-12", 11, 0), 2, "2026-03-17"},
		{"元旦 2026 with Sun 01-04 make-up", day(t, "2025-12-31", 20, 0), 2, "2026-01-06"},
		{"year boundary 2024→2025 over 元旦", day(t, "2024-12-31", 16, 0), 2, "2025-01-04"},
		{"start in a year without data is fine", day(t, "2023-12-31", 16, 0), 1, "2024-01-03"},
		{"劳动节 2024: Sun 04-28 make-up", day(t, "2024-04-26", 17, 0), 2, "2024-04-30"},
		{"劳动节 2024 run", day(t, "2024-04-30", 17, 0), 3, "2024-05-09"},
		{"国庆中秋 2025: Sun 09-28 make-up", day(t, "2025-09-27", 12, 0), 2, "2025-09-30"},
		{"国庆中秋 2025 run of 8 days", day(t, "2025-09-30", 12, 0), 2, "2025-10-11"},
		{"Sat 2025-10-11 make-up", day(t, "2025-10-09", 12, 0), 2, "2025-10-12"},
		{"清明 2026 Mon 04-06 off", day(t, "2026-04-03", 12, 0), 1, "2026-04-08"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Official().WorkdaysAfter(tc.t, tc.n)
			if want := day(t, tc.want); err != nil || !got.Equal(want) {
				t.Errorf("WorkdaysAfter(%v, %d) = %v, %v; want %v", tc.t, tc.n, got, err, want)
			}
			if got.Location() != china.Zone {
				t.Errorf("result in %v, want Asia/Shanghai", got.Location())
			}
		})
	}
}

func TestWorkdaysAfterIntoNextYear(t *testing.T) {
	got, err := Official().WorkdaysAfter(day(t, "2026-12-31", 18, 0), 1)
	if hasYear(2027) {
		if want := day(t, "2027-01-05"); err != nil || !got.Equal(want) {
			t.Errorf("= %v, %v; want %v (元旦 2027 is 01-01…01-03)", got, err, want)
		}
		return
	}
	var nd *NoDataError
	if !errors.As(err, &nd) || nd.Year != 2027 {
		t.Errorf("err = %v, want NoDataError for 2027", err)
	}
}

func TestNoData(t *testing.T) {
	c := Official()
	ys := c.Years()
	after := ys[len(ys)-1] + 1
	check := func(name string, err error, year int) {
		t.Helper()
		var nd *NoDataError
		if !errors.As(err, &nd) || nd.Year != year {
			t.Errorf("%s: err = %v, want *NoDataError{%d}", name, err, year)
		}
	}
	_, err := c.Kind(day(t, "2023-06-01"))
	check("Kind 2023", err, 2023)
	ok, err := c.IsWorkday(time.Date(after, 3, 3, 10, 0, 0, 0, china.Zone))
	check("IsWorkday after", err, after)
	if ok {
		t.Error("IsWorkday guessed true for a year without data")
	}
	_, err = c.Days(2023)
	check("Days 2023", err, 2023)
	_, err = c.WorkdaysAfter(time.Date(after-1, 12, 29, 10, 0, 0, 0, china.Zone), 5)
	check("WorkdaysAfter into next year", err, after)
	// The last instant of the data's last day is still China-time data…
	if _, err := c.Kind(c.DataEnds().Add(24*time.Hour - time.Nanosecond)); err != nil {
		t.Errorf("Kind(end of DataEnds) = %v", err)
	}
	// …and 23:30 UTC of that day is already the next year in China.
	_, err = c.Kind(time.Date(after-1, 12, 31, 23, 30, 0, 0, time.UTC))
	check("Kind New Year's Eve UTC", err, after)
	if msg := (&NoDataError{Year: 2031}).Error(); msg != "workcal: no official working-day data for year 2031" {
		t.Errorf("Error() = %q", msg)
	}
}

func TestWorkdaysAfterBadN(t *testing.T) {
	for _, n := range []int{0, -1} {
		if _, err := Official().WorkdaysAfter(day(t, "2026-03-02"), n); err == nil {
			t.Errorf("n=%d: no error", n)
		}
	}
}

// TestWorkdaysAfterProperty: the deadline is strictly increasing in n, always
// 00:00 China time, the day before it is a working day, and exactly n working
// days lie between t's date (exclusive) and the deadline.
func TestWorkdaysAfterProperty(t *testing.T) {
	c := Official()
	first := day(t, "2024-01-01")
	span := int(c.DataEnds().Sub(first).Hours()/24) - 60
	r := rand.New(rand.NewPCG(16, 9))
	for range 300 {
		start := first.Add(time.Duration(r.IntN(span*24*60)) * time.Minute)
		var prev time.Time
		for n := 1; n <= 25; n++ {
			got, err := c.WorkdaysAfter(start, n)
			if err != nil {
				t.Fatalf("WorkdaysAfter(%v, %d): %v", start, n, err)
			}
			if !got.After(prev) {
				t.Fatalf("WorkdaysAfter(%v, %d) = %v, not after n-1's %v", start, n, got, prev)
			}
			if h, m, s := got.In(china.Zone).Clock(); h+m+s != 0 || got.Nanosecond() != 0 {
				t.Fatalf("WorkdaysAfter(%v, %d) = %v, not midnight China time", start, n, got)
			}
			count := 0
			y, m, d := start.In(china.Zone).Date()
			for x := time.Date(y, m, d+1, 12, 0, 0, 0, china.Zone); x.Before(got); x = x.AddDate(0, 0, 1) {
				if ok, _ := c.IsWorkday(x); ok {
					count++
				}
			}
			if last, _ := c.IsWorkday(got.Add(-time.Hour)); !last || count != n {
				t.Fatalf("WorkdaysAfter(%v, %d) = %v: last day working=%v, %d working days", start, n, got, last, count)
			}
			prev = got
		}
	}
}
