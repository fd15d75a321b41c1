package benchdata

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/store/dbtest"
)

func TestPoolsSplitKeysOneWay(t *testing.T) {
	trade := tradePool()
	if len(trade) != tradeChars {
		t.Fatalf("trade pool has %d characters, want %d: add candidates", len(trade), tradeChars)
	}
	words := map[string]bool{}
	for _, w := range industries {
		if words[w] {
			t.Errorf("industry %q twice", w)
		}
		words[w] = true
		if n := len([]rune(w)); n < 2 || n > 5 {
			t.Errorf("industry %q has %d characters", w, n)
		}
		for _, c := range trade {
			if strings.Contains(w, c) {
				t.Errorf("trade character %q occurs in industry %q", c, w)
			}
		}
	}
	s := newSpace()
	for _, p := range [][2]int64{{s.ac, s.mc}, {s.al, s.ml}, {s.am, s.mm}} {
		if gcd(p[0], p[1]) != 1 {
			t.Errorf("multiplier %d shares a factor with %d", p[0], p[1])
		}
	}
	if Capacity() < 1_000_000 {
		t.Errorf("capacity %d", Capacity())
	}
}

func TestGenerate(t *testing.T) {
	const n = 2000
	url := dbtest.New(t)
	ctx := context.Background()
	if _, ok, empty, err := Lookup(ctx, url); err != nil || ok || !empty {
		t.Fatalf("fresh database: ok=%v empty=%v err=%v", ok, empty, err)
	}
	if err := Generate(ctx, url, n); err != nil {
		t.Fatal(err)
	}
	ds, ok, _, err := Lookup(ctx, url)
	if err != nil || !ok || ds.Resources != n || ds.Version != Version {
		t.Fatalf("after Generate: %+v ok=%v err=%v", ds, ok, err)
	}
	if err := Generate(ctx, url, n); err != ErrNotEmpty {
		t.Fatalf("second Generate: %v, want ErrNotEmpty", err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for table, want := range map[string]int{"resources": n, "resource_numbers": 3 * n, "collision_keys": 4 * n,
		"peer_customers": n, "users": Reps} {
		var got int
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+table).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: %d rows, want %d", table, got, want)
		}
	}
	var private int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM resources WHERE sea = 'private'").Scan(&private); err != nil {
		t.Fatal(err)
	}
	if private < n*65/100 || private > n*75/100 {
		t.Errorf("%d of %d private", private, n)
	}
	company := regexp.MustCompile(`^\p{Han}{4,8}$`)
	number := regexp.MustCompile(`^\+86(1[3-9]\d{9}|[3-9]\d{2}[2-9]\d{6,7}|(10|2\d)[2-9]\d{7})$`) // 7 or 8 local digits
	rows, err := conn.Query(ctx, "SELECT key_type, key FROM collision_keys")
	if err != nil {
		t.Fatal(err)
	}
	keys, err := pgx.CollectRows(rows, pgx.RowToStructByPos[struct{ T, K string }])
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if re := map[string]*regexp.Regexp{"company": company, "number": number}[k.T]; !re.MatchString(k.K) {
			t.Errorf("%s key %q", k.T, k.K)
		}
	}
	var name string
	if err := conn.QueryRow(ctx, "SELECT name FROM peer_customers WHERE id = 1").Scan(&name); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^\p{Han}+(有限公司|股份有限公司|有限责任公司)$`).MatchString(name) {
		t.Errorf("peer name %q", name)
	}

	unused, err := Unused(ctx, url, n, 50)
	if err != nil || len(unused) != 50 {
		t.Fatalf("Unused: %d, %v", len(unused), err)
	}
	for _, e := range unused {
		var held int
		err := conn.QueryRow(ctx, `SELECT count(*) FROM collision_keys WHERE key = ANY($1)`,
			append([]string{e.CompanyKey}, e.Numbers...)).Scan(&held)
		if err != nil || held != 0 {
			t.Fatalf("unused %+v: held %d, %v", e, held, err)
		}
	}
}
