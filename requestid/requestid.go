// Package requestid carries the id of one request through everything it
// causes — the log line, the problem document, the workflows it starts —
// so an operator can follow one user's complaint from the HTTP edge to the
// Temporal history.
package requestid

import (
	"context"
	"crypto/rand"
	"encoding/hex"
)

// Header is the HTTP header a request id is accepted from and answered in.
const Header = "X-Request-Id"

type key struct{}

// With returns ctx carrying id.
func With(ctx context.Context, id string) context.Context { return context.WithValue(ctx, key{}, id) }

// From returns the request id ctx carries, or "".
func From(ctx context.Context) string {
	id, _ := ctx.Value(key{}).(string)
	return id
}

// New returns a fresh id: 16 random bytes in hex.
func New() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return hex.EncodeToString(b)
}

// Valid reports whether a client's id may be taken as it is: 1 to 64
// letters, digits, dots, dashes or underscores, so it cannot forge log
// lines or fill them.
func Valid(id string) bool {
	if len(id) == 0 || len(id) > 64 {
		return false
	}
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
		default:
			return false
		}
	}
	return true
}
