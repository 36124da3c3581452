-- Dashboard: recommendations, calls, monthly time rollups and agency settings.

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- The agency's time zone as a fixed UTC offset in minutes (Moscow: +180); periods and "today" use it.
INSERT INTO settings (key, value) VALUES ('timezone_offset_minutes', '180');

-- Minutes per service, employee and month, maintained in the same transaction as every time entry
-- change, so the dashboard reads a few rows per service instead of scanning time entries.
CREATE TABLE time_rollups (
    service_id BIGINT NOT NULL REFERENCES services(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    month TEXT NOT NULL,
    minutes BIGINT NOT NULL,
    entries BIGINT NOT NULL,
    PRIMARY KEY (service_id, user_id, month)
);
CREATE INDEX time_rollups_month ON time_rollups(month);

INSERT INTO time_rollups (service_id, user_id, month, minutes, entries)
SELECT service_id, user_id, SUBSTR(date, 1, 7), SUM(duration_minutes), COUNT(*)
FROM time_entries GROUP BY service_id, user_id, SUBSTR(date, 1, 7);

CREATE TABLE recommendations (
    id BIGSERIAL PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES clients(id),
    service_id BIGINT REFERENCES services(id),
    author_id BIGINT REFERENCES users(id),
    title TEXT NOT NULL,
    body TEXT,
    url TEXT,
    status TEXT NOT NULL DEFAULT 'draft',
    sent_on TEXT,
    due_on TEXT,
    approved_on TEXT,
    rejected_on TEXT,
    implemented_on TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX recommendations_client ON recommendations(client_id);
CREATE INDEX recommendations_service ON recommendations(service_id);

CREATE TABLE calls (
    id BIGSERIAL PRIMARY KEY,
    client_id BIGINT REFERENCES clients(id),
    employee_id BIGINT REFERENCES users(id),
    direction TEXT NOT NULL,
    started_at TEXT NOT NULL,
    started_on TEXT NOT NULL,
    duration_seconds BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    phone TEXT,
    note TEXT,
    external_id TEXT UNIQUE,
    search_text TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX calls_client_day ON calls(client_id, started_on);
CREATE INDEX calls_employee ON calls(employee_id);
