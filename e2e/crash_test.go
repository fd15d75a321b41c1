package e2e

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"golang.org/x/crypto/bcrypt"

	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/auth"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
	"github.com/tide-crm/tide/workflows/contract"
)

// Entries race a kill -9 of the production API at random moments, three
// times; after a last restart the outbox drains, and then every entry that
// was answered 201 exists, every resource in a private sea has exactly one
// protection workflow, running for its current epoch, and no workflow exists
// for an entry that was rolled back. A move records its workflow command in
// its own transaction, so a crash leaves the command or the workflow, never
// neither and never both twice.
func TestKilledAPILosesNoWorkflow(t *testing.T) {
	t.Parallel()
	temporalAddr, dbURL := temporalOnly(t), dbtest.New(t)
	ctx := context.Background()
	st, err := store.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	hash, _ := auth.HashPassword("crash-test", bcrypt.MinCost)
	for i := range 4 {
		if _, err := st.CreateUser(ctx, people.NewUser{Username: fmt.Sprintf("rep%d", i), Name: fmt.Sprintf("Rep %d", i),
			Role: people.RoleRep, PasswordHash: hash}); err != nil {
			t.Fatal(err)
		}
	}
	env := []string{"TIDE_DATABASE_URL=" + dbURL, "TIDE_TEMPORAL_ADDRESS=" + temporalAddr, "TIDE_METRICS_ADDR=off", "TIDE_LOG_LEVEL=warn"}
	var mu sync.Mutex
	acknowledged := map[int64]bool{}
	for round := range 3 {
		addr := freeAddr(t)
		p := runProd(t, append(env, "TIDE_ADDR="+addr), "api")
		waitHTTP(t, "http://"+addr+"/healthz", p)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for w := range 8 {
			c := apitest.Client{T: t, Base: "http://" + addr}.Login(fmt.Sprintf("rep%d", w%4), "crash-test")
			wg.Go(func() {
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					if id, ok := enterRaw(c, fmt.Sprintf("苏州崩溃%d号%d轮%d精密电子有限公司", w, round, i), 7000000+round*100000+w*10000+i); ok {
						mu.Lock()
						acknowledged[id] = true
						mu.Unlock()
					}
				}
			})
		}
		// Kill once entries flow (a loaded machine is slow to start them),
		// at a random moment after.
		mu.Lock()
		from := len(acknowledged)
		mu.Unlock()
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			mu.Lock()
			n := len(acknowledged)
			mu.Unlock()
			if n >= from+8 {
				break
			}
		}
		time.Sleep(time.Duration(rand.IntN(400)) * time.Millisecond)
		p.kill()
		close(stop)
		wg.Wait()
	}
	addr := freeAddr(t)
	p := runProd(t, append(env, "TIDE_ADDR="+addr), "api")
	waitHTTP(t, "http://"+addr+"/healthz", p)
	deadline := time.Now().Add(60 * time.Second)
	for {
		waiting, _, err := st.OutboxLag(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if waiting == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d commands still wait in the outbox", waiting)
		}
		time.Sleep(100 * time.Millisecond)
	}

	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, _ := conn.Query(ctx, `SELECT id, epoch FROM resources WHERE sea = 'private'`)
	epochs := map[int64]int{}
	var id int64
	var epoch int
	if _, err := pgx.ForEachRow(rows, []any{&id, &epoch}, func() error { epochs[id] = epoch; return nil }); err != nil {
		t.Fatal(err)
	}
	for id := range acknowledged {
		if _, ok := epochs[id]; !ok {
			t.Errorf("resource %d was answered 201 but does not exist", id)
		}
	}
	if len(acknowledged) < 10 {
		t.Fatalf("only %d entries were answered: the test did not race anything", len(acknowledged))
	}
	tc, err := client.Dial(client.Options{HostPort: temporalAddr, Namespace: "default"})
	if err != nil {
		t.Fatal(err)
	}
	defer tc.Close()
	// Temporal's visibility lists a run a moment after it started: wait
	// until it lists every resource's (or 30 s), then count.
	runs := resourceRuns(t, tc)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); runs = resourceRuns(t, tc) {
		listed := 0
		for id := range epochs {
			if runs[contract.ResourceWorkflowID(id)] > 0 {
				listed++
			}
		}
		if listed == len(epochs) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	for id, epoch := range epochs {
		wid := contract.ResourceWorkflowID(id)
		if runs[wid] != 1 {
			t.Errorf("%s: %d runs, want exactly one", wid, runs[wid])
		}
		d, err := tc.DescribeWorkflowExecution(ctx, wid, "")
		if err != nil {
			t.Errorf("%s: %v", wid, err)
			continue
		}
		info := d.GetWorkflowExecutionInfo()
		var running int
		if f := info.GetMemo().GetFields()["epoch"]; f != nil {
			_ = converter.GetDefaultDataConverter().FromPayload(f, &running)
		}
		if info.GetStatus() != enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING || running != epoch {
			t.Errorf("%s: %v for epoch %d, want running for epoch %d", wid, info.GetStatus(), running, epoch)
		}
	}
	for wid := range runs {
		var id int64
		fmt.Sscanf(strings.TrimPrefix(wid, "resource/"), "%d", &id)
		if _, ok := epochs[id]; !ok {
			t.Errorf("%s exists, but its entry was rolled back", wid)
		}
	}
	t.Logf("%d entries answered, %d resources, %d protection workflows", len(acknowledged), len(epochs), len(runs))
}

// enterRaw enters a company as c without failing the test: a request cut by
// the kill is no answer. It reports the new id when the answer was 201.
func enterRaw(c apitest.Client, name string, n int) (int64, bool) {
	body := fmt.Sprintf(`{"kind":"enterprise","name":%q,"region":"苏州","contacts":[{"name":"王","mobile":"139%08d"}],
		"numbers":[{"type":"landline","value":"0512-6%07d"}]}`, name, n, n%10000000)
	req, _ := http.NewRequest("POST", c.Base+"/api/v1/resources", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+c.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, false
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		return 0, false
	}
	var id int64
	fmt.Sscanf(strings.TrimPrefix(resp.Header.Get("Location"), "/api/v1/resources/"), "%d", &id)
	return id, id != 0
}

// resourceRuns counts the runs of every protection workflow, closed ones
// included, as Temporal's visibility lists them.
func resourceRuns(t *testing.T, tc client.Client) map[string]int {
	t.Helper()
	runs := map[string]int{}
	var token []byte
	for {
		resp, err := tc.ListWorkflow(context.Background(), &workflowservice.ListWorkflowExecutionsRequest{
			Namespace: "default", Query: "WorkflowType = '" + contract.WorkflowResource + "'", NextPageToken: token})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range resp.GetExecutions() {
			runs[e.GetExecution().GetWorkflowId()]++
		}
		if token = resp.GetNextPageToken(); len(token) == 0 {
			return runs
		}
	}
}
