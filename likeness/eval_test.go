package likeness

import (
	"fmt"
	"slices"
	"testing"

	"github.com/tide-crm/tide/rules"
)

// scorer is the shipped likeness.score and likeness.threshold.
type scorer struct {
	score     *rules.Program
	threshold int
}

func defaultScorer(t testing.TB) scorer {
	t.Helper()
	p, err := rules.Compile("likeness.score", rules.DefaultLikenessScore, nil)
	if err != nil {
		t.Fatal(err)
	}
	th, err := rules.Compile("likeness.threshold", rules.DefaultLikenessThreshold, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := rules.Decide[int](th, rules.LikenessThresholdEnv{Action: "entry"})
	if err != nil {
		t.Fatal(err)
	}
	return scorer{score: p, threshold: d.Value}
}

func (s scorer) of(t testing.TB, p Pair) int {
	d, err := rules.Decide[int](s.score, p.Env)
	if err != nil {
		t.Fatal(err)
	}
	return d.Value
}

// outcome is what the corpus's pairs scored: for every candidate pair its
// score and whether it is one company; and for every pair of one company,
// whether it was a candidate at all.
type outcome struct {
	scored   []scoredPair
	positive int            // pairs of one company, candidates or not
	byKind   map[string]int // pairs of one company per kind of the later record
}

type scoredPair struct {
	score int
	same  bool
	kind  string // the kind of the later record
	why   []Reason
	a, b  string
	// weighed is whether Weigh gave Compare's own environment from the
	// stored record's sketch.
	weighed bool
}

// run enters the records in order: each is searched (its probes) against
// those before it, as an entry is, and then stored (its keys).
func (c *corpus) run(t testing.TB, s scorer) outcome {
	o := outcome{byKind: map[string]int{}}
	index := map[Key][]int{}
	holders := map[Key]map[string]int{}
	count := func(k Key, city string) int { return holders[k][city] }
	for i, r := range c.records {
		var cands []int
		for _, k := range Probes(r.p) {
			cands = append(cands, index[k]...)
		}
		slices.Sort(cands)
		for _, j := range slices.Compact(cands) {
			o2 := c.records[j]
			pair := Compare(r.p, o2.p, count)
			env, ok := Weigh(r.p, SketchOf(r.p, o2.p), count)
			o.scored = append(o.scored, scoredPair{score: s.of(t, pair), same: r.company == o2.company,
				kind: r.kind, why: pair.Reasons, a: r.name, b: o2.name, weighed: ok && env == pair.Env})
		}
		for j := range i {
			if c.records[j].company == r.company {
				o.positive++
				o.byKind[r.kind]++
			}
		}
		for _, k := range Keys(r.p) {
			index[k] = append(index[k], i)
		}
		for _, k := range Keys(r.p) {
			if k.Kind == KindTrade || k.Kind == KindPinyin {
				if holders[k] == nil {
					holders[k] = map[string]int{}
				}
				holders[k][r.p.Prefecture]++
			}
		}
	}
	return o
}

// at counts the pairs flagged at a threshold: true and false positives,
// and the true ones per kind.
func (o outcome) at(threshold int) (tp, fp int, found map[string]int) {
	found = map[string]int{}
	for _, p := range o.scored {
		if p.score < threshold {
			continue
		}
		if p.same {
			tp++
			found[p.kind]++
		} else {
			fp++
		}
	}
	return tp, fp, found
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (o outcome) line(threshold int) string {
	tp, fp, _ := o.at(threshold)
	return fmt.Sprintf("threshold %3d: flagged %4d, of them the same company %4d: precision %.3f, recall %.3f",
		threshold, tp+fp, tp, ratio(tp, tp+fp), ratio(tp, o.positive))
}
