-- R11: an application filed while its search could not answer is searched
-- again by the application-search workflow. The keys it would reserve are
-- kept with it for that search.
ALTER TABLE applications ADD COLUMN keys jsonb NOT NULL DEFAULT '[]';
