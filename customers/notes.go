package customers

import (
	"context"
	"strings"
	"time"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
)

// Note channels.
var channels = map[string]bool{"phone": true, "visit": true, "im": true, "email": true, "other": true}

// NoteRequest is a contact note as written (联系小计, R19). At defaults to now.
type NoteRequest struct {
	At        *time.Time
	Channel   string
	ContactID *int64
	Summary   string
	NextStep  string
	NextAt    *time.Time
}

// NoteEditWindow is how long after writing it a note's author may edit it
// (R19); the store enforces it.
const NoteEditWindow = store.NoteEditWindow

// futureSlack is how far in the future a note's time may lie: clocks differ.
const futureSlack = 10 * time.Minute

func (s *Service) noteInput(n NoteRequest) (resource.NoteInput, error) {
	var f intake.Fields
	in := resource.NoteInput{At: s.now(), Channel: n.Channel, ContactID: n.ContactID,
		Summary: strings.TrimSpace(n.Summary), NextStep: strings.TrimSpace(n.NextStep), NextAt: n.NextAt}
	if n.At != nil {
		in.At = *n.At
	}
	if in.At.After(s.now().Add(futureSlack)) {
		f.Bad("at", "a contact note records a contact that happened: not a future time")
	}
	if !channels[n.Channel] {
		f.Bad("channel", "must be phone, visit, im, email or other")
	}
	switch {
	case in.Summary == "":
		f.Bad("summary", "required: what was said")
	case len([]rune(in.Summary)) > 2000:
		f.Bad("summary", "at most 2000 characters")
	}
	if len([]rune(in.NextStep)) > 500 {
		f.Bad("next_step", "at most 500 characters")
	}
	if in.NextAt != nil && !in.NextAt.After(in.At) {
		f.Bad("next_at", "must come after the contact")
	}
	return in, f.Err("the note is incomplete or malformed")
}

// AddNote records a contact note; the owner, sales support and admins may.
func (s *Service) AddNote(ctx context.Context, actor people.User, resourceID int64, n NoteRequest) (resource.Note, error) {
	in, err := s.noteInput(n)
	if err != nil {
		return resource.Note{}, err
	}
	return s.Store.AddNote(ctx, resourceID, actor.ID, in, func(r resource.Resource) error { return sea.MayEdit(actor, r) })
}

// EditNote replaces a note's content within 24 hours of writing it, by its
// author while they may still edit the resource; the earlier text stays in
// the note's history.
func (s *Service) EditNote(ctx context.Context, actor people.User, resourceID, noteID int64, n NoteRequest) (resource.Note, error) {
	in, err := s.noteInput(n)
	if err != nil {
		return resource.Note{}, err
	}
	return s.Store.EditNote(ctx, resourceID, noteID, actor.ID, in, func(r resource.Resource) error { return sea.MayEdit(actor, r) })
}

// Notes lists a resource's notes, latest contact first, to those who see
// the resource whole: its owner, sales support and admins.
func (s *Service) Notes(ctx context.Context, actor people.User, resourceID int64) ([]resource.Note, error) {
	r, err := s.Store.GetResource(ctx, resourceID)
	if err != nil {
		return nil, err
	}
	if sea.SightOf(actor, r) != sea.SightWhole {
		return nil, fault.New(fault.Forbidden, "the notes of resource %d are its owner's", resourceID)
	}
	return s.Store.Notes(ctx, resourceID)
}
