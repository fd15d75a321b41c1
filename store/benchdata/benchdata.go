// Package benchdata fills a migrated tide database with a synthetic but
// realistically shaped customer base for benchmarks: reps, resources in both
// seas, contacts, numbers and collision keys, plus the table a peer CRM would
// keep for the same companies (peer_customers), as the baseline the
// collision search is compared with.
//
// Everything is generated inside PostgreSQL (generate_series and
// INSERT … SELECT in one transaction), so a million resources take minutes.
// The data is deterministic: resource i always gets the same name, keys,
// numbers, sea and owner (only timestamps follow the clock).
//
// Shape, per resource i (1 ≤ i ≤ n):
//   - a company key of 4–8 Chinese characters: a 2- or 3-character trade
//     name (half each) from a 200-character pool, then one of 60 industry
//     words (2–5 characters), e.g. 日东精密电子; unique by construction;
//   - the full name city + key + organisation form, e.g. 苏州日东精密电子有限公司;
//   - a landline and the fax next to it (+86 area code + the area's 7 or 8
//     digits, the fax one higher) and a mobile (+86, a real mobile prefix,
//     8 digits), all unique and all accepted by tide's parser (numbers.go),
//     stored as E.164 collision keys and in typed forms such as
//     0512-65881234, 0592 5123456 or 138 0013 8000;
//   - 60% have a contact, who then carries the mobile;
//   - 70% private, owned by one of 500 reps; 30% in the public sea.
//
// So n resources make 3n resource_numbers rows and 4n collision_keys rows.
package benchdata

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

const (
	// Version names the generator's output; a data set made by another
	// version is not reused.
	Version = 2
	// Seed fixes the data set.
	Seed = 20260521
	// Reps is how many reps own the private resources.
	Reps = 500
	// PrivateShare is the percentage of resources in a private sea.
	PrivateShare = 70
	// ContactShare is the percentage of resources with a contact, who
	// carries the resource's mobile.
	ContactShare = 60
)

// lockKey serialises generators on one server ("tidebenc").
const lockKey int64 = 0x7469646562656e63

// MarkerTable records a complete data set; it is written last.
const MarkerTable = "bench_dataset"

// ErrNotEmpty is returned by Generate for a database that already holds
// users, resources or benchmark tables.
var ErrNotEmpty = errors.New("benchdata: the database is not empty")

// Dataset describes a complete data set.
type Dataset struct {
	Resources   int
	Version     int
	Seed        int64
	GeneratedAt time.Time
	Seconds     float64 // how long Generate took
}

// Entry is the collision keys of one generated resource: its company key and
// its landline, fax and mobile in E.164.
type Entry struct {
	CompanyKey string
	Numbers    []string
}

// Lookup reports the complete data set the database holds (ok false: none),
// and whether it holds no users, resources or benchmark tables at all.
func Lookup(ctx context.Context, url string) (ds Dataset, ok, empty bool, err error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return Dataset{}, false, false, err
	}
	defer conn.Close(ctx)
	var marker bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL`, MarkerTable).Scan(&marker); err != nil {
		return Dataset{}, false, false, err
	}
	if marker {
		err := conn.QueryRow(ctx, `SELECT resources, version, seed, generated_at, seconds FROM `+MarkerTable+`
			ORDER BY generated_at DESC LIMIT 1`).Scan(&ds.Resources, &ds.Version, &ds.Seed, &ds.GeneratedAt, &ds.Seconds)
		if err == nil {
			return ds, true, false, nil
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return Dataset{}, false, false, err
		}
	}
	empty, err = isEmpty(ctx, conn)
	return Dataset{}, false, empty, err
}

func isEmpty(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}) (bool, error) {
	var empty bool
	err := q.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM users) AND NOT EXISTS (SELECT 1 FROM resources)
		AND to_regclass('peer_customers') IS NULL AND to_regclass($1) IS NULL`, MarkerTable).Scan(&empty)
	return empty, err
}

// Capacity is the most resources the key space holds (the company keys are
// the scarcest), less what Unused may hand out.
func Capacity() int {
	return int(newSpace().mc) - 100_000
}

// Generate fills the migrated, empty tide database at url with n resources
// (see the package comment), creates peer_customers, VACUUMs and ANALYZEs
// what it wrote, and records the data set in MarkerTable last. The rows are
// written in one transaction: a failure leaves no rows, though a crash
// between the commit and the marker leaves rows without a marker.
func Generate(ctx context.Context, url string, n int) error {
	if n < 1 || n > Capacity() {
		return fmt.Errorf("benchdata: %d resources: want 1..%d", n, Capacity())
	}
	start := time.Now()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	opt, err := optionalColumns(ctx, conn)
	if err != nil {
		return err
	}

	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck // a no-op after commit
	// Settings for this transaction only: memory for the sorts and the
	// index build, and no wait for the WAL flush at commit.
	for _, s := range []string{
		`SET LOCAL work_mem = '256MB'`,
		`SET LOCAL maintenance_work_mem = '1GB'`,
		`SET LOCAL synchronous_commit = off`,
		fmt.Sprintf(`SELECT pg_advisory_xact_lock(%d)`, lockKey), // one generator at a time
	} {
		if _, err := tx.Exec(ctx, s); err != nil {
			return fmt.Errorf("benchdata: %s: %w", s, err)
		}
	}
	empty, err := isEmpty(ctx, tx)
	if err != nil {
		return err
	}
	if !empty {
		return ErrNotEmpty
	}

	sp := newSpace()
	genSQL, args := sp.query(1, int64(n))
	steps := []struct {
		what string
		sql  string
		args []any
	}{
		{"gen table", `CREATE TEMP TABLE bench_gen (
			i bigint, trade text, industry text, company_key text, name text, region text, org_form text,
			sea text, owner_id bigint, created_by bigint, protected_days int,
			landline_raw text, landline text, fax_raw text, fax text, mobile_raw text, mobile text,
			has_contact boolean, contact_name text, contact_title text) ON COMMIT DROP`, nil},
		{"gen rows", `INSERT INTO bench_gen ` + genSQL, args},
		{"users", fmt.Sprintf(`INSERT INTO users (id, username, name, role, password_hash) OVERRIDING SYSTEM VALUE
			SELECT u, 'rep' || lpad(u::text, 3, '0'), '销售' || lpad(u::text, 3, '0'), 'rep', '!benchdata-no-login'
			FROM generate_series(1, %d) AS u`, Reps), nil},
		{"resources", `INSERT INTO resources (id, kind, name, region, company_key, sea, owner_id, protected_until, created_by` +
			opt.resourceCols + `) OVERRIDING SYSTEM VALUE
			SELECT i, 'enterprise', name, region, company_key, sea, owner_id,
				CASE WHEN sea = 'private' THEN now() + protected_days * interval '1 day' END, created_by` +
			opt.resourceVals + ` FROM bench_gen ORDER BY i`, nil},
		{"holdings", opt.holdings(), nil},
		{"contacts", `INSERT INTO contacts (id, resource_id, name, title) OVERRIDING SYSTEM VALUE
			SELECT i, i, contact_name, contact_title FROM bench_gen WHERE has_contact ORDER BY i`, nil},
		{"resource_numbers", `INSERT INTO resource_numbers (resource_id, contact_id, type, raw, normalized` + opt.numberCols + `)
			SELECT g.i, CASE WHEN n.type = 'mobile' AND g.has_contact THEN g.i END, n.type, n.raw, n.norm` + opt.numberVals + `
			FROM bench_gen g, LATERAL (VALUES (1, 'landline', g.landline_raw, g.landline, 'landline'),
				(2, 'fax', g.fax_raw, g.fax, 'landline'), (3, 'mobile', g.mobile_raw, g.mobile, 'mobile')) AS n(ord, type, raw, norm, line)
			ORDER BY g.i, n.ord`, nil},
		// In key order, so the primary key grows at its right edge.
		{"collision_keys", `INSERT INTO collision_keys (key_type, key, resource_id)
			SELECT k.t, k.v, g.i FROM bench_gen g, LATERAL (VALUES ('company', g.company_key),
				('number', g.landline), ('number', g.fax), ('number', g.mobile)) AS k(t, v)
			ORDER BY 1, 2`, nil},
		// What a peer CRM keeps: the full name and one column per number,
		// as typed, with a btree index on the phone.
		{"peer_customers", `CREATE TABLE peer_customers (id bigint PRIMARY KEY, name text NOT NULL,
			phone text, fax text, mobile text)`, nil},
		{"peer_customers rows", `INSERT INTO peer_customers (id, name, phone, fax, mobile)
			SELECT i, name, landline_raw, fax_raw, mobile_raw FROM bench_gen ORDER BY i`, nil},
		{"peer_customers index", `CREATE INDEX peer_customers_phone ON peer_customers (phone)`, nil},
		{"sequences", `SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users)),
			setval(pg_get_serial_sequence('resources', 'id'), (SELECT max(id) FROM resources)),
			setval(pg_get_serial_sequence('contacts', 'id'), greatest((SELECT max(id) FROM contacts), 1))`, nil},
	}
	for _, st := range steps {
		if _, err := tx.Exec(ctx, st.sql, st.args...); err != nil {
			return fmt.Errorf("benchdata: %s: %w", st.what, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("benchdata: commit: %w", err)
	}
	// Set hint bits and the visibility map, and gather statistics, so the
	// first measurements see the table as a long-lived database has it.
	for _, t := range []string{"users", "resources", "contacts", "resource_numbers", "collision_keys", "peer_customers"} {
		if _, err := conn.Exec(ctx, `VACUUM (ANALYZE) `+t); err != nil {
			return fmt.Errorf("benchdata: vacuum %s: %w", t, err)
		}
	}
	_, err = conn.Exec(ctx, `CREATE TABLE `+MarkerTable+` (resources bigint NOT NULL, version int NOT NULL,
		seed bigint NOT NULL, generated_at timestamptz NOT NULL DEFAULT now(), seconds double precision NOT NULL)`)
	if err != nil {
		return fmt.Errorf("benchdata: marker: %w", err)
	}
	_, err = conn.Exec(ctx, `INSERT INTO `+MarkerTable+` (resources, version, seed, seconds) VALUES ($1, $2, $3, $4)`,
		n, Version, Seed, time.Since(start).Seconds())
	if err != nil {
		return fmt.Errorf("benchdata: marker: %w", err)
	}
	return nil
}

// Unused returns the keys of k resources that a data set of n resources does
// not hold: those the generator would make for resources n+1 … n+k. They are
// shaped like the stored keys but collide with none of them.
func Unused(ctx context.Context, url string, n, k int) ([]Entry, error) {
	if n+k > int(newSpace().mc) {
		return nil, fmt.Errorf("benchdata: %d+%d resources exceed the key space", n, k)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, err
	}
	defer conn.Close(ctx)
	genSQL, args := newSpace().query(int64(n)+1, int64(n+k))
	rows, err := conn.Query(ctx, `SELECT company_key, landline, fax, mobile FROM (`+genSQL+`) g ORDER BY i`, args...)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (Entry, error) {
		var e Entry
		e.Numbers = make([]string, 3)
		err := row.Scan(&e.CompanyKey, &e.Numbers[0], &e.Numbers[1], &e.Numbers[2])
		return e, err
	})
}

// optional are the columns later migrations add that the generator fills
// when the schema has them (the parsed name parts and the line kind).
type optional struct {
	resourceCols, resourceVals, numberCols, numberVals string
	held                                               bool // users.held, the capacity counter
}

// holdings sets each rep's capacity counter to the resources generated for
// the rep, when the schema has the counter.
func (o optional) holdings() string {
	if !o.held {
		return `SELECT 1`
	}
	return `UPDATE users u SET held = c.n FROM (SELECT owner_id, count(*) AS n FROM bench_gen
		WHERE owner_id IS NOT NULL GROUP BY owner_id) c WHERE u.id = c.owner_id`
}

func optionalColumns(ctx context.Context, conn *pgx.Conn) (optional, error) {
	var parts, line bool
	var o optional
	err := conn.QueryRow(ctx, `SELECT
		(SELECT count(*) = 4 FROM information_schema.columns WHERE table_schema = current_schema()
			AND table_name = 'resources' AND column_name IN ('name_region', 'trade_name', 'industry', 'org_form')),
		EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
			AND table_name = 'resource_numbers' AND column_name = 'line'),
		EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
			AND table_name = 'users' AND column_name = 'held')`).Scan(&parts, &line, &o.held)
	if parts {
		o.resourceCols = `, name_region, trade_name, industry, org_form`
		o.resourceVals = `, region, trade, industry, org_form`
	}
	if line {
		o.numberCols = `, line`
		o.numberVals = `, n.line`
	}
	return o, err
}

// space holds the bijections from a resource's index to its keys: i ↦
// (i·a + b) mod m with gcd(a, m) = 1 is one-to-one on 0 … m−1, so no two
// indices share a company key, a landline, a fax or a mobile.
type space struct {
	trade, words, codes, cities []string
	plan                        numberPlan
	mc, ac, bc                  int64 // company keys: half 2-char, half 3-char trade names, times industries
	ml, al, bl                  int64 // landline/fax pairs: areas × blocksPerArea × pairsPerBlock
	mm, am, bm                  int64 // mobiles: prefixes × mobileBlock
}

func newSpace() space {
	s := space{trade: tradePool(), words: industries, codes: codes(), cities: cities(), plan: newNumberPlan()}
	nt, nw := int64(len(s.trade)), int64(len(s.words))
	s.mc = 2 * nt * nt * nw
	s.ml = int64(len(s.codes)) * blocksPerArea * pairsPerBlock
	s.mm = int64(len(s.plan.mobile)) * mobileBlock
	s.ac, s.bc = perm(s.mc, 1)
	s.al, s.bl = perm(s.ml, 2)
	s.am, s.bm = perm(s.mm, 3)
	return s
}

// perm picks a multiplier coprime to m near m/φ and a seeded offset.
func perm(m, k int64) (a, b int64) {
	a = m * 618_034 / 1_000_000
	for gcd(a, m) != 1 {
		a++
	}
	b = (Seed*1_000_003 + k*7_919) % m
	return a, b
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// query returns the SELECT that generates resources lo … hi, in the column
// order of bench_gen. h(k) is a seeded hash of i for independent choices.
func (s space) query(lo, hi int64) (string, []any) {
	nt, nw, na := int64(len(s.trade)), int64(len(s.words)), int64(len(s.codes))
	h := func(k int) string { return fmt.Sprintf("(hashint8extended(g.i, %d) & 2147483647)", Seed*16+k) }
	sql := fmt.Sprintf(`SELECT g.i, t.trade, t.industry, t.trade || t.industry AS company_key,
		t.city || t.trade || t.industry || t.org_form AS name, t.city AS region, t.org_form,
		CASE WHEN t.private THEN 'private' ELSE 'public' END AS sea,
		CASE WHEN t.private THEN t.rep END AS owner_id, t.rep AS created_by, 1 + %[1]s %% 90 AS protected_days,
		'0' || t.code || CASE WHEN %[2]s %% 2 = 0 THEN '-' ELSE ' ' END || t.sub AS landline_raw,
		'+86' || t.code || t.sub AS landline,
		'0' || t.code || '-' || (t.sub + 1) AS fax_raw, '+86' || t.code || (t.sub + 1) AS fax,
		CASE %[3]s %% 3 WHEN 0 THEN t.mob
			WHEN 1 THEN substr(t.mob, 1, 3) || ' ' || substr(t.mob, 4, 4) || ' ' || substr(t.mob, 8, 4)
			ELSE substr(t.mob, 1, 3) || '-' || substr(t.mob, 4, 4) || '-' || substr(t.mob, 8, 4) END AS mobile_raw,
		'+86' || t.mob AS mobile,
		%[4]s %% 100 < %[5]d AS has_contact, t.surname || t.given AS contact_name, t.title AS contact_title
	FROM generate_series($1::bigint, $2::bigint) AS g(i),
	LATERAL (SELECT (g.i * %[6]d + %[7]d) %% %[8]d AS xc, (g.i * %[9]d + %[10]d) %% %[11]d AS xl,
		(g.i * %[12]d + %[13]d) %% %[14]d AS xm) x,
	LATERAL (SELECT (x.xc %% %[15]d)::int AS w, x.xc / %[15]d AS t, (x.xl %% %[16]d)::int AS a,
		x.xl / %[16]d AS y) l,
	LATERAL (SELECT l.w, l.t, l.a,
		($11::int8[])[1 + l.a * %[31]d + (l.y / %[32]d)::int] * ($12::int8[])[1 + l.a]
			+ ($13::int8[])[1 + l.a] * (l.y %% %[32]d) AS sub,
		($14::text[])[(1 + x.xm / %[33]d)::int] || lpad((x.xm %% %[33]d)::text, 8, '0') AS mob) d,
	LATERAL (SELECT CASE WHEN d.t < %[17]d
			THEN ($3::text[])[(1 + d.t / %[18]d)::int] || ($3::text[])[(1 + d.t %% %[18]d)::int]
			ELSE ($3::text[])[(1 + (d.t - %[17]d) / %[18]d)::int] || ($3::text[])[(1 + (d.t - %[17]d) %% %[18]d)::int]
				|| ($3::text[])[(1 + ((d.t - %[17]d) / %[18]d * 7 + (d.t - %[17]d) %% %[18]d * 13 + d.w) %% %[18]d)::int]
			END AS trade,
		($4::text[])[1 + d.w] AS industry, ($5::text[])[1 + d.a] AS code, ($6::text[])[1 + d.a] AS city,
		d.sub, d.mob,
		($7::text[])[(1 + %[19]s %% %[20]d)::int] AS org_form,
		%[21]s %% 100 < %[22]d AS private, 1 + %[23]s %% %[24]d AS rep,
		($8::text[])[(1 + %[25]s %% %[26]d)::int] AS surname, ($9::text[])[(1 + %[27]s %% %[28]d)::int] AS given,
		($10::text[])[(1 + %[29]s %% %[30]d)::int] AS title) t`,
		h(1), h(2), h(3), h(4), ContactShare,
		s.ac, s.bc, s.mc, s.al, s.bl, s.ml, s.am, s.bm, s.mm,
		nw, na, nt*nt, nt,
		h(5), len(orgForms), h(6), PrivateShare, h(7), Reps,
		h(8), len(surnames), h(9), len(givenNames), h(10), len(titles),
		blocksPerArea, pairsPerBlock, mobileBlock)
	return sql, []any{lo, hi, s.trade, s.words, s.codes, s.cities, orgForms, surnames, givenNames, titles,
		s.plan.first, s.plan.unit, s.plan.stride, s.plan.mobile}
}
