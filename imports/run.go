package imports

import (
	"context"
	"errors"
	"sync"

	"github.com/tide-crm/tide/bulk"
	"github.com/tide-crm/tide/catalog"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/workflows/contract"
)

// RunBatch enters up to size rows of a running import that have no result
// yet, in file order: rows the check found invalid or duplicated are
// refused as checked; every other row is entered as a single entry would
// be, which refuses a collision that arose since the check (a race lost)
// and a full private sea. The result of an entered row is written in its
// entry's transaction, so a retried batch enters no row twice. Once a rep's
// sea is full, the batch's remaining rows are refused without trying. It
// reports Finished (and marks the import) once no row is left or a cancel
// was asked for; errors it cannot decide a row on (the database down) are
// returned for the activity to retry.
func (s *Service) RunBatch(ctx context.Context, id int64, size int, beat func(done int)) (contract.ImportProgress, error) {
	imp, err := s.Store.Import(ctx, id)
	if err != nil {
		return contract.ImportProgress{}, err
	}
	progress := contract.ImportProgress{Done: imp.Done(), Total: imp.Total}
	if imp.State != bulk.StateRunning {
		progress.Finished = true
		return progress, nil
	}
	if imp.CancelRequested {
		progress.Finished = true
		return progress, s.Store.FinishImport(ctx, id, bulk.StateCancelled, s.now())
	}
	rows, err := s.Store.ImportRows(ctx, id, 0, size, true)
	if err != nil {
		return progress, err
	}
	if len(rows) == 0 {
		progress.Finished = true
		return progress, s.Store.FinishImport(ctx, id, bulk.StateDone, s.now())
	}
	actor, err := s.Store.UserByID(ctx, imp.CreatedBy)
	if err != nil {
		return progress, err
	}
	b := batch{s: s, imp: imp, actor: actor, refused: map[int]bulk.Detail{}, beat: beat}
	if imp.Target == bulk.TargetPublic {
		err = b.parallel(ctx, rows, max(1, s.parallel()))
	} else {
		err = b.inOrder(ctx, rows)
	}
	if rerr := s.Store.RefuseImportRows(ctx, id, b.refused); err == nil {
		err = rerr
	}
	progress.Done += len(rows)
	return progress, err
}

func (s *Service) parallel() int {
	if s.Parallel > 0 {
		return s.Parallel
	}
	return 4
}

// batch is one run of RunBatch.
type batch struct {
	s       *Service
	imp     bulk.Import
	actor   people.User
	beat    func(done int)
	mu      sync.Mutex
	refused map[int]bulk.Detail // line → why
	done    int
	full    *bulk.Detail // the capacity refusal that filled the sea
}

// inOrder enters a rep's rows one after the other; once capacity refuses
// one, the rest are refused with it.
func (b *batch) inOrder(ctx context.Context, rows []bulk.Row) error {
	for _, r := range rows {
		if b.full != nil && !refusedAsChecked(r) {
			b.refuse(r.Line, *b.full)
			continue
		}
		if err := b.enter(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

// groupSize is how many rows of a public import share a transaction.
const groupSize = 20

// parallel enters rows in groups of groupSize, n groups at a time: a
// public import has no capacity, and rows the check let through hold
// distinct keys.
func (b *batch) parallel(ctx context.Context, rows []bulk.Row, n int) error {
	var groups [][]bulk.Row
	for len(rows) > 0 {
		k := min(groupSize, len(rows))
		groups, rows = append(groups, rows[:k]), rows[k:]
	}
	next := make(chan []bulk.Row)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for g := range next {
				if err := b.enterGroup(ctx, g); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	var err error
feed:
	for _, g := range groups {
		select {
		case next <- g:
		case err = <-errs:
			break feed
		}
	}
	close(next)
	wg.Wait()
	close(errs)
	if err == nil {
		err = <-errs
	}
	return err
}

// enterGroup enters a group of a public import's rows in one transaction.
func (b *batch) enterGroup(ctx context.Context, rows []bulk.Row) error {
	var in []sea.ImportedRow
	var entries []entry
	var lines []int
	for _, r := range rows {
		if refusedAsChecked(r) {
			b.refuse(r.Line, r.Check)
			b.tick()
			continue
		}
		e := entryOf(r.Fields)
		in = append(in, sea.ImportedRow{Entry: e.Entry, Note: e.Note, Row: store.ImportRowRef{ImportID: b.imp.ID, Line: r.Line}})
		entries, lines = append(entries, e), append(lines, r.Line)
	}
	if len(in) == 0 {
		return nil
	}
	errs, err := b.s.Seas.EnterImportedPublic(ctx, b.actor, in)
	if err != nil {
		return err
	}
	for i, e := range errs {
		if err := b.decide(lines[i], entries[i], e); err != nil {
			return err
		}
		b.tick()
	}
	return nil
}

// enter decides one row: refused as checked, entered, or refused by the
// entry; an error no row's result can say is returned.
func (b *batch) enter(ctx context.Context, r bulk.Row) error {
	defer b.tick()
	if refusedAsChecked(r) {
		b.refuse(r.Line, r.Check)
		return nil
	}
	e := entryOf(r.Fields)
	_, err := b.s.Seas.EnterImported(ctx, b.actor, e.Entry, e.Note, store.ImportRowRef{ImportID: b.imp.ID, Line: r.Line})
	return b.decide(r.Line, e, err)
}

// decide records what an entry's answer means for its row: entered (or
// entered before), refused and why, or an error no row's result can say.
func (b *batch) decide(line int, e entry, err error) error {
	switch {
	case err == nil, errors.Is(err, store.ErrRowDone):
		return nil
	case fault.Is(err, fault.Collision):
		b.refuse(line, bulk.Detail{Hits: store.HitsOf(err)})
	case fault.Is(err, fault.Invalid):
		b.refuse(line, bulk.Detail{Problems: e.problems(err)})
	case fault.Is(err, fault.Conflict), fault.Is(err, fault.RuleFailed):
		d, capacity := refusalOf(err)
		if capacity {
			b.mu.Lock()
			b.full = &d
			b.mu.Unlock()
		}
		b.refuse(line, d)
	default:
		return err
	}
	return nil
}

// refusedAsChecked: the check found the row invalid or a repeat of an
// earlier one, which no later moment changes; the commit refuses it as
// checked without trying.
func refusedAsChecked(r bulk.Row) bool {
	return r.Verdict == bulk.VerdictInvalid || r.Verdict == bulk.VerdictDuplicate
}

// refusalOf is a rule's or a state's refusal as a row's reason, and
// whether it is capacity's (R13), which carries the limit and holding.
func refusalOf(err error) (bulk.Detail, bool) {
	var fe *fault.Error
	if !errors.As(err, &fe) {
		return bulk.Detail{Refusal: &bulk.Problem{Reason: err.Error(), Chinese: err.Error()}}, false
	}
	d := bulk.Detail{Refusal: &bulk.Problem{Reason: fe.Detail, Chinese: catalog.For(catalog.Chinese).Text(fe.Text)}}
	if fe.Extra["rule"] != "capacity.limit" {
		return d, false
	}
	if dec, ok := fe.Extra["decision"].(map[string]any); ok {
		d.Limit, _ = dec["limit"].(int)
		d.Held, _ = dec["held"].(int)
	}
	return d, true
}

func (b *batch) refuse(line int, d bulk.Detail) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refused[line] = d
}

func (b *batch) tick() {
	b.mu.Lock()
	b.done++
	done := b.done
	b.mu.Unlock()
	if b.beat != nil {
		b.beat(done)
	}
}
