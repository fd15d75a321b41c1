package api_test

import (
	"strings"
	"testing"
)

// A body that is JSON of the wrong shape is answered with the exact path of
// what does not fit and what is expected there, in JSON's words: the audit
// got `field "numbers" must be api.numberRequest` (a Go type name) and "the
// body is not valid JSON" for a valid body with an unknown field.
func TestShapeErrorsNameThePathAndTheExpectedShape(t *testing.T) {
	f := newFixture(t)
	for _, tt := range []struct {
		path, body, field, reason string
	}{
		{"/api/v1/collisions/search", `{"numbers":["0512 6588 1234"]}`, "numbers[0]", "must be an object with the fields type, value"},
		{"/api/v1/collisions/search", `{"numbers":{"type":"landline"}}`, "numbers", "must be an array, each element an object with the fields type, value"},
		{"/api/v1/resources", `{"kind": 5}`, "kind", "must be a text"},
		{"/api/v1/resources", `{"unknown": 1}`, "unknown", "is not a field here; the fields are application_id, contacts, kind, name, numbers, region"},
		{"/api/v1/resources", `{"name":"x","contacts":[{"name":"王"},{"name":"李","mobile":13800138000}]}`, "contacts[1].mobile", "must be a text"},
		{"/api/v1/resources", `{"contacts":[{"nmae":"王"}]}`, "contacts[0].nmae", "is not a field here; the fields are email, fax, landline, mobile, name, title, trade_manager_id"},
		{"/api/v1/resources", `[1]`, "(body)", "must be an object with the fields application_id, contacts, kind, name, numbers, region"},
		{"/api/v1/resources", `{"application_id": 1.5}`, "application_id", "must be an integer"},
		{"/api/v1/resources", `{"application_id": 99999999999999999999}`, "application_id", "must be an integer from -9223372036854775808 to 9223372036854775807"},
	} {
		p := f.as("rep").Problem("POST", tt.path, tt.body, 400)
		if len(p.Errors) != 1 || p.Errors[0].Field != tt.field || p.Errors[0].Reason != tt.reason {
			t.Errorf("%s %s: errors %+v, want %s %q", tt.path, tt.body, p.Errors, tt.field, tt.reason)
		}
		if p.Detail == "" || strings.Contains(p.Detail, "api.") || strings.Contains(p.Detail, "int64") || strings.Contains(p.Detail, "json:") {
			t.Errorf("%s: detail %q speaks Go", tt.body, p.Detail)
		}
	}
}
