-- Signing ends expiry (R14); notifications tell users what happened to
-- their resources: reminders, expiries, referrals (R5, R14).

ALTER TABLE resources ADD COLUMN signed_at timestamptz;

CREATE TABLE notifications (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id    bigint NOT NULL REFERENCES users,
  kind       text NOT NULL CHECK (kind IN ('expiry_reminder', 'expired', 'referral', 'application')),
  subject    text NOT NULL,
  body       text NOT NULL,
  -- dedup makes a retried activity notify once: e.g. remind:resource/7:3.
  dedup      text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at    timestamptz
);
CREATE INDEX notifications_user ON notifications (user_id, created_at DESC);
