-- The time tracker of each person, kept on the server (issue 9, item 2): it survives a closed
-- tab, another browser or device, and is cleared only when its time is saved or discarded.
CREATE TABLE timers (
    user_id BIGINT PRIMARY KEY REFERENCES users(id),
    service_id BIGINT REFERENCES services(id),
    started_at TEXT,
    elapsed_seconds BIGINT NOT NULL DEFAULT 0,
    note TEXT,
    updated_at TEXT NOT NULL
);

-- Notifications are listed newest first by time.
CREATE INDEX notifications_user_created ON notifications(user_id, created_at);
