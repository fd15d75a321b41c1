package store

import (
	"context"
	"encoding/json"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/resource"
)

// wholeColumns are resourceColumns with the resource's numbers (its own
// first, then its contacts', each in entry order) and current contacts as
// JSON, so that one round trip reads a resource whole.
const wholeColumns = resourceColumns + `,
	(SELECT coalesce(json_agg(json_build_object('type', n.type, 'raw', n.raw, 'normalized', n.normalized,
		'extension', n.extension, 'line', n.line, 'contact_id', n.contact_id) ORDER BY n.contact_id NULLS FIRST, n.id), '[]')
		FROM resource_numbers n WHERE n.resource_id = r.id),
	(SELECT coalesce(json_agg(json_build_object('id', c.id, 'name', c.name, 'title', coalesce(c.title, ''),
		'email', coalesce(c.email, ''), 'trade_manager_id', coalesce(c.trade_manager_id, '')) ORDER BY c.id), '[]')
		FROM contacts c WHERE c.resource_id = r.id AND c.removed_at IS NULL)`

// numberJSON and contactJSON are the JSON shapes of wholeColumns.
type numberJSON struct {
	Type       string `json:"type"`
	Raw        string `json:"raw"`
	Normalized string `json:"normalized"`
	Extension  string `json:"extension"`
	Line       string `json:"line"`
	ContactID  *int64 `json:"contact_id"`
}

type contactJSON struct {
	ID             int64  `json:"id"`
	Name           string `json:"name"`
	Title          string `json:"title"`
	Email          string `json:"email"`
	TradeManagerID string `json:"trade_manager_id"`
}

// getWhole reads resource id with its numbers and contacts in one
// statement (inside a transaction, it sees the transaction's writes).
func getWhole(ctx context.Context, q querier, id int64) (resource.Resource, error) {
	return scanWhole(q.QueryRow(ctx, wholeByID, id))
}

const wholeByID = `SELECT ` + wholeColumns + resourceFrom + ` WHERE r.id = $1`

// queueWhole is getWhole queued in a batch, reading into r.
func queueWhole(b *pgx.Batch, id int64, r *resource.Resource) {
	b.Queue(wholeByID, id).QueryRow(func(row pgx.Row) error {
		var err error
		*r, err = scanWhole(row)
		return err
	})
}

// scanWhole scans a row of wholeColumns.
func scanWhole(row pgx.Row) (resource.Resource, error) {
	var numbers, contacts []byte
	r, err := scanResourceWith(row, &numbers, &contacts)
	if err != nil {
		return resource.Resource{}, dbErr(err)
	}
	var ns []numberJSON
	var cs []contactJSON
	if err := json.Unmarshal(numbers, &ns); err != nil {
		return r, err
	}
	if err := json.Unmarshal(contacts, &cs); err != nil {
		return r, err
	}
	for _, n := range ns {
		r.Numbers = append(r.Numbers, resource.Number(n))
	}
	for _, c := range cs {
		r.Contacts = append(r.Contacts, resource.Contact(c))
	}
	return r, nil
}
