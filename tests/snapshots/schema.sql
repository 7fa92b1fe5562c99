CREATE TABLE activity (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    series      TEXT NOT NULL DEFAULT '',
    issue_no    INTEGER,
    title       TEXT NOT NULL,
    held_on     TEXT NOT NULL,
    start_time  TEXT,
    end_time    TEXT,
    place       TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
, book TEXT NOT NULL DEFAULT '', author TEXT NOT NULL DEFAULT '', destination TEXT NOT NULL DEFAULT '', duration_days INTEGER);
CREATE TABLE activity_participant (
    activity_id TEXT NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    member_id   TEXT NOT NULL REFERENCES member(id),
    role        TEXT NOT NULL DEFAULT 'participant',
    PRIMARY KEY (activity_id, member_id)
) WITHOUT ROWID;
CREATE TABLE attachment (
    id         TEXT PRIMARY KEY,
    owner_kind TEXT NOT NULL,
    owner_id   TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    size       INTEGER NOT NULL,
    mime       TEXT NOT NULL DEFAULT '',
    added_at   TEXT NOT NULL
);
CREATE TABLE attendance (
    session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    member_id  TEXT NOT NULL REFERENCES member(id),
    status     TEXT NOT NULL CHECK (status IN ('present', 'leave', 'absent')),
    reason     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session_id, member_id)
) WITHOUT ROWID;
CREATE TABLE branch (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    superior_org  TEXT NOT NULL DEFAULT '',
    founded_on    TEXT,
    term_start    TEXT,
    term_end      TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
, self_check TEXT NOT NULL DEFAULT 'pin'
    CHECK (self_check IN ('pin', 'id_last6')), records_from TEXT, term_years INTEGER NOT NULL DEFAULT 3
    CHECK (term_years BETWEEN 1 AND 5), lecture_series_target INTEGER NOT NULL DEFAULT 10
    CHECK (lecture_series_target >= 0), name_order TEXT NOT NULL DEFAULT 'pinyin'
    CHECK (name_order IN ('pinyin', 'strokes')));
CREATE TABLE change_log (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action    TEXT NOT NULL,
    detail    TEXT NOT NULL, -- JSON
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE TABLE committee_role (
    id        TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES member(id),
    role      TEXT NOT NULL CHECK (role IN ('secretary', 'deputy_secretary', 'organization_officer',
                                            'publicity_officer', 'discipline_officer', 'committee_member')),
    start_on  TEXT NOT NULL,
    end_on    TEXT
);
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
CREATE TABLE dues_base (
    member_id     TEXT NOT NULL REFERENCES member(id),
    effective_from TEXT NOT NULL, -- 'YYYY-MM-01'
    category      TEXT NOT NULL,  -- salaried, retiree, student, unemployed, subsistence, fixed
    monthly_base_cents INTEGER NOT NULL DEFAULT 0,
    monthly_due_cents  INTEGER NOT NULL, approved_on TEXT, approval_document TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (member_id, effective_from)
) WITHOUT ROWID;
CREATE TABLE dues_payment (
    id           TEXT PRIMARY KEY,
    member_id    TEXT NOT NULL REFERENCES member(id),
    for_month    TEXT NOT NULL, -- 'YYYY-MM'
    paid_on      TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    way          TEXT NOT NULL DEFAULT '',
    extra_cents  INTEGER NOT NULL DEFAULT 0,
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
);
CREATE TABLE four_strengths_attestation (
    id          TEXT PRIMARY KEY,
    year        INTEGER NOT NULL,
    item_key    TEXT NOT NULL,
    met         INTEGER NOT NULL CHECK (met IN (0, 1)),
    note        TEXT NOT NULL DEFAULT '',
    attested_by TEXT NOT NULL DEFAULT '',
    attested_at TEXT NOT NULL, achieved_on TEXT,
    UNIQUE (year, item_key)
);
CREATE TABLE four_strengths_evidence (
    attestation_id TEXT NOT NULL REFERENCES four_strengths_attestation(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('session', 'activity', 'attachment')),
    ref_id         TEXT NOT NULL,
    PRIMARY KEY (attestation_id, kind, ref_id)
) WITHOUT ROWID;
CREATE TABLE four_strengths_year (
    year         INTEGER PRIMARY KEY,
    rule_set_id  TEXT NOT NULL REFERENCES rule_set(id)
);
CREATE TABLE honour (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    awarded_by TEXT NOT NULL DEFAULT '',
    awarded_on TEXT NOT NULL,
    member_id  TEXT REFERENCES member(id),
    note       TEXT NOT NULL DEFAULT ''
);
CREATE TABLE indicator (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    unit      TEXT NOT NULL DEFAULT '',
    target    REAL,
    higher_is_better INTEGER NOT NULL DEFAULT 1 CHECK (higher_is_better IN (0, 1))
);
CREATE TABLE indicator_value (
    indicator_id TEXT NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    measured_on  TEXT NOT NULL,
    value        REAL NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (indicator_id, measured_on)
) WITHOUT ROWID;
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
CREATE TABLE member (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    gender          TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    ethnicity       TEXT NOT NULL DEFAULT '',
    birth_date      TEXT NOT NULL,
    native_place    TEXT NOT NULL DEFAULT '',
    id_number       TEXT NOT NULL UNIQUE,
    education       TEXT NOT NULL DEFAULT '',
    work_start_date TEXT,
    workplace_title TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    -- current stage; every change is also a row in member_stage_event
    stage           TEXT NOT NULL CHECK (stage IN ('applicant', 'activist', 'candidate', 'probationary', 'full')),
    joined_on       TEXT,  -- 入党日期 (admitted as probationary)
    confirmed_on    TEXT,  -- 转正日期
    party_group_id  TEXT REFERENCES party_group(id),
    introducers     TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'normal' CHECK (status IN
                      ('normal', 'mobile', 'lost_contact', 'suspended', 'transferred_out', 'expelled', 'deceased')),
    notes           TEXT NOT NULL DEFAULT '',
    -- leaving the branch archives, never deletes
    archived_on     TEXT,
    -- members' own look-up of their records (我的学时)
    pin_hash        TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
, id_tag TEXT, id_masked TEXT NOT NULL DEFAULT '', id_tail TEXT, phone_masked TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '');
CREATE TABLE member_contact (
    member_id    TEXT PRIMARY KEY REFERENCES member(id),
    committee_id TEXT NOT NULL REFERENCES member(id),
    created_at   TEXT NOT NULL,
    CHECK (member_id <> committee_id)
) WITHOUT ROWID;
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
CREATE TABLE member_exemption (
    id        TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES member(id),
    kind      TEXT NOT NULL CHECK (kind IN ('attendance', 'study_hours')),
    start_on  TEXT NOT NULL,
    end_on    TEXT,
    reason    TEXT NOT NULL
);
CREATE TABLE member_group_event (
    id             TEXT PRIMARY KEY,
    member_id      TEXT NOT NULL REFERENCES member(id),
    party_group_id TEXT REFERENCES party_group(id),
    occurred_on    TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
);
CREATE TABLE member_pipeline_step (
    id          TEXT PRIMARY KEY,
    member_id   TEXT NOT NULL REFERENCES member(id),
    step        TEXT NOT NULL,
    done_on     TEXT NOT NULL,
    months      INTEGER,
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE TABLE member_sanction (
    id        TEXT PRIMARY KEY,
    member_id TEXT NOT NULL REFERENCES member(id),
    kind      TEXT NOT NULL,
    start_on  TEXT NOT NULL,
    end_on    TEXT,
    note      TEXT NOT NULL DEFAULT ''
);
CREATE TABLE member_sponsor (
    member_id   TEXT NOT NULL REFERENCES member(id),
    sponsor_id  TEXT NOT NULL REFERENCES member(id),
    kind        TEXT NOT NULL CHECK (kind IN ('contact_person', 'introducer')),
    start_on    TEXT NOT NULL,
    end_on      TEXT,
    PRIMARY KEY (member_id, sponsor_id, kind, start_on)
);
CREATE TABLE member_stage_event (
    id          TEXT PRIMARY KEY,
    member_id   TEXT NOT NULL REFERENCES member(id),
    stage       TEXT NOT NULL CHECK (stage IN ('applicant', 'activist', 'candidate', 'probationary', 'full')),
    occurred_on TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
, backfill INTEGER NOT NULL DEFAULT 0);
CREATE TABLE member_status_event (
    id          TEXT PRIMARY KEY,
    member_id   TEXT NOT NULL REFERENCES member(id),
    status      TEXT NOT NULL,
    occurred_on TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE TABLE obligation_missed (
    obligation   TEXT NOT NULL,
    period       TEXT NOT NULL,
    subject      TEXT NOT NULL DEFAULT '',
    confirmed_on TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (obligation, period, subject)
) WITHOUT ROWID;
CREATE TABLE party_group (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    leader_id   TEXT REFERENCES member(id),
    sort_order  INTEGER NOT NULL DEFAULT 0,
    archived_on TEXT,
    created_at  TEXT NOT NULL
, formed_on TEXT);
CREATE TABLE phone_lookup (
    id         TEXT PRIMARY KEY,
    at         TEXT NOT NULL,
    name_tried TEXT NOT NULL,
    client     TEXT NOT NULL,
    outcome    TEXT NOT NULL CHECK (outcome IN ('shown', 'refused', 'throttled', 'unavailable'))
);
CREATE TABLE rule_set (
    id             TEXT PRIMARY KEY,
    area           TEXT NOT NULL,
    version        TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    body           TEXT NOT NULL, -- JSON
    created_at     TEXT NOT NULL,
    UNIQUE (area, effective_from)
);
CREATE TABLE session (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL, -- general_meeting, committee_meeting, group_meeting, party_lecture, theme_day, ...
    party_group_id TEXT REFERENCES party_group(id),
    title          TEXT NOT NULL DEFAULT '',
    held_on        TEXT NOT NULL,
    start_time     TEXT,
    end_time       TEXT,
    place          TEXT NOT NULL DEFAULT '',
    host_id        TEXT REFERENCES member(id),
    recorder_id    TEXT REFERENCES member(id),
    lecturer_id    TEXT REFERENCES member(id),
    lecturer_name  TEXT NOT NULL DEFAULT '',
    topic          TEXT NOT NULL DEFAULT '',
    minutes        TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE TABLE session_agenda_item (
    id          TEXT PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    title       TEXT NOT NULL,
    first_topic INTEGER NOT NULL DEFAULT 0 CHECK (first_topic IN (0, 1))
);
CREATE TABLE session_kind (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE TABLE session_obligation (
    session_id TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    obligation TEXT NOT NULL,
    PRIMARY KEY (session_id, obligation)
) WITHOUT ROWID;
CREATE TABLE "session_resolution" (
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
, subject_id TEXT REFERENCES member(id));
CREATE TABLE session_written_opinion (
    session_id    TEXT NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    resolution_id TEXT NOT NULL REFERENCES session_resolution(id) ON DELETE CASCADE,
    member_id     TEXT NOT NULL REFERENCES member(id),
    opinion       TEXT NOT NULL CHECK (opinion IN ('for', 'against', 'abstain')),
    PRIMARY KEY (resolution_id, member_id)
);
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE study_hour_entry (
    id              TEXT PRIMARY KEY,
    member_id       TEXT NOT NULL REFERENCES member(id),
    occurred_on     TEXT NOT NULL,
    half_hours      INTEGER NOT NULL,
    category        TEXT NOT NULL,
    source          TEXT NOT NULL CHECK (source IN ('attendance', 'activity', 'manual', 'import')),
    session_id      TEXT REFERENCES session(id) ON DELETE CASCADE,
    activity_id     TEXT REFERENCES activity(id) ON DELETE CASCADE,
    overrides_id    TEXT REFERENCES study_hour_entry(id),
    note            TEXT NOT NULL DEFAULT '',
    entered_by      TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
, replaces_credit INTEGER NOT NULL DEFAULT 0
    CHECK (replaces_credit IN (0, 1)));
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
CREATE TABLE superior_outbox (
    as_of       TEXT PRIMARY KEY,
    body        TEXT NOT NULL,
    queued_at   TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT ''
);
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
CREATE TABLE superior_status (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    last_reported_at    TEXT,
    last_as_of          TEXT,
    last_attempt_at     TEXT,
    last_error          TEXT NOT NULL DEFAULT ''
);
CREATE TABLE table_digest (
    name TEXT PRIMARY KEY,
    acc  BLOB NOT NULL,
    rows INTEGER NOT NULL
);
CREATE TABLE unlock_throttle (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    failures    INTEGER NOT NULL DEFAULT 0,
    not_before  TEXT
);
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
    password_changed_at TEXT, sealed_bound INTEGER NOT NULL DEFAULT 0, tails_keyed INTEGER NOT NULL DEFAULT 0,
    CHECK ((plain_key IS NULL) = (password_key IS NOT NULL))
);
CREATE INDEX activity_held ON activity(held_on);
CREATE INDEX activity_participant_member ON activity_participant(member_id);
CREATE INDEX activity_series ON activity(series, issue_no);
CREATE UNIQUE INDEX activity_series_issue ON activity(series, issue_no)
    WHERE series <> '' AND issue_no IS NOT NULL;
CREATE INDEX attachment_owner ON attachment(owner_kind, owner_id);
CREATE INDEX attendance_member ON attendance(member_id);
CREATE INDEX change_log_entity ON change_log(entity, entity_id);
CREATE INDEX committee_role_member ON committee_role(member_id);
CREATE INDEX dues_payment_member ON dues_payment(member_id, for_month);
CREATE INDEX honour_awarded_on ON honour(awarded_on);
CREATE INDEX member_exclusion_member ON member_exclusion(member_id, start_on);
CREATE INDEX member_group ON member(party_group_id);
CREATE INDEX member_group_event_member ON member_group_event(member_id, occurred_on);
CREATE UNIQUE INDEX member_id_tag ON member(id_tag);
CREATE INDEX member_pipeline_step_member ON member_pipeline_step(member_id, step);
CREATE INDEX member_sanction_member ON member_sanction(member_id, start_on);
CREATE INDEX member_stage ON member(stage, status);
CREATE INDEX member_stage_event_member ON member_stage_event(member_id, occurred_on);
CREATE INDEX member_status_event_member ON member_status_event(member_id, occurred_on);
CREATE INDEX phone_lookup_at ON phone_lookup(at);
CREATE INDEX session_agenda_item_session ON session_agenda_item(session_id, seq);
CREATE INDEX session_held ON session(held_on);
CREATE INDEX session_obligation_kind ON session_obligation(obligation);
CREATE INDEX session_resolution_session ON session_resolution(session_id, seq);
CREATE INDEX session_resolution_subject ON session_resolution(subject_id) WHERE subject_id IS NOT NULL;
CREATE INDEX session_written_opinion_session ON session_written_opinion(session_id);
CREATE INDEX study_hour_entry_activity ON study_hour_entry(activity_id) WHERE activity_id IS NOT NULL;
CREATE INDEX study_hour_entry_correction ON study_hour_entry(member_id) WHERE replaces_credit = 1;
CREATE INDEX study_hour_entry_member ON study_hour_entry(member_id, occurred_on);
CREATE INDEX study_hour_entry_session ON study_hour_entry(session_id) WHERE session_id IS NOT NULL;
CREATE INDEX study_hour_entry_year ON study_hour_entry(occurred_on, member_id, category, half_hours);
