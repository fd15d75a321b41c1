-- Capacity in O(1) (R13): each rep's row carries how many resources the
-- rep's private sea holds, kept by the moves themselves in their own
-- transaction (entry, pick and assignment add, release, expiry and the
-- closing of a dual twin subtract). A move into a private sea adds its place
-- last, just before it commits, and checks the capacity rule against the
-- count the update returns: the rep's row is locked only from there to the
-- commit, yet no two concurrent moves can both take the last place.
ALTER TABLE users ADD COLUMN held integer NOT NULL DEFAULT 0 CHECK (held >= 0);

UPDATE users u SET held = c.n
FROM (SELECT owner_id, count(*) AS n FROM resources WHERE owner_id IS NOT NULL GROUP BY owner_id) c
WHERE u.id = c.owner_id;
