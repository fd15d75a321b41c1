package account

import (
	"context"

	"github.com/tide-crm/tide/people"
)

// Notifications lists what the user has been told, newest first; only
// those not yet read when unreadOnly.
func (s *Service) Notifications(ctx context.Context, userID int64, unreadOnly bool) ([]people.Notification, error) {
	return s.Store.Notifications(ctx, userID, unreadOnly)
}

// MarkRead marks one of the user's notifications read.
func (s *Service) MarkRead(ctx context.Context, userID, id int64) error {
	return s.Store.MarkRead(ctx, userID, id)
}
