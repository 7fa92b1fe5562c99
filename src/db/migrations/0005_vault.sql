-- The secretary password and the field-level encryption of 身份证号, phone and home address.
-- One row: the data key, in clear until a password is set, then sealed under the password and
-- under the printed recovery key (argon2id, XChaCha20-Poly1305; see src/vault.rs).
CREATE TABLE vault (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    plain_key           BLOB,
    password_salt       BLOB,
    password_key        BLOB,
    recovery_salt       BLOB,
    recovery_key        BLOB,
    -- HMAC of the data key: tells whether a key in memory belongs to this file
    key_check           TEXT NOT NULL,
    idle_minutes        INTEGER NOT NULL DEFAULT 10 CHECK (idle_minutes BETWEEN 1 AND 240),
    password_changed_at TEXT,
    CHECK ((plain_key IS NULL) = (password_key IS NOT NULL))
);

-- member.id_number and member.phone now hold sealed values (written by the migration's hook).
-- The column's UNIQUE constraint stays (sealed values never repeat); duplicates are caught by
-- the keyed lookup tag.
ALTER TABLE member ADD COLUMN id_tag TEXT;
ALTER TABLE member ADD COLUMN id_masked TEXT NOT NULL DEFAULT '';
-- salted hash of the 身份证号's last six characters, for 我的学时 in that mode
ALTER TABLE member ADD COLUMN id_tail TEXT;
ALTER TABLE member ADD COLUMN phone_masked TEXT NOT NULL DEFAULT '';
-- 家庭住址, sealed
ALTER TABLE member ADD COLUMN address TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX member_id_tag ON member(id_tag);
