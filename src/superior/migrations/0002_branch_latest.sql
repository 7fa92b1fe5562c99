-- Each branch's latest report, summarised in a row of its own, so the 党委's overview reads
-- one small row per branch instead of searching the reports for it on every request.
-- Kept by a trigger on every stored report: a report becomes the latest only when it is
-- newer (as of a later day, or the same day and arrived later) than the one held, so an
-- older report sent late stays history; `tampered` is set once any report of the branch
-- was flagged, latest or not, and never cleared.

CREATE TABLE branch_latest (
    branch_id           text PRIMARY KEY REFERENCES branch (id),
    report_id           bigint NOT NULL REFERENCES report (id),
    as_of               date NOT NULL,
    reported_at         timestamptz NOT NULL,
    met                 integer NOT NULL,
    open                integer NOT NULL,
    missed              integer NOT NULL,
    overall             double precision NOT NULL,
    political           double precision NOT NULL,
    leadership          double precision NOT NULL,
    membership          double precision NOT NULL,
    impact              double precision NOT NULL,
    study_counted       integer NOT NULL,
    study_reached       integer NOT NULL,
    members_in_arrears  integer NOT NULL,
    alarms              integer NOT NULL,
    tampered            boolean NOT NULL
);

-- Runs as the table's owner (the branch roles may not write this table at all), with a
-- fixed search path so no object of the caller's can stand in for ours.
CREATE FUNCTION branch_latest_keep() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO branch_latest AS l (branch_id, report_id, as_of, reported_at, met, open,
        missed, overall, political, leadership, membership, impact, study_counted,
        study_reached, members_in_arrears, alarms, tampered)
    VALUES (NEW.branch_id, NEW.id, NEW.as_of, NEW.reported_at, NEW.met, NEW.open,
        NEW.missed, NEW.overall, NEW.political, NEW.leadership, NEW.membership, NEW.impact,
        NEW.study_counted, NEW.study_reached, NEW.members_in_arrears, NEW.alarms, NEW.tampered)
    ON CONFLICT (branch_id) DO UPDATE SET
        report_id = excluded.report_id, as_of = excluded.as_of,
        reported_at = excluded.reported_at, met = excluded.met, open = excluded.open,
        missed = excluded.missed, overall = excluded.overall, political = excluded.political,
        leadership = excluded.leadership, membership = excluded.membership,
        impact = excluded.impact, study_counted = excluded.study_counted,
        study_reached = excluded.study_reached,
        members_in_arrears = excluded.members_in_arrears, alarms = excluded.alarms,
        tampered = l.tampered OR excluded.tampered
      WHERE (excluded.as_of, excluded.reported_at) > (l.as_of, l.reported_at);
    IF NEW.tampered THEN
        UPDATE branch_latest SET tampered = true
         WHERE branch_id = NEW.branch_id AND NOT tampered;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER report_keep_latest AFTER INSERT ON report
    FOR EACH ROW EXECUTE FUNCTION branch_latest_keep();

-- A database already in use: its latest reports and flags as they stand.
INSERT INTO branch_latest (branch_id, report_id, as_of, reported_at, met, open, missed,
    overall, political, leadership, membership, impact, study_counted, study_reached,
    members_in_arrears, alarms, tampered)
SELECT DISTINCT ON (r.branch_id) r.branch_id, r.id, r.as_of, r.reported_at, r.met, r.open,
       r.missed, r.overall, r.political, r.leadership, r.membership, r.impact,
       r.study_counted, r.study_reached, r.members_in_arrears, r.alarms,
       EXISTS (SELECT 1 FROM report t WHERE t.branch_id = r.branch_id AND t.tampered)
  FROM report r
 ORDER BY r.branch_id, r.as_of DESC, r.reported_at DESC;

-- A branch reads its own row; the 党委's reader reads every row; nobody but the trigger
-- writes (no privilege to write is granted).
ALTER TABLE branch_latest ENABLE ROW LEVEL SECURITY;
CREATE POLICY branch_latest_own ON branch_latest FOR SELECT TO {branches}
    USING (branch_id = (SELECT b.id FROM branch b WHERE b.role_name = current_user));
CREATE POLICY branch_latest_reader ON branch_latest FOR SELECT TO {reader} USING (true);

REVOKE ALL ON branch_latest FROM PUBLIC;
REVOKE ALL ON FUNCTION branch_latest_keep() FROM PUBLIC;
GRANT SELECT ON branch_latest TO {branches}, {reader};
