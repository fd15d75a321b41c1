package rules

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestFailingFixtureReportsGotAndWant(t *testing.T) {
	p := mustCompile(t, "capacity.limit", `counts.private > 100 ? 200 : 300`, nil)
	fails := p.Check([]Fixture{
		{Name: "small", Env: raw(`{"counts":{"private":10}}`), Expect: raw(`300`)},
		{Name: "large", Env: raw(`{"counts":{"private":150}}`), Expect: raw(`300`)},
	})
	if len(fails) != 1 || fails[0].Name != "large" || string(fails[0].Got) != "200" || string(fails[0].Want) != "300" || fails[0].Err != "" {
		t.Fatalf("got %+v", fails)
	}
	if s := fails[0].String(); s != "large: got 200, want 300" {
		t.Errorf("String() = %q", s)
	}
	b, _ := json.Marshal(fails[0])
	if string(b) != `{"name":"large","got":200,"want":300}` {
		t.Errorf("JSON %s", b)
	}

	p = mustCompile(t, "protection.until", `months_after(now, 12)`, nil)
	fails = p.Check(defaultFixtures["protection.until"])
	if len(fails) != 1 || string(fails[0].Got) != `"2027-03-01T04:00:00+08:00"` || string(fails[0].Want) != `"2028-03-01T04:00:00+08:00"` {
		t.Errorf("got %+v", fails)
	}
	p = mustCompile(t, "pick.allowed", `deny("no")`, nil)
	fails = p.Check([]Fixture{
		{Name: "reason differs", Env: raw(`{}`), Expect: raw(`{"ok":false,"reason":"yes"}`)},
		{Name: "any reason", Env: raw(`{}`), Expect: raw(`{"ok":false}`)},
	})
	if len(fails) != 1 || fails[0].Name != "reason differs" || string(fails[0].Got) != `{"ok":false,"reason":"no"}` {
		t.Errorf("got %+v", fails)
	}
}

func TestFixtureEnvMustFitTheEnvType(t *testing.T) {
	p := mustCompile(t, "capacity.limit", DefaultCapacityLimit, nil)
	for _, env := range []string{
		`{"rep":{"id":"seven"}}`,            // wrong type
		`{"repp":{}}`,                       // unknown field
		`{"rep":{"joined_at":"yesterday"}}`, // not RFC 3339
		`[]`, ``, `{} {}`,
	} {
		fails := p.Check([]Fixture{{Name: "bad", Env: raw(env), Expect: raw(`300`)}})
		if len(fails) != 1 || fails[0].Err == "" || fails[0].Got != nil {
			t.Errorf("env %s: %+v", env, fails)
		}
	}
}

func TestFixtureExpectMustFitTheResultType(t *testing.T) {
	for point, expects := range map[string][]string{
		"capacity.limit":         {`"300"`, `300.5`, `true`, ``},
		"protection.until":       {`"2028-03-01"`, `1`},
		"expiry.reminder_before": {`"30 days"`, `720`},
		"pick.allowed":           {`true`, `{"reason":"x"}`, `{"ok":true,"why":"x"}`},
	} {
		pt, _ := Lookup(point)
		p := mustCompile(t, point, pt.Default, newFakeCalendar())
		for _, e := range expects {
			fails := p.Check([]Fixture{{Name: "bad", Env: raw(`{}`), Expect: raw(e)}})
			if len(fails) != 1 || !strings.HasPrefix(fails[0].Err, "expect: ") {
				t.Errorf("%s expect %s: %+v", point, e, fails)
			}
		}
	}
}

func TestEvaluationErrorIsAFailure(t *testing.T) {
	p := mustCompile(t, "protection.until", `after(now, "soon")`, nil)
	fails := p.Check([]Fixture{{Name: "x", Env: raw(`{}`), Expect: raw(`"2028-03-01T04:00:00+08:00"`)}})
	if len(fails) != 1 || !strings.Contains(fails[0].Err, "soon") {
		t.Errorf("got %+v", fails)
	}
}

func TestDecodeEnv(t *testing.T) {
	env, err := DecodeEnv("pick.allowed", raw(`{"rep":{"id":7},"picks_today":3,"now":"2026-03-30T09:00:00+08:00"}`))
	if err != nil {
		t.Fatal(err)
	}
	pe, ok := env.(PickEnv)
	if !ok || pe.Rep.ID != 7 || pe.PicksToday != 3 || !pe.Now.Equal(now) {
		t.Errorf("got %#v", env)
	}
	if _, err := DecodeEnv("pick.allowed", raw(`{"picks":3}`)); err == nil {
		t.Error("unknown field accepted")
	}
	if _, err := DecodeEnv("nope", raw(`{}`)); err == nil {
		t.Error("unknown point accepted")
	}
}
