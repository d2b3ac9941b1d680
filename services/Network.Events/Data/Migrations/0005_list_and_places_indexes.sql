-- The list and the feed ask for events that have not ended yet (last_ends_at >= from): without
-- this index every request reads every past event of the network.
CREATE INDEX events_by_last_end ON events (last_ends_at);

-- Places are counted per session from the confirmed registrations and the waitlist is read in
-- order, under the event's lock, at every registration, cancellation and read of an event.
CREATE INDEX registrations_by_event_status ON registrations (event_id, status, sequence);
