package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/workflows/contract"
)

// publicResource enters a resource for owner and releases it.
func publicResource(t *testing.T, s *store.Store, owner int64, name, number string) resource.Resource {
	t.Helper()
	ctx := context.Background()
	r, err := s.EnterResource(ctx, entry(owner, name, number), noop)
	if err != nil {
		t.Fatal(err)
	}
	r, _, err = s.ReturnToPublic(ctx, r.ID, r.Epoch, resource.Change{ActorID: &owner, Path: resource.PathRelease, Reason: "x"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// A pending pick-in application for a public resource came first (R6):
// another rep's pick and an assignment to another application are refused
// naming it; the applicant's own pick is not.
func TestPickInApplicationReservesTheResource(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	rep1, rep2, rep3 := user(t, s, "rep1", people.RoleRep), user(t, s, "rep2", people.RoleRep), user(t, s, "rep3", people.RoleRep)
	sup := user(t, s, "support", people.RoleSupport)
	r := publicResource(t, s, rep1.ID, "先申", "601")
	first, err := s.CreateApplication(ctx, store.NewApplication{Type: "pick_in", ApplicantID: rep2.ID, ForRepID: rep2.ID,
		ResourceID: &r.ID, Kind: r.Kind, Name: r.Name, Region: r.Region, Key: r.CompanyKey})
	if err != nil {
		t.Fatal(err)
	}
	pick := func(rep int64) error {
		_, err := s.Pick(ctx, store.PickRequest{ID: r.ID, RepID: rep, Protect: fixed(time.Now().Add(time.Hour), resource.Change{ActorID: &rep, Path: resource.PathPick})}, noop)
		return err
	}
	if hits := store.HitsOf(pick(rep3.ID)); len(hits) != 1 || hits[0].ApplicationID != first.ID {
		t.Fatalf("rep3's pick over rep2's application: %+v", hits)
	}
	other, err := s.CreateApplication(ctx, store.NewApplication{Type: "pick_in", ApplicantID: rep3.ID, ForRepID: rep3.ID,
		Kind: "enterprise", Name: "后申", Region: "苏州", Key: "后申", Keys: []collision.Key{{Type: collision.KeyCompany, Value: "后申"}}})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = s.Assign(ctx, store.Assignment{ApplicationID: other.ID, ResourceID: r.ID, ActorID: sup.ID, Key: r.CompanyKey,
		Protection: application.Deadline{At: time.Now().Add(time.Hour)}}, func(application.Application, resource.Resource) ([]contract.Command, error) { return nil, nil })
	if hits := store.HitsOf(err); len(hits) != 1 || hits[0].ApplicationID != first.ID {
		t.Fatalf("assigning rep2's resource to rep3's application: %v", err)
	}
	if got, _ := s.GetResource(ctx, r.ID); got.Sea != resource.SeaPublic {
		t.Fatalf("a refused move changed the resource: %s", got.Sea)
	}
	if err := pick(rep2.ID); err != nil {
		t.Fatalf("the applicant's own pick: %v", err)
	}
}

// A signing belongs to its ownership: the next owner starts unsigned.
func TestSigningEndsWithTheOwnership(t *testing.T) {
	s := open(t)
	ctx := context.Background()
	rep1, rep2 := user(t, s, "rep1", people.RoleRep), user(t, s, "rep2", people.RoleRep)
	r, err := s.EnterResource(ctx, entry(rep1.ID, "签约", "602"), noop)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Sign(ctx, r.ID, r.Epoch, rep1.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.ReturnToPublic(ctx, r.ID, r.Epoch, resource.Change{ActorID: &rep1.ID, Path: resource.PathRelease, Reason: "x"}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Pick(ctx, store.PickRequest{ID: r.ID, RepID: rep2.ID, Protect: fixed(time.Now().Add(time.Hour), resource.Change{ActorID: &rep2.ID, Path: resource.PathPick})}, noop)
	if err != nil || got.SignedAt != nil {
		t.Fatalf("picked after a signed ownership: signed %v (%v)", got.SignedAt, err)
	}
}
