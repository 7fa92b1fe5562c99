-- 学时: a manual entry tied to a session or an activity either adds to the hours its
-- attendance credited or replaces them (replaces_credit = 1, with the reason in its note).
ALTER TABLE study_hour_entry ADD COLUMN replaces_credit INTEGER NOT NULL DEFAULT 0
    CHECK (replaces_credit IN (0, 1));
CREATE INDEX study_hour_entry_session ON study_hour_entry(session_id) WHERE session_id IS NOT NULL;
CREATE INDEX study_hour_entry_activity ON study_hour_entry(activity_id) WHERE activity_id IS NOT NULL;

-- How members identify in 我的学时: a PIN the secretary set, or the last six characters of
-- their 身份证号.
ALTER TABLE branch ADD COLUMN self_check TEXT NOT NULL DEFAULT 'pin'
    CHECK (self_check IN ('pin', 'id_last6'));
