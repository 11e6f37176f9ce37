-- Seller levels earned by the level job (sqlite). Keep in step with
-- ../postgres/0007_levels.sql.

-- Since when the seller no longer meets their level: the grace period counts from here.
ALTER TABLE users ADD COLUMN level_at_risk_since INTEGER;
-- When the level job last looked at the seller (it takes the longest-unchecked first).
ALTER TABLE users ADD COLUMN level_checked_at INTEGER;
CREATE INDEX users_level_checked ON users (level_checked_at);
