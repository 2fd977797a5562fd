-- legaldesk schema version 7: appointments (预约, SPEC §11, issue 12). One row per booking,
-- made at the front desk or from the command line for the 12348 operator. A booking becomes
-- a visit at check-in (`visit_id`); `on_time` says whether that was inside the check-in window
-- around the slot start, and the queue order reads it (an on-time check-in waits as priority).
-- At day close every `booked` row of the date becomes `missed`.

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
