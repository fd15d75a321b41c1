package api

import "github.com/gin-gonic/gin"

// secureHeaders sets, on every answer, what a browser needs to treat the
// API as data only: no MIME sniffing (a JSON body is never run as script),
// no framing, no referrer leaking ids in URLs, and no caching — answers
// carry other people's customers and live tokens, and a shared or
// back-button cache must not keep them.
func secureHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	c.Next()
}
