package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/tide-crm/tide/account"
	"github.com/tide-crm/tide/people"
)

// roleWords name each role.
var roleWords = map[string]string{people.RoleRep: "Sales rep", people.RoleAssistant: "Sales assistant",
	people.RoleSupport: "Sales support", people.RoleAdmin: "Admin"}

// usersData is 用户 (admins): every user, and the new user's form as typed
// with its refusals (the password is never shown again).
type usersData struct {
	Users                []people.User
	Username, Name, Role string
	Errors               map[string]string
	Created              string // the username just created
	Error                string
}

// Err is the refusal of one field, "" when none.
func (d usersData) Err(field string) string { return d.Errors[field] }

// Roles are the roles in the order the form offers them.
func (usersData) Roles() []string { return people.Roles }

// RoleWord names a role, in English for T.
func (usersData) RoleWord(r string) string { return or(roleWords[r], r) }

func (c *console) users(w http.ResponseWriter, r *http.Request, s *session) {
	c.renderUsers(w, r, s, http.StatusOK, usersData{Role: people.RoleRep, Created: r.URL.Query().Get("created")})
}

func (c *console) renderUsers(w http.ResponseWriter, r *http.Request, s *session, status int, d usersData) {
	us, err := c.d.Accounts.ListUsers(r.Context())
	if err != nil {
		status, d.Error = refusal(s, err)
	}
	d.Users = us
	c.render(w, r, s, status, "users", d)
}

// createUser creates a user with an initial password the user must change
// at the first sign-in; a refusal keeps what was typed but the password.
func (c *console) createUser(w http.ResponseWriter, r *http.Request, s *session) {
	d := usersData{Username: r.PostFormValue("username"), Name: r.PostFormValue("name"), Role: r.PostFormValue("role")}
	u, err := c.d.Accounts.CreateUser(r.Context(), &s.user.ID,
		account.NewUser{Username: d.Username, Name: d.Name, Role: d.Role, Password: r.PostFormValue("password")})
	if err != nil {
		status, text := refusal(s, err)
		if d.Errors = fieldErrors(s, err, nil); len(d.Errors) == 0 {
			d.Errors = map[string]string{"": text}
		}
		c.renderUsers(w, r, s, status, d)
		return
	}
	http.Redirect(w, r, "/admin/users?created="+url.QueryEscape(u.Username), http.StatusSeeOther)
}

// userData is one user as an admin manages them.
type userData struct {
	User     people.User
	Reps     []people.UserRef // every enabled rep, for an assistant's
	Serves   map[int64]bool   // the reps the assistant serves
	Done     string           // what just changed
	Errors   map[string]string
	Refusal  string
	Self     bool // the admin's own record: no disabling or demoting
	RoleForm string
}

// Err is the refusal of one field, "" when none.
func (d userData) Err(field string) string { return d.Errors[field] }

// Roles are the roles in the order the form offers them.
func (userData) Roles() []string { return people.Roles }

// RoleWord names a role, in English for T.
func (userData) RoleWord(r string) string { return or(roleWords[r], r) }

func (c *console) user(w http.ResponseWriter, r *http.Request, s *session) {
	c.renderUser(w, r, s, http.StatusOK, userData{Done: r.URL.Query().Get("done")})
}

func (c *console) renderUser(w http.ResponseWriter, r *http.Request, s *session, status int, d userData) {
	ctx := r.Context()
	u, err := c.d.Accounts.User(ctx, r.PathValue("username"))
	if err != nil {
		st, text := refusal(s, err)
		c.render(w, r, s, st, "user", userData{Refusal: text})
		return
	}
	d.User, d.Self = u, u.ID == s.user.ID
	if d.RoleForm == "" {
		d.RoleForm = u.Role
	}
	if u.Role == people.RoleAssistant {
		all, err := c.d.Accounts.Reps(ctx, people.User{}) // no assistant: every enabled rep
		if err == nil {
			d.Reps = all
		}
		served, err := c.d.Accounts.ServedReps(ctx, u.ID)
		if err == nil {
			d.Serves = map[int64]bool{}
			for _, r := range served {
				d.Serves[r.ID] = true
			}
		}
	}
	c.render(w, r, s, status, "user", d)
}

// userChange runs one change of the user named in the path and comes back
// to their page saying what changed, or with the refusal next to its form.
func (c *console) userChange(w http.ResponseWriter, r *http.Request, s *session, done string, change func(username string) error) {
	name := r.PathValue("username")
	if err := change(name); err != nil {
		status, text := refusal(s, err)
		d := userData{Errors: fieldErrors(s, err, nil), RoleForm: r.PostFormValue("role")}
		if len(d.Errors) == 0 {
			d.Refusal = text
		}
		c.renderUser(w, r, s, status, d)
		return
	}
	http.Redirect(w, r, "/admin/users/"+url.PathEscape(name)+"?done="+done, http.StatusSeeOther)
}

func (c *console) setRole(w http.ResponseWriter, r *http.Request, s *session) {
	c.userChange(w, r, s, "role", func(name string) error {
		_, err := c.d.Accounts.SetRole(r.Context(), &s.user.ID, name, r.PostFormValue("role"))
		return err
	})
}

func (c *console) setDisabled(w http.ResponseWriter, r *http.Request, s *session) {
	disable := r.PostFormValue("disabled") == "true"
	done := "enabled"
	if disable {
		done = "disabled"
	}
	c.userChange(w, r, s, done, func(name string) error {
		_, err := c.d.Accounts.SetDisabled(r.Context(), &s.user.ID, name, disable)
		return err
	})
}

func (c *console) resetPassword(w http.ResponseWriter, r *http.Request, s *session) {
	c.userChange(w, r, s, "password", func(name string) error {
		return c.d.Accounts.ResetPassword(r.Context(), &s.user.ID, name, r.PostFormValue("password"))
	})
}

func (c *console) setReps(w http.ResponseWriter, r *http.Request, s *session) {
	c.userChange(w, r, s, "reps", func(name string) error {
		if err := r.ParseForm(); err != nil {
			return err
		}
		var ids []int64
		for _, v := range r.PostForm["rep"] {
			if id, err := strconv.ParseInt(v, 10, 64); err == nil {
				ids = append(ids, id)
			}
		}
		return c.d.Accounts.SetAssistantReps(r.Context(), &s.user.ID, name, ids)
	})
}
