-- legaldesk schema version 5: five-level ratings (政务服务"好差评", SPEC §2), who rated (the
-- visitor on the rating pad, or staff on the visitor's word), the reason for a 1–2 rating,
-- and the 差评 follow-ups (回访整改, SPEC §9.4).
--
-- SQLite cannot change a column's CHECK in place, and rebuilding `steps` would trip the
-- foreign keys other tables hold on it. So the rating moves to a new column with the
-- five-level CHECK, the old column is dropped, and the new one takes its name. Existing
-- three-level codes ('satisfied', 'basic', 'unsatisfied') are codes of the five-level scale
-- with the same meaning, so they are copied as they are; they were entered by staff.
--
-- Closed dates are read-only by trigger; this copy changes no figure of theirs, so it runs
-- with every closed date marked as being amended, and the marks go again at the end.

ALTER TABLE steps ADD COLUMN rating_level TEXT
    CHECK (rating_level IS NULL OR rating_level IN ('very_satisfied','satisfied','basic','unsatisfied','very_unsatisfied'));
ALTER TABLE steps ADD COLUMN rating_by TEXT CHECK (rating_by IS NULL OR rating_by IN ('pad','staff'));
ALTER TABLE steps ADD COLUMN rating_reason TEXT
    CHECK (rating_reason IS NULL OR rating_reason IN ('attitude','efficiency','competence','environment','other'));
ALTER TABLE steps ADD COLUMN rating_note TEXT;
ALTER TABLE steps ADD COLUMN rated_at INTEGER;

INSERT INTO day_amending (business_date) SELECT DISTINCT business_date FROM day_closes;
UPDATE steps SET rating_level = rating, rating_by = 'staff', rated_at = finished_at
 WHERE rating IS NOT NULL;
DELETE FROM day_amending;

ALTER TABLE steps DROP COLUMN rating;
ALTER TABLE steps RENAME COLUMN rating_level TO rating;

-- One follow-up per 1–2 rating, opened in the rating's transaction. The level and reason
-- stay on the step (one source); the follow-up holds the dates and how it was closed.
CREATE TABLE follow_ups (
    id          INTEGER PRIMARY KEY,
    step_id     INTEGER NOT NULL UNIQUE REFERENCES steps(id),
    opened_at   INTEGER NOT NULL,
    opened_date TEXT NOT NULL,                     -- business date of the rating
    due_date    TEXT NOT NULL,                     -- followup_days working days later
    closed_at   INTEGER,
    closed_date TEXT,
    closed_by   INTEGER REFERENCES staff(id),
    outcome     TEXT CHECK (outcome IS NULL OR outcome IN ('corrected','explained','appealed')),
    note        TEXT,
    CHECK ((closed_at IS NULL) = (outcome IS NULL) AND (closed_at IS NULL) = (closed_date IS NULL))
);
-- The supervisor's list reads only open follow-ups, so it stays short whatever the history.
CREATE INDEX follow_ups_open ON follow_ups(due_date) WHERE closed_at IS NULL;
-- The tally counts those opened and closed in a range.
CREATE INDEX follow_ups_by_opened ON follow_ups(opened_date);
CREATE INDEX follow_ups_by_closed ON follow_ups(closed_date) WHERE closed_date IS NOT NULL;
