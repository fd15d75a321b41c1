// Package outbox sends the workflow commands that moves record in their own
// transactions (store's outbox table) to Temporal, once the move has
// committed. A move therefore holds no lock while Temporal answers, and a
// crash leaves either the command, which a dispatcher sends after the
// restart, or the workflow — never neither.
//
// Every api, worker and dev process runs a Dispatcher; they share the work
// (commands are claimed with SKIP LOCKED) and every send is idempotent, so a
// command sent twice — the process died after Temporal had it, before the
// row was deleted — changes nothing the second time.
package outbox

import (
	"context"
	"log/slog"
	"time"

	"github.com/tide-crm/tide/metrics"
	"github.com/tide-crm/tide/store"
)

// Store holds the outbox; package store implements it.
type Store interface {
	Dispatch(ctx context.Context, workflowID string, limit, parallel int, send func(store.Pending) error) (int, error)
}

// Sender delivers one command to Temporal, idempotently.
type Sender interface {
	Send(ctx context.Context, p store.Pending) error
}

// Dispatcher drains the outbox: at once when kicked (a move just
// committed), and every PollEvery for commands a failed send left behind or
// another process recorded.
type Dispatcher struct {
	Store     Store
	Sender    Sender
	PollEvery time.Duration // 1 s when zero
	Batch     int           // 64 when zero
	Parallel  int           // sends at once, 16 when zero

	kick chan struct{}
}

// New returns a dispatcher.
func New(st Store, sender Sender) *Dispatcher {
	return &Dispatcher{Store: st, Sender: sender, kick: make(chan struct{}, 1)}
}

// Kick asks the dispatcher to drain now; it never blocks.
func (d *Dispatcher) Kick() {
	select {
	case d.kick <- struct{}{}:
	default:
	}
}

// Flush sends the commands waiting for one workflow now, in order, so that
// an update sent to it next finds it started. It waits for a dispatcher
// that is sending one of them already.
func (d *Dispatcher) Flush(ctx context.Context, workflowID string) error {
	_, err := d.Store.Dispatch(ctx, workflowID, 100, 1, d.send(ctx))
	return err
}

// Deliver tells the dispatcher that commands for these workflows just
// committed: it sends them now, behind the answer, which does not wait for
// Temporal. (The workflow ids are not needed: the dispatcher drains
// everything due, oldest first.)
func (d *Dispatcher) Deliver(context.Context, ...string) { d.Kick() }

// Run drains the outbox until ctx ends.
func (d *Dispatcher) Run(ctx context.Context) {
	every := d.PollEvery
	if every == 0 {
		every = time.Second
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		d.drain(ctx)
		select {
		case <-ctx.Done():
			return
		case <-d.kick:
		case <-tick.C:
		}
	}
}

// drain sends due commands, batch after batch, while batches send
// something (a command sent makes its workflow's next one due).
func (d *Dispatcher) drain(ctx context.Context) {
	batch, parallel := d.Batch, d.Parallel
	if batch == 0 {
		batch = 64
	}
	if parallel == 0 {
		parallel = 16
	}
	for ctx.Err() == nil {
		n, err := d.Store.Dispatch(ctx, "", batch, parallel, d.send(ctx))
		if err != nil {
			if ctx.Err() == nil {
				slog.Warn("outbox: dispatching failed", "component", "outbox", "err", err)
			}
			return
		}
		if n == 0 { // nothing due, or nothing Temporal took: the next tick
			return
		}
	}
}

func (d *Dispatcher) send(ctx context.Context) func(store.Pending) error {
	return func(p store.Pending) error {
		err := d.Sender.Send(ctx, p)
		metrics.OutboxSent.WithLabelValues(p.Kind, metrics.Outcome(err)).Inc()
		if err == nil {
			metrics.OutboxLag.Observe(metrics.Since(p.CreatedAt))
		} else {
			slog.Warn("outbox: a command was not sent; it is tried again", "component", "outbox",
				"workflow_id", p.WorkflowID, "kind", p.Kind, "attempts", p.Attempts+1, "err", err)
		}
		return err
	}
}
