package e2e

// Shrinking: before a failure is reported, its request is made smaller
// (one query parameter or body key left out, an array cut to its first
// element, a long string halved) for as long as the smaller request still
// fails the same way, so the report shows what matters.

import (
	"bytes"
	"encoding/json"
	"maps"
	"net/url"
	"slices"
	"unicode/utf8"
)

// shrinkBudget bounds the requests spent making one failure smaller.
const shrinkBudget = 40

func (f *fuzzer) shrink(fi *finding) {
	budget := min(shrinkBudget, f.shrinks)
	if fi.kind == "no answer" {
		return
	}
	defer func() { f.shrinks -= min(shrinkBudget, f.shrinks) - budget }()
	for budget > 0 {
		improved := false
		for _, c := range candidates(fi.rq) {
			if budget == 0 {
				break
			}
			budget--
			a := f.send(c)
			if i := slices.IndexFunc(judge(f.doc, c, a), func(v verdict) bool { return v.key == fi.key }); i >= 0 {
				fi.rq, fi.answer, fi.verdict = c, a, judge(f.doc, c, a)[i]
				improved = true
				break
			}
		}
		if !improved {
			return
		}
	}
}

// candidates are the requests one step smaller than rq.
func candidates(rq *request) []*request {
	var out []*request
	for _, k := range slices.Sorted(maps.Keys(rq.query)) {
		c := *rq
		c.query = url.Values{}
		maps.Copy(c.query, rq.query)
		c.query.Del(k)
		out = append(out, &c)
	}
	if _, raw := rq.body.([]byte); raw || rq.body == nil {
		return out
	}
	for n := 0; ; n++ {
		body, ok := simplified(rq.body, n)
		if !ok {
			return out
		}
		c := *rq
		c.body = body
		out = append(out, &c)
	}
}

// simplified is a copy of body with its n-th simplification applied;
// false when it has fewer.
func simplified(body any, n int) (any, bool) {
	k := 0
	var walk func(v any) any
	walk = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for _, key := range slices.Sorted(maps.Keys(x)) {
				if k++; k-1 == n {
					delete(x, key)
					continue
				}
				x[key] = walk(x[key])
			}
		case []any:
			if len(x) > 1 {
				if k++; k-1 == n {
					return x[:1]
				}
			}
			for i := range x {
				x[i] = walk(x[i])
			}
		case string:
			if utf8.RuneCountInString(x) > 8 {
				if k++; k-1 == n {
					r := []rune(x)
					return string(r[:len(r)/2])
				}
			}
		}
		return v
	}
	out := walk(deepCopy(body))
	return out, n < k
}

// deepCopy copies a generated body, numbers kept as written.
func deepCopy(v any) any {
	b, _ := json.Marshal(v)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	_ = dec.Decode(&out)
	return out
}
