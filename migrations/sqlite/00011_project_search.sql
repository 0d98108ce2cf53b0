-- Searching the register: an FTS5 index over each project's reference and title (head) and its summary,
-- kept in step with projects by triggers. unicode61 cuts words at every character that is not a letter or
-- digit and lower-cases them; diacritics are kept, as PostgreSQL's 'simple' configuration keeps them (its
-- migration 00011), so that both databases find the same projects.

-- +goose Up
CREATE VIRTUAL TABLE projects_search USING fts5(head, summary, tokenize = 'unicode61 remove_diacritics 0');

INSERT INTO projects_search (rowid, head, summary) SELECT id, reference || ' ' || title, summary FROM projects;

-- +goose StatementBegin
CREATE TRIGGER projects_search_insert AFTER INSERT ON projects BEGIN
    INSERT INTO projects_search (rowid, head, summary) VALUES (new.id, new.reference || ' ' || new.title, new.summary);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER projects_search_update AFTER UPDATE OF reference, title, summary ON projects BEGIN
    UPDATE projects_search SET head = new.reference || ' ' || new.title, summary = new.summary WHERE rowid = new.id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER projects_search_delete AFTER DELETE ON projects BEGIN
    DELETE FROM projects_search WHERE rowid = old.id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER projects_search_delete;
DROP TRIGGER projects_search_update;
DROP TRIGGER projects_search_insert;
DROP TABLE projects_search;
