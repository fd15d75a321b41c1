-- Customer 360 (R12, R19, R20): contacts that can be edited and removed,
-- append-only contact notes with a 24-hour edit window, the rule version
-- behind each protection deadline, and the collisions a resource met.

ALTER TABLE contacts ADD COLUMN trade_manager_id text;
ALTER TABLE contacts ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
-- A removed contact is kept for the notes that name it; its numbers go.
ALTER TABLE contacts ADD COLUMN removed_at timestamptz;

ALTER TABLE resources ADD COLUMN last_contact_at timestamptz;
-- The rule version that set protected_until (R22), shown in the 360.
ALTER TABLE resources ADD COLUMN protection_rule text;
ALTER TABLE resources ADD COLUMN protection_rule_version text;

-- Contact notes (联系小计, R19).
CREATE TABLE notes (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  resource_id bigint NOT NULL REFERENCES resources,
  author_id   bigint NOT NULL REFERENCES users,
  at          timestamptz NOT NULL, -- when the contact happened
  channel     text NOT NULL CHECK (channel IN ('phone', 'visit', 'im', 'email', 'other')),
  contact_id  bigint REFERENCES contacts,
  summary     text NOT NULL CHECK (length(btrim(summary)) BETWEEN 1 AND 2000),
  next_step   text NOT NULL DEFAULT '' CHECK (length(next_step) <= 500),
  next_at     timestamptz,
  revision    integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revised_at  timestamptz
);
CREATE INDEX notes_resource ON notes (resource_id, at DESC, id DESC);

-- Earlier texts of edited notes, append-only.
CREATE TABLE note_revisions (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  note_id     bigint NOT NULL REFERENCES notes,
  revision    integer NOT NULL,
  at          timestamptz NOT NULL,
  channel     text NOT NULL,
  contact_id  bigint REFERENCES contacts,
  summary     text NOT NULL,
  next_step   text NOT NULL,
  next_at     timestamptz,
  replaced_at timestamptz NOT NULL DEFAULT now(),
  replaced_by bigint NOT NULL REFERENCES users,
  UNIQUE (note_id, revision)
);
CREATE TRIGGER note_revisions_append_only BEFORE UPDATE OR DELETE ON note_revisions
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Notes are never deleted, and edited only within 24 hours of their writing,
-- keeping who wrote them, on which resource, and when.
CREATE FUNCTION notes_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'notes are append-only' USING ERRCODE = 'check_violation', CONSTRAINT = 'notes_append_only';
  END IF;
  IF NEW.resource_id <> OLD.resource_id OR NEW.author_id <> OLD.author_id OR NEW.created_at <> OLD.created_at
     OR OLD.created_at < now() - interval '24 hours' THEN
    RAISE EXCEPTION 'a note is edited only within 24 hours, keeping its resource and author'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'notes_edit_window';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER notes_guard BEFORE UPDATE OR DELETE ON notes FOR EACH ROW EXECUTE FUNCTION notes_guard();

-- Collisions met (R5, R12): a refused entry, pick-in, application, identity
-- edit or contact change, one row per key hit.
CREATE TABLE collisions (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at                 timestamptz NOT NULL DEFAULT now(),
  actor_id           bigint REFERENCES users,
  action             text NOT NULL CHECK (action IN ('entry', 'application', 'identity_edit', 'contact')),
  resource_id        bigint REFERENCES resources, -- the resource edited, for an edit or a contact change
  hit_resource_id    bigint REFERENCES resources,
  hit_application_id bigint REFERENCES applications,
  key_type           text NOT NULL,
  key                text NOT NULL
);
CREATE INDEX collisions_hit ON collisions (hit_resource_id) WHERE hit_resource_id IS NOT NULL;
CREATE INDEX collisions_resource ON collisions (resource_id) WHERE resource_id IS NOT NULL;

ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
  CHECK (kind IN ('expiry_reminder', 'expired', 'referral', 'application', 'collision'));

-- The 360 reads a resource's audited actions (identity edits, contact changes).
CREATE INDEX audit_log_subject ON audit_log (subject, id);
CREATE INDEX applications_pick_in ON applications (resource_id) WHERE resource_id IS NOT NULL;
