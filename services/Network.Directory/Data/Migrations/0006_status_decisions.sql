-- Every verification, rejection, suspension and reinstatement a coordinator took, with the reason:
-- the directory's audit log of status decisions (Apis/StatusDecisionsApi.cs). Moderation decisions
-- have their own log (moderation_decisions); a status decision is not a moderation decision, and
-- that table's decisions are fixed for every service. Rows are only ever added.
CREATE TABLE organisation_status_decisions (
    id                     uuid PRIMARY KEY,
    organisation_id        uuid        NOT NULL,
    decision               text        NOT NULL CHECK (decision IN ('verify', 'reject', 'suspend', 'reinstate')),
    reason                 text,
    coordinator_account_id uuid        NOT NULL,
    decided_at             timestamptz NOT NULL
);

CREATE INDEX organisation_status_decisions_newest ON organisation_status_decisions (decided_at DESC, id DESC);
CREATE INDEX organisation_status_decisions_of_organisation ON organisation_status_decisions (organisation_id, decided_at DESC, id DESC);

-- Append-only in the database itself, as moderation_decisions is (0002_moderation.sql of ServiceDefaults).
CREATE FUNCTION organisation_status_decisions_are_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'organisation_status_decisions is an append-only audit log: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER organisation_status_decisions_no_update_or_delete
    BEFORE UPDATE OR DELETE ON organisation_status_decisions
    FOR EACH ROW EXECUTE FUNCTION organisation_status_decisions_are_append_only();

CREATE TRIGGER organisation_status_decisions_no_truncate
    BEFORE TRUNCATE ON organisation_status_decisions
    FOR EACH STATEMENT EXECUTE FUNCTION organisation_status_decisions_are_append_only();
