-- The branch's calendar settings: the day its records begin (开始登记日期), the term length
-- from which 换届 is derived, and its own yearly figure for 讲堂 issues; when each 党小组 was
-- formed; periods the secretary confirmed as missed; who keeps in touch with whom (联系支委).

ALTER TABLE branch ADD COLUMN records_from TEXT;
ALTER TABLE branch ADD COLUMN term_years INTEGER NOT NULL DEFAULT 3
    CHECK (term_years BETWEEN 1 AND 5);
ALTER TABLE branch ADD COLUMN lecture_series_target INTEGER NOT NULL DEFAULT 10
    CHECK (lecture_series_target >= 0);

-- An existing branch began its records the month it was created.
UPDATE branch SET records_from = substr(created_at, 1, 7) || '-01';

ALTER TABLE party_group ADD COLUMN formed_on TEXT;

-- One obligation period (its kind, its label, and the group or pair it binds, '' for the
-- branch) the secretary confirmed was not held, though it falls before the records began.
CREATE TABLE obligation_missed (
    obligation   TEXT NOT NULL,
    period       TEXT NOT NULL,
    subject      TEXT NOT NULL DEFAULT '',
    confirmed_on TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (obligation, period, subject)
) WITHOUT ROWID;

-- 分工联系: the committee member who keeps in touch with a member (谈心谈话).
CREATE TABLE member_contact (
    member_id    TEXT PRIMARY KEY REFERENCES member(id),
    committee_id TEXT NOT NULL REFERENCES member(id),
    created_at   TEXT NOT NULL,
    CHECK (member_id <> committee_id)
) WITHOUT ROWID;
