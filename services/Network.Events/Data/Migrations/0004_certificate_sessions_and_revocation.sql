-- A certificate keeps the sessions it was issued for, so its PDF (drawn again at every download)
-- and its public check always say the same, whatever attendance is recorded later. It is revoked
-- when the attendance behind it falls below what a certificate needs, or the event is cancelled.
ALTER TABLE certificates
    ADD COLUMN session_ids uuid[],
    ADD COLUMN revoked_at  timestamptz;

UPDATE certificates c SET session_ids = ARRAY(
    SELECT a.session_id FROM attendance a WHERE a.registration_id = c.registration_id AND a.attended ORDER BY a.session_id);

ALTER TABLE certificates ALTER COLUMN session_ids SET NOT NULL;
