package metrics

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// State is what PostgreSQL holds now, read when the metrics are scraped:
// the truth is in the database, not in any one process's counters.
type State struct {
	OpenProtections int            // resources in a private sea whose protection runs
	Applications    map[string]int // applications by state
	OutboxWaiting   int            // workflow commands not yet sent
	OutboxOldest    time.Duration  // how long the oldest of them has waited
}

var (
	openProtections = prometheus.NewDesc("tide_open_protections",
		"Resources in a private sea whose protection runs (unsigned).", nil, nil)
	applications = prometheus.NewDesc("tide_applications",
		"Applications by state.", []string{"state"}, nil)
	outboxWaiting = prometheus.NewDesc("tide_outbox_waiting",
		"Workflow commands committed but not yet sent to Temporal.", nil, nil)
	outboxOldest = prometheus.NewDesc("tide_outbox_oldest_seconds",
		"How long the oldest waiting workflow command has waited (0 when none waits).", nil, nil)
)

// stateCollector reads State at each scrape, within a few seconds, through
// the reader set last (a process has one store; tests open several).
type stateCollector struct {
	read atomic.Pointer[func(context.Context) (State, error)]
}

var state = &stateCollector{}

func init() { Registry.MustRegister(state) }

// ReadState makes the registry read the database's state through read at
// each scrape. A read that fails drops the series for that scrape (and is
// logged) rather than reporting zeros.
func ReadState(read func(context.Context) (State, error)) { state.read.Store(&read) }

func (c *stateCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- openProtections
	ch <- applications
	ch <- outboxWaiting
	ch <- outboxOldest
}

func (c *stateCollector) Collect(ch chan<- prometheus.Metric) {
	read := c.read.Load()
	if read == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	s, err := (*read)(ctx)
	if err != nil {
		slog.Warn("metrics: reading the state failed", "err", err)
		return
	}
	ch <- prometheus.MustNewConstMetric(openProtections, prometheus.GaugeValue, float64(s.OpenProtections))
	ch <- prometheus.MustNewConstMetric(outboxWaiting, prometheus.GaugeValue, float64(s.OutboxWaiting))
	ch <- prometheus.MustNewConstMetric(outboxOldest, prometheus.GaugeValue, s.OutboxOldest.Seconds())
	for state, n := range s.Applications {
		ch <- prometheus.MustNewConstMetric(applications, prometheus.GaugeValue, float64(n), state)
	}
}
