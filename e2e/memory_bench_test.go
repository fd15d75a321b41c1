package e2e

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"golang.org/x/crypto/bcrypt"

	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/devserver"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
)

// BenchmarkMemory measures resident memory against open workflows. Each
// sub-benchmark enters b.N companies through the API from 16 clients, waits
// until the outbox has started every workflow and the worker is idle, and
// reports the RSS of the process measured before and after:
//
//   - dev_cache_2000: `tide dev` (the dev build, as the README starts it,
//     embedded Temporal included), workflow cache at its default;
//
//   - worker_cache_2000 and worker_cache_10000: `tide worker` of the
//     production build (-tags nodev), beside a `tide api` of the same build,
//     both on a Temporal server this test runs, with the workflow cache at
//     the default and at the SDK's own default.
//
//     go test ./e2e -run '^$' -bench '^BenchmarkMemory$' -benchtime 10000x -count 1 -timeout 60m
func BenchmarkMemory(b *testing.B) {
	dir := b.TempDir()
	dev := filepath.Join(dir, "tide")
	if out, err := exec.Command("go", "build", "-o", dev, "../cmd/tide").CombinedOutput(); err != nil {
		b.Fatalf("build tide: %v\n%s", err, out)
	}
	prod, err := prodBinary()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("dev_cache_2000", func(b *testing.B) {
		dbURL, addr := dbtest.New(b), benchAddr(b)
		p := startProcess(b, dev, "dev", "TIDE_DATABASE_URL="+dbURL, "TIDE_DATA_DIR="+b.TempDir(), "TIDE_ADDR="+addr,
			"TIDE_TEMPORAL_PORT="+portOf(benchAddr(b)), "TIDE_TEMPORAL_UI_PORT=0", "TIDE_DEMO_PASSWORD=tide-demo")
		openWorkflows(b, dbURL, "http://"+addr, p)
	})
	for _, cache := range []int{2000, 10000} {
		b.Run(fmt.Sprintf("worker_cache_%d", cache), func(b *testing.B) {
			srv, err := devserver.StartTemporal(devserver.TemporalOptions{DataDir: b.TempDir(), Namespace: "default"})
			if err != nil {
				b.Fatal(err)
			}
			defer srv.Stop()
			dbURL, addr := dbtest.New(b), benchAddr(b)
			seedUsers(b, dbURL)
			env := []string{"TIDE_DATABASE_URL=" + dbURL, "TIDE_TEMPORAL_ADDRESS=" + srv.Address}
			startProcess(b, prod, "api", append(env, "TIDE_ADDR="+addr)...)
			metrics := benchAddr(b)
			w := startProcess(b, prod, "worker", append(env, "TIDE_WORKFLOW_CACHE="+strconv.Itoa(cache), "TIDE_METRICS_ADDR="+metrics)...)
			openWorkflows(b, dbURL, "http://"+addr, w)
			b.ReportMetric(goroutines(b, "http://"+metrics+"/metrics"), "goroutines")
		})
	}
}

// startProcess runs `bin cmd` with env added (metrics off, warnings only)
// and stops it when the benchmark ends.
func startProcess(b *testing.B, bin, cmd string, env ...string) *os.Process {
	c := exec.Command(bin, cmd)
	c.Env = append(append(os.Environ(), "TIDE_METRICS_ADDR=off", "TIDE_LOG_LEVEL=warn"), env...) // the last wins
	if err := c.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = c.Process.Signal(os.Interrupt); _ = c.Wait() })
	return c.Process
}

// seedUsers creates what a production database would have been given by
// its admins: an admin and three reps, with the demo password.
func seedUsers(b *testing.B, dbURL string) {
	ctx := context.Background()
	st, err := store.Open(ctx, dbURL)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := devserver.SeedDemoUsers(ctx, st, "tide-demo", bcrypt.MinCost); err != nil {
		b.Fatal(err)
	}
}

// openWorkflows waits for the API at base, enters b.N companies and
// reports the RSS of p before and after.
func openWorkflows(b *testing.B, dbURL, base string, p *os.Process) {
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(200 * time.Millisecond) {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			b.Fatal("the API was not ready within 2 minutes")
		}
	}
	anon := apitest.Client{T: b, Base: base}
	admin := anon.Login("admin", "tide-demo")
	admin.Do("POST", "/api/v1/rules/capacity.limit/versions", map[string]any{"expression": "1000000", "comment": "benchmark"}, 201, nil)
	admin.Do("POST", "/api/v1/rules/capacity.limit/versions/2/activate", nil, 200, nil)
	reps := []apitest.Client{anon.Login("rep1", "tide-demo"), anon.Login("rep2", "tide-demo"), anon.Login("rep3", "tide-demo")}
	time.Sleep(5 * time.Second) // settle after start
	before := rss(b, p.Pid)
	throughput(b, 16, func(i int) error {
		name, landline, mobile := body(int64(i) + 1)
		return post(reps[i%len(reps)], "/api/v1/resources", enterJSON(name, landline, mobile), 201, nil)
	})
	conn, err := pgx.Connect(context.Background(), dbURL)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(context.Background())
	for deadline := time.Now().Add(10 * time.Minute); ; time.Sleep(time.Second) {
		var waiting int
		if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM outbox`).Scan(&waiting); err != nil {
			b.Fatal(err)
		}
		if waiting == 0 {
			break
		}
		if time.Now().After(deadline) {
			b.Fatalf("%d commands still in the outbox after 10 minutes", waiting)
		}
	}
	time.Sleep(10 * time.Second) // the worker runs each new workflow's first task
	after := rss(b, p.Pid)
	b.ReportMetric(before, "rss_start_MB")
	b.ReportMetric(after, "rss_after_MB")
	b.ReportMetric((after-before)*10000/float64(b.N), "MB_per_10k")
}

// goroutines reads go_goroutines from a process's metrics.
func goroutines(b *testing.B, url string) float64 {
	resp, err := http.Get(url)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "go_goroutines "); ok {
			n, _ := strconv.ParseFloat(v, 64)
			return n
		}
	}
	b.Fatal("no go_goroutines")
	return 0
}

// rss is a process's resident memory in MB, from /proc.
func rss(b *testing.B, pid int) float64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	b.Fatal("no VmRSS")
	return 0
}

func benchAddr(b *testing.B) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func portOf(addr string) string { _, p, _ := net.SplitHostPort(addr); return p }
