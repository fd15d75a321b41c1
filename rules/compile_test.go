package rules

import (
	"errors"
	"strings"
	"testing"
)

func compileErr(t *testing.T, point, expression string) *CompileError {
	t.Helper()
	p, err := Compile(point, expression, newFakeCalendar())
	if err == nil {
		t.Fatalf("%s = %q compiled (%v)", point, expression, p.Expression())
	}
	var ce *CompileError
	if !errors.As(err, &ce) {
		t.Fatalf("%s = %q: %T %v, want *CompileError", point, expression, err, err)
	}
	return ce
}

func TestSyntaxErrorNamesLineAndColumn(t *testing.T) {
	ce := compileErr(t, "capacity.limit", "counts.private +")
	if ce.Line != 1 || ce.Column != 16 || !strings.Contains(ce.Error(), "line 1, column 16") {
		t.Errorf("got %+v (%s)", *ce, ce)
	}
	ce = compileErr(t, "capacity.limit", "300 +\n  * 2")
	if ce.Line != 2 || ce.Column != 3 || !strings.Contains(ce.Snippet, "^") {
		t.Errorf("got %+v", *ce)
	}
}

func TestWrongResultTypeIsRefused(t *testing.T) {
	for point, exprs := range map[string][]string{
		"capacity.limit":           {`"300"`, `true`, `2.5`, `duration("1h")`},
		"protection.until":         {`rep.id`, `"2028-01-01"`, `duration("1h")`},
		"expiry.reminder_before":   {`720`, `rep.joined_at`},
		"pick.allowed":             {`"yes"`, `1`},
		"application.auto_approve": {`"false"`, `0`},
	} {
		for _, e := range exprs {
			ce := compileErr(t, point, e)
			if !strings.Contains(ce.Msg, "must answer") {
				t.Errorf("%s = %s: %s", point, e, ce)
			}
		}
	}
}

func TestUnknownNamesAreRefused(t *testing.T) {
	ce := compileErr(t, "capacity.limit", `bogus + 1`)
	if !strings.Contains(ce.Msg, "unknown name bogus") {
		t.Errorf("got %s", ce)
	}
	ce = compileErr(t, "capacity.limit", `rep.salary`)
	if ce.Column != 5 || !strings.Contains(ce.Msg, "salary") {
		t.Errorf("got %+v", *ce)
	}
	// capacity.limit has no now, and deny is only for pick.allowed.
	compileErr(t, "capacity.limit", `now.Year()`)
	compileErr(t, "application.auto_approve", `deny("no")`)
	if _, err := Compile("capacity.limits", `300`, nil); err == nil || errors.As(err, new(*CompileError)) {
		t.Errorf("unknown point: %v", err)
	}
}

func TestNowIsNotABuiltin(t *testing.T) {
	compileErr(t, "capacity.limit", `now().Year()`)
	compileErr(t, "protection.until", `now()`)
	ce := compileErr(t, "protection.until", `months_after(now(), 1)`)
	if ce.Column != 14 || !strings.Contains(ce.Msg, "no now()") {
		t.Errorf("got %+v", *ce)
	}
	compileErr(t, "protection.until", `after(now, "1h").Add(now())`)
	compileErr(t, "protection.until", `months_after(rep(), 1)`)
}

func TestFunctionArgumentsAreTypeChecked(t *testing.T) {
	compileErr(t, "protection.until", `after(now, 36)`)
	compileErr(t, "protection.until", `months_after(now, "24")`)
	compileErr(t, "entry.deadline", `workdays_after(approved_at)`)
	compileErr(t, "pick.allowed", `deny(1)`)
}

func TestOverLargeExpressionHitsMaxNodes(t *testing.T) {
	ce := compileErr(t, "capacity.limit", strings.Repeat("1 + ", MaxNodes)+"1")
	if !strings.Contains(ce.Msg, "maximum allowed nodes") {
		t.Errorf("got %s", ce.Msg)
	}
	if _, err := Compile("capacity.limit", strings.Repeat("1 + ", MaxNodes/4)+"1", nil); err != nil {
		t.Errorf("a smaller sum: %v", err)
	}
}

func TestEmptyExpressionIsRefused(t *testing.T) {
	compileErr(t, "capacity.limit", ``)
}

// An unknown name is refused even as a function argument (expr.Timezone, a
// patcher, once let months_after(today, 24) through).
func TestUnknownNameInsideACallIsRefused(t *testing.T) {
	for _, e := range []string{"months_after(today, 24)", "after(now, unit)", "today"} {
		if _, err := Compile("protection.until", e, nil); err == nil {
			t.Errorf("%q compiled", e)
		}
	}
}
