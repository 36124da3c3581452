-- Foundation: accounts, sessions, core agency records and the audit log.
-- Portable DDL: dates are ISO 8601 TEXT (compared as strings on both backends), instants RFC 3339
-- TEXT in UTC, money BIGINT kopecks, flags SMALLINT 0/1. SQLite reads BIGSERIAL PRIMARY KEY as
-- INTEGER PRIMARY KEY AUTOINCREMENT (see platform/db/migrate.cpp).

CREATE TABLE groups (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    direction TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    position TEXT,
    phone TEXT,
    photo_url TEXT,
    group_id BIGINT REFERENCES groups(id),
    -- Portal users belong to one client; no foreign key because clients refer back to users.
    client_id BIGINT,
    cost_rate_kopecks BIGINT NOT NULL DEFAULT 0,
    locale TEXT NOT NULL DEFAULT 'ru',
    password_hash TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX users_group ON users(group_id);

CREATE TABLE sessions (
    key_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    ip TEXT,
    user_agent TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);

CREATE TABLE clients (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    legal_name TEXT,
    inn TEXT,
    kpp TEXT,
    ogrn TEXT,
    legal_address TEXT,
    bank_name TEXT,
    bik TEXT,
    bank_account TEXT,
    correspondent_account TEXT,
    phone TEXT,
    email TEXT,
    website TEXT,
    source TEXT,
    account_manager_id BIGINT REFERENCES users(id),
    status TEXT NOT NULL DEFAULT 'active',
    tags TEXT NOT NULL DEFAULT '[]',
    note TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX clients_manager ON clients(account_manager_id);
CREATE INDEX clients_name ON clients(name);
CREATE INDEX clients_inn ON clients(inn);

CREATE TABLE contacts (
    id BIGSERIAL PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES clients(id),
    name TEXT NOT NULL,
    position TEXT,
    phone TEXT,
    email TEXT,
    messenger TEXT,
    is_primary SMALLINT NOT NULL DEFAULT 0,
    note TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX contacts_client ON contacts(client_id);

CREATE TABLE service_types (
    id BIGSERIAL PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_en TEXT,
    direction TEXT NOT NULL,
    planning_rate_kopecks BIGINT NOT NULL,
    search_text TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE services (
    id BIGSERIAL PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES clients(id),
    service_type_id BIGINT NOT NULL REFERENCES service_types(id),
    name TEXT NOT NULL,
    specialist_id BIGINT REFERENCES users(id),
    account_manager_id BIGINT REFERENCES users(id),
    monthly_fee_kopecks BIGINT NOT NULL,
    planning_rate_kopecks BIGINT,
    ad_budget_kopecks BIGINT,
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    documents_url TEXT,
    note TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    archived_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX services_client ON services(client_id);
CREATE INDEX services_specialist ON services(specialist_id);
CREATE INDEX services_manager ON services(account_manager_id);
CREATE INDEX services_type ON services(service_type_id);

CREATE TABLE time_entries (
    id BIGSERIAL PRIMARY KEY,
    service_id BIGINT NOT NULL REFERENCES services(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    task_id BIGINT,
    date TEXT NOT NULL,
    duration_minutes BIGINT NOT NULL CHECK (duration_minutes > 0 AND duration_minutes <= 1440),
    note TEXT,
    source TEXT NOT NULL DEFAULT 'manual',
    search_text TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX time_entries_service_date ON time_entries(service_id, date);
CREATE INDEX time_entries_user_date ON time_entries(user_id, date);
CREATE INDEX time_entries_user_service ON time_entries(user_id, service_id);
CREATE INDEX time_entries_date ON time_entries(date);

CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at TEXT NOT NULL,
    user_id BIGINT,
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT,
    request_id TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
