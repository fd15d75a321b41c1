package store

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/jackc/pgx/v5"

	"github.com/tide-crm/tide/fault"
	"github.com/tide-crm/tide/people"
	"github.com/tide-crm/tide/rules"
)

const ruleColumns = `v.rule, v.version, v.expression, v.state, v.author_id, u.name, v.comment, v.fixtures,
	v.created_at, v.activated_at, v.retired_at`

const ruleFrom = ` FROM rule_versions v LEFT JOIN users u ON u.id = v.author_id `

func scanRule(row pgx.Row) (rules.Version, error) {
	var v rules.Version
	var authorID *int64
	var authorName *string
	err := row.Scan(&v.Rule, &v.Version, &v.Expression, &v.State, &authorID, &authorName, &v.Comment, &v.Fixtures,
		&v.CreatedAt, &v.ActivatedAt, &v.RetiredAt)
	if authorID != nil {
		v.Author = &people.UserRef{ID: *authorID, Name: deref(authorName)}
	}
	return v, err
}

func (s *Store) queryRules(ctx context.Context, where string, args ...any) ([]rules.Version, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+ruleColumns+ruleFrom+where, args...)
	if err != nil {
		return nil, dbErr(err)
	}
	vs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (rules.Version, error) { return scanRule(r) })
	return vs, dbErr(err)
}

// ActiveRules returns the active version of every rule.
func (s *Store) ActiveRules(ctx context.Context) ([]rules.Version, error) {
	return s.queryRules(ctx, `WHERE v.state = 'active' ORDER BY v.rule`)
}

// RuleVersions returns every version of a rule, newest first.
func (s *Store) RuleVersions(ctx context.Context, rule string) ([]rules.Version, error) {
	return s.queryRules(ctx, `WHERE v.rule = $1 ORDER BY v.version DESC`, rule)
}

// RuleVersion returns one version, or NotFound.
func (s *Store) RuleVersion(ctx context.Context, rule string, version int) (rules.Version, error) {
	v, err := scanRule(s.pool.QueryRow(ctx, `SELECT `+ruleColumns+ruleFrom+` WHERE v.rule = $1 AND v.version = $2`, rule, version))
	return v, dbErr(err)
}

// EnsureDefaultRule installs the shipped default of a rule as its active
// version 1 unless the rule has versions already.
func (s *Store) EnsureDefaultRule(ctx context.Context, rule, expression string) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO rule_versions (rule, version, expression, state, comment, activated_at)
		SELECT $1, 1, $2, 'active', 'shipped default', now()
		WHERE NOT EXISTS (SELECT 1 FROM rule_versions WHERE rule = $1)`, rule, expression)
	if isUniqueViolation(err, "") { // a concurrent process installed it
		return nil
	}
	return dbErr(err)
}

// CreateRuleVersion adds a draft version numbered after the rule's last.
func (s *Store) CreateRuleVersion(ctx context.Context, rule, expression, comment string, fixtures json.RawMessage, author int64) (rules.Version, error) {
	var v rules.Version
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// Serialise version numbering per rule.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('rule:' || $1))`, rule); err != nil {
			return dbErr(err)
		}
		var err error
		v, err = scanRule(tx.QueryRow(ctx, `WITH v AS (
				INSERT INTO rule_versions (rule, version, expression, comment, fixtures, author_id)
				SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5 FROM rule_versions WHERE rule = $1
				RETURNING *)
			SELECT `+ruleColumns+` FROM v LEFT JOIN users u ON u.id = v.author_id`, rule, expression, comment, fixtures, author))
		if err != nil {
			return dbErr(err)
		}
		return audit(ctx, tx, &author, "rule.create", "rule/"+rule, map[string]any{"version": v.Version})
	})
	return v, err
}

// ActivateRuleVersion makes a version the rule's active one and retires the
// one before, in one transaction with its audit row. check runs on the
// locked version first (compile, fixtures); its error refuses the
// activation. The database trigger then announces it on tide_rules.
func (s *Store) ActivateRuleVersion(ctx context.Context, rule string, version int, actor int64, check func(rules.Version) error) (rules.Version, error) {
	var v rules.Version
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		v, err = scanRule(tx.QueryRow(ctx, `SELECT `+ruleColumns+ruleFrom+` WHERE v.rule = $1 AND v.version = $2 FOR UPDATE OF v`, rule, version))
		if err != nil {
			return dbErr(err)
		}
		switch v.State {
		case rules.Active:
			return fault.New(fault.Conflict, "%s version %d is already active", rule, version)
		case rules.Retired:
			return fault.New(fault.Conflict, "%s version %d is retired; create a new version instead", rule, version)
		}
		if err := check(v); err != nil {
			return err
		}
		var previous *int
		err = tx.QueryRow(ctx, `UPDATE rule_versions SET state = 'retired', retired_at = now()
			WHERE rule = $1 AND state = 'active' RETURNING version`, rule).Scan(&previous)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return dbErr(err)
		}
		// The answer is the row as activated: its state and activated_at as
		// the database wrote them (the version read above still said draft).
		if err := tx.QueryRow(ctx, `UPDATE rule_versions SET state = 'active', activated_at = now()
			WHERE rule = $1 AND version = $2 RETURNING state, activated_at`, rule, version).Scan(&v.State, &v.ActivatedAt); err != nil {
			return dbErr(err)
		}
		return audit(ctx, tx, &actor, "rule.activate", "rule/"+rule, map[string]any{"version": version, "retired": previous})
	})
	return v, err
}

// RecordDecision logs a decision no other table keeps (a refusal).
func (s *Store) RecordDecision(ctx context.Context, d rules.Record) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO rule_decisions (rule, version, subject, actor_id, value) VALUES ($1, $2, $3, $4, $5)`,
		d.Rule, d.Version, d.Subject, d.ActorID, d.Value)
	return dbErr(err)
}

// RuleDecisions returns a rule's recent decisions, newest first: those of
// the decisions log and those kept where they took effect — the ownership
// history, an approval's deadline, a filing's review deadline.
func (s *Store) RuleDecisions(ctx context.Context, rule string, limit int) ([]rules.Record, error) {
	rows, err := s.pool.Query(ctx, `SELECT at, rule, version, subject, actor_id, value FROM (
			SELECT at, rule, version, subject, actor_id, value FROM rule_decisions WHERE rule = $1
			UNION ALL
			SELECT at, rule, rule_version::int, 'resource/' || resource_id, actor_id,
				jsonb_build_object('path', path, 'to_owner', to_owner)
			FROM ownership_history WHERE rule = $1 AND rule_version ~ '^[0-9]+$'
			UNION ALL -- an approval's entry or name-correction deadline (R9, R10)
			SELECT coalesce(decided_at, updated_at), deadline_rule, deadline_version::int, 'application/' || id, decided_by,
				jsonb_build_object('deadline', deadline, 'mode', mode)
			FROM applications WHERE deadline_rule = $1 AND deadline_version ~ '^[0-9]+$'
			UNION ALL -- a filing's review deadline
			SELECT created_at, review_rule, review_version::int, 'application/' || id, applicant_id,
				jsonb_build_object('review_by', review_by)
			FROM applications WHERE review_rule = $1 AND review_version ~ '^[0-9]+$') d
		ORDER BY at DESC LIMIT $2`, rule, limit)
	if err != nil {
		return nil, dbErr(err)
	}
	ds, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (rules.Record, error) {
		var d rules.Record
		return d, r.Scan(&d.At, &d.Rule, &d.Version, &d.Subject, &d.ActorID, &d.Value)
	})
	return ds, dbErr(err)
}
