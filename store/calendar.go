package store

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/people"
)

// CalendarOverride is an admin's correction of one date of the official
// working-day calendar (R16).
type CalendarOverride struct {
	Date      string // YYYY-MM-DD
	Kind      string // workday, makeup, holiday or weekend
	Note      string
	Author    people.UserRef
	UpdatedAt time.Time
}

// CalendarOverrides returns every override, by date.
func (s *Store) CalendarOverrides(ctx context.Context) ([]CalendarOverride, error) {
	rows, err := s.pool.Query(ctx, `SELECT to_char(c.date, 'YYYY-MM-DD'), c.kind, c.note, u.id, u.name, c.updated_at
		FROM calendar_overrides c JOIN users u ON u.id = c.author_id ORDER BY c.date`)
	if err != nil {
		return nil, dbErr(err)
	}
	os, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (CalendarOverride, error) {
		var o CalendarOverride
		return o, r.Scan(&o.Date, &o.Kind, &o.Note, &o.Author.ID, &o.Author.Name, &o.UpdatedAt)
	})
	return os, dbErr(err)
}

// SetCalendarOverride sets (or replaces) the override of one date, audited.
func (s *Store) SetCalendarOverride(ctx context.Context, date, kind, note string, author int64) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO calendar_overrides (date, kind, note, author_id) VALUES ($1::date, $2, $3, $4)
			ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, note = EXCLUDED.note,
				author_id = EXCLUDED.author_id, updated_at = now()`, date, kind, note, author)
		if err != nil {
			return dbErr(err)
		}
		return audit(ctx, tx, &author, "calendar.override", "calendar/"+date, map[string]any{"kind": kind, "note": note})
	})
}
