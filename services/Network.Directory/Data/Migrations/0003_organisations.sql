-- Organisations, their members and invitations (services/Network.Directory/Domain/Organisation*.cs).
-- Enumerations are stored as their snake_case API names; taxonomy codes as text arrays, checked by
-- the application against Domain/Taxonomy.cs.
CREATE TABLE organisations (
    id                    uuid PRIMARY KEY,
    -- ICU's root collation sorts as people expect (Ärztenetz near Arbeitskreis, not after Z),
    -- whatever collation the database was created with.
    name                  text COLLATE "und-x-icu" NOT NULL,
    kind                  text        NOT NULL CHECK (kind IN ('mso', 'service_provider', 'administration', 'coordination')),
    status                text        NOT NULL CHECK (status IN ('pending', 'verified', 'rejected', 'suspended')),
    status_reason         text,
    description           text        NOT NULL DEFAULT '',
    regions               text[]      NOT NULL,
    topics                text[]      NOT NULL,
    languages             text[]      NOT NULL,
    target_groups         text[]      NOT NULL DEFAULT '{}',
    website               text,
    email                 text,
    phone                 text,
    address               text,
    contact_persons       jsonb       NOT NULL DEFAULT '[]',
    -- The German and English labels of the organisation's taxonomy codes, written by the
    -- application, so "Gesundheit" or "Vietnamesisch" finds organisations by their topics and
    -- languages and not only by the words of their description.
    taxonomy_text         text        NOT NULL DEFAULT '',
    version               integer     NOT NULL DEFAULT 1,
    created_by_account_id uuid        NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    verified_at           timestamptz,
    -- Set by moderation (a coordinator's "hide" decision): hidden organisations are out of the
    -- public directory and visible only to their members and coordinators.
    hidden_at             timestamptz,
    hidden_reason         text,
    -- Full text in German and English: each text is stemmed by both, because a profile may be
    -- written in either and searched in either. The name weighs most, then the description.
    search_vector         tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('german'::regconfig, name), 'A')
        || setweight(to_tsvector('english'::regconfig, name), 'A')
        || setweight(to_tsvector('german'::regconfig, description), 'B')
        || setweight(to_tsvector('english'::regconfig, description), 'B')
        || setweight(to_tsvector('german'::regconfig, taxonomy_text), 'C')
        || setweight(to_tsvector('english'::regconfig, taxonomy_text), 'C')
    ) STORED
);

CREATE INDEX organisations_search ON organisations USING gin (search_vector);
CREATE INDEX organisations_regions ON organisations USING gin (regions);
CREATE INDEX organisations_topics ON organisations USING gin (topics);
CREATE INDEX organisations_languages ON organisations USING gin (languages);
CREATE INDEX organisations_target_groups ON organisations USING gin (target_groups);
-- The directory without a search text: one status, by name, continued after (name, id).
CREATE INDEX organisations_by_status_and_name ON organisations (status, name, id);

CREATE TABLE memberships (
    organisation_id uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    account_id      uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    role            text        NOT NULL CHECK (role IN ('org_admin', 'member')),
    joined_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation_id, account_id)
);

CREATE INDEX memberships_by_account ON memberships (account_id);

-- An invitation mailed to an address; only the SHA-256 of its token is kept, so a copy of the
-- database does not let anyone join an organisation.
CREATE TABLE invitations (
    id                    uuid PRIMARY KEY,
    organisation_id       uuid        NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    email                 text        NOT NULL,
    role                  text        NOT NULL CHECK (role IN ('org_admin', 'member')),
    token_hash            bytea       NOT NULL UNIQUE,
    invited_by_account_id uuid        NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    expires_at            timestamptz NOT NULL,
    accepted_at           timestamptz,
    accepted_by_account_id uuid
);

CREATE INDEX invitations_by_organisation ON invitations (organisation_id, created_at);

-- The query for a search text, given as words of letters and digits (Domain/OrganisationSearch.cs):
-- each word as a prefix, stemmed in German or in English, all words required. Prefixes let
-- "Gesundheit" (stem "gesund") find "gesundheitliche" and "Gesundheitsamt", which German
-- compounds make common. A word that either language drops as a stop word ("und", "the") is left
-- out rather than required; a word both languages stem alike is looked up once. Only words reach
-- to_tsquery, so search text is never query syntax. NULL (nothing matches) when no word is left.
CREATE FUNCTION organisation_search_query(words text[]) RETURNS tsquery
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
