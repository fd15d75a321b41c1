package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
)

// ErrSearchUnanswered reports that an application's search still did not
// answer; the caller tries again later.
var ErrSearchUnanswered = errors.New("store: the collision search did not answer")

// ResearchApplication runs again the search of an application filed
// unprotected (R11), once it can answer. Nothing found: the application
// reserves its keys and is protected from now on, as if the search had run
// at filing. Something found meanwhile: the application stays unprotected,
// and its search says what it hit — a later collision does not protect it.
// An application that is protected, rejected, entered or lapsed is left
// alone, so the call is idempotent. A search that still cannot answer is
// ErrSearchUnanswered.
func (s *Store) ResearchApplication(ctx context.Context, id int64) error {
	var keys []collision.Key
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		a, err := lockApp(ctx, tx, id)
		if err != nil {
			return err
		}
		if !a.Unprotected || (a.State != application.Pending && a.State != application.Approved) {
			return nil
		}
		var raw [][2]string
		if err := tx.QueryRow(ctx, `SELECT keys FROM applications WHERE id = $1`, id).Scan(&raw); err != nil {
			return dbErr(err)
		}
		for _, k := range raw {
			keys = append(keys, collision.Key{Type: k[0], Value: k[1]})
		}
		hits, ran, err := s.boundedSearch(ctx, tx, keys)
		switch {
		case err != nil:
			return err
		case !ran:
			return ErrSearchUnanswered
		}
		result := map[string]any{"ran": true, "keys": len(keys), "hits": len(hits), "at": s.now().UTC(), "after_filing": true}
		if len(hits) > 0 {
			result["reason"] = fmt.Sprintf("the search ran after filing and found %d collision(s): the application stays unprotected (R11)", len(hits))
			result["hit_resources"] = hitTargets(hits)
		} else if err := claimKeys(ctx, tx, "application_id", id, keys); err != nil {
			return err
		}
		search, _ := json.Marshal(result)
		if _, err := tx.Exec(ctx, `UPDATE applications SET search = $2, unprotected = $3, updated_at = now() WHERE id = $1`,
			id, search, len(hits) > 0); err != nil {
			return dbErr(err)
		}
		return appEvent(ctx, tx, id, nil, "searched", map[string]any{"search": json.RawMessage(search)})
	})
	if errors.Is(err, errKeyTaken) { // a concurrent entry took a key first: the next run finds it
		return fault.New(fault.Conflict, "a concurrent change took a key of application %d; search again", id)
	}
	return err
}

// hitTargets names what the hits are held by: resource/N or application/N.
func hitTargets(hits []collision.Hit) []string {
	var out []string
	for _, h := range hits {
		t := resourceSubject(h.ResourceID)
		if h.ResourceID == 0 {
			t = appSubject(h.ApplicationID)
		}
		out = append(out, t)
	}
	return out
}
