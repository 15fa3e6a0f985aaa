-- cop-kiosk database schema, version 1 (PRAGMA user_version = 1).
-- Applied by facilitation/store/schema.cpp to a new database; later versions add migrations there.
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
    archived_at  TEXT
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
    archived_at          TEXT
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
    started_at      TEXT,             -- first entered
    ended_at        TEXT,             -- last left
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
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

CREATE TABLE poll (
    id          TEXT PRIMARY KEY,
    workshop_id TEXT NOT NULL REFERENCES workshop(id),
    stage_key   TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('single', 'dots', 'rating')),
    question    TEXT NOT NULL,
    anonymous   INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
    status      TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'revealed')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (workshop_id, stage_key)
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

-- What was voted. In a named poll voter_id says whose ballot it is; a replaced ballot is superseded,
-- never deleted. (Anonymous polls keep voter_id NULL and record who voted in poll_voter only.)
CREATE TABLE ballot (
    id            TEXT PRIMARY KEY,
    poll_id       TEXT NOT NULL REFERENCES poll(id),
    voter_id      TEXT REFERENCES member(id),
    option_key    TEXT NOT NULL,
    superseded_at TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX ballot_current_once ON ballot(poll_id, voter_id)
    WHERE superseded_at IS NULL AND voter_id IS NOT NULL;

-- Who has voted, kept apart from what was voted.
CREATE TABLE poll_voter (
    poll_id  TEXT NOT NULL REFERENCES poll(id),
    member_id TEXT NOT NULL REFERENCES member(id),
    PRIMARY KEY (poll_id, member_id)
) STRICT, WITHOUT ROWID;

-- Audit trail of every poll change: opened, closed, revealed, reopened, ballot cast or replaced.
CREATE TABLE poll_event (
    id         TEXT PRIMARY KEY,
    poll_id    TEXT NOT NULL REFERENCES poll(id),
    action     TEXT NOT NULL,
    member_id  TEXT REFERENCES member(id), -- named polls only
    at         TEXT NOT NULL
) STRICT;
