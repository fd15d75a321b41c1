package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"golang.org/x/crypto/bcrypt"

	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/auth"
	"github.com/tide-crm/tide/devserver"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
)

// privatePG is a PostgreSQL cluster of the test's own, so that stopping it
// stops nothing else on the machine.
type privatePG struct {
	t         *testing.T
	bin, data string
	port      int
}

// startPrivatePG initialises a cluster as the postgres user (initdb refuses
// root) in a directory of its own, and starts it on a free port.
func startPrivatePG(t *testing.T) *privatePG {
	t.Helper()
	bin := "/usr/lib/postgresql/15/bin"
	if _, err := os.Stat(filepath.Join(bin, "initdb")); err != nil {
		t.Fatalf("the cluster test needs PostgreSQL 15's server binaries in %s: %v", bin, err)
	}
	dir, err := os.MkdirTemp("", "tide-pg-")
	if err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) {
		if out, err := exec.Command("chown", "-R", "postgres", dir).CombinedOutput(); err != nil {
			t.Fatalf("chown: %v %s", err, out)
		}
		cmd := exec.Command("runuser", append([]string{"-u", "postgres", "--"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	run(filepath.Join(bin, "initdb"), "-D", filepath.Join(dir, "data"), "-A", "trust", "-U", "postgres")
	_, port, _ := strings.Cut(freeAddr(t), ":")
	p := &privatePG{t: t, bin: bin, data: filepath.Join(dir, "data")}
	p.port, _ = strconv.Atoi(port)
	p.start()
	t.Cleanup(func() {
		_ = exec.Command("runuser", "-u", "postgres", "--", filepath.Join(bin, "pg_ctl"), "-D", p.data, "-m", "immediate", "-w", "stop").Run()
		_ = os.RemoveAll(dir)
	})
	return p
}

func (p *privatePG) pgctl(args ...string) {
	p.t.Helper()
	cmd := exec.Command("runuser", append([]string{"-u", "postgres", "--", filepath.Join(p.bin, "pg_ctl"), "-D", p.data}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		p.t.Fatalf("pg_ctl %v: %v\n%s", args, err, out)
	}
}

func (p *privatePG) start() {
	p.pgctl("-o", fmt.Sprintf("-p %d -c listen_addresses=127.0.0.1 -k %s -c fsync=off -c max_connections=200", p.port, filepath.Dir(p.data)),
		"-l", filepath.Join(filepath.Dir(p.data), "log"), "-w", "start")
}

// stop ends the cluster at once: every connection of tide breaks, and new
// ones are refused until start.
func (p *privatePG) stop() { p.pgctl("-m", "fast", "-w", "stop") }

func (p *privatePG) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", p.port, db)
}

// failing reports whether /readyz at base answers 503 naming check.
func failing(base, check string) bool {
	status, checks := readyz(base)
	return status == http.StatusServiceUnavailable && checks[check] != "" && checks[check] != "ok"
}

// allReady waits up to 60 s for /readyz of every base to answer 200.
func allReady(t *testing.T, bases []string, after string) {
	t.Helper()
	for _, b := range bases {
		for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(500 * time.Millisecond) {
			status, checks := readyz(b)
			if status == http.StatusOK {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s not ready 60 s after %s: %d %v", b, after, status, checks)
			}
		}
	}
}

// readyz answers /readyz's status and its checks.
func readyz(base string) (int, map[string]string) {
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		return 0, nil
	}
	defer resp.Body.Close()
	var body struct {
		Checks map[string]string `json:"checks"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body.Checks
}

// The production shape on one machine: Temporal on PostgreSQL, two `tide
// api` and two `tide worker` processes of the production build, tide's
// database on a PostgreSQL cluster of the test's own. Under entries,
// releases and picks spread over both APIs, one worker and one API are killed -9 and
// started again, then tide's PostgreSQL is stopped for 20 s and started
// again; then Temporal is stopped for 10 s and started again. /readyz of
// the APIs and of the workers (on their metrics port) answers 503 naming
// the part that is down and 200 after, with no process restarted; entries
// are acknowledged while Temporal is down; afterwards every acknowledged
// entry and release is there, and every protection that fell due (each
// 15 s after its entry: many during the outages) ended exactly once.
func TestClusterSurvivesFaults(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pg := startPrivatePG(t)
	admin, err := pgx.Connect(ctx, pg.url("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE tide"); err != nil {
		t.Fatal(err)
	}
	admin.Close(ctx)
	dbURL := pg.url("tide")
	if _, err := store.Migrate(ctx, dbURL); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	hash, _ := auth.HashPassword("cluster-test", bcrypt.MinCost)
	for _, u := range []people.NewUser{{Username: "admin", Name: "Admin", Role: people.RoleAdmin},
		{Username: "rep1", Name: "Rep 1", Role: people.RoleRep}, {Username: "rep2", Name: "Rep 2", Role: people.RoleRep},
		{Username: "rep3", Name: "Rep 3", Role: people.RoleRep}, {Username: "rep4", Name: "Rep 4", Role: people.RoleRep}} {
		u.PasswordHash = hash
		if _, err := st.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	// Temporal on the machine's PostgreSQL, in databases of this test.
	tpg, err := devserver.PostgresStoreFrom(dbtest.AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	suffix := strconv.Itoa(pg.port)
	tpg.Database, tpg.VisibilityDatabase = "tide_cluster_temporal_"+suffix, "tide_cluster_visibility_"+suffix
	tpg.MaxConns = 4 // the machine's PostgreSQL is shared with the other tests
	t.Cleanup(func() { dropDatabases(t, dbtest.AdminURL(), tpg.Database, tpg.VisibilityDatabase) })
	temporal, err := devserver.StartTemporal(devserver.TemporalOptions{DataDir: t.TempDir(), Namespace: "default", Postgres: tpg})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if temporal != nil { // nil when it failed to start again
			_ = temporal.Stop()
		}
	})

	env := []string{"TIDE_DATABASE_URL=" + dbURL, "TIDE_TEMPORAL_ADDRESS=" + temporal.Address, "TIDE_METRICS_ADDR=off",
		"TIDE_LOG_LEVEL=warn"}
	addrs := []string{freeAddr(t), freeAddr(t)}
	apis := make([]*process, 2)
	for i := range apis {
		apis[i] = runProd(t, append(env, "TIDE_ADDR="+addrs[i]), "api")
	}
	// Each worker answers /readyz on its metrics address.
	probes := []string{freeAddr(t), freeAddr(t)}
	startWorker := func(i int) *process { return runProd(t, append(env, "TIDE_METRICS_ADDR="+probes[i]), "worker") }
	workers := []*process{startWorker(0), startWorker(1)}
	for i := range apis {
		waitHTTP(t, "http://"+addrs[i]+"/healthz", apis[i])
	}
	base := func(i int) string { return "http://" + addrs[i%2] }
	adminClient := apitest.Client{T: t, Base: base(0)}.Login("admin", "cluster-test")
	var v struct {
		Version int `json:"version"`
	}
	adminClient.Do("POST", "/api/v1/rules/protection.until/versions", map[string]any{"expression": `after(now, "15s")`}, 201, &v)
	adminClient.Do("POST", "/api/v1/rules/protection.until/versions/"+strconv.Itoa(v.Version)+"/activate", nil, 200, nil)

	// The load: four reps, each on both APIs in turn, entering and now and
	// then releasing what they entered.
	var mu sync.Mutex
	entered, released, picked := map[int64]bool{}, map[int64]bool{}, map[int64]bool{}
	// pickers[r] signs rep r+1 in on an API (by its number) once, for picks.
	var pickers [4]func(i int) string
	for r := range pickers {
		var pm sync.Mutex
		tokens := map[int]string{}
		pickers[r] = func(i int) string {
			pm.Lock()
			defer pm.Unlock()
			if tokens[i%2] == "" {
				if tok, ok := tryLogin(base(i), fmt.Sprintf("rep%d", r+1)); ok {
					tokens[i%2] = tok
				}
			}
			return tokens[i%2]
		}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			tokens := map[int]string{}
			login := func(i int) string {
				if tokens[i%2] == "" {
					if c, ok := tryLogin(base(i), fmt.Sprintf("rep%d", w+1)); ok {
						tokens[i%2] = c
					}
				}
				return tokens[i%2]
			}
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				c := apitest.Client{T: t, Base: base(i + w), Token: login(i + w)}
				if c.Token == "" {
					time.Sleep(100 * time.Millisecond)
					continue
				}
				id, ok := enterRaw(c, fmt.Sprintf("苏州集群%d号%d精密电子有限公司", w, i), 8000000+w*100000+i)
				if !ok {
					time.Sleep(50 * time.Millisecond)
					continue
				}
				mu.Lock()
				entered[id] = true
				mu.Unlock()
				if i%5 == 4 && releaseRaw(c, id) {
					mu.Lock()
					released[id] = true
					mu.Unlock()
					// The next rep picks it from 公海, through the other API.
					other := apitest.Client{T: t, Base: base(i + w + 1), Token: pickers[(w+1)%4](i + w + 1)}
					if other.Token != "" && pickRaw(other, id) {
						mu.Lock()
						picked[id] = true
						mu.Unlock()
					}
				}
				time.Sleep(100 * time.Millisecond)
			}
		})
	}
	count := func() int { mu.Lock(); defer mu.Unlock(); return len(entered) }

	time.Sleep(5 * time.Second)
	apis[0].kill()
	workers[0].kill()
	t.Logf("killed api 1 and worker 1 after %d entries", count())
	time.Sleep(2 * time.Second)
	apis[0] = runProd(t, append(env, "TIDE_ADDR="+addrs[0]), "api")
	workers[0] = startWorker(0)
	waitHTTP(t, base(0)+"/healthz", apis[0])
	time.Sleep(5 * time.Second)

	before := count()
	pg.stop()
	outage := time.Now()
	apiSaw, workerSaw := false, false
	for time.Since(outage) < 20*time.Second {
		apiSaw = apiSaw || failing(base(1), "postgres")
		workerSaw = workerSaw || failing("http://"+probes[1], "postgres")
		time.Sleep(500 * time.Millisecond)
	}
	pg.start()
	outageEnd := time.Now()
	t.Logf("PostgreSQL stopped for %s after %d entries", outageEnd.Sub(outage).Round(time.Second), before)
	if !apiSaw || !workerSaw {
		t.Errorf("during the outage /readyz answered 503 naming postgres: api %v, worker %v", apiSaw, workerSaw)
	}
	allReady(t, append([]string{base(0), base(1)}, "http://"+probes[0], "http://"+probes[1]), "PostgreSQL came back")

	// Temporal down for 10 s: the probes name it; entries still answer (the
	// outbox keeps their workflow starts); then it comes back on its port.
	time.Sleep(3 * time.Second)
	if err := temporal.Stop(); err != nil {
		t.Logf("stop temporal: %v", err)
	}
	apiSaw, workerSaw = false, false
	// The load's releases now wait for Temporal (UpdateWait): an entry of
	// the test's own shows that entries do not.
	entriesWithoutTemporal := 0
	rep, _ := tryLogin(base(1), "rep4")
	for stopped, i := time.Now(), 0; time.Since(stopped) < 10*time.Second; i++ {
		apiSaw = apiSaw || failing(base(0), "temporal")
		workerSaw = workerSaw || failing("http://"+probes[0], "temporal")
		if id, ok := enterRaw(apitest.Client{T: t, Base: base(1), Token: rep}, fmt.Sprintf("苏州停摆%d号精密电子有限公司", i), 8900000+i); ok {
			entriesWithoutTemporal++
			mu.Lock()
			entered[id] = true
			mu.Unlock()
		}
		time.Sleep(500 * time.Millisecond)
	}
	port, _ := strconv.Atoi(portOf(temporal.Address))
	if temporal, err = devserver.StartTemporal(devserver.TemporalOptions{DataDir: t.TempDir(), Namespace: "default",
		Postgres: tpg, Port: port}); err != nil {
		t.Fatal(err)
	}
	t.Logf("Temporal stopped for 10 s: %d entries acknowledged meanwhile", entriesWithoutTemporal)
	if !apiSaw || !workerSaw {
		t.Errorf("while Temporal was down /readyz answered 503 naming temporal: api %v, worker %v", apiSaw, workerSaw)
	}
	if entriesWithoutTemporal == 0 {
		t.Error("no entry was acknowledged while Temporal was down")
	}
	allReady(t, append([]string{base(0), base(1)}, "http://"+probes[0], "http://"+probes[1]), "Temporal came back")
	time.Sleep(5 * time.Second) // entries after the outage too
	close(stop)
	wg.Wait()
	for _, p := range append(apis, workers...) {
		if p.cmd.ProcessState != nil {
			t.Errorf("a process ended by itself: %s", p.stderr)
		}
	}

	// Every protection falls due 15 s after its entry: wait until all have,
	// and for the workers to end them.
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	deadline := time.Now().Add(3 * time.Minute)
	var due int
	for {
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM resources WHERE sea = 'private' AND protected_until < now() - interval '5 seconds'`).
			Scan(&due); err != nil {
			t.Fatal(err)
		}
		var waiting int
		_ = conn.QueryRow(ctx, `SELECT count(*) FROM resources WHERE sea = 'private'`).Scan(&waiting)
		if waiting == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d protections past their deadline are still private (%d private in all)", due, waiting)
		}
		time.Sleep(time.Second)
	}
	var exist, ended, expiries, twice, releasesKept int
	ids := make([]int64, 0, len(entered))
	for id := range entered {
		ids = append(ids, id)
	}
	rel := make([]int64, 0, len(released))
	for id := range released {
		rel = append(rel, id)
	}
	pk := make([]int64, 0, len(picked))
	for id := range picked {
		pk = append(pk, id)
	}
	// Each acknowledged entry exists; each protection it had — its entry's,
	// and a pick's after a release — ended exactly once, by a release or by
	// its expiry; every acknowledged release and pick is in the history.
	var unbalanced, picksKept int
	if err := conn.QueryRow(ctx, `SELECT
			(SELECT count(*) FROM resources WHERE id = ANY($1)),
			(SELECT count(*) FROM resources r WHERE id = ANY($1) AND EXISTS (SELECT 1 FROM ownership_history h
				WHERE h.resource_id = r.id AND h.path IN ('expiry', 'release'))),
			(SELECT count(*) FROM ownership_history WHERE path = 'expiry' AND resource_id = ANY($1)),
			(SELECT count(*) FROM (SELECT resource_id FROM ownership_history WHERE resource_id = ANY($1) GROUP BY 1
				HAVING count(*) FILTER (WHERE path IN ('entry', 'pick')) <> count(*) FILTER (WHERE path IN ('expiry', 'release'))) x),
			(SELECT count(DISTINCT resource_id) FROM ownership_history WHERE path = 'release' AND resource_id = ANY($2)),
			(SELECT count(DISTINCT resource_id) FROM ownership_history WHERE path = 'pick' AND resource_id = ANY($3))`,
		ids, rel, pk).Scan(&exist, &ended, &expiries, &unbalanced, &releasesKept, &picksKept); err != nil {
		t.Fatal(err)
	}
	twice = unbalanced
	var dueInOutage int
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM resources r WHERE id = ANY($1)
			AND created_at + interval '15 seconds' BETWEEN $2 AND $3
			AND EXISTS (SELECT 1 FROM ownership_history h WHERE h.resource_id = r.id AND h.path = 'expiry')`,
		ids, outage, outageEnd).Scan(&dueInOutage); err != nil {
		t.Fatal(err)
	}
	if len(pk) == 0 {
		t.Error("no pick was acknowledged: the load had no picks")
	}
	if dueInOutage == 0 {
		t.Error("no protection fell due during the outage: the test proved nothing about it")
	}
	if exist != len(ids) || ended != len(ids) || twice != 0 || releasesKept != len(rel) || picksKept != len(pk) || len(ids) < 20 {
		t.Errorf("acknowledged entries %d: %d exist, %d ended (released or expired); releases acknowledged %d, kept %d; "+
			"picks acknowledged %d, kept %d; resources whose protections did not each end once: %d",
			len(ids), exist, ended, len(rel), releasesKept, len(pk), picksKept, twice)
	}
	t.Logf("%d entries, %d releases and %d picks acknowledged over both APIs; all exist; %d protections expired, each "+
		"once, %d of them due during the outage; /readyz 503 during the outage, 200 after", len(ids), len(rel), len(pk),
		expiries, dueInOutage)
}

// tryLogin signs in without failing the test: an API being killed gives no
// answer.
func tryLogin(base, username string) (string, bool) {
	body := strings.NewReader(fmt.Sprintf(`{"username":%q,"password":"cluster-test"}`, username))
	resp, err := http.Post(base+"/api/v1/auth/login", "application/json", body)
	if err != nil {
		return "", false
	}
	defer resp.Body.Close()
	var out struct {
		Token string `json:"token"`
	}
	if resp.StatusCode != 200 || json.NewDecoder(resp.Body).Decode(&out) != nil {
		return "", false
	}
	return out.Token, true
}

// releaseRaw releases a resource without failing the test; true when the
// answer was 200.
func releaseRaw(c apitest.Client, id int64) bool {
	req, _ := http.NewRequest("POST", c.Base+"/api/v1/resources/"+itoa(id)+"/release", strings.NewReader(`{"reason":"集群测试"}`))
	req.Header.Set("Authorization", "Bearer "+c.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == 200
}

// pickRaw picks a public resource without failing the test; true when the
// answer was 200.
func pickRaw(c apitest.Client, id int64) bool {
	req, _ := http.NewRequest("POST", c.Base+"/api/v1/resources/"+itoa(id)+"/pick", nil)
	req.Header.Set("Authorization", "Bearer "+c.Token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.StatusCode == 200
}
