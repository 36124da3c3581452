-- Sales, first slice (docs/sales.md): pipelines and their stages, deals with a stage history,
-- comments on deals, and applications from the agency's site forms.

CREATE TABLE pipelines (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    position BIGINT NOT NULL DEFAULT 0,
    search_text TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE pipeline_stages (
    id BIGSERIAL PRIMARY KEY,
    pipeline_id BIGINT NOT NULL REFERENCES pipelines(id),
    name TEXT NOT NULL,
    position BIGINT NOT NULL DEFAULT 0,
    owner_role TEXT,
    probability_percent BIGINT NOT NULL DEFAULT 0,
    kind TEXT NOT NULL DEFAULT 'open',
    search_text TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX pipeline_stages_pipeline ON pipeline_stages(pipeline_id, position);

CREATE TABLE applications (
    id BIGSERIAL PRIMARY KEY,
    name TEXT,
    phone TEXT,
    email TEXT,
    company TEXT,
    inn TEXT,
    message TEXT,
    page_url TEXT,
    source TEXT NOT NULL,
    ip_hash TEXT,
    user_id BIGINT REFERENCES users(id),
    duplicate_of_client_id BIGINT REFERENCES clients(id),
    created_at TEXT NOT NULL
);

CREATE TABLE deals (
    id BIGSERIAL PRIMARY KEY,
    pipeline_id BIGINT NOT NULL REFERENCES pipelines(id),
    stage_id BIGINT NOT NULL REFERENCES pipeline_stages(id),
    title TEXT NOT NULL,
    client_id BIGINT REFERENCES clients(id),
    company TEXT,
    contact_id BIGINT REFERENCES contacts(id),
    contact_name TEXT,
    phone TEXT,
    email TEXT,
    inn TEXT,
    source TEXT NOT NULL DEFAULT 'manual',
    amount_kopecks BIGINT,
    probability_percent BIGINT NOT NULL DEFAULT 0,
    owner_id BIGINT REFERENCES users(id),
    next_step TEXT,
    next_step_on TEXT,
    lost_reason TEXT,
    closed_at TEXT,
    stage_entered_at TEXT NOT NULL,
    application_id BIGINT REFERENCES applications(id),
    search_text TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX deals_stage ON deals(stage_id);
CREATE INDEX deals_pipeline ON deals(pipeline_id, stage_id);
CREATE INDEX deals_owner ON deals(owner_id);
CREATE INDEX deals_client ON deals(client_id);
CREATE INDEX deals_updated ON deals(updated_at);

CREATE TABLE deal_stage_history (
    id BIGSERIAL PRIMARY KEY,
    deal_id BIGINT NOT NULL REFERENCES deals(id),
    from_stage_id BIGINT REFERENCES pipeline_stages(id),
    to_stage_id BIGINT NOT NULL REFERENCES pipeline_stages(id),
    at TEXT NOT NULL,
    user_id BIGINT REFERENCES users(id),
    minutes_in_previous_stage BIGINT
);
CREATE INDEX deal_stage_history_deal ON deal_stage_history(deal_id, at);

CREATE TABLE deal_comments (
    id BIGSERIAL PRIMARY KEY,
    deal_id BIGINT NOT NULL REFERENCES deals(id),
    author_id BIGINT REFERENCES users(id),
    body TEXT NOT NULL,
    search_text TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX deal_comments_deal ON deal_comments(deal_id);

-- Site origins whose forms may post applications from the browser (comma-separated).
INSERT INTO settings (key, value) VALUES ('public_form_origins', '');

-- A starter pipeline, so site applications become deals from the first day (the demo replaces it).
INSERT INTO pipelines (name, code, position, search_text, created_at, updated_at)
VALUES ('Продажи', 'sales', 0, 'продажи sales', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
INSERT INTO pipeline_stages (pipeline_id, name, position, owner_role, probability_percent, kind,
                             search_text, created_at, updated_at)
SELECT p.id, s.name, s.position, s.owner_role, s.probability, s.kind, '', '2026-01-01T00:00:00Z',
       '2026-01-01T00:00:00Z'
FROM pipelines p,
     (SELECT 'Новая заявка' AS name, 1 AS position, 'lead_generator' AS owner_role, 10 AS probability, 'open' AS kind
      UNION ALL SELECT 'Квалификация', 2, 'lead_generator', 20, 'open'
      UNION ALL SELECT 'КП отправлено', 3, 'sales', 50, 'open'
      UNION ALL SELECT 'Договор', 4, 'manager', 80, 'open'
      UNION ALL SELECT 'Выиграна', 5, 'manager', 100, 'won'
      UNION ALL SELECT 'Проиграна', 6, 'sales', 0, 'lost') s
WHERE p.code = 'sales';
