package store

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/resource"
)

const resourceColumns = `r.id, r.kind, r.name, r.region, r.company_key,
	r.name_region, r.trade_name, r.industry, r.org_form, r.sea, r.owner_id, o.name,
	r.protected_until, r.epoch, r.created_by, r.created_at, r.updated_at, r.signed_at, r.twin_of,
	(SELECT t.id FROM resources t WHERE t.twin_of = r.id LIMIT 1),
	(SELECT a.deadline FROM applications a WHERE a.entered_resource_id = r.id AND a.mode = 'assign' AND a.state = 'approved'),
	coalesce(r.protection_rule, ''), coalesce(r.protection_rule_version, ''), r.last_contact_at,
	CASE WHEN r.sea <> 'private' THEN false
		WHEN r.twin_of IS NOT NULL THEN EXISTS (SELECT 1 FROM resources t WHERE t.id = r.twin_of AND t.sea = 'private')
		ELSE EXISTS (SELECT 1 FROM resources t WHERE t.twin_of = r.id AND t.sea = 'private') END`

const resourceFrom = ` FROM resources r LEFT JOIN users o ON o.id = r.owner_id `

func scanResource(row pgx.Row) (resource.Resource, error) { return scanResourceWith(row) }

// scanResourceWith scans resourceColumns followed by extra columns.
func scanResourceWith(row pgx.Row, extra ...any) (resource.Resource, error) {
	var r resource.Resource
	var ownerID *int64
	var ownerName *string
	err := row.Scan(append([]any{&r.ID, &r.Kind, &r.Name, &r.Region, &r.CompanyKey,
		&r.Parts.Region, &r.Parts.TradeName, &r.Parts.Industry, &r.Parts.OrgForm, &r.Sea, &ownerID, &ownerName,
		&r.ProtectedUntil, &r.Epoch, &r.CreatedBy, &r.CreatedAt, &r.UpdatedAt, &r.SignedAt, &r.TwinOf, &r.TwinID, &r.CorrectBy,
		&r.ProtectionRule, &r.ProtectionVersion, &r.LastContactAt, &r.KindPending}, extra...)...)
	if ownerID != nil {
		r.Owner = &people.UserRef{ID: *ownerID, Name: deref(ownerName)}
	}
	return r, err
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// GetResource returns the resource with its numbers and contacts, or NotFound.
func (s *Store) GetResource(ctx context.Context, id int64) (resource.Resource, error) {
	return getWhole(ctx, s.pool, id)
}

func numbersOf(ctx context.Context, q rowsQuerier, id int64) ([]resource.Number, error) {
	// The resource's own numbers first, then its contacts', each in entry order.
	rows, err := q.Query(ctx, `SELECT type, raw, normalized, extension, line, contact_id FROM resource_numbers
		WHERE resource_id = $1 ORDER BY contact_id NULLS FIRST, id`, id)
	if err != nil {
		return nil, dbErr(err)
	}
	ns, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (resource.Number, error) {
		var n resource.Number
		return n, row.Scan(&n.Type, &n.Raw, &n.Normalized, &n.Extension, &n.Line, &n.ContactID)
	})
	return ns, dbErr(err)
}

type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// rowLock is how a change locks the resource row it works on.
type rowLock string

const (
	lockForUpdate rowLock = "FOR UPDATE OF r"        // the change rewrites the row's identity or keys
	lockNoKey     rowLock = "FOR NO KEY UPDATE OF r" // the change touches the row, never its key
)

// lockResource reads resource id under lock and lets may refuse the change
// (the caller's check, immune to a concurrent change of owner).
func lockResource(ctx context.Context, tx pgx.Tx, id int64, lock rowLock, may func(resource.Resource) error) (resource.Resource, error) {
	cur, err := scanResource(tx.QueryRow(ctx, `SELECT `+resourceColumns+resourceFrom+` WHERE r.id = $1 `+string(lock), id))
	if err != nil {
		return resource.Resource{}, dbErr(err)
	}
	return cur, may(cur)
}

func getResource(ctx context.Context, q querier, id int64) (resource.Resource, error) {
	r, err := scanResource(q.QueryRow(ctx, `SELECT `+resourceColumns+resourceFrom+` WHERE r.id = $1`, id))
	if err != nil {
		return resource.Resource{}, dbErr(err)
	}
	return r, nil
}

// findIDs is a query for the ids of the resources q matches: one branch
// per way of matching, each served by its own index, so no branch reads
// every row. Texts of three characters or more match as parts (trigram
// indexes); shorter ones have no trigram and match whole names, trade
// names (字号, 恒远) and keys (b-tree indexes). Its arguments are appended to c.
func findIDs(c *conds, q resource.Find) string {
	text := strings.ToLower(q.Text)
	var branches []string
	if utf8.RuneCountInString(text) >= 3 {
		t := c.next(containing(text))
		branches = append(branches, `SELECT id FROM resources WHERE lower(name) LIKE `+t,
			`SELECT resource_id FROM contacts WHERE removed_at IS NULL AND lower(name) LIKE `+t)
	} else {
		t := c.next(text)
		branches = append(branches, `SELECT id FROM resources WHERE lower(name) = `+t,
			`SELECT id FROM resources WHERE trade_name = `+t,
			`SELECT resource_id FROM contacts WHERE removed_at IS NULL AND lower(name) = `+t)
	}
	switch {
	case utf8.RuneCountInString(q.Key) >= 3:
		branches = append(branches, `SELECT id FROM resources WHERE company_key LIKE `+c.next(containing(q.Key)))
	case q.Key != "":
		branches = append(branches, `SELECT resource_id FROM collision_keys WHERE key_type = 'company' AND key = `+c.next(q.Key))
	}
	if q.Number != "" {
		branches = append(branches, `SELECT resource_id FROM resource_numbers WHERE normalized = `+c.next(q.Number))
	}
	if q.Digits != "" {
		branches = append(branches, `SELECT resource_id FROM resource_numbers WHERE normalized LIKE `+c.next(containing(q.Digits)))
	}
	return strings.Join(branches, "\n\tUNION ")
}

// containing is the LIKE pattern matching any text that contains s.
func containing(s string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s) + "%"
}

// ListResources returns one page of resources. Pagination is by keyset, so
// pages stay consistent while rows are added.
func (s *Store) ListResources(ctx context.Context, f resource.ListFilter) ([]resource.Resource, error) {
	var c conds
	c.add("r.sea <> 'closed'")
	if f.Sea != "" {
		c.add("r.sea = ?", f.Sea)
	}
	if f.OwnerID != 0 {
		c.add("r.owner_id = ?", f.OwnerID)
	}
	if f.Region != "" {
		c.add("r.region = ?", f.Region)
	}
	if f.Industry != "" {
		c.add("r.industry = ?", f.Industry)
	}
	if f.Kind != "" {
		c.add("r.kind = ?", f.Kind)
	}
	if q := f.Find; q.Text != "" {
		c.add("r.id IN (" + findIDs(&c, q) + ")")
	}
	if f.Until != nil && !f.Until.From.IsZero() {
		c.add("r.protected_until >= ?", f.Until.From)
	}
	if f.Until != nil && !f.Until.To.IsZero() {
		c.add("r.protected_until < ?", f.Until.To)
	}
	order := "r.id DESC"
	if f.ByDeadline {
		order = "r.protected_until ASC NULLS LAST, r.id ASC"
		if f.After.ID != 0 {
			c.add("(r.protected_until, r.id) > (?, ?)", f.After.Deadline, f.After.ID)
		}
	} else if f.After.ID != 0 {
		c.add("r.id < ?", f.After.ID)
	}
	limit := c.next(f.Limit)
	rows, err := s.pool.Query(ctx, `SELECT `+resourceColumns+resourceFrom+` WHERE `+c.sql()+` ORDER BY `+order+` LIMIT `+limit, c.args...)
	if err != nil {
		return nil, dbErr(err)
	}
	res, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (resource.Resource, error) { return scanResource(row) })
	return res, dbErr(err)
}

// insertHistory appends the change that moved r into its current epoch.
func insertHistory(ctx context.Context, tx pgx.Tx, r resource.Resource, from *int64, c resource.Change) error {
	return recordMove(ctx, tx, r, from, c, "", nil)
}

// recordMove appends the change that moved r into its current epoch to the
// history and, when action is set, audits it — one statement, one round
// trip.
func recordMove(ctx context.Context, tx pgx.Tx, r resource.Resource, from *int64, c resource.Change, action string, detail map[string]any) error {
	var b pgx.Batch
	queueMove(&b, r, from, c, action, detail)
	return movedMeanwhile(send(ctx, tx, &b))
}

// queueMove is recordMove queued in a batch; pass the batch's error through
// movedMeanwhile.
func queueMove(b *pgx.Batch, r resource.Resource, from *int64, c resource.Change, action string, detail map[string]any) {
	var to *int64
	if r.Owner != nil {
		to = &r.Owner.ID
	}
	if detail == nil {
		detail = map[string]any{}
	}
	b.Queue(`WITH h AS (INSERT INTO ownership_history
			(resource_id, epoch, actor_id, from_owner, to_owner, path, reason, rule, rule_version)
			VALUES ($1, $2, $3, $4, $5, $6, nullif($7, ''), nullif($8, ''), nullif($9, '')))
		INSERT INTO audit_log (actor_id, action, subject, detail) SELECT $3, $10, $11, $12 WHERE $10 <> ''`,
		r.ID, r.Epoch, c.ActorID, from, to, c.Path, c.Reason, c.Rule, c.RuleVersion, action, resourceSubject(r.ID), detail)
}

// movedMeanwhile names a second history row for one epoch: another move of
// the resource committed first.
func movedMeanwhile(err error) error {
	if isUniqueViolation(err, "ownership_history_resource_id_epoch_key") {
		return fault.Wrap(err, fault.Conflict, "the resource changed hands meanwhile")
	}
	return err
}
