-- The collision engine: the parsed parts of each company name, the
-- extension and line kind of each number, and referrals (R3, R4, R5).

ALTER TABLE resources
  ADD COLUMN name_region text NOT NULL DEFAULT '',
  ADD COLUMN trade_name  text NOT NULL DEFAULT '',
  ADD COLUMN industry    text NOT NULL DEFAULT '',
  ADD COLUMN org_form    text NOT NULL DEFAULT '';

ALTER TABLE resource_numbers
  ADD COLUMN extension text NOT NULL DEFAULT '' CHECK (extension ~ '^[0-9]*$'),
  ADD COLUMN line      text NOT NULL DEFAULT 'other'
    CHECK (line IN ('mobile', 'landline', 'toll_free', 'other'));

-- A referral hands a lead that collided with a private resource to that
-- resource's owner (R5). The lead's details are what the requester typed.
CREATE TABLE referrals (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  resource_id bigint NOT NULL REFERENCES resources,
  from_user   bigint NOT NULL REFERENCES users,
  to_user     bigint NOT NULL REFERENCES users,
  note        text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  lead        jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz,
  CHECK (from_user <> to_user)
);
CREATE INDEX referrals_to ON referrals (to_user, created_at DESC);
CREATE INDEX referrals_from ON referrals (from_user, created_at DESC);
