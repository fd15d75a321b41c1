package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/account"
	"github.com/tide-crm/tide/fault"
)

type handlers struct{ d Deps }

type loginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// LoginResponse is the answer to a successful login.
type LoginResponse struct {
	Token     string    `json:"token"`
	ExpiresAt time.Time `json:"expires_at"`
	User      MeView    `json:"user"`
}

func (h handlers) login(c *gin.Context) {
	var req loginRequest
	if err := decode(c, &req); err != nil {
		fail(c, err)
		return
	}
	var missing []fault.FieldError
	if req.Username == "" {
		missing = append(missing, fault.FieldError{Field: "username", Reason: "required"})
	}
	if req.Password == "" {
		missing = append(missing, fault.FieldError{Field: "password", Reason: "required"})
	}
	if missing != nil {
		fail(c, fault.Invalidf(missing, "username and password are required"))
		return
	}
	s, err := h.d.Accounts.Login(c.Request.Context(), req.Username, req.Password, c.ClientIP())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, LoginResponse{Token: s.Token, ExpiresAt: s.ExpiresAt, User: meView(s.User)})
}

// logout ends the session of the token the request carries.
func (h handlers) logout(c *gin.Context) {
	if err := h.d.Accounts.Logout(c.Request.Context(), callerToken(c)); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// logoutAll ends every session of the caller, this one included.
func (h handlers) logoutAll(c *gin.Context) {
	if _, err := h.d.Accounts.LogoutEverywhere(c.Request.Context(), callerID(c)); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type passwordRequest struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

// changePassword replaces the caller's password; their other sessions end.
func (h handlers) changePassword(c *gin.Context) {
	var req passwordRequest
	if err := decode(c, &req); err != nil {
		fail(c, err)
		return
	}
	if err := h.d.Accounts.ChangePassword(c.Request.Context(), caller(c), callerToken(c), req.CurrentPassword, req.NewPassword); err != nil {
		fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h handlers) getMe(c *gin.Context) { c.JSON(http.StatusOK, meView(caller(c))) }

type meRequest struct {
	Email          string `json:"email"`
	Mobile         string `json:"mobile"`
	TradeManagerID string `json:"trade_manager_id"`
	Confirm        bool   `json:"confirm"`
}

func (h handlers) putMe(c *gin.Context) {
	var req meRequest
	if err := decode(c, &req); err != nil {
		fail(c, err)
		return
	}
	u, err := h.d.Accounts.UpdateProfile(c.Request.Context(), callerID(c), account.ProfileInput(req))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, meView(u))
}

func (h handlers) listUsers(c *gin.Context) {
	users, err := h.d.Accounts.ListUsers(c.Request.Context())
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"items": views(users, adminUserView)})
}
