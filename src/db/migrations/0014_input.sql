-- A branch's own session kinds (besides the obligations), created deliberately in 支部设置 or
-- with `zhibu session kinds add`, so that a mistyped kind is refused instead of becoming one.
CREATE TABLE session_kind (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

-- The own kinds sessions were logged with before kinds had to be created first stay valid.
INSERT INTO session_kind (id, name, created_at)
SELECT lower(hex(randomblob(16))), kind, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM (SELECT DISTINCT kind FROM session
      WHERE kind NOT IN ('general_meeting', 'committee_meeting', 'group_meeting', 'party_lecture',
                         'secretary_lecture', 'theme_day', 'org_life_meeting',
                         'democratic_appraisal', 'heart_to_heart_talk')
      ORDER BY kind);
