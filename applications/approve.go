package applications

import (
	"context"
	"strings"
	"time"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/metrics"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/workflows/contract"
)

// Approval modes.
const (
	ModeSelfEntry = application.ModeSelfEntry
	ModeAssign    = application.ModeAssign
)

// Approval is sales support's decision on a pending application.
type Approval struct {
	Mode       string // self_entry or assign
	ResourceID int64  // assign: the public resource given; 0: the one applied for
	Comment    string
}

// Approve approves a pending application (sales support). With self_entry
// the rep must complete the entry within entry.deadline — by default the
// end of the 2nd working day counted from the day after the reply (R9).
// With assign a public resource moves to the rep at once; if its company
// key differs from the application's, the rep must correct its name within
// name_correction.deadline or it returns to the public sea (R10).
func (s *Service) Approve(ctx context.Context, actor people.User, id int64, ap Approval) (application.Application, error) {
	comment := strings.TrimSpace(ap.Comment)
	switch ap.Mode {
	case ModeSelfEntry, ModeAssign:
	default:
		return application.Application{}, fault.Invalidf([]fault.FieldError{{Field: "mode", Reason: `must be "self_entry" or "assign"`}}, "which approval?")
	}
	a, err := s.Store.GetApplication(ctx, id)
	if err != nil {
		return application.Application{}, err
	}
	if ap.Mode == ModeSelfEntry {
		if ap.ResourceID != 0 {
			return application.Application{}, fault.Invalidf([]fault.FieldError{{Field: "resource_id", Reason: "only an assignment names a resource"}},
				"self_entry gives no resource")
		}
		return s.approveSelfEntry(ctx, &actor.ID, a, comment)
	}
	return s.assign(ctx, actor, a, ap.ResourceID, comment)
}

// approveSelfEntry approves with self_entry: actor nil is the system (a
// rule's auto-approval).
func (s *Service) approveSelfEntry(ctx context.Context, actor *int64, a application.Application, comment string) (application.Application, error) {
	rep, err := s.Store.UserByID(ctx, a.ForRep.ID)
	if err != nil {
		return application.Application{}, err
	}
	now := s.now()
	d, err := s.Rules.EntryDeadline(rules.DeadlineEnv{ApprovedAt: now, Rep: sea.RepEnv(rep), Now: now})
	if err != nil {
		return application.Application{}, err
	}
	sent := memos(ctx, []contract.Command{contract.StartApplication(contract.ApplicationInput{ApplicationID: a.ID, Deadline: d.Value})})
	a, err = s.Store.ApproveSelfEntry(ctx, a.ID, actor, deadline(d), comment,
		func(application.Application) ([]contract.Command, error) { return sent, nil })
	sea.Deliver(ctx, s.Outbox, err, sent)
	return a, err
}

// assign gives a public resource to the application's rep. The rules are
// decided on the resource as read; the store assigns it only if its company
// key is still the one decided on.
func (s *Service) assign(ctx context.Context, actor people.User, a application.Application, resourceID int64, comment string) (application.Application, error) {
	if resourceID == 0 && a.ResourceID != nil {
		resourceID = *a.ResourceID
	}
	if resourceID == 0 {
		return application.Application{}, fault.Invalidf([]fault.FieldError{{Field: "resource_id", Reason: "required: the public resource to assign"}},
			"which resource is assigned?")
	}
	r, err := s.Store.GetResource(ctx, resourceID)
	if err != nil {
		return application.Application{}, err
	}
	if r.Sea != resource.SeaPublic {
		return application.Application{}, fault.New(fault.Conflict, "resource %d is not in the public sea: %s holds it", r.ID, holder(r))
	}
	rep, err := s.Store.UserByID(ctx, a.ForRep.ID)
	if err != nil {
		return application.Application{}, err
	}
	now := s.now()
	env := sea.ResourceEnv(r)
	env.Source = resource.PathAssign
	until, err := s.Rules.ProtectionUntil(rules.ProtectionEnv{Now: now, Rep: sea.RepEnv(rep), Resource: env})
	if err != nil {
		return application.Application{}, err
	}
	as := store.Assignment{ApplicationID: a.ID, ResourceID: r.ID, ActorID: actor.ID, Key: r.CompanyKey,
		Protection: deadline(until), Comment: comment, Capacity: s.Seas.Capacity}
	if r.CompanyKey != a.Key {
		fix, err := s.Rules.NameCorrectionDeadline(rules.DeadlineEnv{ApprovedAt: now, Rep: sea.RepEnv(rep), Now: now})
		if err != nil {
			return application.Application{}, err
		}
		dl := deadline(fix)
		as.CorrectBy = &dl
	}
	var sent []contract.Command
	app, _, err := s.Store.Assign(ctx, as, func(app application.Application, res resource.Resource) ([]contract.Command, error) {
		cmds, err := s.Seas.Protect(ctx, rep, res, until)
		if err == nil && app.Deadline != nil {
			cmds = append(cmds, memos(ctx, []contract.Command{
				contract.StartApplication(contract.ApplicationInput{ApplicationID: app.ID, Deadline: *app.Deadline})})...)
		}
		sent = cmds
		return cmds, err
	})
	sea.Deliver(ctx, s.Outbox, err, sent)
	s.Seas.RecordRefusal(ctx, rep, err)
	if err == nil {
		metrics.Moves.WithLabelValues(resource.PathAssign).Inc()
	}
	return app, err
}

func deadline(d rules.Decision[time.Time]) application.Deadline {
	return application.Deadline{At: d.Value, Rule: d.Rule, Version: d.Version}
}

func holder(r resource.Resource) string {
	if r.Owner == nil {
		return "nobody"
	}
	return r.Owner.Name
}
