// Package imports loads spreadsheets of resources (导入): a check that runs
// every row as a dry run of an entry and keeps the file with each row's
// verdict, a commit that the workflow import/<id> runs in batches — each
// row entered with a single entry's guarantees, its result recorded in the
// same transaction — and a report of every row's result that the user can
// fix and upload again.
package imports

import (
	"context"
	"io"
	"time"

	"github.com/tide-crm/tide/bulk"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/workflows/contract"
)

// Store keeps imports; package store implements it.
type Store interface {
	FindHits(ctx context.Context, keys []collision.Key) ([]collision.Hit, error)
	CreateImport(ctx context.Context, imp bulk.Import, rows []bulk.Row) (int64, error)
	Import(ctx context.Context, id int64) (bulk.Import, error)
	ImportsBy(ctx context.Context, userID int64, limit int) ([]bulk.Import, error)
	ImportRows(ctx context.Context, id int64, after, limit int, pending bool) ([]bulk.Row, error)
	StartImport(ctx context.Context, id int64, cmds []contract.Command) error
	RefuseImportRows(ctx context.Context, id int64, reasons map[int]bulk.Detail) error
	CancelImport(ctx context.Context, id int64) error
	FinishImport(ctx context.Context, id int64, state string, at time.Time) error
	UserByID(ctx context.Context, id int64) (people.User, error)
}

// Seas enters rows and tells a rep's room; package sea implements it.
type Seas interface {
	EnterImported(ctx context.Context, actor people.User, e intake.Entry, note string, row store.ImportRowRef) (resource.Resource, error)
	EnterImportedPublic(ctx context.Context, actor people.User, rows []sea.ImportedRow) ([]error, error)
	Room(ctx context.Context, rep people.User) (sea.Room, error)
}

// Service runs imports.
type Service struct {
	Store  Store
	Seas   Seas
	Outbox sea.Deliverer // nil: the commit's start waits for the dispatcher's poll
	// Parallel is how many groups of a public import's rows enter at once
	// (≤ 0: 4), each group in one transaction of a savepoint a row. A
	// rep's import enters one row at a time, in file order, so that the
	// rows capacity refuses are the last ones.
	Parallel int
	Now      func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// mayImport allows reps into their own sea, sales support and admins into
// the public sea.
func mayImport(actor people.User, target string) error {
	switch target {
	case bulk.TargetMine:
		if actor.Role != people.RoleRep {
			return fault.New(fault.Forbidden, "only reps import into their own private sea")
		}
	case bulk.TargetPublic:
		if actor.Role != people.RoleSupport && actor.Role != people.RoleAdmin {
			return fault.New(fault.Forbidden, "only sales support and admins import into the public sea")
		}
	default:
		return fault.Invalidf([]fault.FieldError{fault.Field("target", `"public" or "mine"`)}, "where should the rows go?")
	}
	return nil
}

// Get returns an import with its counts: its importer's, or any for an admin.
func (s *Service) Get(ctx context.Context, actor people.User, id int64) (bulk.Import, error) {
	imp, err := s.Store.Import(ctx, id)
	if err != nil {
		return bulk.Import{}, err
	}
	if imp.CreatedBy != actor.ID && actor.Role != people.RoleAdmin {
		return bulk.Import{}, fault.New(fault.NotFound, "no import %d", id)
	}
	return imp, nil
}

// List returns the actor's latest imports, newest first.
func (s *Service) List(ctx context.Context, actor people.User) ([]bulk.Import, error) {
	return s.Store.ImportsBy(ctx, actor.ID, 20)
}

// Rows returns up to limit rows of an import after line `after`, in file
// order, with their verdicts and results.
func (s *Service) Rows(ctx context.Context, actor people.User, id int64, after, limit int) ([]bulk.Row, error) {
	if _, err := s.Get(ctx, actor, id); err != nil {
		return nil, err
	}
	return s.Store.ImportRows(ctx, id, after, limit, false)
}

// Cancel stops an import: a checked one is never committed, a running one
// stops between batches; rows entered stay entered.
func (s *Service) Cancel(ctx context.Context, actor people.User, id int64) (bulk.Import, error) {
	if _, err := s.Get(ctx, actor, id); err != nil {
		return bulk.Import{}, err
	}
	if err := s.Store.CancelImport(ctx, id); err != nil {
		return bulk.Import{}, err
	}
	return s.Store.Import(ctx, id)
}

// Commit starts entering a checked import's rows (import/<id>) and
// returns at once; Get follows its progress.
func (s *Service) Commit(ctx context.Context, actor people.User, id int64) (bulk.Import, error) {
	imp, err := s.Get(ctx, actor, id)
	if err != nil {
		return bulk.Import{}, err
	}
	if imp.CreatedBy != actor.ID {
		return bulk.Import{}, fault.New(fault.Forbidden, "only its importer commits an import")
	}
	cmd := contract.StartImport(contract.ImportInput{ImportID: id})
	cmd.Memo = sea.Memo(ctx)
	if err := s.Store.StartImport(ctx, id, []contract.Command{cmd}); err != nil {
		return bulk.Import{}, err
	}
	sea.Deliver(ctx, s.Outbox, nil, []contract.Command{cmd})
	return s.Store.Import(ctx, id)
}

// Upload is a file to check.
type Upload struct {
	Target, Name string
	Body         io.Reader
}
