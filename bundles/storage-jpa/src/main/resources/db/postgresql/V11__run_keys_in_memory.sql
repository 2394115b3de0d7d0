-- Cardlink schema, version 11, for PostgreSQL: a run keeps the keys it has read in memory (a compact set of
-- fingerprints in the engine), so the table of run keys goes. Keep in step with db/derby/V11__run_keys_in_memory.sql.

DROP TABLE CARDLINK_RUN_KEY;
