package devserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"time"

	sdkworker "go.temporal.io/sdk/worker"

	"github.com/tide-crm/tide/app"
	"github.com/tide-crm/tide/store"
)

// Options configures the whole dev system.
type Options struct {
	DatabaseURL  string
	DataDir      string
	Addr         string // API listen address; port 0 picks a free one
	Namespace    string
	TemporalPort int // 0 picks a free one
	// TemporalPostgres, when set, keeps Temporal's state in PostgreSQL as
	// the production shape does; nil keeps it in DataDir/temporal.db.
	TemporalPostgres *PostgresStore
	UIPort           int    // 0 turns the Web UI off
	MetricsAddr      string // where /metrics is served; "" or "off" serves none
	TokenTTL         time.Duration
	DBPool           int // most connections of the main pool; 0: store.DefaultPoolSize
	WorkflowCache    int // workflow executions kept in memory; 0: worker.DefaultWorkflowCache
	// DemoPassword, when set, creates the demo users (DemoUsers) that do not
	// exist yet, hashed at DemoCost, before the API accepts logins.
	DemoPassword string
	DemoCost     int
}

// Stack is the running dev system.
type Stack struct {
	Temporal *Temporal
	UI       *UI // nil when off
	App      *app.App
	Worker   sdkworker.Worker
	HTTP     *app.HTTPServer
	Metrics  *app.HTTPServer // nil when off
}

// Start creates and migrates the database, then starts Temporal, the UI,
// the worker and the API, logging one line per component.
func Start(ctx context.Context, o Options) (_ *Stack, err error) {
	ports := []app.Port{{Addr: o.Addr, Variable: "TIDE_ADDR"},
		{Addr: net.JoinHostPort(host, strconv.Itoa(o.TemporalPort)), Variable: "TIDE_TEMPORAL_PORT"}}
	if o.UIPort != 0 {
		ports = append(ports, app.Port{Addr: net.JoinHostPort(host, strconv.Itoa(o.UIPort)), Variable: "TIDE_TEMPORAL_UI_PORT"})
	}
	if o.MetricsAddr != "" && o.MetricsAddr != "off" {
		ports = append(ports, app.Port{Addr: o.MetricsAddr, Variable: "TIDE_METRICS_ADDR"})
	}
	if err := app.CheckPorts(ports...); err != nil {
		return nil, err
	}
	s := &Stack{}
	defer func() {
		if err != nil {
			s.Stop(context.Background())
		}
	}()
	if err := store.EnsureDatabase(ctx, o.DatabaseURL); err != nil {
		return nil, err
	}
	ms, err := store.Migrate(ctx, o.DatabaseURL)
	if err != nil {
		return nil, err
	}
	slog.Info("postgres ready", "component", "postgres", "schema_version", ms.Current)

	if s.Temporal, err = StartTemporal(TemporalOptions{DataDir: o.DataDir, Port: o.TemporalPort, Namespace: o.Namespace,
		Postgres: o.TemporalPostgres}); err != nil {
		return nil, err
	}
	slog.Info("temporal server started", "component", "temporal", "address", s.Temporal.Address, "data_dir", o.DataDir)

	if o.UIPort != 0 {
		s.UI = StartUI(o.UIPort, s.Temporal.Address, o.Namespace)
		slog.Info("temporal ui started", "component", "temporal-ui", "address", s.UI.Address)
	}

	if s.App, err = app.Open(ctx, o.DatabaseURL, s.Temporal.Address, o.Namespace, store.WithPoolSize(o.DBPool)); err != nil {
		return nil, err
	}
	if o.DemoPassword != "" {
		created, err := SeedDemoUsers(ctx, s.App.Store, o.DemoPassword, o.DemoCost)
		if err != nil {
			return nil, err
		}
		if len(created) > 0 {
			slog.Info("demo users created", "component", "demo", "users", created)
		}
	}
	s.Worker = s.App.Worker(o.WorkflowCache)
	if err := s.Worker.Start(); err != nil {
		s.Worker = nil
		return nil, fmt.Errorf("worker: %w", err)
	}
	slog.Info("worker started", "component", "worker", "task_queue", "tide")

	if s.Metrics, err = app.ServeMetrics(o.MetricsAddr, nil); err != nil {
		return nil, err
	}
	if s.Metrics != nil {
		slog.Info("metrics listening", "component", "metrics", "address", "http://"+s.Metrics.Addr+"/metrics")
	}
	if s.HTTP, err = app.ServeHTTP(o.Addr, s.App.Handler(o.TokenTTL)); err != nil {
		return nil, err
	}
	slog.Info("api listening", "component", "api", "address", "http://"+s.HTTP.Addr)
	return s, nil
}

// Stop drains HTTP, then stops the worker, the client, the UI and the
// server, in that order, so no request or task is cut off mid-way.
func (s *Stack) Stop(ctx context.Context) error {
	var errs []error
	if s.Temporal != nil {
		// From here the server reports its clients' goodbyes (cancelled
		// polls) as errors; they are the stop working.
		s.Temporal.log.stopping.Store(true)
	}
	if s.HTTP != nil {
		sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		errs = append(errs, s.HTTP.Shutdown(sctx))
		cancel()
	}
	s.Metrics.Close()
	if s.Worker != nil {
		s.Worker.Stop()
	}
	if s.App != nil {
		s.App.Close()
	}
	if s.UI != nil {
		s.UI.Stop()
	}
	if s.Temporal != nil {
		errs = append(errs, s.Temporal.Stop())
	}
	return errors.Join(errs...)
}
