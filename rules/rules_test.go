package rules

import (
	"testing"
	"time"

	"github.com/tide-crm/tide/china"
)

// The shipped protection.until, as version 1 from the cache, counts its 24
// months in China time.
func TestDefaultProtectionIs24MonthsInShanghai(t *testing.T) {
	p, err := NewCache(nil).Get("protection.until", 1, DefaultProtectionUntil)
	if err != nil {
		t.Fatal(err)
	}
	// 2026-02-28 20:00 UTC is already 2026-03-01 04:00 in china.Zone.
	now := time.Date(2026, 2, 28, 20, 0, 0, 0, time.UTC)
	d, err := Decide[time.Time](p, ProtectionEnv{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2028, 3, 1, 4, 0, 0, 0, china.Zone)
	if !d.Value.Equal(want) {
		t.Errorf("until = %v, want %v", d.Value, want)
	}
	if d.Rule != "protection.until" || d.Version != "1" {
		t.Errorf("decision names %s@%s", d.Rule, d.Version)
	}
}
