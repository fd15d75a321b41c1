package api_test

import (
	"testing"
)

// NUL characters, which PostgreSQL cannot keep in text, and numbers out of
// the database's range answered 500 before; they are refused at the
// boundary, naming the field, and nothing is written.
func TestNULAndOutOfRangeInputAreRefusedNamingTheField(t *testing.T) {
	f := newFixture(t)
	entry := func(name, contact, title string) map[string]any {
		return map[string]any{"kind": "enterprise", "name": name, "region": "苏州",
			"contacts": []map[string]string{{"name": contact, "title": title, "mobile": "13800138000"}}}
	}
	for _, tt := range []struct {
		body  map[string]any
		field string
	}{
		{entry("苏州\x00日东", "王", ""), "name"},
		{entry("苏州日东", "王\x00", ""), "contacts[0].name"},
		{entry("苏州日东", "王", "经\x00理"), "contacts[0].title"},
	} {
		p := f.as("rep").Problem("POST", "/api/v1/resources", tt.body, 422)
		if len(p.Errors) != 1 || p.Errors[0].Field != tt.field {
			t.Errorf("NUL in %s: errors %+v", tt.field, p.Errors)
		}
	}
	p := f.anon().Problem("POST", "/api/v1/auth/login", map[string]string{"username": "rep\x001", "password": "password1"}, 422)
	if len(p.Errors) != 1 || p.Errors[0].Field != "username" {
		t.Errorf("NUL in the username: %+v", p.Errors)
	}
	for _, tt := range []struct{ path, field string }{
		{"/api/v1/resources?q=%00", "q"},
		{"/api/v1/resources?q=%ff%fe", "q"},
		{"/api/v1/resources?sea=public&region=%E8%8B%8F%00", "region"},
	} {
		p := f.as("rep").Problem("GET", tt.path, nil, 400)
		if len(p.Errors) != 1 || p.Errors[0].Field != tt.field {
			t.Errorf("%s: errors %+v", tt.path, p.Errors)
		}
	}
	for _, path := range []string{"/api/v1/resources?days_left_max=9999999999999", "/api/v1/resources?days_left_min=-99999999"} {
		p := f.as("rep").Problem("GET", path, nil, 422)
		if len(p.Errors) != 1 || p.Errors[0].Field[:9] != "days_left" {
			t.Errorf("%s: errors %+v", path, p.Errors)
		}
	}
	p = f.as("admin").Problem("POST", "/api/v1/rules/capacity.limit/versions/2147483648/activate", nil, 400)
	if len(p.Errors) != 1 || p.Errors[0].Field != "version" {
		t.Errorf("version 2147483648: %+v", p.Errors)
	}
	f.as("admin").Problem("POST", "/api/v1/rules/capacity.limit/versions", map[string]any{
		"expression": "300", "fixtures": []map[string]any{{"name": "x", "env": map[string]any{"rep": map[string]any{"team": "a\x00"}}, "expect": 300}}}, 422)
	var list struct{ Items []any }
	f.as("rep").Do("GET", "/api/v1/resources?sea=mine", nil, 200, &list)
	if len(list.Items) != 0 {
		t.Errorf("refused entries wrote %d resources", len(list.Items))
	}
}
