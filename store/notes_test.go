package store_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store"
)

// A note is edited by its author within 24 hours, keeping the earlier
// text; later the store refuses, and so does the database itself, which
// also refuses deleting a note or a revision.
func TestNotesAreAppendOnly(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	rep := user(t, s, "rep1", people.RoleRep)
	r, err := s.EnterResource(ctx, entry(rep.ID, "小计", "444"), noop)
	if err != nil {
		t.Fatal(err)
	}
	may := func(resource.Resource) error { return nil }
	n, err := s.AddNote(ctx, r.ID, rep.ID, resource.NoteInput{At: time.Now(), Channel: "phone", Summary: "v1"}, may)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.EditNote(ctx, r.ID, n.ID, rep.ID, resource.NoteInput{At: n.At, Channel: "phone", Summary: "v2"}, may); err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return time.Now().Add(store.NoteEditWindow + time.Minute) })
	_, err = s.EditNote(ctx, r.ID, n.ID, rep.ID, resource.NoteInput{At: n.At, Channel: "phone", Summary: "v3"}, may)
	if !fault.Is(err, fault.Conflict) {
		t.Fatalf("an edit after 24 hours: %v, want a Conflict", err)
	}
	got, err := s.Notes(ctx, r.ID)
	if err != nil || len(got) != 1 || got[0].Summary != "v2" || got[0].Revision != 2 || len(got[0].Earlier) != 1 || got[0].Earlier[0].Summary != "v1" {
		t.Fatalf("notes %+v (%v)", got, err)
	}
	// The database keeps the window and the history whatever the code does.
	old := int64(0)
	if err := raw[s].QueryRow(ctx, `INSERT INTO notes (resource_id, author_id, at, channel, summary, created_at)
		VALUES ($1, $2, now() - interval '3 days', 'visit', 'old', now() - interval '25 hours') RETURNING id`, r.ID, rep.ID).Scan(&old); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`UPDATE notes SET summary = 'rewritten' WHERE id = ` + itoa(old),
		`DELETE FROM notes WHERE id = ` + itoa(n.ID),
		`UPDATE notes SET author_id = author_id + 1 WHERE id = ` + itoa(n.ID),
		`DELETE FROM note_revisions`,
	} {
		if _, err := raw[s].Exec(ctx, q); err == nil {
			t.Errorf("the database allowed %s", q)
		}
	}
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

// Find matches parts of names and contact names (three characters or more;
// shorter texts match whole names) and digits of numbers, and reads % and _
// in the text as themselves.
func TestFindReadsWildcardsLiterally(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	rep := user(t, s, "rep1", people.RoleRep)
	for i, name := range []string{"百分之百%五金", "普通_五金", "另一家"} {
		if _, err := s.EnterResource(ctx, entry(rep.ID, name, "55"+itoa(int64(i))), noop); err != nil {
			t.Fatal(err)
		}
	}
	for q, want := range map[string]int{
		"%五金": 1, "_五金": 1, // not 2: the wildcards are read literally
		"另一家": 1, // a whole name
		"另一":  0, // under three characters: whole names and trade names, no parts
		"王":   3, // the contacts' whole name
		"551": 1, "zzz": 0,
	} {
		rs, err := s.ListResources(ctx, resource.ListFilter{Find: resource.Find{Text: q, Digits: q}, Limit: 10})
		if err != nil || len(rs) != want {
			t.Errorf("find %q: %d resources (%v), want %d", q, len(rs), err, want)
		}
	}
}
