package imports_test

import (
	"testing"
	"time"

	"github.com/tide-crm/tide/bulk"
	"github.com/tide-crm/tide/sheet/sheettest"
)

// BenchmarkCheckAndCommit measures the check and the commit of a
// 2,000-row file in process, without Temporal (the protections' starts
// wait in the outbox), to find where an import's time goes:
//
//	go test ./imports -run '^$' -bench CheckAndCommit -benchtime 1x -cpuprofile /tmp/imports.prof
func BenchmarkCheckAndCommit(b *testing.B) {
	for _, target := range []string{bulk.TargetPublic, bulk.TargetMine} {
		b.Run(target, func(b *testing.B) {
			e := newEnv(b)
			user := map[string]string{bulk.TargetPublic: "sup", bulk.TargetMine: "rep1"}[target]
			if target == bulk.TargetMine {
				raiseCapacity(b, e)
			}
			const n = 2000
			for i := 0; i < b.N; i++ {
				rows := make([]sheettest.Row, n)
				for j := range rows {
					rows[j] = sheettest.Company(target+"批", 700000+i*n, j)
				}
				data := sheettest.XLSX(b, sheettest.Records(rows))
				start := time.Now()
				imp, err := e.check(user, target, "bench.xlsx", data)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(n)/time.Since(start).Seconds(), "check_rows/s")
				start = time.Now()
				done := e.commit(user, imp.ID)
				b.ReportMetric(float64(n)/time.Since(start).Seconds(), "commit_rows/s")
				if done.Entered != n {
					b.Fatalf("%+v", done)
				}
			}
		})
	}
}
