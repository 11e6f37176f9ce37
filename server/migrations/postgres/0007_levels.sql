-- Seller levels earned by the level job (postgres). Keep in step with
-- ../sqlite/0007_levels.sql.

-- Since when the seller no longer meets their level: the grace period counts from here.
ALTER TABLE users ADD COLUMN level_at_risk_since BIGINT;
-- When the level job last looked at the seller (it takes the longest-unchecked first).
ALTER TABLE users ADD COLUMN level_checked_at BIGINT;
CREATE INDEX users_level_checked ON users (level_checked_at);
