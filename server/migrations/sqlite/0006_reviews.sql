-- Reviews written by the buyers of orders (sqlite). Keep in step with
-- ../postgres/0006_reviews.sql.

-- A review is about one order; reviews from before orders existed (the demo's) have none.
ALTER TABLE reviews ADD COLUMN order_id INTEGER REFERENCES orders (id);
-- 1 when the order was cancelled because the seller was late (the review says so).
ALTER TABLE reviews ADD COLUMN cancelled_late INTEGER NOT NULL DEFAULT 0
    CHECK (cancelled_late IN (0, 1));
-- When the buyer last changed it (within 24 hours of writing it).
ALTER TABLE reviews ADD COLUMN updated_at INTEGER;
CREATE UNIQUE INDEX reviews_order ON reviews (order_id);

-- The seller's stars, kept like the service's: changed in the review's transaction.
ALTER TABLE users ADD COLUMN rating_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN rating_sum INTEGER NOT NULL DEFAULT 0;
UPDATE users SET
    rating_count = (SELECT COUNT(*) FROM reviews r WHERE r.seller_id = users.id),
    rating_sum = (SELECT COALESCE(SUM(r.rating), 0) FROM reviews r WHERE r.seller_id = users.id);
