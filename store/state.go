package store

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/metrics"
)

// State reads what the metrics report of the database: open protections
// and applications by state.
func (s *Store) State(ctx context.Context) (metrics.State, error) {
	st := metrics.State{Applications: map[string]int{}}
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM resources WHERE sea = 'private' AND signed_at IS NULL`).
		Scan(&st.OpenProtections); err != nil {
		return st, dbErr(err)
	}
	rows, err := s.pool.Query(ctx, `SELECT state, count(*) FROM applications GROUP BY state`)
	if err != nil {
		return st, dbErr(err)
	}
	var state string
	var n int
	_, err = pgx.ForEachRow(rows, []any{&state, &n}, func() error { st.Applications[state] = n; return nil })
	return st, dbErr(err)
}
