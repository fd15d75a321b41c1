-- Two records when the kind is unknown (R7): an enterprise record that
-- holds the customer's collision keys and an individual twin that points
-- to it. Confirming the kind keeps one; the other is closed: it leaves both
-- seas for good and keeps only its history.

ALTER TABLE resources ADD COLUMN twin_of bigint REFERENCES resources;
ALTER TABLE resources DROP CONSTRAINT resources_sea_check;
ALTER TABLE resources ADD CONSTRAINT resources_sea_check CHECK (sea IN ('public', 'private', 'closed'));
CREATE INDEX resources_twin ON resources (twin_of) WHERE twin_of IS NOT NULL;
