-- Who is left out of 应到 (中组部's five cases, each with the superior's consent), dated, with
-- the reason; written opinions (书面意见) of absent voters on admitting a 预备党员 or on 转正;
-- resolution kinds for those two votes; the 党小组 of a member as dated moves.

CREATE TABLE member_exclusion (
    id          TEXT PRIMARY KEY,
    member_id   TEXT NOT NULL REFERENCES member(id),
    kind        TEXT NOT NULL CHECK (kind IN ('mental_illness', 'abroad', 'in_custody',
                                              'long_illness', 'away_untransferred')),
    start_on    TEXT NOT NULL,
    end_on      TEXT,
    reason      TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX member_exclusion_member ON member_exclusion(member_id, start_on);
CREATE INDEX member_sanction_member ON member_sanction(member_id, start_on);

-- A resolution may now decide on admitting a 预备党员 or on 转正; the kind's check is widened
-- by rebuilding the table (SQLite cannot alter a CHECK).
CREATE TABLE session_resolution_v8 (
    id            TEXT PRIMARY KEY,
    session_id    TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL DEFAULT 'resolution'
                    CHECK (kind IN ('resolution', 'election', 'admission', 'confirmation')),
    votes_for     INTEGER NOT NULL DEFAULT 0,
    votes_against INTEGER NOT NULL DEFAULT 0,
    votes_abstain INTEGER NOT NULL DEFAULT 0,
    passed        INTEGER NOT NULL DEFAULT 0 CHECK (passed IN (0, 1))
);
INSERT INTO session_resolution_v8 (id, session_id, seq, title, kind, votes_for, votes_against,
                                   votes_abstain, passed)
    SELECT id, session_id, seq, title, kind, votes_for, votes_against, votes_abstain, passed
    FROM session_resolution;
DROP TABLE session_resolution;
ALTER TABLE session_resolution_v8 RENAME TO session_resolution;
CREATE INDEX session_resolution_session ON session_resolution(session_id, seq);

CREATE TABLE session_written_opinion (
    session_id    TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    resolution_id TEXT NOT NULL REFERENCES session_resolution(id) ON DELETE CASCADE,
    member_id     TEXT NOT NULL REFERENCES member(id),
    opinion       TEXT NOT NULL CHECK (opinion IN ('for', 'against', 'abstain')),
    PRIMARY KEY (resolution_id, member_id)
);
CREATE INDEX session_written_opinion_session ON session_written_opinion(session_id);

-- The 党小组 a member belonged to from a day on (NULL: none); member.party_group_id stays the
-- current one. Existing members are in their current group since their first stage event, or
-- since they were recorded.
CREATE TABLE member_group_event (
    id             TEXT PRIMARY KEY,
    member_id      TEXT NOT NULL REFERENCES member(id),
    party_group_id TEXT REFERENCES party_group(id),
    occurred_on    TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
);
CREATE INDEX member_group_event_member ON member_group_event(member_id, occurred_on);
INSERT INTO member_group_event (id, member_id, party_group_id, occurred_on, recorded_at)
    SELECT 'migrated-' || m.id, m.id, m.party_group_id,
           coalesce((SELECT min(e.occurred_on) FROM member_stage_event e WHERE e.member_id = m.id),
                    substr(m.created_at, 1, 10)),
           m.created_at
    FROM member m WHERE m.party_group_id IS NOT NULL;
