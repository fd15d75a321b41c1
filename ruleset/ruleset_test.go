package ruleset_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/ruleset"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
)

func openStore(t *testing.T, url string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}

func admin(t *testing.T, st *store.Store) people.User {
	t.Helper()
	u, err := st.CreateUser(context.Background(), people.NewUser{Username: "admin", Name: "Admin", Role: people.RoleAdmin, PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func fixture(name, env, expect string) rules.Fixture {
	return rules.Fixture{Name: name, Env: json.RawMessage(env), Expect: json.RawMessage(expect)}
}

// An activation in one process reaches another through NOTIFY: the second
// set's fallback poll is an hour, so only the announcement can explain a
// pick-up within two seconds.
func TestActivationReachesAnotherProcess(t *testing.T) {
	url := dbtest.New(t)
	st1, st2 := openStore(t, url), openStore(t, url)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	one, err := ruleset.Open(ctx, st1)
	if err != nil {
		t.Fatal(err)
	}
	two, err := ruleset.Open(ctx, st2)
	if err != nil {
		t.Fatal(err)
	}
	two.PollEvery = time.Hour
	go two.Run(ctx)
	time.Sleep(200 * time.Millisecond) // let the second set LISTEN

	d, err := two.CapacityLimit(rules.CapacityEnv{})
	if err != nil || d.Value != 300 || d.Version != "1" {
		t.Fatalf("default capacity: %+v, %v", d, err)
	}
	a := admin(t, st1)
	v, err := one.CreateVersion(ctx, a, "capacity.limit", "2", "pilot team", []rules.Fixture{fixture("any rep", `{}`, `2`)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := one.Activate(ctx, a, "capacity.limit", v.Version); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for {
		d, err = two.CapacityLimit(rules.CapacityEnv{})
		if err == nil && d.Value == 2 && d.Version == "2" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the second process still answers %+v (%v) 2 s after the activation", d, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestBadVersionsAreRefusedSayingWhere(t *testing.T) {
	st := openStore(t, dbtest.New(t))
	ctx := context.Background()
	set, err := ruleset.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	a := admin(t, st)
	tests := []struct{ why, rule, expression, want string }{
		{"syntax", "capacity.limit", "300 +\n", "line"},
		{"wrong result type", "capacity.limit", `"300"`, "int"},
		{"unknown variable", "protection.until", "months_after(today, 24)", "today"},
		{"no clock builtin", "protection.until", "months_after(now(), 24)", "now"},
	}
	for _, tt := range tests {
		_, err := set.CreateVersion(ctx, a, tt.rule, tt.expression, tt.why, nil)
		var fe *fault.Error
		if !fault.Is(err, fault.Invalid) || !asFault(err, &fe) || len(fe.Fields) != 1 || fe.Fields[0].Field != "expression" ||
			!strings.Contains(fe.Fields[0].Reason, tt.want) {
			t.Errorf("%s: %v (fields %+v), want an Invalid naming the expression and %q", tt.why, err, fe, tt.want)
		}
	}
	_, err = set.CreateVersion(ctx, a, "capacity.limit", "250", "too low", []rules.Fixture{
		fixture("senior rep keeps 300", `{"rep":{"role":"rep"}}`, `300`)})
	if !fault.Is(err, fault.Invalid) || !strings.Contains(err.Error(), "senior rep keeps 300") {
		t.Errorf("a failing fixture: %v, want an Invalid naming the fixture", err)
	}
	if _, err := set.CreateVersion(ctx, a, "no.such.rule", "1", "", nil); !fault.Is(err, fault.NotFound) {
		t.Errorf("an unknown rule: %v", err)
	}
	_, vs, err := set.Versions(ctx, "capacity.limit")
	if err != nil || len(vs) != 1 {
		t.Fatalf("refused versions were stored: %d versions (%v)", len(vs), err)
	}
	if _, err := set.Activate(ctx, a, "capacity.limit", 1); !fault.Is(err, fault.Conflict) {
		t.Errorf("activating the active version: %v", err)
	}
	if _, err := set.Activate(ctx, a, "capacity.limit", 9); !fault.Is(err, fault.NotFound) {
		t.Errorf("activating a missing version: %v", err)
	}
}

func TestOneActiveVersionAndDefaultsInstalledOnce(t *testing.T) {
	url := dbtest.New(t)
	st := openStore(t, url)
	ctx := context.Background()
	for range 2 { // a second process starting installs nothing more
		if _, err := ruleset.Open(ctx, openStore(t, url)); err != nil {
			t.Fatal(err)
		}
	}
	set, err := ruleset.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	a := admin(t, st)
	for _, e := range []string{"10", "20"} {
		v, err := set.CreateVersion(ctx, a, "capacity.limit", e, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := set.Activate(ctx, a, "capacity.limit", v.Version); err != nil {
			t.Fatal(err)
		}
	}
	_, vs, err := set.Versions(ctx, "capacity.limit")
	if err != nil {
		t.Fatal(err)
	}
	states := map[string]int{}
	for _, v := range vs {
		states[v.State]++
	}
	if len(vs) != 3 || states[rules.Active] != 1 || states[rules.Retired] != 2 {
		t.Fatalf("versions %d with states %v, want 3: one active, two retired", len(vs), states)
	}
	if d, _ := set.CapacityLimit(rules.CapacityEnv{}); d.Value != 20 || d.Version != "3" {
		t.Errorf("capacity after two activations: %+v", d)
	}
}

func TestCalendarOverrideAppliesToDeadlines(t *testing.T) {
	st := openStore(t, dbtest.New(t))
	ctx := context.Background()
	set, err := ruleset.Open(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	a := admin(t, st)
	friday := time.Date(2026, 3, 6, 18, 0, 0, 0, china.Zone)
	before, err := set.Calendar().WorkdaysAfter(friday, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := set.SetCalendarDay(ctx, a, "2026-03-09", "holiday", "office move"); err != nil {
		t.Fatal(err)
	}
	after, err := set.Calendar().WorkdaysAfter(friday, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !before.Equal(time.Date(2026, 3, 10, 0, 0, 0, 0, china.Zone)) || !after.Equal(time.Date(2026, 3, 11, 0, 0, 0, 0, china.Zone)) {
		t.Errorf("deadline before the override %v, after %v", before, after)
	}
	if err := set.SetCalendarDay(ctx, a, "2031-01-02", "holiday", ""); !fault.Is(err, fault.Invalid) {
		t.Errorf("an override in a year without data: %v", err)
	}
}

func asFault(err error, target **fault.Error) bool {
	fe, ok := err.(*fault.Error)
	if ok {
		*target = fe
	}
	return ok
}

func TestWarnsSixtyDaysBeforeTheCalendarEnds(t *testing.T) {
	set, err := ruleset.Open(context.Background(), openStore(t, dbtest.New(t)))
	if err != nil {
		t.Fatal(err)
	}
	end := set.Calendar().DataEnds()
	if ws := set.Warnings(end.AddDate(0, 0, -61)); len(ws) != 0 {
		t.Errorf("61 days before the end: %v", ws)
	}
	if ws := set.Warnings(end.AddDate(0, 0, -59)); len(ws) != 1 || !strings.Contains(ws[0], end.Format("2006-01-02")) {
		t.Errorf("59 days before the end: %v", ws)
	}
}
