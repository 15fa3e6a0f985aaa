-- cop-kiosk database schema, version 4 (PRAGMA user_version = 4).
-- Applied by facilitation/store/schema.cpp to a new database. An older database is brought up to date by the
-- migrations in facilitation/store/store.cpp; columns a migration adds come last in their table, so a migrated
-- database and a new one have the same shape (tests/facilitation/test_migration.cpp compares them).
-- Rules (../shared/DESIGN.md): STRICT tables; UUID text keys; UTC ISO-8601 timestamps
-- ("2026-11-24T06:01:02.123Z"); rows a coordinator may merge are never deleted by normal use:
-- they are retracted, superseded or archived instead.

CREATE TABLE community (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,            -- case-folded name: one community per name
    domain      TEXT NOT NULL DEFAULT '', -- what the community is about
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    archived_at TEXT
) STRICT;
CREATE UNIQUE INDEX community_name_once ON community(name_key) WHERE archived_at IS NULL;

-- A person of the community. Attendance makes a member a participant of one workshop.
CREATE TABLE member (
    id           TEXT PRIMARY KEY,
    community_id TEXT NOT NULL REFERENCES community(id),
    name         TEXT NOT NULL,
    name_key     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    archived_at  TEXT,
    -- Version 3: the roster (cop-kiosk roster import). '' when not known.
    email         TEXT NOT NULL DEFAULT '',
    participation TEXT NOT NULL DEFAULT '' CHECK (participation IN ('', 'core', 'active', 'peripheral'))
) STRICT;
CREATE UNIQUE INDEX member_name_once ON member(community_id, name_key) WHERE archived_at IS NULL;

CREATE TABLE workshop (
    id                   TEXT PRIMARY KEY,
    community_id         TEXT NOT NULL REFERENCES community(id),
    kind                 TEXT NOT NULL CHECK (kind IN ('launch', 'renewal')),
    template_key         TEXT NOT NULL,
    template_name        TEXT NOT NULL,
    previous_workshop_id TEXT REFERENCES workshop(id),
    current_stage        INTEGER NOT NULL DEFAULT 0, -- followed live by every role
    started_at           TEXT NOT NULL,
    ended_at             TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    archived_at          TEXT,
    -- Version 2: the kiosk. The facilitator's PIN as a salted, iterated hash (never the PIN itself), and
    -- what participants may do at a kiosk besides voting.
    kiosk_pin_salt         TEXT,
    kiosk_pin_hash         TEXT,
    kiosk_roles_open       INTEGER NOT NULL DEFAULT 0 CHECK (kiosk_roles_open IN (0, 1)),
    kiosk_commitments_open INTEGER NOT NULL DEFAULT 0 CHECK (kiosk_commitments_open IN (0, 1))
) STRICT;
CREATE INDEX workshop_by_community ON workshop(community_id, started_at);

-- The template's stages, copied when the workshop starts, so editing a template never rewrites history.
CREATE TABLE workshop_stage (
    id              TEXT PRIMARY KEY,
    workshop_id     TEXT NOT NULL REFERENCES workshop(id),
    position        INTEGER NOT NULL CHECK (position >= 0),
    key             TEXT NOT NULL,
    title           TEXT NOT NULL,
    prompt          TEXT NOT NULL,
    kind            TEXT NOT NULL,
    planned_minutes INTEGER NOT NULL CHECK (planned_minutes > 0),
    dots            INTEGER NOT NULL DEFAULT 3, -- tasks stages: each participant's dot budget
    started_at      TEXT,             -- first entered
    ended_at        TEXT,             -- last left
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    -- Version 2: the stage's countdown, which the facilitator can pause, restart and extend. Time on the
    -- clock = timer_elapsed_seconds + (now - timer_running_since while it runs); it runs only while the
    -- stage is the current one and not paused.
    timer_running_since   TEXT,
    timer_elapsed_seconds INTEGER NOT NULL DEFAULT 0 CHECK (timer_elapsed_seconds >= 0),
    timer_extra_minutes   INTEGER NOT NULL DEFAULT 0 CHECK (timer_extra_minutes >= 0),
    UNIQUE (workshop_id, position),
    UNIQUE (workshop_id, key)
) STRICT;

-- Who is here: the roster of one workshop.
CREATE TABLE attendance (
    id            TEXT PRIMARY KEY,
    workshop_id   TEXT NOT NULL REFERENCES workshop(id),
    member_id     TEXT NOT NULL REFERENCES member(id),
    checked_in_at TEXT NOT NULL,
    retracted_at  TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX attendance_once ON attendance(workshop_id, member_id) WHERE retracted_at IS NULL;
-- Version 3: reading a workshop finds its rows without scanning the table. Version 4: in check-in order, so the
-- roster of a large workshop is read without sorting it.
CREATE INDEX attendance_by_workshop ON attendance(workshop_id, checked_in_at);

CREATE TABLE poll (
    id           TEXT PRIMARY KEY,
    workshop_id  TEXT NOT NULL REFERENCES workshop(id),
    stage_key    TEXT NOT NULL,
    purpose      TEXT NOT NULL DEFAULT 'main', -- a stage may hold several: 'energy', 'importance', 'dots'
    kind         TEXT NOT NULL CHECK (kind IN ('single', 'dots', 'rating')),
    question     TEXT NOT NULL,
    anonymous    INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
    live_results INTEGER NOT NULL DEFAULT 0 CHECK (live_results IN (0, 1)),
    status       TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'revealed')),
    budget       INTEGER,  -- dots: dots per participant
    cap          INTEGER,  -- dots: most dots on one option (NULL: no cap)
    scale_min    INTEGER,  -- rating: the scale of every item
    scale_max    INTEGER,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (workshop_id, stage_key, purpose)
) STRICT;

CREATE TABLE poll_option (
    id         TEXT PRIMARY KEY,
    poll_id    TEXT NOT NULL REFERENCES poll(id),
    position   INTEGER NOT NULL,
    key        TEXT NOT NULL,
    label      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (poll_id, key)
) STRICT;

-- What was voted in a named poll: one current ballot per voter; a replaced ballot is superseded, never deleted.
CREATE TABLE ballot (
    id            TEXT PRIMARY KEY,
    poll_id       TEXT NOT NULL REFERENCES poll(id),
    voter_id      TEXT NOT NULL REFERENCES member(id),
    superseded_at TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX ballot_current_once ON ballot(poll_id, voter_id) WHERE superseded_at IS NULL;
-- Version 4: a poll's current ballots in id order without reading the table, so a tally reads their entries in
-- key order too (tests/bench/bench_tally.py).
CREATE INDEX ballot_by_poll ON ballot(poll_id, superseded_at, id);

-- What was voted in an anonymous poll. No voter, no timestamp; a random key orders the rows, so neither
-- a rowid nor the order of insertion exists. While the poll is open, `token` (a keyed hash of the voter,
-- whose key lives outside the database and is destroyed when the poll closes) lets that voter replace
-- their ballot; closing the poll erases every token.
CREATE TABLE anonymous_ballot (
    id         TEXT PRIMARY KEY,
    poll_id    TEXT NOT NULL REFERENCES poll(id),
    token      TEXT,
    superseded INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1))
) STRICT, WITHOUT ROWID;
CREATE INDEX anonymous_ballot_by_poll ON anonymous_ballot(poll_id);

-- The content of a ballot of either kind: single choice (value 1), dots (how many), rating (the score).
CREATE TABLE ballot_entry (
    ballot_id  TEXT NOT NULL,
    option_key TEXT NOT NULL,
    value      INTEGER NOT NULL,
    PRIMARY KEY (ballot_id, option_key)
) STRICT, WITHOUT ROWID;

-- Who has voted, kept apart from what was voted.
CREATE TABLE poll_voter (
    poll_id  TEXT NOT NULL REFERENCES poll(id),
    member_id TEXT NOT NULL REFERENCES member(id),
    PRIMARY KEY (poll_id, member_id)
) STRICT, WITHOUT ROWID;

-- Audit trail of every poll change: opened, closed, revealed, reopened, ballot cast or replaced.
-- Ballot events of an anonymous poll name nobody and carry no ballot id.
CREATE TABLE poll_event (
    id         TEXT PRIMARY KEY,
    poll_id    TEXT NOT NULL REFERENCES poll(id),
    action     TEXT NOT NULL,
    member_id  TEXT REFERENCES member(id), -- named polls only
    at         TEXT NOT NULL
) STRICT;
CREATE INDEX poll_event_by_poll ON poll_event(poll_id);

-- The roles a workshop works with, copied from its template when it starts.
CREATE TABLE workshop_role (
    workshop_id TEXT NOT NULL REFERENCES workshop(id),
    key         TEXT NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL,
    PRIMARY KEY (workshop_id, key)
) STRICT;

-- Who holds which role. A renewal starts from the previous workshop's holders.
CREATE TABLE role_assignment (
    id           TEXT PRIMARY KEY,
    workshop_id  TEXT NOT NULL REFERENCES workshop(id),
    role_key     TEXT NOT NULL,
    member_id    TEXT NOT NULL REFERENCES member(id),
    retracted_at TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX role_assignment_once ON role_assignment(workshop_id, role_key, member_id)
    WHERE retracted_at IS NULL;
CREATE INDEX role_assignment_by_workshop ON role_assignment(workshop_id);

-- The rhythm of togetherness: one row per decision, its recurrence field by field (an RRULE without loss).
CREATE TABLE rhythm_decision (
    id               TEXT PRIMARY KEY,
    workshop_id      TEXT NOT NULL REFERENCES workshop(id),
    activity         TEXT NOT NULL,
    frequency        TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly', 'yearly')),
    interval         INTEGER NOT NULL CHECK (interval >= 1),
    weekdays         TEXT NOT NULL DEFAULT '',  -- "MO,TH"
    set_position     INTEGER NOT NULL DEFAULT 0, -- 1..4 first..fourth, -1 last
    month_day        INTEGER NOT NULL DEFAULT 0,
    start_date       TEXT NOT NULL,             -- YYYY-MM-DD, local
    start_minutes    INTEGER NOT NULL,          -- local time of day
    duration_minutes INTEGER NOT NULL,
    format           TEXT NOT NULL CHECK (format IN ('online', 'face-to-face', 'hybrid')),
    convener_id      TEXT REFERENCES member(id),
    membership       TEXT NOT NULL CHECK (membership IN ('open', 'closed')),
    retracted_at     TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX rhythm_decision_by_workshop ON rhythm_decision(workshop_id);

-- Candidate tasks of an energizing-task stage; votes on them are polls whose options are task ids.
CREATE TABLE task (
    id           TEXT PRIMARY KEY,
    workshop_id  TEXT NOT NULL REFERENCES workshop(id),
    stage_key    TEXT NOT NULL,
    title        TEXT NOT NULL,
    title_key    TEXT NOT NULL,
    retracted_at TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX task_once ON task(workshop_id, stage_key, title_key) WHERE retracted_at IS NULL;
CREATE INDEX task_by_stage ON task(workshop_id, stage_key);

-- Who does what by when. A carried-forward commitment points at the one it continues.
CREATE TABLE commitment (
    id                      TEXT PRIMARY KEY,
    workshop_id             TEXT NOT NULL REFERENCES workshop(id),
    what                    TEXT NOT NULL,
    due                     TEXT NOT NULL,       -- YYYY-MM-DD
    whole_community         INTEGER NOT NULL DEFAULT 0 CHECK (whole_community IN (0, 1)),
    task_id                 TEXT REFERENCES task(id),
    role_key                TEXT,
    status                  TEXT NOT NULL DEFAULT 'open'
                            CHECK (status IN ('open', 'kept', 'partly', 'dropped', 'carried')),
    carried_from_id         TEXT REFERENCES commitment(id),
    reviewed_in_workshop_id TEXT REFERENCES workshop(id),
    retracted_at            TEXT,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
) STRICT;
CREATE INDEX commitment_by_workshop ON commitment(workshop_id);
CREATE INDEX commitment_by_review ON commitment(reviewed_in_workshop_id);
CREATE INDEX commitment_by_origin ON commitment(carried_from_id);

CREATE TABLE commitment_member (
    commitment_id TEXT NOT NULL REFERENCES commitment(id),
    member_id     TEXT NOT NULL REFERENCES member(id),
    PRIMARY KEY (commitment_id, member_id)
) STRICT;

-- What the community wants its sponsor or the organization to hear.
CREATE TABLE voice_item (
    id           TEXT PRIMARY KEY,
    workshop_id  TEXT NOT NULL REFERENCES workshop(id),
    audience     TEXT NOT NULL CHECK (audience IN ('sponsor', 'organization')),
    text         TEXT NOT NULL,
    retracted_at TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX voice_item_by_workshop ON voice_item(workshop_id);
