package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/workflows/contract"
)

// lockApp reads an application and locks its row for the transaction.
func lockApp(ctx context.Context, tx pgx.Tx, id int64) (application.Application, error) {
	a, err := scanApp(tx.QueryRow(ctx, `SELECT `+appColumns+appFrom+` WHERE a.id = $1 FOR UPDATE OF a`, id))
	return a, dbErr(err)
}

func reloadApp(ctx context.Context, tx pgx.Tx, id int64) (application.Application, error) {
	a, err := scanApp(tx.QueryRow(ctx, `SELECT `+appColumns+appFrom+` WHERE a.id = $1`, id))
	return a, dbErr(err)
}

// RejectApplication closes a pending application, frees its keys and tells
// the rep (and the assistant who filed it).
func (s *Store) RejectApplication(ctx context.Context, id, actor int64, reason string) (application.Application, error) {
	var a application.Application
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		cur, err := lockApp(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.State != application.Pending {
			return notPending(ctx, tx, cur)
		}
		if _, err := tx.Exec(ctx, `UPDATE applications SET state = 'rejected', decided_by = $2, decided_at = now(),
			updated_at = now() WHERE id = $1`, id, actor); err != nil {
			return dbErr(err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM collision_keys WHERE application_id = $1`, id); err != nil {
			return dbErr(err)
		}
		if err := appEvent(ctx, tx, id, &actor, "rejected", map[string]any{"reason": reason}); err != nil {
			return err
		}
		if err := notifyApplicants(ctx, tx, cur, "rejected", fmt.Sprintf("application %d (%s) was rejected: %s", id, cur.Name, reason)); err != nil {
			return err
		}
		a, err = reloadApp(ctx, tx, id)
		return err
	})
	return a, err
}

// notifyApplicants tells the application's rep, and the assistant who filed
// it for them, about a decision; once per application and event.
func notifyApplicants(ctx context.Context, tx pgx.Tx, a application.Application, event, body string) error {
	subject := appSubject(a.ID)
	for _, u := range []int64{a.ForRep.ID, a.Applicant.ID} {
		if err := notify(ctx, tx, u, people.NotifyApplication, subject, body,
			event+":"+subject+":"+strconv.FormatInt(u, 10)); err != nil {
			return err
		}
	}
	return nil
}

func appSubject(id int64) string { return "application/" + strconv.FormatInt(id, 10) }

// ApproveSelfEntry approves a pending application of a proposed resource
// with "enter it yourself": the rep must complete the entry before deadline
// (R9), decided by the named rule version. Its keys stay reserved meanwhile.
// actor nil is the system (a rule's auto-approval). within runs before the
// commit (it starts the deadline's workflow); its error undoes the approval.
func (s *Store) ApproveSelfEntry(ctx context.Context, id int64, actor *int64, deadline application.Deadline, comment string,
	within func(application.Application) ([]contract.Command, error)) (application.Application, error) {
	var a application.Application
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		cur, err := lockApp(ctx, tx, id)
		if err != nil {
			return err
		}
		switch {
		case cur.State != application.Pending:
			return notPending(ctx, tx, cur)
		case cur.ResourceID != nil:
			return fault.Invalidf([]fault.FieldError{{Field: "mode", Reason: "a pick-in of an existing resource is approved by assigning it"}},
				"self_entry approves applications for new resources")
		}
		if _, err := tx.Exec(ctx, `UPDATE applications SET state = 'approved', mode = 'self_entry', deadline = $2,
			deadline_rule = $3, deadline_version = $4, decided_by = $5, decided_at = now(), updated_at = now() WHERE id = $1`,
			id, deadline.At, deadline.Rule, deadline.Version, actor); err != nil {
			return dbErr(err)
		}
		if err := appEvent(ctx, tx, id, actor, "approved", map[string]any{"mode": "self_entry", "deadline": deadline.At,
			"rule": deadline.Rule, "rule_version": deadline.Version, "comment": comment}); err != nil {
			return err
		}
		body := fmt.Sprintf("application %d (%s) was approved: enter it by %s", id, cur.Name, china.Minute(deadline.At))
		if err := notifyApplicants(ctx, tx, cur, "approved", body); err != nil {
			return err
		}
		if a, err = reloadApp(ctx, tx, id); err != nil {
			return err
		}
		cmds, err := within(a)
		if err != nil {
			return err
		}
		return insertCommands(ctx, tx, cmds)
	})
	return a, err
}

// LapseApplication lets an approved application whose deadline passed lapse:
// state lapsed, reservation freed, the rep and every sales support user
// notified. An approval for self-entry simply lapses (R9); an assignment
// whose name was not corrected also returns its resource to the public sea,
// if the assignment's ownership epoch is still the current one (R10).
// Anything else — an application entered, corrected or not yet due — is left
// alone, so the call is idempotent and loses to an entry or a correction
// made in time (each locks the application's row).
func (s *Store) LapseApplication(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		// An assignment's resource is locked before the application, in the
		// order an identity edit takes them, so a last-minute correction
		// and the lapse queue up instead of deadlocking.
		peek, err := reloadApp(ctx, tx, id)
		if err != nil {
			return err
		}
		if peek.EnteredResourceID != nil {
			if _, err := tx.Exec(ctx, `SELECT 1 FROM resources WHERE id = $1 FOR UPDATE`, *peek.EnteredResourceID); err != nil {
				return dbErr(err)
			}
		}
		a, err := lockApp(ctx, tx, id)
		if err != nil {
			return err
		}
		if a.State != application.Approved || a.Deadline == nil || s.now().Before(*a.Deadline) {
			return nil
		}
		why := "the entry was not made by " + china.Minute(*a.Deadline)
		if a.Mode != nil && *a.Mode == application.ModeAssign {
			why = "the name was not corrected by " + china.Minute(*a.Deadline)
		}
		assigned := a.Mode != nil && *a.Mode == application.ModeAssign
		// The rep of an assignment hears of it from the resource's expiry.
		if err := lapse(ctx, tx, a, why, !assigned); err != nil {
			return err
		}
		if !assigned {
			return nil
		}
		_, _, err = returnToPublic(ctx, tx, *a.EnteredResourceID, *a.AssignedEpoch, resource.Change{Path: resource.PathExpiry,
			Reason: why, Rule: deref(a.DeadlineRule), RuleVersion: deref(a.DeadlineVersion)})
		if errors.Is(err, ErrStaleEpoch) || errors.Is(err, errDone) { // released or moved on meanwhile
			return nil
		}
		return err
	})
}

// lapse marks an approved application lapsed, frees its keys and tells
// sales support, and the rep if tellRep, why.
func lapse(ctx context.Context, tx pgx.Tx, a application.Application, why string, tellRep bool) error {
	if _, err := tx.Exec(ctx, `UPDATE applications SET state = 'lapsed', updated_at = now() WHERE id = $1`, a.ID); err != nil {
		return dbErr(err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM collision_keys WHERE application_id = $1`, a.ID); err != nil {
		return dbErr(err)
	}
	if err := appEvent(ctx, tx, a.ID, nil, "lapsed", map[string]any{"deadline": a.Deadline, "reason": why}); err != nil {
		return err
	}
	body := fmt.Sprintf("application %d (%s) lapsed: %s", a.ID, a.Name, why)
	subject := appSubject(a.ID)
	if tellRep {
		if err := notify(ctx, tx, a.ForRep.ID, people.NotifyApplication, subject, body, "lapsed:"+subject+":rep"); err != nil {
			return err
		}
	}
	_, err := tx.Exec(ctx, `INSERT INTO notifications (user_id, kind, subject, body, dedup)
		SELECT id, $3, $1, $2, 'lapsed:' || $1 || ':' || id FROM users WHERE role = 'support' AND disabled_at IS NULL
		ON CONFLICT (dedup) DO NOTHING`, subject, body, people.NotifyApplication)
	return dbErr(err)
}

// takeApplication completes an approved self-entry application inside the
// entry's transaction: it must be this rep's, approved for self-entry and
// before its deadline (R9); its key reservation is released so the entry
// can claim the keys, and it is marked entered once the resource exists.
// An unprotected application (R11) reserved nothing: the entry's own search
// decides, and a collision found meanwhile refuses it.
func takeApplication(ctx context.Context, tx pgx.Tx, now time.Time, id, repID int64) (func(resourceID int64) error, error) {
	a, err := lockApp(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	switch {
	case a.ForRep.ID != repID:
		return nil, fault.New(fault.Forbidden, "application %d is for %s", id, a.ForRep.Name)
	case a.Mode != nil && *a.Mode == application.ModeAssign:
		return nil, fault.New(fault.Conflict, "application %d was approved by assigning resource %d, not for self-entry", id, deref64(a.EnteredResourceID))
	case a.State == application.Lapsed || a.State == application.Approved && a.Deadline != nil && !now.Before(*a.Deadline):
		return nil, fault.New(fault.Conflict, "the approval of application %d lapsed at %s (rule %s version %s)",
			id, china.Minute(*a.Deadline), deref(a.DeadlineRule), deref(a.DeadlineVersion))
	case a.State != application.Approved:
		return nil, fault.New(fault.Conflict, "application %d is %s, not approved for self-entry", id, a.State)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM collision_keys WHERE application_id = $1`, id); err != nil {
		return nil, dbErr(err)
	}
	return func(resourceID int64) error {
		if _, err := tx.Exec(ctx, `UPDATE applications SET state = 'entered', entered_resource_id = $2, updated_at = now()
			WHERE id = $1`, id, resourceID); err != nil {
			return dbErr(err)
		}
		return appEvent(ctx, tx, id, &repID, "entered", map[string]any{"resource": resourceID})
	}, nil
}

func deref64(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// notPending refuses a decision on an application decided already, naming
// who decided it and when: of two sales support staff deciding at once,
// the second is told who was first.
func notPending(ctx context.Context, tx pgx.Tx, a application.Application) error {
	var by *string
	var at *time.Time
	err := tx.QueryRow(ctx, `SELECT u.name, a.decided_at FROM applications a LEFT JOIN users u ON u.id = a.decided_by
		WHERE a.id = $1`, a.ID).Scan(&by, &at)
	if err != nil || by == nil || at == nil {
		return fault.New(fault.Conflict, "application %d is %s, not pending", a.ID, a.State)
	}
	return fault.New(fault.Conflict, "application %d was decided by %s at %s: it is %s", a.ID, *by, china.Minute(*at),
		fault.T(a.State))
}
