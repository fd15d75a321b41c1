package e2e

// The invalid part of an invalid request of TestFuzzAPI: one path or query
// parameter, one place in the body or the body as a whole, replaced by what
// no client should send (wrong types, numbers out of every range, NUL bytes,
// very long, blank or exotic strings, bodies that are not JSON or too big).
// Exactly one part is invalid, and the request's tag names it, so that a
// failure says what provoked it.

import (
	"encoding/json"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// mutate makes one part of rq invalid: a path or query parameter, a place
// in the body, or the body as a whole.
func (g *gen) mutate(rq *request, vals map[string]string, inPath, inQuery []*openapi3.Parameter, schema *openapi3.Schema) {
	var ways []func()
	odd := func(p *openapi3.Parameter, set func(string)) func() {
		return func() {
			var v string
			switch g.r.Intn(4) {
			case 0, 1:
				v, rq.tag = g.oddString(2000)
			case 2:
				var n json.Number
				n, rq.tag = g.oddInt()
				v = string(n)
			default:
				v, rq.tag = "bogus", "wrong value"
			}
			rq.tag, rq.where = p.In+": "+rq.tag, p.In+" "+p.Name
			set(v)
		}
	}
	if len(inPath) > 0 {
		p := inPath[g.r.Intn(len(inPath))]
		ways = append(ways, odd(p, func(v string) {
			if v == "" { // an empty segment makes another path, not a value of this one
				v, rq.tag = "%", "path: lone percent sign"
			}
			vals[p.Name] = v
		}))
	}
	if len(inQuery) > 0 {
		p := inQuery[g.r.Intn(len(inQuery))]
		ways = append(ways, odd(p, func(v string) { rq.query.Set(p.Name, v) }))
	}
	if len(g.slots) > 0 {
		ways = append(ways, func() { g.mutateSlot(rq, g.slots[g.r.Intn(len(g.slots))]) })
	}
	if schema != nil {
		ways = append(ways, func() { g.mutateBody(rq) })
	}
	if len(ways) > 0 {
		ways[g.r.Intn(len(ways))]()
	}
}

func (g *gen) mutateSlot(rq *request, s slot) {
	rq.where = s.where
	switch {
	case s.required && s.obj != nil && g.chance(30):
		delete(s.obj, s.key)
		rq.tag = "missing required field"
	case s.schema.Type.Is("string") && g.chance(70):
		var v string
		v, rq.tag = g.oddString(100000)
		s.set(v)
	case s.schema.Type.Is("integer") && g.chance(70):
		var v json.Number
		v, rq.tag = g.oddInt()
		s.set(v)
	case s.obj != nil && g.chance(20):
		s.obj["unknown_field"] = 1
		rq.tag = "unknown field"
	default:
		s.set(g.wrongType(s.schema))
		rq.tag = "wrong type"
	}
	rq.tag = "body: " + rq.tag
}

// mutateBody replaces the body as a whole with one that cannot be read.
func (g *gen) mutateBody(rq *request) {
	bodies := []struct{ body, tag string }{
		{"", "empty body"}, {"null", "null body"}, {"[]", "array body"}, {`"x"`, "string body"},
		{"{", "truncated JSON"}, {`{"a":1} {}`, "trailing data"}, {"{\"name\":\"\xff\xfe\"}", "invalid UTF-8"},
		{`{"name":` + strings.Repeat("[", 10000) + `}`, "deep nesting"},
		{`{"reason":"` + strings.Repeat("x", 1<<20+10) + `"}`, "body over 1 MiB"},
	}
	b := bodies[g.r.Intn(len(bodies))]
	rq.body, rq.tag, rq.where = []byte(b.body), "body: "+b.tag, "body"
}

// oddString is a string no form should let through, and its tag.
func (g *gen) oddString(long int) (string, string) {
	switch g.r.Intn(7) {
	case 0:
		return "", "empty string"
	case 1:
		return " \t ", "blank string"
	case 2:
		return "a\x00b", "NUL byte"
	case 3:
		return "𝔘😀\u202e\u200b漢字\uFEFFé", "unicode string"
	case 4:
		return strings.Repeat("长", long), "very long string"
	case 5:
		return "'; DROP TABLE users; --%_\\", "SQL and LIKE metacharacters"
	}
	return "\x1b[31m\r\n", "control characters"
}

// oddInt is a number out of every range, and its tag.
func (g *gen) oddInt() (json.Number, string) {
	return json.Number(g.pick([]string{"0", "-1", "2147483648", "9223372036854775807", "9223372036854775808",
		"-9223372036854775809", "99999999999999999999999", "1e3", "1.5"})), "out-of-range number"
}

// wrongType is a value of another JSON type than s.
func (g *gen) wrongType(s *openapi3.Schema) any {
	alts := []any{"text", 42, true, []any{1}, map[string]any{"x": 1}, nil}
	for {
		v := alts[g.r.Intn(len(alts))]
		switch v.(type) {
		case string:
			if s.Type.Is("string") {
				continue
			}
		case int:
			if s.Type.Is("integer") || s.Type.Is("number") {
				continue
			}
		case bool:
			if s.Type.Is("boolean") {
				continue
			}
		case nil:
			if s.Nullable {
				continue
			}
		}
		return v
	}
}
