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
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	names := make([]string, 0, len(h.d.Ready))
	for n := range h.d.Ready {
		names = append(names, n)
	}
	sort.Strings(names)
	checks := map[string]string{}
	status := http.StatusOK
	for _, n := range names {
		if err := h.d.Ready[n](ctx); err != nil {
			checks[n] = err.Error()
			status = http.StatusServiceUnavailable
		} else {
			checks[n] = "ok"
		}
	}
	if status != http.StatusOK {
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
	c.JSON(status, body)
}
