-- 上报 to the 上级党委: the connection to its PostgreSQL database (the password sealed for
-- its place, like the other secrets), the reports waiting to go up, and how the last went.
CREATE TABLE superior_connection (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    host        TEXT NOT NULL,
    port        INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    database    TEXT NOT NULL,
    role        TEXT NOT NULL,
    password    TEXT NOT NULL,
    verify_host INTEGER NOT NULL DEFAULT 1 CHECK (verify_host IN (0, 1)),
    ca_pem      TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- One waiting report per day it is as of; a newer build for the same day replaces it.
CREATE TABLE superior_outbox (
    as_of       TEXT PRIMARY KEY,
    body        TEXT NOT NULL,
    queued_at   TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE superior_status (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    last_reported_at    TEXT,
    last_as_of          TEXT,
    last_attempt_at     TEXT,
    last_error          TEXT NOT NULL DEFAULT ''
);

-- What the 党委 published (a 四强 template, a rule revision), as received on the last contact;
-- nothing changes until the secretary adopts it from a day (`adopted_from`).
CREATE TABLE superior_publication (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    title           TEXT NOT NULL,
    version         TEXT NOT NULL,
    body            TEXT NOT NULL,
    published_at    TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    adopted_from    TEXT,
    adopted_at      TEXT
);
