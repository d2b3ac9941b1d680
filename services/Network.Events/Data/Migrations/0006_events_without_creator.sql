-- Who created an event was stored but never shown, exported or erased: the organiser is the
-- organisation, so the person's account is not kept at all.
ALTER TABLE events DROP COLUMN created_by_account_id;
