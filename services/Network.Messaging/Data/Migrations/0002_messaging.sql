-- Everything messaging needs beyond the first inbox (0001): the directory's organisations and
-- memberships as its events describe them, notification delivery (e-mail, digest), preferences,
-- conversations between organisations, and coordinators' announcements.

-- The account's address counts only once its owner has confirmed it: before that, a mail could
-- reach someone who never signed up.
ALTER TABLE accounts ADD COLUMN email_confirmed_at timestamptz;

-- The organisations as the directory's events describe them (Data/OrganisationReadModel.cs). A
-- status or profile event may overtake another on the broker; each half of the row remembers when
-- the change it holds happened, and an older event never overwrites a newer one. `first_contact` is
-- messaging's own setting (who may open a conversation with the organisation), not the directory's.
CREATE TABLE organisations (
    id                 uuid PRIMARY KEY,
    name               text        NOT NULL DEFAULT '',
    kind               text        NOT NULL DEFAULT '',
    status             text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected', 'suspended')),
    regions            text[]      NOT NULL DEFAULT '{}',
    topics             text[]      NOT NULL DEFAULT '{}',
    profile_changed_at timestamptz NOT NULL DEFAULT '-infinity',
    status_changed_at  timestamptz NOT NULL DEFAULT '-infinity',
    first_contact      text        NOT NULL DEFAULT 'verified_organisations'
                                   CHECK (first_contact IN ('verified_organisations', 'partners_only')),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX organisations_topics ON organisations USING gin (topics);

-- Who belongs to which organisation. A member who left stays as a row with active = false, so a
-- MemberJoined that arrives after the MemberLeft it preceded cannot bring them back.
CREATE TABLE memberships (
    organisation_id uuid        NOT NULL,
    account_id      uuid        NOT NULL,
    role            text        NOT NULL,
    active          boolean     NOT NULL,
    changed_at      timestamptz NOT NULL,
    PRIMARY KEY (organisation_id, account_id)
);

CREATE INDEX memberships_of_account ON memberships (account_id) WHERE active;

-- Partnerships from matching: whom an organisation that only takes first contact from partners hears from.
CREATE TABLE partnerships (
    id                     uuid PRIMARY KEY,
    first_organisation_id  uuid        NOT NULL,
    second_organisation_id uuid        NOT NULL,
    conversation_id        uuid        NOT NULL,
    formed_at              timestamptz NOT NULL
);

CREATE INDEX partnerships_pair ON partnerships (least(first_organisation_id, second_organisation_id), greatest(first_organisation_id, second_organisation_id));

-- Notifications: one per person and cause (`source_key`, e.g. `registration_confirmed:{id}`), so a
-- redelivered event, or a person reached twice by one event, gets one. `delivery` is how the person
-- chose to hear of this type when it was written: `in_app` only, `email` (at once, as well), or
-- `digest` (in the daily mail, as well).
ALTER TABLE notifications ADD COLUMN source_key text;
UPDATE notifications SET source_key = type || ':' || account_id;
ALTER TABLE notifications ALTER COLUMN source_key SET NOT NULL;
ALTER TABLE notifications ADD COLUMN delivery text NOT NULL DEFAULT 'in_app' CHECK (delivery IN ('in_app', 'email', 'digest'));
ALTER TABLE notifications ADD COLUMN email_sent_at timestamptz;
ALTER TABLE notifications ADD COLUMN email_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE notifications ADD COLUMN email_given_up_at timestamptz;
ALTER TABLE notifications ADD COLUMN digest_sent_at timestamptz;

CREATE UNIQUE INDEX notifications_one_per_person_and_cause ON notifications (account_id, source_key);
CREATE INDEX notifications_by_source ON notifications (source_key);
CREATE INDEX notifications_mail_due ON notifications (created_at, id)
    WHERE delivery = 'email' AND email_sent_at IS NULL AND email_given_up_at IS NULL;
CREATE INDEX notifications_digest_due ON notifications (account_id, created_at)
    WHERE delivery = 'digest' AND digest_sent_at IS NULL;

-- What a person chose per notification type; types without a row use the default (Domain/NotificationTypes.cs).
CREATE TABLE notification_preferences (
    account_id uuid        NOT NULL,
    type       text        NOT NULL,
    delivery   text        NOT NULL CHECK (delivery IN ('in_app', 'email', 'digest', 'off')),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, type)
);

-- Conversations between organisations: a shared inbox of each participating organisation.
CREATE TABLE conversations (
    id                          uuid PRIMARY KEY,
    subject                     text        NOT NULL,
    started_by_organisation_id  uuid,
    partnership_id              uuid UNIQUE,
    created_at                  timestamptz NOT NULL,
    last_message_at             timestamptz NOT NULL
);

-- Unread counts are per organisation: its members share one inbox, so what one colleague has read
-- is read for the team (`read_up_to`).
CREATE TABLE conversation_participants (
    conversation_id uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    organisation_id uuid        NOT NULL,
    read_up_to      timestamptz NOT NULL DEFAULT '-infinity',
    PRIMARY KEY (conversation_id, organisation_id)
);

CREATE INDEX conversation_participants_of_organisation ON conversation_participants (organisation_id);

-- A message is the sending organisation's; the member who wrote it is kept until their data is erased.
CREATE TABLE messages (
    id                     uuid PRIMARY KEY,
    conversation_id        uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    sender_organisation_id uuid        NOT NULL,
    sender_account_id      uuid,
    text                   text        NOT NULL,
    created_at             timestamptz NOT NULL,
    hidden_at              timestamptz,
    hidden_reason          text
);

CREATE INDEX messages_of_conversation ON messages (conversation_id, created_at, id);
CREATE INDEX messages_by_sender ON messages (sender_account_id) WHERE sender_account_id IS NOT NULL;

-- Coordinators' announcements. The request only writes the row (`pending`); a background worker
-- claims it for a while (`claimed_until`, so a crashed worker's claim runs out) and fans it out.
CREATE TABLE announcements (
    id                    uuid PRIMARY KEY,
    title                 text        NOT NULL,
    body                  text        NOT NULL,
    audience_kinds        text[]      NOT NULL,
    audience_regions      text[]      NOT NULL,
    audience_topics       text[]      NOT NULL,
    created_by_account_id uuid,
    created_at            timestamptz NOT NULL,
    status                text        NOT NULL CHECK (status IN ('pending', 'delivered')),
    claimed_until         timestamptz,
    recipient_count       integer,
    delivered_at          timestamptz
);

CREATE INDEX announcements_pending ON announcements (created_at) WHERE status = 'pending';
CREATE INDEX announcements_newest ON announcements (created_at DESC, id DESC);
