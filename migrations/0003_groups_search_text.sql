-- groups are generic records (records::Resource writes search_text on every create and update) but
-- 0001 gave the table no search_text column: POST /api/v1/groups failed with a 500.
ALTER TABLE groups ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE groups SET search_text = LOWER(name);
