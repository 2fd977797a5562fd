-- legaldesk schema version 2: day close (日结). A closed business date has one row per
-- snapshot version of its tally; triggers make that date's visits and steps read-only in the
-- database itself, so no terminal, script or sqlite3 shell can rewrite a filed day. An
-- amendment opens the date for the length of its own transaction only (`day_amending`).

CREATE TABLE day_closes (
    business_date TEXT NOT NULL,
    version       INTEGER NOT NULL CHECK (version >= 1),
    closed_at     INTEGER NOT NULL,
    closed_by     INTEGER REFERENCES staff(id),   -- NULL: the administrator (command line)
    tally_json    TEXT NOT NULL,                  -- the frozen tally of SPEC §5
    reason        TEXT,                           -- NULL for the close; the amendment's reason
    PRIMARY KEY (business_date, version)
) WITHOUT ROWID;
CREATE TRIGGER day_closes_no_update BEFORE UPDATE ON day_closes
BEGIN SELECT RAISE(ABORT, 'day close snapshots are append-only'); END;
CREATE TRIGGER day_closes_no_delete BEFORE DELETE ON day_closes
BEGIN SELECT RAISE(ABORT, 'day close snapshots are append-only'); END;

-- A row exists only inside an amendment's transaction (inserted and deleted by it).
CREATE TABLE day_amending (
    business_date TEXT PRIMARY KEY
) WITHOUT ROWID;

-- Each guard is two primary-key lookups (the visit's date, then day_closes/day_amending):
-- cheap enough to fire on every step change all day.
CREATE TRIGGER visits_closed_insert BEFORE INSERT ON visits
WHEN EXISTS (SELECT 1 FROM day_closes WHERE business_date = NEW.business_date)
 AND NOT EXISTS (SELECT 1 FROM day_amending WHERE business_date = NEW.business_date)
BEGIN SELECT RAISE(ABORT, 'business date is closed'); END;

CREATE TRIGGER visits_closed_update BEFORE UPDATE ON visits
WHEN (EXISTS (SELECT 1 FROM day_closes WHERE business_date = OLD.business_date)
      AND NOT EXISTS (SELECT 1 FROM day_amending WHERE business_date = OLD.business_date))
  OR (EXISTS (SELECT 1 FROM day_closes WHERE business_date = NEW.business_date)
      AND NOT EXISTS (SELECT 1 FROM day_amending WHERE business_date = NEW.business_date))
BEGIN SELECT RAISE(ABORT, 'business date is closed'); END;

CREATE TRIGGER visits_closed_delete BEFORE DELETE ON visits
WHEN EXISTS (SELECT 1 FROM day_closes WHERE business_date = OLD.business_date)
 AND NOT EXISTS (SELECT 1 FROM day_amending WHERE business_date = OLD.business_date)
BEGIN SELECT RAISE(ABORT, 'business date is closed'); END;

CREATE TRIGGER steps_closed_insert BEFORE INSERT ON steps
WHEN EXISTS (SELECT 1 FROM visits v JOIN day_closes c ON c.business_date = v.business_date
              WHERE v.id = NEW.visit_id
                AND NOT EXISTS (SELECT 1 FROM day_amending a WHERE a.business_date = v.business_date))
BEGIN SELECT RAISE(ABORT, 'business date is closed'); END;

CREATE TRIGGER steps_closed_update BEFORE UPDATE ON steps
WHEN EXISTS (SELECT 1 FROM visits v JOIN day_closes c ON c.business_date = v.business_date
              WHERE v.id IN (OLD.visit_id, NEW.visit_id)
                AND NOT EXISTS (SELECT 1 FROM day_amending a WHERE a.business_date = v.business_date))
BEGIN SELECT RAISE(ABORT, 'business date is closed'); END;

CREATE TRIGGER steps_closed_delete BEFORE DELETE ON steps
WHEN EXISTS (SELECT 1 FROM visits v JOIN day_closes c ON c.business_date = v.business_date
              WHERE v.id = OLD.visit_id
                AND NOT EXISTS (SELECT 1 FROM day_amending a WHERE a.business_date = v.business_date))
BEGIN SELECT RAISE(ABORT, 'business date is closed'); END;
