package workcal

import (
	"errors"
	"testing"
)

func TestWithOverrides(t *testing.T) {
	base := Official()
	c, err := base.WithOverrides([]Override{
		{Date: "2026-03-11", Kind: Holiday, Note: "台风停工"},      // Wed off
		{Date: "2026-03-14", Kind: MakeUp, Note: "补班"},         // Sat on
		{Date: "2026-03-15", Kind: Workday, Note: "Sunday on"}, // normalised to makeup
		{Date: "2026-03-16", Kind: Weekend},                    // Mon off: normalised to holiday
		{Date: "2026-02-23", Kind: Workday, Note: "提前返工"},      // an official holiday on
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		date, kind string
		work       bool
	}{
		{"2026-03-11", Holiday, false},
		{"2026-03-14", MakeUp, true},
		{"2026-03-15", MakeUp, true},
		{"2026-03-16", Holiday, false},
		{"2026-02-23", Workday, true},
		{"2026-03-12", Workday, true}, // untouched
	}
	for _, w := range want {
		k, err := c.Kind(day(t, w.date, 10, 0))
		ok, _ := c.IsWorkday(day(t, w.date, 10, 0))
		if err != nil || k != w.kind || ok != w.work {
			t.Errorf("%s: Kind = %q (%v), IsWorkday = %v; want %q, %v", w.date, k, err, ok, w.kind, w.work)
		}
	}
	days, _ := c.Days(2026)
	if d := days[69]; d.Date != "2026-03-11" || d.Note != "台风停工" {
		t.Errorf("Days(2026)[69] = %+v", d)
	}
	if d := days[74]; d.Date != "2026-03-16" || d.Note != "" {
		t.Errorf("Days(2026)[74] = %+v, want no note", d)
	}
	// Tue 03-10 reply: Wed off, Thu(1), Fri(2); with n=4 Sat(3), Sun(4).
	got, _ := c.WorkdaysAfter(day(t, "2026-03-10", 15, 0), 4)
	if want := day(t, "2026-03-16"); !got.Equal(want) {
		t.Errorf("WorkdaysAfter with overrides = %v, want %v", got, want)
	}
	// Feb 13 reply: 02-14 make-up (1), 02-23 now a workday (2).
	got, _ = c.WorkdaysAfter(day(t, "2026-02-13", 18, 0), 2)
	if want := day(t, "2026-02-24"); !got.Equal(want) {
		t.Errorf("anchor with overrides = %v, want %v", got, want)
	}
	// The original is untouched.
	if k, _ := base.Kind(day(t, "2026-03-11")); k != Workday {
		t.Errorf("Official() changed by WithOverrides: 2026-03-11 is %q", k)
	}
	if k, _ := base.Kind(day(t, "2026-02-23")); k != Holiday {
		t.Errorf("Official() changed by WithOverrides: 2026-02-23 is %q", k)
	}
}

func TestWithOverridesLastWins(t *testing.T) {
	c, err := Official().WithOverrides([]Override{
		{Date: "2025-05-06", Kind: Holiday}, {Date: "2025-05-06", Kind: Workday},
	})
	if k, _ := c.Kind(day(t, "2025-05-06")); err != nil || k != Workday {
		t.Errorf("Kind = %q, %v; want workday", k, err)
	}
	if c, err := Official().WithOverrides(nil); err != nil || len(c.Years()) != len(Official().Years()) {
		t.Errorf("WithOverrides(nil) = %v", err)
	}
}

func TestWithOverridesRefusesBadInput(t *testing.T) {
	bad := []Override{
		{Date: "2026-2-16", Kind: Holiday},
		{Date: "2026-02-30", Kind: Holiday},
		{Date: "2026/02/16", Kind: Holiday},
		{Date: "", Kind: Holiday},
		{Date: "2026-02-16T00:00:00+08:00", Kind: Holiday},
		{Date: "2026-02-16", Kind: "Holiday"},
		{Date: "2026-02-16", Kind: "off"},
		{Date: "2026-02-16", Kind: ""},
	}
	for _, o := range bad {
		if c, err := Official().WithOverrides([]Override{{Date: "2026-03-02", Kind: Holiday}, o}); err == nil || c != nil {
			t.Errorf("%+v accepted", o)
		}
	}
	_, err := Official().WithOverrides([]Override{{Date: "2030-01-02", Kind: Holiday}})
	var nd *NoDataError
	if !errors.As(err, &nd) || nd.Year != 2030 {
		t.Errorf("override in 2030: err = %v, want NoDataError{2030}", err)
	}
	if k, _ := Official().Kind(day(t, "2026-03-02")); k != Workday {
		t.Errorf("a refused batch changed Official(): %q", k)
	}
}
