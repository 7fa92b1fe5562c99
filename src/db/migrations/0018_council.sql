-- The 党委's window: the app opened by a 党委's IT staff on the 党委's own PostgreSQL
-- database, with its reading role (the password sealed for its place, like the branch's
-- connection in superior_connection). One row: a window serves one 党委.
CREATE TABLE council_connection (
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
