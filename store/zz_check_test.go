package store_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/likeness"
	"github.com/tide-crm/tide/namekey"
	"github.com/tide-crm/tide/ruleset"
	"github.com/tide-crm/tide/rules"
	"github.com/tide-crm/tide/sea"
)

func BenchmarkZZCheck(b *testing.B) {
	ctx := context.Background()
	_, s, pool := openBench(b, *benchResources)
	rs, _ := ruleset.Open(ctx, s)
	svc := &sea.Service{Store: s, Rules: rs}
	rows, _ := pool.Query(ctx, `SELECT r.id, r.name, r.region, r.trade_name, r.industry,
			coalesce((SELECT c.name FROM contacts c WHERE c.resource_id = r.id ORDER BY c.id LIMIT 1), '')
		FROM resources r WHERE r.id % 997 = 0 AND r.trade_name <> '' LIMIT 60`)
	var id int64
	var name, region, trade, industry, person string
	pgx.ForEachRow(rows, []any{&id, &name, &region, &trade, &industry, &person}, func() error {
		q := region + trade + "物流有限公司"
		res, err := svc.Search(ctx, sea.Query{Name: q, Contacts: []intake.EntryContact{{Name: person}}})
		if err != nil {
			b.Fatal(err)
		}
		p := likeness.New(0, q, namekey.Parse(q), region, []string{person}, nil)
		sk, holders, _ := s.LikenessMeet(ctx, likeness.Probes(p), nil, 5000)
		var ids []int64
		for _, x := range sk {
			ids = append(ids, x.ID)
		}
		cands, _ := s.LikenessCandidates(ctx, ids)
		flagged := 0
		for _, c := range cands {
			pair := likeness.Compare(p, c.Profile, func(k likeness.Key, pref string) int { return holders[k][pref] })
			d, _ := rs.LikenessScore(pair.Env)
			if d.Value >= 60 {
				flagged++
			}
			if c.Profile.ID == id {
				th, _ := rs.LikenessThreshold(rules.LikenessThresholdEnv{Action: "search"})
				_ = th
				b.Logf("%d %s person %q: own score %d env %+v", id, q, person, d.Value, pair.Env)
			}
		}
		b.Logf("search %d maybe, full read %d flagged of %d cands", len(res.Maybe), flagged, len(cands))
		return nil
	})
}
