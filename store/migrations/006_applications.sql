-- Applications (R8, R11): a rep's pick-in application or an assistant's
-- special application, reviewed by sales support. An open application
-- reserves its collision keys in the same unique index resources use, so
-- that whoever applied or entered first stands (R6) under any concurrency.

CREATE TABLE applications (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  type         text NOT NULL CHECK (type IN ('pick_in', 'assistant_special')),
  applicant_id bigint NOT NULL REFERENCES users,
  for_rep_id   bigint NOT NULL REFERENCES users,
  resource_id  bigint REFERENCES resources, -- a pick-in of an existing public resource
  kind         text NOT NULL CHECK (kind IN ('enterprise', 'individual')),
  name         text NOT NULL CHECK (name <> ''),
  region       text NOT NULL,
  company_key  text NOT NULL,
  proposed     jsonb NOT NULL DEFAULT '{}', -- the proposed resource, normalised
  reason       text NOT NULL DEFAULT '',
  state        text NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'approved', 'rejected', 'entered', 'lapsed')),
  search       jsonb NOT NULL DEFAULT '{}', -- the collision search run at filing (R11)
  mode         text CHECK (mode IN ('self_entry', 'assign')),   -- set on approval
  deadline     timestamptz,                                      -- R9/R10, set on approval
  deadline_rule    text,
  deadline_version text,
  decided_by   bigint REFERENCES users,
  decided_at   timestamptz,
  entered_resource_id bigint REFERENCES resources,              -- the entry that completed it
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX applications_open_resource ON applications (resource_id)
  WHERE resource_id IS NOT NULL AND state IN ('pending', 'approved');
CREATE INDEX applications_open ON applications (created_at) WHERE state = 'pending';
CREATE INDEX applications_for ON applications (for_rep_id, created_at DESC);

-- Every step of an application, append-only.
CREATE TABLE application_events (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_id bigint NOT NULL REFERENCES applications,
  at             timestamptz NOT NULL DEFAULT now(),
  actor_id       bigint REFERENCES users,
  event          text NOT NULL,
  detail         jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX application_events_app ON application_events (application_id, id);
CREATE TRIGGER application_events_append_only BEFORE UPDATE OR DELETE ON application_events
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- A collision key is held by a resource or by an open application.
ALTER TABLE collision_keys ALTER COLUMN resource_id DROP NOT NULL;
ALTER TABLE collision_keys ADD COLUMN application_id bigint REFERENCES applications;
ALTER TABLE collision_keys ADD CONSTRAINT collision_keys_one_holder CHECK (num_nonnulls(resource_id, application_id) = 1);
CREATE INDEX collision_keys_application ON collision_keys (application_id) WHERE application_id IS NOT NULL;
