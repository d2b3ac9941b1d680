-- The suggestion shortlist's first step (Data/CounterpartSql.cs) reads, for every candidate of the
-- other kind, only these columns: from this index alone when the table is vacuumed, instead of
-- whole rows, which carry the text and its search vector. A common topic in a big city has
-- thousands of candidates; their rows would be most of the table.
CREATE INDEX listings_counterpart_profiles ON listings (kind)
    INCLUDE (id, organisation_id, topics, regions, languages, target_groups, valid_until)
    WHERE status = 'active' AND hidden_at IS NULL;
