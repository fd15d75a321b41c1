package store

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// RulesChannel is where rule activations are announced.
const RulesChannel = "tide_rules"

// ListenRules calls changed for every announcement on RulesChannel until ctx
// ends, on a connection of its own, reconnecting after a failure. The
// announcement itself carries no data the caller must trust: changed is a
// signal to reload.
func (s *Store) ListenRules(ctx context.Context, changed func()) {
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := s.listenOnce(ctx, changed)
		if ctx.Err() != nil {
			return
		}
		slog.Warn("rule announcements interrupted; reconnecting", "err", err, "in", backoff)
		changed() // something may have been missed while the connection was down
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 5*time.Second)
	}
}

func (s *Store) listenOnce(ctx context.Context, changed func()) error {
	conn, err := pgx.ConnectConfig(ctx, s.pool.Config().ConnConfig.Copy())
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+RulesChannel); err != nil {
		return err
	}
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		changed()
	}
}
