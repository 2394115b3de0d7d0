-- Cardlink schema, version 3, for Apache Derby. Derby probes an IN list only on the leading column of an index:
-- with the keys second in the primary keys, each page's look-up of up to 200 keys scanned the whole task. These
-- indexes lead with the key. Keep in step with db/postgresql/V3__key_indexes.sql.

CREATE INDEX IX_CARDLINK_TASK_CACHE_KEY ON CARDLINK_TASK_CACHE (UNIQUE_KEY, TASK_ID);

CREATE INDEX IX_CARDLINK_RUN_KEY_KEY ON CARDLINK_RUN_KEY (UNIQUE_KEY, RUN_ID);
