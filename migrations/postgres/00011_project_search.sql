-- Searching the register: full-text search over each project's reference, title and summary. The text is
-- cut into words at every character that is not a letter or digit, and the 'simple' configuration keeps
-- each word as written (lower-cased, no stemming, no stop words), so that PostgreSQL finds exactly what
-- SQLite's FTS5 index (its migration 00011) finds.
--
-- The words are kept in generated columns rather than recomputed from an expression index: a search then
-- reads them instead of running the regular expression again for every candidate row, and the ranking
-- (projects whose reference or title has every word come first) reads search_head the same way.

-- +goose Up
ALTER TABLE projects
    ADD COLUMN search_document tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, regexp_replace(reference || ' ' || title || ' ' || summary, '[^[:alnum:]]+', ' ', 'g'))
    ) STORED,
    ADD COLUMN search_head tsvector GENERATED ALWAYS AS (
        to_tsvector('simple'::regconfig, regexp_replace(reference || ' ' || title, '[^[:alnum:]]+', ' ', 'g'))
    ) STORED;
CREATE INDEX projects_search ON projects USING GIN (search_document);

-- +goose Down
DROP INDEX projects_search;
ALTER TABLE projects DROP COLUMN search_head, DROP COLUMN search_document;
