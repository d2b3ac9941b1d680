-- The inbox's `unreadOnly` view, which the web front end asks for on every page: without an index of
-- its own it walks the person's whole inbox (everything ever read) to find the few unread at its top.
CREATE INDEX notifications_unread ON notifications (account_id, created_at DESC, id DESC) WHERE read_at IS NULL;
