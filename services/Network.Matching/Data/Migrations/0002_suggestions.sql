-- Suggestions, partnerships and listing expiry (Domain/Suggestion.cs, Data/SuggestionStore.cs,
-- Data/ListingExpiry.cs).

-- When someone of the organisation last published, edited or answered a suggestion here: the
-- ranking puts recently active organisations first (MatchScoring.RecentActivityWeight).
ALTER TABLE organisations ADD COLUMN last_active_at timestamptz;

-- The expiry job's marks: the week-ahead reminder was published, the expiry was handled (its
-- suggestions closed, ListingExpired published). Both are cleared when `valid_until` changes.
ALTER TABLE listings
    ADD COLUMN expiry_reminded_at timestamptz,
    ADD COLUMN expiry_handled_at  timestamptz;

-- What the expiry job looks for: active listings with an end date, soonest first.
CREATE INDEX listings_active_by_valid_until ON listings (valid_until) WHERE status = 'active' AND valid_until IS NOT NULL;

-- The suggestion shortlist (Data/CounterpartSql.cs) filters listed listings of one kind by shared
-- topic and a place where they can meet; one GIN index over both arrays, only over what can be
-- suggested at all, answers both conditions together.
CREATE INDEX listings_counterparts ON listings USING gin (topics, regions) WHERE status = 'active' AND hidden_at IS NULL;

-- One offer and one request that fit, as MatchScoring found them. The pair is unique: however
-- often either listing changes or an event is delivered, there is one suggestion for it, whose
-- score and reasons are brought up to date. `status`:
--   open         suggested; either side may have said it is interested
--   partnership  both sides were interested (see partnerships)
--   declined     one side declined (declined_by_organisation_id, decline_reason)
--   closed       a listing was withdrawn, expired, hidden, its organisation became unavailable,
--                or the two no longer fit (closed_reason); reopened if they fit again
CREATE TABLE suggestions (
    id                          uuid PRIMARY KEY,
    offer_listing_id            uuid             NOT NULL REFERENCES listings (id),
    request_listing_id          uuid             NOT NULL REFERENCES listings (id),
    offer_organisation_id       uuid             NOT NULL,
    request_organisation_id     uuid             NOT NULL,
    status                      text             NOT NULL CHECK (status IN ('open', 'partnership', 'declined', 'closed')),
    score                       double precision NOT NULL,
    -- [{ code, de, en }], as MatchScoring explains the fit.
    reasons                     jsonb            NOT NULL,
    offer_interested_at         timestamptz,
    request_interested_at       timestamptz,
    declined_by_organisation_id uuid,
    decline_reason              text,
    closed_reason               text CHECK (closed_reason IN ('withdrawn', 'expired', 'hidden', 'organisation_unavailable', 'no_longer_fits')),
    created_at                  timestamptz      NOT NULL,
    updated_at                  timestamptz      NOT NULL,
    closed_at                   timestamptz,
    UNIQUE (offer_listing_id, request_listing_id),
    CHECK (offer_organisation_id <> request_organisation_id)
);

-- An organisation's suggestions, newest first, for either side.
CREATE INDEX suggestions_by_offer_organisation ON suggestions (offer_organisation_id, created_at DESC, id DESC);
CREATE INDEX suggestions_by_request_organisation ON suggestions (request_organisation_id, created_at DESC, id DESC);
-- The unique pair serves lookups by offer; this one serves lookups by request.
CREATE INDEX suggestions_by_request_listing ON suggestions (request_listing_id);

-- Formed when both sides of a suggestion were interested; one per suggestion.
CREATE TABLE partnerships (
    id                      uuid        PRIMARY KEY,
    suggestion_id           uuid        NOT NULL UNIQUE REFERENCES suggestions (id),
    offer_listing_id        uuid        NOT NULL REFERENCES listings (id),
    request_listing_id      uuid        NOT NULL REFERENCES listings (id),
    offer_organisation_id   uuid        NOT NULL,
    request_organisation_id uuid        NOT NULL,
    formed_at               timestamptz NOT NULL
);

CREATE INDEX partnerships_by_offer_organisation ON partnerships (offer_organisation_id, formed_at DESC, id DESC);
CREATE INDEX partnerships_by_request_organisation ON partnerships (request_organisation_id, formed_at DESC, id DESC);
