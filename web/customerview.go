package web

import (
	"time"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/customers"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/sea"
)

// noteFieldsData is what the note-fields block shows: one note form, new or
// an edit, with the page's words and the resource's contacts.
type noteFieldsData struct {
	page
	Form      noteForm
	SummaryID string // the textarea's id, unique on the page
}

// Contacts are the contacts a note may name.
func (n noteFieldsData) Contacts() any {
	if d, ok := n.Data.(customerData); ok {
		return d.Resource.Contacts
	}
	return nil
}

// ChannelWord names a channel in English, for T.
func (noteFieldsData) ChannelWord(ch string) string { return or(channelWords[ch], ch) }

func noteFields(p page, f noteForm, id string) noteFieldsData {
	return noteFieldsData{page: p, Form: f, SummaryID: id}
}

// MayEdit reports whether the reader may change the resource: its owner,
// sales support and admins (sea.MayEdit decides; the page only hides what
// would be refused).
func (d customerData) MayEdit() bool {
	return d.Whole && d.user != nil && sea.MayEdit(*d.user, d.Resource) == nil
}

// Correction is the approved assignment whose name correction is due
// (R10), nil when none.
func (d customerData) Correction() *customers.AppStory {
	if d.Resource.CorrectBy == nil {
		return nil
	}
	for i, a := range d.Applications {
		if a.State == application.Approved && a.Deadline != nil && a.Mode != nil && *a.Mode == application.ModeAssign {
			return &d.Applications[i]
		}
	}
	return nil
}

// Stamp writes a time so that a form can send it back unchanged.
func (customerData) Stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// viewer is the reader of a page's data, for the checks a page repeats.
type viewer struct{ user *people.User }

// storyKindWords, eventWords and actionWords name a story item's kind, an
// application's step and a collision's occasion, in English for T.
var (
	storyKindWords = map[string]string{"ownership": "Ownership", "application": "Application", "note": "Contact note",
		"edit": "Edit", "collision": "Collision", "referral": "Referral"}
	eventWords = map[string]string{"filed": "Application filed", "searched": "Searched", "approved": "Approved", "rejected": "Rejected",
		"entered": "Entered by the rep", "lapsed": "Lapsed", "name_corrected": "Name corrected"}
	actionWords = map[string]string{"entry": "On entry", "application": "On an application", "identity_edit": "On an identity edit",
		"contact": "On a contact", "import": "On an import"}
)

// StoryNewestFirst is the story with the latest event first, as a feed.
func (d customerData) StoryNewestFirst() []customers.StoryItem {
	out := make([]customers.StoryItem, len(d.Story))
	for i, it := range d.Story {
		out[len(out)-1-i] = it
	}
	return out
}

// StoryKind names a story item's kind.
func (customerData) StoryKind(k string) string { return or(storyKindWords[k], k) }

// StoryEvent names an item's event when the summary does not say it: an
// ownership move's path, an application's step; "" otherwise.
func (customerData) StoryEvent(kind, event string) string {
	switch kind {
	case "ownership":
		return or(pathWords[event], event)
	case "application":
		return or(eventWords[event], event)
	case "note":
		return or(channelWords[event], event)
	}
	return ""
}

// CollisionAction names the occasion a collision was met on.
func (customerData) CollisionAction(a string) string { return or(actionWords[a], a) }

// AppType and AppState name an application's type and state.
func (customerData) AppType(t string) string  { return or(typeWords[t], t) }
func (customerData) AppState(s string) string { return or(stateWords[s], s) }
