package store_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/rules"
)

// An activation answers the version as it now is: active, with the time it
// became so (the API showed activated_at: null right after activating).
func TestActivateAnswersTheActivatedVersion(t *testing.T) {
	s, ctx := open(t), context.Background()
	admin := user(t, s, "admin", people.RoleAdmin)
	if err := s.EnsureDefaultRule(ctx, "capacity.limit", "300"); err != nil {
		t.Fatal(err)
	}
	v, err := s.CreateRuleVersion(ctx, "capacity.limit", "200", "smaller", json.RawMessage("[]"), admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	before := time.Now().Add(-time.Minute)
	got, err := s.ActivateRuleVersion(ctx, "capacity.limit", v.Version, admin.ID, func(rules.Version) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if got.State != rules.Active || got.ActivatedAt == nil || got.ActivatedAt.Before(before) || got.RetiredAt != nil {
		t.Fatalf("activated version answered as %+v", got)
	}
	stored, err := s.RuleVersion(ctx, "capacity.limit", v.Version)
	if err != nil {
		t.Fatal(err)
	}
	if !stored.ActivatedAt.Equal(*got.ActivatedAt) || stored.State != got.State {
		t.Errorf("answered %v %v, stored %v %v", got.State, got.ActivatedAt, stored.State, stored.ActivatedAt)
	}
}
