-- Indexes that keep the expiry job and the default suggestion list from reading what they have done
-- with or do not show.

-- The expiry job looks only for listings it has not yet reminded of, or expired; handled listings
-- stay active (they may be extended), and would otherwise be read again on every pass.
DROP INDEX listings_active_by_valid_until;
CREATE INDEX listings_to_remind ON listings (valid_until) WHERE status = 'active' AND valid_until IS NOT NULL AND expiry_reminded_at IS NULL;
CREATE INDEX listings_to_expire ON listings (valid_until) WHERE status = 'active' AND valid_until IS NOT NULL AND expiry_handled_at IS NULL;

-- The suggestions list shows open ones unless asked otherwise: those, per side, newest first.
CREATE INDEX suggestions_open_by_offer_organisation ON suggestions (offer_organisation_id, created_at DESC, id DESC) WHERE status = 'open';
CREATE INDEX suggestions_open_by_request_organisation ON suggestions (request_organisation_id, created_at DESC, id DESC) WHERE status = 'open';
