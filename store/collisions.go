package store

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
)

// CollisionError builds the Collision fault that carries hits.
func CollisionError(hits []collision.Hit) error {
	e := fault.New(fault.Collision, "a collision search found %d existing resource(s) holding the same company key or number", len(hits))
	e.Extra = map[string]any{"hits": hits}
	return e
}

// HitsOf returns the hits a Collision fault carries.
func HitsOf(err error) []collision.Hit {
	var fe *fault.Error
	if !errors.As(err, &fe) || fe.Kind != fault.Collision {
		return nil
	}
	hits, _ := fe.Extra["hits"].([]collision.Hit)
	return hits
}

// FindHits returns, for each key held by some resource, that resource: the
// collision search over all customers, both seas and every owner (R1, R2).
func (s *Store) FindHits(ctx context.Context, keys []collision.Key) ([]collision.Hit, error) {
	return findHits(ctx, s.search, keys, 0)
}

// findHitsTx is findHits inside a write transaction, on a connection of the
// main pool: the plan mode is switched for this transaction only.
func findHitsTx(ctx context.Context, tx pgx.Tx, keys []collision.Key, except int64) ([]collision.Hit, error) {
	if _, err := tx.Exec(ctx, "SET LOCAL plan_cache_mode = "+genericPlans); err != nil {
		return nil, dbErr(err)
	}
	return findHits(ctx, tx, keys, except)
}

// queueEntrySearch is findHitsTx queued in an entry's batch, the hits read
// into hits.
func queueEntrySearch(b *pgx.Batch, keys []collision.Key, hits *[]collision.Hit) {
	b.Queue("SET LOCAL plan_cache_mode = " + genericPlans)
	types, values := splitKeys(keys)
	b.Queue(hitsSQL, types, values, int64(0)).Query(func(rows pgx.Rows) error {
		var err error
		*hits, err = collectHits(rows)
		return err
	})
}

type rowsQuerier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// findHits looks the keys up, leaving out the resource `except` (0: none),
// which an identity edit uses for the resource being edited.
//
// The hits are ordered by sortHits rather than by an ORDER BY, so that the
// search queued in an entry's batch (queueEntrySearch) orders them the same
// way; TestFindHitsOrderMatchesTheSQLOrder checks it against the ORDER BY.
func findHits(ctx context.Context, q rowsQuerier, keys []collision.Key, except int64) ([]collision.Hit, error) {
	types, values := splitKeys(keys)
	rows, err := q.Query(ctx, hitsSQL, types, values, except)
	if err != nil {
		return nil, dbErr(err)
	}
	return collectHits(rows)
}

// hitsSQL is the collision search's statement: $1 and $2 the keys' types
// and values, $3 a resource left out (0: none).
const hitsSQL = `SELECT ck.key_type, ck.key, coalesce(r.id, 0), coalesce(a.id, 0),
			coalesce(r.name, a.name), coalesce(r.sea, ''), o.id, o.name
		FROM collision_keys ck
		JOIN unnest($1::text[], $2::text[]) AS k(key_type, key) USING (key_type, key)
		LEFT JOIN resources r ON r.id = ck.resource_id
		LEFT JOIN applications a ON a.id = ck.application_id
		LEFT JOIN users o ON o.id = coalesce(r.owner_id, a.for_rep_id)
		WHERE ck.resource_id IS DISTINCT FROM $3`

// collectHits reads the rows of hitsSQL, in the order of sortHits.
func collectHits(rows pgx.Rows) ([]collision.Hit, error) {
	hits, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (collision.Hit, error) {
		var h collision.Hit
		var ownerID *int64
		var ownerName *string
		err := row.Scan(&h.Key.Type, &h.Key.Value, &h.ResourceID, &h.ApplicationID, &h.Name, &h.Sea, &ownerID, &ownerName)
		if ownerID != nil {
			h.Owner = &people.UserRef{ID: *ownerID, Name: deref(ownerName)}
		}
		return h, err
	})
	if err != nil {
		return nil, dbErr(err)
	}
	sortHits(hits)
	return hits, nil
}

// sortHits orders hits as `ORDER BY ck.resource_id, ck.application_id,
// ck.key_type, ck.key` does on a C or C.UTF-8 database: resources by id,
// then applications by id (a NULL id, 0 here, sorts last, as in an ascending
// ORDER BY), then the key's type and value in byte order, which is code point
// order for UTF-8. (A database with a linguistic collation could order two
// keys of one holder differently; the order stays deterministic.)
func sortHits(hits []collision.Hit) {
	slices.SortFunc(hits, func(a, b collision.Hit) int {
		return cmp.Or(
			cmpHolder(a.ResourceID, b.ResourceID),
			cmpHolder(a.ApplicationID, b.ApplicationID),
			strings.Compare(a.Key.Type, b.Key.Type),
			strings.Compare(a.Key.Value, b.Key.Value),
		)
	})
}

// cmpHolder compares two holder ids where 0 stands for NULL, sorted last.
func cmpHolder(a, b int64) int {
	switch {
	case a == b:
		return 0
	case a == 0:
		return 1
	case b == 0:
		return -1
	}
	return cmp.Compare(a, b)
}

// distinctKeys drops repeated keys (a contact may share the resource's
// number) and orders them, so concurrent inserts lock keys in one order.
func distinctKeys(keys []collision.Key) []collision.Key {
	seen := make(map[collision.Key]bool, len(keys))
	out := make([]collision.Key, 0, len(keys))
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Type != out[j].Type {
			return out[i].Type < out[j].Type
		}
		return out[i].Value < out[j].Value
	})
	return out
}

func splitKeys(keys []collision.Key) (types, values []string) {
	for _, k := range keys {
		types = append(types, k.Type)
		values = append(values, k.Value)
	}
	return types, values
}

// insertKeys claims keys for the resource. A key another resource holds
// (even one committed a moment ago by a concurrent entry) fails the insert
// with a unique violation, reported as errKeyTaken.
func insertKeys(ctx context.Context, tx pgx.Tx, resourceID int64, keys []collision.Key) error {
	return claimKeys(ctx, tx, "resource_id", resourceID, keys)
}

// claimKeys inserts keys for a holder column (resource_id or
// application_id, fixed by the callers, never by input).
func claimKeys(ctx context.Context, tx pgx.Tx, holder string, id int64, keys []collision.Key) error {
	var b pgx.Batch
	queueKeys(&b, holder, id, keys)
	return keyTaken(send(ctx, tx, &b))
}

// queueKeys is claimKeys queued in a batch; pass the batch's error through
// keyTaken.
func queueKeys(b *pgx.Batch, holder string, id int64, keys []collision.Key) {
	types, values := splitKeys(keys)
	b.Queue(`INSERT INTO collision_keys (key_type, key, `+holder+`)
		SELECT t, v, $3 FROM unnest($1::text[], $2::text[]) AS k(t, v)`, types, values, id)
}

// keyTaken names a unique violation of a collision key: a concurrent move
// took it first.
func keyTaken(err error) error {
	if isUniqueViolation(err, "collision_keys_pkey") {
		return errKeyTaken
	}
	return err
}

// errKeyTaken marks a transaction lost to a concurrent holder of a key.
var errKeyTaken = fault.New(fault.Collision, "a concurrent entry took a collision key first")

// raceLost answers a transaction that lost a key to a concurrent one: the
// transaction is gone, so look again at who holds the keys now.
func (s *Store) raceLost(ctx context.Context, keys []collision.Key, except int64) error {
	hits, err := findHits(ctx, s.search, keys, except)
	if err != nil {
		return err
	}
	if len(hits) == 0 { // the holder vanished again; still a lost race
		return fault.New(fault.Conflict, "a concurrent change held the same key; try again")
	}
	return CollisionError(hits)
}

// ResourceIDByNumber returns the resource holding a normalised number as a
// collision key (R18), or NotFound. Keys are unique, so there is at most one.
func (s *Store) ResourceIDByNumber(ctx context.Context, normalized string) (int64, error) {
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT resource_id FROM collision_keys
		WHERE key_type = 'number' AND key = $1 AND resource_id IS NOT NULL`, normalized).Scan(&id)
	return id, dbErr(err)
}
