-- Who has been reminded of which session (Reminders/SessionReminderJob.cs), per person rather than
-- per session: someone confirmed after a session's reminder went out (a late registration, a
-- promotion from the waitlist) is reminded at the next pass, and nobody twice. Rows of a session
-- that moved are deleted, so its new time is reminded again; a dropped session takes its rows along.
CREATE TABLE session_reminders (
    session_id      uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    registration_id uuid        NOT NULL REFERENCES registrations (id),
    reminded_at     timestamptz NOT NULL,
    PRIMARY KEY (session_id, registration_id)
);

-- The per-session mark it replaces (its partial index goes with it).
ALTER TABLE sessions DROP COLUMN reminded_at;

-- A pass looks for the sessions starting in the next 48 hours.
CREATE INDEX sessions_by_start ON sessions (starts_at);
