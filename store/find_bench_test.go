package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tide-crm/tide/intake"
	"github.com/tide-crm/tide/resource"
	"github.com/tide-crm/tide/store/benchdata"
)

// findInput is one resource's ways of being found.
type findInput struct {
	id                       int64
	fragment, contact, phone string // a part of the company key, a contact's full name, a landline as typed
	digits                   string // the landline's last seven digits
}

// BenchmarkFind measures GET /resources?q=… as sales support runs it (every
// sea, a page of 50) on the -bench.resources database: a SELECT 1 round
// trip, then each way of matching through the trigram indexes (find_*), and
// the same inputs through the query that read every row (scan_*: strpos on
// the name and key, EXISTS on contacts and numbers), which find replaced.
func BenchmarkFind(b *testing.B) {
	ctx := context.Background()
	n := *benchResources
	_, s, pool := openBench(b, n)
	in := findInputs(b, pool, n)
	benchSelect1(b, pool)
	ways := []struct {
		name string
		q    func(findInput) string
	}{
		{"number", func(f findInput) string { return f.phone }},
		{"digits", func(f findInput) string { return f.digits }},
		{"name", func(f findInput) string { return f.fragment }},
		{"contact", func(f findInput) string { return f.contact }},
	}
	for _, w := range ways {
		b.Run("find_"+w.name, func(b *testing.B) {
			measure(b, 5, func(i int) error {
				f := in[i%len(in)]
				rs, err := s.ListResources(ctx, resource.ListFilter{Find: intake.Find(w.q(f)), Limit: 50})
				return found(rs, f.id, len(rs) < 50, err)
			})
		})
	}
	for _, w := range ways {
		b.Run("scan_"+w.name, func(b *testing.B) {
			measure(b, 1, func(i int) error {
				f := in[i%len(in)]
				q := intake.Find(w.q(f))
				rows, err := pool.Query(ctx, `SELECT id FROM resources r WHERE r.sea <> 'closed' AND (strpos(lower(r.name), lower($1)) > 0
					OR ($2 <> '' AND strpos(r.company_key, $2) > 0)
					OR EXISTS (SELECT 1 FROM contacts c WHERE c.resource_id = r.id AND c.removed_at IS NULL AND strpos(lower(c.name), lower($1)) > 0)
					OR ($3 <> '' AND EXISTS (SELECT 1 FROM resource_numbers rn WHERE rn.resource_id = r.id AND rn.normalized = $3))
					OR ($4 <> '' AND EXISTS (SELECT 1 FROM resource_numbers rn WHERE rn.resource_id = r.id AND strpos(rn.normalized, $4) > 0)))
					ORDER BY r.id DESC LIMIT 50`, q.Text, q.Key, q.Number, q.Digits)
				if err != nil {
					return err
				}
				ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
				if err != nil || len(ids) == 0 {
					return fmt.Errorf("scan for %+v: %d rows, %v", q, len(ids), err)
				}
				return nil
			})
		})
	}
}

// found checks that a complete page holds the resource looked for.
func found(rs []resource.Resource, id int64, complete bool, err error) error {
	if err != nil || !complete {
		return err
	}
	for _, r := range rs {
		if r.ID == id {
			return nil
		}
	}
	return fmt.Errorf("resource %d not among the %d found", id, len(rs))
}

// findInputs draws 2,000 resources with a contact and reads how each can be
// found.
func findInputs(b *testing.B, pool *pgxpool.Pool, n int) []findInput {
	rng := rand.New(rand.NewPCG(benchdata.Seed, 2))
	ids := make([]int64, 2000)
	for i := range ids {
		ids[i] = 1 + rng.Int64N(int64(n))
	}
	rows, err := pool.Query(context.Background(), `SELECT r.id, left(r.company_key, 3), c.name, rn.raw, right(rn.normalized, 7)
		FROM resources r JOIN contacts c ON c.resource_id = r.id
		JOIN resource_numbers rn ON rn.resource_id = r.id AND rn.type = 'landline'
		WHERE r.id = ANY($1) ORDER BY r.id`, ids)
	if err != nil {
		b.Fatal(err)
	}
	in, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (findInput, error) {
		var f findInput
		return f, row.Scan(&f.id, &f.fragment, &f.contact, &f.phone, &f.digits)
	})
	if err != nil || len(in) == 0 {
		b.Fatalf("find inputs: %d, %v", len(in), err)
	}
	rng.Shuffle(len(in), func(i, j int) { in[i], in[j] = in[j], in[i] })
	return in
}
