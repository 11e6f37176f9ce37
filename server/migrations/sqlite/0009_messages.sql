-- Conversations outside an order (sqlite). Keep in step with ../postgres/0009_messages.sql.
-- One conversation per asker and service. The last message and each side's unread count
-- are kept on the row, so the inbox and the header's badge read one row per conversation.
CREATE TABLE conversations (
    id                INTEGER PRIMARY KEY,
    service_id        INTEGER NOT NULL REFERENCES services (id),
    asker_id          INTEGER NOT NULL REFERENCES users (id),
    seller_id         INTEGER NOT NULL REFERENCES users (id),
    created_at        INTEGER NOT NULL,
    last_at           INTEGER NOT NULL,
    last_author_id    INTEGER NOT NULL REFERENCES users (id),
    last_snippet      TEXT NOT NULL DEFAULT '',
    asker_unread      INTEGER NOT NULL DEFAULT 0,
    seller_unread     INTEGER NOT NULL DEFAULT 0,
    -- The seller's first message: their response time for the level.
    seller_replied_at INTEGER
);
CREATE UNIQUE INDEX conversations_asker_service ON conversations (asker_id, service_id);
CREATE INDEX conversations_asker ON conversations (asker_id, last_at);
CREATE INDEX conversations_seller ON conversations (seller_id, last_at);

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id),
    author_id       INTEGER NOT NULL REFERENCES users (id),
    body            TEXT NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);

-- Files sent in a conversation, private like an order's: `message_id` is set when the
-- uploader's next message carries them.
CREATE TABLE message_files (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id),
    uploader_id     INTEGER NOT NULL REFERENCES users (id),
    message_id      INTEGER REFERENCES messages (id),
    name            TEXT NOT NULL,
    stored          TEXT NOT NULL,
    mime            TEXT NOT NULL,
    size_bytes      INTEGER NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX message_files_conversation ON message_files (conversation_id, id);

ALTER TABLE notifications ADD COLUMN conversation_id INTEGER REFERENCES conversations (id);
