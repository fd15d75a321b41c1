package metrics

import (
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Pool is what a database connection pool reports at a scrape.
type Pool struct {
	Max, Acquired, Idle int32
	// Waits counts the acquisitions that found no idle connection and
	// waited; WaitTime is the time they waited, in total.
	Waits    int64
	WaitTime time.Duration
}

var (
	poolConns = prometheus.NewDesc("tide_db_pool_connections",
		"Connections of a database pool: its maximum, those in use and those idle.", []string{"pool", "state"}, nil)
	poolWaits = prometheus.NewDesc("tide_db_pool_waits_total",
		"Acquisitions that found no idle connection and waited for one.", []string{"pool"}, nil)
	poolWaitSeconds = prometheus.NewDesc("tide_db_pool_wait_seconds_total",
		"Time spent waiting for a connection, in total.", []string{"pool"}, nil)
)

type poolCollector struct {
	read atomic.Pointer[func() map[string]Pool]
}

var pools = &poolCollector{}

// ReadPools makes the registry read the process's connection pools, by
// name, at each scrape: a pool too small for the load shows as waits.
func ReadPools(read func() map[string]Pool) { pools.read.Store(&read) }

func (c *poolCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- poolConns
	ch <- poolWaits
	ch <- poolWaitSeconds
}

func (c *poolCollector) Collect(ch chan<- prometheus.Metric) {
	read := c.read.Load()
	if read == nil {
		return
	}
	for name, p := range (*read)() {
		ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(p.Max), name, "max")
		ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(p.Acquired), name, "acquired")
		ch <- prometheus.MustNewConstMetric(poolConns, prometheus.GaugeValue, float64(p.Idle), name, "idle")
		ch <- prometheus.MustNewConstMetric(poolWaits, prometheus.CounterValue, float64(p.Waits), name)
		ch <- prometheus.MustNewConstMetric(poolWaitSeconds, prometheus.CounterValue, p.WaitTime.Seconds(), name)
	}
}

func init() { Registry.MustRegister(pools) }
