-- Password sign-in throttling (Domain/SignInThrottle): failures in a row and the lock they cause,
-- and the failures within the current hour-long window, which a success does not wipe out.
ALTER TABLE accounts
    ADD COLUMN consecutive_failed_sign_ins integer     NOT NULL DEFAULT 0,
    ADD COLUMN sign_in_locked_until        timestamptz,
    ADD COLUMN failed_sign_ins_in_window   integer     NOT NULL DEFAULT 0,
    ADD COLUMN sign_in_window_started_at   timestamptz;

-- Tokens sent by mail (address confirmation, password reset). Only the SHA-256 hash of a token
-- is kept: the token itself exists in the mail alone.
CREATE TABLE mailed_tokens (
    token_hash  bytea PRIMARY KEY,
    account_id  uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    purpose     text        NOT NULL CHECK (purpose IN ('email_confirmation', 'password_reset')),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);

-- Counting an account's recent mails of one kind, and spending its open ones.
CREATE INDEX mailed_tokens_account ON mailed_tokens (account_id, purpose, created_at);

-- Refresh tokens, hashed like the mailed ones. A token is used once (rotation); revoked_at is set
-- on sign-out, on a password reset, and for all of an account's tokens when a used one comes back.
CREATE TABLE refresh_tokens (
    token_hash  bytea PRIMARY KEY,
    account_id  uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);

CREATE INDEX refresh_tokens_account ON refresh_tokens (account_id);
