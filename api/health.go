package api

import (
	"context"
	"net/http"
	"sort"
	"time"

	"github.com/gin-gonic/gin"
)

// healthz answers while the process is alive.
func (h handlers) healthz(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"status": "ok"}) }

// readyz answers 200 when every dependency answers, 503 naming those that do not.
func (h handlers) readyz(c *gin.Context) {
	checks, ok := RunChecks(c.Request.Context(), h.d.Ready)
	if !ok {
		status := http.StatusServiceUnavailable
		c.Header("Content-Type", ProblemContentType)
		c.JSON(status, gin.H{"type": "urn:tide:problem:unavailable", "title": "Not ready", "status": status,
			"detail": "a dependency does not answer", "checks": checks})
		return
	}
	body := gin.H{"status": "ready", "checks": checks}
	if h.d.Warnings != nil {
		if ws := h.d.Warnings(); len(ws) > 0 {
			body["warnings"] = ws
		}
	}
	c.JSON(http.StatusOK, body)
}

// RunChecks runs every check (2 s for them all) and answers each one's
// outcome by name — "ok" or its error — and whether all passed. The API's
// /readyz and the worker's answer from it.
func RunChecks(ctx context.Context, ready map[string]Check) (map[string]string, bool) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	names := make([]string, 0, len(ready))
	for n := range ready {
		names = append(names, n)
	}
	sort.Strings(names)
	checks, ok := map[string]string{}, true
	for _, n := range names {
		if err := ready[n](ctx); err != nil {
			checks[n], ok = err.Error(), false
		} else {
			checks[n] = "ok"
		}
	}
	return checks, ok
}
