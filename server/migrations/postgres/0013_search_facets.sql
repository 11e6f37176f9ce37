-- Search facets (postgres). Keep in step with ../sqlite/0013_search_facets.sql.
--
-- Counts every change to what a search filters and sorts by, besides the indexed text:
-- which services are visible (a service's status, its seller's status), their category,
-- seller level, price, delivery days, rating, orders and publication time, and the
-- categories themselves. The server keeps these columns of every visible service in
-- memory and uses them only while this has not moved.
CREATE TABLE search_facets_version (
    id      BIGINT PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO search_facets_version (id, version) VALUES (1, 0);

-- Moved once per transaction, at its commit: the row's lock is then taken last and held
-- only while committing, so transactions that complete orders, post reviews or change
-- levels neither wait on each other for long nor deadlock over it (they lock their own
-- rows first). A deferred trigger runs for each row; the transaction-local setting makes
-- every run after the first a no-op.
CREATE FUNCTION search_facets_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('khidmat.search_facets_moved', true) IS DISTINCT FROM 'on' THEN
        PERFORM set_config('khidmat.search_facets_moved', 'on', true);
        UPDATE search_facets_version SET version = version + 1;
    END IF;
    RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER services_facets_changed
    AFTER INSERT OR DELETE OR UPDATE OF
        seller_id, category_id, price_cents, delivery_days, status, orders_count, rating_count,
        rating_sum, published_at
    ON services DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION search_facets_changed();
CREATE CONSTRAINT TRIGGER users_facets_changed
    AFTER DELETE OR UPDATE OF status, seller_level
    ON users DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION search_facets_changed();
CREATE CONSTRAINT TRIGGER categories_facets_changed
    AFTER INSERT OR DELETE OR UPDATE OF slug, parent_id
    ON categories DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION search_facets_changed();
