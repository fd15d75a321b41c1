// Package app assembles tide's processes from their parts: it opens the
// store, dials Temporal, and builds the API server and the worker. The
// production commands (`tide api`, `tide worker`) and the dev mode share it.
package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"
	sdkworker "go.temporal.io/sdk/worker"

	"github.com/tide-crm/tide/account"
	"github.com/tide-crm/tide/activities"
	"github.com/tide-crm/tide/api"
	"github.com/tide-crm/tide/applications"
	"github.com/tide-crm/tide/auditlog"
	"github.com/tide-crm/tide/customers"
	"github.com/tide-crm/tide/imports"
	"github.com/tide-crm/tide/metrics"
	"github.com/tide-crm/tide/outbox"
	"github.com/tide-crm/tide/referrals"
	"github.com/tide-crm/tide/ruleset"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/web"
	"github.com/tide-crm/tide/worker"
)

// App holds the connections every process needs.
type App struct {
	Store     *store.Store
	Temporal  client.Client
	Rules     *ruleset.Set
	Protector *sea.TemporalProtector
	// Outbox sends the workflow commands moves record; every process runs
	// one (they share the work).
	Outbox *outbox.Dispatcher
	stop   context.CancelFunc // ends the rules' reload loop and the dispatcher
	runCtx context.Context    // lives until Close

	sessionsOnce sync.Once
	sessions     *account.SessionCache // the API's; nil in a worker
}

// Open connects to PostgreSQL (with the store's options, such as the pool
// size) and Temporal.
func Open(ctx context.Context, databaseURL, temporalAddr, namespace string, opts ...store.Option) (*App, error) {
	st, err := store.Open(ctx, databaseURL, opts...)
	if err != nil {
		return nil, err
	}
	rs, err := ruleset.Open(ctx, st)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("rules: %w", err)
	}
	tc, err := client.DialContext(ctx, client.Options{
		HostPort: temporalAddr, Namespace: namespace,
		Logger: sdklog.NewStructuredLogger(slog.New(clientLog{slog.Default().Handler()}).With("component", "temporal-client")),
	})
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("temporal at %s: %w", temporalAddr, err)
	}
	metrics.ReadState(st.State)
	metrics.ReadPools(func() map[string]metrics.Pool { return poolMetrics(st.Pools()) })
	protector := &sea.TemporalProtector{Client: tc}
	dispatcher := outbox.New(st, protector)
	protector.Outbox = dispatcher
	runCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	go rs.Run(runCtx)
	go sweepSessions(runCtx, st)
	go dispatcher.Run(runCtx)
	go keyLikeness(runCtx, st)
	return &App{Store: st, Temporal: tc, Rules: rs, Protector: protector, Outbox: dispatcher, stop: stop, runCtx: runCtx}, nil
}

// Close releases the connections.
func (a *App) Close() {
	a.stop()
	a.Temporal.Close()
	a.Store.Close()
}

// Sessions is the process's session cache, kept told of every ended
// session and changed user by a connection that listens for them (started
// on first use: a worker needs neither).
func (a *App) Sessions() *account.SessionCache {
	a.sessionsOnce.Do(func() {
		a.sessions = account.NewSessionCache()
		go a.Store.WatchSessions(a.runCtx, a.sessions.UserChanged, a.sessions.Listening)
	})
	return a.sessions
}

// Handler builds the HTTP server's handler: the JSON API under /api/ (and
// /healthz, /readyz), the console everywhere else, both over the same
// services.
func (a *App) Handler(tokenTTL time.Duration) http.Handler {
	seas := a.seas()
	a.Rules.Deadlines = seas
	accounts := &account.Service{Store: a.Store, TokenTTL: tokenTTL, Sessions: a.Sessions()}
	apps := &applications.Service{Store: a.Store, Rules: a.Rules, Seas: seas, Outbox: a.Outbox}
	imps := a.imports(seas)
	apiHandler := api.New(api.Deps{
		Accounts:     accounts,
		Seas:         seas,
		Customers:    &customers.Service{Store: a.Store, Likeness: seas},
		Referrals:    &referrals.Service{Store: a.Store},
		Duplicates:   seas,
		Rules:        a.Rules,
		Applications: apps,
		Audit:        &auditlog.Service{Store: a.Store},
		Imports:      imps,
		Warnings:     func() []string { return a.Rules.Warnings(time.Now()) },
		Ready:        a.Ready(),
	})
	mux := http.NewServeMux()
	mux.Handle("/api/", apiHandler)
	mux.Handle("/healthz", apiHandler)
	mux.Handle("/readyz", apiHandler)
	mux.Handle("/", web.New(web.Deps{Accounts: accounts, Seas: seas, Referrals: &referrals.Service{Store: a.Store},
		Customers: &customers.Service{Store: a.Store, Likeness: seas}, Applications: apps, Rules: a.Rules, Duplicates: seas,
		Calendar: a.Rules, Audit: &auditlog.Service{Store: a.Store}, Imports: imps}))
	return mux
}

// Ready is what a process of this app needs to answer: PostgreSQL and
// Temporal, checked by /readyz.
func (a *App) Ready() map[string]api.Check {
	return map[string]api.Check{
		"postgres": a.Store.Ping,
		"temporal": func(ctx context.Context) error {
			_, err := a.Temporal.CheckHealth(ctx, &client.CheckHealthRequest{})
			return err
		},
	}
}

// Worker builds the Temporal worker with every workflow and activity.
// cache bounds the workflow executions kept in memory (≤ 0: the default).
func (a *App) Worker(cache int) sdkworker.Worker {
	return worker.New(a.Temporal, &activities.Activities{Store: a.Store, Imports: a.imports(a.seas())}, cache)
}

// seas is the service that moves resources, on the app's connections.
func (a *App) seas() *sea.Service {
	return &sea.Service{Store: a.Store, Protector: a.Protector, Rules: a.Rules, Outbox: a.Outbox}
}

// imports is the service that loads spreadsheets, entering through seas.
func (a *App) imports(seas *sea.Service) *imports.Service {
	return &imports.Service{Store: a.Store, Seas: seas, Outbox: a.Outbox}
}

// HTTPServer is a started API server.
type HTTPServer struct {
	srv  *http.Server
	Addr string // the address actually bound (useful with port 0)
	done chan struct{}
	err  error // the serve loop's error, set before done closes
}

// ServeHTTP binds addr and serves h until Shutdown.
func ServeHTTP(addr string, h http.Handler) (*HTTPServer, error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen %s: %w", addr, err)
	}
	s := &HTTPServer{
		srv:  &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second},
		Addr: l.Addr().String(),
		done: make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(l); !errors.Is(err, http.ErrServerClosed) {
			s.err = err
		}
	}()
	return s, nil
}

// Shutdown stops accepting requests and waits for those in flight.
func (s *HTTPServer) Shutdown(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	<-s.done
	return errors.Join(err, s.err)
}

// Done is closed when the serve loop ends; Err then says why.
func (s *HTTPServer) Done() <-chan struct{} { return s.done }

// Err is the serve loop's error once Done is closed (nil after Shutdown).
func (s *HTTPServer) Err() error { return s.err }

// Close stops serving at once, dropping requests in flight (for servers
// whose requests are cheap to repeat, such as /metrics). A nil server is
// fine.
func (s *HTTPServer) Close() {
	if s == nil {
		return
	}
	_ = s.srv.Close()
	<-s.done
}

// ServeMetrics serves /metrics on addr, apart from the API: the series
// count every user's traffic and business. With ready set it also answers
// /healthz and /readyz there, as the API does — the probes of a process
// that has no API, the worker. An addr of "" or "off" serves nothing
// (nil, nil).
func ServeMetrics(addr string, ready map[string]api.Check) (*HTTPServer, error) {
	if addr == "" || addr == "off" {
		return nil, nil
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", metrics.Handler())
	if ready != nil {
		mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
			writeJSON(w, http.StatusOK, map[string]any{"status": "ok"})
		})
		mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
			checks, ok := api.RunChecks(r.Context(), ready)
			if !ok {
				writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "checks": checks})
				return
			}
			writeJSON(w, http.StatusOK, map[string]any{"status": "ready", "checks": checks})
		})
	}
	return ServeHTTP(addr, mux)
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

// sweepSessions deletes expired sessions every hour: they refuse logins
// anyway, but would pile up.
func sweepSessions(ctx context.Context, st *store.Store) {
	tick := time.NewTicker(time.Hour)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if n, err := st.DeleteExpiredSessions(ctx); err != nil {
				slog.Warn("sweeping expired sessions failed", "err", err)
			} else if n > 0 {
				slog.Info("expired sessions swept", "count", n)
			}
		}
	}
}

// poolMetrics converts the store's pool statistics to what /metrics shows.
func poolMetrics(stats map[string]*pgxpool.Stat) map[string]metrics.Pool {
	out := make(map[string]metrics.Pool, len(stats))
	for name, s := range stats {
		out[name] = metrics.Pool{Max: s.MaxConns(), Acquired: s.AcquiredConns(), Idle: s.IdleConns(),
			Waits: s.EmptyAcquireCount(), WaitTime: s.EmptyAcquireWaitTime()}
	}
	return out
}
