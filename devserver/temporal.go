// Package devserver runs the whole of tide in one process for development
// and tests: an embedded Temporal server whose state is a SQLite file (so
// workflows and timers survive a restart), the Temporal Web UI, the worker
// and the API. It links the Temporal server (~150 MB), so only the dev
// command and the end-to-end tests import it; `tide api` and `tide worker`
// in a binary built with -tags nodev do not contain it.
package devserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"

	"go.temporal.io/server/common/cluster"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/metrics"
	sqliteplugin "go.temporal.io/server/common/persistence/sql/sqlplugin/sqlite"
	sqliteschema "go.temporal.io/server/schema/sqlite"
	"go.temporal.io/server/temporal"
)

// TemporalOptions configures the embedded Temporal server.
type TemporalOptions struct {
	DataDir   string         // the SQLite file lives here as temporal.db
	Postgres  *PostgresStore // nil: SQLite; else Temporal's state is in PostgreSQL, as in production
	Port      int            // frontend gRPC port; 0 picks a free one
	Namespace string         // created on first start
	Logger    *slog.Logger   // where the server's warnings and errors go; slog.Default() when nil
}

// Temporal is a running embedded Temporal server.
type Temporal struct {
	srv     temporal.Server
	lock    *os.File
	log     *serverLogger
	Address string // frontend host:port
}

const host = "127.0.0.1"

// StartTemporal starts a single-process Temporal server on SQLite, or on
// PostgreSQL when o.Postgres is set (its schema set up or upgraded first,
// its namespace registered once the server answers). Every
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
	logger := o.Logger
	if logger == nil {
		logger = slog.Default()
	}
	t := &Temporal{lock: lock, log: newServerLogger(logger)}
	defer func() {
		if t.srv == nil {
			lock.Close()
		}
	}()
	if o.Port == 0 {
		o.Port = freePort()
	}
	// On PostgreSQL the server runs as the compose file runs it: its dynamic
	// configuration and nothing else (Temporal's own history cache too).
	dc := dynamicconfig.NewMemoryClient()
	var cfg *config.Config
	if o.Postgres != nil {
		if err := o.Postgres.setup(t.log); err != nil {
			return nil, fmt.Errorf("devserver: temporal on postgres: %w", err)
		}
		if err := sharedDynamicConfig(dc); err != nil {
			return nil, err
		}
		cfg = serverConfig(o.Postgres.persistence(), o.Port)
	} else {
		dc = devDynamicConfig()
		sql, err := sqliteStore(o)
		if err != nil {
			return nil, err
		}
		cfg = serverConfig(config.Persistence{
			DefaultStore: sqliteplugin.PluginName, VisibilityStore: sqliteplugin.PluginName, NumHistoryShards: 1,
			DataStores: map[string]config.DataStore{sqliteplugin.PluginName: {SQL: sql}},
		}, o.Port)
	}
	srv, err := temporal.NewServer(
		temporal.WithConfig(cfg),
		temporal.ForServices(temporal.DefaultServices),
		temporal.WithLogger(t.log),
		temporal.WithDynamicConfigClient(dc),
	)
	if err != nil {
		return nil, fmt.Errorf("devserver: temporal: %w", err)
	}
	if err := srv.Start(); err != nil {
		return nil, fmt.Errorf("devserver: temporal start: %w", err)
	}
	t.srv, t.Address = srv, fmt.Sprintf("%s:%d", host, o.Port)
	if o.Postgres != nil {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := ensureNamespace(ctx, t.Address, o.Namespace); err != nil {
			_ = srv.Stop()
			t.srv = nil
			return nil, err
		}
	}
	return t, nil
}

// sqliteStore is the SQLite file in the data dir, its schema set up and
// the namespace created on first start.
func sqliteStore(o TemporalOptions) (*config.SQL, error) {
	dbPath := filepath.Join(o.DataDir, "temporal.db")
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
	return sql, nil
}

// Stop stops the server and releases the data dir; the state stays in the
// SQLite file.
func (t *Temporal) Stop() error {
	t.log.stopping.Store(true)
	err := t.srv.Stop()
	t.lock.Close()
	return err
}

// HistoryCacheSize bounds the workflow states the embedded server on SQLite
// keeps in memory. Temporal's default (128,000 for an hour) suits a server
// of its own; in the one process of tide dev it made memory grow with every
// open workflow (about 10 KB each, two thirds of the heap after 10,000
// entries). An evicted state is read back from SQLite when its timer fires.
const HistoryCacheSize = 2000

// devDynamicConfig is the dynamic configuration of the SQLite server.
func devDynamicConfig() *dynamicconfig.MemoryClient {
	dc := dynamicconfig.NewMemoryClient()
	dc.OverrideSetting(dynamicconfig.HistoryCacheHostLevelMaxSize, HistoryCacheSize)
	// One server: one partition per task queue, as in the compose file's
	// dynamic configuration (see there why).
	dc.OverrideSetting(dynamicconfig.MatchingNumTaskqueueReadPartitions, 1)
	dc.OverrideSetting(dynamicconfig.MatchingNumTaskqueueWritePartitions, 1)
	return dc
}

func serverConfig(persistence config.Persistence, port int) *config.Config {
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
		Persistence: persistence,
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

// Internal ports come from below the kernel's ephemeral range (Linux:
// 32768–60999): a port the kernel picks (":0") is closed again before the
// server binds it, and in that window an outgoing connection — to
// PostgreSQL, to the server itself — can take it, which ended a test run
// with "bind: address already in use". Ports below the range are never
// taken that way.
const portBase, portSpan = 20000, 12000

var ports = struct {
	sync.Mutex
	next int
	used map[int]bool
}{next: rand.IntN(portSpan), used: map[int]bool{}}

// freePort returns a loopback TCP port that is free now, never the same
// twice in one process, starting at a random offset so that two processes
// (a dev server and the tests) rarely try the same ones.
func freePort() int {
	ports.Lock()
	defer ports.Unlock()
	for range portSpan {
		p := portBase + ports.next%portSpan
		ports.next++
		if ports.used[p] {
			continue
		}
		l, err := net.Listen("tcp", fmt.Sprintf("%s:%d", host, p))
		if err != nil {
			continue
		}
		l.Close()
		ports.used[p] = true
		return p
	}
	panic("devserver: no free port below the ephemeral range")
}
