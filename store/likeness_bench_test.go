package store_test

import (
	"context"
	"testing"
)

// BenchmarkKeyLikeness measures the backfill of the likeness index (what
// every process runs at its start after the upgrade that brings it, or a
// new likeness.KeysVersion) over the -bench.resources database: all keys
// dropped, then KeyLikeness in batches of 500. It reports resources/s.
func BenchmarkKeyLikeness(b *testing.B) {
	ctx := context.Background()
	_, s, pool := openBench(b, *benchResources)
	for b.Loop() {
		b.StopTimer()
		if _, err := pool.Exec(ctx, `TRUNCATE likeness_keys; UPDATE resources SET likeness_keyed = 0`); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		n, err := s.KeyLikeness(ctx, 500)
		if err != nil || n != *benchResources {
			b.Fatalf("keyed %d of %d: %v", n, *benchResources, err)
		}
	}
	b.ReportMetric(float64(*benchResources)*float64(b.N)/b.Elapsed().Seconds(), "resources/s")
}
