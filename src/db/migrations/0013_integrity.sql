-- Tamper evidence (see src/integrity.rs): one accumulator of row digests per table, kept by
-- triggers that live only in the app's connection, and one keyed seal binding the change
-- log's head and every table's accumulator.
CREATE TABLE table_digest (
    name TEXT PRIMARY KEY,
    acc  BLOB NOT NULL,
    rows INTEGER NOT NULL
);

CREATE TABLE integrity_seal (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    -- the change log's last entry when sealed (0 and '' for an empty log)
    seq       INTEGER NOT NULL,
    head_hash TEXT NOT NULL,
    -- SHA-256 over every table's accumulator in name order
    state     TEXT NOT NULL,
    -- the schema version the seal was taken at
    version   INTEGER NOT NULL,
    -- HMAC-SHA256 under the integrity key; NULL while the seal waits for the password
    mac       TEXT,
    -- the schema version of the last keyed seal (what a pending seal is accepted against)
    keyed_version INTEGER NOT NULL DEFAULT 0
);
