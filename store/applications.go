package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/rules"
)

// Application states.
const (
	AppPending  = "pending"
	AppApproved = "approved"
	AppRejected = "rejected"
	AppEntered  = "entered"
	AppLapsed   = "lapsed"
)

// NewApplication is an application as filed (R8).
type NewApplication struct {
	Type                    string // pick_in or assistant_special
	ApplicantID, ForRepID   int64
	ResourceID              *int64 // a public resource applied for; nil: Proposed
	Kind, Name, Region, Key string
	Proposed                json.RawMessage
	Reason                  string
	Keys                    []Key // the proposed resource's collision keys (none for a resource_id)
}

// Application is a filed application.
type Application struct {
	ID                      int64
	Type                    string
	Applicant, ForRep       UserRef
	ResourceID              *int64
	Kind, Name, Region, Key string
	Proposed                json.RawMessage
	Reason                  string
	State                   string
	Search                  json.RawMessage
	Mode                    *string    // self_entry or assign, once approved
	Deadline                *time.Time // R9: the entry must be done before it
	DeadlineRule            *string
	DeadlineVersion         *string
	EnteredResourceID       *int64
	CreatedAt, UpdatedAt    time.Time
}

const appColumns = `a.id, a.type, ap.id, ap.name, fr.id, fr.name, a.resource_id, a.kind, a.name, a.region,
	a.company_key, a.proposed, a.reason, a.state, a.search, a.mode, a.deadline, a.deadline_rule, a.deadline_version,
	a.entered_resource_id, a.created_at, a.updated_at`

const appFrom = ` FROM applications a JOIN users ap ON ap.id = a.applicant_id JOIN users fr ON fr.id = a.for_rep_id `

func scanApp(row pgx.Row) (Application, error) {
	var a Application
	err := row.Scan(&a.ID, &a.Type, &a.Applicant.ID, &a.Applicant.Name, &a.ForRep.ID, &a.ForRep.Name, &a.ResourceID,
		&a.Kind, &a.Name, &a.Region, &a.Key, &a.Proposed, &a.Reason, &a.State, &a.Search, &a.Mode, &a.Deadline,
		&a.DeadlineRule, &a.DeadlineVersion, &a.EnteredResourceID, &a.CreatedAt, &a.UpdatedAt)
	return a, err
}

// CreateApplication files an application and runs its collision search in
// the same transaction (R11): a proposed resource's keys are reserved for
// the application, so of two applications (or an application and an entry)
// for the same company or number the first stands (R6); an application for
// a public resource reserves that resource. Any hit refuses the filing with
// the hits (Collision); nothing is written then.
func (s *Store) CreateApplication(ctx context.Context, na NewApplication) (Application, error) {
	var app Application
	keys := distinctKeys(na.Keys)
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if na.ResourceID != nil {
			r, err := scanResource(tx.QueryRow(ctx, `SELECT `+resourceColumns+resourceFrom+` WHERE r.id = $1 FOR SHARE OF r`, *na.ResourceID))
			if err != nil {
				return dbErr(err)
			}
			if r.Sea != SeaPublic {
				return CollisionError([]Hit{{ResourceID: r.ID, Name: r.Name, Sea: r.Sea, Owner: r.Owner,
					Key: Key{KeyCompany, r.CompanyKey}}})
			}
		}
		hits, err := findHitsTx(ctx, tx, keys, 0)
		if err != nil {
			return err
		}
		if len(hits) > 0 {
			return CollisionError(hits)
		}
		search, _ := json.Marshal(map[string]any{"keys": len(keys), "hits": 0, "at": time.Now().UTC()})
		var id int64
		err = tx.QueryRow(ctx, `INSERT INTO applications (type, applicant_id, for_rep_id, resource_id, kind, name, region,
				company_key, proposed, reason, search)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			na.Type, na.ApplicantID, na.ForRepID, na.ResourceID, na.Kind, na.Name, na.Region, na.Key,
			orEmpty(na.Proposed), na.Reason, search).Scan(&id)
		if isUniqueViolation(err, "applications_open_resource") {
			return errAppliedFirst
		}
		if err != nil {
			return dbErr(err)
		}
		if err := claimKeys(ctx, tx, "application_id", id, keys); err != nil {
			return err
		}
		if err := appEvent(ctx, tx, id, &na.ApplicantID, "filed", map[string]any{"search": json.RawMessage(search)}); err != nil {
			return err
		}
		app, err = scanApp(tx.QueryRow(ctx, `SELECT `+appColumns+appFrom+` WHERE a.id = $1`, id))
		return dbErr(err)
	})
	switch {
	case errors.Is(err, errKeyTaken):
		return Application{}, s.raceLost(ctx, keys, 0)
	case errors.Is(err, errAppliedFirst):
		return Application{}, s.firstApplicant(ctx, *na.ResourceID)
	}
	return app, err
}

var errAppliedFirst = errors.New("an open application for the resource exists")

// firstApplicant names who applied first for a resource (R6).
func (s *Store) firstApplicant(ctx context.Context, resourceID int64) error {
	a, err := scanApp(s.pool.QueryRow(ctx, `SELECT `+appColumns+appFrom+`
		WHERE a.resource_id = $1 AND a.state IN ('pending', 'approved')`, resourceID))
	if err != nil {
		return fault.New(fault.Conflict, "another application for resource %d was filed first", resourceID)
	}
	e := fault.New(fault.Collision, "%s applied first for this resource (application %d, for %s)", a.Applicant.Name, a.ID, a.ForRep.Name)
	e.Extra = map[string]any{"hits": []Hit{{ApplicationID: a.ID, Name: a.Name, Owner: &a.ForRep, Key: Key{KeyCompany, a.Key}}}}
	return e
}

func orEmpty(b json.RawMessage) json.RawMessage {
	if len(b) == 0 {
		return json.RawMessage(`{}`)
	}
	return b
}

func appEvent(ctx context.Context, tx pgx.Tx, id int64, actor *int64, event string, detail map[string]any) error {
	_, err := tx.Exec(ctx, `INSERT INTO application_events (application_id, actor_id, event, detail) VALUES ($1, $2, $3, $4)`,
		id, actor, event, detail)
	return dbErr(err)
}

// GetApplication returns one application, or NotFound.
func (s *Store) GetApplication(ctx context.Context, id int64) (Application, error) {
	a, err := scanApp(s.pool.QueryRow(ctx, `SELECT `+appColumns+appFrom+` WHERE a.id = $1`, id))
	return a, dbErr(err)
}

// Applications lists applications filed by or for a user (userID != 0), or
// the open ones oldest first (userID == 0: sales support's tasks).
func (s *Store) Applications(ctx context.Context, userID int64) ([]Application, error) {
	q := `SELECT ` + appColumns + appFrom + ` WHERE a.state = 'pending' ORDER BY a.created_at, a.id LIMIT 500`
	args := []any{}
	if userID != 0 {
		q = `SELECT ` + appColumns + appFrom + ` WHERE $1 IN (a.applicant_id, a.for_rep_id) ORDER BY a.created_at DESC LIMIT 500`
		args = append(args, userID)
	}
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, dbErr(err)
	}
	as, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Application, error) { return scanApp(r) })
	return as, dbErr(err)
}

// RejectApplication closes a pending application and frees its keys.
func (s *Store) RejectApplication(ctx context.Context, id, actor int64, reason string) (Application, error) {
	var a Application
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE applications SET state = 'rejected', updated_at = now() WHERE id = $1 AND state = 'pending'`, id)
		if err != nil {
			return dbErr(err)
		}
		if tag.RowsAffected() == 0 {
			cur, err := scanApp(tx.QueryRow(ctx, `SELECT `+appColumns+appFrom+` WHERE a.id = $1`, id))
			if err != nil {
				return dbErr(err)
			}
			return fault.New(fault.Conflict, "application %d is %s, not pending", id, cur.State)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM collision_keys WHERE application_id = $1`, id); err != nil {
			return dbErr(err)
		}
		if err := appEvent(ctx, tx, id, &actor, "rejected", map[string]any{"reason": reason}); err != nil {
			return err
		}
		a, err = scanApp(tx.QueryRow(ctx, `SELECT `+appColumns+appFrom+` WHERE a.id = $1`, id))
		return dbErr(err)
	})
	return a, err
}

// AppEvent is one step of an application.
type AppEvent struct {
	At     time.Time
	Actor  *UserRef
	Event  string
	Detail json.RawMessage
}

// ApplicationEvents returns an application's steps, oldest first.
func (s *Store) ApplicationEvents(ctx context.Context, id int64) ([]AppEvent, error) {
	rows, err := s.pool.Query(ctx, `SELECT e.at, u.id, u.name, e.event, e.detail FROM application_events e
		LEFT JOIN users u ON u.id = e.actor_id WHERE e.application_id = $1 ORDER BY e.id`, id)
	if err != nil {
		return nil, dbErr(err)
	}
	es, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (AppEvent, error) {
		var e AppEvent
		var uid *int64
		var uname *string
		err := r.Scan(&e.At, &uid, &uname, &e.Event, &e.Detail)
		e.Actor = ref(uid, uname)
		return e, err
	})
	return es, dbErr(err)
}

// ApproveSelfEntry approves a pending application of a proposed resource
// with "enter it yourself": the rep must complete the entry before deadline
// (R9), decided by the named rule version. Its keys stay reserved meanwhile.
func (s *Store) ApproveSelfEntry(ctx context.Context, id int64, actor *int64, deadline time.Time, rule, version, comment string,
	within func(Application) error) (Application, error) {
	var a Application
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		cur, err := scanApp(tx.QueryRow(ctx, `SELECT `+appColumns+appFrom+` WHERE a.id = $1 FOR UPDATE OF a`, id))
		if err != nil {
			return dbErr(err)
		}
		switch {
		case cur.State != AppPending:
			return fault.New(fault.Conflict, "application %d is %s, not pending", id, cur.State)
		case cur.ResourceID != nil:
			return fault.Invalidf([]fault.FieldError{{Field: "mode", Reason: "a pick-in of an existing resource is approved by assigning it"}},
				"self_entry approves applications for new resources")
		}
		if _, err := tx.Exec(ctx, `UPDATE applications SET state = 'approved', mode = 'self_entry', deadline = $2,
			deadline_rule = $3, deadline_version = $4, decided_by = $5, decided_at = now(), updated_at = now() WHERE id = $1`,
			id, deadline, rule, version, actor); err != nil {
			return dbErr(err)
		}
		if err := appEvent(ctx, tx, id, actor, "approved", map[string]any{"mode": "self_entry", "deadline": deadline,
			"rule": rule, "rule_version": version, "comment": comment}); err != nil {
			return err
		}
		if a, err = scanApp(tx.QueryRow(ctx, `SELECT `+appColumns+appFrom+` WHERE a.id = $1`, id)); err != nil {
			return dbErr(err)
		}
		return within(a)
	})
	return a, err
}

// LapseApplication lets an approved application whose deadline passed lapse
// (R9): state lapsed, reservation freed, the rep and every sales support user
// notified. Anything but an approved application past its deadline is left
// alone, so the call is idempotent and loses to an entry made in time.
func (s *Store) LapseApplication(ctx context.Context, id int64) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		a, err := scanApp(tx.QueryRow(ctx, `SELECT `+appColumns+appFrom+` WHERE a.id = $1 FOR UPDATE OF a`, id))
		if err != nil {
			return dbErr(err)
		}
		if a.State != AppApproved || a.Deadline == nil || time.Now().Before(*a.Deadline) {
			return nil
		}
		if _, err := tx.Exec(ctx, `UPDATE applications SET state = 'lapsed', updated_at = now() WHERE id = $1`, id); err != nil {
			return dbErr(err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM collision_keys WHERE application_id = $1`, id); err != nil {
			return dbErr(err)
		}
		if err := appEvent(ctx, tx, id, nil, "lapsed", map[string]any{"deadline": a.Deadline}); err != nil {
			return err
		}
		body := fmt.Sprintf("the approval of application %d (%s) lapsed: the entry was not made by %s", id, a.Name,
			a.Deadline.In(rules.Shanghai).Format("2006-01-02 15:04"))
		subject := "application/" + strconv.FormatInt(id, 10)
		if err := notify(ctx, tx, a.ForRep.ID, "application", subject, body, "lapsed:"+subject+":rep"); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO notifications (user_id, kind, subject, body, dedup)
			SELECT id, 'application', $1, $2, 'lapsed:' || $1 || ':' || id FROM users WHERE role = 'support' AND disabled_at IS NULL
			ON CONFLICT (dedup) DO NOTHING`, subject, body)
		return dbErr(err)
	})
}

// takeApplication completes an approved self-entry application inside the
// entry's transaction: it must be this rep's, approved for self-entry and
// before its deadline (R9); its key reservation is released so the entry
// can claim the keys, and it is marked entered once the resource exists.
func takeApplication(ctx context.Context, tx pgx.Tx, id, repID int64) (func(resourceID int64) error, error) {
	a, err := scanApp(tx.QueryRow(ctx, `SELECT `+appColumns+appFrom+` WHERE a.id = $1 FOR UPDATE OF a`, id))
	if err != nil {
		return nil, dbErr(err)
	}
	switch {
	case a.ForRep.ID != repID:
		return nil, fault.New(fault.Forbidden, "application %d is for %s", id, a.ForRep.Name)
	case a.State == AppLapsed || a.State == AppApproved && a.Deadline != nil && !time.Now().Before(*a.Deadline):
		return nil, fault.New(fault.Conflict, "the approval of application %d lapsed at %s (rule %s version %s)",
			id, a.Deadline.In(rules.Shanghai).Format("2006-01-02 15:04"), deref(a.DeadlineRule), deref(a.DeadlineVersion))
	case a.State != AppApproved || a.Mode == nil || *a.Mode != "self_entry":
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
