package e2e

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/rules"
)

// storm enters -scale.storm protections whose deadlines protection.until
// puts all at one instant, far enough ahead for every workflow to be
// started and to have set its timer before it, at the rate the creation
// measured, and reports
// how long after that instant the last one expired. Each must have expired
// exactly once: one expiry in its history, back in the public sea.
func (s *scaleStack) storm(b *testing.B, admin apitest.Client, reps []scaleRep, rate float64) {
	n := *scaleStorm
	lead := time.Minute + time.Duration(3*float64(n)/rate*float64(time.Second))
	at := time.Now().Add(max(lead, 2*time.Minute)).Truncate(time.Second).UTC()
	setRule(admin, "protection.until", fmt.Sprintf(`resource.region == %q ? date(%q) : %s`,
		stormRegion, at.Format(time.RFC3339), rules.DefaultProtectionUntil))
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		d, err := s.rs.ProtectionUntil(rules.ProtectionEnv{Now: time.Now(), Resource: rules.Resource{Region: stormRegion}})
		if err == nil && d.Value.Equal(at) {
			break
		}
		if time.Now().After(deadline) {
			b.Fatalf("the benchmark's rules did not hear of the storm's version: %v %v", d.Value, err)
		}
	}
	s.enter(reps, *scaleOpen, n, stormRegion)
	s.waitOutbox(time.Hour)
	s.waitBacklog(time.Hour)
	ahead := time.Until(at)
	report(b, ahead.Seconds(), "storm_started_ahead_s")
	if ahead <= 0 {
		b.Logf("the storm's workflows were not all started before their deadline (%s late)", -ahead)
	}

	ctx := context.Background()
	var expired, distinct, public int
	var last, p50 float64
	for deadline := at.Add(time.Hour); ; time.Sleep(time.Second) {
		err := s.pool.QueryRow(ctx, `SELECT count(*), count(DISTINCT h.resource_id),
				coalesce(max(extract(epoch FROM h.at - $2::timestamptz)::float8), 0),
				coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h.at - $2::timestamptz)::float8), 0)
			FROM ownership_history h JOIN resources r ON r.id = h.resource_id
			WHERE r.region = $1 AND h.path = 'expiry'`, stormRegion, at).Scan(&expired, &distinct, &last, &p50)
		if err != nil {
			b.Fatal(err)
		}
		if expired >= n || time.Now().After(deadline) {
			break
		}
	}
	time.Sleep(5 * time.Second) // a second expiry of one of them would show now
	err := s.pool.QueryRow(ctx, `SELECT
			(SELECT count(*) FROM ownership_history h JOIN resources r ON r.id = h.resource_id
				WHERE r.region = $1 AND h.path = 'expiry'),
			(SELECT count(*) FROM resources WHERE region = $1 AND sea = 'public')`, stormRegion).Scan(&expired, &public)
	if err != nil {
		b.Fatal(err)
	}
	report(b, last, "storm_drain_s")
	report(b, p50, "storm_p50_s")
	report(b, float64(n)/last, "expiries/s")
	if expired != n || distinct != n || public != n {
		b.Errorf("storm of %d: %d expiries of %d resources, %d in the public sea; want each once", n, expired, distinct, public)
	}
	if open := s.openProtections(int64(*scaleOpen)); open != int64(*scaleOpen) {
		b.Errorf("after the storm Temporal counts %d open protections, want %d", open, *scaleOpen)
	}
}

// burst enters -scale.burst companies over HTTP from 16 clients and reports
// the rate of entries whose workflows have started (the last answer to an
// empty outbox included), beside a bare SDK start loop of as many
// workflows on the same Temporal just before.
func (s *scaleStack) burst(b *testing.B, reps []scaleRep) {
	n := *scaleBurst
	sdk := s.sdkStarts(n)
	from := *scaleOpen + *scaleStorm
	var failed atomic.Value
	t0 := time.Now()
	parallel(16, n, func(i int) {
		name, landline, mobile := body(int64(from + i + 1))
		if err := post(reps[i%len(reps)].http, "/api/v1/resources", enterJSON(name, landline, mobile), 201, nil); err != nil {
			failed.Store(err)
		}
	})
	answered := time.Since(t0)
	if err, _ := failed.Load().(error); err != nil {
		b.Fatal(err)
	}
	s.waitOutbox(30 * time.Minute)
	started := time.Since(t0)
	report(b, sdk, "sdk_starts/s")
	report(b, float64(n)/answered.Seconds(), "api_answered/s")
	report(b, float64(n)/started.Seconds(), "api_started/s")
	report(b, float64(n)/started.Seconds()/sdk, "api_vs_sdk")
}

// dbName is the database of a PostgreSQL URL.
func dbName(dbURL string) string {
	u, _ := url.Parse(dbURL)
	return strings.TrimPrefix(u.Path, "/")
}

// report is b.ReportMetric that also prints the figure to stderr when it is
// measured (a benchmark's own log appears only when it ends), so that a run
// of an hour or more stopped in a later phase still says what its earlier
// phases measured.
func report(b *testing.B, value float64, unit string) {
	fmt.Fprintf(os.Stderr, "%s %s %s = %.4g\n", time.Now().Format("15:04:05"), b.Name(), unit, value)
	b.ReportMetric(value, unit)
}
