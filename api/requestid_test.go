package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/tide-crm/tide/api"
)

// Every answer carries a request id — the client's X-Request-Id when it is
// a sane one, else a fresh one — and a problem document quotes it.
func TestRequestIDs(t *testing.T) {
	f := newFixture(t)
	get := func(id string) (*http.Response, api.Problem) {
		req, _ := http.NewRequest("GET", f.srv.URL+"/api/v1/resources/99999", nil)
		req.Header.Set("Authorization", "Bearer "+f.tokens["rep"])
		if id != "" {
			req.Header.Set("X-Request-Id", id)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var p api.Problem
		if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
			t.Fatal(err)
		}
		return resp, p
	}
	resp, p := get("trace-42.a_b")
	if resp.Header.Get("X-Request-Id") != "trace-42.a_b" || p.RequestID != "trace-42.a_b" {
		t.Errorf("a client's id: header %q, problem %q", resp.Header.Get("X-Request-Id"), p.RequestID)
	}
	for _, bad := range []string{"", "has space", strings.Repeat("x", 65), "<script>"} {
		resp, p := get(bad)
		got := resp.Header.Get("X-Request-Id")
		if got == "" || got == bad || p.RequestID != got || len(got) != 32 {
			t.Errorf("id %q: answered %q, problem %q; want a fresh one", bad, got, p.RequestID)
		}
	}
}
