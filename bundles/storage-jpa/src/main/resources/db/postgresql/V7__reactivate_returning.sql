-- Cardlink schema, version 7, for PostgreSQL: whether a scheduled task reactivates a card marked removed whose
-- source card comes back (removal.reactivateReturning). Keep in step with db/derby/V7__reactivate_returning.sql
-- and the entities. Tasks saved before this version have no value, which reads as false: returning cards stay
-- removed, as the vendor's engine does.

ALTER TABLE CARDLINK_TASK ADD COLUMN REMOVAL_REACTIVATE_RETURNING BOOLEAN;
