-- Activities carry what their kind needs: the book and author of a 读书分享会, where and for
-- how many days a 外出学习 went. Issue numbers (第N期) are unique within a series.
ALTER TABLE activity ADD COLUMN book TEXT NOT NULL DEFAULT '';
ALTER TABLE activity ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE activity ADD COLUMN destination TEXT NOT NULL DEFAULT '';
ALTER TABLE activity ADD COLUMN duration_days INTEGER;
CREATE UNIQUE INDEX activity_series_issue ON activity(series, issue_no)
    WHERE series <> '' AND issue_no IS NOT NULL;
