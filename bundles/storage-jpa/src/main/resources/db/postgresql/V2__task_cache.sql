-- Cardlink schema, version 2, for PostgreSQL: the task cache, the incremental watermark and the keys a run has
-- read. Keep in step with db/derby/V2__task_cache.sql and the entities. No foreign keys to tasks or runs:
-- the stores remove these rows with the task, and a run's keys go when the run finishes.

CREATE TABLE CARDLINK_TASK_CACHE (
    TASK_ID VARCHAR(64) NOT NULL,
    UNIQUE_KEY VARCHAR(255) NOT NULL,
    FINGERPRINT VARCHAR(64) NOT NULL,
    LOCAL_ID VARCHAR(100),
    UPDATED_AT TIMESTAMP NOT NULL,
    CONSTRAINT PK_CARDLINK_TASK_CACHE PRIMARY KEY (TASK_ID, UNIQUE_KEY)
);

CREATE TABLE CARDLINK_TASK_WATERMARK (
    TASK_ID VARCHAR(64) NOT NULL,
    WATERMARK TIMESTAMP NOT NULL,
    UPDATED_AT TIMESTAMP NOT NULL,
    CONSTRAINT PK_CARDLINK_TASK_WATERMARK PRIMARY KEY (TASK_ID)
);

CREATE TABLE CARDLINK_RUN_KEY (
    RUN_ID VARCHAR(100) NOT NULL,
    UNIQUE_KEY VARCHAR(255) NOT NULL,
    CONSTRAINT PK_CARDLINK_RUN_KEY PRIMARY KEY (RUN_ID, UNIQUE_KEY)
);
