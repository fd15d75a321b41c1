// Package people holds who uses tide: users, their roles and personal
// information (R21), and what they are told (notifications). It is part of
// tide's domain: plain data, no I/O, importing nothing of tide.
package people

import "time"

// Roles a user may hold.
const (
	RoleRep       = "rep"
	RoleAssistant = "assistant"
	RoleSupport   = "support"
	RoleAdmin     = "admin"
)

// Roles lists every role, in a stable order.
var Roles = []string{RoleRep, RoleAssistant, RoleSupport, RoleAdmin}

// User is a person who signs in to tide.
type User struct {
	ID             int64
	Username       string
	Name           string
	Role           string
	PasswordHash   string
	Email          *string
	Mobile         *string
	TradeManagerID *string
	ConfirmedAt    *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
	DisabledAt     *time.Time // a disabled user cannot sign in and has no session
	// MustChangePassword: the password was set by an admin (a new user, a
	// reset); its user must choose their own before doing anything else.
	MustChangePassword bool
}

// NewUser is what creating a user needs.
type NewUser struct {
	Username, Name, Role, PasswordHash string
	Actor                              *int64 // who creates the user, for the audit log; nil: the system or the command line
	MustChangePassword                 bool   // an admin chose the password: the user must change it
}

// Profile is the personal information a user keeps and confirms (R21).
type Profile struct {
	Email, Mobile, TradeManagerID *string
	Confirm                       bool // stamp confirmed_at with now
}

// UserRef names a user without anything private about them.
type UserRef struct {
	ID   int64
	Name string
}

// Notification kinds.
const (
	NotifyReminder    = "expiry_reminder"
	NotifyExpired     = "expired"
	NotifyReferral    = "referral"
	NotifyApplication = "application"
	NotifyCollision   = "collision"
)

// Notification tells a user what happened to their resources.
type Notification struct {
	ID        int64
	Kind      string
	Subject   string // e.g. resource/7
	Body      string
	CreatedAt time.Time
	ReadAt    *time.Time
}
