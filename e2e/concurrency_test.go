package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/auth"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/store/dbtest"
)

// rounds repeats each race, since one lucky interleaving proves little.
const rounds = 20

// reps creates n extra reps and returns logged-in clients for them.
func (s *system) reps(t *testing.T, prefix string, n int) []apitest.Client {
	t.Helper()
	hash, err := auth.HashPassword("tide-demo", bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]apitest.Client, n)
	for i := range out {
		name := fmt.Sprintf("%s%03d", prefix, i)
		if _, err := s.stack.App.Store.CreateUser(t.Context(), people.NewUser{Username: name, Name: name, Role: people.RoleRep, PasswordHash: hash}); err != nil {
			t.Fatal(err)
		}
		out[i] = s.login(name)
	}
	return out
}

// race fires the requests at once and returns their statuses.
func race(n int, do func(i int) int) []int {
	statuses := make([]int, n)
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		ready.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			statuses[i] = do(i)
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
	return statuses
}

func countStatus(statuses []int) map[int]int {
	m := map[int]int{}
	for _, s := range statuses {
		m[s]++
	}
	return m
}

// raw sends a request and returns only its status, checking that every
// refusal is problem+json.
func raw(t *testing.T, c apitest.Client, method, path, body string) int {
	req, _ := http.NewRequest(method, c.Base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return 0
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 400 && resp.Header.Get("Content-Type") != api.ProblemContentType {
		t.Errorf("%s %s: %d without problem+json", method, path, resp.StatusCode)
	}
	return resp.StatusCode
}

// 100 reps pick one public resource at once: exactly one wins (R6).
func TestParallelPicksOfOneResource(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	pickers := s.reps(t, "picker", 100)
	owner := s.login("rep1")
	for round := range rounds {
		var r api.ResourceView
		owner.Do("POST", "/api/v1/resources", enterBody(fmt.Sprintf("竞争%03d机械有限公司", round),
			fmt.Sprintf("0512-6%07d", round), fmt.Sprintf("1350000%04d", round)), 201, &r)
		owner.Do("POST", "/api/v1/resources/"+itoa(r.ID)+"/release", map[string]string{"reason": "for the race"}, 200, nil)
		statuses := race(len(pickers), func(i int) int {
			return raw(t, pickers[i], "POST", "/api/v1/resources/"+itoa(r.ID)+"/pick", "")
		})
		if got := countStatus(statuses); got[200] != 1 || got[409] != 99 {
			t.Fatalf("round %d: statuses %v, want one 200 and 99 409", round, got)
		}
	}
}

// A rep at capacity.limit − 1 fires 50 picks and entries at once: exactly
// one gets in (R13). (Ten of the fifty are picks: each needs a resource
// entered and released beforehand.)
func TestCapacityUnderParallelPicksAndEntries(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	admin, other := s.login("admin"), s.login("rep2")
	var v api.RuleVersionView
	admin.Do("POST", "/api/v1/rules/capacity.limit/versions", map[string]any{"expression": "3"}, 201, &v)
	admin.Do("POST", "/api/v1/rules/capacity.limit/versions/"+itoa(int64(v.Version))+"/activate", nil, 200, nil)
	reps := s.reps(t, "cap", rounds)
	const picks = 10
	serial := 0
	next := func() int { serial++; return serial }
	for round, rep := range reps {
		for range 2 { // limit − 1
			n := next()
			rep.Do("POST", "/api/v1/resources", enterBody(fmt.Sprintf("已有%04d五金有限公司", n), fmt.Sprintf("0571-8%07d", n), fmt.Sprintf("1360000%04d", n)), 201, nil)
		}
		var public []int64
		for range picks {
			n := next()
			var r api.ResourceView
			other.Do("POST", "/api/v1/resources", enterBody(fmt.Sprintf("公海%04d电子有限公司", n), fmt.Sprintf("0571-8%07d", n), fmt.Sprintf("1360000%04d", n)), 201, &r)
			other.Do("POST", "/api/v1/resources/"+itoa(r.ID)+"/release", map[string]string{"reason": "to the sea"}, 200, nil)
			public = append(public, r.ID)
		}
		bodies := make([]string, 50-picks)
		for i := range bodies {
			n := next()
			bodies[i] = fmt.Sprintf(`{"kind":"enterprise","name":"新%04d塑料有限公司","region":"杭州","contacts":[{"name":"王"}],"numbers":[{"type":"landline","value":"0571-8%07d"}]}`, n, n)
		}
		statuses := race(50, func(i int) int {
			if i < picks {
				return raw(t, rep, "POST", "/api/v1/resources/"+itoa(public[i])+"/pick", "")
			}
			return raw(t, rep, "POST", "/api/v1/resources", bodies[i-picks])
		})
		got := countStatus(statuses)
		if got[200]+got[201] != 1 || got[409] != 49 {
			t.Fatalf("round %d: statuses %v, want exactly one success and 49 409", round, got)
		}
		var mine api.ResourceList
		rep.Do("GET", "/api/v1/resources?sea=mine", nil, 200, &mine)
		if len(mine.Items) != 3 {
			t.Fatalf("round %d: the rep holds %d, want 3", round, len(mine.Items))
		}
	}
}

// Two reps enter the same company at once, with different numbers: one
// entry stands (R6).
func TestTwoRepsEnterOneCompanyAtOnce(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1, rep2 := s.login("rep1"), s.login("rep2")
	for round := range rounds {
		name := fmt.Sprintf("同时%03d精密模具有限公司", round)
		bodies := []string{
			fmt.Sprintf(`{"kind":"enterprise","name":"苏州%s","region":"苏州","contacts":[{"name":"甲"}],"numbers":[{"type":"landline","value":"0512-5%07d"}]}`, name, round),
			fmt.Sprintf(`{"kind":"enterprise","name":"%s","region":"苏州","contacts":[{"name":"乙"}],"numbers":[{"type":"mobile","value":"1370000%04d"}]}`, name, round),
		}
		clients := []apitest.Client{rep1, rep2}
		statuses := race(2, func(i int) int { return raw(t, clients[i], "POST", "/api/v1/resources", bodies[i]) })
		if got := countStatus(statuses); got[201] != 1 || got[409] != 1 {
			t.Fatalf("round %d: statuses %v, want one 201 and one 409", round, got)
		}
	}
}
