-- Searching the register: a full-text index over each project's reference, title and summary. The text is
-- cut into words at every character that is not a letter or digit, and the 'simple' configuration keeps
-- each word as written (lower-cased, no stemming, no stop words), so that PostgreSQL finds exactly what
-- SQLite's FTS5 index (its migration 00011) finds. The store's search uses this same expression.

-- A second index over the reference and title alone ranks a search (projects whose reference or title has
-- every word come first) without recomputing anyone's words row by row.

-- +goose Up
CREATE INDEX projects_search ON projects USING GIN (
    to_tsvector('simple'::regconfig, regexp_replace(reference || ' ' || title || ' ' || summary, '[^[:alnum:]]+', ' ', 'g'))
);
CREATE INDEX projects_search_head ON projects USING GIN (
    to_tsvector('simple'::regconfig, regexp_replace(reference || ' ' || title, '[^[:alnum:]]+', ' ', 'g'))
);

-- +goose Down
DROP INDEX projects_search_head;
DROP INDEX projects_search;
