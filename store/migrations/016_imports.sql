-- Bulk import (导入): an uploaded file is checked row by row without
-- entering anything, kept with each row's verdict, and committed later by
-- the workflow import/<id> in batches. A row's result is written in the
-- transaction that enters it, so a retried batch never enters a row twice.

CREATE TABLE imports (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_by       bigint NOT NULL REFERENCES users,
  target           text NOT NULL CHECK (target IN ('public', 'mine')),
  file_name        text NOT NULL,
  state            text NOT NULL DEFAULT 'checked' CHECK (state IN ('checked', 'running', 'cancelled', 'done')),
  total            integer NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  finished_at      timestamptz,
  cancel_requested boolean NOT NULL DEFAULT false
);
CREATE INDEX imports_creator ON imports (created_by, id DESC);

CREATE TABLE import_rows (
  import_id   bigint NOT NULL REFERENCES imports ON DELETE CASCADE,
  line        integer NOT NULL,            -- the row's line in the file (2: the first after the headers)
  fields      jsonb NOT NULL,              -- the row as uploaded, by the template's Chinese headers
  verdict     text NOT NULL CHECK (verdict IN ('enter', 'collides', 'duplicate', 'invalid', 'over_capacity')),
  detail      jsonb NOT NULL DEFAULT '{}', -- the check's key and numbers, hits, earlier line or problems
  result      text CHECK (result IN ('entered', 'refused')),
  resource_id bigint REFERENCES resources,
  reason      jsonb,                       -- why the commit refused the row
  done_at     timestamptz,
  PRIMARY KEY (import_id, line)
);
CREATE INDEX import_rows_todo ON import_rows (import_id, line) WHERE result IS NULL;

-- Resources an import loaded into the public sea carry the path 'import'.
ALTER TABLE ownership_history DROP CONSTRAINT ownership_history_path_check;
ALTER TABLE ownership_history ADD CONSTRAINT ownership_history_path_check CHECK (path IN ('entry', 'pick', 'assignment',
  'application', 'expiry', 'release', 'confirm_kind', 'import'));
