package api

import (
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
)

const (
	userKey  = "tide.user"
	tokenKey = "tide.token"
)

// authenticate admits a request with a live bearer token and remembers its
// user and token.
func authenticate(a Accounts) gin.HandlerFunc {
	return func(c *gin.Context) {
		tok, ok := bearer(c.GetHeader("Authorization"))
		if !ok {
			c.Header("WWW-Authenticate", `Bearer realm="tide"`)
			fail(c, fault.New(fault.Unauthenticated, "send Authorization: Bearer <token> from POST /api/v1/auth/login"))
			return
		}
		u, err := a.Authenticate(c.Request.Context(), tok)
		if err != nil {
			c.Header("WWW-Authenticate", `Bearer realm="tide", error="invalid_token"`)
			fail(c, err)
			return
		}
		c.Set(userKey, u)
		c.Set(tokenKey, tok)
		c.Next()
	}
}

// bearer reads the token of an Authorization header; the scheme is
// case-insensitive (RFC 7235 section 2.1): "bearer x" is "Bearer x".
func bearer(h string) (string, bool) {
	scheme, tok, ok := strings.Cut(strings.TrimSpace(h), " ")
	tok = strings.TrimSpace(tok)
	return tok, ok && strings.EqualFold(scheme, "Bearer") && tok != ""
}

// passwordFree are the routes a user whose password an admin set may call
// before choosing their own: read themself, change it, leave.
var passwordFree = map[string]bool{"GET /api/v1/me": true, "PUT /api/v1/me/password": true,
	"POST /api/v1/auth/logout": true, "POST /api/v1/auth/logout-all": true}

// allow admits callers holding one of roles, once they chose their own
// password.
func allow(roles []string) gin.HandlerFunc {
	return func(c *gin.Context) {
		u := caller(c)
		if u.MustChangePassword && !passwordFree[c.Request.Method+" "+c.FullPath()] {
			fail(c, fault.New(fault.Forbidden, "choose your own password first (PUT /api/v1/me/password): an admin set this one"))
			return
		}
		if !slices.Contains(roles, u.Role) {
			fail(c, fault.New(fault.Forbidden, "the %s role may not call %s %s (allowed: %s)",
				u.Role, c.Request.Method, c.FullPath(), strings.Join(roles, ", ")))
			return
		}
		c.Next()
	}
}

// caller is the authenticated user of the request.
func caller(c *gin.Context) people.User {
	u, _ := c.Get(userKey)
	user, _ := u.(people.User)
	return user
}

func callerID(c *gin.Context) int64 { return caller(c).ID }

// callerToken is the bearer token of the request.
func callerToken(c *gin.Context) string { return c.GetString(tokenKey) }
