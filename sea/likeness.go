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
	MetOnImport  = "import"
)

// Bounds of one likeness search: the index entries it reads (a name whose
// keys many resources share — a common trade name — is weighed against the
// holders of the first this many, by id), and the resources it then reads
// and scores whole, strongest first.
const (
	maybeRows       = 5000
	maybeCandidates = 200
)

// likely finds the possible duplicates of p among the stored resources but
// those in except, strongest first (then oldest). It weighs what the index
// says of each resource met, and reads only those that reach the
// threshold: one round trip when none does.
func (s *Service) likely(ctx context.Context, p likeness.Profile, except []int64, met string) ([]Maybe, error) {
	probes := likeness.Probes(p)
	if len(probes) == 0 {
		return nil, nil
	}
	sketches, holders, err := s.Store.LikenessMeet(ctx, probes, except, maybeRows)
	if err != nil {
		return nil, err
	}
	return s.maybeOf(ctx, p, sketches, holders, met)
}

// maybeOf weighs the sketches p met, reads the resources worth it (none,
// no round trip) and scores them: p's possible duplicates, strongest
// first (then oldest).
func (s *Service) maybeOf(ctx context.Context, p likeness.Profile, sketches []likeness.Sketch, holders map[likeness.Key]map[string]int, met string) ([]Maybe, error) {
	if len(sketches) == 0 {
		return nil, nil
	}
	ids, err := s.worth(p, sketches, holders, met)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	cands, err := s.Store.LikenessCandidates(ctx, ids)
	if err != nil {
		return nil, err
	}
	return s.score(p, cands, holders, met)
}

// worth picks the sketched resources worth reading: those likeness.Weigh
// scores at or above the threshold by the active rules, and those whose
// sketch says too little; strongest first, at most maybeCandidates. A
// score is computed once per distinct environment (sketches repeat them).
func (s *Service) worth(p likeness.Profile, sketches []likeness.Sketch, holders map[likeness.Key]map[string]int, met string) ([]int64, error) {
	count := func(k likeness.Key, prefecture string) int { return holders[k][prefecture] }
	th, err := s.Rules.LikenessThreshold(rules.LikenessThresholdEnv{Action: met})
	if err != nil {
		return nil, err
	}
	type weighed struct {
		id    int64
		score int
	}
	var keep []weighed
	scores := map[rules.LikenessEnv]int{}
	for _, sk := range sketches {
		env, ok := likeness.Weigh(p, sk, count)
		if !ok {
			keep = append(keep, weighed{sk.ID, 101}) // unknown: read it
			continue
		}
		v, seen := scores[env]
		if !seen {
			d, err := s.Rules.LikenessScore(env)
			if err != nil {
				return nil, err
			}
			v, scores[env] = d.Value, d.Value
		}
		if v >= th.Value {
			keep = append(keep, weighed{sk.ID, v})
		}
	}
	slices.SortStableFunc(keep, func(a, b weighed) int { return b.score - a.score })
	ids := make([]int64, 0, min(len(keep), maybeCandidates))
	for _, w := range keep[:min(len(keep), maybeCandidates)] {
		ids = append(ids, w.id)
	}
	return ids, nil
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
		Worth: func(p likeness.Profile, sketches []likeness.Sketch, holders map[likeness.Key]map[string]int) ([]int64, error) {
			return s.worth(p, sketches, holders, MetOnEntry)
		},
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

// Raise raises to sales support the possible duplicates of resources ids
// now that what changed them committed — an edit of one, or of its
// contacts, or the rows of a public import (疑似撞单; an entry raises its
// own in its transaction, entryCheck). The change stands whatever happens
// here: a failure is logged, and the pair still shows in a search; a
// process that dies between the commit and this raises nothing. The
// profiles are read in one round trip, then each resource is searched as
// an entry is (one more, and one to read the candidates worth it).
func (s *Service) Raise(ctx context.Context, actor people.User, met string, ids ...int64) {
	ps, err := s.Store.LikenessProfiles(ctx, ids)
	if err != nil {
		slog.Warn("possible duplicates not raised", "resources", len(ids), "action", met, "err", err)
		return
	}
	for _, p := range ps {
		ms, err := s.likely(ctx, p, []int64{p.ID}, met)
		if err == nil && len(ms) > 0 {
			err = s.Store.RaiseLikely(ctx, p.ID, actor.ID, met, likelyOf(ms))
		}
		if err != nil {
			slog.Warn("possible duplicates not raised", "resource", p.ID, "action", met, "err", err)
		}
	}
}
