-- Tasks on a deal (docs/paperwork.md, "Deal tasks"): what to do, by when, by whom; done or not.
CREATE TABLE deal_tasks (
    id BIGSERIAL PRIMARY KEY,
    deal_id BIGINT NOT NULL REFERENCES deals(id),
    title TEXT NOT NULL,
    due_on TEXT,
    assignee_id BIGINT REFERENCES users(id),
    author_id BIGINT REFERENCES users(id),
    done SMALLINT NOT NULL DEFAULT 0,
    done_at TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX deal_tasks_deal ON deal_tasks(deal_id);
CREATE INDEX deal_tasks_assignee ON deal_tasks(assignee_id, done, due_on);

-- The daily reminder e-mail ("today" digest): one per person per agency day.
CREATE TABLE reminder_digests (
    user_id BIGINT NOT NULL REFERENCES users(id),
    day TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (user_id, day)
);
INSERT INTO settings (key, value) VALUES ('reminder_digest_hour', '9');
