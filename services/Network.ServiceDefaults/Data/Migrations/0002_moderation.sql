-- Moderation, in every service that holds user content (Moderation/ModerationApi.cs).

-- What people reported. A report stays open until a coordinator decides on the content; the
-- decision resolves every open report of it at once. The reporter is kept so one person cannot
-- report the same content twice while a report is open, and may be set to null when that
-- person's data is erased: the report itself stays, as part of the content's history.
CREATE TABLE content_reports (
    id                      uuid PRIMARY KEY,
    content_type            text        NOT NULL,
    content_id              uuid        NOT NULL,
    reason                  text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    reporter_account_id     uuid,
    created_at              timestamptz NOT NULL,
    resolved_at             timestamptz,
    resolved_by_decision_id uuid
);

CREATE UNIQUE INDEX content_reports_one_open_per_reporter
    ON content_reports (content_type, content_id, reporter_account_id) WHERE resolved_at IS NULL;

-- The queue reads open reports grouped by content, oldest first.
CREATE INDEX content_reports_open ON content_reports (content_type, content_id, created_at) WHERE resolved_at IS NULL;

-- Every decision a coordinator took, with the reason: the audit log. Rows are only ever added.
CREATE TABLE moderation_decisions (
    id                     uuid PRIMARY KEY,
    content_type           text        NOT NULL,
    content_id             uuid        NOT NULL,
    decision               text        NOT NULL CHECK (decision IN ('approve', 'hide', 'restore', 'reject')),
    reason                 text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    coordinator_account_id uuid        NOT NULL,
    decided_at             timestamptz NOT NULL
);

CREATE INDEX moderation_decisions_newest ON moderation_decisions (decided_at DESC, id DESC);
CREATE INDEX moderation_decisions_of_content ON moderation_decisions (content_type, content_id, decided_at DESC, id DESC);

-- Append-only in the database itself, not only in our code: a trigger refuses to change or remove
-- a row, which (unlike REVOKE) also binds the table's owner, the role the services connect as.
CREATE FUNCTION moderation_decisions_are_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'moderation_decisions is an append-only audit log: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER moderation_decisions_no_update_or_delete
    BEFORE UPDATE OR DELETE ON moderation_decisions
    FOR EACH ROW EXECUTE FUNCTION moderation_decisions_are_append_only();

CREATE TRIGGER moderation_decisions_no_truncate
    BEFORE TRUNCATE ON moderation_decisions
    FOR EACH STATEMENT EXECUTE FUNCTION moderation_decisions_are_append_only();
