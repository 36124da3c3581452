-- Dashboard at 5,000 clients (bench/dashboard.sh): every query reads an index, not the table.
-- Rollups of two months come from the index alone.
DROP INDEX time_rollups_month;
CREATE INDEX time_rollups_month ON time_rollups(month, service_id, user_id, minutes);

-- The last answered call per client, kept by the calls module on every change, so the dashboard
-- does not take the maximum over every call ever made.
ALTER TABLE clients ADD COLUMN last_contact_on TEXT;
UPDATE clients SET last_contact_on = (
    SELECT MAX(k.started_on) FROM calls k
    WHERE k.client_id = clients.id AND k.status = 'answered' AND k.archived_at IS NULL);

-- Calls of one period, per client.
CREATE INDEX calls_day ON calls(started_on, client_id, status, duration_seconds, archived_at);

-- Recommendation figures per client from the index alone.
CREATE INDEX recommendations_figures ON recommendations(client_id, status, due_on, approved_on, archived_at);
