-- Search speed (postgres). Keep in step with ../sqlite/0012_search_speed.sql.
--
-- Counts every change to the indexed text. A ranking kept by the server is reused only
-- while this has not moved.
CREATE TABLE search_index_version (
    id      BIGINT PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO search_index_version (id, version) VALUES (1, 0);

CREATE FUNCTION search_index_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE search_index_version SET version = version + 1;
    RETURN NULL;
END;
$$;
-- Once per statement: a bulk insert moves it once.
CREATE TRIGGER services_search_changed
    AFTER INSERT OR DELETE OR UPDATE OF search_text ON services
    FOR EACH STATEMENT EXECUTE FUNCTION search_index_changed();
