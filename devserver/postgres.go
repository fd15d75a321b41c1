package devserver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"time"

	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/log"
	_ "go.temporal.io/server/common/persistence/sql/sqlplugin/postgresql" // registers deploy.TemporalSQLPlugin
	toolschema "go.temporal.io/server/tools/common/schema"
	toolsql "go.temporal.io/server/tools/sql"
	"google.golang.org/protobuf/types/known/durationpb"
	"gopkg.in/yaml.v3"

	"github.com/tide-crm/tide/deploy"
)

// PostgresStore keeps Temporal's state in PostgreSQL, as the production
// shape does (docker-compose.yml): the same plugin, the same two databases
// (deploy's names unless set), set up and upgraded by Temporal's own schema
// tool from the schema files of the server release tide links, and the
// same dynamic configuration.
type PostgresStore struct {
	Host, User, Password         string
	Port                         int
	Database, VisibilityDatabase string
	// MaxConns bounds each of the server's SQL pools (20 when zero, the
	// server image's default). The server keeps several (per service, per
	// database): 20 each came to 65 connections in BenchmarkScale, so
	// tests sharing one PostgreSQL set it low.
	MaxConns int
}

// PostgresStoreFrom reads the server, user and password of a PostgreSQL URL
// (tide's own TIDE_DATABASE_URL, say), with deploy's database names.
func PostgresStoreFrom(databaseURL string) (*PostgresStore, error) {
	u, err := url.Parse(databaseURL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("devserver: %q is not a postgres:// URL with a host", databaseURL)
	}
	p := &PostgresStore{Host: u.Hostname(), Port: 5432, User: u.User.Username(),
		Database: deploy.TemporalDatabase, VisibilityDatabase: deploy.TemporalVisibilityDatabase}
	p.Password, _ = u.User.Password()
	if port := u.Port(); port != "" {
		if p.Port, err = strconv.Atoi(port); err != nil {
			return nil, fmt.Errorf("devserver: port %q: %w", port, err)
		}
	}
	return p, nil
}

func (p *PostgresStore) sql(database string) *config.SQL {
	conns := p.MaxConns
	if conns <= 0 {
		conns = 20
	}
	return &config.SQL{PluginName: deploy.TemporalSQLPlugin, DatabaseName: database, User: p.User, Password: p.Password,
		ConnectAddr: net.JoinHostPort(p.Host, strconv.Itoa(p.Port)), ConnectProtocol: "tcp",
		MaxConns: conns, MaxIdleConns: conns, MaxConnLifetime: time.Hour}
}

// setup creates both databases unless they exist and brings their schemas
// to this release's version: what the compose file's temporal-admin-tools
// job does with temporal-sql-tool (create, setup-schema -v 0.0,
// update-schema), through the same tool's Go API. Every step is idempotent.
func (p *PostgresStore) setup(logger log.Logger) error {
	for _, d := range []struct{ database, schema string }{
		{p.Database, deploy.TemporalSchema}, {p.VisibilityDatabase, deploy.TemporalVisibilitySchema},
	} {
		if err := toolsql.DoCreateDatabase(p.sql(d.database), "postgres", logger); err != nil {
			return fmt.Errorf("create database %s: %w", d.database, err)
		}
		conn, err := toolsql.NewConnection(p.sql(d.database), logger)
		if err != nil {
			return fmt.Errorf("connect to %s: %w", d.database, err)
		}
		err = toolschema.NewSetupSchemaTask(conn, &toolschema.SetupConfig{InitialVersion: "0.0"}, logger).Run()
		if err == nil {
			err = toolschema.NewUpdateSchemaTask(conn, &toolschema.UpdateConfig{DBName: d.database, SchemaName: d.schema}, logger).Run()
		}
		conn.Close()
		if err != nil {
			return fmt.Errorf("schema of %s: %w", d.database, err)
		}
	}
	return nil
}

// persistence is the server's persistence on the two databases.
func (p *PostgresStore) persistence() config.Persistence {
	const main, visibility = "postgres", "postgres-visibility"
	return config.Persistence{DefaultStore: main, VisibilityStore: visibility, NumHistoryShards: deploy.TemporalHistoryShards,
		DataStores: map[string]config.DataStore{main: {SQL: p.sql(p.Database)}, visibility: {SQL: p.sql(p.VisibilityDatabase)}}}
}

// sharedDynamicConfig adds the compose file's dynamic configuration (its
// unconstrained values) to dc.
func sharedDynamicConfig(dc *dynamicconfig.MemoryClient) error {
	var file map[string][]struct {
		Value       any            `yaml:"value"`
		Constraints map[string]any `yaml:"constraints"`
	}
	if err := yaml.Unmarshal(deploy.TemporalDynamicConfig, &file); err != nil {
		return fmt.Errorf("devserver: dynamic config: %w", err)
	}
	for key, values := range file {
		for _, v := range values {
			if len(v.Constraints) == 0 {
				dc.OverrideValue(dynamicconfig.MakeKey(key), v.Value)
			}
		}
	}
	return nil
}

// ensureNamespace registers the namespace unless it exists, as the compose
// file's temporal-create-namespace job does, and waits until the frontend
// serves it (a new namespace reaches the server's caches a few seconds
// after it is written).
func ensureNamespace(ctx context.Context, address, namespace string) error {
	if err := registerNamespace(ctx, address, namespace); err != nil {
		return err
	}
	c, err := client.NewLazyClient(client.Options{HostPort: address, Namespace: namespace})
	if err != nil {
		return err
	}
	defer c.Close()
	for {
		_, err := c.ListOpenWorkflow(ctx, &workflowservice.ListOpenWorkflowExecutionsRequest{Namespace: namespace, MaximumPageSize: 1})
		var missing *serviceerror.NamespaceNotFound
		if !errors.As(err, &missing) {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("devserver: namespace %s is not served: %w", namespace, err)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// registerNamespace registers the namespace unless it exists.
func registerNamespace(ctx context.Context, address, namespace string) error {
	nc, err := client.NewNamespaceClient(client.Options{HostPort: address})
	if err != nil {
		return err
	}
	defer nc.Close()
	for {
		_, err = nc.Describe(ctx, namespace)
		var missing *serviceerror.NamespaceNotFound
		switch {
		case err == nil:
			return nil
		case errors.As(err, &missing):
			err = nc.Register(ctx, &workflowservice.RegisterNamespaceRequest{Namespace: namespace,
				WorkflowExecutionRetentionPeriod: durationpb.New(72 * time.Hour)})
			var exists *serviceerror.NamespaceAlreadyExists
			if err == nil || errors.As(err, &exists) {
				return nil
			}
		}
		select { // the frontend may not answer yet
		case <-ctx.Done():
			return fmt.Errorf("devserver: namespace %s: %w", namespace, err)
		case <-time.After(200 * time.Millisecond):
		}
	}
}
