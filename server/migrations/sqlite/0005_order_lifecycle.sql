-- The order lifecycle (sqlite). Keep in step with ../postgres/0005_order_lifecycle.sql.
--
-- SQLite cannot change a CHECK constraint in place: `ledger_accounts` is rebuilt. Dropping
-- a table other tables refer to needs foreign keys off, which `Db::migrate` does around
-- the migrations (and then checks every reference).

-- Two new kinds of account: a user's money on its way out (a requested withdrawal), and
-- the platform's payouts (money that left to PayPal or a bank).
CREATE TABLE ledger_accounts_new (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL
                  CHECK (kind IN ('available', 'pending', 'withdrawal_hold', 'escrow',
                                  'platform_revenue', 'gateway', 'payouts')),
    user_id       INTEGER REFERENCES users (id),
    order_id      INTEGER REFERENCES orders (id),
    balance_cents INTEGER NOT NULL DEFAULT 0,
    -- Only the gateway (money from outside) runs negative.
    CHECK (kind = 'gateway' OR balance_cents >= 0),
    CHECK ((kind IN ('available', 'pending', 'withdrawal_hold')) = (user_id IS NOT NULL)),
    CHECK ((kind = 'escrow') = (order_id IS NOT NULL))
);
INSERT INTO ledger_accounts_new (id, kind, user_id, order_id, balance_cents)
    SELECT id, kind, user_id, order_id, balance_cents FROM ledger_accounts;
DROP TABLE ledger_accounts;
ALTER TABLE ledger_accounts_new RENAME TO ledger_accounts;
CREATE UNIQUE INDEX ledger_accounts_user ON ledger_accounts (user_id, kind) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX ledger_accounts_order ON ledger_accounts (order_id) WHERE order_id IS NOT NULL;
CREATE UNIQUE INDEX ledger_accounts_platform ON ledger_accounts (kind)
    WHERE user_id IS NULL AND order_id IS NULL;
INSERT INTO ledger_accounts (kind) VALUES ('payouts');

-- What the state machine needs, kept on the order's row (read and written under its lock).
ALTER TABLE orders ADD COLUMN deadline_at INTEGER;
ALTER TABLE orders ADD COLUMN delivered_at INTEGER;
ALTER TABLE orders ADD COLUMN cancel_requested_by TEXT
    CHECK (cancel_requested_by IN ('buyer', 'seller'));
ALTER TABLE orders ADD COLUMN cancel_requested_at INTEGER;
ALTER TABLE orders ADD COLUMN closed_at INTEGER;
-- What went back to the buyer when the order closed (all of it when cancelled, a part
-- when an admin split it).
ALTER TABLE orders ADD COLUMN refunded_cents INTEGER NOT NULL DEFAULT 0;
-- The jobs find what is due through these.
CREATE INDEX orders_delivered_due ON orders (delivered_at) WHERE status = 'delivered';
CREATE INDEX orders_cancel_due ON orders (cancel_requested_at)
    WHERE cancel_requested_at IS NOT NULL;
CREATE INDEX orders_status ON orders (status, id);

-- The order's timeline: every transition and every message between the parties.
-- `author_id` is NULL for what the jobs did.
CREATE TABLE order_events (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders (id),
    author_id    INTEGER REFERENCES users (id),
    kind         TEXT NOT NULL,
    body         TEXT NOT NULL DEFAULT '',
    amount_cents INTEGER,
    created_at   INTEGER NOT NULL
);
CREATE INDEX order_events_order ON order_events (order_id, id);

-- Files attached to the timeline, stored outside the public media directory. `event_id`
-- is set when the uploader's next action or message attaches them.
CREATE TABLE order_files (
    id          INTEGER PRIMARY KEY,
    order_id    INTEGER NOT NULL REFERENCES orders (id),
    uploader_id INTEGER NOT NULL REFERENCES users (id),
    event_id    INTEGER REFERENCES order_events (id),
    name        TEXT NOT NULL,
    stored      TEXT NOT NULL,
    mime        TEXT NOT NULL,
    size_bytes  INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX order_files_order ON order_files (order_id, id);

-- A seller's earnings from one order, pending until `clears_at`.
CREATE TABLE clearances (
    order_id     INTEGER PRIMARY KEY REFERENCES orders (id),
    seller_id    INTEGER NOT NULL REFERENCES users (id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    clears_at    INTEGER NOT NULL,
    cleared_at   INTEGER
);
CREATE INDEX clearances_due ON clearances (clears_at) WHERE cleared_at IS NULL;
CREATE INDEX clearances_seller ON clearances (seller_id, clears_at);

CREATE TABLE withdrawals (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents >= 1000),
    method       TEXT NOT NULL CHECK (method IN ('paypal', 'bank')),
    destination  TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'requested'
                 CHECK (status IN ('requested', 'paid', 'rejected')),
    reason       TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    decided_at   INTEGER
);
CREATE INDEX withdrawals_user ON withdrawals (user_id, id DESC);
CREATE INDEX withdrawals_requested ON withdrawals (id) WHERE status = 'requested';
-- An order's ledger transactions (its purchase, refund, earnings, clearance).
CREATE INDEX ledger_transactions_order ON ledger_transactions (order_id, kind)
    WHERE order_id IS NOT NULL;
-- The ledger transaction of each withdrawal movement points at it.
ALTER TABLE ledger_transactions ADD COLUMN withdrawal_id INTEGER REFERENCES withdrawals (id);

-- A service its seller deleted: gone from the catalog, search, carts and the seller's
-- list (its status is 'paused', so nothing that shows published services sees it), while
-- its orders keep their snapshot.
ALTER TABLE services ADD COLUMN archived_at INTEGER;

-- Orders a seller completed (a split counts: the seller was paid), for their profile and
-- level; kept in step with the orders at each completion.
ALTER TABLE users ADD COLUMN completed_orders INTEGER NOT NULL DEFAULT 0;
