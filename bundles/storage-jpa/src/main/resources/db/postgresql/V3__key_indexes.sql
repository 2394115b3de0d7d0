-- Cardlink schema, version 3, for PostgreSQL: indexes leading with the unique key, for the per-page look-ups of
-- up to 200 keys (Derby needs them to probe IN lists; PostgreSQL uses them as well). Keep in step with
-- db/derby/V3__key_indexes.sql.

CREATE INDEX IX_CARDLINK_TASK_CACHE_KEY ON CARDLINK_TASK_CACHE (UNIQUE_KEY, TASK_ID);

CREATE INDEX IX_CARDLINK_RUN_KEY_KEY ON CARDLINK_RUN_KEY (UNIQUE_KEY, RUN_ID);
