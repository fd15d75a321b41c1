package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/metrics"
)

// State reads what the metrics report of the database: open protections
// and applications by state, the outbox's backlog.
func (s *Store) State(ctx context.Context) (metrics.State, error) {
	st := metrics.State{Applications: map[string]int{}}
	var oldest float64
	if err := s.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM resources WHERE sea = 'private' AND signed_at IS NULL),
		(SELECT count(*) FROM outbox), coalesce(extract(epoch FROM now() - (SELECT min(created_at) FROM outbox)), 0)`).
		Scan(&st.OpenProtections, &st.OutboxWaiting, &oldest); err != nil {
		return st, dbErr(err)
	}
	st.OutboxOldest = time.Duration(oldest * float64(time.Second))
	rows, err := s.pool.Query(ctx, `SELECT state, count(*) FROM applications GROUP BY state`)
	if err != nil {
		return st, dbErr(err)
	}
	var state string
	var n int
	_, err = pgx.ForEachRow(rows, []any{&state, &n}, func() error { st.Applications[state] = n; return nil })
	return st, dbErr(err)
}
