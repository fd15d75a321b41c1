package store_test

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/namekey"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/ruleset"
	"github.com/tide-crm/tide/sea"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/benchdata"
)

// BenchmarkKeyLikeness measures the backfill of the likeness index (what
// every process runs at its start after the upgrade that brings it, or a
// new likeness.KeysVersion) over the -bench.resources database: all keys
// dropped, then KeyLikeness in batches of 500. It reports resources/s.
func BenchmarkKeyLikeness(b *testing.B) {
	ctx := context.Background()
	_, s, pool := openBench(b, *benchResources)
	for b.Loop() {
		b.StopTimer()
		if _, err := pool.Exec(ctx, `TRUNCATE likeness_keys; UPDATE resources SET likeness_keyed = 0`); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		n, err := s.KeyLikeness(ctx, 500)
		if err != nil || n != *benchResources {
			b.Fatalf("keyed %d of %d: %v", n, *benchResources, err)
		}
	}
	b.ReportMetric(float64(*benchResources)*float64(b.N)/b.Elapsed().Seconds(), "resources/s")
}

// BenchmarkLikenessSearch measures the collision search by name with and
// without its possible duplicates (疑似撞单) over the -bench.resources
// database, keyed first if it is not: near misses made from sampled
// resources (the same city and trade name, another industry word), through
// sea.Service.Search as the API calls it. "exact" is FindHits alone on the
// near miss's company key (held by nobody), "exact_parsed" the same with
// the name parsed into its key first (what the collision search without
// its possible duplicates costs), "with_maybe" the whole search:
// the same lookup, then the index entries the near miss's probes meet and
// their holders, weighed by the rules, and the resources worth reading
// read and scored; "with_maybe_found" the same with the sampled
// resource's first contact, so that it reaches the threshold and is read.
// Each reports p50 and p99 in µs. A database keyed here
// is vacuumed after, as autovacuum would.
func BenchmarkLikenessSearch(b *testing.B) {
	ctx := context.Background()
	n := *benchResources
	_, s, pool := openBench(b, n)
	if n, err := s.KeyLikeness(ctx, 500); err != nil {
		b.Fatal(err)
	} else if n > 0 { // what autovacuum does after a backfill: the index-only scans need the visibility map
		if _, err := pool.Exec(ctx, `VACUUM ANALYZE likeness_keys`); err != nil {
			b.Fatal(err)
		}
	}
	rs, err := ruleset.Open(ctx, s)
	if err != nil {
		b.Fatal(err)
	}
	svc := &sea.Service{Store: s, Rules: rs}

	rng := rand.New(rand.NewPCG(benchdata.Seed, 3))
	ids := make([]int64, 2000)
	for i := range ids {
		ids[i] = 1 + rng.Int64N(int64(n))
	}
	rows, err := pool.Query(ctx, `SELECT r.name, r.region, r.trade_name, r.industry,
			coalesce((SELECT c.name FROM contacts c WHERE c.resource_id = r.id ORDER BY c.id LIMIT 1), '')
		FROM resources r WHERE r.id = ANY($1) AND r.trade_name <> ''`, ids)
	if err != nil {
		b.Fatal(err)
	}
	var names, people []string
	var name, region, trade, industry, person string
	if _, err := pgx.ForEachRow(rows, []any{&name, &region, &trade, &industry, &person}, func() error {
		other := "物流"
		if industry == other {
			other = "餐饮"
		}
		names, people = append(names, region+trade+other+"有限公司"), append(people, person)
		return nil
	}); err != nil || len(names) == 0 {
		b.Fatalf("sampling names: %d %v", len(names), err)
	}
	keys := make([][]collision.Key, len(names))
	for i, nm := range names {
		keys[i] = []collision.Key{{Type: collision.KeyCompany, Value: namekey.Key(nm)}}
	}

	checkWeighing(b, s, rs, svc, names[:min(200, len(names))], people)
	benchSelect1(b, pool)
	b.Run("exact", func(b *testing.B) {
		measure(b, 20, func(i int) error {
			_, err := s.FindHits(ctx, keys[i%len(keys)])
			return err
		})
	})
	b.Run("exact_parsed", func(b *testing.B) {
		measure(b, 20, func(i int) error {
			_, err := s.FindHits(ctx, []collision.Key{{Type: collision.KeyCompany, Value: namekey.Key(names[i%len(names)])}})
			return err
		})
	})
	var maybes, searches int
	b.Run("with_maybe", func(b *testing.B) {
		measure(b, 20, func(i int) error {
			res, err := svc.Search(ctx, sea.Query{Name: names[i%len(names)]})
			maybes, searches = maybes+len(res.Maybe), searches+1
			return err
		})
		b.ReportMetric(float64(maybes)/float64(searches), "maybe/search")
	})
	// The same near misses with the sampled resource's first contact: the
	// one that is the same company now reaches the threshold, and is read.
	maybes, searches = 0, 0
	b.Run("with_maybe_found", func(b *testing.B) {
		measure(b, 20, func(i int) error {
			q := sea.Query{Name: names[i%len(names)], Contacts: []intake.EntryContact{{Name: people[i%len(names)]}}}
			res, err := svc.Search(ctx, q)
			maybes, searches = maybes+len(res.Maybe), searches+1
			return err
		})
		b.ReportMetric(float64(maybes)/float64(searches), "maybe/search")
	})
}

// checkWeighing fails the benchmark unless the search's possible duplicates
// of each near miss (with its contact) are those a search that read every
// resource it met whole would flag: weighing from the index loses none.
func checkWeighing(b *testing.B, s *store.Store, rs *ruleset.Set, svc *sea.Service, names, people []string) {
	ctx := context.Background()
	th, err := rs.LikenessThreshold(rules.LikenessThresholdEnv{Action: sea.MetInSearch})
	if err != nil {
		b.Fatal(err)
	}
	found := 0
	for i, name := range names {
		res, err := svc.Search(ctx, sea.Query{Name: name, Contacts: []intake.EntryContact{{Name: people[i]}}})
		if err != nil {
			b.Fatal(err)
		}
		p := likeness.New(0, name, namekey.Parse(name), "", []string{people[i]}, nil)
		sketches, holders, err := s.LikenessMeet(ctx, likeness.Probes(p), nil, 5000)
		if err != nil {
			b.Fatal(err)
		}
		var ids, want, got []int64
		for _, sk := range sketches {
			if !slices.ContainsFunc(res.Hits, func(h collision.Hit) bool { return h.ResourceID == sk.ID }) { // an exact hit is no maybe
				ids = append(ids, sk.ID)
			}
		}
		cands, err := s.LikenessCandidates(ctx, ids)
		if err != nil {
			b.Fatal(err)
		}
		for _, c := range cands {
			pair := likeness.Compare(p, c.Profile, func(k likeness.Key, pref string) int { return holders[k][pref] })
			if d, err := rs.LikenessScore(pair.Env); err != nil {
				b.Fatal(err)
			} else if d.Value >= th.Value {
				want = append(want, c.Profile.ID)
			}
		}
		for _, m := range res.Maybe {
			got = append(got, m.ResourceID)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			b.Fatalf("%s with %s: the search answers %v, reading every resource met flags %v", name, people[i], got, want)
		}
		found += len(got)
	}
	b.Logf("weighing checked on %d near misses: %d possible duplicates, as reading every resource met finds", len(names), found)
}
