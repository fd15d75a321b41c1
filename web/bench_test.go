package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tide-crm/tide/account"
	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/auth"
	"github.com/tide-crm/tide/internal/latency"
	"github.com/tide-crm/tide/ruleset"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/benchdata"
	"github.com/tide-crm/tide/store/dbtest"
	"github.com/tide-crm/tide/web"
)

// BenchmarkPages measures the console's pages against the API's JSON for
// the same query, in the same run, over real HTTP, on the benchmark
// database of store.BenchmarkCollisionSearch (1,000,000 resources; make it
// first with that benchmark, or name another in TIDE_BENCH_DATABASE_URL):
//
//	go test ./web -run '^$' -bench '^BenchmarkPages$' -benchtime 1000x -count 5
//
// The caller is rep001 of the generated data, signed in by a session the
// benchmark writes (and deletes at the end).
func BenchmarkPages(b *testing.B) {
	ctx := context.Background()
	prev := slog.Default() // the API logs a line per request, unread here
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	b.Cleanup(func() { slog.SetDefault(prev) })
	dbURL := os.Getenv("TIDE_BENCH_DATABASE_URL")
	if dbURL == "" {
		u, err := url.Parse(dbtest.AdminURL())
		if err != nil {
			b.Fatal(err)
		}
		u.Path = "/tide_bench_1000000"
		dbURL = u.String()
	}
	ds, ok, _, err := benchdata.Lookup(ctx, dbURL)
	if err != nil || !ok {
		b.Fatalf("no benchmark data at %s (%v): run go test ./store -run '^$' -bench CollisionSearch first", dbURL, err)
	}
	st, err := store.Open(ctx, dbURL)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(st.Close)
	rules, err := ruleset.Open(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	rep, err := st.UserByUsername(ctx, "rep001")
	if err != nil {
		b.Fatal(err)
	}
	token, err := auth.NewToken()
	if err != nil {
		b.Fatal(err)
	}
	if err := st.CreateSession(ctx, token, rep.ID, time.Now().Add(time.Hour)); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = st.DeleteSession(context.Background(), token) })
	accounts := &account.Service{Store: st, TokenTTL: time.Hour, Sessions: account.NewSessionCache()}
	seas := &sea.Service{Store: st, Rules: rules}
	console := httptest.NewServer(web.New(web.Deps{Accounts: accounts, Seas: seas}))
	b.Cleanup(console.Close)
	jsonAPI := httptest.NewServer(api.New(api.Deps{Accounts: accounts, Seas: seas}))
	b.Cleanup(jsonAPI.Close)
	name := "苏州日东精密电子有限公司"
	b.Logf("data: %d resources (generator version %d)", ds.Resources, ds.Version)

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	get := func(base, path string, header ...string) func() error {
		return func() error {
			req, _ := http.NewRequest("GET", base+path, nil)
			req.AddCookie(&http.Cookie{Name: "tide_session", Value: token})
			req.Header.Set("Authorization", "Bearer "+token)
			for i := 0; i+1 < len(header); i += 2 {
				req.Header.Set(header[i], header[i+1])
			}
			return send(client, req)
		}
	}
	post := func(base, path, body string) func() error {
		return func() error {
			req, _ := http.NewRequest("POST", base+path, strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Content-Type", "application/json")
			return send(client, req)
		}
	}
	for _, c := range []struct {
		name string
		op   func() error
	}{
		{"web_mine", get(console.URL, "/mine")},
		{"api_mine", get(jsonAPI.URL, "/api/v1/resources?sea=mine&limit=50")},
		{"web_public", get(console.URL, "/public")},
		{"api_public", get(jsonAPI.URL, "/api/v1/resources?sea=public&limit=50")},
		{"web_search_fragment", get(console.URL, "/search?q="+url.QueryEscape(name), "HX-Request", "true")},
		{"api_search", post(jsonAPI.URL, "/api/v1/collisions/search", fmt.Sprintf(`{"name":%q}`, name))},
	} {
		b.Run(c.name, func(b *testing.B) { latency.Measure(b, 20, func(int) error { return c.op() }) })
	}
}

func send(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: %d", req.Method, req.URL, resp.StatusCode)
	}
	return nil
}
