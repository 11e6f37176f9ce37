-- Buyer requests and sellers' offers (sqlite). Keep in step with ../postgres/0011_requests.sql.
CREATE TABLE requests (
    id               INTEGER PRIMARY KEY,
    buyer_id         INTEGER NOT NULL REFERENCES users (id),
    category_id      INTEGER NOT NULL REFERENCES categories (id),
    title            TEXT NOT NULL,
    description      TEXT NOT NULL,
    -- Normalized like the services' search text (`shared::search_text::index_text`).
    search_text      TEXT NOT NULL,
    budget_min_cents INTEGER NOT NULL CHECK (budget_min_cents >= 500),
    budget_max_cents INTEGER NOT NULL CHECK (budget_max_cents >= budget_min_cents),
    delivery_days    INTEGER NOT NULL CHECK (delivery_days BETWEEN 1 AND 90),
    status           TEXT NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'open', 'rejected', 'closed', 'ordered', 'deleted')),
    reject_reason    TEXT,
    offers_count     INTEGER NOT NULL DEFAULT 0,
    order_id         INTEGER REFERENCES orders (id),
    created_at       INTEGER NOT NULL,
    approved_at      INTEGER,
    -- Set at approval: offers are taken until then.
    expires_at       INTEGER,
    closed_at        INTEGER
);
CREATE INDEX requests_open ON requests (status, expires_at, id);
CREATE INDEX requests_buyer ON requests (buyer_id, id);

CREATE TABLE request_offers (
    id            INTEGER PRIMARY KEY,
    request_id    INTEGER NOT NULL REFERENCES requests (id),
    seller_id     INTEGER NOT NULL REFERENCES users (id),
    service_id    INTEGER NOT NULL REFERENCES services (id),
    price_cents   INTEGER NOT NULL CHECK (price_cents >= 500),
    delivery_days INTEGER NOT NULL CHECK (delivery_days BETWEEN 1 AND 90),
    note          TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'closed')),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX request_offers_one_per_seller ON request_offers (request_id, seller_id);
CREATE INDEX request_offers_seller_day ON request_offers (seller_id, created_at);

-- Files the buyer attaches to a request (a brief, a sketch), stored privately like an
-- order's and shown to members who can see the request.
CREATE TABLE request_files (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    uploader_id INTEGER NOT NULL REFERENCES users (id),
    name        TEXT NOT NULL,
    stored      TEXT NOT NULL,
    mime        TEXT NOT NULL,
    size_bytes  INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX request_files_request ON request_files (request_id, id);

ALTER TABLE notifications ADD COLUMN request_id INTEGER REFERENCES requests (id);
