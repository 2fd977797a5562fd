-- legaldesk schema version 3: indexes for a long history (issue 5). Each keeps a per-day or
-- per-person read independent of how many years the file holds.

-- The tickets at a window (called, serving, on hold): only open rows, so it stays tiny.
CREATE INDEX steps_at_window ON steps(window_id) WHERE status IN ('called','serving','on_hold');

-- Conflict hints find a person's earlier visits by visitor, not by scanning a year of visits.
CREATE INDEX visits_by_visitor ON visits(visitor_id);
