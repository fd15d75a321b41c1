package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/tide-crm/tide/account"
	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/app"
	"github.com/tide-crm/tide/config"
	"github.com/tide-crm/tide/store"
)

func runAPI(ctx context.Context, args []string) error {
	cfg, _, err := parse("api", "Serve the HTTP API. PostgreSQL must be migrated (tide migrate up).",
		config.Database|config.Pool|config.HTTP|config.Temporal|config.Bootstrap|config.Metrics, args)
	if err != nil {
		return err
	}
	if err := app.CheckPorts(app.Port{Addr: cfg.Addr, Variable: "TIDE_ADDR"}, metricsPort(cfg)); err != nil {
		return err
	}
	a, err := app.Open(ctx, cfg.DatabaseURL, cfg.TemporalAddress, cfg.TemporalNamespace, store.WithPoolSize(cfg.DBPool))
	if err != nil {
		return err
	}
	defer a.Close()
	if err := bootstrap(ctx, a.Store, cfg.BootstrapAdmin, os.Getenv("TIDE_BOOTSTRAP_ADMIN_PASSWORD")); err != nil {
		return err
	}
	mx, err := serveMetrics(cfg, "api", nil)
	if err != nil {
		return err
	}
	defer mx.Close()
	srv, err := app.ServeHTTP(cfg.Addr, a.Handler(cfg.TokenTTL))
	if err != nil {
		return err
	}
	slog.Info("api listening", "component", "api", "address", "http://"+srv.Addr, "temporal", cfg.TemporalAddress)
	select {
	case <-ctx.Done():
	case <-srv.Done():
		return srv.Err()
	}
	slog.Info("draining http")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

// noUsers tells an operator how to let the first person in.
const noUsers = "no users yet: nobody can sign in. Create the first admin with " +
	"`tide user create -username admin -name Admin -role admin` (prints a password; -password-stdin reads one), " +
	"or start tide api once with TIDE_BOOTSTRAP_ADMIN=<username> and TIDE_BOOTSTRAP_ADMIN_PASSWORD=<password>"

// bootstrap creates the first admin on a database with no users, when the
// operator named one; otherwise it says how to.
func bootstrap(ctx context.Context, st *store.Store, admin, password string) error {
	n, err := st.CountUsers(ctx)
	if err != nil || n > 0 {
		return err
	}
	if admin == "" {
		slog.Warn(noUsers, "component", "api")
		return nil
	}
	if password == "" {
		return errors.New("TIDE_BOOTSTRAP_ADMIN is set but TIDE_BOOTSTRAP_ADMIN_PASSWORD is not: the first admin needs a password")
	}
	created, err := (&account.Service{Store: st}).Bootstrap(ctx, admin, password)
	if err != nil {
		return fmt.Errorf("bootstrap admin %s: %w", admin, explain(err))
	}
	if created {
		slog.Info("created the first admin", "component", "api", "username", admin)
	}
	return nil
}

func runWorker(ctx context.Context, args []string) error {
	cfg, _, err := parse("worker", "Run the Temporal worker: tide's workflows and activities.",
		config.Database|config.Pool|config.Temporal|config.WorkerMetrics|config.Worker, args)
	if err != nil {
		return err
	}
	if err := app.CheckPorts(metricsPort(cfg)); err != nil {
		return err
	}
	a, err := app.Open(ctx, cfg.DatabaseURL, cfg.TemporalAddress, cfg.TemporalNamespace, store.WithPoolSize(cfg.DBPool))
	if err != nil {
		return err
	}
	defer a.Close()
	mx, err := serveMetrics(cfg, "worker", a.Ready())
	if err != nil {
		return err
	}
	defer mx.Close()
	w := a.Worker(cfg.WorkflowCache)
	if err := w.Start(); err != nil {
		return fmt.Errorf("worker: %w", err)
	}
	slog.Info("worker started", "component", "worker", "temporal", cfg.TemporalAddress, "task_queue", "tide")
	<-ctx.Done()
	w.Stop()
	return nil
}

// metricsPort is the metrics address to check before starting ("off"
// checks nothing).
func metricsPort(cfg *config.Config) app.Port {
	addr := cfg.MetricsAddr
	if addr == "" || addr == "off" {
		addr = "127.0.0.1:0"
	}
	return app.Port{Addr: addr, Variable: "TIDE_METRICS_ADDR"}
}

// serveMetrics serves /metrics on TIDE_METRICS_ADDR and logs where.
func serveMetrics(cfg *config.Config, component string, ready map[string]api.Check) (*app.HTTPServer, error) {
	mx, err := app.ServeMetrics(cfg.MetricsAddr, ready)
	if err != nil || mx == nil {
		return mx, err
	}
	slog.Info("metrics listening", "component", component, "address", "http://"+mx.Addr+"/metrics")
	return mx, nil
}

func runMigrate(ctx context.Context, args []string) error {
	cfg, fs, err := parse("migrate", "tide migrate up      apply every pending migration\ntide migrate status  show the schema version",
		config.Database, args)
	if err != nil {
		return err
	}
	var st store.MigrationStatus
	switch fs.Arg(0) {
	case "up":
		if err := store.EnsureDatabase(ctx, cfg.DatabaseURL); err != nil {
			return err
		}
		st, err = store.Migrate(ctx, cfg.DatabaseURL)
	case "status":
		st, err = store.Status(ctx, cfg.DatabaseURL)
	default:
		fs.Usage()
		return errors.New(`migrate needs "up" or "status"`)
	}
	if err != nil {
		return err
	}
	state := "up to date"
	if st.Current < st.Latest {
		state = fmt.Sprintf("%d pending", st.Latest-st.Current)
	}
	fmt.Printf("schema version %d of %d (%s)\n", st.Current, st.Latest, state)
	return nil
}
