-- legaldesk: the full current schema. The binary embeds this file and runs it on a new
-- database; older databases are brought here by the ordered upgrades in src/db/migrations/.
-- Instants are unix seconds (INTEGER); business dates are local 'YYYY-MM-DD' text.
-- Money is integer fen. Codes are the stable identifiers of SPEC.md §2.
-- The file is marked as legaldesk's with PRAGMA application_id = 0x4C44736B ('LDsk'), set in
-- the same transaction as this schema (src/db/migrate.rs; src/db/identity.rs says why).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE staff (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('front_desk','duty_lawyer','notary','mediator','supervisor')),
    pin_hash    TEXT,                              -- argon2id PHC string; NULL cannot sign in
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
    failed_pins INTEGER NOT NULL DEFAULT 0,        -- shared by every terminal
    last_failed_at INTEGER,
    locked      INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0,1)),
    created_at  INTEGER NOT NULL
);

CREATE TABLE windows (
    id       INTEGER PRIMARY KEY,
    code     TEXT NOT NULL UNIQUE,
    services TEXT NOT NULL,                        -- comma-separated service codes
    active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
    label    TEXT                                  -- board and voice (v4); NULL: digits of the code + 号窗口
);

-- Who is signed in where. A row lives as long as the terminal process; rows of processes
-- that died are ignored by readers (pid check) and swept at the next sign-in.
CREATE TABLE sign_ins (
    id           INTEGER PRIMARY KEY,
    staff_id     INTEGER NOT NULL REFERENCES staff(id),
    window_id    INTEGER REFERENCES windows(id),
    pid          INTEGER NOT NULL,
    signed_in_at INTEGER NOT NULL
);

CREATE TABLE visitors (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL DEFAULT '',
    phone     TEXT,
    id_type   TEXT,
    id_number TEXT
);
CREATE INDEX visitors_by_name ON visitors(name);
CREATE INDEX visitors_by_id_number ON visitors(id_number) WHERE id_number IS NOT NULL;

CREATE TABLE visits (
    id            INTEGER PRIMARY KEY,
    business_date TEXT NOT NULL,
    ticket        TEXT NOT NULL,
    visitor_id    INTEGER REFERENCES visitors(id),
    channel       TEXT NOT NULL CHECK (channel IN ('walk_in','hotline','online','appointment','referral_in','outreach')),
    lane          TEXT NOT NULL CHECK (lane IN ('normal','elderly','disabled','minor','military','migrant_worker','dv_victim','martyr_family','good_samaritan')),
    urgent        INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0,1)),
    matter        TEXT NOT NULL CHECK (matter IN ('labor','family','inheritance','neighbor','property','contract','traffic','medical','injury','consumer','criminal','administrative','other')),
    parties       INTEGER NOT NULL DEFAULT 1 CHECK (parties >= 1),
    summary       TEXT,
    adverse_name  TEXT,                            -- for the conflict hint
    adverse_id    TEXT,
    utc_offset_s  INTEGER NOT NULL,                -- local offset when issued
    created_by    INTEGER REFERENCES staff(id),
    origin        TEXT NOT NULL DEFAULT 'live' CHECK (origin IN ('live','import','demo')),
    UNIQUE (business_date, ticket)
);
-- Conflict hints find a person's earlier visits by visitor, not by scanning a year (v3).
CREATE INDEX visits_by_visitor ON visits(visitor_id);

-- Ticket numbers per business day and prefix; only ever incremented, so a number is never
-- reused even when visits are deleted.
CREATE TABLE ticket_counters (
    business_date TEXT NOT NULL,
    prefix        TEXT NOT NULL,
    last_number   INTEGER NOT NULL,
    PRIMARY KEY (business_date, prefix)
) WITHOUT ROWID;

CREATE TABLE steps (
    id           INTEGER PRIMARY KEY,
    visit_id     INTEGER NOT NULL REFERENCES visits(id),
    seq          INTEGER NOT NULL CHECK (seq >= 1),
    service      TEXT NOT NULL CHECK (service IN ('consult','legal_aid','notary','mediation','drafting')),
    status       TEXT NOT NULL CHECK (status IN ('waiting','called','serving','on_hold','done','no_show','cancelled','unfinished')),
    queued_at    INTEGER NOT NULL,
    requeued_at  INTEGER,                          -- a late no-show back in the queue, at the end
    called_at    INTEGER,
    started_at   INTEGER,
    finished_at  INTEGER,
    recalls      INTEGER NOT NULL DEFAULT 0,
    window_id    INTEGER REFERENCES windows(id),
    staff_id     INTEGER REFERENCES staff(id),
    outcome      TEXT,
    reason       TEXT,                             -- return reason
    note         TEXT,                             -- outcome note; for a referral, the note to the next desk
    amount_fen   INTEGER CHECK (amount_fen IS NULL OR amount_fen >= 0),
    quantity     INTEGER CHECK (quantity IS NULL OR quantity >= 1),
    decision_due TEXT,                             -- legal aid: decision due date
    -- The five-level rating, who gave it and why (v4 moved the rating here, after
    -- decision_due, to widen its CHECK).
    rating       TEXT
        CHECK (rating IS NULL OR rating IN ('very_satisfied','satisfied','basic','unsatisfied','very_unsatisfied')),
    rating_by    TEXT CHECK (rating_by IS NULL OR rating_by IN ('pad','staff')),
    rating_reason TEXT
        CHECK (rating_reason IS NULL OR rating_reason IN ('attitude','efficiency','competence','environment','other')),
    rating_note  TEXT,                             -- the words of an 'other' reason
    rated_at     INTEGER,
    UNIQUE (visit_id, seq)
);
CREATE INDEX steps_decision_due ON steps(decision_due) WHERE decision_due IS NOT NULL;
-- The live queues read only open steps, so their cost does not grow with history (v3; these
-- replace v1's steps_open, which also kept every past no-show and cost a temporary table on
-- every write of a step).
-- Waiting tickets per service: only rows waiting now, so reads follow the queue (v3).
CREATE INDEX steps_waiting ON steps(service) WHERE status = 'waiting';
-- The tickets at a window (called, serving, on hold): only open rows, so it stays tiny (v3).
CREATE INDEX steps_at_window ON steps(window_id) WHERE status = 'called' OR status = 'serving' OR status = 'on_hold';

-- Append-only audit log; each row carries the hash of the one before it.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,
    staff_id  INTEGER REFERENCES staff(id),
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL DEFAULT '',
    entity_id INTEGER,
    detail    TEXT NOT NULL DEFAULT '',
    hash      BLOB NOT NULL                        -- first 16 bytes of SHA-256 over the row and the previous hash
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

-- Day close (日结, schema version 2): closed dates, their tally snapshots, and the triggers
-- that make a closed date's visits and steps read-only; an amendment opens the date only
-- inside its own transaction (day_amending).
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

-- Legal-aid applications (schema version 4, SPEC §10). Each transition writes its own columns
-- once, so the state of any past date can be read back for the tally; due dates follow the
-- calendar in force while open and are frozen at the decision.
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
-- 差评 follow-ups (回访整改, schema version 5, SPEC §9.4): one per 1–2 rating, opened in the
-- rating's transaction. The level and reason stay on the step; this holds the dates and how
-- the follow-up was closed.
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
-- The waiting hall (schema version 6, SPEC §9.1): announcements, the announcer's lease,
-- window pauses; the windows' `label` column is above.
-- One row per call or recall, written in the call's own transaction. Ids follow commit order
-- (every call runs in an IMMEDIATE transaction), so the announcer speaks by id. A row ends as
-- exactly one of: spoken (spoken_at), failed (failed, with failed_detail) or skipped (more
-- than 60 s old when the announcer reached it).
CREATE TABLE announcements (
    id            INTEGER PRIMARY KEY,
    step_id       INTEGER NOT NULL REFERENCES steps(id),
    ticket        TEXT NOT NULL,
    window_id     INTEGER REFERENCES windows(id),
    kind          TEXT NOT NULL CHECK (kind IN ('call','recall')),
    created_at    INTEGER NOT NULL,
    started_at    INTEGER,                         -- the announcer began speaking it
    repeats_done  INTEGER NOT NULL DEFAULT 0,      -- a standby taking over goes on from here
    spoken_at     INTEGER,
    failed        TEXT,                            -- a reason code (missing_command, exit_status, timeout, ...)
    failed_detail TEXT,
    skipped       INTEGER NOT NULL DEFAULT 0 CHECK (skipped IN (0,1))
);
-- The announcer's next row: only rows still to speak, so the read does not grow with history.
CREATE INDEX announcements_pending ON announcements(id) WHERE spoken_at IS NULL AND failed IS NULL AND skipped = 0;
-- "Was I called?" at the front desk, and the tally by business date.
CREATE INDEX announcements_by_step ON announcements(step_id);
-- The board's latest calls of today.
CREATE INDEX announcements_by_time ON announcements(created_at);

-- The one announcer of the hall. The holder is alive while its process is (same host: the
-- pid and the process start time from /proc, so a reused pid does not count); a holder that
-- quits deletes the row. No periodic write: a heartbeat would wake every terminal of the hall
-- (PRAGMA data_version) once a second. `seen_at` is the holder's last write.
CREATE TABLE announcer_lease (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    holder      TEXT NOT NULL,                     -- host:pid:start, for people reading the table
    host        TEXT NOT NULL,
    pid         INTEGER NOT NULL,
    started     INTEGER NOT NULL,                  -- the process start time in clock ticks since boot
    acquired_at INTEGER NOT NULL,
    seen_at     INTEGER NOT NULL
);

-- Window pauses (暂停服务). At most one open pause per window.
CREATE TABLE window_pauses (
    id         INTEGER PRIMARY KEY,
    window_id  INTEGER NOT NULL REFERENCES windows(id),
    reason     TEXT NOT NULL CHECK (reason IN ('break','meeting','outreach','other')),
    note       TEXT,
    paused_at  INTEGER NOT NULL,
    paused_by  INTEGER REFERENCES staff(id),
    resumed_at INTEGER CHECK (resumed_at IS NULL OR resumed_at >= paused_at),
    resumed_by INTEGER REFERENCES staff(id)
);
CREATE UNIQUE INDEX window_pauses_open ON window_pauses(window_id) WHERE resumed_at IS NULL;
-- The tally reads the pauses of a date range by their start.
CREATE INDEX window_pauses_by_start ON window_pauses(paused_at);

-- Appointments (schema version 7, SPEC §11): one row per booking; it becomes a visit at
-- check-in, and `on_time` (checked in inside the window around the slot start) makes that
-- visit's first step wait as priority. Day close turns the date's `booked` into `missed`.
CREATE TABLE appointments (
    id            INTEGER PRIMARY KEY,
    business_date TEXT NOT NULL,                     -- the day booked, local 'YYYY-MM-DD'
    slot_start    TEXT NOT NULL,                     -- local 'HH:MM' the slot starts
    service       TEXT NOT NULL CHECK (service IN ('consult','legal_aid','notary','mediation','drafting')),
    name          TEXT NOT NULL,
    phone         TEXT NOT NULL,                     -- as given
    phone_key     TEXT NOT NULL,                     -- its digits only: one booking per phone, the last-four search, missed history
    channel       TEXT NOT NULL CHECK (channel IN ('hotline','online','walk_in')),
    state         TEXT NOT NULL DEFAULT 'booked'
                  CHECK (state IN ('booked','checked_in','missed','cancelled')),
    created_at    INTEGER NOT NULL,
    created_by    INTEGER REFERENCES staff(id),      -- NULL: the command line (administrator)
    visit_id      INTEGER UNIQUE REFERENCES visits(id),  -- the ticket it became at check-in
    checked_in_at INTEGER,
    on_time       INTEGER CHECK (on_time IS NULL OR on_time IN (0,1)),
    cancelled_at  INTEGER,
    cancelled_by  INTEGER REFERENCES staff(id)
);
-- A day's bookings in slot order (the screen, the quota, the close, the tally's range).
CREATE INDEX appointments_by_date ON appointments(business_date, slot_start);
-- One booking per phone per service per day, and a visitor's missed bookings.
CREATE INDEX appointments_by_phone ON appointments(phone_key);
