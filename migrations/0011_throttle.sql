-- Rate limits shared by every server process on the database (issue 8): login failures per
-- account, per account and address, per address; wrong secret links; site applications. One row
-- per limit and key, a fixed window each (platform/auth/throttle).
CREATE TABLE throttle (
    key TEXT PRIMARY KEY,
    hits BIGINT NOT NULL,
    window_ends_at TEXT NOT NULL,
    last_at TEXT NOT NULL
);
CREATE INDEX throttle_window_ends ON throttle(window_ends_at);

-- Expired sessions are purged by a periodic job.
CREATE INDEX sessions_last_seen ON sessions(last_seen_at);
