-- Messaging's own copy of the accounts it writes to, kept from the directory's events.
CREATE TABLE accounts (
    id           uuid PRIMARY KEY,
    display_name text        NOT NULL,
    email        text        NOT NULL,
    locale       text        NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notifications (
    id          uuid PRIMARY KEY,
    account_id  uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    type        text        NOT NULL,
    title       text        NOT NULL,
    body        text        NOT NULL,
    link        text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    read_at     timestamptz
);

-- The inbox is read newest first, page by page.
CREATE INDEX notifications_inbox ON notifications (account_id, created_at DESC, id DESC);
