-- Cardlink schema, version 12, for PostgreSQL: a run can be a dry run (it wrote nothing); the runs recorded before
-- were real. Keep in step with db/derby/V12__dry_runs.sql.

ALTER TABLE CARDLINK_RUN ADD COLUMN DRY_RUN BOOLEAN NOT NULL DEFAULT FALSE;
