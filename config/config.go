// Package config holds tide's process configuration: every setting is a
// command-line flag whose default comes from an environment variable, so the
// same binary runs from a shell, a container or a test.
package config

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"
)

// Config is the union of the settings the subcommands use; each subcommand
// registers only the flags it reads.
type Config struct {
	DatabaseURL       string
	Addr              string
	DataDir           string
	TemporalAddress   string
	TemporalNamespace string
	TemporalPort      int
	TemporalUIPort    int
	// TemporalStore is where the embedded Temporal keeps its state: sqlite
	// (a file in DataDir) or postgres (the production shape's databases on
	// the PostgreSQL of DatabaseURL).
	TemporalStore string
	DemoPassword  string
	TokenTTL      time.Duration
	LogLevel      string
	// BootstrapAdmin names the first admin to create on a database with no
	// users; the password comes from TIDE_BOOTSTRAP_ADMIN_PASSWORD only
	// (a flag would show in the process list).
	BootstrapAdmin string
	// MetricsAddr is where /metrics is served, apart from the API; "" or
	// "off" serves none.
	MetricsAddr string
	// DBPool is the most database connections of the process's main pool;
	// 0 keeps store.DefaultPoolSize (or the URL's pool_max_conns).
	DBPool int
	// WorkflowCache is how many workflow executions a worker keeps in
	// memory (Temporal's sticky cache); 0 keeps DefaultWorkflowCache.
	WorkflowCache int

	envErrs []error // environment values that did not parse
}

// Err reports environment variables whose values did not parse; their
// defaults were used instead, which a caller should refuse rather than hide.
func (c *Config) Err() error { return errors.Join(c.envErrs...) }

// Defaults of the settings, as the README's configuration table lists them.
const (
	DefaultDatabaseURL = "postgres://postgres@127.0.0.1:5432/tide?sslmode=disable"
	DefaultAddr        = "127.0.0.1:8080"
	DefaultDataDir     = "./.tide"
	DefaultTemporal    = "127.0.0.1:7233"
	DefaultNamespace   = "default"
	DefaultDemoPass    = "tide-demo"
)

// Set names a group of flags a subcommand wants.
type Set int

// Flag groups.
const (
	Database Set = 1 << iota
	HTTP
	Temporal // address of an external Temporal frontend
	Embedded // the dev mode's embedded Temporal server and UI
	Demo     // demo users
	Bootstrap
	Metrics       // /metrics on its own address, 127.0.0.1:9100 by default
	WorkerMetrics // the same for a worker, 127.0.0.1:9101 by default (an API may run beside it)
	Worker        // the worker's own settings (its workflow cache)
	Pool          // the size of a long-running process's database pool
)

// Register binds the groups' flags on fs and returns the Config they fill.
func Register(fs *flag.FlagSet, sets Set) *Config {
	c := &Config{}
	fs.StringVar(&c.LogLevel, "log-level", env("TIDE_LOG_LEVEL", "info"), "log level: debug, info, warn, error (TIDE_LOG_LEVEL)")
	if sets&Database != 0 {
		fs.StringVar(&c.DatabaseURL, "database-url", env("TIDE_DATABASE_URL", DefaultDatabaseURL), "PostgreSQL URL (TIDE_DATABASE_URL)")
	}
	if sets&Pool != 0 {
		fs.IntVar(&c.DBPool, "db-pool", c.envInt("TIDE_DB_POOL", 0),
			"most database connections of the main pool (the search's is half); 0 is 20 or the URL's pool_max_conns (TIDE_DB_POOL)")
	}
	if sets&HTTP != 0 {
		fs.StringVar(&c.Addr, "addr", env("TIDE_ADDR", DefaultAddr), "HTTP listen address (TIDE_ADDR)")
		fs.DurationVar(&c.TokenTTL, "token-ttl", c.envDuration("TIDE_TOKEN_TTL", 12*time.Hour), "lifetime of a login token (TIDE_TOKEN_TTL)")
	}
	if sets&(Temporal|Embedded) != 0 {
		fs.StringVar(&c.TemporalNamespace, "temporal-namespace", env("TIDE_TEMPORAL_NAMESPACE", DefaultNamespace), "Temporal namespace (TIDE_TEMPORAL_NAMESPACE)")
	}
	if sets&Temporal != 0 {
		fs.StringVar(&c.TemporalAddress, "temporal-address", env("TIDE_TEMPORAL_ADDRESS", DefaultTemporal), "Temporal frontend host:port (TIDE_TEMPORAL_ADDRESS)")
	}
	if sets&Embedded != 0 {
		fs.StringVar(&c.DataDir, "data-dir", env("TIDE_DATA_DIR", DefaultDataDir), "directory for the embedded Temporal state (TIDE_DATA_DIR)")
		fs.IntVar(&c.TemporalPort, "temporal-port", c.envInt("TIDE_TEMPORAL_PORT", 7233), "embedded Temporal frontend port (TIDE_TEMPORAL_PORT)")
		fs.IntVar(&c.TemporalUIPort, "temporal-ui-port", c.envInt("TIDE_TEMPORAL_UI_PORT", 8233), "Temporal Web UI port, 0 turns it off (TIDE_TEMPORAL_UI_PORT)")
		fs.StringVar(&c.TemporalStore, "temporal-store", env("TIDE_TEMPORAL_STORE", "sqlite"),
			"where the embedded Temporal keeps its state: sqlite (DATA_DIR/temporal.db) or postgres (databases temporal and "+
				"temporal_visibility on the server of the database URL, as docker-compose.yml runs it) (TIDE_TEMPORAL_STORE)")
	}
	if sets&Bootstrap != 0 {
		fs.StringVar(&c.BootstrapAdmin, "bootstrap-admin", env("TIDE_BOOTSTRAP_ADMIN", ""),
			"on a database with no users, create this admin with the password in TIDE_BOOTSTRAP_ADMIN_PASSWORD (TIDE_BOOTSTRAP_ADMIN)")
	}
	if sets&(Metrics|WorkerMetrics) != 0 {
		def := "127.0.0.1:9100"
		if sets&WorkerMetrics != 0 {
			def = "127.0.0.1:9101"
		}
		fs.StringVar(&c.MetricsAddr, "metrics-addr", env("TIDE_METRICS_ADDR", def),
			"listen address of /metrics (Prometheus), apart from the API; off serves none (TIDE_METRICS_ADDR)")
	}
	if sets&Worker != 0 {
		fs.IntVar(&c.WorkflowCache, "workflow-cache", c.envInt("TIDE_WORKFLOW_CACHE", 0),
			"workflow executions the worker keeps in memory; 0 is 2000 (TIDE_WORKFLOW_CACHE)")
	}
	if sets&Demo != 0 {
		fs.StringVar(&c.DemoPassword, "demo-password", env("TIDE_DEMO_PASSWORD", DefaultDemoPass), "password of the demo users (TIDE_DEMO_PASSWORD)")
	}
	return c
}

func env(name, def string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return def
}

func (c *Config) envInt(name string, def int) int {
	v := env(name, "")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		c.envErrs = append(c.envErrs, fmt.Errorf("%s=%q: not an integer", name, v))
		return def
	}
	return n
}

func (c *Config) envDuration(name string, def time.Duration) time.Duration {
	v := env(name, "")
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		c.envErrs = append(c.envErrs, fmt.Errorf("%s=%q: not a duration such as 12h", name, v))
		return def
	}
	return d
}
