-- How the branch orders lists of people: by 拼音 (the default) or by 姓氏笔画.
ALTER TABLE branch ADD COLUMN name_order TEXT NOT NULL DEFAULT 'pinyin'
    CHECK (name_order IN ('pinyin', 'strokes'));
