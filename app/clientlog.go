package app

import (
	"context"
	"log/slog"
	"strings"
)

// clientLog is the Temporal client's log handler: the SDK reports a poll
// that the worker's own stop cancelled as a warning ("Failed to poll for
// task … context canceled"); that is the stop working, so it is logged at
// debug, and a normal stop logs no warning.
type clientLog struct{ slog.Handler }

func (h clientLog) Handle(ctx context.Context, r slog.Record) error {
	if r.Level >= slog.LevelWarn && cancelled(r) {
		r.Level = slog.LevelDebug
		if !h.Handler.Enabled(ctx, r.Level) {
			return nil
		}
	}
	return h.Handler.Handle(ctx, r)
}

func (h clientLog) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn || h.Handler.Enabled(ctx, l)
}

func (h clientLog) WithAttrs(as []slog.Attr) slog.Handler { return clientLog{h.Handler.WithAttrs(as)} }
func (h clientLog) WithGroup(name string) slog.Handler    { return clientLog{h.Handler.WithGroup(name)} }

// cancelled reports a record whose error is a cancelled context.
func cancelled(r slog.Record) bool {
	found := false
	r.Attrs(func(a slog.Attr) bool {
		if strings.EqualFold(a.Key, "error") && strings.Contains(a.Value.String(), "context canceled") {
			found = true
		}
		return !found
	})
	return found
}
