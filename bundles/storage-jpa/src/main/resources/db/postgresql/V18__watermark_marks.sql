-- Cardlink schema, version 18, for PostgreSQL: an incremental task's watermark is a change mark of its connector's far
-- side (ChangedRead), text the engine keeps without interpreting it, in MARK. The data step (WatermarkMarksCopy)
-- writes each stored WATERMARK time as its ISO-8601 UTC text (the marks of CoreProIGA), then drops WATERMARK.
-- Keep in step with db/derby/V18__watermark_marks.sql.

ALTER TABLE CARDLINK_TASK_WATERMARK ADD COLUMN MARK VARCHAR(200);
