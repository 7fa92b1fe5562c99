-- The 党委's database: its branches, their reports, and what it publishes to them.
-- {reader} is the 党委's reading role, {branches} the group every branch's login role is in;
-- both are put in by the runner (role names are per cluster, so they carry the database's).

CREATE TABLE branch (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    role_name   name NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE report (
    id                  bigserial PRIMARY KEY,
    branch_id           text NOT NULL REFERENCES branch (id),
    role_name           name NOT NULL DEFAULT current_user,
    as_of               date NOT NULL,
    content_hash        text NOT NULL,
    reported_at         timestamptz NOT NULL DEFAULT now(),
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
    chain_seq           bigint NOT NULL,
    chain_hash          text NOT NULL,
    -- The branch's own log hash at the seq of its last stored report: a rewritten log shows.
    anchor_seq          bigint,
    anchor_hash         text,
    chain_verified      boolean NOT NULL,
    tampered            boolean NOT NULL DEFAULT false,
    body                jsonb NOT NULL,
    UNIQUE (branch_id, content_hash)
);
CREATE INDEX report_latest ON report (branch_id, as_of DESC, reported_at DESC);
CREATE INDEX report_tampered ON report (branch_id) WHERE tampered;

-- Set by the server, not the sender: when it arrived, who sent it, and whether its chain
-- head follows on from the last one stored (never backwards, the same hash at the old head).
CREATE FUNCTION report_judge_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    prev_seq  bigint;
    prev_hash text;
BEGIN
    SELECT r.chain_seq, r.chain_hash INTO prev_seq, prev_hash
      FROM report r WHERE r.branch_id = NEW.branch_id
     ORDER BY r.chain_seq DESC, r.reported_at DESC LIMIT 1;
    NEW.reported_at := clock_timestamp();
    NEW.role_name := current_user;
    NEW.tampered := NOT NEW.chain_verified
        OR (prev_seq IS NOT NULL AND (
               NEW.chain_seq < prev_seq
            OR NEW.anchor_seq IS DISTINCT FROM prev_seq
            OR NEW.anchor_hash IS DISTINCT FROM prev_hash));
    RETURN NEW;
END
$$;
CREATE TRIGGER report_judge_chain BEFORE INSERT ON report
    FOR EACH ROW EXECUTE FUNCTION report_judge_chain();

CREATE TABLE publication (
    id              bigserial PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('four_strengths_template', 'obligations',
                        'study_targets', 'dues_rates', 'pipeline_rules')),
    title           text NOT NULL,
    version         text NOT NULL,
    body            jsonb NOT NULL,
    published_at    timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE branch ENABLE ROW LEVEL SECURITY;
ALTER TABLE report ENABLE ROW LEVEL SECURITY;
ALTER TABLE publication ENABLE ROW LEVEL SECURITY;

-- A branch: its own profile row, its own reports (read and add, never change), and what
-- the 党委 published (read only).
CREATE POLICY branch_own ON branch FOR SELECT TO {branches} USING (role_name = current_user);
CREATE POLICY report_own_read ON report FOR SELECT TO {branches} USING (role_name = current_user);
CREATE POLICY report_own_add ON report FOR INSERT TO {branches}
    WITH CHECK (branch_id = (SELECT b.id FROM branch b WHERE b.role_name = current_user));
CREATE POLICY publication_branch ON publication FOR SELECT TO {branches} USING (true);

-- The 党委's reader: every row, no writes (no privilege to write is granted at all).
CREATE POLICY branch_reader ON branch FOR SELECT TO {reader} USING (true);
CREATE POLICY report_reader ON report FOR SELECT TO {reader} USING (true);
CREATE POLICY publication_reader ON publication FOR SELECT TO {reader} USING (true);

REVOKE ALL ON branch, report, publication FROM PUBLIC;
GRANT SELECT ON branch, publication TO {branches};
GRANT SELECT, INSERT ON report TO {branches};
GRANT USAGE ON SEQUENCE report_id_seq TO {branches};
GRANT SELECT ON branch, report, publication, schema_version TO {reader};
