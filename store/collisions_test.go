package store_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store"
)

// FindHits orders its hits in Go (sortHits); they must come out exactly as
// the statement with ORDER BY ck.resource_id, ck.application_id,
// ck.key_type, ck.key gives them on the test database: several resources, an open application
// (NULL resource_id, sorted last), both key types, keys asked in a
// scrambled order and stored in another, public and private holders.
func TestFindHitsOrderMatchesTheSQLOrder(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	rep1, rep2 := user(t, s, "rep1", people.RoleRep), user(t, s, "rep2", people.RoleRep)
	// Filed first and its keys rewritten last, so that neither the order
	// of the rows in the table nor the order of the keys asked is the
	// order wanted.
	a, err := s.CreateApplication(ctx, store.NewApplication{Type: "pick_in", ApplicantID: rep1.ID, ForRepID: rep1.ID,
		Kind: "enterprise", Name: "丙序", Region: "苏州", Key: "丙序",
		Keys: []collision.Key{{Type: collision.KeyNumber, Value: "+86755"}, {Type: collision.KeyCompany, Value: "丙序"}}})
	if err != nil || a.Unprotected {
		t.Fatalf("application: %+v, %v", a, err)
	}
	r1, err := s.EnterResource(ctx, entry(rep2.ID, "乙序", "+8621555"), noop)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := s.EnterResource(ctx, entry(rep1.ID, "甲序", "+8610999", "+861099"), noop)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.ReturnToPublic(ctx, r2.ID, r2.Epoch, resource.Change{ActorID: &rep1.ID, Path: resource.PathRelease, Reason: "x"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateIdentity(ctx, r1.ID, rep2.ID, identity("乙序", "+8621555", "+862155", "+86215"), anyone); err != nil {
		t.Fatal(err)
	}
	keys := []collision.Key{
		{Type: collision.KeyNumber, Value: "+86755"}, {Type: collision.KeyNumber, Value: "+86215"},
		{Type: collision.KeyCompany, Value: "甲序"}, {Type: collision.KeyNumber, Value: "m+8610999"},
		{Type: collision.KeyNumber, Value: "+8621555"}, {Type: collision.KeyCompany, Value: "丙序"},
		{Type: collision.KeyNumber, Value: "+861099"}, {Type: collision.KeyNumber, Value: "无人"},
		{Type: collision.KeyCompany, Value: "乙序"}, {Type: collision.KeyNumber, Value: "+862155"},
		{Type: collision.KeyNumber, Value: "m+8621555"}, {Type: collision.KeyNumber, Value: "+8610999"},
	}
	got, err := s.FindHits(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	want := sqlOrderedHits(t, s, keys)
	if len(want) != 11 {
		t.Fatalf("%d hits by the ORDER BY query, want 11: %+v", len(want), want)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FindHits gave\n%+v\nthe ORDER BY query\n%+v", got, want)
	}
	if last := got[len(got)-1]; last.ApplicationID != a.ID || last.ResourceID != 0 || last.Owner == nil || last.Owner.ID != rep1.ID {
		t.Errorf("last hit %+v, want the application's, for rep1", last)
	}
	if got[0].ResourceID != r1.ID || got[0].Sea != "private" || got[0].Owner == nil || got[0].Owner.ID != rep2.ID {
		t.Errorf("first hit %+v, want the private resource %d of rep2", got[0], r1.ID)
	}
}

// sqlOrderedHits is the collision search with its ORDER BY, as it was
// before the sort moved to Go, run on the test's plain pool.
func sqlOrderedHits(t *testing.T, s *store.Store, keys []collision.Key) []collision.Hit {
	t.Helper()
	var types, values []string
	for _, k := range keys {
		types = append(types, k.Type)
		values = append(values, k.Value)
	}
	rows, err := raw[s].Query(context.Background(), `SELECT ck.key_type, ck.key, coalesce(r.id, 0), coalesce(a.id, 0),
			coalesce(r.name, a.name), coalesce(r.sea, ''), o.id, o.name
		FROM collision_keys ck
		JOIN unnest($1::text[], $2::text[]) AS k(key_type, key) USING (key_type, key)
		LEFT JOIN resources r ON r.id = ck.resource_id
		LEFT JOIN applications a ON a.id = ck.application_id
		LEFT JOIN users o ON o.id = coalesce(r.owner_id, a.for_rep_id)
		ORDER BY ck.resource_id, ck.application_id, ck.key_type, ck.key`, types, values)
	if err != nil {
		t.Fatal(err)
	}
	hits, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (collision.Hit, error) {
		var h collision.Hit
		var ownerID *int64
		var ownerName *string
		err := row.Scan(&h.Key.Type, &h.Key.Value, &h.ResourceID, &h.ApplicationID, &h.Name, &h.Sea, &ownerID, &ownerName)
		if ownerID != nil {
			h.Owner = &people.UserRef{ID: *ownerID, Name: *ownerName}
		}
		return h, err
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}
