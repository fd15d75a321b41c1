package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/workflows/contract"
)

// NewApplication is an application as filed (R8).
type NewApplication struct {
	Type                    string // pick_in or assistant_special
	ApplicantID, ForRepID   int64
	ResourceID              *int64 // a public resource applied for; nil: Proposed
	Kind, Name, Region, Key string
	Proposed                json.RawMessage
	Reason                  string
	Keys                    []collision.Key // the proposed resource's collision keys (none for a resource_id)
	// Review is when sales support must have decided, by which rule version.
	Review application.Deadline
	// OpenLimit, when set, decides under a lock on the rep's row whether
	// the rep may have one more open application.
	OpenLimit OpenLimitCheck
	// Filed, when set, runs inside the filing's transaction once the
	// application exists: its workflow commands (the review deadline, the
	// search of an unprotected filing) are recorded with it, and its error
	// refuses the filing, so no application is left without them.
	Filed func(application.Application) ([]contract.Command, error)
}

// OpenLimitCheck decides, inside a filing's transaction and under a lock on
// the rep's row, whether the rep may file one more application: open is how
// many of the rep's applications are open, held how many resources the
// rep's private sea holds. Its error refuses the filing.
type OpenLimitCheck func(rep people.User, open, held int) error

const appColumns = `a.id, a.type, ap.id, ap.name, fr.id, fr.name, a.resource_id, a.kind, a.name, a.region,
	a.company_key, a.proposed, a.reason, a.state, a.search, a.mode, a.deadline, a.deadline_rule, a.deadline_version,
	a.entered_resource_id, a.created_at, a.updated_at, a.unprotected, a.assigned_epoch, a.review_by, a.review_rule,
	a.review_version`

const appFrom = ` FROM applications a JOIN users ap ON ap.id = a.applicant_id JOIN users fr ON fr.id = a.for_rep_id `

func scanApp(row pgx.Row) (application.Application, error) {
	var a application.Application
	err := row.Scan(&a.ID, &a.Type, &a.Applicant.ID, &a.Applicant.Name, &a.ForRep.ID, &a.ForRep.Name, &a.ResourceID,
		&a.Kind, &a.Name, &a.Region, &a.Key, &a.Proposed, &a.Reason, &a.State, &a.Search, &a.Mode, &a.Deadline,
		&a.DeadlineRule, &a.DeadlineVersion, &a.EnteredResourceID, &a.CreatedAt, &a.UpdatedAt, &a.Unprotected, &a.AssignedEpoch,
		&a.ReviewBy, &a.ReviewRule, &a.ReviewVersion)
	return a, err
}

// CreateApplication files an application and runs its collision search in
// the same transaction (R11). A search that does not answer within
// SearchTimeout is abandoned: the application is filed unprotected,
// reserves no keys, and records why in its search result: a proposed resource's keys are reserved for
// the application, so of two applications (or an application and an entry)
// for the same company or number the first stands (R6); an application for
// a public resource reserves that resource. Any hit refuses the filing with
// the hits (Collision); nothing is written then.
func (s *Store) CreateApplication(ctx context.Context, na NewApplication) (application.Application, error) {
	var app application.Application
	keys := distinctKeys(na.Keys)
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// The rep's row first, as every move into the rep's sea takes it.
		if err := checkOpenApplications(ctx, tx, na.ForRepID, na.OpenLimit); err != nil {
			return err
		}
		if na.ResourceID != nil {
			r, err := scanResource(tx.QueryRow(ctx, `SELECT `+resourceColumns+resourceFrom+` WHERE r.id = $1 FOR SHARE OF r`, *na.ResourceID))
			if err != nil {
				return dbErr(err)
			}
			if r.Sea != resource.SeaPublic {
				return CollisionError([]collision.Hit{{ResourceID: r.ID, Name: r.Name, Sea: r.Sea, Owner: r.Owner,
					Key: collision.Key{Type: collision.KeyCompany, Value: r.CompanyKey}}})
			}
		}
		hits, ran, err := s.boundedSearch(ctx, tx, keys)
		if err != nil {
			return err
		}
		if len(hits) > 0 {
			return CollisionError(hits)
		}
		result := map[string]any{"ran": ran, "keys": len(keys), "hits": 0, "at": s.now().UTC()}
		if !ran {
			result["reason"] = fmt.Sprintf("the search did not answer within %s; the application is unprotected (R11)", s.SearchTimeout)
		}
		search, _ := json.Marshal(result)
		var id int64
		err = tx.QueryRow(ctx, `INSERT INTO applications (type, applicant_id, for_rep_id, resource_id, kind, name, region,
				company_key, proposed, reason, search, unprotected, keys, review_by, review_rule, review_version)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
			na.Type, na.ApplicantID, na.ForRepID, na.ResourceID, na.Kind, na.Name, na.Region, na.Key,
			orEmpty(na.Proposed), na.Reason, search, !ran, keysJSON(keys), nullTime(na.Review.At),
			nullString(na.Review.Rule), nullString(na.Review.Version)).Scan(&id)
		if isUniqueViolation(err, "applications_open_resource") {
			return errAppliedFirst
		}
		if err != nil {
			return dbErr(err)
		}
		if ran { // an unprotected application reserves nothing: a later collision wins over it (R11)
			if err := claimKeys(ctx, tx, "application_id", id, keys); err != nil {
				return err
			}
		}
		if err := appEvent(ctx, tx, id, &na.ApplicantID, "filed", map[string]any{"search": json.RawMessage(search)}); err != nil {
			return err
		}
		app, err = scanApp(tx.QueryRow(ctx, `SELECT `+appColumns+appFrom+` WHERE a.id = $1`, id))
		if err != nil {
			return dbErr(err)
		}
		if na.Filed == nil {
			return nil
		}
		cmds, err := na.Filed(app)
		if err != nil {
			return err
		}
		return insertCommands(ctx, tx, cmds)
	})
	switch {
	case errors.Is(err, errKeyTaken):
		return application.Application{}, s.raceLost(ctx, keys, 0)
	case errors.Is(err, errAppliedFirst):
		return application.Application{}, s.firstApplicant(ctx, *na.ResourceID)
	}
	return app, err
}

// boundedSearch runs the filing's collision search within SearchTimeout.
// ran=false means it did not answer in time: it was abandoned (rolled back
// to a savepoint, so the filing's transaction goes on) and found nothing.
func (s *Store) boundedSearch(ctx context.Context, tx pgx.Tx, keys []collision.Key) (hits []collision.Hit, ran bool, err error) {
	if len(keys) == 0 {
		return nil, true, nil
	}
	if _, err := tx.Exec(ctx, "SAVEPOINT search"); err != nil {
		return nil, false, dbErr(err)
	}
	ms := strconv.FormatInt(max(s.SearchTimeout.Milliseconds(), 1), 10)
	if _, err := tx.Exec(ctx, "SELECT set_config('statement_timeout', $1, true)", ms); err != nil {
		return nil, false, dbErr(err)
	}
	hits, err = findHitsTx(ctx, tx, keys, 0)
	if isCode(err, codeQueryCanceled) && ctx.Err() == nil {
		_, err = tx.Exec(ctx, "ROLLBACK TO SAVEPOINT search")
		return nil, false, dbErr(err)
	}
	if err != nil {
		return nil, false, err
	}
	_, err = tx.Exec(ctx, "RESET statement_timeout")
	return hits, true, dbErr(err)
}

// keysJSON is how an application keeps its keys: [["company","…"], ["number","+86…"]].
func keysJSON(keys []collision.Key) [][2]string {
	out := make([][2]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, [2]string{k.Type, k.Value})
	}
	return out
}

var errAppliedFirst = errors.New("an open application for the resource exists")

// firstApplicant names who applied first for a resource (R6).
func (s *Store) firstApplicant(ctx context.Context, resourceID int64) error {
	a, err := scanApp(s.pool.QueryRow(ctx, `SELECT `+appColumns+appFrom+`
		WHERE a.resource_id = $1 AND a.state IN ('pending', 'approved')`, resourceID))
	if err != nil {
		return fault.New(fault.Conflict, "another application for resource %d was filed first", resourceID)
	}
	return appliedFirst(a)
}

func appliedFirst(a application.Application) error {
	e := fault.New(fault.Collision, "%s applied first for this resource (application %d, for %s)", a.Applicant.Name, a.ID, a.ForRep.Name)
	e.Extra = map[string]any{"hits": []collision.Hit{{ApplicationID: a.ID, Name: a.Name, Owner: &a.ForRep, Key: collision.Key{Type: collision.KeyCompany, Value: a.Key}}}}
	return e
}

// checkNoEarlierApplication refuses moving a public resource to repID while
// an open pick-in application for it, other than the application `own` and
// other than one for repID, stands (R6). Run it after the move's UPDATE has
// locked the resource's row: a filing holds that row FOR SHARE until it
// commits, so every earlier filing is visible by then, and every later one
// waits and finds the resource private.
func checkNoEarlierApplication(ctx context.Context, tx pgx.Tx, resourceID, own, repID int64) error {
	a, err := scanApp(tx.QueryRow(ctx, `SELECT `+appColumns+appFrom+`
		WHERE a.resource_id = $1 AND a.state IN ('pending', 'approved') AND a.id <> $2 AND a.for_rep_id <> $3`, resourceID, own, repID))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return dbErr(err)
	}
	return appliedFirst(a)
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
func (s *Store) GetApplication(ctx context.Context, id int64) (application.Application, error) {
	a, err := scanApp(s.pool.QueryRow(ctx, `SELECT `+appColumns+appFrom+` WHERE a.id = $1`, id))
	return a, dbErr(err)
}

// Applications lists applications as f selects them, at most 500.
func (s *Store) Applications(ctx context.Context, f application.Filter) ([]application.Application, error) {
	var c conds
	order := "a.created_at DESC, a.id DESC"
	if f.UserID != 0 {
		c.add("? IN (a.applicant_id, a.for_rep_id)", f.UserID)
	} else {
		order = "a.created_at, a.id"
		if f.State == "" {
			f.State = application.Pending
		}
	}
	if f.State != "" {
		c.add("a.state = ?", f.State)
	}
	if f.Type != "" {
		c.add("a.type = ?", f.Type)
	}
	if f.ForRepID != 0 {
		c.add("a.for_rep_id = ?", f.ForRepID)
	}
	if f.Region != "" {
		c.add("a.region = ?", f.Region)
	}
	if f.Unprotected != nil {
		c.add("a.unprotected = ?", *f.Unprotected)
	}
	rows, err := s.pool.Query(ctx, `SELECT `+appColumns+appFrom+` WHERE `+c.sql()+` ORDER BY `+order+` LIMIT 500`, c.args...)
	if err != nil {
		return nil, dbErr(err)
	}
	as, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (application.Application, error) { return scanApp(r) })
	return as, dbErr(err)
}

// ApplicationEvents returns an application's steps, oldest first.
func (s *Store) ApplicationEvents(ctx context.Context, id int64) ([]application.Event, error) {
	rows, err := s.pool.Query(ctx, `SELECT e.at, u.id, u.name, e.event, e.detail FROM application_events e
		LEFT JOIN users u ON u.id = e.actor_id WHERE e.application_id = $1 ORDER BY e.id`, id)
	if err != nil {
		return nil, dbErr(err)
	}
	es, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (application.Event, error) {
		var e application.Event
		var uid *int64
		var uname *string
		err := r.Scan(&e.At, &uid, &uname, &e.Event, &e.Detail)
		e.Actor = ref(uid, uname)
		return e, err
	})
	return es, dbErr(err)
}

// ApplicationsOfResource lists the applications for a resource or ended in
// it (entered or assigned), oldest first.
func (s *Store) ApplicationsOfResource(ctx context.Context, id int64) ([]application.Application, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+appColumns+appFrom+`
		WHERE a.resource_id = $1 OR a.entered_resource_id = $1 ORDER BY a.created_at, a.id LIMIT 200`, id)
	if err != nil {
		return nil, dbErr(err)
	}
	as, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (application.Application, error) { return scanApp(r) })
	return as, dbErr(err)
}

// ApplicationEventsOf returns the steps of each of the applications ids, in
// the order they happened, in one query: a list of applications shows
// their steps without one round trip each.
func (s *Store) ApplicationEventsOf(ctx context.Context, ids []int64) (map[int64][]application.Event, error) {
	out := map[int64][]application.Event{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT e.application_id, e.at, u.id, u.name, e.event, e.detail FROM application_events e
		LEFT JOIN users u ON u.id = e.actor_id WHERE e.application_id = ANY($1) ORDER BY e.id`, ids)
	if err != nil {
		return nil, dbErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var e application.Event
		var uid *int64
		var uname *string
		if err := rows.Scan(&id, &e.At, &uid, &uname, &e.Event, &e.Detail); err != nil {
			return nil, dbErr(err)
		}
		e.Actor = ref(uid, uname)
		out[id] = append(out[id], e)
	}
	return out, dbErr(rows.Err())
}
