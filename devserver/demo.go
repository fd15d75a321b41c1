package devserver

import (
	"context"

	"github.com/tide-crm/tide/auth"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/store"
)

// DemoUsers are created on the first dev start, one per role and a few reps.
var DemoUsers = []people.NewUser{
	{Username: "admin", Name: "Admin", Role: people.RoleAdmin},
	{Username: "support", Name: "Sales Support", Role: people.RoleSupport},
	{Username: "rep1", Name: "Rep One", Role: people.RoleRep},
	{Username: "rep2", Name: "Rep Two", Role: people.RoleRep},
	{Username: "rep3", Name: "Rep Three", Role: people.RoleRep},
	{Username: "assistant1", Name: "Assistant One", Role: people.RoleAssistant},
	{Username: "assistant2", Name: "Assistant Two", Role: people.RoleAssistant},
}

// SeedDemoUsers creates the demo users that do not exist yet, all with the
// given password, and returns the usernames it created. Existing users keep
// their passwords.
func SeedDemoUsers(ctx context.Context, st *store.Store, password string, cost int) ([]string, error) {
	var created []string
	for _, u := range DemoUsers {
		hash, err := auth.HashPassword(password, cost) // one salt per user
		if err != nil {
			return nil, err
		}
		u.PasswordHash = hash
		ok, err := st.EnsureUser(ctx, u)
		if err != nil {
			return created, err
		}
		if ok {
			created = append(created, u.Username)
		}
	}
	return created, nil
}
