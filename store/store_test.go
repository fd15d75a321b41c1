package store_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
	"github.com/tide-crm/tide/workflows/contract"
)

// raw is a direct connection to a test's database, to count rows and to
// prove that the database itself refuses what the code never attempts.
var raw = map[*store.Store]*pgxpool.Pool{}

func open(t *testing.T) *store.Store {
	t.Helper()
	url := dbtest.New(t)
	s, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	p, err := pgxpool.New(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	raw[s] = p
	t.Cleanup(func() { checkHeld(t, p) })
	return s
}

// checkHeld fails t when a rep's capacity counter differs from the
// resources the rep owns: every store test ends with this check, so every
// move they make keeps the counter true.
func checkHeld(t *testing.T, p *pgxpool.Pool) {
	t.Helper()
	rows, err := p.Query(context.Background(), `SELECT u.username, u.held, count(r.id) FROM users u
		LEFT JOIN resources r ON r.owner_id = u.id GROUP BY u.id HAVING u.held <> count(r.id)`)
	if err != nil {
		t.Fatal(err)
	}
	var name string
	var held, owned int
	_, err = pgx.ForEachRow(rows, []any{&name, &held, &owned}, func() error {
		t.Errorf("%s: the capacity counter says %d, the rep owns %d resources", name, held, owned)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func user(t *testing.T, s *store.Store, username, role string) people.User {
	t.Helper()
	u, err := s.CreateUser(context.Background(), people.NewUser{Username: username, Name: username, Role: role, PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

var noop store.Within = func(resource.Resource) ([]contract.Command, error) { return nil, nil }

func entry(owner int64, name string, numbers ...string) store.NewResource {
	nr := store.NewResource{Kind: "enterprise", Name: name, Region: "苏州", CompanyKey: name, OwnerID: owner,
		ProtectedUntil: time.Now().Add(time.Hour), Change: resource.Change{ActorID: &owner, Path: resource.PathEntry}}
	for _, n := range numbers {
		nr.Numbers = append(nr.Numbers, resource.Number{Type: "landline", Raw: n, Normalized: n})
	}
	nr.Contacts = []store.NewContact{{Name: "王", Numbers: []resource.Number{{Type: "mobile", Raw: "m" + numbers[0], Normalized: "m" + numbers[0]}}}}
	return nr
}

// exactlyOneWon fails the test unless exactly one of errs is nil and every
// other is a Conflict: the one winner of a race.
func exactlyOneWon(t *testing.T, what string, errs []error) {
	t.Helper()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
		} else if !fault.Is(err, fault.Conflict) {
			t.Errorf("%s: unexpected error: %v", what, err)
		}
	}
	if won != 1 {
		t.Fatalf("%d %s won, want exactly 1: %v", won, what, errs)
	}
}

func count(t *testing.T, s *store.Store, table string) int {
	t.Helper()
	var n int
	if err := raw[s].QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestUsernameIsUnique(t *testing.T) {
	s := open(t)
	user(t, s, "rep1", people.RoleRep)
	_, err := s.CreateUser(context.Background(), people.NewUser{Username: "rep1", Name: "x", Role: people.RoleRep, PasswordHash: "x"})
	if !fault.Is(err, fault.Conflict) {
		t.Fatalf("second rep1: %v, want Conflict", err)
	}
}

func TestRoleIsConstrainedInTheDatabase(t *testing.T) {
	s := open(t)
	_, err := s.CreateUser(context.Background(), people.NewUser{Username: "boss", Name: "x", Role: "owner", PasswordHash: "x"})
	if !fault.Is(err, fault.Invalid) {
		t.Fatalf("role owner: %v, want Invalid from the check constraint", err)
	}
}

func TestExpiredSessionIsRefused(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	u := user(t, s, "rep1", people.RoleRep)
	until := time.Now().Add(time.Hour).Truncate(time.Second)
	if err := s.CreateSession(ctx, "live", u.ID, until); err != nil {
		t.Fatal(err)
	}
	if got, exp, err := s.UserBySession(ctx, "live"); err != nil || got.ID != u.ID || !exp.Equal(until) {
		t.Fatalf("live token: %v until %v, %v", got.ID, exp, err)
	}
	// Expired an hour ago by the database's own clock: no race between Go's
	// clock and now() on a loaded machine (a millisecond's expiry raced them).
	if err := s.CreateSession(ctx, "old", u.ID, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	old := sha256.Sum256([]byte("old"))
	if _, err := raw[s].Exec(ctx, `UPDATE sessions SET created_at = now() - interval '2 hours',
		expires_at = now() - interval '1 hour' WHERE token_hash = $1`, old[:]); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.UserBySession(ctx, "old"); !fault.Is(err, fault.NotFound) {
		t.Fatalf("expired token: %v, want NotFound", err)
	}
	if n, err := s.DeleteExpiredSessions(ctx); err != nil || n != 1 {
		t.Fatalf("deleted %d expired sessions (%v), want 1", n, err)
	}
}

func TestCollisionOnNumberWritesNothing(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	a, b := user(t, s, "rep1", people.RoleRep), user(t, s, "rep2", people.RoleRep)
	first, err := s.EnterResource(ctx, entry(a.ID, "日东精密电子", "51265881234"), noop)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.EnterResource(ctx, entry(b.ID, "别的公司", "13800000000", "51265881234"), noop)
	hits := store.HitsOf(err)
	if len(hits) != 1 || hits[0].ResourceID != first.ID || hits[0].Key.Value != "51265881234" || hits[0].Owner.Name != "rep1" {
		t.Fatalf("hits = %+v (err %v), want one number hit on resource %d owned by rep1", hits, err, first.ID)
	}
	for _, table := range []string{"resources", "contacts", "resource_numbers", "collision_keys", "ownership_history"} {
		if got := count(t, s, table); got != map[string]int{"resources": 1, "contacts": 1, "resource_numbers": 2, "collision_keys": 3, "ownership_history": 1}[table] {
			t.Errorf("%s has %d rows after a refused entry", table, got)
		}
	}
}

func TestCollisionOnCompanyKey(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	a := user(t, s, "rep1", people.RoleRep)
	if _, err := s.EnterResource(ctx, entry(a.ID, "日东精密电子", "1"), noop); err != nil {
		t.Fatal(err)
	}
	_, err := s.EnterResource(ctx, entry(a.ID, "日东精密电子", "2"), noop)
	if hits := store.HitsOf(err); len(hits) != 1 || hits[0].Key.Type != collision.KeyCompany {
		t.Fatalf("hits = %+v, want one company-key hit", hits)
	}
}

func TestWithinFailureRollsBackTheEntry(t *testing.T) {
	s := open(t)
	a := user(t, s, "rep1", people.RoleRep)
	boom := errors.New("a rule could not decide")
	_, err := s.EnterResource(context.Background(), entry(a.ID, "日东", "1"), func(resource.Resource) ([]contract.Command, error) { return nil, boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the hook's error", err)
	}
	for _, table := range []string{"resources", "collision_keys", "ownership_history", "audit_log WHERE action <> 'user.create'", "outbox"} {
		if n := count(t, s, table); n != 0 {
			t.Errorf("%s has %d rows after a rolled-back entry", table, n)
		}
	}
}

// Many reps entering the same company at once, each with other numbers:
// the unique key index lets exactly one through (R6).
func TestConcurrentEntriesOfOneCompany(t *testing.T) {
	s := open(t)
	const n = 20
	reps := make([]people.User, n)
	for i := range reps {
		reps[i] = user(t, s, fmt.Sprintf("rep%d", i), people.RoleRep)
	}
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			_, errs[i] = s.EnterResource(context.Background(), entry(reps[i].ID, "同一公司", fmt.Sprintf("5120000%04d", i)), noop)
		})
	}
	wg.Wait()
	ok, collided := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case fault.Is(err, fault.Collision):
			collided++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 1 || collided != n-1 {
		t.Fatalf("%d entries succeeded and %d collided; want 1 and %d", ok, collided, n-1)
	}
}

func TestConcurrentPicksHaveOneWinner(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	owner := user(t, s, "owner", people.RoleRep)
	r, err := s.EnterResource(ctx, entry(owner.ID, "公海公司", "1"), noop)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.ReturnToPublic(ctx, r.ID, r.Epoch, resource.Change{ActorID: &owner.ID, Path: resource.PathRelease, Reason: "x"}); err != nil {
		t.Fatal(err)
	}
	const n = 50
	reps := make([]people.User, n)
	for i := range reps {
		reps[i] = user(t, s, fmt.Sprintf("picker%d", i), people.RoleRep)
	}
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			c := resource.Change{ActorID: &reps[i].ID, Path: resource.PathPick}
			_, errs[i] = s.Pick(ctx, store.PickRequest{ID: r.ID, RepID: reps[i].ID, Protect: fixed(time.Now().Add(time.Hour), c)}, noop)
		})
	}
	wg.Wait()
	exactlyOneWon(t, "picks", errs)
	if h := count(t, s, "ownership_history"); h != 3 {
		t.Errorf("history has %d rows, want 3 (entry, release, one pick)", h)
	}
}

func TestReturnToPublicIsIdempotentAndEpochGuarded(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	a, b := user(t, s, "rep1", people.RoleRep), user(t, s, "rep2", people.RoleRep)
	r, err := s.EnterResource(ctx, entry(a.ID, "公司", "1"), noop)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = s.ReturnToPublic(ctx, r.ID, r.Epoch, resource.Change{ActorID: &b.ID, Path: resource.PathRelease, Reason: "x"})
	if !fault.Is(err, fault.Forbidden) {
		t.Fatalf("release by another rep: %v, want Forbidden", err)
	}
	expiry := resource.Change{Path: resource.PathExpiry, Rule: "protection.until", RuleVersion: "builtin"}
	got, applied, err := s.ReturnToPublic(ctx, r.ID, r.Epoch, expiry)
	if err != nil || !applied || got.Sea != resource.SeaPublic || got.Owner != nil {
		t.Fatalf("expiry: %+v applied=%v err=%v", got, applied, err)
	}
	if _, applied, err := s.ReturnToPublic(ctx, r.ID, r.Epoch, expiry); err != nil || applied {
		t.Fatalf("repeated expiry: applied=%v err=%v, want a no-op", applied, err)
	}
	release := resource.Change{ActorID: &a.ID, Path: resource.PathRelease, Reason: "late"}
	if _, _, err := s.ReturnToPublic(ctx, r.ID, r.Epoch, release); !errors.Is(err, store.ErrStaleEpoch) {
		t.Fatalf("release after expiry: %v, want ErrStaleEpoch", err)
	}
	if h := count(t, s, "ownership_history"); h != 2 {
		t.Errorf("history has %d rows, want 2 (entry, one expiry)", h)
	}
}

func TestHistoryIsAppendOnly(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	a := user(t, s, "rep1", people.RoleRep)
	if _, err := s.EnterResource(ctx, entry(a.ID, "公司", "1"), noop); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"ownership_history", "audit_log"} {
		if _, err := raw[s].Exec(ctx, "UPDATE "+table+" SET at = now()"); err == nil {
			t.Errorf("UPDATE %s succeeded", table)
		}
		if _, err := raw[s].Exec(ctx, "DELETE FROM "+table); err == nil {
			t.Errorf("DELETE FROM %s succeeded", table)
		}
	}
}

// A rep at the limit minus one firing many entries at once: the lock on
// the rep's row lets exactly one through (R13).
func TestCapacityHoldsUnderConcurrency(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	rep := user(t, s, "rep1", people.RoleRep)
	const limit = 3
	capacity := func(_ people.User, held int) error {
		if held >= limit {
			return fault.New(fault.Conflict, "capacity %d reached", limit)
		}
		return nil
	}
	for i := range limit - 1 {
		nr := entry(rep.ID, fmt.Sprintf("已有%d", i), fmt.Sprintf("900%d", i))
		nr.Capacity = capacity
		if _, err := s.EnterResource(ctx, nr, noop); err != nil {
			t.Fatal(err)
		}
	}
	const n = 30
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			nr := entry(rep.ID, fmt.Sprintf("新公司%d", i), fmt.Sprintf("800%02d", i))
			nr.Capacity = capacity
			_, errs[i] = s.EnterResource(ctx, nr, noop)
		})
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else if !fault.Is(err, fault.Conflict) {
			t.Errorf("unexpected: %v", err)
		}
	}
	if ok != 1 || count(t, s, "resources") != limit {
		t.Fatalf("%d entries passed, %d resources held; want 1 and %d", ok, count(t, s, "resources"), limit)
	}
}

// fixed protects a pick until the given time, recording c.
func fixed(until time.Time, c resource.Change) func(people.User, resource.Resource) (time.Time, resource.Change, error) {
	return func(people.User, resource.Resource) (time.Time, resource.Change, error) { return until, c, nil }
}
