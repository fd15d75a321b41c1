package sea

import (
	"context"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/metrics"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store"
)

// EnterImported enters one row of a bulk import into the actor's private
// sea with the guarantees of a single entry (R1, R2, R6, R13, R17),
// protection applying. The row's result is written in the entry's
// transaction, so an entry for a row done already answers
// store.ErrRowDone and enters nothing. note, when set, becomes the first
// contact note.
func (s *Service) EnterImported(ctx context.Context, actor people.User, e intake.Entry, note string, row store.ImportRowRef) (resource.Resource, error) {
	nr, err := e.Normalize()
	if err != nil {
		return resource.Resource{}, err
	}
	nr.Note, nr.Row, nr.CreatedBy = note, &row, actor.ID
	return s.enterPrivate(ctx, actor, nr, resource.PathImport)
}

// ImportedRow is one row of a bulk import as an entry, with its note and
// the row it commits.
type ImportedRow struct {
	Entry intake.Entry
	Note  string
	Row   store.ImportRowRef
}

// EnterImportedPublic enters rows of a bulk import into the public sea in
// one transaction, each row still one entry (store.EnterPublicRows): errs[i]
// is row i's refusal (invalid, a collision, store.ErrRowDone) or nil; err,
// a failure that entered none of them. The possible duplicates the
// entered rows meet are raised after the commit (Raise).
func (s *Service) EnterImportedPublic(ctx context.Context, actor people.User, rows []ImportedRow) (errs []error, err error) {
	errs = make([]error, len(rows))
	var nrs []store.NewResource
	var at []int // nrs[j] is row at[j]
	for i, r := range rows {
		nr, err := r.Entry.Normalize()
		if err != nil {
			errs[i] = err
			continue
		}
		ref := r.Row
		nr.Note, nr.Row, nr.CreatedBy, nr.Public = r.Note, &ref, actor.ID, true
		nr.Change = resource.Change{ActorID: &actor.ID, Path: resource.PathImport}
		nrs, at = append(nrs, nr), append(at, i)
	}
	if len(nrs) == 0 {
		return errs, nil
	}
	ids, got, err := s.Store.EnterPublicRows(ctx, nrs)
	if err != nil {
		return nil, err
	}
	var entered []int64
	for j, e := range got {
		errs[at[j]] = e
		RecordCollision(ctx, s.Store, actor, collision.OnEntry, nil, e)
		if e == nil {
			metrics.Moves.WithLabelValues(resource.PathImport).Inc()
			entered = append(entered, ids[j])
		}
	}
	s.Raise(ctx, actor, MetOnImport, entered...)
	return errs, nil
}
