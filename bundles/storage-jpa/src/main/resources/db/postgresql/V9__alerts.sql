-- Cardlink schema, version 9, for PostgreSQL: alerts (one open alert per condition and subject, kept after it is
-- resolved) and why a run failed. Keep in step with db/derby/V9__alerts.sql and the entities. OPEN_KEY is the
-- subject's key while the alert is open and null once it is resolved, so that the unique constraint allows one open
-- alert per subject and any number of resolved ones. No foreign keys: an alert outlives the connector or task it
-- names.

CREATE TABLE CARDLINK_ALERT (
    ID VARCHAR(64) NOT NULL,
    KIND VARCHAR(40) NOT NULL,
    CONNECTOR_ID VARCHAR(64),
    TASK_ID VARCHAR(64),
    SIDE VARCHAR(10),
    OPEN_KEY VARCHAR(250),
    SEVERITY VARCHAR(10) NOT NULL,
    STATE VARCHAR(10) NOT NULL,
    MESSAGE VARCHAR(2000) NOT NULL,
    FIRST_SEEN_AT TIMESTAMP NOT NULL,
    LAST_SEEN_AT TIMESTAMP NOT NULL,
    SEEN_COUNT BIGINT NOT NULL,
    RESOLVED_AT TIMESTAMP,
    ACKNOWLEDGED_AT TIMESTAMP,
    ACKNOWLEDGED_BY VARCHAR(200),
    CONSTRAINT PK_CARDLINK_ALERT PRIMARY KEY (ID),
    CONSTRAINT UQ_CARDLINK_ALERT_OPEN UNIQUE (OPEN_KEY)
);

CREATE INDEX IX_CARDLINK_ALERT_SEEN ON CARDLINK_ALERT (STATE, LAST_SEEN_AT);

ALTER TABLE CARDLINK_RUN ADD COLUMN FAILURE VARCHAR(30);
