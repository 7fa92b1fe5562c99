-- 手机查学时: every look-up from a phone (the name typed, when, from which address, how it
-- ended), for the secretary to read. No secret typed is kept.
CREATE TABLE phone_lookup (
    id         TEXT PRIMARY KEY,
    at         TEXT NOT NULL,
    name_tried TEXT NOT NULL,
    client     TEXT NOT NULL,
    outcome    TEXT NOT NULL CHECK (outcome IN ('shown', 'refused', 'throttled', 'unavailable'))
);
CREATE INDEX phone_lookup_at ON phone_lookup(at);
