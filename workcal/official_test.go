package workcal

import (
	"testing"
	"time"

	"github.com/tide-crm/tide/china"
)

// run is one holiday run of a notice with its make-up days.
type run struct {
	note        string
	first, last string
	makeups     []string
}

// notices transcribes the official notices (see data/SOURCES.md),
// independently of the embedded files.
var notices = map[int][]run{
	2024: { // 国办发明电〔2023〕7号
		{"元旦", "2024-01-01", "2024-01-01", nil},
		{"春节", "2024-02-10", "2024-02-17", []string{"2024-02-04", "2024-02-18"}},
		{"清明节", "2024-04-04", "2024-04-06", []string{"2024-04-07"}},
		{"劳动节", "2024-05-01", "2024-05-05", []string{"2024-04-28", "2024-05-11"}},
		{"端午节", "2024-06-10", "2024-06-10", nil},
		{"中秋节", "2024-09-15", "2024-09-17", []string{"2024-09-14"}},
		{"国庆节", "2024-10-01", "2024-10-07", []string{"2024-09-29", "2024-10-12"}},
	},
	2025: { // 国办发明电〔2024〕12号
		{"元旦", "2025-01-01", "2025-01-01", nil},
		{"春节", "2025-01-28", "2025-02-04", []string{"2025-01-26", "2025-02-08"}},
		{"清明节", "2025-04-04", "2025-04-06", nil},
		{"劳动节", "2025-05-01", "2025-05-05", []string{"2025-04-27"}},
		{"端午节", "2025-05-31", "2025-06-02", nil},
		{"国庆节、中秋节", "2025-10-01", "2025-10-08", []string{"2025-09-28", "2025-10-11"}},
	},
	2026: { // 国办发明电〔2025〕7号
		{"元旦", "2026-01-01", "2026-01-03", []string{"2026-01-04"}},
		{"春节", "2026-02-15", "2026-02-23", []string{"2026-02-14", "2026-02-28"}},
		{"清明节", "2026-04-04", "2026-04-06", nil},
		{"劳动节", "2026-05-01", "2026-05-05", []string{"2026-05-09"}},
		{"端午节", "2026-06-19", "2026-06-21", nil},
		{"中秋节", "2026-09-25", "2026-09-27", nil},
		{"国庆节", "2026-10-01", "2026-10-07", []string{"2026-09-20", "2026-10-10"}},
	},
	2027: { // single source, see data/SOURCES.md; checked only while embedded
		{"元旦", "2027-01-01", "2027-01-03", nil},
		{"春节", "2027-02-05", "2027-02-13", []string{"2027-01-31", "2027-02-14"}},
		{"清明节", "2027-04-03", "2027-04-05", nil},
		{"劳动节", "2027-05-01", "2027-05-05", []string{"2027-05-08"}},
		{"端午节", "2027-06-09", "2027-06-09", nil},
		{"中秋节", "2027-09-15", "2027-09-15", nil},
		{"国庆节", "2027-10-01", "2027-10-07", []string{"2027-09-26", "2027-10-09"}},
	},
}

// day returns hh:mm on date s (YYYY-MM-DD) in China time.
func day(t testing.TB, s string, hm ...int) time.Time {
	t.Helper()
	d, err := time.ParseInLocation(time.DateOnly, s, china.Zone)
	if err != nil {
		t.Fatal(err)
	}
	if len(hm) == 2 {
		d = d.Add(time.Duration(hm[0])*time.Hour + time.Duration(hm[1])*time.Minute)
	}
	return d
}

func hasYear(y int) bool {
	for _, x := range Official().Years() {
		if x == y {
			return true
		}
	}
	return false
}

func TestOfficialYears(t *testing.T) {
	got := Official().Years()
	if len(got) < 3 || got[0] != 2024 || got[1] != 2025 || got[2] != 2026 {
		t.Fatalf("Years() = %v, want 2024, 2025, 2026[, 2027]", got)
	}
	for y := range notices {
		if y <= 2026 && !hasYear(y) {
			t.Errorf("year %d missing", y)
		}
	}
}

func TestOfficialNotices(t *testing.T) {
	c := Official()
	for y, runs := range notices {
		if !hasYear(y) {
			t.Logf("year %d not embedded; skipped", y)
			continue
		}
		listed := map[string]string{} // date → kind per the notice
		for _, r := range runs {
			for d := day(t, r.first); !d.After(day(t, r.last)); d = d.AddDate(0, 0, 1) {
				listed[d.Format(time.DateOnly)] = Holiday
				t.Run(d.Format(time.DateOnly)+"/"+r.note, func(t *testing.T) {
					if k, err := c.Kind(d.Add(13 * time.Hour)); k != Holiday || err != nil {
						t.Errorf("Kind = %q, %v; want holiday", k, err)
					}
					if ok, _ := c.IsWorkday(d); ok {
						t.Error("IsWorkday = true on a holiday")
					}
				})
			}
			for _, m := range r.makeups {
				listed[m] = MakeUp
				t.Run(m+"/调休/"+r.note, func(t *testing.T) {
					d := day(t, m, 9, 0)
					if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
						t.Errorf("make-up day on a %v", wd)
					}
					if k, err := c.Kind(d); k != MakeUp || err != nil {
						t.Errorf("Kind = %q, %v; want makeup", k, err)
					}
					if ok, err := c.IsWorkday(d); !ok || err != nil {
						t.Errorf("IsWorkday = %v, %v; a make-up Saturday/Sunday is a working day", ok, err)
					}
				})
			}
		}
		// Nothing beyond the notice is a holiday or a make-up day.
		days, err := c.Days(y)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range days {
			if (d.Kind == Holiday || d.Kind == MakeUp) && listed[d.Date] != d.Kind {
				t.Errorf("%s is %s but the notice does not say so", d.Date, d.Kind)
			}
		}
	}
}

// TestStatutoryDays checks each year against the Regulation on National
// Holidays: weekday holidays minus make-up days is the number of statutory
// days, 11 until 2024 and 13 from 2025 (春节 and 劳动节 gained a day).
func TestStatutoryDays(t *testing.T) {
	for _, y := range Official().Years() {
		days, _ := Official().Days(y)
		n := 0
		for _, d := range days {
			wd := day(t, d.Date).Weekday()
			switch {
			case d.Kind == Holiday && wd != time.Saturday && wd != time.Sunday:
				n++
			case d.Kind == MakeUp:
				n--
			}
		}
		want := 13
		if y <= 2024 {
			want = 11
		}
		if n != want {
			t.Errorf("%d: %d statutory days, want %d", y, n, want)
		}
	}
}

func TestDays(t *testing.T) {
	days, err := Official().Days(2024)
	if err != nil || len(days) != 366 {
		t.Fatalf("Days(2024): %d days, %v; want 366", len(days), err)
	}
	days, _ = Official().Days(2026)
	want := map[int]Day{
		0:  {"2026-01-01", Holiday, "元旦"},
		3:  {"2026-01-04", MakeUp, "元旦调休上班"},
		4:  {"2026-01-05", Workday, ""},
		9:  {"2026-01-10", Weekend, ""},
		44: {"2026-02-14", MakeUp, "春节调休上班"},
		47: {"2026-02-17", Holiday, "春节"},
	}
	for i, w := range want {
		if days[i] != w {
			t.Errorf("Days(2026)[%d] = %+v, want %+v", i, days[i], w)
		}
	}
	if len(days) != 365 || days[364].Date != "2026-12-31" {
		t.Errorf("Days(2026) has %d days ending %s", len(days), days[len(days)-1].Date)
	}
}

func TestDataEnds(t *testing.T) {
	ys := Official().Years()
	want := time.Date(ys[len(ys)-1], 12, 31, 0, 0, 0, 0, china.Zone)
	if got := Official().DataEnds(); !got.Equal(want) || got.Location().String() != "Asia/Shanghai" {
		t.Errorf("DataEnds() = %v, want %v", got, want)
	}
}
