package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/china"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/workflows/contract"
)

// Assignment is sales support's approval of an application by giving a
// public resource to the application's rep (R8).
type Assignment struct {
	ApplicationID, ResourceID int64
	ActorID                   int64
	// Key is the resource's company key the decision was made on; a resource
	// renamed meanwhile is not assigned.
	Key        string
	Protection application.Deadline // protection.until for the new ownership
	// CorrectBy is set when Key differs from the application's company key:
	// the name must be corrected before it (name_correction.deadline, R10).
	CorrectBy *application.Deadline
	Comment   string
	Capacity  CapacityCheck // nil: no limit
}

// Assign moves the public resource into the application's rep's private sea
// and approves the application, in one transaction. Of concurrent pickers,
// assigners and applicants exactly one wins the resource (R6). With
// CorrectBy the application stays approved, holding its keys, until the
// rep's identity edit gives the company applied for (see UpdateIdentity) or
// LapseApplication returns the resource at the deadline; without it the
// application is assigned and its keys are freed. within runs before the
// commit: its workflow commands are recorded with the assignment, and its
// error undoes everything.
func (s *Store) Assign(ctx context.Context, as Assignment, within func(application.Application, resource.Resource) ([]contract.Command, error)) (application.Application, resource.Resource, error) {
	var a application.Application
	var res resource.Resource
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		cur, err := lockApp(ctx, tx, as.ApplicationID)
		if err != nil {
			return err
		}
		switch {
		case cur.State != application.Pending:
			return notPending(ctx, tx, cur)
		case cur.ResourceID != nil && *cur.ResourceID != as.ResourceID:
			return fault.Invalidf([]fault.FieldError{{Field: "resource_id", Reason: fmt.Sprintf("the application is for resource %d", *cur.ResourceID)}},
				"a pick-in is approved by assigning the resource applied for")
		}
		if _, err := peekCapacity(ctx, tx, cur.ForRep.ID, 1, as.Capacity); err != nil {
			return err
		}
		if res, err = moveToRep(ctx, tx, as, cur.ForRep.ID); err != nil {
			return err
		}
		state, dl := application.Assigned, application.Deadline{}
		if as.CorrectBy != nil {
			state, dl = application.Approved, *as.CorrectBy
		}
		if _, err := tx.Exec(ctx, `UPDATE applications SET state = $2, mode = 'assign', deadline = $3, deadline_rule = nullif($4, ''),
			deadline_version = nullif($5, ''), entered_resource_id = $6, assigned_epoch = $7, decided_by = $8, decided_at = now(),
			updated_at = now() WHERE id = $1`, cur.ID, state, nullTime(dl.At), dl.Rule, dl.Version, res.ID, res.Epoch, as.ActorID); err != nil {
			return dbErr(err)
		}
		if state == application.Assigned {
			if _, err := tx.Exec(ctx, `DELETE FROM collision_keys WHERE application_id = $1`, cur.ID); err != nil {
				return dbErr(err)
			}
		}
		// rule and rule_version name what the application waits on: the name
		// correction if any, else nothing but the protection it gave.
		protection := map[string]any{"until": as.Protection.At, "rule": as.Protection.Rule, "rule_version": as.Protection.Version}
		detail := map[string]any{"mode": application.ModeAssign, "resource": res.ID, "comment": as.Comment, "protection": protection,
			"rule": as.Protection.Rule, "rule_version": as.Protection.Version}
		body := fmt.Sprintf("application %d was approved: %s (resource %d) is in your private sea until %s",
			cur.ID, res.Name, res.ID, china.Minute(as.Protection.At))
		if as.CorrectBy != nil {
			detail["deadline"], detail["rule"], detail["rule_version"] = dl.At, dl.Rule, dl.Version
			detail["name_applied_for"], detail["name_assigned"] = cur.Name, res.Name
			body += fmt.Sprintf(", provided you correct its name to %s by %s", cur.Name, china.Minute(dl.At))
		}
		if err := appEvent(ctx, tx, cur.ID, &as.ActorID, "approved", detail); err != nil {
			return err
		}
		if err := notifyApplicants(ctx, tx, cur, "approved", body); err != nil {
			return err
		}
		if a, err = reloadApp(ctx, tx, cur.ID); err != nil {
			return err
		}
		cmds, err := within(a, res)
		if err != nil {
			return err
		}
		if err := insertCommands(ctx, tx, cmds); err != nil {
			return err
		}
		return takePlaces(ctx, tx, cur.ForRep.ID, 1, as.Capacity)
	})
	return a, res, err
}

// moveToRep is the assignment's ownership change: one conditional UPDATE,
// like a pick, so that exactly one of concurrent movers wins.
func moveToRep(ctx context.Context, tx pgx.Tx, as Assignment, repID int64) (resource.Resource, error) {
	tag, err := tx.Exec(ctx, `UPDATE resources SET sea = 'private', owner_id = $2, protected_until = $3,
		protection_rule = $5, protection_rule_version = $6,
		epoch = epoch + 1, updated_at = now() WHERE id = $1 AND sea = 'public' AND company_key = $4`,
		as.ResourceID, repID, as.Protection.At, as.Key, as.Protection.Rule, as.Protection.Version)
	if err != nil {
		return resource.Resource{}, dbErr(err)
	}
	cur, err := getResource(ctx, tx, as.ResourceID)
	if err != nil {
		return resource.Resource{}, err
	}
	switch {
	case tag.RowsAffected() == 1:
	case cur.Sea != resource.SeaPublic:
		return resource.Resource{}, fault.New(fault.Conflict, "resource %d is not in the public sea: %s holds it", cur.ID, ownerName(cur))
	default:
		return resource.Resource{}, fault.New(fault.Conflict, "resource %d was renamed meanwhile (now %s); look again", cur.ID, cur.Name)
	}
	if err := checkNoEarlierApplication(ctx, tx, cur.ID, as.ApplicationID, repID); err != nil {
		return resource.Resource{}, err
	}
	return cur, insertHistory(ctx, tx, cur, nil, resource.Change{ActorID: &as.ActorID, Path: resource.PathAssign,
		Reason: fmt.Sprintf("application %d", as.ApplicationID), Rule: as.Protection.Rule, RuleVersion: as.Protection.Version})
}

// correction is an open name correction of a resource (R10).
type correction struct {
	app application.Application
}

// openCorrection locks the open name correction of resource id, if any.
func openCorrection(ctx context.Context, tx pgx.Tx, id int64) (*correction, error) {
	a, err := scanApp(tx.QueryRow(ctx, `SELECT `+appColumns+appFrom+`
		WHERE a.entered_resource_id = $1 AND a.mode = 'assign' AND a.state = 'approved' FOR UPDATE OF a`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, dbErr(err)
	}
	return &correction{app: a}, nil
}

// check decides what an identity edit giving newKey does to the correction:
// the company applied for completes it (done); keeping the resource's key
// leaves it open; any third company is refused, and so is a correction
// after the deadline.
func (c *correction) check(s *Store, curKey, newKey string) (done bool, err error) {
	a := c.app
	switch {
	case newKey == curKey && newKey != a.Key:
		return false, nil
	case !s.now().Before(*a.Deadline):
		return false, fault.New(fault.Conflict, "the name-correction deadline of application %d passed at %s (rule %s version %s)",
			a.ID, china.Minute(*a.Deadline), deref(a.DeadlineRule), deref(a.DeadlineVersion))
	case newKey != a.Key:
		return false, fault.Invalidf([]fault.FieldError{fault.Field("name",
			"a name correction is due: the name must give the company applied for, %s (key %s)", a.Name, a.Key)},
			"the new name is not the company applied for in application %d", a.ID)
	}
	return true, nil
}

// release frees the correction's reserved keys before the edit's search,
// so that the company applied for can pass to the resource.
func (c *correction) release(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `DELETE FROM collision_keys WHERE application_id = $1`, c.app.ID)
	return dbErr(err)
}

// complete marks the correction done, recording the edit's search.
func (c *correction) complete(ctx context.Context, tx pgx.Tx, actor int64, search map[string]any) error {
	if _, err := tx.Exec(ctx, `UPDATE applications SET state = 'assigned', updated_at = now() WHERE id = $1`, c.app.ID); err != nil {
		return dbErr(err)
	}
	return appEvent(ctx, tx, c.app.ID, &actor, "name_corrected", map[string]any{"search": search, "deadline": c.app.Deadline})
}

// yieldCorrectionKeys passes to the resource those of keys that its own
// open name correction reserves: the application reserved them for the
// same rep, so they are no collision (a proposed number added to a contact
// before the name is corrected).
func yieldCorrectionKeys(ctx context.Context, tx pgx.Tx, resourceID int64, keys []collision.Key) error {
	types, values := splitKeys(keys)
	_, err := tx.Exec(ctx, `DELETE FROM collision_keys ck USING applications a
		WHERE ck.application_id = a.id AND a.entered_resource_id = $1 AND a.mode = 'assign' AND a.state = 'approved'
		AND (ck.key_type, ck.key) IN (SELECT t, v FROM unnest($2::text[], $3::text[]) AS k(t, v))`, resourceID, types, values)
	return dbErr(err)
}

// closeCorrection lets the open name correction of a resource that left its
// rep's private sea lapse.
func closeCorrection(ctx context.Context, tx pgx.Tx, id int64, why string) error {
	c, err := openCorrection(ctx, tx, id)
	if err != nil || c == nil {
		return err
	}
	return lapse(ctx, tx, c.app, why, true)
}

func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
