-- The language of what the agency's customers read (brief and document pages); staff choose their
-- own in the interface. A database that `retainer demo` filled says so, for the sign-in page.
INSERT INTO settings (key, value) VALUES ('language', 'ru');
