-- legaldesk schema version 3: indexes for a long history (issue 5). Each keeps a per-day or
-- per-person read independent of how many years the file holds.

-- Today's waiting tickets per service (call next, the queue, the hall board): only rows that
-- are waiting right now, so the read is the length of the queue whatever the history. The
-- older `steps_open` also holds every past no-show, which grows with the years.
CREATE INDEX steps_waiting ON steps(service) WHERE status = 'waiting';

-- The tickets at a window (called, serving, on hold): only open rows, so it stays tiny.
CREATE INDEX steps_at_window ON steps(window_id) WHERE status IN ('called','serving','on_hold');

-- Conflict hints find a person's earlier visits by visitor, not by scanning a year of visits.
CREATE INDEX visits_by_visitor ON visits(visitor_id);
