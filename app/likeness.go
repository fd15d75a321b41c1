package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/tide-crm/tide/store"
)

// keyLikeness keys, in the background, the resources that have no
// likeness keys yet or older ones (after an upgrade): until it is done a
// search does not find them as possible duplicates, and nothing else
// waits for it. It retries while the database is away.
func keyLikeness(ctx context.Context, st *store.Store) {
	for {
		start := time.Now()
		n, err := st.KeyLikeness(ctx, 500)
		if err == nil {
			if n > 0 {
				slog.Info("likeness keys made", "resources", n, "took", time.Since(start).Round(time.Millisecond))
			}
			return
		}
		if ctx.Err() != nil {
			return
		}
		slog.Warn("likeness keys: will try again", "err", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(10 * time.Second):
		}
	}
}
