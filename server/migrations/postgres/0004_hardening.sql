-- Hardening (postgres). Keep in step with ../sqlite/0004_hardening.sql.

-- Throttling: one row per scope (an account and client, a client, an endpoint's client…)
-- with a fixed window. An attempt takes a slot with one atomic upsert before any work is
-- done, so parallel attempts cannot all pass a check made before any of them is counted.
DROP TABLE login_failures;
CREATE TABLE throttle (
    scope        TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits         BIGINT NOT NULL CHECK (hits >= 0)
);
CREATE INDEX throttle_window ON throttle (window_start);

-- Clients (addresses) that logged in to an account before: the account-wide limit, which
-- stops guessing spread over many addresses, does not lock them out.
CREATE TABLE login_clients (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    client  TEXT NOT NULL,
    last_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, client)
);

-- What an admin reviews is identified by this number; every save bumps it, so an approval
-- of a version the admin did not see is refused.
ALTER TABLE services ADD COLUMN review_version BIGINT NOT NULL DEFAULT 0;

-- Hot lookups on an index: a charge by (user, key) whatever its status.
CREATE INDEX gateway_charges_user_key ON gateway_charges (user_id, idem_key);
-- Charges the gateway accepted but the ledger never credited, for reconciliation.
CREATE INDEX gateway_charges_pending ON gateway_charges (status, created_at) WHERE status = 'pending';
-- Uploads no service or avatar uses are deleted after a day.
CREATE INDEX uploads_created ON uploads (created_at);
-- …which asks, for each old upload, whether a gallery or an avatar uses it.
CREATE INDEX service_images_path ON service_images (path);
CREATE INDEX users_avatar ON users (avatar_path) WHERE avatar_path IS NOT NULL;
