package store

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tide-crm/tide/fault"
)

// The store's errors escape through many paths (a failed Begin, a Query,
// a Commit, an Acquire from the pool), and not every path wraps them with
// dbErr. A lost database must answer 503 on all of them, so the store also
// registers its judgement with fault: whatever reaches the edge unclassified
// is asked about once more.
func init() {
	fault.Classify(func(err error) (fault.Kind, bool) {
		if databaseUnavailable(err) {
			return fault.Unavailable, true
		}
		return 0, false
	})
}

// databaseUnavailable reports whether err says the database could not be
// reached or went away, as opposed to refusing the statement: a failed
// connect, a broken or closed connection, a server shutting down or out of
// connections, a timeout.
func databaseUnavailable(err error) bool {
	if err == nil {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case strings.HasPrefix(pe.Code, "08"), // connection exception
			strings.HasPrefix(pe.Code, "53"),                           // insufficient resources (too many connections)
			pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03", // shutdown, crash, cannot connect now
			pe.Code == "57P05": // idle session timeout
			return true
		}
		return false
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case errors.As(err, &ce), errors.As(err, &ne),
		pgconn.SafeToRetry(err), pgconn.Timeout(err),
		errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return true
	}
	// pgx reports a connection it closed after a failure this way.
	return strings.Contains(err.Error(), "conn closed")
}
