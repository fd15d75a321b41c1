package rules

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/tide-crm/tide/china"
)

// Fixture is a case a rule version must pass before it may be activated:
// an environment and the expected answer, both as JSON. Expect is written as
// the answer's JSON: 300, true, "2026-02-25T00:00:00+08:00" (RFC 3339),
// "720h" (a Go duration), {"ok":false,"reason":"…"}. For an Allowed answer
// the reason is compared only when the fixture gives one.
type Fixture struct {
	Name   string          `json:"name"`
	Env    json.RawMessage `json:"env"`
	Expect json.RawMessage `json:"expect"`
}

// FixtureFailure is a fixture a program does not pass: what it answered
// and what was expected, in the fixtures' JSON form, or the error that
// prevented the comparison (an environment that does not fit the point's
// type, an unreadable expectation, an evaluation error).
type FixtureFailure struct {
	Name string          `json:"name"`
	Got  json.RawMessage `json:"got,omitempty"`
	Want json.RawMessage `json:"want,omitempty"`
	Err  string          `json:"error,omitempty"`
}

func (f FixtureFailure) String() string {
	if f.Err != "" {
		return fmt.Sprintf("%s: %s", f.Name, f.Err)
	}
	return fmt.Sprintf("%s: got %s, want %s", f.Name, f.Got, f.Want)
}

// Check runs every fixture and returns those that fail, in order; none
// means the program passes.
func (p *Program) Check(fixtures []Fixture) []FixtureFailure {
	var failures []FixtureFailure
	for _, f := range fixtures {
		if fail, ok := p.check(f); !ok {
			failures = append(failures, fail)
		}
	}
	return failures
}

func (p *Program) check(f Fixture) (FixtureFailure, bool) {
	fail := FixtureFailure{Name: f.Name}
	want, reasonGiven, err := decodeResult(p.point.Result, f.Expect)
	if err != nil {
		fail.Err = "expect: " + err.Error()
		return fail, false
	}
	fail.Want = encodeResult(want)
	env, err := decodeEnv(p.point, f.Env)
	if err != nil {
		fail.Err = err.Error()
		return fail, false
	}
	got, err := p.Eval(env)
	if err != nil {
		fail.Err = err.Error()
		return fail, false
	}
	fail.Got = encodeResult(got)
	return fail, sameResult(got, want, reasonGiven)
}

func sameResult(got, want any, reasonGiven bool) bool {
	switch w := want.(type) {
	case time.Time:
		g, ok := got.(time.Time)
		return ok && g.Equal(w)
	case Allowed:
		g, ok := got.(Allowed)
		return ok && g.OK == w.OK && (!reasonGiven || g.Reason == w.Reason)
	}
	return got == want
}

// decodeResult reads an expected answer of the given result type.
func decodeResult(result string, raw json.RawMessage) (v any, reasonGiven bool, err error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, false, errors.New("missing")
	}
	switch result {
	case ResultInt:
		var n int
		err = json.Unmarshal(raw, &n)
		return n, false, err
	case ResultBool:
		var b bool
		err = json.Unmarshal(raw, &b)
		return b, false, err
	case ResultTime, ResultDuration:
		var s string
		if err = json.Unmarshal(raw, &s); err != nil {
			return nil, false, err
		}
		if result == ResultTime {
			t, err := time.Parse(time.RFC3339, s)
			return t, false, err
		}
		d, err := time.ParseDuration(s)
		return d, false, err
	case ResultAllowed:
		var a struct {
			OK     *bool   `json:"ok"`
			Reason *string `json:"reason"`
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err = dec.Decode(&a); err != nil {
			return nil, false, err
		}
		if a.OK == nil {
			return nil, false, errors.New(`"ok" is required`)
		}
		out := Allowed{OK: *a.OK}
		if a.Reason != nil {
			out.Reason = *a.Reason
		}
		return out, a.Reason != nil, nil
	}
	return nil, false, fmt.Errorf("unknown result type %q", result)
}

// encodeResult writes an answer in the fixtures' JSON form.
func encodeResult(v any) json.RawMessage {
	switch x := v.(type) {
	case time.Time:
		v = x.In(china.Zone).Format(time.RFC3339Nano)
	case time.Duration:
		v = x.String()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return json.RawMessage(strconv.Quote(fmt.Sprint(v)))
	}
	return b
}
