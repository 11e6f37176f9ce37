-- Khidmat catalog schema (SQLite). Money is integer cents; times are Unix seconds.
-- Keep in step with ../postgres/0001_catalog.sql: one storage layer reads both.

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    username            TEXT NOT NULL UNIQUE,
    email               TEXT NOT NULL UNIQUE,
    first_name          TEXT NOT NULL,
    last_name           TEXT NOT NULL,
    display_name        TEXT NOT NULL,
    password_hash       TEXT,
    role                TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
    status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    headline            TEXT NOT NULL DEFAULT '',
    bio                 TEXT NOT NULL DEFAULT '',
    skills              TEXT NOT NULL DEFAULT '',   -- comma separated
    avatar_path         TEXT,
    seller_level        TEXT NOT NULL DEFAULT 'new' CHECK (seller_level IN ('new', 'level1', 'level2', 'top')),
    response_time_hours INTEGER,
    email_verified_at   INTEGER,
    created_at          INTEGER NOT NULL,
    last_seen_at        INTEGER NOT NULL
);

CREATE TABLE categories (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES categories (id),
    slug      TEXT NOT NULL UNIQUE,
    name_ar   TEXT NOT NULL,
    name_en   TEXT NOT NULL,
    icon      TEXT NOT NULL DEFAULT '',
    position  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX categories_parent ON categories (parent_id, position);

CREATE TABLE services (
    id             INTEGER PRIMARY KEY,
    seller_id      INTEGER NOT NULL REFERENCES users (id),
    category_id    INTEGER NOT NULL REFERENCES categories (id),
    title          TEXT NOT NULL,
    description    TEXT NOT NULL,
    instructions   TEXT NOT NULL DEFAULT '',
    tags           TEXT NOT NULL DEFAULT '',        -- comma separated, at most 5
    price_cents    INTEGER NOT NULL CHECK (price_cents >= 500 AND price_cents % 500 = 0),
    delivery_days  INTEGER NOT NULL CHECK (delivery_days BETWEEN 1 AND 90),
    status         TEXT NOT NULL DEFAULT 'draft'
                   CHECK (status IN ('draft', 'pending_review', 'published', 'paused', 'rejected')),
    rejection_reason TEXT,
    orders_count   INTEGER NOT NULL DEFAULT 0,
    rating_count   INTEGER NOT NULL DEFAULT 0,
    rating_sum     INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    published_at   INTEGER
);
CREATE INDEX services_category_newest ON services (category_id, status, published_at DESC, id DESC);
CREATE INDEX services_seller ON services (seller_id, status);
CREATE INDEX services_status_newest ON services (status, published_at DESC, id DESC);

CREATE TABLE service_upgrades (
    id          INTEGER PRIMARY KEY,
    service_id  INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    price_cents INTEGER NOT NULL CHECK (price_cents >= 500 AND price_cents % 500 = 0),
    extra_days  INTEGER NOT NULL CHECK (extra_days BETWEEN 0 AND 90)
);
CREATE INDEX service_upgrades_service ON service_upgrades (service_id, position);

CREATE TABLE service_images (
    id         INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    path       TEXT NOT NULL,                         -- under the media directory
    alt        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX service_images_service ON service_images (service_id, position);

CREATE TABLE reviews (
    id           INTEGER PRIMARY KEY,
    service_id   INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    seller_id    INTEGER NOT NULL REFERENCES users (id),
    buyer_id     INTEGER NOT NULL REFERENCES users (id),
    rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment      TEXT NOT NULL,
    seller_reply TEXT,
    replied_at   INTEGER,
    created_at   INTEGER NOT NULL
);
CREATE INDEX reviews_service ON reviews (service_id, created_at DESC);
CREATE INDEX reviews_seller ON reviews (seller_id, created_at DESC);
