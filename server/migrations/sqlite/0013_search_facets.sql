-- Search facets (sqlite). Keep in step with ../postgres/0013_search_facets.sql.
--
-- Counts every change to what a search filters and sorts by, besides the indexed text:
-- which services are visible (a service's status, its seller's status), their category,
-- seller level, price, delivery days, rating, orders and publication time, and the
-- categories themselves. The server keeps these columns of every visible service in
-- memory and uses them only while this has not moved.
CREATE TABLE search_facets_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO search_facets_version (id, version) VALUES (1, 0);

CREATE TRIGGER services_facets_insert AFTER INSERT ON services BEGIN
    UPDATE search_facets_version SET version = version + 1;
END;
CREATE TRIGGER services_facets_delete AFTER DELETE ON services BEGIN
    UPDATE search_facets_version SET version = version + 1;
END;
CREATE TRIGGER services_facets_update AFTER UPDATE OF
    seller_id, category_id, price_cents, delivery_days, status, orders_count, rating_count,
    rating_sum, published_at ON services BEGIN
    UPDATE search_facets_version SET version = version + 1;
END;
CREATE TRIGGER users_facets_update AFTER UPDATE OF status, seller_level ON users BEGIN
    UPDATE search_facets_version SET version = version + 1;
END;
CREATE TRIGGER users_facets_delete AFTER DELETE ON users BEGIN
    UPDATE search_facets_version SET version = version + 1;
END;
CREATE TRIGGER categories_facets_insert AFTER INSERT ON categories BEGIN
    UPDATE search_facets_version SET version = version + 1;
END;
CREATE TRIGGER categories_facets_delete AFTER DELETE ON categories BEGIN
    UPDATE search_facets_version SET version = version + 1;
END;
CREATE TRIGGER categories_facets_update AFTER UPDATE OF slug, parent_id ON categories BEGIN
    UPDATE search_facets_version SET version = version + 1;
END;
