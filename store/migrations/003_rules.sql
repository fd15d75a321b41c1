-- Rules are data (R22): immutable versions of expr expressions, exactly one
-- active per rule, activations announced on the channel tide_rules; every
-- decision a rule makes is logged with its version. The working-day
-- calendar's admin overrides (R16).

CREATE TABLE rule_versions (
  rule         text NOT NULL CHECK (rule ~ '^[a-z_]+(\.[a-z_]+)*$'),
  version      integer NOT NULL CHECK (version > 0),
  expression   text NOT NULL CHECK (expression <> '' AND length(expression) <= 4000),
  state        text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'active', 'retired')),
  author_id    bigint REFERENCES users, -- NULL: shipped with tide
  comment      text NOT NULL DEFAULT '',
  fixtures     jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(fixtures) = 'array'),
  created_at   timestamptz NOT NULL DEFAULT now(),
  activated_at timestamptz,
  retired_at   timestamptz,
  PRIMARY KEY (rule, version)
);
CREATE UNIQUE INDEX rule_versions_one_active ON rule_versions (rule) WHERE state = 'active';

-- A version is immutable; only its state moves, and only forward.
CREATE FUNCTION rule_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.expression IS DISTINCT FROM OLD.expression OR NEW.fixtures IS DISTINCT FROM OLD.fixtures
     OR NEW.comment IS DISTINCT FROM OLD.comment OR NEW.author_id IS DISTINCT FROM OLD.author_id
     OR NEW.rule IS DISTINCT FROM OLD.rule OR NEW.version IS DISTINCT FROM OLD.version THEN
    RAISE EXCEPTION 'rule versions are immutable' USING ERRCODE = 'restrict_violation';
  END IF;
  IF NOT ((OLD.state = 'draft' AND NEW.state IN ('draft', 'active'))
       OR (OLD.state = 'active' AND NEW.state IN ('active', 'retired'))
       OR (OLD.state = 'retired' AND NEW.state = 'retired')) THEN
    RAISE EXCEPTION 'rule version state % cannot become %', OLD.state, NEW.state USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER rule_versions_immutable BEFORE UPDATE ON rule_versions
  FOR EACH ROW EXECUTE FUNCTION rule_version_immutable();
CREATE TRIGGER rule_versions_no_delete BEFORE DELETE ON rule_versions
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Every process reloads its rules when this fires (LISTEN tide_rules).
CREATE FUNCTION rule_version_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tide_rules', NEW.rule || ':' || NEW.version);
  RETURN NEW;
END $$;
CREATE TRIGGER rule_versions_announce AFTER INSERT OR UPDATE OF state ON rule_versions
  FOR EACH ROW WHEN (NEW.state = 'active') EXECUTE FUNCTION rule_version_announce();

-- Decisions made by rules that no other table records (a refusal, a test).
CREATE TABLE rule_decisions (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at       timestamptz NOT NULL DEFAULT now(),
  rule     text NOT NULL,
  version  integer NOT NULL,
  subject  text NOT NULL,
  actor_id bigint REFERENCES users,
  value    jsonb NOT NULL,
  FOREIGN KEY (rule, version) REFERENCES rule_versions
);
CREATE INDEX rule_decisions_rule ON rule_decisions (rule, at DESC);
CREATE TRIGGER rule_decisions_append_only BEFORE UPDATE OR DELETE ON rule_decisions
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE calendar_overrides (
  date       date PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('workday', 'makeup', 'holiday', 'weekend')),
  note       text NOT NULL DEFAULT '',
  author_id  bigint NOT NULL REFERENCES users,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- An override changes deadlines too: announce it like an activation.
CREATE FUNCTION calendar_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tide_rules', 'calendar');
  RETURN NULL;
END $$;
CREATE TRIGGER calendar_overrides_announce AFTER INSERT OR UPDATE OR DELETE ON calendar_overrides
  FOR EACH STATEMENT EXECUTE FUNCTION calendar_announce();
