package ruleset_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/ruleset"
	"github.com/tide-crm/tide/store/dbtest"
)

// A version that cannot be honoured is refused when it is created, even
// without fixtures; one that got active anyway (stored before tide checked)
// refuses each decision with RuleFailed naming the rule and version, never
// an outage.
func TestRulesThatCannotDecideAreRefused(t *testing.T) {
	st := openStore(t, dbtest.New(t))
	ctx := context.Background()
	set, err := ruleset.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	a := admin(t, st)
	for _, tt := range []struct{ rule, expression, want string }{
		{"protection.until", "months_after(now, 2000000000)", "must lie between"},
		{"capacity.limit", "let r = 1..400; reduce(r, reduce(r, reduce(r, #acc + 1, 0), 0), 0)", "closures"},
	} {
		_, err := set.CreateVersion(ctx, a, tt.rule, tt.expression, "", nil)
		var fe *fault.Error
		if !fault.Is(err, fault.Invalid) || !asFault(err, &fe) || fe.Fields[0].Field != "expression" || !strings.Contains(fe.Fields[0].Reason, tt.want) {
			t.Errorf("%s = %s: %v, want an Invalid expression saying %q", tt.rule, tt.expression, err, tt.want)
		}
	}

	// Stored and activated behind the service's back, as an older tide could.
	v, err := st.CreateRuleVersion(ctx, "protection.until", "months_after(now, 2000000000)", "old", []byte(`[]`), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ActivateRuleVersion(ctx, "protection.until", v.Version, a.ID, func(rules.Version) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if err := set.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	_, err = set.ProtectionUntil(rules.ProtectionEnv{Now: time.Now()})
	var fe *fault.Error
	if !fault.Is(err, fault.RuleFailed) || !asFault(err, &fe) || fe.Extra["rule"] != "protection.until" ||
		fe.Extra["rule_version"] != "2" || !strings.Contains(fe.Detail, "must lie between") {
		t.Fatalf("deciding with an unhonourable version: %v (%+v), want RuleFailed naming protection.until version 2", err, fe)
	}
}
