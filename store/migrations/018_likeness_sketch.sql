-- The likeness index carries what likeness.Weigh needs of a resource — its
-- trade name, industry and contact names (joined by U+001F, which no typed
-- name holds) beside the city it already had —
-- so that a search weighs the resources it meets from the index alone, in
-- an index-only scan, and reads only those that reach the threshold. A row
-- whose trade_name or contacts is NULL was keyed before (keys version 1)
-- or has too many contacts to carry: the search reads that resource.
ALTER TABLE likeness_keys ADD COLUMN trade_name text, ADD COLUMN industry text, ADD COLUMN contacts text;
ALTER TABLE likeness_keys DROP CONSTRAINT likeness_keys_pkey,
  ADD PRIMARY KEY (kind, value, resource_id) INCLUDE (prefecture, trade_name, industry, contacts);
