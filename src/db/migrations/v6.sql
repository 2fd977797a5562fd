-- legaldesk schema version 6: the waiting hall (SPEC §9.1, issue 10). Window labels for the
-- board and the voice, the announcements every call and recall writes (the hall's one FIFO),
-- the lease that lets exactly one announcer speak them, and window pauses (暂停服务).

-- What the board shows and the announcer says for a window; NULL means the default, the
-- digits of the code + 号窗口 (W3 -> 3号窗口).
ALTER TABLE windows ADD COLUMN label TEXT;

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
