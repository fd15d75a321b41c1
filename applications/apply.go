package applications

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/workflows/contract"
)

// Application types (R8).
const (
	AppPickIn           = "pick_in"
	AppAssistantSpecial = "assistant_special"
)

// Input is an application as filed.
type Input struct {
	Type       string
	ResourceID int64         // a public resource; 0 when Proposed is given
	Proposed   *intake.Entry // a resource not in tide yet
	ForRepID   int64         // assistants apply for a rep; a rep applies for themself
	Reason     string
}

// Apply files an application (R8): a rep's pick-in for a public resource
// or a proposed one, or an assistant's special application for a rep. Its
// collision search runs at once, in the filing's transaction (R11), and a
// proposed resource's keys stay reserved while the application is open, so
// whoever applied or entered first stands (R6). Keys are not held without
// bounds: a rep may have application.open_limit open applications, and one
// sales support does not decide by application.review_deadline lapses.
func (s *Service) Apply(ctx context.Context, actor people.User, in Input) (application.Application, error) {
	var f intake.Fields
	na := store.NewApplication{Type: in.Type, ApplicantID: actor.ID, ForRepID: actor.ID, Reason: strings.TrimSpace(in.Reason)}
	switch {
	case in.Type == AppPickIn && actor.Role == people.RoleRep:
	case in.Type == AppAssistantSpecial && actor.Role == people.RoleAssistant:
		if in.ForRepID == 0 {
			f.Bad("for_rep_id", "an assistant applies for a rep: which one?")
		} else if err := s.serves(ctx, actor, in.ForRepID); err != nil {
			return application.Application{}, err
		}
		na.ForRepID = in.ForRepID
	case in.Type == AppPickIn || in.Type == AppAssistantSpecial:
		return application.Application{}, fault.New(fault.Forbidden, "a %s files no %s application", actor.Role, in.Type)
	default:
		f.Bad("type", `must be "pick_in" or "assistant_special"`)
	}
	switch {
	case (in.ResourceID != 0) == (in.Proposed != nil):
		f.Bad("resource_id", "give either resource_id (a public resource) or proposed (a new one)")
	case in.ResourceID != 0:
		r, err := s.Store.GetResource(ctx, in.ResourceID)
		if err != nil {
			return application.Application{}, err
		}
		na.ResourceID, na.Kind, na.Name, na.Region, na.Key = &r.ID, r.Kind, r.Name, r.Region, r.CompanyKey
	default:
		nr, err := in.Proposed.Normalize()
		if err != nil {
			return application.Application{}, err
		}
		if nr.Dual {
			f.Bad("proposed.kind", `an application names the kind: "enterprise" or "individual"`)
		}
		na.Kind, na.Name, na.Region, na.Key, na.Keys = nr.Kind, nr.Name, nr.Region, nr.CompanyKey, nr.Keys()
		na.Proposed, err = json.Marshal(proposal(nr))
		if err != nil {
			return application.Application{}, err
		}
	}
	if err := f.Err("the application is incomplete"); err != nil {
		return application.Application{}, err
	}
	rep := actor
	if na.ForRepID != actor.ID {
		var err error
		rep, err = s.Store.UserByID(ctx, na.ForRepID)
		if err != nil || rep.Role != people.RoleRep {
			return application.Application{}, fault.Invalidf([]fault.FieldError{{Field: "for_rep_id", Reason: "must name a rep"}}, "for whom?")
		}
	}
	now := s.now()
	review, err := s.Rules.ReviewDeadline(rules.ReviewEnv{FiledAt: now, Now: now, Rep: sea.RepEnv(rep)})
	if err != nil {
		return application.Application{}, err
	}
	na.Review = application.Deadline{At: review.Value, Rule: review.Rule, Version: review.Version}
	na.OpenLimit = s.Seas.OpenLimit
	var sent []contract.Command
	na.Filed = func(a application.Application) ([]contract.Command, error) {
		sent = []contract.Command{contract.StartReview(contract.ReviewInput{ApplicationID: a.ID, Deadline: review.Value})}
		if a.Unprotected {
			// Filed while its search could not answer: the workflow searches
			// as soon as the search answers (R11).
			sent = append(sent, contract.StartSearch(a.ID))
		}
		return memos(ctx, sent), nil
	}
	a, err := s.Store.CreateApplication(ctx, na)
	sea.Deliver(ctx, s.Outbox, err, sent)
	s.Seas.RecordRefusal(ctx, actor, err)
	sea.RecordCollision(ctx, s.Store, actor, collision.OnApplication, nil, err)
	if err != nil || a.ResourceID != nil {
		return a, err // a pick-in of an existing resource is approved by assigning it
	}
	return s.autoApprove(ctx, a)
}

// autoApprove approves a new application at once, with self_entry, when
// application.auto_approve says so; the approval names the rule version.
func (s *Service) autoApprove(ctx context.Context, a application.Application) (application.Application, error) {
	rep, err := s.Store.UserByID(ctx, a.ForRep.ID)
	if err != nil {
		return a, err
	}
	d, err := s.Rules.AutoApprove(rules.AutoApproveEnv{Rep: sea.RepEnv(rep), Now: s.now(),
		Application: rules.Application{Type: a.Type, Kind: a.Kind, Region: a.Region}})
	if err != nil || !d.Value {
		return a, err
	}
	return s.approveSelfEntry(ctx, nil, a, "approved by rule "+d.Rule+" version "+d.Version)
}

// proposal is the normalised proposed resource as the application keeps it.
func proposal(nr store.NewResource) map[string]any {
	numbers := func(ns []resource.Number) []map[string]string {
		out := []map[string]string{}
		for _, n := range ns {
			out = append(out, map[string]string{"type": n.Type, "value": n.Raw, "normalized": n.Normalized, "extension": n.Extension})
		}
		return out
	}
	contacts := []map[string]any{}
	for _, c := range nr.Contacts {
		contacts = append(contacts, map[string]any{"name": c.Name, "title": c.Title, "email": c.Email, "numbers": numbers(c.Numbers)})
	}
	return map[string]any{"kind": nr.Kind, "name": nr.Name, "region": nr.Region, "company_key": nr.CompanyKey,
		"numbers": numbers(nr.Numbers), "contacts": contacts}
}

// serves refuses a special application for a rep the assistant does not
// serve, once an admin assigned the assistant any reps; an assistant with
// none assigned may apply for any rep.
func (s *Service) serves(ctx context.Context, assistant people.User, repID int64) error {
	served, err := s.Store.AssistantReps(ctx, assistant.ID)
	if err != nil || len(served) == 0 {
		return err
	}
	for _, r := range served {
		if r.ID == repID {
			return nil
		}
	}
	return fault.Invalidf([]fault.FieldError{fault.Field("for_rep_id", "you serve other reps")},
		"an assistant applies only for the reps an admin assigned them")
}

// ProposedEntry is the entry an application proposed, as proposal stored
// it, for the rep completing an approved self-entry (R9): the form starts
// from what was applied for.
func ProposedEntry(a application.Application) (intake.Entry, error) {
	type number struct{ Type, Value string }
	var p struct {
		Kind, Name, Region string
		Numbers            []number
		Contacts           []struct {
			Name, Title, Email string
			Numbers            []number
		}
	}
	if len(a.Proposed) == 0 {
		return intake.Entry{}, fault.New(fault.Conflict, "application %d proposes no new resource", a.ID)
	}
	if err := json.Unmarshal(a.Proposed, &p); err != nil {
		return intake.Entry{}, fmt.Errorf("application %d: stored proposal: %w", a.ID, err)
	}
	e := intake.Entry{ApplicationID: a.ID, Kind: p.Kind, Name: p.Name, Region: p.Region}
	for _, n := range p.Numbers {
		e.Numbers = append(e.Numbers, intake.EntryNumber{Type: n.Type, Value: n.Value})
	}
	for _, c := range p.Contacts {
		ec := intake.EntryContact{Name: c.Name, Title: c.Title, Email: c.Email}
		for _, n := range c.Numbers {
			if n.Type == "mobile" {
				ec.Mobile = n.Value
			}
		}
		e.Contacts = append(e.Contacts, ec)
	}
	return e, nil
}
