-- The query for a search text, shared by every service that searches (the directory's
-- organisations, matching's listings), given as words of letters and digits (ServiceDefaults
-- Http/SearchText.Words): each word as a prefix, stemmed in German or in English, all words
-- required. Prefixes let "Gesundheit" (stem "gesund") find "gesundheitliche" and "Gesundheitsamt",
-- which German compounds make common. A word that either language drops as a stop word ("und",
-- "the") is left out rather than required; a word both languages stem alike is looked up once.
-- Only words reach to_tsquery, so search text is never query syntax. NULL (nothing matches) when no
-- word is left. It replaces the copies the directory and matching had (organisation_search_query,
-- listing_search_query), which their own later migrations drop.
CREATE FUNCTION search_query(words text[]) RETURNS tsquery
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
