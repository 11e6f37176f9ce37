-- Accounts, selling, moderation, favorites and search (SQLite).
-- Keep in step with ../postgres/0002_accounts_selling_search.sql.

-- Bumped to end every session of a user at once (password change or reset, suspension).
ALTER TABLE users ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0;

-- Single-use links mailed to users; only a hash of the token is kept.
CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('verify', 'reset')),
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose);

-- Mail that was not sent through SMTP (development), newest last.
CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY,
    recipient  TEXT NOT NULL,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    link       TEXT,
    created_at INTEGER NOT NULL
);

-- Failed logins, per scope ('account:<email>' or 'client:<address>'), for throttling.
CREATE TABLE login_failures (
    id    INTEGER PRIMARY KEY,
    scope TEXT NOT NULL,
    at    INTEGER NOT NULL
);
CREATE INDEX login_failures_scope ON login_failures (scope, at);

CREATE TABLE favorites (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    service_id INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, service_id)
);

-- Images a user uploaded; a service may use only its seller's uploads.
CREATE TABLE uploads (
    path       TEXT PRIMARY KEY,
    owner_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    thumb_path TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX uploads_owner ON uploads (owner_id);

ALTER TABLE service_images ADD COLUMN thumb_path TEXT;

-- An edit of a live service, waiting for review while the published version stays.
CREATE TABLE service_revisions (
    service_id   INTEGER PRIMARY KEY REFERENCES services (id) ON DELETE CASCADE,
    payload      TEXT NOT NULL,                 -- the ServiceDraft as JSON
    state        TEXT NOT NULL CHECK (state IN ('pending', 'rejected')),
    reason       TEXT,
    submitted_at INTEGER NOT NULL
);

-- Search: `search_text` is written by the application (shared::search_text::index_text,
-- Arabic normalization that SQLite cannot do) and indexed by an external-content FTS5
-- table kept in step by triggers.
ALTER TABLE services ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN submitted_at INTEGER;

CREATE VIRTUAL TABLE services_fts USING fts5(
    search_text,
    content = 'services',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER services_fts_insert AFTER INSERT ON services BEGIN
    INSERT INTO services_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER services_fts_delete AFTER DELETE ON services BEGIN
    INSERT INTO services_fts (services_fts, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER services_fts_update AFTER UPDATE OF search_text ON services BEGIN
    INSERT INTO services_fts (services_fts, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
    INSERT INTO services_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
