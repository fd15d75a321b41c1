package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
)

// PickRequest is a rep's pick of a public resource.
type PickRequest struct {
	ID, RepID int64
	Capacity  CapacityCheck // nil: no limit
	Allowed   PickCheck     // nil: every pick allowed
	// Protect decides, on the resource as the pick found it, until when it
	// is protected and the change the history records.
	Protect func(rep people.User, cur resource.Resource) (time.Time, resource.Change, error)
}

// PickFacts are what the pick rule decides on (pick.allowed).
type PickFacts struct {
	Resource      resource.Resource
	PicksToday    int        // picks by the rep since midnight China time
	ReleasedAt    *time.Time // the resource's last release, nil if never
	ReleasedBy    int64      // who released it last (0: never, or the system)
	TimesReleased int
}

// PickCheck decides whether a rep may pick; its error refuses the pick. It
// runs under the lock on the rep's row, so picks_today is exact.
type PickCheck func(rep people.User, f PickFacts) error

// Pick moves a public resource into the rep's private sea. The move is one
// conditional UPDATE (… WHERE sea = 'public'): of any number of concurrent
// pickers exactly one wins; the others get a Conflict naming the new owner
// (R6). Another rep's open pick-in application for the resource came first:
// the pick is refused naming it. Capacity and the pick rule are checked
// first, and capacity again as the place is taken, last (see
// CapacityCheck). within runs before the commit; its error undoes the pick.
func (s *Store) Pick(ctx context.Context, p PickRequest, within Within) (resource.Resource, error) {
	var res resource.Resource
	id := p.ID
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		cur, err := getResource(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Sea != resource.SeaPublic {
			return fault.New(fault.Conflict, "resource %d is not in the public sea: %s holds it", id, ownerName(cur))
		}
		rep, err := peekCapacity(ctx, tx, p.RepID, 1, p.Capacity)
		if err != nil {
			return err
		}
		if p.Allowed != nil {
			facts, err := pickFacts(ctx, tx, cur, p.RepID)
			if err != nil {
				return err
			}
			if err := p.Allowed(rep, facts); err != nil {
				return err
			}
		}
		until, change, err := p.Protect(rep, cur)
		if err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE resources SET sea = 'private', owner_id = $2, protected_until = $3,
			protection_rule = nullif($4, ''), protection_rule_version = nullif($5, ''),
			epoch = epoch + 1, updated_at = now() WHERE id = $1 AND sea = 'public'`, id, p.RepID, until, change.Rule, change.RuleVersion)
		if err != nil {
			return dbErr(err)
		}
		if tag.RowsAffected() == 0 {
			cur, err := getResource(ctx, tx, id)
			if err != nil {
				return err
			}
			return fault.New(fault.Conflict, "resource %d is not in the public sea: %s holds it", id, ownerName(cur))
		}
		if err := checkNoEarlierApplication(ctx, tx, id, 0, p.RepID); err != nil {
			return err
		}
		if res, err = getWhole(ctx, tx, id); err != nil {
			return err
		}
		return settle(ctx, tx, res, change, "resource.pick", within, p.RepID, p.Capacity)
	})
	return res, err
}

func pickFacts(ctx context.Context, tx pgx.Tx, r resource.Resource, repID int64) (PickFacts, error) {
	f := PickFacts{Resource: r}
	var by *int64
	err := tx.QueryRow(ctx, `SELECT
			(SELECT count(*) FROM ownership_history WHERE path = 'pick' AND to_owner = $2
				AND at >= (date_trunc('day', now() AT TIME ZONE $3) AT TIME ZONE $3)),
			max(at) FILTER (WHERE path = 'release'),
			(array_agg(actor_id ORDER BY epoch DESC) FILTER (WHERE path = 'release'))[1],
			count(*) FILTER (WHERE path = 'release')
		FROM ownership_history WHERE resource_id = $1`, r.ID, repID, china.ZoneName).Scan(&f.PicksToday, &f.ReleasedAt, &by, &f.TimesReleased)
	if by != nil {
		f.ReleasedBy = *by
	}
	return f, dbErr(err)
}

func ownerName(r resource.Resource) string {
	if r.Owner == nil {
		return "nobody"
	}
	return r.Owner.Name
}

// ErrStaleEpoch reports an ownership change aimed at an epoch that has
// already passed: someone else changed the resource first.
var ErrStaleEpoch = errors.New("store: the resource's ownership epoch moved on")

// ReturnToPublic gives the resource in ownership epoch `epoch` back to the
// public sea (a release or an expiry). It is idempotent: repeating a change
// that already happened returns the resource with applied=false; a change
// aimed at an epoch another change already ended returns ErrStaleEpoch.
// A release (c.ActorID set) must come from the owner.
func (s *Store) ReturnToPublic(ctx context.Context, id int64, epoch int, c resource.Change) (res resource.Resource, applied bool, err error) {
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		res, applied, err = returnToPublic(ctx, tx, id, epoch, c)
		return err
	})
	if errors.Is(err, errDone) {
		return res, false, nil
	}
	return res, applied, err
}

// returnToPublic is ReturnToPublic inside tx; errDone reports the change as
// already made. A name correction still open on the resource (R10) lapses
// with it: the assignment it corrected has ended.
func returnToPublic(ctx context.Context, tx pgx.Tx, id int64, epoch int, c resource.Change) (res resource.Resource, applied bool, err error) {
	cur, err := getResource(ctx, tx, id)
	if err != nil {
		return cur, false, err
	}
	var from *int64
	if cur.Owner != nil {
		from = &cur.Owner.ID
	}
	// A signing belongs to its ownership: the next owner starts unsigned.
	// The owner's place is freed in the same statement. The owner read above
	// is in the condition, so the counter freed is the owner's the update
	// removed (an owner changes only with the epoch, so this never refuses
	// more than the epoch does).
	tag, err := tx.Exec(ctx, `WITH moved AS (UPDATE resources SET sea = 'public', owner_id = NULL, protected_until = NULL,
			protection_rule = NULL, protection_rule_version = NULL, signed_at = NULL,
			epoch = epoch + 1, updated_at = now()
			WHERE id = $1 AND epoch = $2 AND sea = 'private' AND ($3::bigint IS NULL OR owner_id = $3) AND owner_id = $4
			RETURNING id)
		UPDATE users SET held = held - 1 WHERE id = $4 AND EXISTS (SELECT 1 FROM moved)`,
		id, epoch, c.ActorID, from)
	if err != nil {
		return cur, false, dbErr(err)
	}
	if tag.RowsAffected() == 0 {
		return cur, false, alreadyReturned(ctx, tx, cur, epoch, c)
	}
	// The row as the update left it, without reading it again.
	res = cur
	res.Sea, res.Owner, res.ProtectedUntil, res.SignedAt, res.Epoch = resource.SeaPublic, nil, nil, nil, cur.Epoch+1
	res.ProtectionRule, res.ProtectionVersion, res.CorrectBy = "", "", nil
	if err := recordMove(ctx, tx, res, from, c, "resource."+c.Path, map[string]any{"epoch": epoch}); err != nil {
		return res, false, err
	}
	if c.Path == resource.PathExpiry && from != nil {
		body := cur.Name + " went back to the public sea: its protection ended"
		if c.Reason != "" {
			body = cur.Name + " went back to the public sea: " + c.Reason
		}
		if err := notify(ctx, tx, *from, people.NotifyExpired, resourceSubject(id), body, ""); err != nil {
			return res, false, err
		}
	}
	if err := closeCorrection(ctx, tx, id, "the resource went back to the public sea ("+c.Path+")"); err != nil {
		return res, false, err
	}
	return res, true, nil
}

var errDone = errors.New("already done")

// alreadyReturned decides why the conditional update matched nothing: the same
// change already happened (errDone), another one did (ErrStaleEpoch), or the
// actor does not own the resource (Forbidden).
func alreadyReturned(ctx context.Context, tx pgx.Tx, cur resource.Resource, epoch int, c resource.Change) error {
	var path string
	err := tx.QueryRow(ctx, `SELECT path FROM ownership_history WHERE resource_id = $1 AND epoch = $2`,
		cur.ID, epoch+1).Scan(&path)
	switch {
	case err == nil && path == c.Path:
		return errDone
	case err == nil || cur.Epoch != epoch:
		return ErrStaleEpoch
	case !errors.Is(err, pgx.ErrNoRows):
		return dbErr(err)
	}
	return fault.New(fault.Forbidden, "only the owner may release resource %d", cur.ID)
}

// SetProtectedUntil moves the protection deadline of ownership epoch
// `epoch` (a timing rule re-applied, R22), audited with the rule version.
// Setting the deadline it already has is a no-op; an epoch that has ended is
// ErrStaleEpoch.
func (s *Store) SetProtectedUntil(ctx context.Context, id int64, epoch int, until time.Time, rule, version string) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE resources SET protected_until = $3, protection_rule = $4,
			protection_rule_version = $5, updated_at = now()
			WHERE id = $1 AND epoch = $2 AND sea = 'private'`, id, epoch, until, rule, version)
		if err != nil {
			return dbErr(err)
		}
		if tag.RowsAffected() == 0 {
			return ErrStaleEpoch
		}
		return audit(ctx, tx, nil, "resource.reschedule", resourceSubject(id),
			map[string]any{"epoch": epoch, "protected_until": until, "rule": rule, "rule_version": version})
	})
}

// ProtectedResources lists every resource in a private sea whose protection
// runs out — signed ones do not — with the time its ownership began.
func (s *Store) ProtectedResources(ctx context.Context) ([]resource.Protected, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+resourceColumns+`, h.at`+resourceFrom+`
		JOIN ownership_history h ON h.resource_id = r.id AND h.epoch = r.epoch
		WHERE r.sea = 'private' AND r.signed_at IS NULL ORDER BY r.id`)
	if err != nil {
		return nil, dbErr(err)
	}
	ps, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (resource.Protected, error) {
		var p resource.Protected
		var err error
		p.Resource, err = scanResourceWith(row, &p.Since)
		return p, err
	})
	return ps, dbErr(err)
}

// History returns a resource's ownership changes, oldest first.
func (s *Store) History(ctx context.Context, id int64) ([]resource.HistoryEntry, error) {
	rows, err := s.pool.Query(ctx, `SELECT h.epoch, h.at, a.id, a.name, f.id, f.name, t.id, t.name, h.path,
			coalesce(h.reason, ''), coalesce(h.rule, ''), coalesce(h.rule_version, '')
		FROM ownership_history h
		LEFT JOIN users a ON a.id = h.actor_id LEFT JOIN users f ON f.id = h.from_owner LEFT JOIN users t ON t.id = h.to_owner
		WHERE h.resource_id = $1 ORDER BY h.epoch`, id)
	if err != nil {
		return nil, dbErr(err)
	}
	hs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (resource.HistoryEntry, error) {
		var e resource.HistoryEntry
		var aID, fID, tID *int64
		var aName, fName, tName *string
		err := row.Scan(&e.Epoch, &e.At, &aID, &aName, &fID, &fName, &tID, &tName, &e.Path, &e.Reason, &e.Rule, &e.RuleVersion)
		e.Actor, e.From, e.To = ref(aID, aName), ref(fID, fName), ref(tID, tName)
		return e, err
	})
	return hs, dbErr(err)
}

func ref(id *int64, name *string) *people.UserRef {
	if id == nil {
		return nil
	}
	return &people.UserRef{ID: *id, Name: deref(name)}
}

// Remind tells the owner of ownership epoch `epoch` that its protection
// ends at until (R14). Once per epoch, however often it is retried; nothing
// when the epoch has ended or the resource is signed.
func (s *Store) Remind(ctx context.Context, id int64, epoch int, until time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		cur, err := getResource(ctx, tx, id)
		if err != nil {
			return err
		}
		var signed bool
		if err := tx.QueryRow(ctx, `SELECT signed_at IS NOT NULL FROM resources WHERE id = $1`, id).Scan(&signed); err != nil {
			return dbErr(err)
		}
		if cur.Epoch != epoch || cur.Owner == nil || signed {
			return nil
		}
		body := fmt.Sprintf("%s leaves your private sea on %s unless it is signed", cur.Name,
			china.Minute(until))
		return notify(ctx, tx, cur.Owner.ID, people.NotifyReminder, resourceSubject(id), body,
			fmt.Sprintf("remind:%s:%d", resourceSubject(id), epoch))
	})
}

// Sign marks ownership epoch `epoch` signed (closed): it stops expiring
// (R14). Repeating it is a no-op; an ended epoch is ErrStaleEpoch.
func (s *Store) Sign(ctx context.Context, id int64, epoch int, actor int64) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE resources SET signed_at = now(), updated_at = now()
			WHERE id = $1 AND epoch = $2 AND sea = 'private' AND signed_at IS NULL`, id, epoch)
		if err != nil {
			return dbErr(err)
		}
		if tag.RowsAffected() == 0 {
			var ok bool
			err := tx.QueryRow(ctx, `SELECT epoch = $2 AND signed_at IS NOT NULL FROM resources WHERE id = $1`, id, epoch).Scan(&ok)
			if err != nil {
				return dbErr(err)
			}
			if !ok {
				return ErrStaleEpoch
			}
			return nil
		}
		return audit(ctx, tx, &actor, "resource.sign", resourceSubject(id), map[string]any{"epoch": epoch})
	})
}
