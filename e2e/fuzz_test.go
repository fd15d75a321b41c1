package e2e

// TestFuzzAPI drives the whole API from its own OpenAPI document: it picks
// an operation, generates its parameters and body from the schemas (mostly
// valid, one in three invalid in one part), sends it over HTTP as one of
// every kind of caller, and validates the answer against the document with
// kin-openapi. Any 5xx and any answer the document does not describe
// (undeclared status, body off its schema, wrong content type) fails it,
// each distinct failure reported once with a small request that shows it.
// The default run is fixed (seed and count) so CI is deterministic; run it
// longer with -fuzz.n=20000 -fuzz.seed=7 -fuzz.budget=10m (or TIDE_FUZZ_N,
// TIDE_FUZZ_SEED).

import (
	"bytes"
	"context"
	cryptorand "crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"maps"
	"math/rand"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
)

var (
	fuzzN    = flag.Int("fuzz.n", envInt("TIDE_FUZZ_N", 4000), "requests TestFuzzAPI sends")
	fuzzSeed = flag.Int64("fuzz.seed", int64(envInt("TIDE_FUZZ_SEED", 1)), "seed of TestFuzzAPI's requests")
	// fuzzBudget bounds the time in CI even on a slow machine; the default
	// count takes 10–20 s on 2 cores.
	fuzzBudget = flag.Duration("fuzz.budget", 2*time.Minute, "TestFuzzAPI stops sending after this long")
)

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return n
	}
	return def
}

var demoUsers = []string{"rep1", "rep2", "rep3", "assistant1", "assistant2", "support", "admin"}

// identity is one caller: a demo user, nobody, or a token that never was.
type identity struct {
	name, role, token string
}

// fuzzer sends requests to one stack.
type fuzzer struct {
	t      *testing.T
	doc    *openapi3.T
	base   string
	client *http.Client
	ids    []*identity
	log    *serverLog
	store  *store.Store
	// shrinks bounds the requests spent making failures smaller, in all.
	shrinks int
}

func TestFuzzAPI(t *testing.T) {
	doc, err := api.OpenAPI()
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, dbtest.New(t), t.TempDir())
	seedFuzz(t, s)
	f := &fuzzer{t: t, doc: doc, base: "http://" + s.stack.HTTP.Addr, log: captureServerLog(t), shrinks: 1000, store: s.stack.App.Store,
		client: &http.Client{Timeout: 30 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	for _, u := range demoUsers {
		id := &identity{name: u, role: strings.TrimRight(u, "0123456789")}
		f.signIn(id)
		f.ids = append(f.ids, id)
	}
	bad := make([]byte, 32)
	rand.New(rand.NewSource(*fuzzSeed)).Read(bad)
	f.ids = append(f.ids, &identity{name: "anonymous"}, &identity{name: "bad token", token: hex.EncodeToString(bad)})

	g := &gen{r: rand.New(rand.NewSource(*fuzzSeed))}
	ops := operations(doc)
	fs := &findings{byKey: map[string]*finding{}}
	statuses := map[int]int{}
	began := time.Now()
	sent := 0
	for ; sent < *fuzzN && time.Since(began) < *fuzzBudget; sent++ {
		o := ops[g.r.Intn(len(ops))]
		rq := g.request(o)
		rq.who = f.caller(g, o)
		a := f.send(rq)
		statuses[a.status]++
		fs.add(rq, a, judge(doc, rq, a))
		if len(o.roles) > 0 && a.status == http.StatusUnauthorized && rq.who.role != "" {
			f.signIn(rq.who) // a fuzzed logout ended the session
		}
	}
	t.Logf("%d requests (seed %d) in %v; statuses %v", sent, *fuzzSeed, time.Since(began).Round(time.Millisecond), statuses)
	if sent < *fuzzN {
		t.Logf("stopped after %d of %d requests: the time budget (-fuzz.budget %v) ran out", sent, *fuzzN, *fuzzBudget)
	}
	slices.SortFunc(fs.order, func(a, b string) int {
		return strings.Compare(fs.byKey[a].kind+a, fs.byKey[b].kind+b)
	})
	kinds, counts := map[string]int{}, map[string]int{}
	for _, k := range fs.order {
		fi := fs.byKey[k]
		f.shrink(fi)
		kinds[fi.kind]++
		counts[fi.kind] += fi.count
		t.Errorf("%s", fi)
	}
	for _, k := range slices.Sorted(maps.Keys(kinds)) {
		t.Logf("%s: %d distinct, %d requests", k, kinds[k], counts[k])
	}
}

// caller picks who sends a request: mostly a role the operation admits.
func (f *fuzzer) caller(g *gen, o *operation) *identity {
	if len(o.roles) > 0 && g.chance(75) {
		var ok []*identity
		for _, id := range f.ids {
			if slices.Contains(o.roles, id.role) {
				ok = append(ok, id)
			}
		}
		if len(ok) > 0 {
			return ok[g.r.Intn(len(ok))]
		}
	}
	return f.ids[g.r.Intn(len(f.ids))]
}

// signIn opens a session for id in the store, as a login would: fuzzed
// logins with wrong passwords soon throttle every sign-in from this address
// (429), and a fuzzed logout, password change or disabling ends sessions,
// so the callers keep theirs without going through the login (enabled
// again when a fuzzed request disabled them).
func (f *fuzzer) signIn(id *identity) {
	ctx := context.Background()
	u, err := f.store.UserNamed(ctx, id.name)
	if err != nil {
		f.t.Fatalf("sign in %s: %v", id.name, err)
	}
	if u.DisabledAt != nil { // a fuzzed PATCH /users disabled it: the fuzzer needs its callers
		if _, err := f.store.SetDisabled(ctx, u.ID, false, nil); err != nil {
			f.t.Fatalf("enable %s: %v", id.name, err)
		}
	}
	tok := make([]byte, 32)
	if _, err := cryptorand.Read(tok); err != nil {
		f.t.Fatal(err)
	}
	id.token = hex.EncodeToString(tok)
	if err := f.store.CreateSession(ctx, id.token, u.ID, time.Now().Add(time.Hour)); err != nil {
		f.t.Fatalf("sign in %s: %v", id.name, err)
	}
}

func (f *fuzzer) send(rq *request) answer {
	body := rq.bodyBytes()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(rq.op.method, f.base+rq.url(), rd)
	if err != nil {
		return answer{err: fmt.Errorf("build request: %w", err)}
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if rq.who.token != "" {
		req.Header.Set("Authorization", "Bearer "+rq.who.token)
	}
	f.log.take()
	resp, err := f.client.Do(req)
	if err != nil {
		return answer{err: err}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, header: resp.Header, body: data, err: err, logged: f.log.take()}
}
