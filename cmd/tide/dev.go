//go:build !nodev

package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/tide-crm/tide/auth"
	"github.com/tide-crm/tide/config"
	"github.com/tide-crm/tide/devserver"
)

func runDev(ctx context.Context, args []string) error {
	cfg, _, err := parse("dev", "Run the whole system in one process: the database is created and migrated if\n"+
		"needed; an embedded Temporal server keeps its state in DATA_DIR/temporal.db (or, with -temporal-store\n"+
		"postgres, in PostgreSQL as the production shape does); the worker, the API and the Temporal Web UI start;\n"+
		"demo users are created on the first run.",
		config.Database|config.Pool|config.HTTP|config.Embedded|config.Demo|config.Metrics|config.Worker, args)
	if err != nil {
		return err
	}
	dataDir, err := filepath.Abs(cfg.DataDir)
	if err != nil {
		return err
	}
	var temporalPG *devserver.PostgresStore
	switch cfg.TemporalStore {
	case "sqlite":
	case "postgres":
		if temporalPG, err = devserver.PostgresStoreFrom(cfg.DatabaseURL); err != nil {
			return err
		}
	default:
		return fmt.Errorf("-temporal-store %q: sqlite or postgres", cfg.TemporalStore)
	}
	s, err := devserver.Start(ctx, devserver.Options{TemporalPostgres: temporalPG,
		DatabaseURL: cfg.DatabaseURL, DataDir: dataDir, Addr: cfg.Addr, Namespace: cfg.TemporalNamespace,
		TemporalPort: cfg.TemporalPort, UIPort: cfg.TemporalUIPort, TokenTTL: cfg.TokenTTL, MetricsAddr: cfg.MetricsAddr,
		DemoPassword: cfg.DemoPassword, DemoCost: auth.Cost, DBPool: cfg.DBPool, WorkflowCache: cfg.WorkflowCache,
	})
	if err != nil {
		return err
	}
	fmt.Printf("\ntide is running at http://%s\n"+
		"  log in:  curl -s -X POST http://%s/api/v1/auth/login -H 'Content-Type: application/json' \\\n"+
		"             -d '{\"username\":\"rep1\",\"password\":\"%s\"}'\n"+
		"  users:   admin, support, rep1, rep2, rep3, assistant1, assistant2 (password from TIDE_DEMO_PASSWORD)\n",
		s.HTTP.Addr, s.HTTP.Addr, cfg.DemoPassword)
	if s.UI != nil {
		fmt.Printf("  Temporal Web UI: %s\n", s.UI.Address)
	}
	if s.Metrics != nil {
		fmt.Printf("  metrics: http://%s/metrics\n", s.Metrics.Addr)
	}
	fmt.Println("  stop:    Ctrl-C")
	select {
	case <-ctx.Done():
	case <-s.HTTP.Done():
		slog.Error("api stopped", "err", s.HTTP.Err())
	}
	slog.Info("shutting down: draining http, then worker, then temporal")
	return s.Stop(context.Background())
}
