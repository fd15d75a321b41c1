// Package metrics holds the Prometheus series of a tide process: its HTTP
// traffic and, above all, its business — moves between the seas,
// collisions, rule decisions, workflow starts, searches — and the state kept
// in PostgreSQL (open protections, applications by state), read when
// scraped. Every process serves its own on TIDE_METRICS_ADDR, apart from the
// API's port; Prometheus adds the processes up.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Registry holds every series of the process.
var Registry = prometheus.NewRegistry()

// fast are buckets for work measured in micro- to milliseconds (a rule
// evaluation, a collision search).
var fast = prometheus.ExponentialBuckets(0.00001, 4, 10) // 10 µs … 2.6 s

var (
	// HTTPRequests counts requests by route and status.
	HTTPRequests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tide_http_requests_total", Help: "HTTP requests by route and status.",
	}, []string{"method", "route", "status"})
	// HTTPLatency is the latency of requests by route.
	HTTPLatency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "tide_http_request_seconds", Help: "HTTP request latency by route.", Buckets: prometheus.DefBuckets,
	}, []string{"method", "route"})
	// Moves counts ownership changes by path: entry, application, pick,
	// assignment, release, expiry.
	Moves = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tide_moves_total", Help: "Resources moved between the seas, by path (entry, pick, release, expiry …).",
	}, []string{"path"})
	// Collisions counts collision hits that refused something, by the kind
	// of key (company or number) and what was refused.
	Collisions = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tide_collisions_total", Help: "Collision hits that refused an entry, application or edit, by kind of key.",
	}, []string{"key", "action"})
	// RuleEvaluations counts rule decisions by rule, version and outcome
	// (decided, failed).
	RuleEvaluations = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tide_rule_evaluations_total", Help: "Rule evaluations by rule, version and outcome.",
	}, []string{"rule", "version", "outcome"})
	// RuleLatency is how long a rule evaluation took, by rule and version.
	RuleLatency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "tide_rule_evaluation_seconds", Help: "Rule evaluation latency by rule and version.", Buckets: fast,
	}, []string{"rule", "version"})
	// WorkflowStarts is how long starting (or updating) a workflow took, by
	// workflow and outcome.
	WorkflowStarts = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "tide_workflow_start_seconds", Help: "Latency of starting a workflow, by workflow and outcome.",
		Buckets: prometheus.DefBuckets,
	}, []string{"workflow", "outcome"})
	// OutboxSent counts workflow commands sent from the outbox, by kind and
	// outcome.
	OutboxSent = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tide_outbox_sent_total", Help: "Workflow commands sent from the outbox, by kind and outcome.",
	}, []string{"kind", "outcome"})
	// OutboxLag is how long a command waited in the outbox before Temporal
	// had it.
	OutboxLag = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "tide_outbox_lag_seconds", Help: "Time from a move's commit to Temporal having its workflow command.", Buckets: fast,
	})
	// Searches is how long a collision search took.
	Searches = prometheus.NewHistogram(prometheus.HistogramOpts{
		Name: "tide_collision_search_seconds", Help: "Latency of the collision search (POST /collisions/search).", Buckets: fast,
	})
)

func init() {
	Registry.MustRegister(HTTPRequests, HTTPLatency, Moves, Collisions, RuleEvaluations, RuleLatency, WorkflowStarts, Searches,
		OutboxSent, OutboxLag,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
}

// Handler serves the registry in Prometheus' text format.
func Handler() http.Handler { return promhttp.HandlerFor(Registry, promhttp.HandlerOpts{}) }

// Since returns the seconds elapsed since start, for Observe.
func Since(start time.Time) float64 { return time.Since(start).Seconds() }

// Outcome names how a call ended, for the outcome label.
func Outcome(err error) string {
	if err != nil {
		return "failed"
	}
	return "ok"
}
