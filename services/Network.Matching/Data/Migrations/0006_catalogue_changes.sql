-- The counterpart catalogue (Data/CounterpartCatalogue.cs) keeps, in each service instance's memory,
-- the codes and words of every listing that can be listed and whether each organisation is verified
-- and when it was last active. It catches up by reading the rows whose `change_seq` is above the highest it
-- has seen. A row gets a new number whenever something the catalogue holds changes; other changes
-- (a version, an expiry mark, an organisation's name) keep the number, so they cost the catalogue
-- nothing.
--
-- Numbers are handed out when a row is written, not when its transaction commits. They rise in
-- commit order only because every transaction that takes a number first takes matching's write
-- lock (SuggestionStore.LockForWritingAsync): a reader never sees a number while a smaller one is
-- still uncommitted (the sequence hands out one number at a time; a cache would break this). The
-- directory's registration event inserts an organisation without that lock, so that insert takes
-- no number (OrganisationReadModel.SaveProfileAsync writes 0): a pending organisation is nothing
-- to the catalogue, which treats an organisation it does not know as not verified.
CREATE SEQUENCE catalogue_changes;

ALTER TABLE listings ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('catalogue_changes');
ALTER TABLE organisations ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('catalogue_changes');

CREATE FUNCTION number_listing_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.organisation_id IS DISTINCT FROM OLD.organisation_id
        OR NEW.kind IS DISTINCT FROM OLD.kind
        OR NEW.status IS DISTINCT FROM OLD.status
        OR NEW.hidden_at IS DISTINCT FROM OLD.hidden_at
        OR NEW.valid_until IS DISTINCT FROM OLD.valid_until
        OR NEW.topics IS DISTINCT FROM OLD.topics
        OR NEW.regions IS DISTINCT FROM OLD.regions
        OR NEW.languages IS DISTINCT FROM OLD.languages
        OR NEW.target_groups IS DISTINCT FROM OLD.target_groups
        OR NEW.title IS DISTINCT FROM OLD.title
        OR NEW.description IS DISTINCT FROM OLD.description THEN
        NEW.change_seq := nextval('catalogue_changes');
    ELSE
        NEW.change_seq := OLD.change_seq;
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION number_organisation_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status OR NEW.last_active_at IS DISTINCT FROM OLD.last_active_at THEN
        NEW.change_seq := nextval('catalogue_changes');
    ELSE
        NEW.change_seq := OLD.change_seq;
    END IF;
    RETURN NEW;
END
$$;

-- Inserts take the column's default; updates are numbered by what they change.
CREATE TRIGGER listings_number_change BEFORE UPDATE ON listings
    FOR EACH ROW EXECUTE FUNCTION number_listing_change();
CREATE TRIGGER organisations_number_change BEFORE UPDATE ON organisations
    FOR EACH ROW EXECUTE FUNCTION number_organisation_change();

CREATE INDEX listings_by_change ON listings (change_seq);
CREATE INDEX organisations_by_change ON organisations (change_seq);

-- The database no longer shortlists counterparts (the catalogue does), so nothing reads this.
DROP INDEX listings_counterpart_profiles;
