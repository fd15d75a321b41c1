package rules

import (
	"strings"
	"testing"
)

// The reference of capacity.limit names every field an expression may use,
// nested ones by their path, with their types.
func TestReferenceOfCapacityLimit(t *testing.T) {
	p, ok := Lookup("capacity.limit")
	if !ok {
		t.Fatal("no capacity.limit")
	}
	var got []string
	for _, f := range Reference(p) {
		got = append(got, f.Path+" "+f.Type)
	}
	want := "rep.id int rep.role string rep.team string rep.joined_at time counts.private int counts.private_unsigned int"
	if strings.Join(got, " ") != want {
		t.Errorf("reference %q, want %q", strings.Join(got, " "), want)
	}
	for _, p := range Points() {
		if len(Reference(p)) == 0 {
			t.Errorf("%s: an empty reference", p.Name)
		}
	}
}
