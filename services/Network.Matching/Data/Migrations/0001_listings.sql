-- The organisations as the directory's events describe them (Consumers/Organisation*Consumer.cs):
-- the matching service's own copy, so it never reads the directory's database. A status or profile
-- event may overtake another on the broker; each half of the row remembers when the change it
-- holds happened, and an older event never overwrites a newer one.
CREATE TABLE organisations (
    id                 uuid PRIMARY KEY,
    name               text        NOT NULL DEFAULT '',
    kind               text        NOT NULL DEFAULT '',
    status             text        NOT NULL CHECK (status IN ('pending', 'verified', 'rejected', 'suspended')),
    regions            text[]      NOT NULL DEFAULT '{}',
    topics             text[]      NOT NULL DEFAULT '{}',
    languages          text[]      NOT NULL DEFAULT '{}',
    target_groups      text[]      NOT NULL DEFAULT '{}',
    -- When the profile and the status we hold were changed in the directory (the events' OccurredAt).
    profile_changed_at timestamptz NOT NULL DEFAULT '-infinity',
    status_changed_at  timestamptz NOT NULL DEFAULT '-infinity',
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- Offers and partner requests (Domain/Listing.cs). Enumerations are stored as their snake_case API
-- names; taxonomy codes as text arrays, checked by the application against Network.Vocabulary.
CREATE TABLE listings (
    id              uuid PRIMARY KEY,
    organisation_id uuid        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('offer', 'request')),
    status          text        NOT NULL CHECK (status IN ('active', 'withdrawn')),
    title           text        NOT NULL,
    description     text        NOT NULL DEFAULT '',
    topics          text[]      NOT NULL,
    languages       text[]      NOT NULL,
    regions         text[]      NOT NULL,
    target_groups   text[]      NOT NULL DEFAULT '{}',
    format          text        NOT NULL CHECK (format IN ('in_person', 'online', 'hybrid')),
    valid_until     timestamptz,
    -- The German and English labels of the listing's codes, written by the application, so
    -- "Vietnamesisch" or "Gesundheit" finds a listing by its codes, not only by its words.
    taxonomy_text   text        NOT NULL DEFAULT '',
    version         integer     NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    withdrawn_at    timestamptz,
    -- Set by moderation (a coordinator's hide or reject): out of search and suggestions; the
    -- organisation's members still see it, with the reason, so they can correct it.
    hidden_at       timestamptz,
    hidden_reason   text,
    -- Full text in German and English, as the directory does it: a listing may be written in either
    -- language and searched in either. The title weighs most, then the description, then the codes.
    search_vector   tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('german'::regconfig, title), 'A')
        || setweight(to_tsvector('english'::regconfig, title), 'A')
        || setweight(to_tsvector('german'::regconfig, description), 'B')
        || setweight(to_tsvector('english'::regconfig, description), 'B')
        || setweight(to_tsvector('german'::regconfig, taxonomy_text), 'C')
        || setweight(to_tsvector('english'::regconfig, taxonomy_text), 'C')
    ) STORED
);

CREATE INDEX listings_search ON listings USING gin (search_vector);
CREATE INDEX listings_topics ON listings USING gin (topics);
CREATE INDEX listings_regions ON listings USING gin (regions);
CREATE INDEX listings_languages ON listings USING gin (languages);
CREATE INDEX listings_target_groups ON listings USING gin (target_groups);
-- The list without a search text: active listings, newest first, continued after (created_at, id).
CREATE INDEX listings_active_by_created ON listings (created_at DESC, id DESC) WHERE status = 'active';
CREATE INDEX listings_by_organisation ON listings (organisation_id, created_at DESC);

-- The query for a search text, given as words of letters and digits (Domain/ListingSearch.cs): the
-- directory's organisation_search_query. Each word as a prefix, stemmed in German or in English, all
-- words required; stop words of either language are left out. Only words reach to_tsquery, so search
-- text is never query syntax. NULL (nothing matches) when no word is left.
CREATE FUNCTION listing_search_query(words text[]) RETURNS tsquery
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    result  tsquery;
    word    text;
    german  tsquery;
    english tsquery;
    term    tsquery;
BEGIN
    FOREACH word IN ARRAY words LOOP
        -- Defence in depth: the application sends letters and digits only; drop query syntax anyway.
        word := regexp_replace(word, '[&|!():*<>''\\[:space:]]', '', 'g');
        CONTINUE WHEN word = '';
        german := to_tsquery('german'::regconfig, word || ':*');
        english := to_tsquery('english'::regconfig, word || ':*');
        CONTINUE WHEN numnode(german) = 0 OR numnode(english) = 0;
        term := CASE WHEN german = english THEN german ELSE german || english END;
        result := CASE WHEN result IS NULL THEN term ELSE result && term END;
    END LOOP;
    RETURN result;
END
$$;
