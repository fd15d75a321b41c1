-- Find (R20): ?q= looks for a part of a name, of a contact's name, of a
-- company key or of a number. Trigram indexes let each part be found
-- without reading every row; pg_trgm ships with PostgreSQL and is a trusted
-- extension, so the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX resources_name_trgm ON resources USING gin (lower(name) gin_trgm_ops);
CREATE INDEX resources_key_trgm ON resources USING gin (company_key gin_trgm_ops);
CREATE INDEX contacts_name_trgm ON contacts USING gin (lower(name) gin_trgm_ops) WHERE removed_at IS NULL;
CREATE INDEX resource_numbers_trgm ON resource_numbers USING gin (normalized gin_trgm_ops);

-- Texts under three characters have no trigram (a trade name, 恒远; a
-- Chinese given name, 张伟): they match whole names and trade names, through
-- b-tree indexes.
CREATE INDEX resources_name_lower ON resources (lower(name));
CREATE INDEX resources_trade_name ON resources (trade_name);
CREATE INDEX contacts_name_lower ON contacts (lower(name)) WHERE removed_at IS NULL;
