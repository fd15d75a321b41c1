-- Possible duplicates (疑似撞单, package likeness): the index a near miss is
-- found by, and the pairs raised to sales support.
--
-- likeness_keys holds each resource's keys — its trade name, the trade
-- name's pinyin, one-character masks and deletions, a contact's name in a
-- city, a company mail domain — computed in Go (pinyin and the name parse
-- are there). A search looks them up by equality on the primary key's
-- b-tree. Not pg_trgm on trade names: under tide's C collation pg_trgm
-- ignores CJK characters, and a two-character trade name has no trigram to
-- share with its homophone. prefecture lets a rule weigh how common a
-- trade name is in one city (trade_name_holders).
CREATE TABLE likeness_keys (
  kind        text NOT NULL CHECK (kind IN ('trade', 'pinyin', 'mask', 'del', 'contact', 'domain')),
  value       text NOT NULL CHECK (value <> ''),
  resource_id bigint NOT NULL REFERENCES resources ON DELETE CASCADE,
  prefecture  text NOT NULL DEFAULT '',
  PRIMARY KEY (kind, value, resource_id)
);
CREATE INDEX likeness_keys_resource ON likeness_keys (resource_id);

-- The version of the key algorithm a resource's keys were made by; 0: none
-- yet (resources entered before this migration). Every process keys the
-- resources behind the version it knows when it starts (store.KeyLikeness).
ALTER TABLE resources ADD COLUMN likeness_keyed smallint NOT NULL DEFAULT 0;
CREATE INDEX resources_likeness_keyed ON resources (likeness_keyed, id);

-- A pair raised to sales support: the earlier resource (first come, R6)
-- and the later. One row per pair for ever: "different" closes it, and the
-- same pair is never raised again; "same" records what was done.
CREATE TABLE likeness_pairs (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  earlier_id   bigint NOT NULL REFERENCES resources,
  later_id     bigint NOT NULL REFERENCES resources,
  score        integer NOT NULL CHECK (score BETWEEN 0 AND 100),
  reasons      jsonb NOT NULL CHECK (jsonb_typeof(reasons) = 'array'),
  rule_version text NOT NULL,
  action       text NOT NULL CHECK (action IN ('entry', 'identity_edit', 'contact', 'import')),
  raised_by    bigint REFERENCES users,
  raised_at    timestamptz NOT NULL DEFAULT now(),
  state        text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'same', 'different')),
  decided_by   bigint REFERENCES users,
  decided_at   timestamptz,
  outcome      jsonb,
  CHECK (earlier_id < later_id),
  UNIQUE (earlier_id, later_id),
  CHECK ((state = 'open') = (decided_at IS NULL))
);
CREATE INDEX likeness_pairs_open ON likeness_pairs (score DESC, id) WHERE state = 'open';
CREATE INDEX likeness_pairs_later ON likeness_pairs (later_id);

-- "Same company" moves the later resource (to the earlier's owner, or to
-- the public sea) on the path 'duplicate'.
ALTER TABLE ownership_history DROP CONSTRAINT ownership_history_path_check;
ALTER TABLE ownership_history ADD CONSTRAINT ownership_history_path_check CHECK (path IN ('entry', 'pick', 'assignment',
  'application', 'expiry', 'release', 'confirm_kind', 'import', 'duplicate'));
