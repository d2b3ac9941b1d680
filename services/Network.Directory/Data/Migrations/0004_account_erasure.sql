-- An erased account keeps its id (other services' records and the moderation audit log refer to
-- it) and nothing else of the person.
ALTER TABLE accounts ADD COLUMN erased_at timestamptz;
