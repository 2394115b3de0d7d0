-- Cardlink schema, version 14, for PostgreSQL: a run records the node that queued or runs it, so that a starting node
-- interrupts only its own unfinished runs, and whether run now confirmed its removals beyond the task's threshold
-- (before, that was held in the memory of the node that took the call), and whether a stop was asked for, which the
-- node that runs it reads, whichever node took the stop. The runs recorded before name no node.
-- Keep in step with db/derby/V14__run_nodes.sql.

ALTER TABLE CARDLINK_RUN ADD COLUMN NODE VARCHAR(100);
ALTER TABLE CARDLINK_RUN ADD COLUMN CONFIRM_REMOVALS BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE CARDLINK_RUN ADD COLUMN STOP_REQUESTED BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX IX_CARDLINK_RUN_NODE_STATUS ON CARDLINK_RUN (NODE, STATUS);
