package rules

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tide-crm/tide/china"
)

func mustCompile(t testing.TB, point, expression string, cal Calendar) *Program {
	t.Helper()
	p, err := Compile(point, expression, cal)
	if err != nil {
		t.Fatalf("%s = %q: %v", point, expression, err)
	}
	return p
}

var now = time.Date(2026, 3, 30, 9, 0, 0, 0, china.Zone)

func TestFunctionErrorsAreEvaluationErrors(t *testing.T) {
	p := mustCompile(t, "protection.until", `after(now, "3 days")`, nil)
	if v, err := p.Eval(ProtectionEnv{Now: now}); err == nil || !strings.Contains(err.Error(), "after") {
		t.Errorf("got %v, %v", v, err)
	}
	p = mustCompile(t, "protection.until", `after(now, "36h")`, nil)
	if v, err := p.Eval(ProtectionEnv{Now: now}); err != nil || !v.(time.Time).Equal(now.Add(36*time.Hour)) {
		t.Errorf("got %v, %v", v, err)
	}

	// A year the calendar has no data for.
	p = mustCompile(t, "entry.deadline", DefaultEntryDeadline, newFakeCalendar())
	_, err := p.Eval(DeadlineEnv{ApprovedAt: time.Date(2031, 5, 6, 10, 0, 0, 0, china.Zone)})
	if err == nil || !strings.Contains(err.Error(), "no calendar data for 2031") {
		t.Errorf("got %v", err)
	}
	p = mustCompile(t, "application.auto_approve", `is_workday(now)`, newFakeCalendar())
	if _, err := p.Eval(AutoApproveEnv{Now: time.Date(2031, 5, 6, 10, 0, 0, 0, china.Zone)}); err == nil {
		t.Error("is_workday in 2031: no error")
	}
	// No calendar at all.
	p = mustCompile(t, "entry.deadline", DefaultEntryDeadline, nil)
	if _, err := p.Eval(DeadlineEnv{ApprovedAt: now}); !errors.Is(err, errNoCalendar) {
		t.Errorf("got %v", err)
	}
}

func TestMemoryBudgetBoundsEvaluation(t *testing.T) {
	p := mustCompile(t, "capacity.limit", `len(1..100000)`, nil)
	if _, err := p.Eval(CapacityEnv{}); err == nil || !strings.Contains(err.Error(), "memory budget") {
		t.Errorf("got %v", err)
	}
	p = mustCompile(t, "capacity.limit", `len(1..100)`, nil)
	if v, err := p.Eval(CapacityEnv{}); err != nil || v != 100 {
		t.Errorf("got %v, %v", v, err)
	}
}

func TestEvalWantsThePointsEnvironment(t *testing.T) {
	p := mustCompile(t, "capacity.limit", `counts.private + 1`, nil)
	if _, err := p.Eval(PickEnv{}); err == nil {
		t.Error("a PickEnv was accepted")
	}
	if _, err := p.Eval(nil); err == nil {
		t.Error("nil was accepted")
	}
	if _, err := p.Eval((*CapacityEnv)(nil)); err == nil {
		t.Error("a nil pointer was accepted")
	}
	if v, err := p.Eval(&CapacityEnv{Counts: Counts{Private: 4}}); err != nil || v != 5 {
		t.Errorf("pointer env: %v, %v", v, err)
	}
}

func TestDenyRefusesWithItsReasonAndStops(t *testing.T) {
	p := mustCompile(t, "pick.allowed", `deny("first") || deny("second") || true`, nil)
	if v, err := p.Eval(PickEnv{}); err != nil || v != (Allowed{Reason: "first"}) {
		t.Errorf("got %v, %v", v, err)
	}
	p = mustCompile(t, "pick.allowed", `picks_today < 5`, nil)
	if v, _ := p.Eval(PickEnv{PicksToday: 5}); v != (Allowed{Reason: DefaultReason}) {
		t.Errorf("plain false: %v", v)
	}
	if v, _ := p.Eval(PickEnv{PicksToday: 4}); v != (Allowed{OK: true}) {
		t.Errorf("plain true: %v", v)
	}
}

func TestDecideRecordsRuleAndVersion(t *testing.T) {
	c := NewCache(nil)
	p, err := c.Get("capacity.limit", 3, `rep.role == "manager" ? 500 : 300`)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Decide[int](p, CapacityEnv{Rep: Rep{Role: "manager"}})
	if err != nil || d != (Decision[int]{Value: 500, Rule: "capacity.limit", Version: "3"}) {
		t.Errorf("got %+v, %v", d, err)
	}
	if _, err := Decide[bool](p, CapacityEnv{}); err == nil {
		t.Error("Decide[bool] of an int rule")
	}
	a, err := Decide[Allowed](mustCompile(t, "pick.allowed", DefaultPickAllowed, nil), PickEnv{PicksToday: 20})
	if err != nil || a.Value.OK || a.Value.Reason == "" || a.Version != "" {
		t.Errorf("got %+v, %v", a, err)
	}
}

func TestMonthsAfterAndDaysBetweenCountInChinaTime(t *testing.T) {
	jan31 := time.Date(2026, 1, 31, 12, 0, 0, 0, china.Zone)
	if got := monthsAfter(jan31, 1); !got.Equal(time.Date(2026, 3, 3, 12, 0, 0, 0, china.Zone)) {
		t.Errorf("Jan 31 + 1 month = %v", got)
	}
	a := time.Date(2026, 3, 1, 15, 59, 0, 0, time.UTC) // 23:59 on Mar 1 in china.Zone
	b := time.Date(2026, 3, 1, 16, 1, 0, 0, time.UTC)  // 00:01 on Mar 2 in china.Zone
	if daysBetween(a, b) != 1 || daysBetween(b, a) != -1 || daysBetween(a, a) != 0 {
		t.Errorf("days: %d %d", daysBetween(a, b), daysBetween(b, a))
	}
	if d := daysBetween(time.Time{}, now); d < 739_000 {
		t.Errorf("from the zero time: %d days", d)
	}
}
