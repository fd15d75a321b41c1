// Package customers keeps what a rep knows of a customer beyond its place in
// the seas: its contacts, whose numbers are collision keys like the
// resource's own (R2, R19), the contact notes (联系小计, R19), and the whole
// story of a resource in one view (客户360, R20). Who may see and change it
// is decided by the seas' rules (sea.SightOf, sea.MayEdit).
package customers

import (
	"context"
	"time"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store"
)

// Store is what the service reads and writes; package store implements it.
type Store interface {
	GetResource(ctx context.Context, id int64) (resource.Resource, error)
	ChangeContact(ctx context.Context, c store.ContactChange) (int64, error)
	RecordCollision(ctx context.Context, c store.MetCollision) error
	AddNote(ctx context.Context, resourceID, authorID int64, in resource.NoteInput, may func(resource.Resource) error) (resource.Note, error)
	EditNote(ctx context.Context, resourceID, noteID, authorID int64, in resource.NoteInput, may func(resource.Resource) error) (resource.Note, error)
	Notes(ctx context.Context, resourceID int64) ([]resource.Note, error)
	History(ctx context.Context, id int64) ([]resource.HistoryEntry, error)
	ApplicationsOfResource(ctx context.Context, id int64) ([]application.Application, error)
	ApplicationEvents(ctx context.Context, id int64) ([]application.Event, error)
	CollisionsOf(ctx context.Context, id int64) ([]collision.Record, error)
	ReferralsOfResource(ctx context.Context, id int64) ([]collision.Referral, error)
	AuditOfResource(ctx context.Context, id int64) ([]resource.AuditEntry, error)
	Reviews(ctx context.Context, f store.ReviewFilter) ([]likeness.Review, error)
}

// Raiser raises the possible duplicates (疑似撞单) a resource meets after a
// change; sea.Service implements it.
type Raiser interface {
	Raise(ctx context.Context, actor people.User, met string, ids ...int64)
}

// Service keeps contacts and notes and tells a resource's story.
type Service struct {
	Store    Store
	Likeness Raiser           // nil: contact changes raise no possible duplicates
	Now      func() time.Time // the clock; time.Now when nil
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}
