-- Cardlink schema, version 16, for PostgreSQL: a task keeps the settings its connector type describes for it
-- (ConnectorType.taskSettings) as one JSON object. The data step (TaskSettingsCopy) moves each scheduled task's EQL
-- filter, the one such setting there was, into it under the key it had (eqlFilter) and drops EQL_FILTER.
-- Keep in step with db/derby/V16__task_settings.sql.

ALTER TABLE CARDLINK_TASK ADD COLUMN SETTINGS TEXT;
