package rules

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tide-crm/tide/china"
)

// The audit's rule bombs, each refused before it runs: the source is bounded
// before the parser recurses, and nothing that loops or doubles text
// compiles.
func TestRuleBombsAreRefusedAtCompile(t *testing.T) {
	deep := strings.Repeat("(", 520_000) + "1" + strings.Repeat(")", 520_000) // 1 MB: overflowed the parser's stack
	doubling := `let a0 = rep.team + "x";`
	for i := range 24 {
		doubling += fmt.Sprintf(" let a%d = a%d + a%d;", i+1, i, i)
	}
	doubling += " len(a24)"
	tests := []struct{ why, point, expression, want string }{
		{"a megabyte of brackets", "capacity.limit", deep, "bytes long"},
		{"brackets nested 33 deep", "capacity.limit", strings.Repeat("(", 33) + "1" + strings.Repeat(")", 33), "deeper than 32"},
		{"nested reduce over a range (13.6 s before)", "capacity.limit",
			"let r = 1..400; reduce(r, reduce(r, reduce(r, #acc + 1, 0), 0), 0)", "closures"},
		{"a closure of any kind", "pick.allowed", "all(1..3, # > 0)", "closures"},
		{"repeat builds text", "capacity.limit", `len(repeat("x", 1000000))`, "repeat is not available"},
		{"join builds text", "capacity.limit", `len(join(["a", "b"], rep.team))`, "join is not available"},
		{"24 doublings of a text (128 MB before)", "capacity.limit", doubling, "double"},
		{"string() of a collection doubles too", "capacity.limit", `let a = rep.team; let b = string([a, a]); len(string([b, b]))`, "collection"},
		{"+ on values of unknown type", "capacity.limit", `let m = {"a": rep.team}; len(m.a + m.a)`, "known"},
	}
	for _, tt := range tests {
		start := time.Now()
		ce := compileErr(t, tt.point, tt.expression)
		if !strings.Contains(ce.Msg, tt.want) {
			t.Errorf("%s: %q, want it to say %q", tt.why, ce.Msg, tt.want)
		}
		if tt.why == "nested reduce over a range (13.6 s before)" && (ce.Line != 1 || ce.Column < 16) {
			t.Errorf("%s: points at %d:%d, want the reduce", tt.why, ce.Line, ce.Column)
		}
		t.Logf("%s: refused in %v", tt.why, time.Since(start))
	}
}

// What a rule needs still compiles: brackets in texts do not count as
// nesting, 32 levels are allowed, text + a written text, arithmetic on
// times and durations, ranges for membership.
func TestBoundedExpressionsCompile(t *testing.T) {
	for _, e := range []string{
		strings.Repeat("(", 32) + "300" + strings.Repeat(")", 32),
		`rep.team == "((((((((((((((((((((((((((((((((((((((((" ? 1 : 2`,
		`len(rep.team + "-" + rep.role) > 3 ? 300 : 200`,
		`counts.private in 1..10 ? 5 : max(100, counts.private + 1)`,
		`int(string(counts.private) + "0")`,
	} {
		if _, err := Compile("capacity.limit", e, nil); err != nil {
			t.Errorf("%q: %v", e, err)
		}
	}
	if _, err := Compile("protection.until", `now + duration("48h") + duration("1h")`, nil); err != nil {
		t.Errorf("time arithmetic: %v", err)
	}
	if _, err := Compile("pick.allowed", `picks_today >= 3 ? deny("at most " + string(3) + " a day") : true`, nil); err != nil {
		t.Errorf("a reason built with a written text: %v", err)
	}
}

// An answer that cannot be honoured is an evaluation error, and the sample
// decision finds it without fixtures.
func TestAnswersOutsideTheirRangeAreErrors(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, china.Zone)
	tests := []struct{ point, expression, want string }{
		{"protection.until", "months_after(now, 2000000000)", "must lie between"},
		{"protection.until", "months_after(now, -1)", "must lie between"},
		{"entry.deadline", "after(approved_at, \"-1h\")", "must lie between"},
		{"capacity.limit", "-1", "between 0 and"},
		{"capacity.limit", "1000001", "between 0 and"},
		{"expiry.reminder_before", `duration("100000h")`, "between 0 and 10 years"},
	}
	for _, tt := range tests {
		p, err := Compile(tt.point, tt.expression, newFakeCalendar())
		if err != nil {
			t.Fatalf("%s: %v", tt.expression, err)
		}
		err = p.CheckSample(now)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s = %s on the sample: %v, want %q", tt.point, tt.expression, err, tt.want)
		}
	}
	for _, pt := range Points() {
		p, err := Compile(pt.Name, pt.Default, newFakeCalendar())
		if err != nil {
			t.Fatal(err)
		}
		if err := p.CheckSample(time.Date(2026, 3, 4, 10, 0, 0, 0, china.Zone)); err != nil {
			t.Errorf("the default of %s fails its sample: %v", pt.Name, err)
		}
	}
}
