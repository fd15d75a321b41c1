package api

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tide-crm/tide/fault"
)

// A body that is JSON but not of the request's shape is explained the way
// a person reads it: the exact path of the first value that does not fit
// (contacts[0].mobile) and what is expected there, in JSON's words ("an
// object with the fields type, value"), never Go's type names.

// shapeError walks the JSON body raw against the request type t and reports
// the first value that does not fit: a value of the wrong kind, or a field t
// does not have. ok is false when raw fits (or is not JSON at all).
func shapeError(raw []byte, t reflect.Type) (path string, reason fault.Text, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return "", fault.Text{}, false
	}
	return walkShape(v, t, "")
}

var (
	rawJSONType = reflect.TypeFor[json.RawMessage]()
	timeValue   = reflect.TypeFor[time.Time]()
)

func walkShape(v any, t reflect.Type, path string) (string, fault.Text, bool) {
	none := fault.Text{}
	for t.Kind() == reflect.Pointer {
		if v == nil {
			return "", none, false
		}
		t = t.Elem()
	}
	if t == rawJSONType || t.Kind() == reflect.Interface || v == nil {
		return "", none, false
	}
	bad := func() (string, fault.Text, bool) { return at(path), fault.T("must be %s", describe(t)), true }
	switch {
	case t == timeValue:
		s, isText := v.(string)
		if _, err := time.Parse(time.RFC3339, s); !isText || err != nil {
			return bad()
		}
	case t.Kind() == reflect.Struct:
		obj, isObj := v.(map[string]any)
		if !isObj {
			return bad()
		}
		fields := jsonFields(t)
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			f, known := fields[k]
			if !known {
				return join(path, k), fault.T("is not a field here; the fields are %s", strings.Join(sortedNames(fields), ", ")), true
			}
			if p, r, found := walkShape(obj[k], f, join(path, k)); found {
				return p, r, true
			}
		}
	case t.Kind() == reflect.Slice:
		arr, isArr := v.([]any)
		if !isArr {
			return bad()
		}
		for i, e := range arr {
			if p, r, found := walkShape(e, t.Elem(), path+"["+strconv.Itoa(i)+"]"); found {
				return p, r, true
			}
		}
	case t.Kind() == reflect.Map:
		obj, isObj := v.(map[string]any)
		if !isObj {
			return bad()
		}
		for k, e := range obj {
			if p, r, found := walkShape(e, t.Elem(), join(path, k)); found {
				return p, r, true
			}
		}
	case t.Kind() == reflect.String:
		if _, isText := v.(string); !isText {
			return bad()
		}
	case t.Kind() == reflect.Bool:
		if _, isBool := v.(bool); !isBool {
			return bad()
		}
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		n, isNum := v.(json.Number)
		if !isNum {
			return bad()
		}
		if _, err := strconv.ParseInt(n.String(), 10, 64); err != nil {
			if strings.ContainsAny(n.String(), ".eE") {
				return bad()
			}
			return at(path), fault.T("must be an integer from -9223372036854775808 to 9223372036854775807"), true
		}
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		if _, isNum := v.(json.Number); !isNum {
			return bad()
		}
	}
	return "", none, false
}

// describe names what a value of type t looks like in JSON.
func describe(t reflect.Type) fault.Text {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == timeValue:
		return fault.T("a date-time text such as 2026-12-02T10:00:00+08:00")
	case t.Kind() == reflect.Struct:
		return fault.T("an object with the fields %s", strings.Join(sortedNames(jsonFields(t)), ", "))
	case t.Kind() == reflect.Slice:
		return fault.T("an array, each element %s", describe(t.Elem()))
	case t.Kind() == reflect.Map:
		return fault.T("an object")
	case t.Kind() == reflect.String:
		return fault.T("a text")
	case t.Kind() == reflect.Bool:
		return fault.T("true or false")
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		return fault.T("an integer")
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return fault.T("a number")
	}
	return fault.T("a JSON value")
}

// jsonFields maps a struct's JSON field names to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			for k, v := range jsonFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

func sortedNames(m map[string]reflect.Type) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// at names a path for a person: the body itself has no path.
func at(path string) string {
	if path == "" {
		return "(body)"
	}
	return path
}
