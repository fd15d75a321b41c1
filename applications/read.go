package applications

import (
	"context"
	"strings"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/sea"
)

// Get returns an application with its steps to its applicant, the rep it
// is for, sales support and admins.
func (s *Service) Get(ctx context.Context, actor people.User, id int64) (application.Application, []application.Event, error) {
	a, err := s.Store.GetApplication(ctx, id)
	if err != nil {
		return a, nil, err
	}
	if !sea.SeesEverything(actor) && actor.ID != a.Applicant.ID && actor.ID != a.ForRep.ID {
		return application.Application{}, nil, fault.New(fault.Forbidden, "application %d is another's", id)
	}
	es, err := s.Store.ApplicationEvents(ctx, id)
	return a, es, err
}

// Mine lists the applications filed by or for actor, newest first, as f
// narrows them.
func (s *Service) Mine(ctx context.Context, actor people.User, f application.Filter) ([]application.Application, error) {
	f.UserID = actor.ID
	return s.Store.Applications(ctx, f)
}

// Tasks lists sales support's queue, oldest first, as f narrows it
// (pending by default).
func (s *Service) Tasks(ctx context.Context, f application.Filter) ([]application.Application, error) {
	f.UserID = 0
	return s.Store.Applications(ctx, f)
}

// Reject closes a pending application with a reason, frees its keys and
// tells the rep (and the assistant who filed it).
func (s *Service) Reject(ctx context.Context, actor people.User, id int64, reason string) (application.Application, error) {
	if strings.TrimSpace(reason) == "" {
		return application.Application{}, fault.Invalidf([]fault.FieldError{{Field: "reason", Reason: "required"}}, "a rejection needs a reason")
	}
	return s.Store.RejectApplication(ctx, id, actor.ID, reason)
}

// Steps returns the steps of those of apps that actor may read (as Get
// decides), by application id, in one query.
func (s *Service) Steps(ctx context.Context, actor people.User, apps []application.Application) (map[int64][]application.Event, error) {
	var ids []int64
	for _, a := range apps {
		if sea.SeesEverything(actor) || actor.ID == a.Applicant.ID || actor.ID == a.ForRep.ID {
			ids = append(ids, a.ID)
		}
	}
	return s.Store.ApplicationEventsOf(ctx, ids)
}
