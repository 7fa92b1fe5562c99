//! Importing the roster: the shipped template, a foreign layout in GBK with Chinese spellings,
//! Excel date cells, a file with bad rows (named by line and column, nothing kept), and a
//! second import of the same file adding nobody.

mod common;

use common::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use zhibu::branch;
use zhibu::members::import::{self, RowOutcome};
use zhibu::members::{self, Gender, RosterQuery, Stage};
use zhibu::{Db, Error, Reason};

fn roster(db: &Db) -> Vec<(String, Stage, Option<String>)> {
    let mut rows: Vec<_> = db
        .read(|c| members::list(c, &RosterQuery::default(), today()))
        .unwrap()
        .rows
        .into_iter()
        .map(|m| (m.name, m.stage, m.party_group))
        .collect();
    rows.sort();
    rows
}

fn groups(db: &Db) -> Vec<String> {
    db.read(branch::list_groups)
        .unwrap()
        .into_iter()
        .map(|g| g.name)
        .collect()
}

#[test]
fn the_shipped_template_imports_once() {
    let (_dir, _path, db) = branch_db();
    let bytes = import::template_xlsx().unwrap();
    let table = import::read_table("党员花名册.xlsx", &bytes).unwrap();
    // Every template column is recognised by its own title.
    assert_eq!(table.mapping.name, Some(0));
    assert_eq!(table.mapping.id_number, Some(5));
    assert_eq!(table.mapping.address, Some(10));
    assert_eq!(table.mapping.party_group, Some(14));
    assert_eq!(table.mapping.notes, Some(15));
    // The example's dates are date cells, read back as the dates they are.
    {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
        let sheet = book.worksheet_range("党员花名册").unwrap();
        assert!(matches!(
            sheet.get_value((1, 3)),
            Some(calamine::Data::DateTime(_))
        ));
        assert!(matches!(
            sheet.get_value((1, 5)),
            Some(calamine::Data::String(_))
        ));
    }

    let preview = db
        .dry_run(|tx| import::preview(tx, &table, &table.mapping, false, today(), ACTOR))
        .unwrap();
    assert_eq!((preview.new, preview.existing, preview.invalid), (1, 0, 0));
    assert_eq!(preview.new_groups, ["第一党小组"]);
    assert_eq!(preview.rows[0].line, 2);
    // The preview kept nothing.
    assert!(roster(&db).is_empty());
    assert!(groups(&db).is_empty());

    let done = db
        .write(|tx| import::commit(tx, &table, &table.mapping, false, today(), ACTOR))
        .unwrap();
    assert_eq!(done.new, 1);
    assert_eq!(
        roster(&db),
        [(
            "张三".to_string(),
            Stage::Full,
            Some("第一党小组".to_string())
        )]
    );
    // The same file again: matched by 身份证号, nobody added.
    let again = db
        .write(|tx| import::commit(tx, &table, &table.mapping, false, today(), ACTOR))
        .unwrap();
    assert_eq!((again.new, again.existing), (0, 1));
    assert_eq!(again.rows[0].outcome, RowOutcome::Existing);
    assert_eq!(roster(&db).len(), 1);
    assert_eq!(groups(&db), ["第一党小组"]);
}

#[test]
fn a_foreign_layout_in_gbk_with_chinese_spellings() {
    let (_dir, _path, db) = branch_db();
    let a = id_number("1990-05-17", 11, Gender::Female);
    let b = id_number("1988-11-02", 12, Gender::Male);
    let text = format!(
        "序号,姓名,公民身份号码,党员类别,出生年月,所在党小组,入党时间,转正时间,手机号码\n\
         1,李晓红,{a},预备党员,1990.05,机关第二党小组,2026年3月1日,,13800001111\n\
         2,王志强,{b},正式党员,,机关第二党小组,2012/7/1,2013/7/1,13800002222\n"
    );
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let table = import::read_table("支部名单.csv", &gbk).unwrap();
    let m = &table.mapping;
    assert_eq!(
        (
            m.name,
            m.id_number,
            m.stage,
            m.birth_date,
            m.party_group,
            m.joined_on,
            m.confirmed_on,
            m.phone
        ),
        (
            Some(1),
            Some(2),
            Some(3),
            Some(4),
            Some(5),
            Some(6),
            Some(7),
            Some(8)
        )
    );
    let done = db
        .write(|tx| import::commit(tx, &table, &table.mapping, false, today(), ACTOR))
        .unwrap();
    assert_eq!(done.new, 2);
    assert_eq!(done.new_groups, ["机关第二党小组"], "created once");
    let li = db
        .read(|c| members::get_by_name(c, "李晓红", today()))
        .unwrap();
    // Gender and the day of birth come from the 身份证号 when the file has only 出生年月.
    assert_eq!(li.gender, Gender::Female);
    assert_eq!(li.birth_date.to_string(), "1990-05-17");
    assert_eq!(li.stage, Stage::Probationary);
    assert_eq!(
        li.joined_on.map(|d| d.to_string()).as_deref(),
        Some("2026-03-01")
    );
    let wang = db
        .read(|c| members::get_by_name(c, "王志强", today()))
        .unwrap();
    assert_eq!(
        wang.confirmed_on.map(|d| d.to_string()).as_deref(),
        Some("2013-07-01")
    );
}

#[test]
fn excel_date_cells_are_dates() {
    let (_dir, _path, db) = branch_db();
    let id = id_number("1979-02-03", 21, Gender::Male);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy年m月d日");
    for (col, h) in ["姓名", "身份证号", "人员类别", "入党日期", "转正日期"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "周臣明").unwrap();
    sheet.write_string(1, 1, &id).unwrap();
    sheet.write_string(1, 2, "正式党员").unwrap();
    sheet
        .write_datetime_with_format(1, 3, ExcelDateTime::from_ymd(2005, 6, 30).unwrap(), &date)
        .unwrap();
    sheet
        .write_datetime_with_format(1, 4, ExcelDateTime::from_ymd(2006, 6, 30).unwrap(), &date)
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let table = import::read_table("名册.xlsx", &bytes).unwrap();
    db.write(|tx| import::commit(tx, &table, &table.mapping, false, today(), ACTOR))
        .unwrap();
    let m = db
        .read(|c| members::get_by_name(c, "周臣明", today()))
        .unwrap();
    assert_eq!(
        m.joined_on.map(|d| d.to_string()).as_deref(),
        Some("2005-06-30")
    );
    assert_eq!(m.birth_date.to_string(), "1979-02-03");
}

#[test]
fn bad_rows_are_named_by_line_and_column_and_nothing_is_kept() {
    let (_dir, _path, db) = branch_db();
    let good = id_number("1985-01-01", 31, Gender::Male);
    let bad_checksum = {
        let mut s = id_number("1986-01-01", 32, Gender::Male);
        let last = s.pop().unwrap();
        s.push(if last == '0' { '1' } else { '0' });
        s
    };
    let text = format!(
        "姓名,身份证号,人员类别,所在党小组,入党日期,转正日期\n\
         赵一,{good},正式党员,新建党小组,2010-07-01,2011-07-01\n\
         \n\
         钱二,{bad_checksum},正式党员,,2010-07-01,2011-07-01\n\
         孙三,{good},正式党员,,2010-07-01,2011-07-01\n\
         李四,{},群众,,,\n",
        id_number("1987-01-01", 33, Gender::Male)
    );
    let table = import::read_table("名单.csv", text.as_bytes()).unwrap();
    let preview = db
        .dry_run(|tx| import::preview(tx, &table, &table.mapping, false, today(), ACTOR))
        .unwrap();
    assert_eq!((preview.new, preview.invalid), (1, 3));
    let bad: Vec<_> = preview
        .rows
        .iter()
        .filter(|r| r.outcome == RowOutcome::Invalid)
        .map(|r| (r.line, r.column.clone(), r.error.as_ref().unwrap().reason))
        .collect();
    assert_eq!(
        bad,
        [
            (4, Some("身份证号".into()), Some(Reason::IdNumberChecksum)),
            (
                5,
                Some("身份证号".into()),
                Some(Reason::IdNumberRepeatedInFile)
            ),
            (6, Some("人员类别".into()), Some(Reason::InvalidValue)),
        ]
    );
    assert!(preview.rows[1]
        .error
        .as_ref()
        .unwrap()
        .message
        .contains("身份证号"));

    let err = db
        .write(|tx| import::commit(tx, &table, &table.mapping, false, today(), ACTOR))
        .unwrap_err();
    assert!(matches!(err, Error::AtRow { row: 4, .. }), "{err:?}");
    assert!(err.to_string().starts_with("第 4 行"), "{err}");
    assert!(
        roster(&db).is_empty(),
        "the good first row was not kept either"
    );
    assert!(groups(&db).is_empty(), "nor the group it created");

    // A mapping without the 身份证号 column is refused before any row.
    let mut no_id = table.mapping.clone();
    no_id.id_number = None;
    let err = db
        .dry_run(|tx| import::preview(tx, &table, &no_id, false, today(), ACTOR))
        .unwrap_err();
    assert!(matches!(
        err,
        Error::Validation {
            field: "mapping_id_number",
            ..
        }
    ));
}

#[test]
fn a_confirmation_date_not_at_the_end_of_the_probation_is_refused_with_the_days_it_could_be() {
    let (_dir, _path, db) = branch_db();
    let early = id_number("1985-01-01", 41, Gender::Male);
    let extended = id_number("1986-01-01", 42, Gender::Male);
    let text = format!(
        "姓名,身份证号,人员类别,入党日期,转正日期\n\
         周早,{early},正式党员,2010-07-01,2011-06-30\n\
         吴延,{extended},正式党员,2010-07-01,2012-03-01\n"
    );
    let table = import::read_table("名单.csv", text.as_bytes()).unwrap();
    let preview = db
        .dry_run(|tx| import::preview(tx, &table, &table.mapping, false, today(), ACTOR))
        .unwrap();
    assert_eq!((preview.new, preview.invalid), (1, 1));
    let error = preview.rows[0].error.as_ref().unwrap();
    assert_eq!(error.reason, Some(Reason::ProbationLength));
    assert_eq!(preview.rows[0].column.as_deref(), Some("转正日期"));
    assert!(
        error.message.contains("2011-07-01（预备期满一年）")
            && error.message.contains("2012-01-01（延长 6 个月）"),
        "{}",
        error.message
    );
    let err = db
        .write(|tx| import::commit(tx, &table, &table.mapping, false, today(), ACTOR))
        .unwrap_err();
    assert!(matches!(err, Error::AtRow { row: 2, .. }), "{err:?}");
    assert!(roster(&db).is_empty());

    // Without the early row, the extended one is kept with its extension of eight months.
    let text = format!(
        "姓名,身份证号,人员类别,入党日期,转正日期\n\
         吴延,{extended},正式党员,2010-07-01,2012-03-01\n"
    );
    let table = import::read_table("名单.csv", text.as_bytes()).unwrap();
    db.write(|tx| import::commit(tx, &table, &table.mapping, false, today(), ACTOR))
        .unwrap();
    let id = db
        .read(|c| members::get_by_name(c, "吴延", today()))
        .unwrap()
        .id;
    let months = db
        .read(|c| zhibu::pipeline::recorded_extension(c, &id))
        .unwrap();
    assert_eq!(months, Some(8));
}

/// A corrected sheet read again: rows of members already on the roster are checked too (a bad
/// one is named like a new one), the preview shows what each would change, and with `update`
/// the differing filled cells change the record in the same all-or-none import; the phone is
/// never shown in clear.
#[test]
fn a_corrected_sheet_updates_the_members_already_on_the_roster() {
    let (_dir, _path, db) = branch_db();
    let zhao = id_number("1985-01-01", 31, Gender::Male);
    let qian = id_number("1990-05-01", 32, Gender::Female);
    let sun = id_number("1992-02-02", 33, Gender::Male);
    let head = "姓名,身份证号,人员类别,所在党小组,入党日期,转正日期,联系电话,工作单位及职务\n";
    let first = format!(
        "{head}赵一,{zhao},正式党员,第一党小组,2010-07-01,2011-07-01,13800001234,科员\n\
         钱二,{qian},预备党员,第一党小组,2026-03-01,,,\n"
    );
    let table = import::read_table("花名册.csv", first.as_bytes()).unwrap();
    db.write(|tx| import::commit(tx, &table, &table.mapping, false, today(), ACTOR))
        .unwrap();

    // 赵一 moves group, has a new phone and title; 钱二's 入党日期 is a day to come; 孙三 is new.
    let corrected = |qian_joined: &str| {
        format!(
            "{head}赵一,{zhao},正式党员,第二党小组,2010-07-01,2011-07-01,13900005678,副科长\n\
             钱二,{qian},预备党员,第一党小组,{qian_joined},,,\n\
             孙三,{sun},正式党员,,2015-07-01,2016-07-01,,\n"
        )
    };
    let bad = import::read_table("花名册.csv", corrected("2027-01-01").as_bytes()).unwrap();
    for update in [false, true] {
        let preview = db
            .dry_run(|tx| import::preview(tx, &bad, &bad.mapping, update, today(), ACTOR))
            .unwrap();
        assert_eq!(preview.invalid, 1, "update {update}");
        assert_eq!(preview.errors[0].line, 3);
        assert_eq!(preview.errors[0].name, "钱二");
        assert_eq!(preview.errors[0].column.as_deref(), Some("入党日期"));
        assert_eq!(preview.added, ["孙三"]);
        let zhao_row = &preview.rows[0];
        assert_eq!(zhao_row.values.stage, Some(Stage::Full));
        assert_eq!(zhao_row.values.party_group, "第二党小组");
        assert_eq!(zhao_row.values.joined_on.as_deref(), Some("2010-07-01"));
        let fields: Vec<(&str, &str, &str, &str)> = zhao_row
            .changes
            .iter()
            .map(|c| {
                (
                    c.field.as_str(),
                    c.label.as_str(),
                    c.from.as_str(),
                    c.to.as_str(),
                )
            })
            .collect();
        assert_eq!(
            fields,
            [
                ("workplace_title", "工作单位及职务", "科员", "副科长"),
                ("phone", "联系电话", "138****1234", "139****5678"),
                ("party_group", "所在党小组", "第一党小组", "第二党小组"),
            ]
        );
        let expect = if update {
            RowOutcome::Updated
        } else {
            RowOutcome::Existing
        };
        assert_eq!(zhao_row.outcome, expect);
    }
    let before = roster(&db);
    let err = db
        .write(|tx| import::commit(tx, &bad, &bad.mapping, true, today(), ACTOR))
        .unwrap_err();
    assert!(matches!(err, Error::AtRow { row: 3, .. }), "{err:?}");
    assert_eq!(roster(&db), before, "nothing was kept");
    assert_eq!(groups(&db), ["第一党小组"]);

    let good = import::read_table("花名册.csv", corrected("2026-03-01").as_bytes()).unwrap();
    // Not asked to update: 赵一 is left as he was.
    let kept = db
        .dry_run(|tx| import::commit(tx, &good, &good.mapping, false, today(), ACTOR))
        .unwrap();
    assert_eq!(kept.unchanged, ["赵一", "钱二"]);
    assert!(kept.updated.is_empty());

    let done = db
        .write(|tx| import::commit(tx, &good, &good.mapping, true, today(), ACTOR))
        .unwrap();
    assert_eq!(done.added, ["孙三"]);
    assert_eq!(done.unchanged, ["钱二"]);
    assert_eq!(done.updated.len(), 1);
    assert_eq!(done.updated[0].name, "赵一");
    assert_eq!(done.updated[0].fields.len(), 3);
    let zhao_now = db
        .read(|c| members::get_by_name(c, "赵一", today()))
        .unwrap();
    assert_eq!(zhao_now.workplace_title, "副科长");
    assert_eq!(zhao_now.phone, "13900005678");
    assert_eq!(zhao_now.party_group.as_deref(), Some("第二党小组"));
    let json = serde_json::to_string(&done).unwrap();
    assert!(
        !json.contains("13900005678") && !json.contains(&zhao),
        "{json}"
    );

    // The same sheet again changes nobody.
    let again = db
        .write(|tx| import::commit(tx, &good, &good.mapping, true, today(), ACTOR))
        .unwrap();
    assert!(again.updated.is_empty() && again.added.is_empty());
    assert_eq!(again.unchanged, ["赵一", "钱二", "孙三"]);

    // One who left the branch is not updated by an old sheet, nor does it refuse the sheet.
    let sun_id = member_id(&db, "孙三");
    let out = members::ArchiveInput {
        reason: Some(members::MemberStatus::TransferredOut),
        archived_on: "2026-11-01".into(),
        note: String::new(),
    };
    db.write(|tx| members::archive(tx, &sun_id, &out, today(), ACTOR))
        .unwrap();
    let old = import::read_table(
        "花名册.csv",
        format!("{head}孙三,{sun},正式党员,第九党小组,2015-07-01,2016-07-01,,\n").as_bytes(),
    )
    .unwrap();
    let left = db
        .write(|tx| import::commit(tx, &old, &old.mapping, true, today(), ACTOR))
        .unwrap();
    assert_eq!(left.unchanged, ["孙三"]);
    assert!(left.updated.is_empty() && left.rows[0].changes.is_empty());
    assert_eq!(groups(&db), ["第一党小组", "第二党小组"]);
}
