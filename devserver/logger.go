package devserver

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"

	tlog "go.temporal.io/server/common/log"
	"go.temporal.io/server/common/log/tag"
)

// serverLogger writes the embedded Temporal server's log through slog, so
// tide dev has one log format ({"time","level","msg",…} with
// component=temporal) instead of two. The server is kept to warnings and
// errors; its debug and info lines describe its own machinery.
//
// While the dev system stops, the worker's polls are cancelled and the
// server's services cancel each other's requests, and the server reports
// every cancellation as an error; those are the shutdown working, not
// failing, so from the moment the stop begins they are logged at debug.
type serverLogger struct {
	log      *slog.Logger
	stopping *atomic.Bool
}

func newServerLogger(l *slog.Logger) *serverLogger {
	return &serverLogger{log: l.With("component", "temporal"), stopping: &atomic.Bool{}}
}

// benign are warnings of the server's own configuration that tide chose
// on purpose (no Nexus HTTP port): they would greet every start.
var benign = []string{"HTTP API port has not been set"}

func (s *serverLogger) at(level slog.Level, msg string, tags []tag.Tag) {
	if s.stopping.Load() || slices.ContainsFunc(benign, func(b string) bool { return strings.HasPrefix(msg, b) }) {
		level = slog.LevelDebug
	}
	ctx := context.Background()
	if !s.log.Enabled(ctx, level) {
		return
	}
	attrs := make([]slog.Attr, 0, len(tags))
	for _, t := range tags {
		attrs = append(attrs, slog.Any(t.Key(), value(t.Value())))
	}
	s.log.LogAttrs(ctx, level, msg, attrs...)
}

// value keeps errors and stringers readable in JSON.
func value(v any) any {
	switch x := v.(type) {
	case error:
		return x.Error()
	case fmt.Stringer:
		return x.String()
	}
	return v
}

func (s *serverLogger) Debug(msg string, tags ...tag.Tag) {}
func (s *serverLogger) Info(msg string, tags ...tag.Tag)  {}
func (s *serverLogger) Warn(msg string, tags ...tag.Tag)  { s.at(slog.LevelWarn, msg, tags) }
func (s *serverLogger) Error(msg string, tags ...tag.Tag) { s.at(slog.LevelError, msg, tags) }
func (s *serverLogger) DPanic(msg string, tags ...tag.Tag) {
	s.at(slog.LevelError, msg, tags)
}
func (s *serverLogger) Panic(msg string, tags ...tag.Tag) {
	s.at(slog.LevelError, msg, tags)
	panic(msg)
}
func (s *serverLogger) Fatal(msg string, tags ...tag.Tag) {
	if s.stopping.Load() {
		// A goroutine of a server that is stopping lost what it was using
		// (its databases may be gone by now): that ends the goroutine, not
		// the process — which, in the tests, holds other systems too.
		s.log.Warn("a stopping server's goroutine gave up: "+msg, "component", "temporal")
		runtime.Goexit()
	}
	s.at(slog.LevelError, msg, tags)
	os.Exit(1) // as the server's own logger does
}

// With returns a logger that adds tags to every line.
func (s *serverLogger) With(tags ...tag.Tag) tlog.Logger {
	args := make([]any, 0, 2*len(tags))
	for _, t := range tags {
		args = append(args, t.Key(), value(t.Value()))
	}
	return &serverLogger{log: s.log.With(args...), stopping: s.stopping}
}
