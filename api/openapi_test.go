package api_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tide-crm/tide/api"
)

var ginParam = regexp.MustCompile(`:(\w+)`)

// Every route that exists is described, with the roles it enforces, and
// nothing is described that does not exist.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	doc, err := api.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	described := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			described[method+" "+path] = true
		}
	}
	for _, rt := range api.Routes(api.Deps{}) {
		key := rt.Method + " " + ginParam.ReplaceAllString(rt.Path, "{$1}")
		if !described[key] {
			t.Errorf("route %s is missing from openapi.yaml", key)
			continue
		}
		delete(described, key)
		op := doc.Paths.Find(ginParam.ReplaceAllString(rt.Path, "{$1}")).GetOperation(rt.Method)
		var roles []string
		if raw, ok := op.Extensions["x-roles"]; ok {
			b, _ := json.Marshal(raw)
			_ = json.Unmarshal(b, &roles)
		}
		want := slices.Clone(rt.Roles)
		sort.Strings(roles)
		sort.Strings(want)
		if strings.Join(roles, ",") != strings.Join(want, ",") {
			t.Errorf("%s: x-roles %v, route enforces %v", key, roles, want)
		}
	}
	for key := range described {
		t.Errorf("openapi.yaml describes %s, which no route serves", key)
	}
}

func TestOpenAPIIsServedAsJSON(t *testing.T) {
	srv := httptest.NewServer(api.New(api.Deps{}))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var doc struct {
		OpenAPI string         `json:"openapi"`
		Paths   map[string]any `json:"paths"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") || doc.Paths["/api/v1/resources/{id}/pick"] == nil {
		t.Errorf("served document: openapi %q with %d paths", doc.OpenAPI, len(doc.Paths))
	}
}
