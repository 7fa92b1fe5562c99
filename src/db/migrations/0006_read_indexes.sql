-- Indexes for the pages of a large branch (300 members, ten years), found by the benchmarks:
-- the year's 学时 summed per member and category straight from the index, without visiting
-- the rows (it replaces the index on the date alone, its prefix); the few corrections that
-- replace a credit, without scanning the year; a series' issue numbers; and a session's
-- resolutions, read for every session of a year (whether it held an election).
CREATE INDEX study_hour_entry_year ON study_hour_entry(occurred_on, member_id, category, half_hours);
DROP INDEX study_hour_entry_date;
CREATE INDEX study_hour_entry_correction ON study_hour_entry(member_id) WHERE replaces_credit = 1;
CREATE INDEX activity_series ON activity(series, issue_no);
CREATE INDEX session_resolution_session ON session_resolution(session_id, seq);
