package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/internal/latency"
)

// benchHTTP keeps enough idle connections for 16 concurrent clients, so a
// benchmark measures requests, not TCP handshakes.
var benchHTTP = &http.Client{Transport: &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64}, Timeout: time.Minute}

// throughput runs op b.N times from c goroutines and reports ops/s and the
// p50 and p99 of one call.
func throughput(b *testing.B, c int, op func(n int) error) {
	times := make([]time.Duration, b.N)
	var failed atomic.Value
	b.ResetTimer()
	t0 := time.Now()
	parallel(c, b.N, func(i int) {
		s := time.Now()
		if err := op(i); err != nil {
			failed.Store(err)
		}
		times[i] = time.Since(s)
	})
	elapsed := time.Since(t0)
	b.StopTimer()
	if err, _ := failed.Load().(error); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "ops/s")
	latency.Report(b, times)
}

// parallel calls do(0 … n-1) from c goroutines.
func parallel(c, n int, do func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range c {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				do(i)
			}
		})
	}
	wg.Wait()
}

// enterJSON is an entry's body with a contact's mobile and a landline.
func enterJSON(name, landline, mobile string) string {
	return fmt.Sprintf(`{"kind":"enterprise","name":%q,"region":"杭州","contacts":[{"name":"王经理","title":"采购","mobile":%q}],
		"numbers":[{"type":"landline","value":%q}]}`, name, mobile, landline)
}

// post sends body as c and decodes the answer into out, returning an error
// (not failing the benchmark: it may run on any goroutine) unless the
// status is want.
func post(c apitest.Client, path, body string, want int, out any) error {
	req, err := http.NewRequest("POST", c.Base+path, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	return benchSend(c, req, want, out)
}

func get(c apitest.Client, path string) error {
	req, err := http.NewRequest("GET", c.Base+path, nil)
	if err != nil {
		return err
	}
	return benchSend(c, req, 200, nil)
}

func benchSend(c apitest.Client, req *http.Request, want int, out any) error {
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := benchHTTP.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != want {
		return fmt.Errorf("%s %s: %d, want %d: %s", req.Method, req.URL.Path, resp.StatusCode, want, data)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}
