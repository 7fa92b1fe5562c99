-- 四强: the day an attested item was achieved (the work plan adopted, the brand launched),
-- which the trend and an as-of score go by; attested_at stays the moment it was ticked.
ALTER TABLE four_strengths_attestation ADD COLUMN achieved_on TEXT;
UPDATE four_strengths_attestation SET achieved_on = substr(attested_at, 1, 10);

-- Honours are listed by the year they were awarded in.
CREATE INDEX honour_awarded_on ON honour(awarded_on);
