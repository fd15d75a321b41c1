package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// 日历 shows the official year (R16): 2026-02-14, a Saturday, is a 调休
// working day and 2026-02-16 a holiday; a year without data says so; an
// admin overrides a day (a bad date refused next to the field, what was
// typed kept), and a rep reads the calendar without the form.
func TestCalendarShowsTheOfficialYearAndTakesOverrides(t *testing.T) {
	f := newFixture(t)
	rep, admin := f.signedIn("rep1"), f.signedIn("admin1")
	_, body := f.do(rep, "GET", "/calendar?year=2026", nil)
	for _, want := range []string{`class="day makeup" data-date="2026-02-14"`, `class="day holiday" data-date="2026-02-16"`,
		`class="day weekend" data-date="2026-03-07"`, `class="day workday" data-date="2026-03-03"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the 2026 calendar lacks %s", want)
		}
	}
	if strings.Contains(body, `action="/calendar/days"`) {
		t.Error("a rep is offered the override")
	}
	if _, body := f.do(rep, "GET", "/calendar?year=2099", nil); !strings.Contains(body, "本年没有官方工作日数据") {
		t.Error("a year without data is not said to be so")
	}
	resp, body := f.do(admin, "POST", "/calendar/days", url.Values{"date": {"2026-13-40"}, "kind": {"holiday"}, "note": {"周年庆"}, "year": {"2026"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="date" name="date" value="2026-13-40" placeholder="2026-10-09" aria-invalid="true"`) ||
		!strings.Contains(body, `value="周年庆"`) {
		t.Errorf("a bad date: %d\n%s", resp.StatusCode, body)
	}
	resp, _ = f.do(admin, "POST", "/calendar/days", url.Values{"date": {"2026-06-03"}, "kind": {"holiday"}, "note": {"周年庆"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("an override: %d", resp.StatusCode)
	}
	if _, body := f.do(rep, "GET", "/calendar?year=2026", nil); !strings.Contains(body, `class="day holiday" data-date="2026-06-03" title="周年庆"`) {
		t.Error("the override is not in the calendar")
	}
}
