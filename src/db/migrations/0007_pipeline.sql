-- The dated steps of the membership path beyond the stage changes themselves: the talk after
-- an application, the 培养联系人 named, the political review, the training, the superior
-- organisation's approval, and an extended 预备期 (its months). Never overwritten.
CREATE TABLE member_pipeline_step (
    id          TEXT PRIMARY KEY,
    member_id   TEXT NOT NULL REFERENCES member(id),
    step        TEXT NOT NULL,
    done_on     TEXT NOT NULL,
    months      INTEGER,
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE INDEX member_pipeline_step_member ON member_pipeline_step(member_id, step);
