package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/devserver"
	"github.com/tide-crm/tide/sheet/sheettest"
	"github.com/tide-crm/tide/store/dbtest"
)

// BenchmarkImport measures a 10,000-row import against entering and
// searching companies one by one through the API, in the same run, on the
// production build (`tide api` and `tide worker` processes, Temporal beside
// them, PostgreSQL). Rates are rows (or requests) a second:
//
//   - check_rows/s: uploading a 10,000-row xlsx until the check answers
//     (check_csv_rows/s: the same as CSV with a BOM); search_1by1/s: POST
//     /api/v1/collisions/search for 1,000 of its rows, one after the
//     other, from one client.
//
//   - commit_public_rows/s: sales support's commit into the public sea,
//     from the commit to the last row's result; commit_mine_rows/s: a rep's
//     commit of another 10,000 rows into their own sea (capacity raised),
//     and commit_mine_protected/s until the outbox has started every
//     row's protection workflow.
//
//   - enter_1by1/s: POST /api/v1/resources for 1,000 other companies one
//     after the other from one client (enter_1by1_protected/s: until their
//     protections have started); enter_4clients/s: the same from four.
//
//     go test ./e2e -run '^$' -bench '^BenchmarkImport$' -benchtime 1x -count 1 -timeout 30m
func BenchmarkImport(b *testing.B) {
	base, dbURL := prodStack(b)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	// drained waits until the outbox has started every protection.
	drained := func() {
		for {
			var n int
			if err := conn.QueryRow(ctx, `SELECT count(*) FROM outbox`).Scan(&n); err != nil {
				b.Fatal(err)
			}
			if n == 0 {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	anon := apitest.Client{T: b, Base: base}
	admin := anon.Login("admin", "tide-demo")
	admin.Do("POST", "/api/v1/rules/capacity.limit/versions", map[string]any{"expression": "1000000", "comment": "benchmark"}, 201, nil)
	admin.Do("POST", "/api/v1/rules/capacity.limit/versions/2/activate", nil, 200, nil)
	support, rep1, rep2 := anon.Login("support", "tide-demo"), anon.Login("rep1", "tide-demo"), anon.Login("rep2", "tide-demo")
	const n, sample = 10000, 1000
	file := func(series string, base int) []byte {
		rows := make([]sheettest.Row, n)
		for i := range rows {
			rows[i] = sheettest.Company(series, base, i)
		}
		return sheettest.XLSX(b, sheettest.Records(rows))
	}
	public, mine := file("公", 1000000), file("私", 2000000)
	csvRows := make([]sheettest.Row, n)
	for i := range csvRows {
		csvRows[i] = sheettest.Company("表", 5000000, i)
	}
	csvFile := sheettest.CSV(b, sheettest.Records(csvRows), true)

	for i := 0; i < b.N; i++ {
		start := time.Now()
		imp := uploadImport(b, support, "public", "public.xlsx", public)
		b.ReportMetric(rate(n, start), "check_rows/s")
		if imp.Verdicts["enter"] != n {
			b.Fatalf("check: %+v", imp.Verdicts)
		}
		start = time.Now()
		if imp := uploadImport(b, support, "public", "public.csv", csvFile); imp.Verdicts["enter"] != n {
			b.Fatalf("check: %+v", imp.Verdicts)
		}
		b.ReportMetric(rate(n, start), "check_csv_rows/s")
		start = time.Now()
		for j := range sample {
			r := sheettest.Company("公", 1000000, j)
			support.Do("POST", "/api/v1/collisions/search", entryJSON(r), 200, nil)
		}
		b.ReportMetric(rate(sample, start), "search_1by1/s")

		start = time.Now()
		commitAndWait(b, support, imp.ID)
		b.ReportMetric(rate(n, start), "commit_public_rows/s")

		imp = uploadImport(b, rep1, "mine", "mine.xlsx", mine)
		start = time.Now()
		commitAndWait(b, rep1, imp.ID)
		b.ReportMetric(rate(n, start), "commit_mine_rows/s")
		drained()
		b.ReportMetric(rate(n, start), "commit_mine_protected/s")

		start = time.Now()
		for j := range sample {
			rep2.Do("POST", "/api/v1/resources", entryJSON(sheettest.Company("单", 3000000, j)), 201, nil)
		}
		b.ReportMetric(rate(sample, start), "enter_1by1/s")
		drained()
		b.ReportMetric(rate(sample, start), "enter_1by1_protected/s")
		start = time.Now()
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Go(func() {
				for j := w; j < sample; j += 4 {
					rep2.Do("POST", "/api/v1/resources", entryJSON(sheettest.Company("并", 4000000, j)), 201, nil)
				}
			})
		}
		wg.Wait()
		b.ReportMetric(rate(sample, start), "enter_4clients/s")
	}
}

// BenchmarkExport measures the export of 100,000 resources by sales
// support (every sea) from a `tide api` process of the production build:
// rows a second and the process's resident memory before (idle, after an
// export of the few demo rows) and at its peak (VmHWM) during the export.
//
//	go test ./e2e -run '^$' -bench '^BenchmarkExport$' -benchtime 1x -count 1 -timeout 30m
func BenchmarkExport(b *testing.B) {
	base, dbURL := prodStack(b)
	const n = 100000
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	support := apitest.Client{T: b, Base: base}.Login("support", "tide-demo")
	pid := apiPID(b)
	export := func(query string) int64 {
		req, _ := http.NewRequest("GET", base+"/api/v1/resources/export.xlsx"+query, nil)
		req.Header.Set("Authorization", "Bearer "+support.Token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		size, _ := io.Copy(io.Discard, resp.Body)
		if resp.StatusCode != 200 {
			b.Fatalf("export: %d", resp.StatusCode)
		}
		return size
	}
	export("?sea=all") // the demo data only: the process warmed up
	idle := rss(b, pid)
	if _, err := conn.Exec(ctx, `INSERT INTO resources (kind, name, region, company_key, name_region, trade_name, industry,
			org_form, sea, created_by)
		SELECT 'enterprise', '苏州导出' || i || '号精密电子有限公司', '苏州', '导出' || i || '号精密电子', '苏州', '导出' || i || '号',
			'精密电子', '有限公司', 'public', (SELECT id FROM users WHERE username = 'support')
		FROM generate_series(1, $1) AS i`, n); err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		start := time.Now()
		size := export("?sea=all")
		b.ReportMetric(rate(n, start), "rows/s")
		b.ReportMetric(float64(size)/(1<<20), "xlsx_MB")
	}
	b.ReportMetric(idle, "rss_idle_MB")
	b.ReportMetric(peakRSS(b, pid), "rss_peak_MB")
}

// prodStack runs a Temporal server, `tide api` and `tide worker` of the
// production build on a new database with the demo users, and answers the
// API's base URL once it is ready.
func prodStack(b *testing.B) (base, dbURL string) {
	prod, err := prodBinary()
	if err != nil {
		b.Fatal(err)
	}
	srv, err := devserver.StartTemporal(devserver.TemporalOptions{DataDir: b.TempDir(), Namespace: "default"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = srv.Stop() })
	dbURL, addr := dbtest.New(b), benchAddr(b)
	seedUsers(b, dbURL)
	env := []string{"TIDE_DATABASE_URL=" + dbURL, "TIDE_TEMPORAL_ADDRESS=" + srv.Address}
	p := startProcess(b, prod, "api", append(env, "TIDE_ADDR="+addr)...)
	benchAPIPID = p.Pid
	startProcess(b, prod, "worker", env...)
	base = "http://" + addr
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(200 * time.Millisecond) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return base, dbURL
			}
		}
		if time.Now().After(deadline) {
			b.Fatal("the API was not ready within 2 minutes")
		}
	}
}

// benchAPIPID is the pid of the api process prodStack started last.
var benchAPIPID int

func apiPID(*testing.B) int { return benchAPIPID }

func commitAndWait(b *testing.B, c apitest.Client, id int64) {
	c.Do("POST", "/api/v1/imports/"+itoa(id)+"/commit", nil, 202, nil)
	for deadline := time.Now().Add(20 * time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		var v api.ImportView
		c.Do("GET", "/api/v1/imports/"+itoa(id), nil, 200, &v)
		if v.State == "done" {
			if v.Entered != v.Total {
				b.Fatalf("import %d: %+v", id, v)
			}
			return
		}
	}
	b.Fatalf("import %d did not finish", id)
}

// entryJSON is a row as the entry form's JSON.
func entryJSON(r sheettest.Row) json.RawMessage {
	data, _ := json.Marshal(map[string]any{"kind": "enterprise", "name": r["公司名称"], "region": r["地区"],
		"contacts": []map[string]string{{"name": r["联系人"], "mobile": r["手机"]}},
		"numbers":  []map[string]string{{"type": "landline", "value": r["固话"]}}})
	return bytes.Clone(data)
}

func rate(n int, since time.Time) float64 { return float64(n) / time.Since(since).Seconds() }

// peakRSS is a process's peak resident memory in MB (VmHWM), from /proc.
func peakRSS(b *testing.B, pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	b.Fatal("no VmHWM")
	return 0
}
