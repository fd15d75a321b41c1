// Package api is tide's HTTP transport: Gin handlers under /api/v1, one
// error middleware that answers problem+json, bearer-token authentication
// and a role check declared on every route. It holds no SQL and no business
// rule; it converts between JSON and the services it is given.
package api

import (
	"context"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/tide-crm/tide/account"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/customers"
	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/referrals"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
)

// Accounts signs users in and keeps their profiles.
type Accounts interface {
	// Login signs in from addr, the client's address.
	Login(ctx context.Context, username, password, addr string) (account.Session, error)
	Authenticate(ctx context.Context, token string) (people.User, error)
	Logout(ctx context.Context, token string) error
	LogoutEverywhere(ctx context.Context, userID int64) (int64, error)
	ChangePassword(ctx context.Context, u people.User, token, current, next string) error
	UpdateProfile(ctx context.Context, userID int64, in account.ProfileInput) (people.User, error)
	ListUsers(ctx context.Context) ([]people.User, error)
	User(ctx context.Context, username string) (people.User, error)
	CreateUser(ctx context.Context, actor *int64, in account.NewUser) (people.User, error)
	SetRole(ctx context.Context, actor *int64, username, role string) (people.User, error)
	SetDisabled(ctx context.Context, actor *int64, username string, disabled bool) (people.User, error)
	ResetPassword(ctx context.Context, actor *int64, username, password string) error
	SetAssistantReps(ctx context.Context, actor *int64, username string, repIDs []int64) error
	ServedReps(ctx context.Context, assistantID int64) ([]people.UserRef, error)
	Notifications(ctx context.Context, userID int64, unreadOnly bool) ([]people.Notification, error)
	MarkRead(ctx context.Context, userID, id int64) error
}

// Seas moves resources between the seas.
type Seas interface {
	Enter(ctx context.Context, actor people.User, e intake.Entry) (resource.Resource, error)
	Pick(ctx context.Context, actor people.User, id int64) (resource.Resource, error)
	Release(ctx context.Context, actor people.User, id int64, reason string) (resource.Resource, error)
	EditIdentity(ctx context.Context, actor people.User, id int64, e sea.IdentityEdit) (resource.Resource, error)
	Search(ctx context.Context, q sea.Query) (sea.Result, error)
	Resource(ctx context.Context, id int64) (resource.Resource, error)
	List(ctx context.Context, actor people.User, f resource.ListFilter) ([]resource.Resource, error)
	History(ctx context.Context, actor people.User, id int64) ([]resource.HistoryEntry, error)
	FindByNumber(ctx context.Context, raw string) (resource.Resource, error)
	ReapplyProtection(ctx context.Context) (rules.Reapplied, error)
	DryRunVersion(ctx context.Context, rule string, p *rules.Program) (rules.DryRun, error)
	Sign(ctx context.Context, actor people.User, id int64) (resource.Resource, error)
	ConfirmKind(ctx context.Context, actor people.User, id int64, kind string) (resource.Resource, error)
}

// Customers keeps the contacts and notes of resources and tells their whole
// story (R19, R20).
type Customers interface {
	AddContact(ctx context.Context, actor people.User, resourceID int64, c intake.EntryContact) (int64, resource.Resource, error)
	EditContact(ctx context.Context, actor people.User, resourceID, contactID int64, e customers.ContactEdit) (resource.Resource, error)
	RemoveContact(ctx context.Context, actor people.User, resourceID, contactID int64) error
	AddNote(ctx context.Context, actor people.User, resourceID int64, n customers.NoteRequest) (resource.Note, error)
	EditNote(ctx context.Context, actor people.User, resourceID, noteID int64, n customers.NoteRequest) (resource.Note, error)
	Notes(ctx context.Context, actor people.User, resourceID int64) ([]resource.Note, error)
	Customer360(ctx context.Context, actor people.User, id int64) (customers.Customer360, error)
}

// Referrals hands collided leads to their owners (R5).
type Referrals interface {
	Refer(ctx context.Context, actor people.User, id int64, note string, lead referrals.Lead) (collision.Referral, error)
	Received(ctx context.Context, userID int64) ([]collision.Referral, error)
	Sent(ctx context.Context, userID int64) ([]collision.Referral, error)
}

// Duplicates is sales support's review of possible duplicates (疑似撞单).
type Duplicates interface {
	Reviews(ctx context.Context, actor people.User, f store.ReviewFilter) ([]likeness.Review, error)
	DecideDifferent(ctx context.Context, actor people.User, id int64) (likeness.Review, error)
	DecideSame(ctx context.Context, actor people.User, id int64) (likeness.Review, error)
}

// Check is one readiness probe: nil when the dependency answers.
type Check func(ctx context.Context) error

// Deps are what the API serves from.
type Deps struct {
	Accounts     Accounts
	Seas         Seas
	Rules        Rules
	Applications Applications
	Customers    Customers
	Referrals    Referrals
	Duplicates   Duplicates
	Audit        Audit
	Imports      Imports
	// Ready names the dependencies /readyz checks.
	Ready map[string]Check
	// Warnings, when set, lists what /readyz should warn about without
	// failing (calendar data about to run out).
	Warnings func() []string
}

// Route is one endpoint and the roles that may call it. Roles nil means the
// route is public (no token needed); otherwise a caller whose role is not
// listed gets 403.
type Route struct {
	Method  string
	Path    string // Gin syntax: /api/v1/resources/:id
	Roles   []string
	handler gin.HandlerFunc
}

var (
	allRoles  = people.Roles
	reps      = []string{people.RoleRep}
	admins    = []string{people.RoleAdmin}
	editors   = []string{people.RoleRep, people.RoleSupport, people.RoleAdmin}
	referrers = []string{people.RoleRep, people.RoleAssistant}
	support   = []string{people.RoleSupport, people.RoleAdmin}
	importers = []string{people.RoleRep, people.RoleSupport, people.RoleAdmin} // reps into their own sea, support into 公海
)

// Routes lists every endpoint with its roles; New registers exactly these.
func Routes(d Deps) []Route {
	h := handlers{d}
	return []Route{
		{"GET", "/healthz", nil, h.healthz},
		{"GET", "/readyz", nil, h.readyz},
		{"GET", "/api/v1/openapi.json", nil, serveOpenAPI},
		{"POST", "/api/v1/auth/login", nil, h.login},
		{"POST", "/api/v1/auth/logout", allRoles, h.logout},
		{"POST", "/api/v1/auth/logout-all", allRoles, h.logoutAll},
		{"GET", "/api/v1/me", allRoles, h.getMe},
		{"PUT", "/api/v1/me", allRoles, h.putMe},
		{"PUT", "/api/v1/me/password", allRoles, h.changePassword},
		{"GET", "/api/v1/users", admins, h.listUsers},
		{"POST", "/api/v1/users", admins, h.createUser},
		{"GET", "/api/v1/users/:username", admins, h.getUser},
		{"PATCH", "/api/v1/users/:username", admins, h.patchUser},
		{"POST", "/api/v1/users/:username/password", admins, h.resetPassword},
		{"PUT", "/api/v1/users/:username/reps", admins, h.setReps},
		{"GET", "/api/v1/audit", admins, h.listAudit},
		{"POST", "/api/v1/resources", reps, h.enterResource},
		{"GET", "/api/v1/resources", allRoles, h.listResources},
		{"GET", "/api/v1/resources/export.xlsx", allRoles, h.exportResources},
		{"GET", "/api/v1/imports/template.xlsx", importers, h.importTemplate("xlsx")},
		{"GET", "/api/v1/imports/template.csv", importers, h.importTemplate("csv")},
		{"POST", "/api/v1/imports", importers, h.createImport},
		{"GET", "/api/v1/imports", importers, h.listImports},
		{"GET", "/api/v1/imports/:id", importers, h.importAction(http.StatusOK, func(i Imports) importCall { return i.Get })},
		{"GET", "/api/v1/imports/:id/rows", importers, h.importRows},
		{"GET", "/api/v1/imports/:id/report.xlsx", importers, h.importReport},
		{"POST", "/api/v1/imports/:id/commit", importers, h.importAction(http.StatusAccepted, func(i Imports) importCall { return i.Commit })},
		{"POST", "/api/v1/imports/:id/cancel", importers, h.importAction(http.StatusOK, func(i Imports) importCall { return i.Cancel })},
		{"GET", "/api/v1/resources/:id", allRoles, h.getResource},
		{"PATCH", "/api/v1/resources/:id", editors, h.editResource},
		{"GET", "/api/v1/resources/:id/history", allRoles, h.resourceHistory},
		{"GET", "/api/v1/resources/:id/360", allRoles, h.customer360},
		{"POST", "/api/v1/resources/:id/contacts", editors, h.addContact},
		{"PATCH", "/api/v1/resources/:id/contacts/:cid", editors, h.editContact},
		{"DELETE", "/api/v1/resources/:id/contacts/:cid", editors, h.removeContact},
		{"GET", "/api/v1/resources/:id/notes", allRoles, h.listNotes},
		{"POST", "/api/v1/resources/:id/notes", editors, h.addNote},
		{"PATCH", "/api/v1/resources/:id/notes/:nid", editors, h.editNote},
		{"POST", "/api/v1/collisions/search", allRoles, h.searchCollisions},
		{"POST", "/api/v1/referrals", referrers, h.refer},
		{"GET", "/api/v1/referrals", referrers, h.listReferrals},
		{"POST", "/api/v1/applications", referrers, h.apply},
		{"GET", "/api/v1/applications", allRoles, h.listApplications},
		{"GET", "/api/v1/applications/:id", allRoles, h.getApplication},
		{"POST", "/api/v1/applications/:id/approve", support, h.approveApplication},
		{"POST", "/api/v1/applications/:id/reject", support, h.rejectApplication},
		{"GET", "/api/v1/tasks", support, h.tasks},
		{"GET", "/api/v1/duplicates", support, h.listDuplicates},
		{"POST", "/api/v1/duplicates/:id/different", support, h.decide(Duplicates.DecideDifferent)},
		{"POST", "/api/v1/duplicates/:id/same", support, h.decide(Duplicates.DecideSame)},
		{"GET", "/api/v1/rules", admins, h.listRules},
		{"GET", "/api/v1/rules/:name", admins, h.getRule},
		{"POST", "/api/v1/rules/:name/versions", admins, h.createRuleVersion},
		{"POST", "/api/v1/rules/:name/versions/:version/test", admins, h.testRuleVersion},
		{"POST", "/api/v1/rules/:name/versions/:version/activate", admins, h.activateRuleVersion},
		{"GET", "/api/v1/rules/:name/decisions", admins, h.ruleDecisions},
		{"GET", "/api/v1/calendar/:year", allRoles, h.calendarYear},
		{"PUT", "/api/v1/calendar/:year/days/:date", admins, h.setCalendarDay},
		{"POST", "/api/v1/resources/:id/release", reps, h.releaseResource},
		{"POST", "/api/v1/resources/:id/pick", reps, h.pickResource},
		{"POST", "/api/v1/resources/:id/sign", reps, h.signResource},
		{"POST", "/api/v1/resources/:id/confirm-kind", reps, h.confirmKind},
		{"GET", "/api/v1/notifications", allRoles, h.listNotifications},
		{"POST", "/api/v1/notifications/:id/read", allRoles, h.readNotification},
	}
}

// New returns the HTTP handler of the API.
func New(d Deps) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	// The client's address is the peer's: X-Forwarded-For from anyone would
	// let a guesser pick a fresh address for every try of the login throttle.
	_ = r.SetTrustedProxies(nil)
	r.Use(requestLog, secureHeaders, gin.CustomRecoveryWithWriter(io.Discard, recovery), errorMiddleware, checkParams)
	r.NoRoute(func(c *gin.Context) {
		fail(c, fault.New(fault.NotFound, "no route %s %s", c.Request.Method, c.Request.URL.Path))
	})
	r.NoMethod(methodNotAllowed)
	authn := authenticate(d.Accounts)
	for _, rt := range Routes(d) {
		chain := []gin.HandlerFunc{}
		if rt.Roles != nil {
			chain = append(chain, authn, allow(rt.Roles))
		}
		r.Handle(rt.Method, rt.Path, append(chain, rt.handler)...)
	}
	return r
}
