-- Notifications lead to the web front end's pages (Domain/WebPages.cs) instead of paths of their own
-- that only the inbox page translated and that mails carried as they were, into nowhere. Those written
-- before are rewritten to the same pages, so the inbox and mails still to be sent need no translation.
UPDATE notifications SET link = CASE
        WHEN link = '/organisations/new' THEN '/organisationen/neu'
        WHEN link = '/me/registrations' THEN '/veranstaltungen/meine'
        WHEN link LIKE '/announcements/%' THEN NULL
        ELSE regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(link,
            '^/conversations/', '/postfach/gespraeche/'),
            '^/organisations/', '/organisationen/'),
            '^/listings/', '/marktplatz/'),
            '^/events/', '/veranstaltungen/'),
            '^/suggestions\?organisationId=', '/marktplatz/vorschlaege?organisation=')
    END
WHERE link ~ '^/(conversations|organisations|listings|events|announcements)/' OR link ~ '^/suggestions\?' OR link = '/me/registrations';
