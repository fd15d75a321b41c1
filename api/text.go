package api

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/fault"
)

// PostgreSQL cannot keep a NUL byte in text (nor the escape \u0000 in
// jsonb), and a parameter that is not UTF-8 cannot be compared with text:
// both are refused at the boundary, naming the field, before anything is
// read or written.

// textFields names every text in v (a decoded request body) that holds a
// NUL byte, by its JSON path: contacts[0].name.
func textFields(v any) []fault.FieldError {
	var out []fault.FieldError
	walkText(reflect.ValueOf(v), "", &out)
	return out
}

var rawMessage = reflect.TypeFor[json.RawMessage]()

func walkText(v reflect.Value, path string, out *[]fault.FieldError) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkText(v.Elem(), path, out)
		}
	case reflect.String:
		if strings.ContainsRune(v.String(), 0) {
			*out = append(*out, fault.FieldError{Field: path, Reason: "must not contain a NUL character"})
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if f.Anonymous && f.Tag.Get("json") == "" {
				walkText(v.Field(i), path, out)
				continue
			}
			walkText(v.Field(i), join(path, name), out)
		}
	case reflect.Slice, reflect.Array:
		if v.Type() == rawMessage {
			if bytes.Contains(v.Bytes(), []byte(`\u0000`)) {
				*out = append(*out, fault.FieldError{Field: path, Reason: "must not contain a NUL character"})
			}
			return
		}
		for i := range v.Len() {
			walkText(v.Index(i), path+"["+strconv.Itoa(i)+"]", out)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			walkText(v.MapIndex(k), join(path, k.String()), out)
		}
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// checkParams refuses a request whose path or query parameters hold a NUL
// byte or bytes that are not UTF-8, naming them.
func checkParams(c *gin.Context) {
	var bad []fault.FieldError
	check := func(name, value string) {
		if strings.ContainsRune(value, 0) || !utf8.ValidString(value) {
			bad = append(bad, fault.FieldError{Field: name, Reason: "must be UTF-8 text without NUL characters"})
		}
	}
	for _, p := range c.Params {
		check(p.Key, p.Value)
	}
	for name, values := range c.Request.URL.Query() {
		for _, v := range values {
			check(name, v)
		}
	}
	if bad != nil {
		e := fault.New(fault.Malformed, "a parameter is not UTF-8 text, or holds a NUL character")
		e.Fields = bad
		fail(c, e)
		return
	}
	c.Next()
}
