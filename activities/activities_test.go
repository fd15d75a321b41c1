package activities_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/tide-crm/tide/activities"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
	"github.com/tide-crm/tide/workflows/contract"
)

func setup(t *testing.T) (*testsuite.TestActivityEnvironment, *store.Store, people.User, resource.Resource) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dbtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	u, err := st.CreateUser(ctx, people.NewUser{Username: "rep1", Name: "Rep One", Role: people.RoleRep, PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := st.EnterResource(ctx, store.NewResource{Kind: "enterprise", Name: "日东", Region: "苏州", CompanyKey: "日东",
		Numbers: []resource.Number{{Type: "landline", Raw: "1", Normalized: "51265881234"}}, OwnerID: u.ID,
		ProtectedUntil: time.Now().Add(time.Hour), Change: resource.Change{ActorID: &u.ID, Path: resource.PathEntry}},
		func(resource.Resource) ([]contract.Command, error) { return nil, nil })
	if err != nil {
		t.Fatal(err)
	}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	env.RegisterActivity(&activities.Activities{Store: st})
	return env, st, u, r
}

func TestExpireIsIdempotent(t *testing.T) {
	env, st, _, r := setup(t)
	p := contract.ExpireParams{ResourceID: r.ID, Epoch: r.Epoch, Rule: "protection.until", RuleVersion: "builtin"}
	for i := range 2 { // a retry after a lost answer changes nothing
		if _, err := env.ExecuteActivity("Expire", p); err != nil {
			t.Fatalf("expire #%d: %v", i+1, err)
		}
	}
	got, err := st.GetResource(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Sea != resource.SeaPublic || got.Epoch != r.Epoch+1 {
		t.Fatalf("after expiry: sea %s epoch %d", got.Sea, got.Epoch)
	}
}

func TestStaleReleaseIsNotRetried(t *testing.T) {
	env, _, u, r := setup(t)
	if _, err := env.ExecuteActivity("Expire", contract.ExpireParams{ResourceID: r.ID, Epoch: r.Epoch}); err != nil {
		t.Fatal(err)
	}
	_, err := env.ExecuteActivity("Release", contract.ReleaseParams{ResourceID: r.ID, Epoch: r.Epoch, ActorID: u.ID, Reason: "late"})
	var appErr *temporal.ApplicationError
	if !errors.As(err, &appErr) || appErr.Type() != contract.ErrTypeStale || !appErr.NonRetryable() {
		t.Fatalf("release after expiry: %v, want a non-retryable %s", err, contract.ErrTypeStale)
	}
}

func TestOrphanRunFindsNothingToDo(t *testing.T) {
	env, _, _, _ := setup(t)
	if _, err := env.ExecuteActivity("Expire", contract.ExpireParams{ResourceID: 999999, Epoch: 1}); err != nil {
		t.Fatalf("expiry of a resource that was never committed: %v", err)
	}
}
