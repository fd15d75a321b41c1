package api

import (
	"log/slog"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/metrics"
	"github.com/tide-crm/tide/requestid"
)

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
	metrics.HTTPRequests.WithLabelValues(c.Request.Method, route, strconv.Itoa(status)).Inc()
	metrics.HTTPLatency.WithLabelValues(c.Request.Method, route).Observe(d.Seconds())
	slog.LogAttrs(c.Request.Context(), slog.LevelInfo, "http",
		slog.String("method", c.Request.Method), slog.String("route", route), slog.Int("status", status),
		slog.Float64("took_ms", float64(d.Microseconds())/1000), slog.Int64("user", callerID(c)),
		slog.String("request_id", id))
}
