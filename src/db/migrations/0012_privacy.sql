-- Privacy (issue 20): sealed values bound to their place, keyed 我的学时 tails, and the
-- secretary password's wrong tries kept in the file. The Rust hook (vault::migrate_v12)
-- masks again what older versions showed, in the roster and in the change log.
ALTER TABLE vault ADD COLUMN sealed_bound INTEGER NOT NULL DEFAULT 0;
ALTER TABLE vault ADD COLUMN tails_keyed INTEGER NOT NULL DEFAULT 0;

CREATE TABLE unlock_throttle (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    failures    INTEGER NOT NULL DEFAULT 0,
    not_before  TEXT
);
INSERT INTO unlock_throttle (id, failures) VALUES (1, 0);
