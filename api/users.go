package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/account"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
)

// AdminUserView is a user as admins manage them: no password hash, no
// personal information beyond what the list needs.
type AdminUserView struct {
	UserView
	Disabled           bool        `json:"disabled"`
	MustChangePassword bool        `json:"must_change_password"`
	CreatedAt          time.Time   `json:"created_at"`
	Reps               []OwnerView `json:"reps,omitempty"` // an assistant's reps, on GET /users/:username
}

func adminUserView(u people.User) AdminUserView {
	return AdminUserView{UserView: userView(u), Disabled: u.DisabledAt != nil, MustChangePassword: u.MustChangePassword, CreatedAt: u.CreatedAt}
}

type newUserRequest struct {
	Username string `json:"username"`
	Name     string `json:"name"`
	Role     string `json:"role"`
	Password string `json:"password"`
}

// createUser creates a user with an initial password the user must change
// at the first sign-in.
func (h handlers) createUser(c *gin.Context) {
	var req newUserRequest
	if err := decode(c, &req); err != nil {
		fail(c, err)
		return
	}
	admin := caller(c)
	u, err := h.d.Accounts.CreateUser(c.Request.Context(), &admin.ID,
		account.NewUser{Username: req.Username, Name: req.Name, Role: req.Role, Password: req.Password})
	if err != nil {
		fail(c, err)
		return
	}
	c.Header("Location", "/api/v1/users/"+u.Username)
	c.JSON(http.StatusCreated, adminUserView(u))
}

// getUser is one user with, for an assistant, the reps they serve.
func (h handlers) getUser(c *gin.Context) {
	ctx := c.Request.Context()
	u, err := h.d.Accounts.User(ctx, c.Param("username"))
	if err != nil {
		fail(c, err)
		return
	}
	v := adminUserView(u)
	if u.Role == people.RoleAssistant {
		reps, err := h.d.Accounts.ServedReps(ctx, u.ID)
		if err != nil {
			fail(c, err)
			return
		}
		v.Reps = views(reps, func(r people.UserRef) OwnerView { return OwnerView(r) })
	}
	c.JSON(http.StatusOK, v)
}

type userPatch struct {
	Role     *string `json:"role"`
	Disabled *bool   `json:"disabled"`
}

// patchUser changes a user's role or disables (every session ends at once)
// or enables them; each change is audited.
func (h handlers) patchUser(c *gin.Context) {
	var req userPatch
	if err := decode(c, &req); err != nil {
		fail(c, err)
		return
	}
	if req.Role == nil && req.Disabled == nil {
		fail(c, fault.Invalidf([]fault.FieldError{{Field: "role", Reason: "give role or disabled"}}, "nothing to change"))
		return
	}
	ctx, admin, name := c.Request.Context(), caller(c), c.Param("username")
	var u people.User
	var err error
	if req.Role != nil {
		if u, err = h.d.Accounts.SetRole(ctx, &admin.ID, name, *req.Role); err != nil {
			fail(c, err)
			return
		}
	}
	if req.Disabled != nil {
		if u, err = h.d.Accounts.SetDisabled(ctx, &admin.ID, name, *req.Disabled); err != nil {
			fail(c, err)
			return
		}
	}
	c.JSON(http.StatusOK, adminUserView(u))
}

type resetRequest struct {
	Password string `json:"password"`
}

// resetPassword sets a user's password; their sessions end and they must
// choose their own at the next sign-in.
func (h handlers) resetPassword(c *gin.Context) {
	var req resetRequest
	if err := decode(c, &req); err != nil {
		fail(c, err)
		return
	}
	admin := caller(c)
	if err := h.d.Accounts.ResetPassword(c.Request.Context(), &admin.ID, c.Param("username"), req.Password); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type repsRequest struct {
	Reps []int64 `json:"reps"`
}

// setReps replaces the reps an assistant serves.
func (h handlers) setReps(c *gin.Context) {
	var req repsRequest
	if err := decode(c, &req); err != nil {
		fail(c, err)
		return
	}
	admin := caller(c)
	if err := h.d.Accounts.SetAssistantReps(c.Request.Context(), &admin.ID, c.Param("username"), req.Reps); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
