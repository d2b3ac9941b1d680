-- The directory's lifecycle of an organisation (pending, verified, rejected, suspended): only
-- members of verified organisations see members-only events and organise events. Status events may
-- overtake the registration on the broker, so a row can start from a status alone (no name yet);
-- each half (profile, status) is only overwritten by a change that happened later.
ALTER TABLE organisations
    ALTER COLUMN name DROP NOT NULL,
    ALTER COLUMN kind DROP NOT NULL,
    ALTER COLUMN profile_changed_at DROP NOT NULL,
    ADD COLUMN status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected', 'suspended')),
    ADD COLUMN status_changed_at timestamptz;
