package store_test

import (
	"context"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"net/url"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tide-crm/tide/collision"
	"github.com/tide-crm/tide/store"
	"github.com/tide-crm/tide/store/benchdata"
	"github.com/tide-crm/tide/store/dbtest"
)

// benchResources sizes the collision-search benchmark's database. Only a
// flag is registered here; nothing touches a database unless -bench selects
// BenchmarkCollisionSearch.
var benchResources = flag.Int("bench.resources", 1_000_000, "resources in the BenchmarkCollisionSearch database (tide_bench_<n>)")

// samples is how many distinct inputs the sub-benchmarks draw from.
// Every call, timed or warm-up, of every sub-benchmark takes the next one
// (sampleCursor, modulo the inputs), so a measurement does not find the
// pages its inputs need cached by an earlier sub-benchmark or -count round
// that used the same inputs. Only after ~100,000 calls (the whole fast set
// at -count 5 -benchtime 2000x makes ~130,000) does an input come round
// again, long after shared_buffers has evicted its pages.
const samples = 100_000

var sampleCursor int

// BenchmarkCollisionSearch measures the collision search against a
// persistent database of -bench.resources resources (see docs/BENCHMARKS.md
// for the commands): a SELECT 1 round trip, FindHits with the four keys of an
// existing resource and with four keys held nowhere, and the peer-CRM query
// (name LIKE '%…%' OR phone = …) over the same companies. Each reports the
// p50 and p99 of its iterations' latencies besides ns/op.
func BenchmarkCollisionSearch(b *testing.B) {
	ctx := context.Background()
	n := *benchResources
	dbURL, s, pool := openBench(b, n)

	rng := rand.New(rand.NewPCG(benchdata.Seed, 1))
	ids := make([]int64, samples)
	for i := range ids {
		ids[i] = 1 + rng.Int64N(int64(n))
	}
	hits := existingKeys(b, pool, ids)
	misses := unusedKeys(b, dbURL, n)
	peers := peerInputs(b, pool, ids)

	benchSelect1(b, pool)
	b.Run("search_hit", func(b *testing.B) {
		measure(b, 20, func(i int) error {
			keys := hits[i%len(hits)]
			h, err := s.FindHits(ctx, keys)
			if err == nil && len(h) != len(keys) {
				err = fmt.Errorf("%d hits for %v, want %d", len(h), keys, len(keys))
			}
			return err
		})
	})
	b.Run("search_miss", func(b *testing.B) {
		measure(b, 20, func(i int) error {
			keys := misses[i%len(misses)]
			h, err := s.FindHits(ctx, keys)
			if err == nil && len(h) != 0 {
				err = fmt.Errorf("%d hits for the unused keys %v", len(h), keys)
			}
			return err
		})
	})
	b.Run("peer_like", func(b *testing.B) {
		measure(b, 2, func(i int) error {
			p := peers[i%len(peers)]
			rows, err := pool.Query(ctx, `SELECT id FROM peer_customers WHERE name LIKE '%'||$1||'%' OR phone = $2`,
				p.Fragment, p.Phone)
			if err != nil {
				return err
			}
			found, err := pgx.CollectRows(rows, pgx.RowTo[int64])
			if err == nil && len(found) == 0 {
				err = fmt.Errorf("peer query for %q / %q found nothing", p.Fragment, p.Phone)
			}
			return err
		})
	})

	// search_hit_hot cycles through 200 resources only, so the pages their
	// keys live on stay in shared_buffers: the hit as a server whose
	// shared_buffers hold the working set would see it.
	hot := hits[:min(len(hits), 200)]
	b.Run("search_hit_hot", func(b *testing.B) {
		measure(b, 20, func(i int) error {
			keys := hot[i%len(hot)]
			h, err := s.FindHits(ctx, keys)
			if err == nil && len(h) != len(keys) {
				err = fmt.Errorf("%d hits for %v, want %d", len(h), keys, len(keys))
			}
			return err
		})
	})
}

// openBench opens the store and a plain pool on the database of n
// resources, closed when the benchmark ends. store.Store does not expose its
// pool, so the queries that are not store methods go through a second pool
// built exactly as store.Open builds its own (pgxpool.ParseConfig defaults:
// cached prepared statements, same server and protocol).
func openBench(b *testing.B, n int) (string, *store.Store, *pgxpool.Pool) {
	ctx := context.Background()
	dbURL := benchDatabase(b, n)
	s, err := store.Open(ctx, dbURL)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(s.Close)
	pool, err := pgxpool.New(ctx, dbURL)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(pool.Close)
	return dbURL, s, pool
}

// benchSelect1 is the baseline every benchmark runs first: a SELECT 1
// round trip on the same pool.
func benchSelect1(b *testing.B, pool *pgxpool.Pool) {
	b.Run("select1", func(b *testing.B) {
		measure(b, 20, func(int) error {
			var one int
			return pool.QueryRow(context.Background(), `SELECT 1`).Scan(&one)
		})
	})
}

// measure warms op up (connections, prepared statements) with warm untimed
// calls, then times each iteration and reports the latencies' p50
// and p99 (nearest rank) in µs besides ns/op.
func measure(b *testing.B, warm int, op func(i int) error) {
	b.Helper()
	for range warm {
		if err := op(sampleCursor); err != nil {
			b.Fatal(err)
		}
		sampleCursor++
	}
	var lat []time.Duration
	for b.Loop() {
		i := sampleCursor
		sampleCursor++
		t0 := time.Now()
		err := op(i)
		lat = append(lat, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
	}
	slices.Sort(lat)
	b.ReportMetric(percentile(lat, 50), "p50-µs")
	b.ReportMetric(percentile(lat, 99), "p99-µs")
}

func percentile(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	return float64(sorted[max(rank, 1)-1].Nanoseconds()) / 1e3
}

// benchDatabase returns the URL of a migrated database holding a complete
// data set of n resources, generating it when missing or incomplete. The
// database is tide_bench_<n> on the server of dbtest.AdminURL(), or
// TIDE_BENCH_DATABASE_URL, which must then be empty or already hold n.
func benchDatabase(b *testing.B, n int) string {
	b.Helper()
	ctx := context.Background()
	dbURL := os.Getenv("TIDE_BENCH_DATABASE_URL")
	ours := dbURL == ""
	name := fmt.Sprintf("tide_bench_%d", n)
	if ours {
		u, err := url.Parse(dbtest.AdminURL())
		if err != nil {
			b.Fatal(err)
		}
		u.Path = "/" + name
		dbURL = u.String()
	}
	prepare := func() {
		if err := store.EnsureDatabase(ctx, dbURL); err != nil {
			b.Fatal(err)
		}
		if _, err := store.Migrate(ctx, dbURL); err != nil {
			b.Fatal(err)
		}
	}
	prepare()
	ds, ok, empty, err := benchdata.Lookup(ctx, dbURL)
	if err != nil {
		b.Fatal(err)
	}
	if ok && ds.Resources == n && ds.Version == benchdata.Version {
		return dbURL
	}
	if !empty {
		if !ours {
			b.Fatalf("TIDE_BENCH_DATABASE_URL holds other data (data set %+v, complete %v); want an empty database or one with %d resources", ds, ok, n)
		}
		b.Logf("dropping %s: incomplete or made by another generator version", name)
		admin, err := pgx.Connect(ctx, dbtest.AdminURL())
		if err != nil {
			b.Fatal(err)
		}
		_, err = admin.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
		admin.Close(ctx)
		if err != nil {
			b.Fatal(err)
		}
		prepare()
	}
	b.Logf("generating %d resources into %s …", n, name)
	start := time.Now()
	if err := benchdata.Generate(ctx, dbURL, n); err != nil {
		b.Fatal(err)
	}
	b.Logf("generated %d resources in %s", n, time.Since(start).Round(time.Second))
	return dbURL
}

// existingKeys returns the collision keys of each resource in ids.
func existingKeys(b *testing.B, pool *pgxpool.Pool, ids []int64) [][]collision.Key {
	b.Helper()
	rows, err := pool.Query(context.Background(), `SELECT array_agg(key_type ORDER BY key_type, key), array_agg(key ORDER BY key_type, key)
		FROM collision_keys WHERE resource_id = ANY($1) GROUP BY resource_id ORDER BY resource_id`, ids)
	if err != nil {
		b.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) ([]collision.Key, error) {
		var types, values []string
		err := row.Scan(&types, &values)
		keys := make([]collision.Key, len(types))
		for i := range types {
			keys[i] = collision.Key{Type: types[i], Value: values[i]}
		}
		return keys, err
	})
	if err != nil || len(out) == 0 {
		b.Fatalf("sampling keys: %d, %v", len(out), err)
	}
	rand.New(rand.NewPCG(benchdata.Seed, 2)).Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// unusedKeys returns keys shaped like the stored ones that no resource holds.
func unusedKeys(b *testing.B, dbURL string, n int) [][]collision.Key {
	b.Helper()
	entries, err := benchdata.Unused(context.Background(), dbURL, n, samples)
	if err != nil {
		b.Fatal(err)
	}
	out := make([][]collision.Key, len(entries))
	for i, e := range entries {
		out[i] = []collision.Key{{Type: collision.KeyCompany, Value: e.CompanyKey}}
		for _, num := range e.Numbers {
			out[i] = append(out[i], collision.Key{Type: collision.KeyNumber, Value: num})
		}
	}
	return out
}

type peerInput struct{ Fragment, Phone string }

// peerInputs returns, for each resource in ids, what a user of a peer CRM
// would search with: a fragment of the trade name (the company key's first
// two characters) and the phone as the peer table stores it.
func peerInputs(b *testing.B, pool *pgxpool.Pool, ids []int64) []peerInput {
	b.Helper()
	rows, err := pool.Query(context.Background(), `SELECT left(r.company_key, 2), p.phone
		FROM resources r JOIN peer_customers p USING (id) WHERE r.id = ANY($1) ORDER BY r.id`, ids)
	if err != nil {
		b.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowToStructByPos[peerInput])
	if err != nil || len(out) == 0 {
		b.Fatalf("sampling peers: %d, %v", len(out), err)
	}
	rand.New(rand.NewPCG(benchdata.Seed, 3)).Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}
