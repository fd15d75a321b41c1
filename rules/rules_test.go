package rules

import (
	"testing"
	"time"
)

func TestProtectionUntilIs24MonthsInShanghai(t *testing.T) {
	// 2026-02-28 20:00 UTC is already 2026-03-01 04:00 in Shanghai.
	now := time.Date(2026, 2, 28, 20, 0, 0, 0, time.UTC)
	d := ProtectionUntil(now)
	want := time.Date(2028, 3, 1, 4, 0, 0, 0, Shanghai)
	if !d.Value.Equal(want) {
		t.Errorf("until = %v, want %v", d.Value, want)
	}
	if d.Rule != "protection.until" || d.Version != Builtin {
		t.Errorf("decision names %s@%s", d.Rule, d.Version)
	}
}
