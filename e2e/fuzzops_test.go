package e2e

// The operations of the OpenAPI document and the requests TestFuzzAPI builds
// for them: path and query parameters and a JSON body generated from the
// operation's schemas, valid but for at most one part (fuzzodd_test.go).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// operation is one method on one path of the document.
type operation struct {
	method, path string
	item         *openapi3.PathItem
	op           *openapi3.Operation
	roles        []string // x-roles; none: public
	params       []*openapi3.Parameter
}

func (o *operation) String() string { return o.method + " " + o.path }

// operations lists the document's operations in a fixed order, so that a
// seed always gives the same requests.
func operations(doc *openapi3.T) []*operation {
	var out []*operation
	paths := doc.Paths.Keys()
	slices.Sort(paths)
	for _, path := range paths {
		item := doc.Paths.Value(path)
		ops := item.Operations()
		methods := make([]string, 0, len(ops))
		for m := range ops {
			methods = append(methods, m)
		}
		slices.Sort(methods)
		for _, m := range methods {
			o := &operation{method: m, path: path, item: item, op: ops[m]}
			if raw, ok := o.op.Extensions["x-roles"].([]any); ok {
				for _, r := range raw {
					o.roles = append(o.roles, fmt.Sprint(r))
				}
			}
			for _, p := range append(slices.Clone(item.Parameters), o.op.Parameters...) {
				o.params = append(o.params, p.Value)
			}
			out = append(out, o)
		}
	}
	return out
}

// request is one generated request.
type request struct {
	op    *operation
	who   *identity
	path  string // with its parameters
	query url.Values
	body  any    // nil: none; []byte: sent verbatim; otherwise sent as JSON
	tag   string // "valid", or what is invalid in it
	where string // where the invalid part is
}

func (rq *request) url() string {
	if len(rq.query) == 0 {
		return rq.path
	}
	return rq.path + "?" + rq.query.Encode()
}

func (rq *request) bodyBytes() []byte {
	switch b := rq.body.(type) {
	case nil:
		return nil
	case []byte:
		return b
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(rq.body)
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

var ruleNames = []string{"capacity.limit", "pick.allowed", "protection.until", "expiry.reminder_before",
	"entry.deadline", "name_correction.deadline", "application.auto_approve", "no.such.rule"}

// request builds a request for o; about one in three is invalid in one part.
func (g *gen) request(o *operation) *request {
	g.slots = nil
	rq := &request{op: o, tag: "valid", query: url.Values{}}
	vals := map[string]string{}
	var inPath, inQuery []*openapi3.Parameter
	for _, p := range o.params {
		switch p.In {
		case "path":
			inPath = append(inPath, p)
			vals[p.Name] = g.pathValue(p)
		case "query":
			inQuery = append(inQuery, p)
			if p.Required || g.chance(40) {
				rq.query.Set(p.Name, fmt.Sprint(g.value(p.Schema.Value, p.Name, "query."+p.Name, 0)))
			}
		}
	}
	var schema *openapi3.Schema
	if rb := o.op.RequestBody; rb != nil {
		if mt := rb.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
			schema = mt.Schema.Value
		}
		if rb.Value.Required || g.chance(80) {
			rq.body = g.value(schema, "", "body", 0)
		}
	}
	if g.chance(35) {
		g.mutate(rq, vals, inPath, inQuery, schema)
	}
	rq.path = o.path
	for k, v := range vals {
		rq.path = strings.ReplaceAll(rq.path, "{"+k+"}", url.PathEscape(v))
	}
	return rq
}

func (g *gen) pathValue(p *openapi3.Parameter) string {
	switch p.Name {
	case "name":
		return g.pick(ruleNames)
	case "year":
		if g.chance(70) {
			return "2026"
		}
	case "date":
		return g.str(&openapi3.Schema{Format: "date"}, "date")
	}
	return fmt.Sprint(g.value(p.Schema.Value, p.Name, "path."+p.Name, 0))
}
