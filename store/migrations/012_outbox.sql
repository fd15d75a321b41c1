-- The outbox: workflow commands a move records in its own transaction. A
-- dispatcher in every api and worker process sends the due ones to Temporal
-- (claiming them with SKIP LOCKED, so several dispatchers share the work)
-- and deletes each once Temporal has it; a failure is retried later.
CREATE TABLE outbox (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('start', 'end')),
  workflow_type text NOT NULL DEFAULT '',
  workflow_id   text NOT NULL CHECK (workflow_id <> ''),
  epoch         int NOT NULL DEFAULT 0,
  input         jsonb NOT NULL DEFAULT 'null',
  memo          jsonb NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now(),
  attempts      int NOT NULL DEFAULT 0,
  next_at       timestamptz NOT NULL DEFAULT now(),
  last_error    text
);
CREATE INDEX outbox_due ON outbox (next_at, id);
CREATE INDEX outbox_workflow ON outbox (workflow_id, id);
