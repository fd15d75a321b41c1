package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
)

// SameCompany is sales support's decision that a raised pair is one
// company. Whoever entered first follows it up (谁先录入，由谁跟进, R6): the
// later resource goes to the earlier's owner while the earlier is
// protected, else to the public sea — so that re-entering a public
// company under another name does not get round pick.allowed.
type SameCompany struct {
	PairID, ActorID int64
	// Protect decides protection.until of the later resource for the
	// earlier's owner (R14); its Change names the rule and version.
	Protect func(owner people.User, later resource.Resource) (time.Time, resource.Change, error)
	// Within returns the moved resource's workflow commands: a new epoch's
	// protection, or the end of the old one's.
	Within Within
}

// DecideSame decides the pair as one company, in one transaction: the pair
// closes as "same", the later resource moves (on the path 'duplicate', in
// its ownership history) unless it is already where it belongs, and both
// resources' audit tells it. Of two deciding one pair, one wins; the other
// gets a Conflict. A signed later resource is not handed on.
func (s *Store) DecideSame(ctx context.Context, d SameCompany) (resource.Resource, error) {
	var later resource.Resource
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var state string
		var earlierID, laterID int64
		err := tx.QueryRow(ctx, `SELECT state, earlier_id, later_id FROM likeness_pairs WHERE id = $1 FOR UPDATE`, d.PairID).
			Scan(&state, &earlierID, &laterID)
		if err == pgx.ErrNoRows {
			return fault.New(fault.NotFound, "no possible duplicate %d", d.PairID)
		}
		if err != nil {
			return dbErr(err)
		}
		if state != likeness.StateOpen {
			return pairNotOpen(ctx, tx, d.PairID)
		}
		nop := func(resource.Resource) error { return nil }
		earlier, err := lockResource(ctx, tx, earlierID, lockNoKey, nop) // earlier first: ids ascend
		if err != nil {
			return err
		}
		if later, err = lockResource(ctx, tx, laterID, lockNoKey, nop); err != nil {
			return err
		}
		var to *people.UserRef
		if earlier.Sea == resource.SeaPrivate {
			to = earlier.Owner
		}
		reason := fmt.Sprintf("one company with resource %d (possible duplicate %d)", earlier.ID, d.PairID)
		moved := false
		switch {
		case later.Sea == resource.SeaClosed,
			to != nil && later.Owner != nil && later.Owner.ID == to.ID,
			to == nil && later.Sea == resource.SeaPublic:
			// already where it belongs
		case later.SignedAt != nil:
			return fault.New(fault.Conflict, "resource %d is signed: a signed customer is not handed on", later.ID)
		case to != nil:
			if later, err = handTo(ctx, tx, d, later, *to, reason); err != nil {
				return err
			}
			moved = true
		default:
			if later, err = handToPublic(ctx, tx, d, later, reason); err != nil {
				return err
			}
			moved = true
		}
		outcome := map[string]any{"moved": moved, "sea": later.Sea}
		if later.Owner != nil {
			outcome["owner"] = later.Owner.ID
		}
		if _, err := tx.Exec(ctx, `UPDATE likeness_pairs SET state = 'same', decided_by = $2, decided_at = now(), outcome = $3
			WHERE id = $1`, d.PairID, d.ActorID, outcome); err != nil {
			return dbErr(err)
		}
		for _, r := range []struct{ id, other int64 }{{earlier.ID, later.ID}, {later.ID, earlier.ID}} {
			if err := audit(ctx, tx, &d.ActorID, "resource.duplicate", resourceSubject(r.id),
				map[string]any{"pair": d.PairID, "other": r.other, "same": true, "moved": moved}); err != nil {
				return err
			}
		}
		return nil
	})
	return later, err
}

// handTo moves the later resource to the earlier's owner: a new epoch,
// its protection decided anew. The owner holds this company already, so
// capacity does not refuse it; the counter counts the resource.
func handTo(ctx context.Context, tx pgx.Tx, d SameCompany, later resource.Resource, to people.UserRef, reason string) (resource.Resource, error) {
	rep, err := lockRep(ctx, tx, to.ID)
	if err != nil {
		return later, err
	}
	until, change, err := d.Protect(rep, later)
	if err != nil {
		return later, err
	}
	if _, err := tx.Exec(ctx, `UPDATE resources SET sea = 'private', owner_id = $2, protected_until = $3,
		protection_rule = nullif($4, ''), protection_rule_version = nullif($5, ''), epoch = epoch + 1, updated_at = now()
		WHERE id = $1`, later.ID, to.ID, until, change.Rule, change.RuleVersion); err != nil {
		return later, dbErr(err)
	}
	return finishHandOn(ctx, tx, d, later, change, reason, to.ID)
}

// handToPublic returns the later resource to the public sea.
func handToPublic(ctx context.Context, tx pgx.Tx, d SameCompany, later resource.Resource, reason string) (resource.Resource, error) {
	if _, err := tx.Exec(ctx, `UPDATE resources SET sea = 'public', owner_id = NULL, protected_until = NULL,
		protection_rule = NULL, protection_rule_version = NULL, epoch = epoch + 1, updated_at = now()
		WHERE id = $1`, later.ID); err != nil {
		return later, dbErr(err)
	}
	return finishHandOn(ctx, tx, d, later, resource.Change{}, reason, 0)
}

// finishHandOn records the hand-on in the history, the counters and the
// outbox.
func finishHandOn(ctx context.Context, tx pgx.Tx, d SameCompany, before resource.Resource, change resource.Change, reason string, toRep int64) (resource.Resource, error) {
	var from *int64
	if before.Sea == resource.SeaPrivate && before.Owner != nil {
		from = &before.Owner.ID
		if err := freePlace(ctx, tx, *from); err != nil {
			return before, err
		}
	}
	if toRep != 0 {
		if _, err := tx.Exec(ctx, `UPDATE users SET held = held + 1 WHERE id = $1`, toRep); err != nil {
			return before, dbErr(err)
		}
	}
	res, err := getResource(ctx, tx, before.ID)
	if err != nil {
		return before, err
	}
	change.ActorID, change.Path, change.Reason = &d.ActorID, resource.PathDuplicate, reason
	if err := recordMove(ctx, tx, res, from, change, "", nil); err != nil {
		return res, err
	}
	return res, run(ctx, tx, d.Within, res)
}
