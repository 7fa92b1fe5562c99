-- Whom an admission (接收预备党员) or 转正 resolution decides on: the stage change to 预备党员
-- is checked against a passed resolution about that person.
ALTER TABLE session_resolution ADD COLUMN subject_id TEXT REFERENCES member(id);
CREATE INDEX session_resolution_subject ON session_resolution(subject_id) WHERE subject_id IS NOT NULL;
