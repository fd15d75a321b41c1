package likeness

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestCorpus holds the shipped scoring to the bar on the labelled
// corpus: precision at least 0.9 at recall at least 0.8, at the shipped
// threshold. It logs the figures docs/LIKENESS.md records.
func TestCorpus(t *testing.T) {
	if rs := []rune(tradeChars); len(slices.Compact(slices.Sorted(slices.Values(rs)))) != len(rs) {
		t.Fatal("tradeChars repeats a character, which would draw it more often than the make-up says")
	}
	s := defaultScorer(t)
	for seed := uint64(2); seed <= 3; seed++ { // two more draws of the same make-up
		c := newCorpus(seed)
		c.build(5000, 600)
		o := c.run(t, s)
		tp, fp, _ := o.at(s.threshold)
		t.Logf("seed %d: %s", seed, o.line(s.threshold))
		if p, r := ratio(tp, tp+fp), ratio(tp, o.positive); p < 0.9 || r < 0.8 {
			t.Errorf("seed %d at threshold %d: precision %.3f, recall %.3f; want ≥ 0.9 and ≥ 0.8", seed, s.threshold, p, r)
		}
	}
	c := newCorpus(1)
	c.build(5000, 600)
	o := c.run(t, s)
	tp, fp, found := o.at(s.threshold)
	precision, recall := ratio(tp, tp+fp), ratio(tp, o.positive)

	kinds := map[string]int{}
	for _, r := range c.records {
		kinds[r.kind]++
	}
	t.Logf("corpus: %d records, %d of them companies entered again %v; %d pairs of one company; %d candidate pairs",
		len(c.records), len(c.records)-kinds["base"], kinds, o.positive, len(o.scored))
	for th := 30; th <= 90; th += 5 {
		t.Log(o.line(th))
	}
	for _, k := range dupKinds {
		t.Logf("recall of %-18s %d of %d (%.2f)", k.name, found[k.name], o.byKind[k.name], ratio(found[k.name], o.byKind[k.name]))
	}
	var wrong []scoredPair
	for _, p := range o.scored {
		if p.score >= s.threshold && !p.same {
			wrong = append(wrong, p)
		}
	}
	byWhy := map[string][2]int{} // flagged pairs by what they had in common: of one company, not
	for _, p := range o.scored {
		if p.score >= s.threshold {
			var codes []string
			for _, r := range p.why {
				codes = append(codes, r.Code)
			}
			w := byWhy[strings.Join(codes, "+")]
			if p.same {
				w[0]++
			} else {
				w[1]++
			}
			byWhy[strings.Join(codes, "+")] = w
		}
	}
	for _, k := range slices.Sorted(maps.Keys(byWhy)) {
		t.Logf("flagged for %s: %d of one company, %d not", k, byWhy[k][0], byWhy[k][1])
	}
	slices.SortFunc(wrong, func(a, b scoredPair) int { return b.score - a.score })
	for _, p := range wrong[:min(8, len(wrong))] {
		t.Logf("flagged, not one company: %d %s / %s %v", p.score, p.a, p.b, p.why)
	}

	if precision < 0.9 || recall < 0.8 {
		t.Errorf("at threshold %d: precision %.3f, recall %.3f; want ≥ 0.9 and ≥ 0.8", s.threshold, precision, recall)
	}
	if len(o.scored) < 2*o.positive {
		t.Errorf("only %d candidate pairs for %d pairs of one company: the corpus has too few look-alikes to test precision", len(o.scored), o.positive)
	}
}
