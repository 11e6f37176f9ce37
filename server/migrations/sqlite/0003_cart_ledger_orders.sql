-- Cart, orders, checkout and the double-entry ledger (SQLite).
-- Keep in step with ../postgres/0003_cart_ledger_orders.sql.
-- Money is integer cents. Ledger amounts are signed: + adds to the account's balance.

CREATE TABLE cart_items (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    service_id       INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    upgrade_ids      TEXT NOT NULL DEFAULT '',      -- sorted, comma separated
    quantity         INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10),
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents > 0),
    created_at       INTEGER NOT NULL,
    UNIQUE (user_id, service_id, upgrade_ids)
);

-- One row per checkout attempt that paid; the idempotency key makes a retry find it.
CREATE TABLE checkouts (
    id          INTEGER PRIMARY KEY,
    buyer_id    INTEGER NOT NULL REFERENCES users (id),
    idem_key    TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    total_cents INTEGER NOT NULL CHECK (total_cents > 0),
    card_cents  INTEGER NOT NULL DEFAULT 0 CHECK (card_cents >= 0),
    created_at  INTEGER NOT NULL,
    UNIQUE (buyer_id, idem_key)
);

CREATE TABLE orders (
    id                INTEGER PRIMARY KEY,
    checkout_id       INTEGER NOT NULL REFERENCES checkouts (id),
    buyer_id          INTEGER NOT NULL REFERENCES users (id),
    seller_id         INTEGER NOT NULL REFERENCES users (id),
    service_id        INTEGER NOT NULL REFERENCES services (id),
    title             TEXT NOT NULL,
    upgrades          TEXT NOT NULL DEFAULT '[]',   -- JSON snapshot: [{title, price, extra_days}]
    quantity          INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10),
    unit_price_cents  INTEGER NOT NULL CHECK (unit_price_cents > 0),
    total_cents       INTEGER NOT NULL CHECK (total_cents > 0),
    delivery_days     INTEGER NOT NULL CHECK (delivery_days > 0),
    instructions      TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'awaiting_instructions'
                      CHECK (status IN ('awaiting_instructions', 'in_progress', 'delivered',
                                        'completed', 'disputed', 'cancelled')),
    created_at        INTEGER NOT NULL,
    CHECK (buyer_id <> seller_id)
);
CREATE INDEX orders_buyer ON orders (buyer_id, id DESC);
CREATE INDEX orders_seller ON orders (seller_id, id DESC);
CREATE INDEX orders_checkout ON orders (checkout_id);

-- Card payments through the gateway. The row is written before the gateway is called
-- (status 'pending'), so a repeated key waits instead of charging twice.
CREATE TABLE gateway_charges (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id),
    idem_key     TEXT NOT NULL,
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    card_last4   TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'declined', 'failed')),
    reference    TEXT,
    created_at   INTEGER NOT NULL
);
-- A key may be tried again after a decline or a failure, never after a success.
CREATE UNIQUE INDEX gateway_charges_key ON gateway_charges (user_id, idem_key)
    WHERE status IN ('pending', 'succeeded');

CREATE TABLE ledger_accounts (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL
                  CHECK (kind IN ('available', 'pending', 'escrow', 'platform_revenue', 'gateway')),
    user_id       INTEGER REFERENCES users (id),
    order_id      INTEGER REFERENCES orders (id),
    balance_cents INTEGER NOT NULL DEFAULT 0,
    -- Only the gateway (money from outside) runs negative.
    CHECK (kind = 'gateway' OR balance_cents >= 0),
    CHECK ((kind IN ('available', 'pending')) = (user_id IS NOT NULL)),
    CHECK ((kind = 'escrow') = (order_id IS NOT NULL))
);
CREATE UNIQUE INDEX ledger_accounts_user ON ledger_accounts (user_id, kind) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX ledger_accounts_order ON ledger_accounts (order_id) WHERE order_id IS NOT NULL;
CREATE UNIQUE INDEX ledger_accounts_platform ON ledger_accounts (kind)
    WHERE user_id IS NULL AND order_id IS NULL;

CREATE TABLE ledger_transactions (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL
               CHECK (kind IN ('top_up', 'purchase', 'refund', 'earnings', 'clearance', 'withdrawal')),
    order_id   INTEGER REFERENCES orders (id),
    created_at INTEGER NOT NULL
);

CREATE TABLE ledger_entries (
    id             INTEGER PRIMARY KEY,
    transaction_id INTEGER NOT NULL REFERENCES ledger_transactions (id),
    account_id     INTEGER NOT NULL REFERENCES ledger_accounts (id),
    amount_cents   INTEGER NOT NULL CHECK (amount_cents <> 0)
);
CREATE INDEX ledger_entries_account ON ledger_entries (account_id, transaction_id DESC);
CREATE INDEX ledger_entries_transaction ON ledger_entries (transaction_id);

INSERT INTO ledger_accounts (kind) VALUES ('platform_revenue'), ('gateway');
