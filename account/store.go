package account

import (
	"context"
	"time"

	"github.com/tide-crm/tide/people"
)

// Store keeps users and their sessions; package store implements it.
type Store interface {
	CreateUser(ctx context.Context, nu people.NewUser) (people.User, error)
	CountUsers(ctx context.Context) (int, error)
	ListUsers(ctx context.Context) ([]people.User, error)
	UserByUsername(ctx context.Context, username string) (people.User, error)
	UserNamed(ctx context.Context, username string) (people.User, error)
	UserByID(ctx context.Context, id int64) (people.User, error)
	UserBySession(ctx context.Context, token string) (people.User, time.Time, error)
	UpdateProfile(ctx context.Context, userID int64, p people.Profile) (people.User, error)
	SetPassword(ctx context.Context, userID int64, hash, keep string, mustChange bool, actor *int64) error
	SetRole(ctx context.Context, userID int64, role string, actor *int64) (people.User, error)
	SetAssistantReps(ctx context.Context, assistantID int64, repIDs []int64, actor *int64) error
	AssistantReps(ctx context.Context, assistantID int64) ([]people.UserRef, error)
	SetDisabled(ctx context.Context, userID int64, disabled bool, actor *int64) (people.User, error)
	CreateSession(ctx context.Context, token string, userID int64, expires time.Time) error
	DeleteSession(ctx context.Context, token string) error
	DeleteUserSessions(ctx context.Context, userID int64, keep string) (int64, error)
	Notifications(ctx context.Context, userID int64, unreadOnly bool) ([]people.Notification, error)
	MarkRead(ctx context.Context, userID, id int64) error
}
