-- Cardlink schema, version 12, for Apache Derby: a run can be a dry run (it wrote nothing); the runs recorded
-- before were real. Keep in step with db/postgresql/V12__dry_runs.sql.

ALTER TABLE CARDLINK_RUN ADD COLUMN DRY_RUN BOOLEAN NOT NULL DEFAULT FALSE;
