package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/resource"
)

// NoteEditWindow is how long after writing a note its author may still edit
// it; later, a new note is added instead. The database enforces it too.
const NoteEditWindow = 24 * time.Hour

// AddNote records a contact note on a resource; may runs on the locked
// resource (the caller's check). The resource's last contact time becomes
// the latest note's.
func (s *Store) AddNote(ctx context.Context, resourceID, authorID int64, in resource.NoteInput, may func(resource.Resource) error) (resource.Note, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := lockResource(ctx, tx, resourceID, lockNoKey, may); err != nil {
			return err
		}
		if err := currentContact(ctx, tx, resourceID, in.ContactID); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `INSERT INTO notes (resource_id, author_id, at, channel, contact_id, summary, next_step, next_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			resourceID, authorID, in.At, in.Channel, in.ContactID, in.Summary, in.NextStep, in.NextAt).Scan(&id)
		if err != nil {
			return dbErr(err)
		}
		return touchLastContact(ctx, tx, resourceID)
	})
	if err != nil {
		return resource.Note{}, err
	}
	return s.note(ctx, resourceID, id)
}

// EditNote replaces a note's content, keeping the earlier text as a
// revision. Only its author may, only while may allows on the locked
// resource (the author may have lost it), and only within NoteEditWindow of
// writing it (Conflict after: add a new note).
func (s *Store) EditNote(ctx context.Context, resourceID, noteID, actorID int64, in resource.NoteInput, may func(resource.Resource) error) (resource.Note, error) {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := lockResource(ctx, tx, resourceID, lockNoKey, may); err != nil {
			return err
		}
		var old resource.NoteInput
		var author int64
		var rev int
		var created time.Time
		err := tx.QueryRow(ctx, `SELECT author_id, at, channel, contact_id, summary, next_step, next_at, revision, created_at
			FROM notes WHERE id = $1 AND resource_id = $2 FOR UPDATE`, noteID, resourceID).Scan(
			&author, &old.At, &old.Channel, &old.ContactID, &old.Summary, &old.NextStep, &old.NextAt, &rev, &created)
		if errors.Is(err, pgx.ErrNoRows) {
			return fault.New(fault.NotFound, "resource %d has no note %d", resourceID, noteID)
		}
		if err != nil {
			return dbErr(err)
		}
		switch {
		case author != actorID:
			return fault.New(fault.Forbidden, "only its author edits a note")
		case !s.now().Before(created.Add(NoteEditWindow)):
			return fault.New(fault.Conflict, "note %d was written more than 24 hours ago: add a new note instead", noteID)
		}
		if err := currentContact(ctx, tx, resourceID, in.ContactID); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO note_revisions (note_id, revision, at, channel, contact_id, summary, next_step, next_at, replaced_by)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			noteID, rev, old.At, old.Channel, old.ContactID, old.Summary, old.NextStep, old.NextAt, actorID); err != nil {
			return dbErr(err)
		}
		if _, err := tx.Exec(ctx, `UPDATE notes SET at = $2, channel = $3, contact_id = $4, summary = $5, next_step = $6,
			next_at = $7, revision = revision + 1, revised_at = now() WHERE id = $1`,
			noteID, in.At, in.Channel, in.ContactID, in.Summary, in.NextStep, in.NextAt); err != nil {
			return dbErr(err)
		}
		return touchLastContact(ctx, tx, resourceID)
	})
	if err != nil {
		return resource.Note{}, err
	}
	return s.note(ctx, resourceID, noteID)
}

// currentContact refuses a contact that is not a current contact of the
// resource; nil is fine.
func currentContact(ctx context.Context, tx pgx.Tx, resourceID int64, contactID *int64) error {
	if contactID == nil {
		return nil
	}
	var ok bool
	err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM contacts WHERE id = $1 AND resource_id = $2 AND removed_at IS NULL)`,
		*contactID, resourceID).Scan(&ok)
	if err != nil {
		return dbErr(err)
	}
	if !ok {
		return fault.Invalidf([]fault.FieldError{{Field: "contact_id", Reason: "not a current contact of this resource"}}, "which contact?")
	}
	return nil
}

func touchLastContact(ctx context.Context, tx pgx.Tx, resourceID int64) error {
	_, err := tx.Exec(ctx, `UPDATE resources SET last_contact_at = (SELECT max(at) FROM notes WHERE resource_id = $1) WHERE id = $1`, resourceID)
	return dbErr(err)
}

func (s *Store) note(ctx context.Context, resourceID, id int64) (resource.Note, error) {
	ns, err := s.notes(ctx, resourceID, id)
	if err != nil {
		return resource.Note{}, err
	}
	if len(ns) == 0 {
		return resource.Note{}, fault.New(fault.NotFound, "resource %d has no note %d", resourceID, id)
	}
	return ns[0], nil
}

// Notes lists a resource's notes, the latest contact first, each with its
// earlier texts.
func (s *Store) Notes(ctx context.Context, resourceID int64) ([]resource.Note, error) {
	return s.notes(ctx, resourceID, 0)
}

func (s *Store) notes(ctx context.Context, resourceID, only int64) ([]resource.Note, error) {
	rows, err := s.pool.Query(ctx, `SELECT n.id, n.resource_id, u.id, u.name, n.at, n.channel, n.contact_id, coalesce(c.name, ''),
			n.summary, n.next_step, n.next_at, n.revision, n.created_at, n.revised_at
		FROM notes n JOIN users u ON u.id = n.author_id LEFT JOIN contacts c ON c.id = n.contact_id
		WHERE n.resource_id = $1 AND ($2 = 0 OR n.id = $2) ORDER BY n.at DESC, n.id DESC LIMIT 1000`, resourceID, only)
	if err != nil {
		return nil, dbErr(err)
	}
	ns, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (resource.Note, error) {
		var n resource.Note
		return n, row.Scan(&n.ID, &n.ResourceID, &n.Author.ID, &n.Author.Name, &n.At, &n.Channel, &n.ContactID, &n.ContactName,
			&n.Summary, &n.NextStep, &n.NextAt, &n.Revision, &n.CreatedAt, &n.RevisedAt)
	})
	if err != nil {
		return nil, dbErr(err)
	}
	byID := map[int64]*resource.Note{}
	for i := range ns {
		byID[ns[i].ID] = &ns[i]
	}
	rows, err = s.pool.Query(ctx, `SELECT r.note_id, r.revision, r.at, r.channel, r.contact_id, r.summary, r.next_step, r.next_at,
			r.replaced_at, u.id, u.name
		FROM note_revisions r JOIN notes n ON n.id = r.note_id JOIN users u ON u.id = r.replaced_by
		WHERE n.resource_id = $1 AND ($2 = 0 OR n.id = $2) ORDER BY r.note_id, r.revision`, resourceID, only)
	if err != nil {
		return nil, dbErr(err)
	}
	var noteID int64
	var r resource.NoteRevision
	_, err = pgx.ForEachRow(rows, []any{&noteID, &r.Revision, &r.At, &r.Channel, &r.ContactID, &r.Summary, &r.NextStep, &r.NextAt,
		&r.ReplacedAt, &r.ReplacedBy.ID, &r.ReplacedBy.Name}, func() error {
		if n := byID[noteID]; n != nil {
			n.Earlier = append(n.Earlier, r)
		}
		return nil
	})
	return ns, dbErr(err)
}
