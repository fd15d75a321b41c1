package likeness

import "testing"

// TestSketchWeighsAsCompare holds Weigh to its promise over every pair the
// labelled corpus's searches meet: from the stored record's sketch alone
// it gives the environment Compare gives from both profiles, so a search
// that scores sketches and reads only those at the threshold flags exactly
// what reading every candidate would.
func TestSketchWeighsAsCompare(t *testing.T) {
	c := newCorpus(1)
	c.build(5000, 600)
	o := c.run(t, defaultScorer(t))
	for _, p := range o.scored {
		if !p.weighed {
			t.Errorf("%s / %s: Weigh of the sketch differs from Compare", p.a, p.b)
		}
	}
	if len(o.scored) < 1000 {
		t.Fatalf("the corpus's searches met %d pairs; the test needs many", len(o.scored))
	}
}

// TestSketchOfUnindexedKeys: keys stored before they carried the profile's
// fields say nothing; the resource must be read.
func TestSketchOfUnindexedKeys(t *testing.T) {
	a := profile(0, "苏州日东精密电子有限公司", "苏州", nil, nil)
	if _, ok := Weigh(a, Sketch{ID: 7, Met: []Key{{KindTrade, "日东"}}}, func(Key, string) int { return 1 }); ok {
		t.Error("Weigh weighed a sketch that is not Indexed")
	}
}
