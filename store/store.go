// Package store keeps tide's facts in PostgreSQL through pgx: users and
// sessions, resources with their numbers, contacts and collision keys, the
// ownership history and the audit log. Every ownership change is one
// transaction that checks keys and state together; nothing is decided by a
// read in Go followed by a write.
package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tide-crm/tide/fault"
)

// Store is the PostgreSQL-backed repository. It is safe for concurrent use.
type Store struct {
	pool   *pgxpool.Pool
	search *pgxpool.Pool // for the collision search alone; see genericPlans
	clock  func() time.Time

	// SearchTimeout bounds an application's collision search (R11): a
	// search that has not answered by then is abandoned and the application
	// is filed unprotected. Set it before use.
	SearchTimeout time.Duration
}

// DefaultSearchTimeout is the SearchTimeout of a Store that Open returns.
const DefaultSearchTimeout = 2 * time.Second

// SetClock replaces the clock that deadlines are checked against (a test
// moves it with Temporal's time-skipping clock). Set it before use.
func (s *Store) SetClock(now func() time.Time) { s.clock = now }

func (s *Store) now() time.Time { return s.clock() }

// genericPlans makes a connection reuse each prepared statement's generic
// plan. The collision search joins four tables on an array of keys; with the
// default plan_cache_mode PostgreSQL re-plans it on every call, because the
// generic plan's guess of the array's length makes it look dearer, and the
// planning (~0.25 ms) costs several times the execution. Measured at 1M
// resources: p50 of a search with no hit 296 µs → 78 µs (docs/BENCHMARKS.md).
// Only the search gets it: a reused plan would lose the owner index of
// ListResources.
const genericPlans = "force_generic_plan"

// DefaultPoolSize is the most connections a process opens for its moves and
// reads when neither WithPoolSize nor the URL's pool_max_conns says
// otherwise; the collision search has a pool of its own, half as large (at
// least 4). A move holds its connection only for its own statements (it
// waits for Temporal after the commit, through the outbox), so 20 serve
// far more concurrent requests; an api and a worker together open at most
// 60 of PostgreSQL's default 100.
const DefaultPoolSize = 20

// Option configures Open.
type Option func(*pgxpool.Config)

// WithPoolSize sets the most connections of the main pool (the search pool
// gets half, at least 4); n ≤ 0 keeps the default.
func WithPoolSize(n int) Option {
	return func(c *pgxpool.Config) {
		if n > 0 {
			c.MaxConns = int32(n)
		}
	}
}

// WithTracer traces every statement of both pools (tests count the
// database round trips of a move with it).
func WithTracer(t pgx.QueryTracer) Option {
	return func(c *pgxpool.Config) { c.ConnConfig.Tracer = t }
}

// Open connects to the database at url and checks that it answers.
func Open(ctx context.Context, url string, opts ...Option) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fault.Wrap(err, fault.Invalid, "bad database URL")
	}
	if !strings.Contains(url, "pool_max_conns") {
		cfg.MaxConns = DefaultPoolSize
	}
	for _, o := range opts {
		o(cfg)
	}
	searchCfg := cfg.Copy()
	searchCfg.MaxConns = max(4, cfg.MaxConns/2)
	searchCfg.ConnConfig.RuntimeParams["plan_cache_mode"] = genericPlans
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	search, err := pgxpool.NewWithConfig(ctx, searchCfg)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: open: %w", err)
	}
	s := &Store{pool: pool, search: search, clock: time.Now, SearchTimeout: DefaultSearchTimeout}
	if err := pool.Ping(ctx); err != nil {
		s.Close()
		return nil, fault.Wrap(err, fault.Unavailable, "database unreachable")
	}
	return s, nil
}

// Pools reports the connection pools by name: "main" for the moves and
// reads, "search" for the collision search.
func (s *Store) Pools() map[string]*pgxpool.Stat {
	return map[string]*pgxpool.Stat{"main": s.pool.Stat(), "search": s.search.Stat()}
}

// Close releases the connections.
func (s *Store) Close() {
	s.pool.Close()
	s.search.Close()
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fault.Wrap(err, fault.Unavailable, "database unreachable")
	}
	return nil
}

// inTx runs fn in a transaction, committing when it returns nil and rolling
// back otherwise (including on panic, through the deferred rollback).
func (s *Store) inTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return dbErr(err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after commit
	if err := fn(tx); err != nil {
		return err
	}
	// Once decided, commit even if the caller goes away: fn may already have
	// started a workflow for what it wrote.
	if err := tx.Commit(context.WithoutCancel(ctx)); err != nil {
		return dbErr(err)
	}
	return nil
}

// Postgres error codes the store translates.
const (
	codeUniqueViolation = "23505"
	codeCheckViolation  = "23514"
	codeQueryCanceled   = "57014" // statement_timeout
)

// dbErr classifies a pgx error: an unreachable database is Unavailable,
// a missing row NotFound, anything else Internal.
func dbErr(err error) error {
	if err == nil {
		return nil
	}
	var fe *fault.Error
	if errors.As(err, &fe) {
		return err
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return fault.Wrap(err, fault.NotFound, "not found")
	}
	if databaseUnavailable(err) {
		return fault.Wrap(err, fault.Unavailable, "the database is unavailable; try again shortly")
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == codeCheckViolation {
		return fault.Wrap(err, fault.Invalid, "a value breaks a database constraint: "+pe.ConstraintName)
	}
	return fmt.Errorf("store: %w", err)
}

func isCode(err error, code string) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == code
}

func isUniqueViolation(err error, constraint string) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == codeUniqueViolation && (constraint == "" || pe.ConstraintName == constraint)
}
