// Package latency times a benchmark's operations one by one and reports
// their percentiles beside ns/op, which is a mean that one stall moves.
// The benchmarks of sea, web and e2e use it; store's collision search
// keeps its own, whose inputs advance across sub-benchmarks.
package latency

import (
	"slices"
	"testing"
	"time"
)

// Measure calls op warm times untimed (connections, prepared statements,
// caches), then b.N times timed with i from 0, and reports the p50 and p99
// of one call (nearest rank) in µs as p50_us and p99_us. The warming calls
// get i from b.N on, so they use inputs the timed calls do not.
func Measure(b *testing.B, warm int, op func(i int) error) {
	b.Helper()
	for i := range warm {
		if err := op(b.N + i); err != nil {
			b.Fatal(err)
		}
	}
	times := make([]time.Duration, b.N)
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		if err := op(i); err != nil {
			b.Fatal(err)
		}
		times[i] = time.Since(t0)
	}
	b.StopTimer()
	Report(b, times)
}

// Report sorts times and reports their p50 and p99 in µs.
func Report(b *testing.B, times []time.Duration) {
	slices.Sort(times)
	b.ReportMetric(Percentile(times, 0.50), "p50_us")
	b.ReportMetric(Percentile(times, 0.99), "p99_us")
}

// Percentile is the p-th quantile (0 < p ≤ 1, nearest rank) of sorted
// durations, in µs.
func Percentile(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	return float64(sorted[min(len(sorted)-1, int(p*float64(len(sorted))))].Nanoseconds()) / 1e3
}
