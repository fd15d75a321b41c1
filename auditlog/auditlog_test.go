package auditlog_test

import (
	"context"
	"testing"

	"github.com/tide-crm/tide/auditlog"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/dbtest"
)

// Only admins read the log; it reads newest first and a filter narrows it.
func TestOnlyAdminsReadTheLogNewestFirst(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, dbtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	admin, err := st.CreateUser(ctx, people.NewUser{Username: "admin1", Name: "Admin", Role: people.RoleAdmin, PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := st.CreateUser(ctx, people.NewUser{Username: "rep1", Name: "Rep", Role: people.RoleRep, PasswordHash: "x", Actor: &admin.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.SetDisabled(ctx, rep.ID, true, &admin.ID); err != nil {
		t.Fatal(err)
	}
	svc := &auditlog.Service{Store: st}
	if _, err := svc.List(ctx, rep, auditlog.Filter{}); !fault.Is(err, fault.Forbidden) {
		t.Errorf("a rep read the log: %v", err)
	}
	rows, err := svc.List(ctx, admin, auditlog.Filter{Action: "user.", ActorID: admin.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Action != "user.disable" || rows[1].Action != "user.create" || rows[0].Actor == nil || rows[0].Actor.Name != "Admin" {
		t.Errorf("the admin's changes of users, newest first: %+v", rows)
	}
	if rows, _ := svc.List(ctx, admin, auditlog.Filter{Action: "user.", Before: rows[0].ID}); len(rows) != 2 { // admin1's own creation has no actor
		t.Errorf("before the newest: %d lines", len(rows))
	}
}
