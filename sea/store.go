package sea

import (
	"context"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/store"
)

// Store is what the seas read and write; package store implements it, each
// move in one transaction with its keys, its checks and its history.
type Store interface {
	CollisionRecorder
	GetResource(ctx context.Context, id int64) (resource.Resource, error)
	ListResources(ctx context.Context, f resource.ListFilter) ([]resource.Resource, error)
	History(ctx context.Context, id int64) ([]resource.HistoryEntry, error)
	ResourceIDByNumber(ctx context.Context, normalized string) (int64, error)
	FindHits(ctx context.Context, keys []collision.Key) ([]collision.Hit, error)
	LikenessMeet(ctx context.Context, probes []likeness.Key, except []int64, limit int) ([]likeness.Sketch, map[likeness.Key]map[string]int, error)
	FindHitsAndMeet(ctx context.Context, keys []collision.Key, probes []likeness.Key, limit int) ([]collision.Hit, []likeness.Sketch, map[likeness.Key]map[string]int, error)
	LikenessCandidates(ctx context.Context, ids []int64) ([]store.LikenessCandidate, error)
	LikenessProfiles(ctx context.Context, ids []int64) ([]likeness.Profile, error)
	RaiseLikely(ctx context.Context, id, actorID int64, action string, likely []store.Likely) error
	Reviews(ctx context.Context, f store.ReviewFilter) ([]likeness.Review, error)
	Review(ctx context.Context, id int64) (likeness.Review, error)
	DecideDifferent(ctx context.Context, id, actorID int64) error
	DecideSame(ctx context.Context, d store.SameCompany) (resource.Resource, error)
	EnterResource(ctx context.Context, nr store.NewResource, within store.Within) (resource.Resource, error)
	EnterPublicRows(ctx context.Context, rows []store.NewResource) ([]int64, []error, error)
	Pick(ctx context.Context, p store.PickRequest, within store.Within) (resource.Resource, error)
	UpdateIdentity(ctx context.Context, id, actorID int64, in resource.Identity, may func(resource.Resource) error) (resource.Resource, error)
	ConfirmKind(ctx context.Context, id int64, kind string, actor int64, may func(resource.Resource) error, within store.Within) (kept, closed resource.Resource, err error)
	ProtectedResources(ctx context.Context) ([]resource.Protected, error)
	HeldCounts(ctx context.Context) (map[int64]int, []people.User, error)
	UserByID(ctx context.Context, id int64) (people.User, error)
	RecordDecision(ctx context.Context, d rules.Record) error
}
