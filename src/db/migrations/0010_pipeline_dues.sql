-- A stage change entered as a past record (补录) although the path's steps were not all on
-- file: marked, its reason kept in the event's note.
ALTER TABLE member_stage_event ADD COLUMN backfill INTEGER NOT NULL DEFAULT 0;

-- 免交 and 少交 of 党费 (中组发〔2008〕3号 第七条) stand on the superior 党委's approval: its
-- date and document number.
ALTER TABLE dues_base ADD COLUMN approved_on TEXT;
ALTER TABLE dues_base ADD COLUMN approval_document TEXT NOT NULL DEFAULT '';
