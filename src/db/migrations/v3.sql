-- legaldesk schema version 3: indexes for a long history (issue 5). Each keeps a per-day or
-- per-person read independent of how many years the file holds.

-- Today's waiting tickets per service (call next, the queue, the hall board): only rows that
-- are waiting right now, so the read is the length of the queue whatever the history.
CREATE INDEX steps_waiting ON steps(service) WHERE status = 'waiting';

-- v1's `steps_open (service, status) WHERE status IN (5 open states)` is replaced by the two
-- indexes here: it also kept every past no-show (a read through it grew with the years), no
-- query uses it any more, and keeping it cost every write of a step a temporary table for
-- its five-value IN list (14 % of generating ten years of history).
DROP INDEX steps_open;

-- The tickets at a window (called, serving, on hold): only open rows, so it stays tiny.
-- Written with OR, not IN: SQLite evaluates a partial index's WHERE on every write of a step,
-- and an IN list of more than two constants costs a temporary table each time.
CREATE INDEX steps_at_window ON steps(window_id) WHERE status = 'called' OR status = 'serving' OR status = 'on_hold';

-- Conflict hints find a person's earlier visits by visitor, not by scanning a year of visits.
CREATE INDEX visits_by_visitor ON visits(visitor_id);
