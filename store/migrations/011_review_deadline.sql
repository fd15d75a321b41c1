-- An open application holds its company's keys (R6). It must not hold them
-- forever: sales support decides it before review_by, decided by the rule
-- application.review_deadline (recorded with its version, R22), or it
-- lapses by itself (the application-review workflow) and frees them.
-- Applications filed before this migration have none and keep waiting.
ALTER TABLE applications
  ADD COLUMN review_by timestamptz,
  ADD COLUMN review_rule text,
  ADD COLUMN review_version text;
