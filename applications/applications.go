// Package applications keeps the applications by which a rep gets a resource
// that sales support reviews (R8–R11): a rep's pick-in, an assistant's
// special application, their collision search at filing (R11), approval by
// self-entry with its deadline (R9) or by assignment with its name
// correction (R10), rejection, and the lists they appear in. Moves into a
// private sea go through the seas' own rules (capacity, protection).
package applications

import (
	"context"
	"time"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/workflows/contract"
)

// Store is what the service reads and writes; package store implements it.
type Store interface {
	sea.CollisionRecorder
	GetResource(ctx context.Context, id int64) (resource.Resource, error)
	UserByID(ctx context.Context, id int64) (people.User, error)
	CreateApplication(ctx context.Context, na store.NewApplication) (application.Application, error)
	GetApplication(ctx context.Context, id int64) (application.Application, error)
	Applications(ctx context.Context, f application.Filter) ([]application.Application, error)
	ApplicationEvents(ctx context.Context, id int64) ([]application.Event, error)
	ApplicationEventsOf(ctx context.Context, ids []int64) (map[int64][]application.Event, error)
	AssistantReps(ctx context.Context, assistantID int64) ([]people.UserRef, error)
	ApproveSelfEntry(ctx context.Context, id int64, actor *int64, deadline application.Deadline, comment string,
		within func(application.Application) ([]contract.Command, error)) (application.Application, error)
	Assign(ctx context.Context, as store.Assignment,
		within func(application.Application, resource.Resource) ([]contract.Command, error)) (application.Application, resource.Resource, error)
	RejectApplication(ctx context.Context, id, actor int64, reason string) (application.Application, error)
}

// Decider answers the rule points applications need (R22).
type Decider interface {
	ProtectionUntil(env rules.ProtectionEnv) (rules.Decision[time.Time], error)
	EntryDeadline(env rules.DeadlineEnv) (rules.Decision[time.Time], error)
	NameCorrectionDeadline(env rules.DeadlineEnv) (rules.Decision[time.Time], error)
	AutoApprove(env rules.AutoApproveEnv) (rules.Decision[bool], error)
	ReviewDeadline(env rules.ReviewEnv) (rules.Decision[time.Time], error)
}

// Service files, decides and lists applications.
type Service struct {
	Store  Store
	Rules  Decider
	Seas   *sea.Service     // the seas' rules for the moves an approval makes
	Outbox sea.Deliverer    // nil: the commands wait for the dispatcher's next poll
	Now    func() time.Time // the clock; time.Now when nil
}

// memos marks the commands with the request's id.
func memos(ctx context.Context, cmds []contract.Command) []contract.Command {
	for i := range cmds {
		cmds[i].Memo = sea.Memo(ctx)
	}
	return cmds
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}
