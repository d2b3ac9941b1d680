-- The organisations as the directory's events describe them (Consumers/): the events service's own
-- copy, for the organiser's name on certificates and the statistics by organisation kind. An
-- older profile event never overwrites a newer one.
CREATE TABLE organisations (
    id                 uuid PRIMARY KEY,
    name               text        NOT NULL,
    kind               text        NOT NULL,
    regions            text[]      NOT NULL DEFAULT '{}',
    profile_changed_at timestamptz NOT NULL
);

-- Events (Domain/Event.cs). Enumerations are stored as their snake_case API names, taxonomy codes
-- as text arrays checked by the application against Network.Vocabulary.
CREATE TABLE events (
    id                        uuid PRIMARY KEY,
    organiser_organisation_id uuid        NOT NULL,
    created_by_account_id     uuid,
    kind                      text        NOT NULL CHECK (kind IN ('round_table', 'workshop', 'training_series', 'info_session', 'network_meeting')),
    status                    text        NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
    title                     text        NOT NULL,
    description               text        NOT NULL DEFAULT '',
    topics                    text[]      NOT NULL,
    regions                   text[]      NOT NULL,
    languages                 text[]      NOT NULL,
    capacity                  integer     NOT NULL CHECK (capacity > 0),
    registration_deadline     timestamptz NOT NULL,
    certificate_min_sessions  integer CHECK (certificate_min_sessions > 0),
    visibility                text        NOT NULL CHECK (visibility IN ('public', 'members')),
    -- Kept with the sessions, for the list's order and its time filters.
    first_starts_at           timestamptz NOT NULL,
    last_ends_at              timestamptz NOT NULL,
    cancelled_at              timestamptz,
    cancellation_reason       text,
    -- Set by moderation (a coordinator's hide or reject): only the organiser still sees it.
    hidden_at                 timestamptz,
    hidden_reason             text,
    version                   integer     NOT NULL DEFAULT 1,
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL,
    CHECK (registration_deadline <= first_starts_at)
);

CREATE INDEX events_by_first_session ON events (first_starts_at, id);
CREATE INDEX events_by_organiser ON events (organiser_organisation_id, first_starts_at);
CREATE INDEX events_topics ON events USING gin (topics);
CREATE INDEX events_regions ON events USING gin (regions);

-- Sessions (modules of a series), in time order by position. Times are UTC instants.
CREATE TABLE sessions (
    id            uuid PRIMARY KEY,
    event_id      uuid        NOT NULL REFERENCES events (id),
    position      integer     NOT NULL,
    title         text        NOT NULL,
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL,
    online        boolean     NOT NULL,
    url           text,
    venue         text,
    address       text,
    accessibility text,
    -- When the reminder 48 hours before went out (Reminders/SessionReminderJob.cs); claiming a
    -- session sets it in the same transaction as the event, so the reminder is sent once.
    reminded_at   timestamptz,
    CHECK (ends_at > starts_at),
    CHECK (online OR url IS NULL)
);

CREATE INDEX sessions_by_event ON sessions (event_id, position);
CREATE INDEX sessions_due_for_reminder ON sessions (starts_at) WHERE reminded_at IS NULL;

-- Registrations. session_ids is NULL for the whole event, else the chosen modules. sequence orders
-- the waitlist (who came first). account_id and participant_name are emptied when the person's
-- data is erased. One active registration per person and event, enforced here too, so two
-- simultaneous requests of one person cannot both get in.
CREATE TABLE registrations (
    id               uuid PRIMARY KEY,
    event_id         uuid        NOT NULL REFERENCES events (id),
    account_id       uuid,
    participant_name text,
    organisation_id  uuid,
    status           text        NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    session_ids      uuid[],
    sequence         bigint      GENERATED ALWAYS AS IDENTITY,
    feedback_given   boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL,
    promoted_at      timestamptz,
    cancelled_at     timestamptz
);

CREATE UNIQUE INDEX registrations_one_per_person ON registrations (event_id, account_id) WHERE status <> 'cancelled';
CREATE INDEX registrations_by_event ON registrations (event_id, sequence);
CREATE INDEX registrations_by_account ON registrations (account_id, created_at);

-- Attendance per registration and session, as the organiser recorded it.
CREATE TABLE attendance (
    registration_id uuid        NOT NULL REFERENCES registrations (id),
    session_id      uuid        NOT NULL REFERENCES sessions (id),
    attended        boolean     NOT NULL,
    recorded_at     timestamptz NOT NULL,
    PRIMARY KEY (registration_id, session_id)
);

-- Certificates, issued once per registration at the first download; the number is what anyone
-- can check at GET /api/events/certificates/{number}.
CREATE TABLE certificates (
    id                uuid PRIMARY KEY,
    number            text        NOT NULL UNIQUE,
    registration_id   uuid        NOT NULL UNIQUE REFERENCES registrations (id),
    event_id          uuid        NOT NULL REFERENCES events (id),
    participant_name  text,
    sessions_attended integer     NOT NULL,
    issued_at         timestamptz NOT NULL
);

-- Feedback after the event. Anonymous feedback has no account id; that the registrant gave
-- feedback at all is kept on the registration (feedback_given), not here, so it cannot be linked.
CREATE TABLE feedback (
    id         uuid PRIMARY KEY,
    event_id   uuid        NOT NULL REFERENCES events (id),
    account_id uuid,
    rating     integer     NOT NULL CHECK (rating BETWEEN 1 AND 5),
    text       text,
    anonymous  boolean     NOT NULL,
    created_at timestamptz NOT NULL,
    CHECK (NOT anonymous OR account_id IS NULL)
);

CREATE INDEX feedback_by_event ON feedback (event_id, created_at);

-- Round-table boards: columns ("what works", "challenges", "ideas") with participants' posts.
-- Anonymous posts keep no author.
CREATE TABLE board_columns (
    id       uuid PRIMARY KEY,
    event_id uuid    NOT NULL REFERENCES events (id),
    position integer NOT NULL,
    title    text    NOT NULL
);

CREATE INDEX board_columns_by_event ON board_columns (event_id, position);

CREATE TABLE board_posts (
    id                uuid PRIMARY KEY,
    event_id          uuid        NOT NULL REFERENCES events (id),
    column_id         uuid        NOT NULL REFERENCES board_columns (id),
    author_account_id uuid,
    anonymous         boolean     NOT NULL,
    text              text        NOT NULL,
    created_at        timestamptz NOT NULL,
    hidden_at         timestamptz,
    hidden_reason     text,
    CHECK (NOT anonymous OR author_account_id IS NULL)
);

CREATE INDEX board_posts_by_event ON board_posts (event_id, created_at);
