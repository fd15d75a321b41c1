package store

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
)

// sessionsChannel is where migration 014's triggers announce, by user id,
// that a user's sessions or row changed.
const sessionsChannel = "tide_sessions"

// WatchSessions listens, on a connection of its own, for the users whose
// sessions ended or whose row changed, in any process, and calls changed
// with each user's id as the change commits. It calls listening(true) once
// it listens — nothing announced after that is missed — and listening(false)
// when the connection is lost, before it reconnects (a second later, then
// backing off to 30 s): between the two, announcements are missed, so a
// cache must not be trusted. It returns when ctx ends.
func (s *Store) WatchSessions(ctx context.Context, changed func(userID int64), listening func(bool)) {
	wait := time.Second
	for ctx.Err() == nil {
		heard, err := s.watch(ctx, changed, listening)
		listening(false)
		if heard {
			wait = time.Second
		}
		if ctx.Err() != nil {
			return
		}
		slog.Warn("store: lost the session announcements; sessions are read from the database until they are back",
			"err", err, "retry_in", wait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, 30*time.Second)
	}
}

// watch listens until the connection fails; heard reports that it listened.
func (s *Store) watch(ctx context.Context, changed func(int64), listening func(bool)) (heard bool, err error) {
	conn, err := pgx.ConnectConfig(ctx, s.pool.Config().ConnConfig.Copy())
	if err != nil {
		return false, err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+sessionsChannel); err != nil {
		return false, err
	}
	listening(true)
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return true, err
		}
		if id, err := strconv.ParseInt(n.Payload, 10, 64); err == nil {
			changed(id)
		}
	}
}
