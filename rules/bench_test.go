package rules

import "testing"

var (
	benchCapacity = CapacityEnv{Rep: Rep{ID: 7, Role: "rep"}, Counts: Counts{Private: 120}}
	benchPick     = PickEnv{
		Rep:        Rep{ID: 7},
		Resource:   Resource{ReleasedAt: now.AddDate(0, 0, -40), ReleasedBy: 7}, // every test runs
		PicksToday: 3,
		Now:        now,
	}
	sink any
)

// BenchmarkEval is rule evaluation with a cached program (the defaults).
func BenchmarkEval(b *testing.B) {
	c := NewCache(newFakeCalendar())
	for _, bc := range []struct {
		rule, expression string
		env              any
	}{
		{"capacity.limit", DefaultCapacityLimit, benchCapacity},
		{"pick.allowed", DefaultPickAllowed, benchPick},
	} {
		b.Run(bc.rule, func(b *testing.B) {
			p, err := c.Get(bc.rule, 1, bc.expression)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if sink, err = p.Eval(bc.env); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkEvalGoEquivalent is the same decisions written in Go, the
// baseline for BenchmarkEval.
func BenchmarkEvalGoEquivalent(b *testing.B) {
	b.Run("capacity.limit", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink = capacityGo(benchCapacity)
		}
	})
	b.Run("pick.allowed", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink = pickGo(benchPick)
		}
	})
}

//go:noinline
func capacityGo(CapacityEnv) int { return 300 }

//go:noinline
func pickGo(e PickEnv) Allowed {
	switch {
	case e.PicksToday >= 20:
		return Allowed{Reason: "at most 20 picks a day"}
	case e.Resource.ReleasedBy == e.Rep.ID && daysBetween(e.Resource.ReleasedAt, e.Now) < 30:
		return Allowed{Reason: "you released it less than 30 days ago"}
	}
	return Allowed{OK: true}
}
