-- Schema v1: users and their sessions, resources with their numbers, contacts
-- and collision keys, the append-only ownership history and audit log.
-- Constraints live here, not only in Go: the database is the last line.

CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;

CREATE TABLE users (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username         text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9_.-]{1,63}$'),
  name             text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  role             text NOT NULL CHECK (role IN ('rep', 'assistant', 'support', 'admin')),
  password_hash    text NOT NULL CHECK (password_hash <> ''),
  email            text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$'),
  mobile           text,
  trade_manager_id text,
  confirmed_at     timestamptz,
  disabled_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- A session is a bearer token; only its SHA-256 is stored.
CREATE TABLE sessions (
  token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
  user_id    bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  CHECK (expires_at > created_at)
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE resources (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('enterprise', 'individual')),
  name            text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  region          text NOT NULL CHECK (length(btrim(region)) BETWEEN 1 AND 100),
  company_key     text NOT NULL CHECK (company_key <> ''),
  sea             text NOT NULL CHECK (sea IN ('public', 'private')),
  owner_id        bigint REFERENCES users,
  protected_until timestamptz,
  -- epoch counts ownership changes; workflows and activities carry the epoch
  -- they were started for, so a stale one can never move a newer ownership.
  epoch           integer NOT NULL DEFAULT 1 CHECK (epoch > 0),
  created_by      bigint NOT NULL REFERENCES users,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((sea = 'private') = (owner_id IS NOT NULL)),
  CHECK ((sea = 'private') = (protected_until IS NOT NULL))
);
CREATE INDEX resources_owner ON resources (owner_id, protected_until) WHERE owner_id IS NOT NULL;
CREATE INDEX resources_public ON resources (id) WHERE sea = 'public';

CREATE TABLE contacts (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  resource_id bigint NOT NULL REFERENCES resources ON DELETE CASCADE,
  name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  title       text,
  email       text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contacts_resource ON contacts (resource_id);

-- Every number a resource or one of its contacts carries.
CREATE TABLE resource_numbers (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  resource_id bigint NOT NULL REFERENCES resources ON DELETE CASCADE,
  contact_id  bigint REFERENCES contacts ON DELETE CASCADE,
  type        text NOT NULL CHECK (type IN ('mobile', 'landline', 'fax')),
  raw         text NOT NULL CHECK (raw <> ''),
  normalized  text NOT NULL CHECK (normalized <> ''),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX resource_numbers_resource ON resource_numbers (resource_id);
CREATE INDEX resource_numbers_normalized ON resource_numbers (normalized);

-- The collision keys (R2): one row per company key and per distinct normalised
-- number. The primary key makes two resources sharing a key impossible, which
-- is what makes entry first-come-first-served under any concurrency (R6).
CREATE TABLE collision_keys (
  key_type    text NOT NULL CHECK (key_type IN ('company', 'number')),
  key         text NOT NULL CHECK (key <> ''),
  resource_id bigint NOT NULL REFERENCES resources ON DELETE CASCADE,
  PRIMARY KEY (key_type, key)
);
CREATE INDEX collision_keys_resource ON collision_keys (resource_id);

-- Every ownership change, append-only.
CREATE TABLE ownership_history (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  resource_id  bigint NOT NULL REFERENCES resources,
  epoch        integer NOT NULL,
  at           timestamptz NOT NULL DEFAULT now(),
  actor_id     bigint REFERENCES users, -- NULL: the system (an expiry)
  from_owner   bigint REFERENCES users,
  to_owner     bigint REFERENCES users,
  path         text NOT NULL CHECK (path IN ('entry', 'pick', 'assignment', 'application',
                                             'expiry', 'release', 'confirm_kind')),
  reason       text,
  rule         text,
  rule_version text,
  UNIQUE (resource_id, epoch)
);
CREATE TRIGGER ownership_history_append_only BEFORE UPDATE OR DELETE ON ownership_history
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE audit_log (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at       timestamptz NOT NULL DEFAULT now(),
  actor_id bigint REFERENCES users,
  action   text NOT NULL CHECK (action <> ''),
  subject  text NOT NULL,
  detail   jsonb NOT NULL DEFAULT '{}'
);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
