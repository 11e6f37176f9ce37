-- Search speed (sqlite). Keep in step with ../postgres/0012_search_speed.sql.
--
-- A query term is a prefix ("موقع"*). Without a prefix index FTS5 merges the doclists of
-- every word that starts with it; with one, a prefix of 2 to 6 letters is one doclist.
-- Matches and bm25 scores are unchanged: the index is rebuilt from the same text.
DROP TRIGGER services_fts_insert;
DROP TRIGGER services_fts_delete;
DROP TRIGGER services_fts_update;
DROP TABLE services_fts;
CREATE VIRTUAL TABLE services_fts USING fts5(
    search_text,
    content = 'services',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3 4 5 6'
);
INSERT INTO services_fts (services_fts) VALUES ('rebuild');

-- Counts every change to the indexed text. A ranking (bm25 depends on every row of the
-- index) kept by the server is reused only while this has not moved.
CREATE TABLE search_index_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO search_index_version (id, version) VALUES (1, 0);

CREATE TRIGGER services_fts_insert AFTER INSERT ON services BEGIN
    INSERT INTO services_fts (rowid, search_text) VALUES (new.id, new.search_text);
    UPDATE search_index_version SET version = version + 1;
END;
CREATE TRIGGER services_fts_delete AFTER DELETE ON services BEGIN
    INSERT INTO services_fts (services_fts, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
    UPDATE search_index_version SET version = version + 1;
END;
CREATE TRIGGER services_fts_update AFTER UPDATE OF search_text ON services BEGIN
    INSERT INTO services_fts (services_fts, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
    INSERT INTO services_fts (rowid, search_text) VALUES (new.id, new.search_text);
    UPDATE search_index_version SET version = version + 1;
END;
