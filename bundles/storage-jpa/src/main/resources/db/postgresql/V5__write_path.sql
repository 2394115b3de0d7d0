-- Cardlink schema, version 5, for PostgreSQL: the workflow engine's write path. Keep in step with
-- db/derby/V5__write_path.sql and the entities.
--
-- Event tasks name their local template and folder. Outbox operations carry their card's key and their number in
-- the card's sequence (order per card), the local card a request named, who submitted them, a fingerprint of the
-- request behind an idempotency key, and why they are held, suppressed or discarded. Rows written before this
-- version have no card key and keep no order among themselves.
--
-- CARDLINK_OUTBOX_CARD: one row per card of an event task. Accepting an operation increments LAST_SEQ, which locks
-- the row until the accept commits, so that the numbers of one card follow the commit order on every database; it
-- also keeps whether the loop guard holds the card, and when it was last released.
--
-- CARDLINK_WORKFLOW_REFERENCE: the workflows that use an event task; the JSON column WORKFLOW_REFERENCES of the
-- task table is copied into it by this version (Migrations, step of version 5) and no longer used.
--
-- CARDLINK_ECHO_LEDGER: per connector, direction and card key, what Cardlink last did to a remote card that a
-- scheduled and an event task of the connector both handle: WRITE, what an event task wrote to it; READ, what a
-- scheduled task read from it and loaded into the local instance. A fingerprint per attribute (JSON object), read by
-- the loop guard.

ALTER TABLE CARDLINK_TASK ADD COLUMN LOCAL_TEMPLATE VARCHAR(200);

ALTER TABLE CARDLINK_TASK ADD COLUMN LOCAL_FOLDER VARCHAR(200);

ALTER TABLE CARDLINK_OUTBOX ADD COLUMN CARD_KEY VARCHAR(255);

ALTER TABLE CARDLINK_OUTBOX ADD COLUMN KEY_SEQ BIGINT;

ALTER TABLE CARDLINK_OUTBOX ADD COLUMN LOCAL_CARD_ID VARCHAR(100);

ALTER TABLE CARDLINK_OUTBOX ADD COLUMN SUBMITTED_BY VARCHAR(200);

ALTER TABLE CARDLINK_OUTBOX ADD COLUMN REQUEST_FINGERPRINT VARCHAR(64);

ALTER TABLE CARDLINK_OUTBOX ADD COLUMN REASON VARCHAR(1000);

CREATE INDEX IX_CARDLINK_OUTBOX_CARD_SEQ ON CARDLINK_OUTBOX (TASK_ID, CARD_KEY, KEY_SEQ);

CREATE TABLE CARDLINK_OUTBOX_CARD (
    TASK_ID VARCHAR(64) NOT NULL,
    CARD_KEY VARCHAR(255) NOT NULL,
    CONNECTOR_ID VARCHAR(64) NOT NULL,
    LAST_SEQ BIGINT NOT NULL,
    HELD_AT TIMESTAMP,
    HELD_REASON VARCHAR(1000),
    RELEASED_AT TIMESTAMP,
    CONSTRAINT PK_CARDLINK_OUTBOX_CARD PRIMARY KEY (TASK_ID, CARD_KEY)
);

CREATE INDEX IX_CARDLINK_OUTBOX_CARD_HELD ON CARDLINK_OUTBOX_CARD (HELD_AT);

CREATE TABLE CARDLINK_WORKFLOW_REFERENCE (
    TASK_ID VARCHAR(64) NOT NULL,
    WORKFLOW VARCHAR(200) NOT NULL,
    CONNECTOR_ID VARCHAR(64) NOT NULL,
    FIRST_USED_AT TIMESTAMP NOT NULL,
    LAST_USED_AT TIMESTAMP NOT NULL,
    USE_COUNT BIGINT NOT NULL,
    CONSTRAINT PK_CARDLINK_WORKFLOW_REFERENCE PRIMARY KEY (TASK_ID, WORKFLOW)
);

CREATE INDEX IX_CARDLINK_WORKFLOW_REF_CONN ON CARDLINK_WORKFLOW_REFERENCE (CONNECTOR_ID);

CREATE TABLE CARDLINK_ECHO_LEDGER (
    CONNECTOR_ID VARCHAR(64) NOT NULL,
    DIRECTION VARCHAR(10) NOT NULL,
    KEY_ATTRIBUTE VARCHAR(200) NOT NULL,
    UNIQUE_KEY VARCHAR(255) NOT NULL,
    TASK_ID VARCHAR(64),
    ATTRIBUTES TEXT NOT NULL,
    WRITTEN_AT TIMESTAMP NOT NULL,
    CONSTRAINT PK_CARDLINK_ECHO_LEDGER PRIMARY KEY (CONNECTOR_ID, DIRECTION, KEY_ATTRIBUTE, UNIQUE_KEY)
);

CREATE INDEX IX_CARDLINK_ECHO_LEDGER_WRITTEN ON CARDLINK_ECHO_LEDGER (WRITTEN_AT);
