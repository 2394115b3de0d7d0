-- Cardlink schema, version 17, for Apache Derby: the card timelines in pages. A run's page of entries (or an event
-- operation's one entry) is one row: the entries in a compact binary form and a Bloom filter of the ids a look-up
-- asks for (card key, local id, remote id). A row per entry with three indexes cost a full sync a quarter of its
-- CPU. The entries of version 13's table are copied into pages by the data step, which then drops that table.
-- Keep in step with db/postgresql/V17__card_event_pages.sql. Retention scans the times (no index on them).

CREATE TABLE CARDLINK_CARD_EVENT_PAGE (
    ID BIGINT NOT NULL GENERATED ALWAYS AS IDENTITY,
    CONNECTOR_ID VARCHAR(64) NOT NULL,
    OLDEST_AT TIMESTAMP NOT NULL,
    NEWEST_AT TIMESTAMP NOT NULL,
    ENTRY_COUNT INTEGER NOT NULL,
    ID_FILTER VARCHAR(2048) FOR BIT DATA NOT NULL,
    ENTRIES BLOB(64M) NOT NULL,
    CONSTRAINT PK_CARDLINK_CARD_EVENT_PAGE PRIMARY KEY (ID)
);

CREATE INDEX IX_CARDLINK_CARD_EVENT_PAGE_CONNECTOR ON CARDLINK_CARD_EVENT_PAGE (CONNECTOR_ID, ID);
