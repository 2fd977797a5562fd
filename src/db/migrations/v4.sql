-- legaldesk schema version 4: legal-aid applications (SPEC §10, issue 14). One row per
-- application, created when a legal-aid step finishes `application_accepted` (or from
-- imported history). Each transition writes its own columns once, so the state of any past
-- date can be read back for the tally (pending and overdue as of the end of a range); the
-- audit log holds who did it. Due dates are not stored while open: they follow the calendar
-- in force (a holiday year added later moves them) and are frozen at the decision.

CREATE TABLE aid_applications (
    id               INTEGER PRIMARY KEY,
    step_id          INTEGER NOT NULL UNIQUE REFERENCES steps(id),
    received_at      INTEGER NOT NULL,                 -- the step's finished_at
    received_date    TEXT NOT NULL,                    -- its local business date
    state            TEXT NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending','supplementing','granted','assigned','refused','withdrawn')),
    -- 一次性告知: asked once, with a checklist and a deadline the desk sets.
    supplement_materials TEXT,                         -- comma-separated material codes
    supplement_note  TEXT,
    supplement_requested_date TEXT,
    supplement_deadline TEXT,
    supplement_received_date TEXT,
    -- The decision, and the due date it was measured against.
    decision         TEXT CHECK (decision IS NULL OR decision IN ('granted','refused')),
    decided_at       INTEGER,
    decided_date     TEXT,
    decision_due     TEXT,
    refusal_reason   TEXT CHECK (refusal_reason IS NULL OR refusal_reason IN ('means','out_of_scope','no_basis','other')),
    refusal_note     TEXT,
    assign_due       TEXT,
    assigned_date    TEXT,
    assignee         TEXT,                             -- the lawyer or law firm
    withdrawn_date   TEXT,
    lapsed           INTEGER NOT NULL DEFAULT 0 CHECK (lapsed IN (0,1)),  -- 视为撤回
    advance_ground   TEXT CHECK (advance_ground IS NULL OR advance_ground IN ('deadline','preservation','other')),
    advance_note     TEXT,
    advance_date     TEXT
);
-- The desk's list: only open applications, so it stays short whatever the history. OR, not
-- IN (see v3: an IN list costs a temporary table on every write).
CREATE INDEX aid_open ON aid_applications(state) WHERE state = 'pending' OR state = 'supplementing' OR state = 'granted';
-- The tally reads a range by receipt date.
CREATE INDEX aid_by_received ON aid_applications(received_date);
