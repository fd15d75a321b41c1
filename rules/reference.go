package rules

import (
	"reflect"
	"time"
)

// EnvField is one name an expression of a point may use, with its type as
// an admin reads it: rep.id int, now time, resource.region string.
type EnvField struct {
	Path, Type string
}

// Reference lists the names an expression of p may use, in the order of
// the environment's fields, nested structs spelled out (rep.id, rep.role).
func Reference(p Point) []EnvField {
	var out []EnvField
	walkEnv(reflect.TypeOf(p.Env), "", &out)
	return out
}

func walkEnv(t reflect.Type, prefix string, out *[]EnvField) {
	if t == nil || t.Kind() != reflect.Struct {
		return
	}
	for i := range t.NumField() {
		f := t.Field(i)
		name := f.Tag.Get("expr")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		path := prefix + name
		switch {
		case f.Type == reflect.TypeFor[time.Time]():
			*out = append(*out, EnvField{path, "time"})
		case f.Type == reflect.TypeFor[time.Duration]():
			*out = append(*out, EnvField{path, "duration"})
		case f.Type.Kind() == reflect.Struct:
			walkEnv(f.Type, path+".", out)
		case f.Type.Kind() == reflect.Slice:
			*out = append(*out, EnvField{path, "list of " + f.Type.Elem().Kind().String()})
		default:
			*out = append(*out, EnvField{path, f.Type.Kind().String()})
		}
	}
}
