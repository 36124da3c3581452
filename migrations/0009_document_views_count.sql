-- Each document carries its view count and last view, kept with every recorded view, so lists
-- show them without a query per row.
ALTER TABLE documents ADD COLUMN views BIGINT NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN last_viewed_at TEXT;
UPDATE documents SET views = (SELECT COUNT(*) FROM document_views v WHERE v.document_id = documents.id),
    last_viewed_at = (SELECT MAX(at) FROM document_views v WHERE v.document_id = documents.id);
