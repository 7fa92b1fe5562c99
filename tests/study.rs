//! 学时 against a real database: credits from attendance and activities, corrections, manual
//! and bulk entries, targets across a rule change, exemptions, pace, and 我的学时.

mod common;

use chrono::Datelike;
use common::{d, demo_db, full_member, member_id, present, today, ACTOR};
use zhibu::activities::{self, ActivityInput, ActivityKind, ParticipantInput, ParticipantRole};
use zhibu::members::{self, MemberInput, Stage};
use zhibu::rule_sets::{Dated, RuleSet};
use zhibu::sessions::{self, AttendanceInput, AttendanceStatus, SessionInput};
use zhibu::study::import::{self, ImportDone, ImportMapping, ImportPreview, ImportTable};
use zhibu::study::rules::{AccrualOn, AccrualRule, CreditMode};
use zhibu::study::{
    self, self_check, AccrualRuleSet, CreditEntry, CreditQuery, EntryInput, EntrySource,
    SelfCheckMode, TargetRuleSet,
};
use zhibu::{Db, Error, Reason};

fn lecture(db: &Db, on: &str, names: &[&str]) -> SessionInput {
    SessionInput {
        kind: "party_lecture".into(),
        held_on: on.into(),
        start_time: Some("14:30".into()),
        end_time: Some("16:10".into()),
        topic: "学习贯彻党的二十届四中全会精神".into(),
        lecturer_id: Some(member_id(db, "周建华")),
        attendance: present(db, names),
        others: Some(AttendanceStatus::Absent),
        ..Default::default()
    }
}

fn hours_of(db: &Db, name: &str, year: i32, as_of: &str) -> f64 {
    let id = member_id(db, name);
    let r = db
        .read(|c| study::report(c, year, d(as_of), Some(&id)))
        .unwrap();
    r.members[0].hours
}

/// Every credit of the member `id` in 2026, as the credits list shows them.
fn credits_2026(db: &Db, id: &str) -> Vec<CreditEntry> {
    let query = CreditQuery {
        member_id: Some(id.into()),
        year: 2026,
        as_of: None,
    };
    db.read(|c| study::credits(c, &query)).unwrap()
}

fn entry_count(db: &Db) -> i64 {
    db.read(|c| Ok(c.query_row("SELECT count(*) FROM study_hour_entry", [], |r| r.get(0))?))
        .unwrap()
}

fn manual(db: &Db, name: &str, on: &str, hours: f64, category: &str) -> EntryInput {
    EntryInput {
        member_id: member_id(db, name),
        occurred_on: on.into(),
        hours,
        category: category.into(),
        ..Default::default()
    }
}

fn refusal<T: std::fmt::Debug>(r: Result<T, Error>) -> (Option<&'static str>, Reason) {
    let e = r.unwrap_err();
    (e.field(), e.reason().expect("a reason"))
}

#[test]
fn attending_credits_hours_and_correcting_attendance_corrects_them() {
    let (_dir, _path, db) = demo_db();
    let input = lecture(&db, "2026-03-15", &["吴刚", "徐婷"]);
    let s = db
        .write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
    let wu = member_id(&db, "吴刚");
    let lines = credits_2026(&db, &wu);
    assert_eq!(lines.len(), 1);
    let line = &lines[0];
    // 14:30–16:10 is 1 h 40, which rounds to 1.5 h.
    assert_eq!((line.hours, line.category.as_str()), (1.5, "party_lecture"));
    assert_eq!(line.source, EntrySource::Attendance);
    assert_eq!(line.session_id.as_deref(), Some(s.id.as_str()));
    assert!(line.origin.starts_with("党课 · 学习贯彻"));
    assert_eq!(
        hours_of(&db, "杨丽", 2026, "2026-11-22"),
        0.0,
        "absent: no credit"
    );

    // 吴刚 was in fact on leave: correcting the attendance takes the credit away.
    let mut fixed = lecture(&db, "2026-03-15", &["徐婷"]);
    fixed.attendance.push(AttendanceInput {
        member_id: wu.clone(),
        status: AttendanceStatus::Leave,
        reason: "出差".into(),
    });
    db.write(|tx| sessions::update(tx, &s.id, &fixed, today(), ACTOR))
        .unwrap();
    assert_eq!(hours_of(&db, "吴刚", 2026, "2026-11-22"), 0.0);
    assert_eq!(hours_of(&db, "徐婷", 2026, "2026-11-22"), 1.5);
    // Judged as of a day before the lecture, nothing had been earned.
    assert_eq!(hours_of(&db, "徐婷", 2026, "2026-03-14"), 0.0);
}

#[test]
fn a_correction_replaces_one_credit_and_a_manual_entry_adds() {
    let (_dir, _path, db) = demo_db();
    let input = lecture(&db, "2026-03-15", &["徐婷"]);
    let s = db
        .write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
    let xu = member_id(&db, "徐婷");
    let correction = EntryInput {
        session_id: Some(s.id.clone()),
        replaces_credit: true,
        note: "中途离会".into(),
        ..manual(&db, "徐婷", "2026-03-15", 0.5, "党课")
    };
    let without_reason = EntryInput {
        note: " ".into(),
        ..correction.clone()
    };
    assert_eq!(
        refusal(db.write(|tx| study::add_entry(tx, &without_reason, today(), ACTOR))),
        (Some("note"), Reason::CorrectionNeedsReason)
    );
    let without_session = EntryInput {
        session_id: None,
        ..correction.clone()
    };
    assert_eq!(
        refusal(db.write(|tx| study::add_entry(tx, &without_session, today(), ACTOR))),
        (Some("replaces_credit"), Reason::CorrectionNeedsSource)
    );
    db.write(|tx| study::add_entry(tx, &correction, today(), ACTOR))
        .unwrap();
    assert_eq!(hours_of(&db, "徐婷", 2026, "2026-11-22"), 0.5);
    assert_eq!(
        refusal(db.write(|tx| study::add_entry(tx, &correction, today(), ACTOR))),
        (None, Reason::CreditAlreadyCorrected)
    );

    let lines = credits_2026(&db, &xu);
    assert_eq!(
        lines.len(),
        2,
        "the credit stays visible beside its correction"
    );
    assert!(lines
        .iter()
        .any(|l| l.replaced && l.source == EntrySource::Attendance));
    assert!(lines
        .iter()
        .any(|l| l.replaces_credit && l.origin.starts_with("党课")));

    // A manual entry adds: 学习强国 hours are recorded beside the target, not counted.
    let input = manual(&db, "徐婷", "2026-04-01", 6.0, "学习强国");
    db.write(|tx| study::add_entry(tx, &input, today(), ACTOR))
        .unwrap();
    let r = db
        .read(|c| study::report(c, 2026, today(), Some(&xu)))
        .unwrap();
    let m = &r.members[0];
    assert_eq!((m.hours, m.uncounted_hours), (0.5, 6.0));
    let cats: Vec<(&str, f64, bool)> = m
        .by_category
        .iter()
        .map(|c| (c.label.as_str(), c.hours, c.counted))
        .collect();
    assert_eq!(cats, vec![("学习强国", 6.0, false), ("党课", 0.5, true)]);

    // Deleting the correction brings the credit back.
    let id = lines
        .iter()
        .find(|l| l.replaces_credit)
        .unwrap()
        .id
        .clone()
        .unwrap();
    db.write(|tx| study::delete_entry(tx, &id, ACTOR)).unwrap();
    assert_eq!(hours_of(&db, "徐婷", 2026, "2026-11-22"), 1.5);
}

#[test]
fn refused_entries_say_why_and_store_nothing() {
    let (_dir, _path, db) = demo_db();
    // (date, hours, category) of an entry for 吴刚, and the field and reason it is refused with.
    #[rustfmt::skip] // one case a row
    let cases = [
        ("2026-05-01", 1.3, "自学", "hours", Reason::HalfHours),
        ("2026-05-01", 0.0, "自学", "hours", Reason::HoursMinimum),
        ("1979-01-01", 1.0, "自学", "occurred_on", Reason::BeforeBirth),
        ("2011-05-01", 1.0, "自学", "occurred_on", Reason::BeforeFounding),
        ("2026-05-01", 201.0, "自学", "hours", Reason::HoursOutOfRange),
        ("2026-12-01", 1.0, "自学", "occurred_on", Reason::DateInFuture),
        ("2026-13-01", 1.0, "自学", "occurred_on", Reason::InvalidDate),
        ("2026-05-01", 1.0, " ", "category", Reason::Required),
    ];
    for (on, hours, category, field, reason) in cases {
        let input = manual(&db, "吴刚", on, hours, category);
        let r = db.write(|tx| study::add_entry(tx, &input, today(), ACTOR));
        assert_eq!(refusal(r), (Some(field), reason), "{input:?}");
    }
    let nobody = EntryInput {
        member_id: "no-such-member".into(),
        ..manual(&db, "吴刚", "2026-05-01", 1.0, "自学")
    };
    assert_eq!(
        db.write(|tx| study::add_entry(tx, &nobody, today(), ACTOR))
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert_eq!(entry_count(&db), 0);
}

/// The help says half hours: half an hour is the least an entry can be, and it is kept.
#[test]
fn half_an_hour_is_the_least_entry_and_is_accepted() {
    let (_dir, _path, db) = demo_db();
    let input = manual(&db, "吴刚", "2026-05-01", 0.5, "自学");
    db.write(|tx| study::add_entry(tx, &input, today(), ACTOR))
        .unwrap();
    assert_eq!(entry_count(&db), 1);
    let nothing = manual(&db, "吴刚", "2026-05-01", 0.0, "自学");
    let e = db
        .write(|tx| study::add_entry(tx, &nothing, today(), ACTOR))
        .unwrap_err();
    assert_eq!(e.to_string(), "学时：学时以半小时计，至少 0.5");
    // 补登 before the branch's 开始登记日期 (but after its founding) is kept.
    let early = manual(&db, "吴刚", "2013-06-01", 2.0, "自学");
    db.write(|tx| study::add_entry(tx, &early, today(), ACTOR))
        .unwrap();
    assert_eq!(entry_count(&db), 2);
}

#[test]
fn bulk_entries_are_all_or_none() {
    let (_dir, _path, db) = demo_db();
    let batch = vec![
        manual(&db, "吴刚", "2026-06-10", 8.0, "培训班"),
        manual(&db, "徐婷", "2026-06-10", 8.0, "培训班"),
        manual(&db, "杨丽", "2026-06-10", 8.25, "培训班"),
    ];
    let e = db
        .write(|tx| study::add_entries(tx, &batch, EntrySource::Manual, today(), ACTOR))
        .unwrap_err();
    assert_eq!((e.row(), e.reason()), (Some(3), Some(Reason::HalfHours)));
    assert!(e.to_string().starts_with("第 3 行："), "{e}");
    assert_eq!(entry_count(&db), 0);
    let ok = db
        .write(|tx| study::add_entries(tx, &batch[..2], EntrySource::Manual, today(), ACTOR))
        .unwrap();
    assert_eq!(ok.len(), 2);
    assert_eq!(hours_of(&db, "徐婷", 2026, "2026-11-22"), 8.0);
}

#[test]
fn targets_follow_the_role_and_a_changed_rule_leaves_past_years_alone() {
    let (_dir, _path, db) = demo_db();
    let (wu, zhou) = (member_id(&db, "吴刚"), member_id(&db, "周建华"));
    let target = |year: i32, id: &str| {
        let r = db.read(|c| study::report(c, year, today(), None)).unwrap();
        r.members.iter().find(|m| m.id == id).unwrap().target
    };
    assert_eq!(
        (target(2026, &wu), target(2026, &zhou)),
        (Some(32.0), Some(56.0))
    );

    let fifty = TargetRuleSet {
        version: "支部要求50学时".into(),
        effective_from: d("2026-01-01"),
        branch_wide: Some(50.0),
        ..TargetRuleSet::defaults()
    };
    db.write(|tx| fifty.save(tx, ACTOR)).unwrap();
    assert_eq!(
        (target(2026, &wu), target(2026, &zhou)),
        (Some(50.0), Some(56.0))
    );
    // 2025 keeps the defaults. The demo's committee took office on 22 May 2025 (18 months
    // before today): 周建华 was a member for 141 days and on the committee for 224, so his
    // target is prorated: 32 × 141/365 + 56 × 224/365 = 46.73 → 46.5.
    assert_eq!(
        (target(2025, &wu), target(2025, &zhou)),
        (Some(32.0), Some(46.5))
    );

    let bad = TargetRuleSet {
        member: 31.7,
        ..fifty.clone()
    };
    assert!(db.write(|tx| bad.save(tx, ACTOR)).is_err());
    assert_eq!(
        target(2026, &wu),
        Some(50.0),
        "the refused set changed nothing"
    );
}

#[test]
fn an_exempt_member_has_no_target_and_is_not_counted() {
    let (_dir, _path, db) = demo_db();
    let wu = member_id(&db, "吴刚");
    db.write(|tx| study::exempt(tx, &wu, 2026, "长期病休", ACTOR))
        .unwrap();
    assert_eq!(
        db.write(|tx| study::exempt(tx, &wu, 2026, "again", ACTOR))
            .unwrap_err()
            .reason(),
        Some(Reason::AlreadyExempt)
    );
    assert_eq!(
        refusal(db.write(|tx| study::exempt(tx, &wu, 2027, " ", ACTOR))),
        (Some("reason"), Reason::Required)
    );
    let r = db.read(|c| study::report(c, 2026, today(), None)).unwrap();
    let m = r.members.iter().find(|m| m.id == wu).unwrap();
    assert!(m.exempt && m.on_track && m.target.is_none());
    assert_eq!(m.exempt_reason, "长期病休");
    assert_eq!(r.counted as usize, r.members.len() - 1);
    let last_year = db.read(|c| study::report(c, 2025, today(), None)).unwrap();
    assert!(
        !last_year
            .members
            .iter()
            .find(|m| m.id == wu)
            .unwrap()
            .exempt
    );

    db.write(|tx| study::lift_exemption(tx, &wu, 2026, ACTOR))
        .unwrap();
    let r = db.read(|c| study::report(c, 2026, today(), None)).unwrap();
    assert!(!r.members.iter().find(|m| m.id == wu).unwrap().exempt);
}

#[test]
fn the_pace_of_the_year_and_who_is_behind_worst_first() {
    let (_dir, _path, db) = demo_db();
    // On 2 July half the year (183 of 365 days) is gone: 32 × 183/365 ≈ 16.04 expected, kept
    // (like every 学时 figure) to the half hour: 16.
    for (name, hours) in [("吴刚", 20.0), ("徐婷", 10.0), ("杨丽", 15.5)] {
        let input = manual(&db, name, "2026-06-30", hours, "培训班");
        db.write(|tx| study::add_entry(tx, &input, today(), ACTOR))
            .unwrap();
    }
    let r = db
        .read(|c| study::report(c, 2026, d("2026-07-02"), None))
        .unwrap();
    let get = |name: &str| r.members.iter().find(|m| m.name == name).unwrap();
    assert!(get("吴刚").on_track && !get("吴刚").reached);
    assert_eq!(get("杨丽").expected, Some(16.0));
    assert!(!get("杨丽").on_track, "15.5 is under the pace of 16");
    assert_eq!(get("杨丽").behind_by, 0.5);
    assert_eq!(get("徐婷").behind_by, 6.0);
    let behind: Vec<&str> = r
        .behind_pace
        .iter()
        .map(|id| {
            r.members
                .iter()
                .find(|m| &m.id == id)
                .unwrap()
                .name
                .as_str()
        })
        .collect();
    // Those with nothing come first, then 徐婷 (10), then 杨丽 (15.5).
    let n = behind.len();
    assert_eq!(&behind[n - 2..], &["徐婷", "杨丽"]);
    assert!(!behind.contains(&"吴刚"));
    assert_eq!(r.reached, 0);

    // At the year's end the whole target counts.
    let input = manual(&db, "吴刚", "2026-09-01", 12.0, "培训班");
    db.write(|tx| study::add_entry(tx, &input, today(), ACTOR))
        .unwrap();
    let end = db
        .read(|c| study::report(c, 2026, d("2027-02-01"), None))
        .unwrap();
    let wu = end.members.iter().find(|m| m.name == "吴刚").unwrap();
    assert!(wu.reached && wu.on_track && wu.share == Some(1.0));
    assert_eq!(end.as_of, d("2026-12-31"));
    assert_eq!(end.reached, 1);
}

#[test]
fn activities_credit_by_their_rules_and_a_changed_rule_applies_from_its_date() {
    let (_dir, _path, db) = demo_db();
    let wu = member_id(&db, "吴刚");
    let trip = ActivityInput {
        kind: Some(ActivityKind::StudyTrip),
        title: "赴九龙坡区学习".into(),
        held_on: "2026-05-10".into(),
        destination: "九龙坡区".into(),
        duration_days: Some(3),
        participants: vec![ParticipantInput {
            member_id: wu.clone(),
            role: ParticipantRole::Sent,
        }],
        ..Default::default()
    };
    db.write(|tx| activities::add(tx, &trip, today(), ACTOR))
        .unwrap();
    assert_eq!(hours_of(&db, "吴刚", 2026, "2026-11-22"), 24.0);

    let mut rules = AccrualRuleSet::defaults();
    rules.version = "外出学习每天6学时".into();
    rules.effective_from = d("2026-06-01");
    for r in &mut rules.rules {
        if r.on == AccrualOn::Activity && r.kind == "study_trip" {
            r.hours = 6.0;
        }
    }
    rules.rules.push(AccrualRule {
        on: AccrualOn::Activity,
        kind: "volunteer_service".into(),
        mode: CreditMode::Fixed,
        hours: 1.0,
        category: "志愿学习".into(),
    });
    db.write(|tx| rules.save(tx, ACTOR)).unwrap();
    let later = ActivityInput {
        held_on: "2026-06-10".into(),
        title: "赴九龙坡区再学习".into(),
        duration_days: Some(2),
        ..trip
    };
    db.write(|tx| activities::add(tx, &later, today(), ACTOR))
        .unwrap();
    // May keeps 8 a day (24), June's trip earns 6 a day (12).
    assert_eq!(hours_of(&db, "吴刚", 2026, "2026-11-22"), 36.0);
}

#[test]
fn a_member_sees_their_own_record_with_their_pin_only() {
    let (_dir, _path, db) = demo_db();
    let xu = member_id(&db, "徐婷");
    let input = lecture(&db, "2026-03-15", &["徐婷", "吴刚"]);
    db.write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
    assert_eq!(
        refusal(db.write(|tx| self_check::set_pin(tx, &xu, "12a4", ACTOR))),
        (Some("pin"), Reason::PinFormat)
    );
    db.write(|tx| self_check::set_pin(tx, &xu, "246810", ACTOR))
        .unwrap();
    let stored: String = db
        .read(|c| {
            Ok(
                c.query_row("SELECT pin_hash FROM member WHERE id = ?1", [&xu], |r| {
                    r.get(0)
                })?,
            )
        })
        .unwrap();
    assert!(!stored.contains("246810"));

    let found = db
        .read(|c| self_check::identify(c, "徐婷", "246810"))
        .unwrap();
    assert_eq!(found, xu);
    for (name, pin) in [("徐婷", "246811"), ("吴刚", "246810"), ("无此人", "246810")] {
        let e = db.read(|c| self_check::identify(c, name, pin)).unwrap_err();
        assert_eq!(e.reason(), Some(Reason::WrongPin), "{name} {pin}");
    }

    let s = db
        .read(|c| self_check::statement(c, &found, 2026, today()))
        .unwrap();
    assert_eq!(s.branch_name, "永川区行政服务中心党支部");
    assert_eq!(s.progress.name, "徐婷");
    assert!(s.entries.iter().all(|e| e.member_id == xu));
    assert_eq!(s.entries.len(), 1);
    assert_eq!(s.attendance.rows.len(), 1);

    // The branch may let members use the last six characters of their 身份证号 instead.
    db.write(|tx| self_check::set_mode(tx, SelfCheckMode::IdLast6, ACTOR))
        .unwrap();
    let id_number = db
        .read(|c| zhibu::members::get(c, &xu, today()))
        .unwrap()
        .id_number;
    let last6 = &id_number[id_number.len() - 6..];
    assert_eq!(
        db.read(|c| self_check::identify(c, "徐婷", last6)).unwrap(),
        xu
    );
    assert!(db
        .read(|c| self_check::identify(c, "徐婷", "246810"))
        .is_err());
}

/// A platform's export: its header row (学员姓名, 学习日期, 获得学时, 课程名称), then `rows`.
fn xlsx(rows: &[[&str; 4]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = ["学员姓名", "学习日期", "获得学时", "课程名称"];
    for (r, row) in std::iter::once(&header).chain(rows).enumerate() {
        for (c, value) in row.iter().enumerate() {
            // Hours as numbers, as a platform's export has them.
            match value.parse::<f64>() {
                Ok(n) if c == 2 => sheet.write_number(r as u32, c as u16, n).map(|_| ()),
                _ => sheet.write_string(r as u32, c as u16, *value).map(|_| ()),
            }
            .unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// What importing `table` with `mapping` would do (nothing kept).
fn preview(db: &Db, table: &ImportTable, mapping: &ImportMapping) -> ImportPreview {
    db.read(|c| import::preview(c, table, mapping, today()))
        .unwrap()
}

/// Imports `table` with `mapping`, which must be accepted.
fn commit(db: &Db, table: &ImportTable, mapping: &ImportMapping) -> ImportDone {
    db.write(|tx| import::commit(tx, table, mapping, today(), ACTOR))
        .unwrap()
}

/// `bytes` read as the file `name`, mapped as its headers suggest, all of it 学习强国.
fn read_as_xuexi(name: &str, bytes: &[u8]) -> (ImportTable, ImportMapping) {
    let table = import::read_table(name, bytes).unwrap();
    let mut mapping = table.mapping.clone();
    mapping.default_category = "学习强国".into();
    (table, mapping)
}

#[test]
fn an_import_with_one_bad_row_imports_nothing_and_names_the_row() {
    let (_dir, _path, db) = demo_db();
    let bytes = xlsx(&[
        ["徐婷", "2026/10/08", "2.5", "学习贯彻四中全会精神"],
        ["无此人", "2026-10-09", "1", "专题课"],
        ["吴刚", "2026年10月10日", "3", "专题课"],
    ]);
    let table = import::read_table("干部网络学院导出.xlsx", &bytes).unwrap();
    assert_eq!(table.rows.len(), 3);
    let mut mapping = table.mapping.clone();
    assert_eq!(
        (mapping.name, mapping.date, mapping.hours),
        (Some(0), Some(1), Some(2))
    );
    // No category column: the whole file is 干部网络学院.
    let missing = db.read(|c| import::preview(c, &table, &mapping, today()));
    assert_eq!(missing.unwrap_err().field(), Some("mapping_category"));
    mapping.default_category = "干部网络学院".into();

    let preview = preview(&db, &table, &mapping);
    assert_eq!((preview.valid, preview.invalid), (2, 1));
    let bad = &preview.rows[1];
    assert_eq!(bad.line, 3);
    assert_eq!(
        bad.error.as_ref().unwrap().reason,
        Some(Reason::UnknownMember)
    );
    assert_eq!(preview.rows[2].occurred_on, "2026-10-10");

    let e = db
        .write(|tx| import::commit(tx, &table, &mapping, today(), ACTOR))
        .unwrap_err();
    assert_eq!(
        (e.row(), e.reason()),
        (Some(3), Some(Reason::UnknownMember))
    );
    assert!(e.to_string().starts_with("第 3 行："), "{e}");
    assert_eq!(entry_count(&db), 0);

    let good = xlsx(&[
        ["徐婷", "2026/10/08", "2.5", "学习贯彻四中全会精神"],
        ["吴刚", "2026年10月10日", "3", "专题课"],
    ]);
    let table = import::read_table("干部网络学院导出.xlsx", &good).unwrap();
    let added = commit(&db, &table, &mapping);
    assert_eq!((added.imported, added.skipped_duplicates), (2, 0));
    assert_eq!(hours_of(&db, "徐婷", 2026, "2026-11-22"), 2.5);
    let wu = member_id(&db, "吴刚");
    let lines = credits_2026(&db, &wu);
    assert_eq!(
        (
            lines[0].source,
            lines[0].category.as_str(),
            lines[0].note.as_str()
        ),
        (EntrySource::Import, "cadre_online_academy", "专题课")
    );
}

/// The same file imported twice adds its entries once; a later file with one new row among
/// the old adds only that row; two equal rows of one file are both kept the first time.
#[test]
fn an_import_of_rows_already_imported_adds_nothing_and_says_so() {
    let (_dir, _path, db) = demo_db();
    let first = xlsx(&[
        ["徐婷", "2026-10-08", "2.5", "专题课"],
        ["吴刚", "2026-10-10", "1", "专题课"],
        ["吴刚", "2026-10-10", "1", "专题课"],
    ]);
    let (table, mapping) = read_as_xuexi("a.xlsx", &first);
    let done = commit(&db, &table, &mapping);
    assert_eq!((done.imported, done.skipped_duplicates), (3, 0));
    assert_eq!(entry_count(&db), 3);

    let preview = preview(&db, &table, &mapping);
    assert_eq!((preview.valid, preview.duplicates), (3, 3));
    assert!(preview.rows.iter().all(|r| r.duplicate));
    let again = commit(&db, &table, &mapping);
    assert_eq!((again.imported, again.skipped_duplicates), (0, 3));
    assert_eq!(entry_count(&db), 3);

    let later = xlsx(&[
        ["徐婷", "2026-10-08", "2.5", "专题课"],
        ["徐婷", "2026-10-09", "2.5", "专题课"],
    ]);
    let table = import::read_table("b.xlsx", &later).unwrap();
    let done = commit(&db, &table, &mapping);
    assert_eq!((done.imported, done.skipped_duplicates), (1, 1));
    assert_eq!(entry_count(&db), 4);
}

/// A name typed with an invisible character is refused on its row, not looked up as another.
#[test]
fn an_import_row_whose_name_hides_a_character_is_refused() {
    let (_dir, _path, db) = demo_db();
    let bytes = xlsx(&[
        ["徐\u{200B}婷", "2026-10-08", "2", "专题课"],
        [" 吴刚 ", "2026-10-08", "2", "专题课"],
    ]);
    let (table, mapping) = read_as_xuexi("a.xlsx", &bytes);
    let preview = preview(&db, &table, &mapping);
    let e = preview.rows[0].error.as_ref().unwrap();
    assert_eq!(e.reason, Some(Reason::InvisibleCharacter));
    assert!(e.message.contains("U+200B"), "{}", e.message);
    assert!(preview.rows[1].error.is_none());
}

/// The report's grouped sums (`totals`) agree with the credits summed one by one, with
/// corrections of a session and of an activity credit and an accrual rule set that changes
/// mid-year.
#[test]
fn the_grouped_totals_are_the_credits_summed() {
    let (_dir, _path, db) = common::file_db();
    db.write(|tx| zhibu::demo::create(tx, today(), ACTOR))
        .unwrap();
    let input = lecture(&db, "2026-03-15", &["徐婷", "吴刚"]);
    let s = db
        .write(|tx| sessions::add(tx, &input, today(), ACTOR))
        .unwrap();
    let correction = EntryInput {
        session_id: Some(s.id.clone()),
        replaces_credit: true,
        note: "中途离会".into(),
        ..manual(&db, "徐婷", "2026-03-15", 0.5, "党课")
    };
    db.write(|tx| study::add_entry(tx, &correction, today(), ACTOR))
        .unwrap();
    let salon = db
        .read(|c| activities::list(c, &Default::default()))
        .unwrap()
        .into_iter()
        .find(|a| a.held_on.year() == 2026 && a.participants.len() > 1)
        .expect("the demo has activities this year");
    let reader = &salon.participants[0];
    let correction = EntryInput {
        member_id: reader.member_id.clone(),
        occurred_on: salon.held_on.to_string(),
        hours: 1.0,
        category: "读书".into(),
        activity_id: Some(salon.id.clone()),
        replaces_credit: true,
        note: "只参加了一半".into(),
        ..Default::default()
    };
    db.write(|tx| study::add_entry(tx, &correction, today(), ACTOR))
        .unwrap();
    let mut rules = AccrualRuleSet::defaults();
    rules.version = "下半年起微讲堂每期2学时".into();
    rules.effective_from = d("2026-07-01");
    for r in &mut rules.rules {
        r.hours *= 2.0;
    }
    db.write(|tx| rules.save(tx, ACTOR)).unwrap();

    for (year, as_of) in [(2026, today()), (2026, d("2026-08-31")), (2025, today())] {
        let query = CreditQuery {
            member_id: None,
            year,
            as_of: Some(as_of),
        };
        let lines = db.read(|c| study::credits(c, &query)).unwrap();
        let mut summed: std::collections::BTreeMap<(String, String), f64> = Default::default();
        for l in lines.iter().filter(|l| l.counts()) {
            *summed
                .entry((l.member_id.clone(), l.category.clone()))
                .or_default() += l.hours;
        }
        let totals: std::collections::BTreeMap<(String, String), f64> = db
            .read(|c| study::totals(c, &query))
            .unwrap()
            .into_iter()
            .map(|t| ((t.member_id, t.category), t.half_hours.hours()))
            .collect();
        summed.retain(|_, h| *h > 0.0);
        let totals: std::collections::BTreeMap<_, _> =
            totals.into_iter().filter(|(_, h)| *h > 0.0).collect();
        assert!(!totals.is_empty());
        assert_eq!(totals, summed, "{year} as of {as_of}");
    }
}

#[test]
fn only_the_counted_categories_meet_the_target_and_the_rest_is_shown_beside() {
    let (_dir, _path, db) = demo_db();
    let xu = member_id(&db, "徐婷");
    for (on, hours, category) in [
        ("2026-06-30", 20.0, "学习强国"),
        ("2026-06-30", 3.0, "自学"),
        ("2026-06-30", 10.0, "干部网络学院"),
        ("2026-06-30", 2.0, "培训班"),
        ("2025-05-01", 5.0, "学习强国"),
    ] {
        let input = manual(&db, "徐婷", on, hours, category);
        db.write(|tx| study::add_entry(tx, &input, today(), ACTOR))
            .unwrap();
    }
    let report = |year: i32, as_of: &str| {
        db.read(|c| study::report(c, year, d(as_of), Some(&xu)))
            .unwrap()
    };
    // 32 × 183/365 ≈ 16.04 expected on 2 July: 12 counted hours are behind, whatever the 23
    // recorded beside.
    let r = report(2026, "2026-07-02");
    let m = &r.members[0];
    assert_eq!(
        (m.hours, m.counted_hours, m.uncounted_hours),
        (12.0, 12.0, 23.0)
    );
    assert!(!m.on_track);
    assert_eq!(r.behind_pace, vec![xu.clone()]);
    assert_eq!((r.counted_hours, r.uncounted_hours), (12.0, 23.0));
    let counted: Vec<(&str, bool)> = m
        .by_category
        .iter()
        .map(|c| (c.category.as_str(), c.counted))
        .collect();
    assert_eq!(
        counted,
        vec![
            ("xuexi_qiangguo", false),
            ("cadre_online_academy", true),
            ("self_study", false),
            ("training_course", true),
        ]
    );
    // The credits say the same, line by line.
    let lines = credits_2026(&db, &xu);
    let counted_sum: f64 = lines.iter().filter(|l| l.counted).map(|l| l.hours).sum();
    assert_eq!(counted_sum, m.counted_hours);
    assert!(lines
        .iter()
        .all(|l| l.counted
            == (l.category == "cadre_online_academy" || l.category == "training_course")));

    // A branch that counts 学习强国 from 2026 on: 32 counted, and 2025 keeps the defaults.
    let mut set = TargetRuleSet {
        version: "2026年起学习强国计入学时".into(),
        effective_from: d("2026-01-01"),
        ..TargetRuleSet::defaults()
    };
    set.counted_categories.push("xuexi_qiangguo".into());
    db.write(|tx| set.save(tx, ACTOR)).unwrap();
    let m = report(2026, "2026-07-02").members.remove(0);
    assert_eq!((m.hours, m.uncounted_hours, m.on_track), (32.0, 3.0, true));
    let last = report(2025, "2026-07-02").members.remove(0);
    assert_eq!((last.hours, last.uncounted_hours), (0.0, 5.0));

    // A category given by its label, not its code, is refused and nothing changes.
    let mut bad = set.clone();
    bad.counted_categories.push("自学".into());
    assert_eq!(
        refusal(db.write(|tx| bad.save(tx, ACTOR))),
        (Some("category"), Reason::InvalidValue)
    );
    assert!(!db
        .read(TargetRuleSet::history)
        .unwrap()
        .last()
        .unwrap()
        .counts("自学"));
}

#[test]
fn the_study_alarm_counts_only_counted_hours() {
    let (_dir, _path, db) = demo_db();
    let as_of = d("2026-07-02");
    let ids: Vec<String> = db
        .read(|c| study::report(c, 2026, as_of, None))
        .unwrap()
        .members
        .iter()
        .map(|m| m.id.clone())
        .collect();
    let credit = |category: &str| {
        let inputs: Vec<EntryInput> = ids
            .iter()
            .map(|id| EntryInput {
                member_id: id.clone(),
                occurred_on: "2026-06-30".into(),
                hours: 60.0,
                category: category.into(),
                ..Default::default()
            })
            .collect();
        db.write(|tx| study::add_entries(tx, &inputs, EntrySource::Manual, today(), ACTOR))
            .unwrap();
    };
    let study_alarm = || {
        db.read(|c| zhibu::alarms::alarms(c, as_of))
            .unwrap()
            .into_iter()
            .find(|a| a.kind == zhibu::alarms::AlarmKind::StudyBehind)
            .and_then(|a| a.count)
    };
    credit("学习强国");
    assert_eq!(
        study_alarm(),
        Some(ids.len() as u32),
        "学习强国 is not counted"
    );
    credit("培训班");
    assert_eq!(study_alarm(), None);
}

fn join(db: &Db, name: &str, seq: u32, joined_on: &str) -> String {
    let input = MemberInput {
        stage: Some(Stage::Probationary),
        joined_on: Some(joined_on.into()),
        confirmed_on: None,
        ..full_member(name, "1990-03-01", seq)
    };
    db.write(|tx| members::add(tx, &input, today(), ACTOR))
        .unwrap()
        .id
}

#[test]
fn a_target_is_prorated_by_the_days_a_member_was_on_the_roster() {
    let (_dir, _path, db) = demo_db();
    let jan = join(&db, "年初入党", 71, "2025-01-01");
    let jul = join(&db, "年中入党", 72, "2025-07-01");
    let dec = join(&db, "年末入党", 73, "2025-12-31");
    let leap = join(&db, "闰年入党", 74, "2024-07-01");
    let progress = |year: i32, as_of: &str, id: &str| {
        db.read(|c| study::report(c, year, d(as_of), Some(id)))
            .unwrap()
            .members
            .remove(0)
    };
    let seen = |year: i32, id: &str| {
        let m = progress(year, "2026-11-22", id);
        (m.target, m.full_target, m.target_prorated, m.roster_days)
    };
    assert_eq!(seen(2025, &jan), (Some(32.0), Some(32.0), false, 365));
    // 32 × 184/365 = 16.13 → 16; 32 × 1/365 → 0.
    assert_eq!(seen(2025, &jul), (Some(16.0), Some(32.0), true, 184));
    assert_eq!(seen(2025, &dec), (Some(0.0), Some(32.0), true, 1));
    // 2024 has 366 days: 32 × 184/366 = 16.09 → 16; the next year is whole.
    assert_eq!(seen(2024, &leap), (Some(16.0), Some(32.0), true, 184));
    assert_eq!(seen(2025, &leap), (Some(32.0), Some(32.0), false, 365));

    // The pace runs over the member's own days: on 31 July, 16 × 31/184 ≈ 2.7 expected, to
    // the half hour 2.5.
    let m = progress(2025, "2025-07-31", &jul);
    assert_eq!(m.expected, Some(2.5));
    assert!(!m.on_track);
    let input = manual(&db, "年中入党", "2025-07-15", 3.0, "培训班");
    db.write(|tx| study::add_entry(tx, &input, today(), ACTOR))
        .unwrap();
    assert!(progress(2025, "2025-07-31", &jul).on_track);

    // On the committee for the first half of 2025 (until 1 July, 181 days), then a member
    // (184): 56 × 181/365 + 32 × 184/365 = 43.90 → 44.
    db.write(|tx| {
        tx.execute(
            "INSERT INTO committee_role (id, member_id, role, start_on, end_on)
             VALUES ('r-half', ?1, 'committee_member', '2025-01-01', '2025-07-01')",
            [&jan],
        )?;
        Ok(())
    })
    .unwrap();
    assert_eq!(seen(2025, &jan), (Some(44.0), Some(32.0), true, 365));

    // An exemption still takes the target away.
    db.write(|tx| study::exempt(tx, &jul, 2025, "长期病休", ACTOR))
        .unwrap();
    let m = progress(2025, "2025-07-31", &jul);
    assert!(m.exempt && m.on_track && m.target.is_none() && !m.target_prorated);
}

#[test]
fn years_outside_1921_to_2100_are_refused_and_change_nothing() {
    let (_dir, _path, db) = demo_db();
    let wu = member_id(&db, "吴刚");
    for year in [1920, 2101, 262_142, i32::MAX] {
        assert_eq!(
            refusal(db.read(|c| study::report(c, year, today(), None))),
            (Some("year"), Reason::YearOutOfRange)
        );
        assert_eq!(
            refusal(db.write(|tx| study::exempt(tx, &wu, year, "长期病休", ACTOR))),
            (Some("year"), Reason::YearOutOfRange)
        );
        let q = CreditQuery {
            year,
            ..Default::default()
        };
        assert_eq!(
            refusal(db.read(|c| study::credits(c, &q))),
            (Some("year"), Reason::YearOutOfRange)
        );
    }
    for year in [1921, 2100] {
        assert!(db.read(|c| study::report(c, year, today(), None)).is_ok());
    }
    let exemptions: i64 = db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM member_exemption", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(exemptions, 0);
}
