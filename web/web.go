// Package web is the console: tide's screens for the sales floor, served
// as HTML beside the JSON API. It is a second transport over the same
// services as package api — it parses a form, makes one service call and
// renders — and holds no SQL and no rule. Pages are html/template views on
// one layout; htmx (vendored, embedded) swaps fragments in place. Texts come
// from package catalog, Chinese first, so the browser and the API say the
// same thing.
//
// Security: sessions are the API's tokens, carried in an HttpOnly,
// SameSite=Lax cookie; every unsafe request from another origin is refused
// (net/http.CrossOriginProtection); the Content-Security-Policy allows no
// inline script and no eval; every route states the roles that may open it,
// as the API's routes do.
package web

import (
	"context"
	"net/http"
	"time"

	"golang.org/x/text/language"

	"github.com/tide-crm/tide/account"
	"github.com/tide-crm/tide/application"
	"github.com/tide-crm/tide/applications"
	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/customers"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/referrals"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
)

// Accounts signs people in and out; account.Service implements it.
type Accounts interface {
	Login(ctx context.Context, username, password, addr string) (account.Session, error)
	Authenticate(ctx context.Context, token string) (people.User, error)
	Logout(ctx context.Context, token string) error
	UpdateProfile(ctx context.Context, userID int64, in account.ProfileInput) (people.User, error)
	Notifications(ctx context.Context, userID int64, unreadOnly bool) ([]people.Notification, error)
	MarkRead(ctx context.Context, userID, id int64) error
	Reps(ctx context.Context, assistant people.User) ([]people.UserRef, error)
	ChangePassword(ctx context.Context, u people.User, token, current, next string) error
	ListUsers(ctx context.Context) ([]people.User, error)
	User(ctx context.Context, username string) (people.User, error)
	CreateUser(ctx context.Context, actor *int64, in account.NewUser) (people.User, error)
	SetRole(ctx context.Context, actor *int64, username, role string) (people.User, error)
	SetDisabled(ctx context.Context, actor *int64, username string, disabled bool) (people.User, error)
	ResetPassword(ctx context.Context, actor *int64, username, password string) error
	SetAssistantReps(ctx context.Context, actor *int64, username string, repIDs []int64) error
	ServedReps(ctx context.Context, assistantID int64) ([]people.UserRef, error)
	UserByID(ctx context.Context, id int64) (people.User, error)
}

// Referrals hands a collided lead to its owner; referrals.Service
// implements it.
type Referrals interface {
	Refer(ctx context.Context, actor people.User, id int64, note string, lead referrals.Lead) (collision.Referral, error)
}

// Seas is the seas' service: the collision search, entries and the lists;
// sea.Service implements it.
type Seas interface {
	Search(ctx context.Context, q sea.Query) (sea.Result, error)
	Enter(ctx context.Context, actor people.User, e intake.Entry) (resource.Resource, error)
	List(ctx context.Context, actor people.User, f resource.ListFilter) ([]resource.Resource, error)
	Pick(ctx context.Context, actor people.User, id int64) (resource.Resource, error)
	PickPreview(ctx context.Context, actor people.User, id int64) (resource.Resource, rules.Decision[time.Time], error)
	Room(ctx context.Context, rep people.User) (sea.Room, error)
	Release(ctx context.Context, actor people.User, id int64, reason string) (resource.Resource, error)
	Sign(ctx context.Context, actor people.User, id int64) (resource.Resource, error)
	EditIdentity(ctx context.Context, actor people.User, id int64, e sea.IdentityEdit) (resource.Resource, error)
	ConfirmKind(ctx context.Context, actor people.User, id int64, kind string) (resource.Resource, error)
}

// Customers is the 360 and its contact notes; customers.Service
// implements it.
type Customers interface {
	Customer360(ctx context.Context, actor people.User, id int64) (customers.Customer360, error)
	AddNote(ctx context.Context, actor people.User, resourceID int64, n customers.NoteRequest) (resource.Note, error)
	AddContact(ctx context.Context, actor people.User, resourceID int64, c intake.EntryContact) (int64, resource.Resource, error)
	EditContact(ctx context.Context, actor people.User, resourceID, contactID int64, e customers.ContactEdit) (resource.Resource, error)
	RemoveContact(ctx context.Context, actor people.User, resourceID, contactID int64) error
	EditNote(ctx context.Context, actor people.User, resourceID, noteID int64, n customers.NoteRequest) (resource.Note, error)
}

// Applications files and lists applications; applications.Service
// implements it.
type Applications interface {
	Apply(ctx context.Context, actor people.User, in applications.Input) (application.Application, error)
	Mine(ctx context.Context, actor people.User, f application.Filter) ([]application.Application, error)
	Steps(ctx context.Context, actor people.User, apps []application.Application) (map[int64][]application.Event, error)
	Tasks(ctx context.Context, f application.Filter) ([]application.Application, error)
	Get(ctx context.Context, actor people.User, id int64) (application.Application, []application.Event, error)
	Approve(ctx context.Context, actor people.User, id int64, ap applications.Approval) (application.Application, error)
	Reject(ctx context.Context, actor people.User, id int64, reason string) (application.Application, error)
}

// Deps are the services the console calls.
type Deps struct {
	Accounts     Accounts
	Seas         Seas
	Referrals    Referrals
	Customers    Customers
	Applications Applications
	Rules        Rules
	Calendar     Calendar
	Audit        Audit
	Imports      Imports
	Duplicates   Duplicates
}

// Duplicates is sales support's review of possible duplicates (疑似撞单);
// sea.Service implements it.
type Duplicates interface {
	Reviews(ctx context.Context, actor people.User, f store.ReviewFilter) ([]likeness.Review, error)
	DecideDifferent(ctx context.Context, actor people.User, id int64) (likeness.Review, error)
	DecideSame(ctx context.Context, actor people.User, id int64) (likeness.Review, error)
}

// route is one screen or action: who may call it and what handles it.
type route struct {
	pattern string   // a ServeMux pattern: method and path
	roles   []string // nil: anyone, signed in or not
	handle  func(w http.ResponseWriter, r *http.Request, s *session)
}

// everyone is every role: any signed-in user; reps are those who hold a
// private sea, as the API's entry and "mine" list allow.
var (
	everyone  = people.Roles
	reps      = []string{people.RoleRep}
	referrers = []string{people.RoleRep, people.RoleAssistant}
	admins    = []string{people.RoleAdmin}
	support   = []string{people.RoleSupport, people.RoleAdmin}
	editors   = []string{people.RoleRep, people.RoleSupport, people.RoleAdmin}
)

// New returns the console's handler. It serves every path the API does not.
func New(d Deps) http.Handler {
	c := &console{d: d, views: mustParseViews()}
	mux := http.NewServeMux()
	mux.Handle("GET /static/", assetHandler())
	for _, rt := range c.routes() {
		mux.Handle(rt.pattern, c.guard(rt))
	}
	protect := http.NewCrossOriginProtection()
	return secureHeaders(protect.Handler(mux))
}

// console holds what the handlers share.
type console struct {
	d     Deps
	views map[language.Tag]map[string]*view // by language, then by name
}

// Route is a console route as the outside sees it: its ServeMux pattern
// and the roles that may call it (nil: anyone, signed in or not).
type Route struct {
	Pattern string
	Roles   []string
}

// Routes lists every console route with its roles, for the tests that walk
// them all.
func Routes() []Route {
	var out []Route
	for _, rt := range (&console{}).routes() {
		out = append(out, Route{Pattern: rt.pattern, Roles: rt.roles})
	}
	return out
}

func (c *console) routes() []route {
	return []route{
		{"GET /{$}", everyone, c.home},
		{"GET /login", nil, c.loginForm},
		{"POST /login", nil, c.login},
		{"POST /logout", nil, c.logout},
		{"GET /lang/{tag}", nil, c.switchLanguage},
		{"GET /search", everyone, c.search},
		{"GET /me/confirm", everyone, c.profileForm},
		{"POST /me/confirm", everyone, c.confirmProfile},
		{"GET /me/password", everyone, c.passwordForm},
		{"POST /me/password", everyone, c.changePassword},
		{"GET /enter", reps, c.enterForm},
		{"POST /enter", reps, c.enter},
		{"POST /enter/apply", reps, c.enterApply},
		{"GET /enter/check", reps, c.check},
		{"GET /mine", reps, c.mine},
		{"GET /mine/export.xlsx", reps, c.exportList(true)},
		{"POST /mine/release", reps, c.release},
		{"POST /mine/{id}/sign", reps, c.sign},
		{"POST /mine/{id}/confirm-kind", reps, c.confirmKind},
		{"GET /public", everyone, c.public},
		{"GET /public/export.xlsx", everyone, c.exportList(false)},
		{"GET /public/{id}/pick", reps, c.pickForm},
		{"POST /public/{id}/pick", reps, c.pick},
		{"GET /public/{id}/apply", referrers, c.applyForm},
		{"POST /public/{id}/apply", referrers, c.apply},
		{"GET /applications", referrers, c.myApplications},
		{"GET /refer/{id}", referrers, c.referForm},
		{"POST /refer/{id}", referrers, c.refer},
		{"GET /resources/{id}", everyone, c.customer},
		{"POST /resources/{id}/notes", editors, c.addNote},
		{"POST /resources/{id}/notes/{nid}", editors, c.editNote},
		{"POST /resources/{id}/contacts", editors, c.addContact},
		{"POST /resources/{id}/contacts/{cid}", editors, c.editContact},
		{"POST /resources/{id}/contacts/{cid}/remove", editors, c.removeContact},
		{"POST /resources/{id}/identity", editors, c.editIdentity},
		{"GET /tasks", support, c.tasks},
		{"GET /tasks/{id}", support, c.task},
		{"GET /tasks/{id}/assign-check", support, c.assignCheck},
		{"POST /tasks/{id}/approve", support, c.approve},
		{"POST /tasks/{id}/reject", support, c.reject},
		{"GET /duplicates", support, c.duplicates},
		{"POST /duplicates/{id}/different", support, c.decide(Duplicates.DecideDifferent, "different")},
		{"POST /duplicates/{id}/same", support, c.decide(Duplicates.DecideSame, "same")},
		{"GET /calendar", everyone, c.calendar},
		{"POST /calendar/days", admins, c.setDay},
		{"GET /admin/rules", admins, c.rulesList},
		{"GET /admin/rules/{name}", admins, c.rule},
		{"POST /admin/rules/{name}/versions", admins, c.createVersion},
		{"POST /admin/rules/{name}/versions/{version}/test", admins, c.testVersion},
		{"POST /admin/rules/{name}/versions/{version}/activate", admins, c.activateVersion},
		{"GET /admin/audit", admins, c.audit},
		{"GET /admin/users", admins, c.users},
		{"POST /admin/users", admins, c.createUser},
		{"GET /admin/users/{username}", admins, c.user},
		{"POST /admin/users/{username}/role", admins, c.setRole},
		{"POST /admin/users/{username}/disabled", admins, c.setDisabled},
		{"POST /admin/users/{username}/password", admins, c.resetPassword},
		{"POST /admin/users/{username}/reps", admins, c.setReps},
		{"GET /imports", editors, c.importsPage},
		{"POST /imports", editors, c.upload},
		{"GET /imports/template.xlsx", editors, c.importTemplate("xlsx")},
		{"GET /imports/template.csv", editors, c.importTemplate("csv")},
		{"GET /imports/{id}", editors, c.importPage},
		{"GET /imports/{id}/progress", editors, c.importProgress},
		{"GET /imports/{id}/report.xlsx", editors, c.importReport},
		{"POST /imports/{id}/commit", editors, c.commitImport},
		{"POST /imports/{id}/cancel", editors, c.cancelImport},
		{"GET /notifications", everyone, c.notifications},
		{"GET /notifications/badge", everyone, c.badge},
		{"POST /notifications/{id}/read", everyone, c.readNotification},
	}
}

// secureHeaders sets what every answer carries: no inline script, no eval,
// no framing, no sniffing, no referrer.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}
