package sea

import (
	"cmp"
	"context"
	"log/slog"
	"slices"

	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/store"
)

// Maybe is a possible duplicate (疑似撞单): a stored resource whose company
// key differs from the one searched, or entered, but which likeness.score
// rates at or above likeness.threshold. It shows what a collision hit
// shows, with the score and the reasons.
type Maybe struct {
	ResourceID int64
	Name       string
	Sea        string
	Owner      *people.UserRef
	Score      int
	Reasons    []likeness.Reason
	Rule       string // the rule version that scored it: "likeness.score@3"
}

// Places a pair is met, for likeness.threshold.
const (
	MetInSearch  = "search"
	MetOnEntry   = "entry"
	MetOnEdit    = "identity_edit"
	MetOnContact = "contact"
)

// maybeCandidates bounds the stored resources one likeness search scores:
// a name whose keys many resources share (a common trade name in a busy
// city) is scored against the first this many.
const maybeCandidates = 200

// likely finds the possible duplicates of p among the stored resources but
// those in except, strongest first (then oldest).
func (s *Service) likely(ctx context.Context, p likeness.Profile, except []int64, met string) ([]Maybe, error) {
	probes := likeness.Probes(p)
	if len(probes) == 0 {
		return nil, nil
	}
	cands, holders, err := s.Store.LikenessMeet(ctx, probes, likeness.HolderKeys(p), except, maybeCandidates)
	if err != nil || len(cands) == 0 {
		return nil, err
	}
	return s.score(p, cands, holders, met)
}

// score weighs each candidate against p by the active rules and keeps
// those at or above the threshold, strongest first (then oldest).
func (s *Service) score(p likeness.Profile, cands []store.LikenessCandidate, holders map[likeness.Key]map[string]int, met string) ([]Maybe, error) {
	count := func(k likeness.Key, prefecture string) int { return holders[k][prefecture] }
	th, err := s.Rules.LikenessThreshold(rules.LikenessThresholdEnv{Action: met})
	if err != nil {
		return nil, err
	}
	var out []Maybe
	for _, c := range cands {
		pair := likeness.Compare(p, c.Profile, count)
		d, err := s.Rules.LikenessScore(pair.Env)
		if err != nil {
			return nil, err
		}
		if d.Value >= th.Value {
			out = append(out, Maybe{ResourceID: c.Profile.ID, Name: c.Profile.Name, Sea: c.Sea, Owner: c.Owner,
				Score: d.Value, Reasons: pair.Reasons, Rule: d.Rule + "@" + d.Version})
		}
	}
	slices.SortFunc(out, func(a, b Maybe) int { return cmp.Or(b.Score-a.Score, cmp.Compare(a.ResourceID, b.ResourceID)) })
	return out, nil
}

// entryCheck is the likeness check an entry runs in its transaction: the
// possible duplicates of what it enters are raised with it.
func (s *Service) entryCheck() *store.LikenessCheck {
	return &store.LikenessCheck{Action: MetOnEntry,
		Score: func(p likeness.Profile, cands []store.LikenessCandidate, holders map[likeness.Key]map[string]int) ([]store.Likely, error) {
			ms, err := s.score(p, cands, holders, MetOnEntry)
			return likelyOf(ms), err
		}}
}

func likelyOf(ms []Maybe) []store.Likely {
	out := make([]store.Likely, 0, len(ms))
	for _, m := range ms {
		out = append(out, store.Likely{ResourceID: m.ResourceID, Score: m.Score, Reasons: m.Reasons, Rule: m.Rule})
	}
	return out
}

// Raise raises to sales support the possible duplicates resource id meets
// now that an edit of it, or of its contacts, committed (疑似撞单; an entry raises its own in its
// transaction, entryCheck). The edit stands whatever happens here: a
// failure is logged, and the pair still shows in a search; a process that
// dies between the commit and this raises nothing.
func (s *Service) Raise(ctx context.Context, actor people.User, id int64, met string) {
	err := func() error {
		p, err := s.Store.LikenessProfile(ctx, id)
		if err != nil {
			return err
		}
		ms, err := s.likely(ctx, p, []int64{id}, met)
		if err != nil || len(ms) == 0 {
			return err
		}
		return s.Store.RaiseLikely(ctx, id, actor.ID, met, likelyOf(ms))
	}()
	if err != nil {
		slog.Warn("possible duplicates not raised", "resource", id, "action", met, "err", err)
	}
}
