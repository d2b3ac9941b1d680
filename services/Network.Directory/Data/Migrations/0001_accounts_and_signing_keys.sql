CREATE TABLE accounts (
    id                 uuid PRIMARY KEY,
    email              text        NOT NULL,
    display_name       text        NOT NULL,
    locale             text        NOT NULL,
    password_hash      text        NOT NULL,
    is_coordinator     boolean     NOT NULL DEFAULT false,
    email_confirmed_at timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now()
);

-- One account per address, whatever its capitalisation.
CREATE UNIQUE INDEX accounts_email_unique ON accounts (lower(email));

-- The private keys that sign access tokens; the public halves are served as JWKS.
CREATE TABLE signing_keys (
    key_id      text PRIMARY KEY,
    private_key bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
