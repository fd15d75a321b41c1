package e2e

// Valid values for TestFuzzAPI, generated from the schemas of the OpenAPI
// document: what a client would send (enums, formats, names and numbers a rep
// types, ids that exist). The invalid ones are in fuzzodd_test.go. No kept Go
// library generates requests from openapi3 schemas, hence this one.

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// gen generates values; one seed gives one sequence of requests.
type gen struct {
	r     *rand.Rand
	slots []slot // the places of the body being generated, for a mutation
}

// slot is one place in a generated body: a key of an object or an element
// of an array, with the schema of what it holds.
type slot struct {
	obj      map[string]any
	arr      []any
	key      string
	idx      int
	schema   *openapi3.Schema
	where    string // body.contacts[].name
	required bool
}

func (s slot) set(v any) {
	if s.obj != nil {
		s.obj[s.key] = v
	} else {
		s.arr[s.idx] = v
	}
}

func (g *gen) pick(xs []string) string { return xs[g.r.Intn(len(xs))] }
func (g *gen) chance(pct int) bool     { return g.r.Intn(100) < pct }

// merged folds allOf into one object schema (properties and required).
func merged(s *openapi3.Schema) *openapi3.Schema {
	if len(s.AllOf) == 0 {
		return s
	}
	out := &openapi3.Schema{Type: &openapi3.Types{"object"}, Properties: openapi3.Schemas{}}
	for _, part := range append([]*openapi3.SchemaRef{{Value: s}}, s.AllOf...) {
		p := merged(part.Value)
		for k, v := range p.Properties {
			out.Properties[k] = v
		}
		out.Required = append(out.Required, p.Required...)
	}
	return out
}

// value is a valid value of s for a property called name.
func (g *gen) value(s *openapi3.Schema, name, where string, depth int) any {
	if s == nil || depth > 5 {
		return g.anyValue()
	}
	s = merged(s)
	if s.Nullable && g.chance(5) {
		return nil
	}
	if len(s.Enum) > 0 {
		return s.Enum[g.r.Intn(len(s.Enum))]
	}
	switch {
	case s.Type.Is("object") || len(s.Properties) > 0:
		return g.object(s, where, depth)
	case s.Type.Is("array"):
		n := g.r.Intn(3) + int(s.MinItems)
		arr := make([]any, n)
		for i := range arr {
			arr[i] = g.value(s.Items.Value, name, where+"[]", depth+1)
			g.slots = append(g.slots, slot{arr: arr, idx: i, schema: s.Items.Value, where: where + "[]"})
		}
		return arr
	case s.Type.Is("string"):
		return g.str(s, name)
	case s.Type.Is("integer"):
		return g.integer(s, name)
	case s.Type.Is("number"):
		return float64(g.r.Intn(1000)) / 10
	case s.Type.Is("boolean"):
		return g.chance(50)
	}
	return g.anyValue()
}

// object fills every required property and about half of the others;
// read-only properties are the server's, never sent.
func (g *gen) object(s *openapi3.Schema, where string, depth int) map[string]any {
	obj := map[string]any{}
	keys := make([]string, 0, len(s.Properties))
	for k := range s.Properties {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		p := s.Properties[k].Value
		req := slices.Contains(s.Required, k)
		if p.ReadOnly || (!req && g.chance(50)) {
			continue
		}
		obj[k] = g.value(p, k, where+"."+k, depth+1)
		g.slots = append(g.slots, slot{obj: obj, key: k, schema: p, where: where + "." + k, required: req})
	}
	if len(s.Properties) == 0 && g.chance(50) { // a free-form object: env of a fixture, …
		obj["rep"] = map[string]any{"id": g.r.Intn(8), "region": "苏州"}
	}
	return obj
}

func (g *gen) anyValue() any {
	switch g.r.Intn(4) {
	case 0:
		return g.r.Intn(400)
	case 1:
		return g.chance(50)
	case 2:
		return g.pick([]string{"2026-02-25T00:00:00+08:00", "720h", "x"})
	}
	return map[string]any{"ok": false, "reason": "busy"}
}

var companies = []string{"日东", "恒远", "华龙", "新宇", "金鼎", "远航", "黄山", "Sun Tech", "龙华"}
var industries = []string{"精密电子有限公司", "五金有限公司", "包装制品厂", "鞋业有限公司", "贸易公司", " Co., Ltd."}

// str is a string a client would send for a property called name.
func (g *gen) str(s *openapi3.Schema, name string) string {
	switch s.Format {
	case "date-time":
		return time.Now().Add(time.Duration(g.r.Intn(96)-72) * time.Hour).Format(time.RFC3339)
	case "date":
		return fmt.Sprintf("2026-%02d-%02d", g.r.Intn(12)+1, g.r.Intn(28)+1)
	}
	switch name {
	case "name", "company":
		if g.chance(70) {
			return g.pick([]string{"苏州", "上海", ""}) + g.pick(companies) + g.pick(companies) + g.pick(industries)
		}
		return g.pick([]string{"王经理", "李", "赵", "Mr. Smith"})
	case "region":
		return g.pick([]string{"苏州", "上海", "昆山", "北京", "吴中区"})
	case "value", "mobile", "landline", "fax", "number":
		return g.phone()
	case "email":
		return g.pick([]string{"wang@example.cn", "sales@rido.com.cn"})
	case "username":
		return g.pick(demoUsers)
	case "password":
		return g.pick([]string{"tide-demo", "tide-demo", "tide-demo", "wrong-password"})
	case "expression":
		return g.pick([]string{"300", "2", "true", "false", "months_after(now, 24)", `duration("720h")`, `deny("busy")`, "1 +", "rep.id"})
	case "q":
		return g.pick([]string{"日东", "精密", "8000", "0512-65881234", "苏"})
	case "cursor":
		return g.pick([]string{"MTA", "MQ", "!!"})
	}
	return g.pick([]string{"客户在外地", "no budget this year", "回访", "ok", "下周再联系"})
}

// phone is a number typed as a rep types it; most are new, some are taken.
func (g *gen) phone() string {
	switch g.r.Intn(5) {
	case 0:
		return g.pick([]string{"0512-65881234", "138 0013 8000", "+86 21 6123 4567", "400-820-8820", "0512-65881234-8001", "12"})
	case 1:
		return fmt.Sprintf("0512-6%07d", g.r.Intn(1e7))
	}
	return fmt.Sprintf("13%d %04d %04d", g.r.Intn(10), g.r.Intn(1e4), g.r.Intn(1e4))
}

// integer is a valid integer: an id that exists (small ids 1..10, seeded),
// or a value within the schema's bounds.
func (g *gen) integer(s *openapi3.Schema, name string) any {
	switch {
	case name == "id" || strings.HasSuffix(name, "_id") || name == "cid" || name == "nid":
		if g.chance(85) {
			return g.r.Intn(10) + 1
		}
		return g.r.Intn(1e6) + 1
	case name == "version":
		return g.r.Intn(3) + 1
	case name == "year":
		return 2024 + g.r.Intn(4)
	}
	lo, hi := -5, 800
	if s.Min != nil {
		lo = int(*s.Min)
	}
	if s.Max != nil {
		hi = int(*s.Max)
	}
	return lo + g.r.Intn(hi-lo+1)
}
