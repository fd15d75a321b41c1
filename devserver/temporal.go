// Package devserver runs the whole of tide in one process for development
// and tests: an embedded Temporal server whose state is a SQLite file (so
// workflows and timers survive a restart), the Temporal Web UI, the worker
// and the API. It links the Temporal server (~150 MB), so only the dev
// command and the end-to-end tests import it; `tide api` and `tide worker`
// in a binary built with -tags nodev do not contain it.
package devserver

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"time"

	"go.temporal.io/server/common/cluster"
	"go.temporal.io/server/common/config"
	tlog "go.temporal.io/server/common/log"
	"go.temporal.io/server/common/metrics"
	sqliteplugin "go.temporal.io/server/common/persistence/sql/sqlplugin/sqlite"
	sqliteschema "go.temporal.io/server/schema/sqlite"
	"go.temporal.io/server/temporal"
)

// TemporalOptions configures the embedded Temporal server.
type TemporalOptions struct {
	DataDir   string // the SQLite file lives here as temporal.db
	Port      int    // frontend gRPC port; 0 picks a free one
	Namespace string // created on first start
	Logger    *slog.Logger
}

// Temporal is a running embedded Temporal server.
type Temporal struct {
	srv     temporal.Server
	lock    *os.File
	Address string // frontend host:port
}

const host = "127.0.0.1"

// StartTemporal starts a single-process Temporal server on SQLite. Every
// internal port (history, matching, worker, membership, metrics, pprof) is
// picked free, so several instances share a machine.
func StartTemporal(o TemporalOptions) (*Temporal, error) {
	if err := os.MkdirAll(o.DataDir, 0o755); err != nil {
		return nil, fmt.Errorf("devserver: data dir: %w", err)
	}
	lock, err := lockDataDir(o.DataDir)
	if err != nil {
		return nil, err
	}
	t := &Temporal{lock: lock}
	defer func() {
		if t.srv == nil {
			lock.Close()
		}
	}()
	dbPath := filepath.Join(o.DataDir, "temporal.db")
	if o.Port == 0 {
		o.Port = freePort()
	}
	sql := &config.SQL{
		PluginName:   sqliteplugin.PluginName,
		DatabaseName: dbPath,
		// WAL lets readers run beside the writer; rwc creates the file.
		ConnectAttributes: map[string]string{"mode": "rwc", "_journal_mode": "wal", "_synchronous": "normal"},
	}
	if _, err := os.Stat(dbPath); errors.Is(err, os.ErrNotExist) {
		if err := sqliteschema.SetupSchema(sql); err != nil {
			return nil, fmt.Errorf("devserver: temporal schema: %w", err)
		}
	} else if err := forgetMembership(dbPath); err != nil {
		return nil, err
	}
	ns, err := sqliteschema.NewNamespaceConfig("active", o.Namespace, false, nil)
	if err != nil {
		return nil, fmt.Errorf("devserver: namespace: %w", err)
	}
	if err := sqliteschema.CreateNamespaces(sql, ns); err != nil {
		return nil, fmt.Errorf("devserver: namespace: %w", err)
	}
	cfg := serverConfig(sql, o.Port)
	srv, err := temporal.NewServer(
		temporal.WithConfig(cfg),
		temporal.ForServices(temporal.DefaultServices),
		temporal.WithLogger(quietLogger()),
	)
	if err != nil {
		return nil, fmt.Errorf("devserver: temporal: %w", err)
	}
	if err := srv.Start(); err != nil {
		return nil, fmt.Errorf("devserver: temporal start: %w", err)
	}
	t.srv, t.Address = srv, fmt.Sprintf("%s:%d", host, o.Port)
	return t, nil
}

// Stop stops the server and releases the data dir; the state stays in the
// SQLite file.
func (t *Temporal) Stop() error {
	err := t.srv.Stop()
	t.lock.Close()
	return err
}

func serverConfig(sql *config.SQL, port int) *config.Config {
	svc := func(grpc int) config.Service {
		return config.Service{RPC: config.RPC{GRPCPort: grpc, MembershipPort: freePort(), BindOnIP: host}}
	}
	return &config.Config{
		Global: config.Global{
			Membership: config.Membership{MaxJoinDuration: 30 * time.Second, BroadcastAddress: host},
			Metrics: &metrics.Config{Prometheus: &metrics.PrometheusConfig{
				ListenAddress: fmt.Sprintf("%s:%d", host, freePort()), HandlerPath: "/metrics",
			}},
			PProf: config.PProf{Port: freePort()},
		},
		Persistence: config.Persistence{
			DefaultStore: sqliteplugin.PluginName, VisibilityStore: sqliteplugin.PluginName, NumHistoryShards: 1,
			DataStores: map[string]config.DataStore{sqliteplugin.PluginName: {SQL: sql}},
		},
		ClusterMetadata: &cluster.Config{
			EnableGlobalNamespace: false, FailoverVersionIncrement: 10,
			MasterClusterName: "active", CurrentClusterName: "active",
			ClusterInformation: map[string]cluster.ClusterInformation{
				"active": {Enabled: true, InitialFailoverVersion: 1, RPCAddress: fmt.Sprintf("%s:%d", host, port)},
			},
		},
		DCRedirectionPolicy: config.DCRedirectionPolicy{Policy: "noop"},
		Services: map[string]config.Service{
			"frontend": svc(port), "history": svc(freePort()), "matching": svc(freePort()), "worker": svc(freePort()),
		},
		Archival: config.Archival{
			History:    config.HistoryArchival{State: "disabled"},
			Visibility: config.VisibilityArchival{State: "disabled"},
		},
		NamespaceDefaults: config.NamespaceDefaults{Archival: config.ArchivalNamespaceDefaults{
			History:    config.HistoryArchivalNamespaceDefaults{State: "disabled"},
			Visibility: config.VisibilityArchivalNamespaceDefaults{State: "disabled"},
		}},
		PublicClient: config.PublicClient{HostPort: fmt.Sprintf("%s:%d", host, port)},
	}
}

// freePort asks the kernel for a free TCP port on the loopback address.
func freePort() int {
	l, err := net.Listen("tcp", host+":0")
	if err != nil {
		panic("devserver: no free port: " + err.Error())
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// quietLogger keeps the embedded server to warnings and errors, so that
// tide's own one-line-per-component log stays readable.
func quietLogger() tlog.Logger {
	return tlog.NewZapLogger(tlog.BuildZapLogger(tlog.Config{Stdout: false, Level: "warn"}))
}
