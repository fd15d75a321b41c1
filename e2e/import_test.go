package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"golang.org/x/crypto/bcrypt"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/auth"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/sheet/sheettest"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
	"github.com/tide-crm/tide/workflows/contract"
)

// uploadImport posts a file to /api/v1/imports as c and answers the
// checked import.
func uploadImport(t testing.TB, c apitest.Client, target, name string, data []byte) api.ImportView {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("target", target)
	part, _ := w.CreateFormFile("file", name)
	_, _ = part.Write(data)
	_ = w.Close()
	req, _ := http.NewRequest("POST", c.Base+"/api/v1/imports", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+c.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload %s: %d %s", name, resp.StatusCode, out)
	}
	var imp api.ImportView
	if err := json.Unmarshal(out, &imp); err != nil {
		t.Fatal(err)
	}
	return imp
}

// importState reads an import's progress without failing the test: a
// request cut by a kill is no answer.
func importState(c apitest.Client, id int64) (api.ImportView, bool) {
	req, _ := http.NewRequest("GET", c.Base+"/api/v1/imports/"+itoa(id), nil)
	req.Header.Set("Authorization", "Bearer "+c.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return api.ImportView{}, false
	}
	defer resp.Body.Close()
	var v api.ImportView
	return v, resp.StatusCode == 200 && json.NewDecoder(resp.Body).Decode(&v) == nil
}

// A 5,000-row import whose worker is killed (SIGKILL) twice mid-way
// finishes with every good row entered exactly once: the production api
// and worker processes, Temporal and PostgreSQL; after each kill a new
// worker takes the batch over, and the rows the dead one had entered are
// not entered again (each row's result is written in its entry's
// transaction). Counted: resources, their collision keys, rows entered
// with distinct resources, and the one workflow run that finished.
func TestImportSurvivesKilledWorkers(t *testing.T) {
	t.Parallel()
	temporalAddr, dbURL := temporalOnly(t), dbtest.New(t)
	ctx := context.Background()
	st, err := store.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	hash, _ := auth.HashPassword("import-test", bcrypt.MinCost)
	if _, err := st.CreateUser(ctx, people.NewUser{Username: "sup", Name: "支持", Role: people.RoleSupport, PasswordHash: hash}); err != nil {
		t.Fatal(err)
	}
	env := []string{"TIDE_DATABASE_URL=" + dbURL, "TIDE_TEMPORAL_ADDRESS=" + temporalAddr, "TIDE_METRICS_ADDR=off", "TIDE_LOG_LEVEL=warn"}
	addr := freeAddr(t)
	apiProc := runProd(t, append(env, "TIDE_ADDR="+addr), "api")
	waitHTTP(t, "http://"+addr+"/healthz", apiProc)
	worker := runProd(t, env, "worker")
	c := apitest.Client{T: t, Base: "http://" + addr}.Login("sup", "import-test")

	const total, good = 5000, 4900
	var rows []sheettest.Row
	for i := range good {
		rows = append(rows, sheettest.Company("崩", 100000, i))
		if i%98 == 97 { // 50 rows without a contact, one after every 98 good ones
			bad := sheettest.Company("缺", 200000, i)
			bad["联系人"] = ""
			rows = append(rows, bad)
		}
	}
	if len(rows) != total-50 {
		t.Fatalf("%d rows", len(rows))
	}
	for i := range 50 { // and 50 repeating an earlier row's mobile
		dup := sheettest.Company("复", 300000, i)
		dup["手机"] = rows[i*90]["手机"]
		rows = append(rows, dup)
	}
	imp := uploadImport(t, c, "public", "5000.xlsx", sheettest.XLSX(t, sheettest.Records(rows)))
	if imp.Total != total || imp.Verdicts["enter"] != good {
		t.Fatalf("check: %+v", imp)
	}
	c.Do("POST", "/api/v1/imports/"+itoa(imp.ID)+"/commit", nil, 202, nil)

	var killedAt []int
	deadline := time.Now().Add(4 * time.Minute)
	var last api.ImportView
	for {
		if time.Now().After(deadline) {
			t.Fatalf("the import did not finish: %+v; worker stderr:\n%s", last, worker.stderr)
		}
		v, ok := importState(c, imp.ID)
		if !ok {
			time.Sleep(20 * time.Millisecond)
			continue
		}
		last = v
		if v.State == "done" {
			break
		}
		if len(killedAt) < 2 && v.Done >= []int{600, 2500}[len(killedAt)] {
			worker.kill()
			killedAt = append(killedAt, v.Done)
			worker = runProd(t, env, "worker")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if len(killedAt) != 2 || killedAt[1] >= total {
		t.Fatalf("the workers were killed at %v rows of %d: not mid-way", killedAt, total)
	}
	if last.Entered != good || last.Refused != total-good {
		t.Fatalf("finished: %+v", last)
	}

	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var resources, keys, companies, entered, distinct, history int
	if err := conn.QueryRow(ctx, `SELECT (SELECT count(*) FROM resources),
			(SELECT count(*) FROM collision_keys WHERE resource_id IS NOT NULL),
			(SELECT count(DISTINCT key) FROM collision_keys WHERE key_type = 'company'),
			(SELECT count(*) FROM import_rows WHERE result = 'entered'),
			(SELECT count(DISTINCT resource_id) FROM import_rows WHERE result = 'entered'),
			(SELECT count(*) FROM ownership_history WHERE path = 'import')`).
		Scan(&resources, &keys, &companies, &entered, &distinct, &history); err != nil {
		t.Fatal(err)
	}
	if resources != good || keys != 3*good || companies != good || entered != good || distinct != good || history != good {
		t.Errorf("resources %d, keys %d, company keys %d, rows entered %d (%d distinct), history %d; want %d each and %d keys",
			resources, keys, companies, entered, distinct, history, good, 3*good)
	}
	tc, err := client.Dial(client.Options{HostPort: temporalAddr, Namespace: "default"})
	if err != nil {
		t.Fatal(err)
	}
	defer tc.Close()
	// The import's record says done from inside the workflow's last
	// activity; the run completes just after.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		d, err := tc.DescribeWorkflowExecution(ctx, contract.ImportWorkflowID(imp.ID), "")
		if err != nil {
			t.Fatal(err)
		}
		s := d.GetWorkflowExecutionInfo().GetStatus()
		if s == enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED {
			break
		}
		if s != enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING || time.Now().After(deadline) {
			t.Errorf("%s: %v", contract.ImportWorkflowID(imp.ID), s)
			break
		}
	}
	t.Logf("workers killed at %v rows of %d; %d resources, %d keys, %d rows entered once each, %d refused",
		killedAt, total, resources, keys, entered, last.Refused)
}

// Entries through the API race a rep's import of the same companies, from
// another rep: each company ends with exactly one owner, every entry the
// API refused names the import's resource, and every row the import
// refused names the entry's (R6).
func TestImportRacesEntries(t *testing.T) {
	t.Parallel()
	s := start(t, dbtest.New(t), t.TempDir())
	rep1, rep2 := s.login("rep1"), s.login("rep2")
	const n = 120
	var rows []sheettest.Row
	for i := range n {
		rows = append(rows, sheettest.Company("竞", 400000, i))
	}
	imp := uploadImport(t, rep1, "mine", "race.csv", sheettest.CSV(t, sheettest.Records(rows), true))
	if imp.Verdicts["enter"] != n {
		t.Fatalf("check: %+v", imp)
	}
	var mu sync.Mutex
	enteredByAPI := map[string]int64{}
	refusedByAPI := map[string][]api.HitView{}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for w := range 4 {
		wg.Go(func() {
			<-start
			for i := n - 1 - w; i >= 0; i -= 4 { // from the end, as the import goes from the start
				r := rows[i]
				body := map[string]any{"kind": "enterprise", "name": r["公司名称"], "region": "苏州",
					"contacts": []map[string]string{{"name": "竞争者", "mobile": r["手机"]}},
					"numbers":  []map[string]string{{"type": "landline", "value": r["固话"]}}}
				data, _ := json.Marshal(body)
				req, _ := http.NewRequest("POST", rep2.Base+"/api/v1/resources", bytes.NewReader(data))
				req.Header.Set("Authorization", "Bearer "+rep2.Token)
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				var out struct {
					ID   int64         `json:"id"`
					Hits []api.HitView `json:"hits"`
				}
				_ = json.NewDecoder(resp.Body).Decode(&out)
				resp.Body.Close()
				mu.Lock()
				switch resp.StatusCode {
				case 201:
					enteredByAPI[r["公司名称"]] = out.ID
				case 409:
					refusedByAPI[r["公司名称"]] = out.Hits
				default:
					t.Errorf("entry of %s: %d", r["公司名称"], resp.StatusCode)
				}
				mu.Unlock()
			}
		})
	}
	// The entries start once the import has entered its first rows: the
	// two meet somewhere in the middle.
	rep1.Do("POST", "/api/v1/imports/"+itoa(imp.ID)+"/commit", nil, 202, nil)
	poll(t, rep1, "/api/v1/imports/"+itoa(imp.ID), "the import to start", func(v api.ImportView) bool { return v.Done > 0 })
	close(start)
	wg.Wait()
	// Under CI's load (several whole systems at once) a batch that lost a
	// deadlock to an entry is retried after a back-off: give it two minutes.
	var done api.ImportView
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(200 * time.Millisecond) {
		rep1.Do("GET", "/api/v1/imports/"+itoa(imp.ID), nil, 200, &done)
		if done.State == "done" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the import did not finish: %+v", done)
		}
	}
	if done.Entered+len(enteredByAPI) != n || done.Refused != len(enteredByAPI) || len(refusedByAPI) != done.Entered {
		t.Fatalf("import entered %d refused %d; API entered %d refused %d; want %d companies once each",
			done.Entered, done.Refused, len(enteredByAPI), len(refusedByAPI), n)
	}
	if len(refusedByAPI) == 0 {
		t.Fatalf("the API lost no race: the import had finished before the entries began (%+v)", done)
	}
	var page struct {
		Rows []api.ImportRowView `json:"rows"`
	}
	rep1.Do("GET", "/api/v1/imports/"+itoa(imp.ID)+"/rows?limit=1000", nil, 200, &page)
	for _, r := range page.Rows {
		name := r.Fields["公司名称"]
		id, byAPI := enteredByAPI[name]
		switch {
		case r.Result == "entered" && byAPI:
			t.Errorf("%s has two owners", name)
		case r.Result == "refused" && (!byAPI || !strings.Contains(r.Reason, itoa(id))):
			t.Errorf("%s: refused by the import (%q), naming not the API's entry (%d)", name, r.Reason, id)
		case r.Result == "entered":
			hits := refusedByAPI[name]
			if len(hits) == 0 || hits[0].ResourceID != *r.ResourceID {
				t.Errorf("%s: the API's refusal names %+v, not the import's resource %d", name, hits, *r.ResourceID)
			}
		}
	}
	var owners int
	conn, err := pgx.Connect(context.Background(), s.dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(context.Background())
	if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM resources WHERE name LIKE '苏州竞%'`).Scan(&owners); err != nil {
		t.Fatal(err)
	}
	if owners != n {
		t.Errorf("%d resources for %d companies", owners, n)
	}
	t.Logf("the import entered %d, the API %d of %d companies", done.Entered, len(enteredByAPI), n)
}
