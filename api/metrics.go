package api

import (
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/tide-crm/tide/requestid"
)

var (
	registry = prometheus.NewRegistry()
	requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "tide_http_requests_total", Help: "HTTP requests by route and status.",
	}, []string{"method", "route", "status"})
	latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "tide_http_request_seconds", Help: "HTTP request latency by route.",
		Buckets: prometheus.DefBuckets,
	}, []string{"method", "route"})
)

func init() {
	registry.MustRegister(requests, latency,
		prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
}

func metricsHandler() http.Handler { return promhttp.HandlerFor(registry, promhttp.HandlerOpts{}) }

// requestLog gives the request its id (the client's X-Request-Id when it
// is a sane one, else a fresh one; answered in the same header), then logs
// one structured line per request and counts it.
func requestLog(c *gin.Context) {
	start := time.Now()
	id := c.GetHeader(requestid.Header)
	if !requestid.Valid(id) {
		id = requestid.New()
	}
	c.Header(requestid.Header, id)
	c.Request = c.Request.WithContext(requestid.With(c.Request.Context(), id))
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unmatched"
	}
	d := time.Since(start)
	status := c.Writer.Status()
	requests.WithLabelValues(c.Request.Method, route, strconv.Itoa(status)).Inc()
	latency.WithLabelValues(c.Request.Method, route).Observe(d.Seconds())
	slog.LogAttrs(c.Request.Context(), slog.LevelInfo, "http",
		slog.String("method", c.Request.Method), slog.String("route", route), slog.Int("status", status),
		slog.Float64("took_ms", float64(d.Microseconds())/1000), slog.Int64("user", callerID(c)),
		slog.String("request_id", id))
}
