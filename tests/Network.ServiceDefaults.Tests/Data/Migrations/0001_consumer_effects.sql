-- What the test consumer changes: one row per message it handled, in the inbox's transaction.
CREATE TABLE consumer_effects (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id uuid        NOT NULL,
    handled_at timestamptz NOT NULL DEFAULT now()
);
