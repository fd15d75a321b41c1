package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/tern/v2/migrate"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// versionTable is where tern records the schema version.
const versionTable = "schema_version"

// Migrations returns the embedded migration files, for callers that need to
// fingerprint the schema (the test harness names its template after them).
func Migrations() fs.FS {
	sub, _ := fs.Sub(migrationFiles, "migrations")
	return sub
}

// MigrationStatus is the database's schema version against the binary's.
type MigrationStatus struct {
	Current int32 // applied in the database
	Latest  int32 // embedded in this binary
}

func migrator(ctx context.Context, conn *pgx.Conn) (*migrate.Migrator, error) {
	m, err := migrate.NewMigrator(ctx, conn, versionTable)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	if err := m.LoadMigrations(Migrations()); err != nil {
		return nil, fmt.Errorf("migrate: load: %w", err)
	}
	return m, nil
}

// Migrate applies every pending migration to the database at url. It is safe
// to run from several processes at once: tern serialises them with an
// advisory lock.
func Migrate(ctx context.Context, url string) (MigrationStatus, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return MigrationStatus{}, dbErr(err)
	}
	defer conn.Close(ctx)
	m, err := migrator(ctx, conn)
	if err != nil {
		return MigrationStatus{}, err
	}
	if err := m.Migrate(ctx); err != nil {
		return MigrationStatus{}, fmt.Errorf("migrate: %w", err)
	}
	return status(ctx, m)
}

// Status reports the schema version of the database at url.
func Status(ctx context.Context, url string) (MigrationStatus, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return MigrationStatus{}, dbErr(err)
	}
	defer conn.Close(ctx)
	m, err := migrator(ctx, conn)
	if err != nil {
		return MigrationStatus{}, err
	}
	return status(ctx, m)
}

func status(ctx context.Context, m *migrate.Migrator) (MigrationStatus, error) {
	cur, err := m.GetCurrentVersion(ctx)
	if err != nil {
		return MigrationStatus{}, fmt.Errorf("migrate: version: %w", err)
	}
	return MigrationStatus{Current: cur, Latest: int32(len(m.Migrations))}, nil
}

// EnsureDatabase creates the database named in url if it does not exist,
// connecting to the server's "postgres" database to do so.
func EnsureDatabase(ctx context.Context, url string) error {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return fmt.Errorf("database URL: %w", err)
	}
	name := cfg.Database
	cfg.Database = "postgres"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return dbErr(err)
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return dbErr(err)
	}
	if exists {
		return nil
	}
	// CREATE DATABASE takes no parameters; the name is quoted as an identifier.
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	if err != nil && !isUniqueViolation(err, "") { // a concurrent creator won
		return fmt.Errorf("create database %s: %w", name, err)
	}
	return nil
}
