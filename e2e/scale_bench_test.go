package e2e

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"go.temporal.io/sdk/client"
	"golang.org/x/crypto/bcrypt"

	"github.com/tide-crm/tide/api/apitest"
	"github.com/tide-crm/tide/auth"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/rules"
)

var (
	scaleOpen  = flag.Int("scale", 100_000, "BenchmarkScale: protections (24-month workflows) to create")
	scaleStorm = flag.Int("scale.storm", 10_000, "BenchmarkScale: deadlines falling due in the same minute")
	scaleBurst = flag.Int("scale.burst", 2_000, "BenchmarkScale: entries of the API burst, and starts of the SDK loop")
)

// stormRegion marks the storm's resources: protection.until gives them
// all one deadline, and expiry.reminder_before no reminder.
const stormRegion = "风暴"

// BenchmarkScale measures what one box holds, for each Temporal store
// (SQLite as tide dev embeds it; PostgreSQL as in production), on the
// production processes — one `tide api`, one `tide worker` (-tags nodev) —
// and a Temporal server in the benchmark's process:
//
//   - create: -scale protections entered through sea.Service from 16
//     goroutines (the services in bulk, no HTTP), each a 24-month
//     workflow: seconds until the api's and worker's dispatchers have
//     started them all, and until the worker has run every first task
//     (no workflow task backlog: every timer set); the worker's RSS
//     after, Temporal's state on disk;
//
//   - restart: the whole stack stopped and started again, to /readyz 200;
//
//   - storm: -scale.storm more protections whose deadlines all fall at one
//     instant; seconds from that instant to the last expiry, each checked
//     to have happened exactly once;
//
//   - burst: -scale.burst entries over HTTP from 16 clients, until their
//     workflows are started, against a bare SDK start loop (16 goroutines)
//     on the same Temporal.
//
//     go test ./e2e -run '^$' -bench '^BenchmarkScale$' -benchtime 1x -timeout 180m -scale 100000 -v
func BenchmarkScale(b *testing.B) {
	if _, err := prodBinary(); err != nil {
		b.Fatal(err)
	}
	for _, store := range []string{"sqlite", "postgres"} {
		b.Run(store, func(b *testing.B) { benchScale(b, newScaleStack(b, store == "postgres")) })
	}
}

func benchScale(b *testing.B, s *scaleStack) {
	reps := scaleReps(b, s)
	s.analyzeEvery(30 * time.Second)
	admin := apitest.Client{T: b, Base: "http://" + s.addr}.Login("admin", "tide-demo")
	setRule(admin, "capacity.limit", "1000000")
	setRule(admin, "expiry.reminder_before", fmt.Sprintf(`resource.region == %q ? duration("0s") : %s`,
		stormRegion, rules.DefaultExpiryReminderBefore))
	time.Sleep(2 * time.Second) // the benchmark's rule set hears of the versions

	// create
	rssBefore := rss(b, s.worker.cmd.Process.Pid)
	t0 := time.Now()
	s.enter(reps, 0, *scaleOpen, "杭州")
	answered := time.Since(t0)
	s.waitOutbox(2 * time.Hour)
	started := time.Since(t0)
	s.waitBacklog(4 * time.Hour)
	created := time.Since(t0)
	open := s.openProtections(int64(*scaleOpen))
	time.Sleep(10 * time.Second)
	report(b, started.Seconds(), "started_s")
	report(b, created.Seconds(), "create_s")
	report(b, float64(*scaleOpen)/created.Seconds(), "created/s")
	report(b, float64(*scaleOpen)/answered.Seconds(), "entered/s")
	report(b, float64(open), "open")
	report(b, rssBefore, "worker_rss_start_MB")
	report(b, rss(b, s.worker.cmd.Process.Pid), "worker_rss_MB")
	report(b, rss(b, s.api.cmd.Process.Pid), "api_rss_MB")
	report(b, s.temporalMB(), "temporal_db_MB")
	report(b, s.databaseMB(dbName(s.dbURL)), "tide_db_MB")
	if open != int64(*scaleOpen) {
		b.Errorf("Temporal counts %d open protections, want %d", open, *scaleOpen)
	}

	// restart
	t0 = time.Now()
	s.stop()
	report(b, time.Since(t0).Seconds(), "stop_s")
	t0 = time.Now()
	s.start()
	report(b, time.Since(t0).Seconds(), "restart_to_ready_s")

	s.storm(b, admin, reps, float64(*scaleOpen)/created.Seconds())
	s.burst(b, reps)
}

// scaleReps creates 16 reps (password tide-demo) and signs each in.
func scaleReps(b *testing.B, s *scaleStack) []scaleRep {
	ctx := context.Background()
	hash, err := auth.HashPassword("tide-demo", bcrypt.MinCost)
	if err != nil {
		b.Fatal(err)
	}
	anon := apitest.Client{T: b, Base: "http://" + s.addr}
	var reps []scaleRep
	for i := 1; i <= 16; i++ {
		u := people.NewUser{Username: fmt.Sprintf("scale%02d", i), Name: fmt.Sprintf("Scale %d", i), Role: people.RoleRep, PasswordHash: hash}
		if _, err := s.st.EnsureUser(ctx, u); err != nil {
			b.Fatal(err)
		}
		user, err := s.st.UserByUsername(ctx, u.Username)
		if err != nil {
			b.Fatal(err)
		}
		reps = append(reps, scaleRep{User: user, http: anon.Login(u.Username, "tide-demo")})
	}
	return reps
}

type scaleRep struct {
	people.User
	http apitest.Client
}

// setRule adds a version of a rule and activates it (no re-apply).
func setRule(admin apitest.Client, rule, expression string) {
	var v struct {
		Version int `json:"version"`
	}
	admin.Do("POST", "/api/v1/rules/"+rule+"/versions", map[string]any{"expression": expression, "comment": "benchmark"}, 201, &v)
	admin.Do("POST", "/api/v1/rules/"+rule+"/versions/"+strconv.Itoa(v.Version)+"/activate", nil, 200, nil)
}

// enter enters companies from … from+n-1 through the service from 16
// goroutines, spread over the reps.
func (s *scaleStack) enter(reps []scaleRep, from, n int, region string) {
	var failed atomic.Value
	parallel(16, n, func(i int) {
		name, landline, mobile := body(int64(from + i + 1))
		_, err := s.seas.Enter(context.Background(), reps[i%len(reps)].User, intake.Entry{Kind: "enterprise", Name: name,
			Region: region, Contacts: []intake.EntryContact{{Name: "王经理", Title: "采购", Mobile: mobile}},
			Numbers: []intake.EntryNumber{{Type: "landline", Value: landline}}})
		if err != nil {
			failed.Store(fmt.Errorf("entry %d: %w", from+i+1, err))
		}
	})
	if err, _ := failed.Load().(error); err != nil {
		s.b.Fatal(err)
	}
}

// sdkStarts starts n workflows with the bare SDK from 16 goroutines, to a
// queue no worker polls, and returns the rate.
func (s *scaleStack) sdkStarts(n int) float64 {
	var failed atomic.Value
	t0 := time.Now()
	parallel(16, n, func(i int) {
		_, err := s.tc.ExecuteWorkflow(context.Background(), client.StartWorkflowOptions{
			ID: fmt.Sprintf("bench-start/%d", i), TaskQueue: "bench-unpolled"}, "BenchNothing")
		if err != nil {
			failed.Store(err)
		}
	})
	if err, _ := failed.Load().(error); err != nil {
		s.b.Fatal(err)
	}
	return float64(n) / time.Since(t0).Seconds()
}
