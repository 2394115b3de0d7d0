-- Cardlink schema, version 4, for PostgreSQL: the outbox of event-task operations. Keep in step with
-- db/derby/V4__outbox.sql and OutboxEntity. No foreign key to the task: an operation outlives a removed task
-- as a record, and a pending one of a removed task fails when it is tried.
-- The unique constraint makes the idempotency key unique per task; rows without a key don't take part (NULLs are
-- distinct). The due index serves the dispatchers' claim query, the task index the operation lists.

CREATE TABLE CARDLINK_OUTBOX (
    ID VARCHAR(64) NOT NULL,
    TASK_ID VARCHAR(64) NOT NULL,
    CONNECTOR_ID VARCHAR(64) NOT NULL,
    OPERATION VARCHAR(10) NOT NULL,
    IDEMPOTENCY_KEY VARCHAR(200),
    WORKFLOW VARCHAR(200),
    CARD TEXT NOT NULL,
    STATUS VARCHAR(10) NOT NULL,
    ATTEMPTS INTEGER NOT NULL,
    NEXT_ATTEMPT_AT TIMESTAMP,
    CLAIMED_BY VARCHAR(64),
    LEASE_UNTIL TIMESTAMP,
    REMOTE_ID VARCHAR(100),
    PROVISIONING_EXCEPTION VARCHAR(4000),
    CREATED_AT TIMESTAMP NOT NULL,
    COMPLETED_AT TIMESTAMP,
    CONSTRAINT PK_CARDLINK_OUTBOX PRIMARY KEY (ID),
    CONSTRAINT UQ_CARDLINK_OUTBOX_KEY UNIQUE (TASK_ID, IDEMPOTENCY_KEY)
);

CREATE INDEX IX_CARDLINK_OUTBOX_DUE ON CARDLINK_OUTBOX (STATUS, NEXT_ATTEMPT_AT);

CREATE INDEX IX_CARDLINK_OUTBOX_TASK ON CARDLINK_OUTBOX (TASK_ID, CREATED_AT);
