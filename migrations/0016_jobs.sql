-- Background jobs (platform/jobs, issue 10): one table every server process claims work from.
-- A job is enqueued once per idempotency key; a worker holds it under a lease it renews while it
-- runs (heartbeats), so the job of a killed process is taken over when the lease runs out; a
-- failure is retried with backoff up to max_attempts; progress and the result are readable by the
-- UI (GET /api/v1/jobs/{id}).
CREATE TABLE jobs (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL DEFAULT 'queued',
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL DEFAULT 5,
    run_after TEXT NOT NULL,
    lease_owner TEXT,
    lease_until TEXT,
    progress_done BIGINT NOT NULL DEFAULT 0,
    progress_total BIGINT,
    result TEXT,
    last_error TEXT,
    created_by BIGINT,
    created_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX jobs_ready ON jobs(status, run_after);
CREATE INDEX jobs_finished ON jobs(finished_at);
