-- Searches use the platform's search_query (ServiceDefaults 0003_search_query.sql) now.
DROP FUNCTION organisation_search_query(text[]);
