//! The `zhibu` command line as scripts use it: real binary, real database file.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{fails, ok, words};
use serde_json::Value;
use tempfile::TempDir;

/// Runs `zhibu` on the database `db` (on 2026-11-22) with a command line as the README writes
/// it: `zhibu(&db, "member add --name 张三 --gender 男")`. The line is split as a shell
/// splits it: at spaces, except inside '单引号' or "双引号" ('' is an empty argument).
fn zhibu(db: &Path, line: &str) -> Output {
    zhibu_on(db, "2026-11-22", line)
}

/// `zhibu` run on another day.
fn zhibu_on(db: &Path, today: &str, line: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .arg("--db")
        .arg(db)
        .args(["--today", today])
        .args(words(line))
        .env_remove("ZHIBU_DB")
        .output()
        .expect("run zhibu")
}

#[test]
fn a_command_line_is_split_as_a_shell_splits_it() {
    assert_eq!(
        words("member add  --name '张 三' --notes '' --title \"他说\\\"好\\\"\""),
        [
            "member",
            "add",
            "--name",
            "张 三",
            "--notes",
            "",
            "--title",
            "他说\"好\""
        ]
    );
}

/// A fresh folder, and the path of a database in it not yet created.
fn fresh() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.sqlite3");
    (dir, db)
}

/// A fresh folder with a database `setup` made: "init", "demo", "demo --roster-only".
fn branch(setup: &str) -> (TempDir, PathBuf) {
    let (dir, db) = fresh();
    ok(zhibu(&db, setup));
    (dir, db)
}

fn json(out: Output) -> Value {
    serde_json::from_str(&ok(out)).unwrap()
}

/// The row of a JSON list whose `key` is `value`: a member by name, an alarm by kind.
fn row<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    let rows = list.as_array().expect("a list");
    rows.iter()
        .find(|r| r[key] == value)
        .unwrap_or_else(|| panic!("no {key} {value} in {list}"))
}

#[test]
fn init_creates_once_and_then_changes_nothing() {
    let (_dir, db) = fresh();
    let first = ok(zhibu(&db, "init --branch-name 九龙坡区政务办党支部"));
    assert!(first.contains("九龙坡区政务办党支部"));
    let second = ok(zhibu(&db, "init --branch-name 别的名字"));
    assert!(second.contains("未作任何更改"), "{second}");
    assert!(second.contains("九龙坡区政务办党支部"));
}

#[test]
fn the_roster_round_trip_from_the_command_line() {
    let (_dir, db) = branch("init");
    ok(zhibu(&db, "group add 第一党小组"));
    let member = json(zhibu(&db, "member add --name 周臣明 --gender 男 --birth-date 1975-03-12 --id-number 110105197503120018 --stage full --joined 1998-06-20 --confirmed 1999-06-20 --group 第一党小组 --role secretary --phone 13800001234 --json"));
    assert_eq!(member["name"], "周臣明");
    ok(zhibu(&db, "group add 第二党小组 --leader 周臣明"));

    let list = json(zhibu(&db, "member list --json"));
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    for key in ["id", "name", "stage", "status", "party_group", "roles"] {
        assert!(rows[0].get(key).is_some(), "member list lacks {key}");
    }
    assert_eq!(rows[0]["stage"], "full");
    assert_eq!(rows[0]["status"], "normal");
    assert_eq!(rows[0]["party_group"], "第一党小组");
    assert_eq!(rows[0]["roles"], serde_json::json!(["secretary"]));

    let groups = json(zhibu(&db, "group list --json"));
    assert_eq!(groups[1]["leader_name"], "周臣明");

    let shown = json(zhibu(&db, "member show 周臣明 --json"));
    assert_eq!(shown["id_number"], "110105197503120018");

    let edited = json(zhibu(&db, "member edit 周臣明 --phone 023-49871234 --json"));
    assert_eq!(edited["phone"], "023-49871234");
    assert_eq!(
        edited["roles"],
        serde_json::json!(["secretary"]),
        "unchanged options stay"
    );

    let archived = json(zhibu(
        &db,
        "member archive 周臣明 --reason 转出 --date 2026-11-01 --json",
    ));
    assert_eq!(archived["status"], "transferred_out");
    let active = json(zhibu(&db, "member list --json"));
    assert_eq!(active.as_array().unwrap().len(), 0);
    let gone = json(zhibu(&db, "member list --archived --json"));
    assert_eq!(gone.as_array().unwrap().len(), 1);
}

#[test]
fn a_refused_command_exits_non_zero_says_why_and_changes_nothing() {
    let (_dir, db) = branch("demo");
    let before = ok(zhibu(&db, "member list --json"));

    let out = zhibu(&db, "member add --name 错号 --gender 女 --birth-date 1990-01-01 --id-number 110105199001010021 --stage activist");
    let err = fails(out);
    assert!(err.contains("身份证号"), "{err}");
    assert!(err.contains("校验位"), "{err}");

    let out = zhibu(&db, "demo");
    assert!(fails(out).contains("未作任何更改"));

    let out = zhibu(&db, "member add --name 无类别 --stage nonsense");
    assert!(!out.status.success());

    assert_eq!(ok(zhibu(&db, "member list --json")), before);
}

#[test]
fn a_foreign_file_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("report.sqlite3");
    std::fs::write(&db, "not a database, just text").unwrap();
    let out = zhibu(&db, "member list --json");
    assert!(fails(out).contains("不是支部工作台的数据库"));
    assert_eq!(
        std::fs::read_to_string(&db).unwrap(),
        "not a database, just text"
    );
}

#[test]
fn help_is_in_plain_words() {
    let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .arg("--help")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for cmd in ["init", "demo", "where", "group", "member"] {
        assert!(text.contains(cmd));
    }
}

#[test]
fn where_prints_the_database_path_without_creating_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("later.sqlite3");
    let out = ok(zhibu(&db, "where"));
    assert_eq!(out.trim(), db.display().to_string());
    assert!(!db.exists());

    let out = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .arg("where")
        .env("ZHIBU_DB", &db)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        db.display().to_string()
    );
}

#[test]
fn sessions_and_compliance_from_the_command_line() {
    let (_dir, db) = branch("demo --roster-only");
    let s = json(zhibu(&db, "session add --kind general_meeting --date 2026-10-20 --also theme_day,party_lecture --lecturer 周建华 --topic 学习党章 --first-topic --present all --leave 杨丽,赵磊 --json"));
    assert_eq!(
        s["counts_for"],
        serde_json::json!(["general_meeting", "party_lecture", "theme_day"])
    );
    assert_eq!(s["quorum"]["required"], 13);
    assert_eq!(s["quorum"]["present_voting"], 22);
    assert_eq!(s["quorum"]["met"], true);

    let out = zhibu(&db, "session add --kind group_meeting --date 2026-10-21");
    assert!(fails(out).contains("党小组"));

    let report = json(zhibu(
        &db,
        "compliance --year 2026 --as-of 2026-11-22 --json",
    ));
    assert_eq!(report["as_of"], "2026-11-22");
    let rows = report["obligations"].as_array().unwrap();
    let find = |kind: &str, period: &str| {
        rows.iter()
            .find(|r| r["kind"] == kind && r["period"] == period)
            .unwrap_or_else(|| panic!("{kind} {period}"))
    };
    let q4 = find("general_meeting", "2026-Q4");
    assert_eq!(q4["status"], "met");
    assert_eq!(q4["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(q4["party_group"], serde_json::Value::Null);
    assert_eq!(find("theme_day", "2026-10")["status"], "met");
    assert_eq!(find("theme_day", "2026-09")["status"], "missed");
    let nov = find("committee_meeting", "2026-11");
    assert_eq!(
        (nov["status"].as_str(), nov["days_left"].as_i64()),
        (Some("open"), Some(9))
    );
    for r in rows {
        for key in [
            "kind",
            "period",
            "party_group",
            "status",
            "days_left",
            "sessions",
        ] {
            assert!(r.get(key).is_some(), "row lacks {key}");
        }
    }
    let list = json(zhibu(&db, "session list --year 2026 --json"));
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[test]
fn activities_from_the_command_line_number_their_series() {
    let (_dir, db) = branch("demo --roster-only");
    let old = json(zhibu(&db, "activity add --kind lecture_series --series 微讲堂 --issue 19 --title 窗口服务礼仪 --date 2026-10-09 --speakers 杨丽 --json"));
    assert_eq!(old["issue_no"], 19);
    let next = json(zhibu(&db, "activity add --kind 微讲堂 --series 微讲堂 --title 优化营商环境 --date 2026-11-06 --participants 赵磊,黄静 --json"));
    assert_eq!(next["issue_no"], 20);
    assert_eq!(next["participants"].as_array().unwrap().len(), 2);
    let list = json(zhibu(&db, "activity list --series 微讲堂 --json"));
    assert_eq!(list.as_array().unwrap().len(), 2);
    let out = zhibu(
        &db,
        "activity add --kind 微讲堂 --series 微讲堂 --issue 20 --title 重复 --date 2026-11-07",
    );
    assert!(fails(out).contains("期"));
}

#[test]
fn an_activity_is_edited_from_the_command_line_keeping_what_is_not_given() {
    let (_dir, db) = branch("demo --roster-only");
    let a = json(zhibu(&db, "activity add --kind 微讲堂 --series 微讲堂 --title 窗口服务礼仪 --date 2026-10-09 --place 会议室 --speakers 杨丽 --participants 赵磊 --json"));
    let id = a["id"].as_str().unwrap();
    let edited = json(zhibu(
        &db,
        &format!("activity edit {id} --title 窗口服务礼仪（二） --participants 赵磊,黄静 --json"),
    ));
    assert_eq!(edited["title"], "窗口服务礼仪（二）");
    assert_eq!(edited["place"], "会议室");
    assert_eq!(edited["issue_no"], a["issue_no"]);
    assert_eq!(edited["held_on"], "2026-10-09");
    let roles: Vec<(String, String)> = edited["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().into(),
                p["role"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(roles.len(), 3);
    assert!(roles.contains(&("杨丽".into(), "speaker".into())));
    assert!(roles.contains(&("黄静".into(), "participant".into())));

    // Refused: a day to come; nothing changes.
    let out = zhibu(&db, &format!("activity edit {id} --date 2099-01-01"));
    assert!(fails(out).contains("日期"));
    let list = json(zhibu(&db, "activity list --json"));
    assert_eq!(list[0]["held_on"], "2026-10-09");
    assert_eq!(list[0]["title"], "窗口服务礼仪（二）");
}

#[test]
fn files_are_attached_to_a_session_all_or_none() {
    let (dir, db) = branch("demo --roster-only");
    let s = json(zhibu(
        &db,
        "session add --kind committee_meeting --date 2026-11-10 --present all --json",
    ));
    let id = s["id"].as_str().unwrap();
    let sheet = dir.path().join("签到表.pdf");
    std::fs::write(&sheet, b"%PDF-1.4 sign-in sheet").unwrap();
    let missing = dir.path().join("不存在.jpg");

    let out = zhibu(
        &db,
        &format!(
            "session attach {id} '{}' '{}'",
            sheet.display(),
            missing.display()
        ),
    );
    assert!(
        !out.status.success(),
        "a missing file refuses the whole command"
    );
    let shown = ok(zhibu(&db, &format!("session show {id}")));
    assert!(!shown.contains("附件"));

    let added = json(zhibu(
        &db,
        &format!("session attach {id} '{}' --json", sheet.display()),
    ));
    assert_eq!(added[0]["file_name"], "签到表.pdf");
    assert_eq!(added[0]["mime"], "application/pdf");
    let shown = ok(zhibu(&db, &format!("session show {id}")));
    assert!(shown.contains("附件：签到表.pdf"), "{shown}");
    assert!(dir.path().join("attachments").is_dir());
}

#[test]
fn study_hours_from_the_command_line() {
    let (dir, db) = branch("demo --roster-only");
    ok(zhibu(
        &db,
        "hours add --member 徐婷 --date 2026-10-08 --hours 2.5 --category 学习强国 --note 专题学习",
    ));
    let refused = zhibu(
        &db,
        "hours add --member 徐婷 --date 2026-10-08 --hours 1.2 --category 自学",
    );
    assert!(fails(refused).contains("半小时"));

    ok(zhibu(&db, "hours target --year 2026 --all 50"));
    ok(zhibu(
        &db,
        "hours target --year 2026 --exempt 吴刚 --reason 长期病休",
    ));
    let report = json(zhibu(&db, "hours report --year 2026 --json"));
    assert_eq!(report["year"], 2026);
    let members = report["members"].as_array().unwrap();
    let find = |name: &str| members.iter().find(|m| m["name"] == name).unwrap();
    let xu = find("徐婷");
    for key in [
        "id",
        "name",
        "hours",
        "target",
        "exempt",
        "on_track",
        "counted_hours",
        "uncounted_hours",
        "full_target",
        "target_prorated",
        "roster_days",
    ] {
        assert!(xu.get(key).is_some(), "report member lacks {key}");
    }
    // 学习强国 hours are recorded beside the target, not counted toward it.
    assert_eq!(
        (
            xu["hours"].as_f64(),
            xu["counted_hours"].as_f64(),
            xu["uncounted_hours"].as_f64(),
            xu["target"].as_f64()
        ),
        (Some(0.0), Some(0.0), Some(2.5), Some(50.0))
    );
    let text = ok(zhibu(&db, "hours report --year 2026"));
    assert!(text.contains("另有 2.5 学时未计入"), "{text}");
    let list = ok(zhibu(&db, "hours list --member 徐婷"));
    assert!(list.contains("（未计入目标）"), "{list}");
    assert_eq!(xu["on_track"], false);
    assert_eq!(find("周建华")["target"].as_f64(), Some(56.0));
    let wu = find("吴刚");
    assert_eq!(
        (wu["exempt"].as_bool(), wu["target"].is_null()),
        (Some(true), true)
    );
    // Last year keeps the targets then in force.
    let last = json(zhibu(&db, "hours report --year 2025 --member 徐婷 --json"));
    assert_eq!(last["members"][0]["target"].as_f64(), Some(32.0));
    assert_eq!(last["members"].as_array().unwrap().len(), 1);

    // An import with one bad row imports nothing and names the row.
    let csv = dir.path().join("学习强国.csv");
    std::fs::write(
        &csv,
        "姓名,日期,学时\n徐婷,2026/10/9,3\n无此人,2026/10/9,1\n",
    )
    .unwrap();
    let before = ok(zhibu(&db, "hours list --json"));
    let refused = zhibu(
        &db,
        &format!("hours import '{}' --category 学习强国", csv.display()),
    );
    assert!(fails(refused).contains("第 3 行"));
    assert_eq!(ok(zhibu(&db, "hours list --json")), before);
    std::fs::write(&csv, "姓名,日期,学时\n徐婷,2026/10/9,3\n").unwrap();
    let done = json(zhibu(
        &db,
        &format!(
            "hours import '{}' --category 学习强国 --json",
            csv.display()
        ),
    ));
    assert_eq!(done["imported"], 1);
    let lines = json(zhibu(&db, "hours list --member 徐婷 --json"));
    assert_eq!(lines.as_array().unwrap().len(), 2);
}

#[test]
fn four_strengths_prints_the_contract_json_and_writes_the_workbook() {
    let (dir, db) = branch("demo");
    let xlsx = dir.path().join("自评.xlsx");
    let report = json(zhibu(
        &db,
        &format!(
            "four-strengths --year 2026 --as-of 2026-11-22 --xlsx '{}' --json",
            xlsx.display()
        ),
    ));
    assert_eq!(report["year"], 2026);
    assert_eq!(report["as_of"], "2026-11-22");
    let strengths = report["strengths"].as_array().unwrap();
    let keys: Vec<&str> = strengths
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["political", "leadership", "membership", "impact"]);
    for s in strengths {
        let score = s["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        for item in s["items"].as_array().unwrap() {
            for key in ["id", "title", "kind", "met", "value", "threshold"] {
                assert!(item.get(key).is_some(), "{key} missing in {item}");
            }
            assert!(item["kind"] == "measured" || item["kind"] == "attested");
        }
    }
    let item = |id: &str| {
        strengths
            .iter()
            .flat_map(|s| s["items"].as_array().unwrap())
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    let committee = item("committee_monthly");
    assert_eq!(committee["met"], false);
    assert_eq!(committee["value"], 0.9);
    assert_eq!(committee["threshold"], 1.0);
    assert_eq!(item("work_plan")["kind"], "attested");
    assert_eq!(item("work_plan")["met"], true);
    assert_eq!(item("work_plan")["value"], Value::Null);
    assert!(std::fs::metadata(&xlsx).unwrap().len() > 1000);

    // The same as text, and a bad date refused.
    let text = ok(zhibu(&db, "four-strengths --year 2026"));
    assert!(text.contains("作用发挥强"), "{text}");
    let out = zhibu(&db, "four-strengths --as-of 2026-13-01");
    assert!(fails(out).contains("日期"));
}

#[test]
fn import_members_from_the_template_and_refuse_a_bad_file() {
    let (dir, db) = branch("init");
    let template = dir.path().join("花名册模板.xlsx");
    ok(zhibu(
        &db,
        &format!("import template '{}'", template.display()),
    ));
    let dry = ok(zhibu(
        &db,
        &format!("import members '{}' --dry-run", template.display()),
    ));
    assert!(dry.contains("新增 1 人"), "{dry}");
    assert!(dry.contains("第一党小组"), "{dry}");
    let members = json(zhibu(&db, "member list --json"));
    assert_eq!(
        members.as_array().unwrap().len(),
        0,
        "a dry run stores nothing"
    );

    let done = json(zhibu(
        &db,
        &format!("import members '{}' --json", template.display()),
    ));
    assert_eq!(done["new"], 1);
    let again = ok(zhibu(
        &db,
        &format!("import members '{}'", template.display()),
    ));
    assert!(again.contains("已在名册 1 人"), "{again}");

    let bad = dir.path().join("名单.csv");
    std::fs::write(&bad, "姓名,身份证号,人员类别\n王五,123,正式党员\n").unwrap();
    let out = zhibu(&db, &format!("import members '{}'", bad.display()));
    let err = fails(out);
    assert!(
        err.contains("第 2 行") && err.contains("「身份证号」列"),
        "{err}"
    );
    let members = json(zhibu(&db, "member list --json"));
    assert_eq!(members.as_array().unwrap().len(), 1);
}

#[test]
fn export_ledger_writes_the_workbook() {
    let (dir, db) = branch("demo");
    let file = dir.path().join("台账.xlsx");
    let out = ok(zhibu(
        &db,
        &format!("export ledger --year 2026 -o '{}'", file.display()),
    ));
    assert!(out.contains("2026 年台账"), "{out}");
    use calamine::Reader;
    let book: calamine::Xlsx<_> = calamine::open_workbook(&file).unwrap();
    assert_eq!(book.sheet_names().len(), zhibu::ledger::SHEETS.len());
    let out = zhibu(&db, "export ledger --year 2026");
    assert!(!out.status.success(), "the output file is required");
}

/// `demo --scale large` is refused with a clear message where it cannot run, leaving the file
/// as it was: on a database that has a branch, with `--roster-only`, with an unknown scale.
#[test]
fn the_large_demo_is_refused_where_it_cannot_run() {
    let (_dir, db) = branch("demo --roster-only");
    let before = ok(zhibu(&db, "member list --json"));

    let err = fails(zhibu(&db, "demo --scale large"));
    assert!(err.contains("未作任何更改"), "{err}");
    for line in ["demo --scale large --roster-only", "demo --scale huge"] {
        let err = fails(zhibu(&db, line));
        assert!(
            err.contains("--scale") || err.contains("scale"),
            "{line}: {err}"
        );
    }
    assert_eq!(ok(zhibu(&db, "member list --json")), before);
}

/// `zhibu dues declare|compute|record|report` as scripts call them: amounts in cents in the
/// JSON, a bad payment refused with its reason and nothing kept.
#[test]
fn dues_from_the_command_line() {
    let (_dir, db) = branch("demo --roster-only");
    let base = json(zhibu(
        &db,
        "dues declare --member 陈敏 --category 在职 --pay 4000 --from 2025-06 --json",
    ));
    assert_eq!(base["monthly_due_cents"], 4000);
    assert_eq!(base["category"], "salaried");

    let schedule = json(zhibu(&db, "dues compute --year 2026 --json"));
    assert_eq!(schedule["year"], 2026);
    assert_eq!(schedule["rate_version"], "中组发〔2008〕3号");
    let chen = row(&schedule["bases"], "name", "陈敏");
    assert_eq!(chen["from_month"], "2026-01");
    assert!(schedule["missing"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["name"] == "周建华"));

    let paid = json(zhibu(&db, "dues record --member 陈敏 --year 2026 --month 11 --amount 40 --extra 10.5 --date 2026-11-05 --way 微信 --json"));
    assert_eq!(paid["for_month"], "2026-11");
    assert_eq!(paid["amount_cents"], 4000);
    assert_eq!(paid["extra_cents"], 1050);

    let err = fails(zhibu(
        &db,
        "dues record --member 陈敏 --month 2026-03 --amount 40",
    ));
    assert!(err.contains("6 个月"), "{err}");

    let report = json(zhibu(&db, "dues report --year 2026 --json"));
    assert_eq!(report["as_of"], "2026-11-22");
    let chen = row(&report["members"], "name", "陈敏");
    assert_eq!(chen["months"][10]["status"], "paid");
    assert_eq!(chen["months"][9]["status"], "unpaid");
    assert_eq!(chen["arrears_months"], 17, "June 2025 to October 2026");
    assert_eq!(chen["arrears"], "lapsed");
    assert_eq!(report["paid_cents"], 4000);
    assert_eq!(report["months"][10]["extra_cents"], 1050);

    let text = ok(zhibu(&db, "dues report --year 2026"));
    assert!(
        text.contains("陈敏") && text.contains("连续6个月未交纳党费"),
        "{text}"
    );
}

/// `zhibu pipeline --as-of --json` and `zhibu alarms --as-of --json` as scripts call them, and
/// a step recorded with `pipeline record`.
#[test]
fn pipeline_and_alarms_from_the_command_line() {
    let (_dir, db) = branch("demo");
    let report = json(zhibu(&db, "pipeline --as-of 2026-11-22 --json"));
    assert_eq!(report["as_of"], "2026-11-22");
    assert_eq!(report["rule_version"], "中国共产党发展党员工作细则（2014）");
    let activist = row(&report["people"], "name", "彭俊杰");
    assert_eq!(activist["stage"], "activist");
    assert_eq!(activist["next"], "candidate");
    assert!(activist["blockers"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("积极分子培养未满一年，最早 "));
    let tang = row(&report["people"], "name", "唐浩然");
    assert_eq!(tang["next"], "approval");
    assert_eq!(tang["blockers"][0]["kind"], "overdue");

    let done = json(zhibu(
        &db,
        "pipeline record --member 唐浩然 --step 上级党委审批 --date 2026-11-20 --json",
    ));
    assert_eq!(done["step"], "approval");
    let again = json(zhibu(&db, "pipeline --json"));
    let tang = row(&again["people"], "name", "唐浩然");
    assert_eq!(tang["next"], "confirmation");
    let refused = zhibu(
        &db,
        "pipeline record --member 唐浩然 --step talk --date 2026-11-20",
    );
    assert!(fails(refused).contains("发展阶段不符"));

    let alarms = json(zhibu(&db, "alarms --as-of 2026-11-22 --json"));
    assert_eq!(alarms["as_of"], "2026-11-22");
    let dues = row(&alarms["alarms"], "kind", "dues_arrears");
    assert_eq!(
        (&dues["member_name"], &dues["count"]),
        (&"黄静".into(), &5.into())
    );
    assert_eq!(dues["place"], "dues");
    let text = ok(zhibu(&db, "alarms"));
    assert!(text.contains("黄静 已连续 5 个月未交纳党费"), "{text}");
}

/// `zhibu dues rates` and `zhibu pipeline rules`: the tables in force as JSON, a new version
/// added from a file in the same shape, a bad file refused with its reason and nothing kept.
#[test]
fn rate_tables_and_rule_revisions_from_files() {
    let (dir, db) = branch("demo --roster-only");

    let rates = json(zhibu(&db, "dues rates --json"));
    assert_eq!(rates.as_array().unwrap().len(), 1);
    assert_eq!(rates[0]["version"], "中组发〔2008〕3号");
    let mut table = rates[0].clone();
    table["version"] = "测试 2027".into();
    table["effective_from"] = "2027-01-01".into();
    table["salaried"] = serde_json::json!([{ "up_to_cents": null, "basis_points": 100 }]);
    let file = dir.path().join("rates-2027.json");
    std::fs::write(&file, table.to_string()).unwrap();

    let mut broken = table.clone();
    broken["nominal_cents"] = (-5).into();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, broken.to_string()).unwrap();
    let missing = dir.path().join("missing.json");
    for (path, says) in [(&bad, "党费标准"), (&missing, "missing.json")] {
        let out = zhibu(&db, &format!("dues rates --add '{}'", path.display()));
        let err = fails(out);
        assert!(err.contains(says), "{err}");
    }
    assert_eq!(json(zhibu(&db, "dues rates --json")), rates);

    let added = json(zhibu(
        &db,
        &format!("dues rates --add '{}' --json", file.display()),
    ));
    assert_eq!(added, table);
    let both = json(zhibu(&db, "dues rates --json"));
    assert_eq!(
        both.as_array()
            .unwrap()
            .iter()
            .map(|s| s["version"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["中组发〔2008〕3号", "测试 2027"]
    );
    let text = ok(zhibu(&db, "dues rates"));
    assert!(
        text.contains("3000.00 元及以下 0.5%") && text.contains("一律 1%"),
        "{text}"
    );
    let schedule = json(zhibu(&db, "dues compute --year 2027 --json"));
    assert_eq!(schedule["rate_version"], "测试 2027");

    let rules = json(zhibu(&db, "pipeline rules --json"));
    assert_eq!(rules.as_array().unwrap().len(), 1);
    let mut revision = rules[0].clone();
    revision["version"] = "测试修订".into();
    revision["effective_from"] = "2026-06-01".into();
    revision["activist_min_months"] = 18.into();
    let file = dir.path().join("rules.json");
    std::fs::write(&file, revision.to_string()).unwrap();
    let text = ok(zhibu(
        &db,
        &format!("pipeline rules --add '{}'", file.display()),
    ));
    assert!(
        text.contains("测试修订") && text.contains("2026-06-01"),
        "{text}"
    );
    let after = json(zhibu(&db, "pipeline rules --json"));
    assert_eq!(after[1], revision);
    let report = json(zhibu(&db, "pipeline --json"));
    assert_eq!(report["rule_version"], "测试修订");
}

#[test]
fn the_branch_profile_and_its_calendar_from_the_command_line() {
    let (_dir, db) = branch("init");
    let b = json(zhibu(&db, "branch show --json"));
    assert_eq!(
        b["records_from"], "2026-11-01",
        "the first day of this month"
    );
    assert_eq!(b["term_years"], 3);
    assert_eq!(b["term_ends"], Value::Null);
    ok(zhibu(&db, "branch set --name 九龙坡区政务办党支部 --founded 2026-03-15 --term-start 2026-04-01 --term-years 5 --records-from 2026-07-01"));
    let b = json(zhibu(&db, "branch show --json"));
    assert_eq!(b["name"], "九龙坡区政务办党支部");
    assert_eq!(b["founded_on"], "2026-03-15");
    assert_eq!(b["term_ends"], "2031-03-31");
    assert_eq!(b["records_from"], "2026-07-01");
    ok(zhibu(&db, "group add 第一党小组 --formed 2026-06-10"));

    let report = json(zhibu(&db, "compliance --year 2026 --json"));
    let rows = report["obligations"].as_array().unwrap();
    let of = |kind: &str| -> Vec<(&str, &str)> {
        rows.iter()
            .filter(|r| r["kind"] == kind)
            .map(|r| (r["period"].as_str().unwrap(), r["status"].as_str().unwrap()))
            .collect()
    };
    let theme = of("theme_day");
    assert_eq!(
        theme.first(),
        Some(&("2026-03", "unrecorded")),
        "not before founding"
    );
    assert!(theme.contains(&("2026-06", "unrecorded")));
    assert!(theme.contains(&("2026-07", "missed")));
    assert!(theme.contains(&("2026-11", "open")));
    assert_eq!(
        of("group_meeting").first(),
        Some(&("2026-06", "unrecorded"))
    );
    assert_eq!(of("group_meeting").len(), 7);
    assert!(
        of("committee_meeting").is_empty(),
        "no committee, no 支委会"
    );
}

#[test]
fn a_refused_branch_command_names_the_rule_and_leaves_the_file_unchanged() {
    let (_dir, db) = branch("init");
    ok(zhibu(&db, "branch set --founded 2026-03-15"));
    let before = std::fs::read(&db).unwrap();
    for (line, rule) in [
        ("branch set --term-years 9", "任期年限应为 1 至 5 年"),
        ("branch set --records-from 2026-12-01", "开始登记日期"),
        (
            "group add 第一党小组 --formed 2026-03-01",
            "不能早于支部成立日期",
        ),
        ("branch set --founded 2026-13-01", "成立日期"),
    ] {
        let err = fails(zhibu(&db, line));
        assert!(err.contains(rule), "{line}: {err}");
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "{line} changed the file"
        );
    }
    let b = json(zhibu(&db, "branch show --json"));
    assert_eq!(
        (b["term_years"].as_u64(), b["founded_on"].as_str()),
        (Some(3), Some("2026-03-15"))
    );
    assert_eq!(json(zhibu(&db, "group list --json")), serde_json::json!([]));
}

/// The database file's bytes (and its write-ahead log's, if any): what "changes nothing" means.
fn file_state(db: &Path) -> Vec<Vec<u8>> {
    let wal = db.with_extension("sqlite3-wal");
    [db, wal.as_path()]
        .iter()
        .map(|p| std::fs::read(p).unwrap_or_default())
        .collect()
}

/// `zhibu dues declare --category exempt|reduced --approved --document`: 免交 and 少交 with the
/// superior 党委's approval; without its date refused, the file unchanged.
#[test]
fn exempt_and_reduced_dues_from_the_command_line() {
    let (_dir, db) = branch("demo --roster-only");
    let exempt = json(zhibu(&db, "dues declare --member 陈敏 --category exempt --approved 2026-03-20 --document 永高新党〔2026〕12号 --from 2026-04 --json"));
    assert_eq!(
        (
            &exempt["category"],
            &exempt["monthly_due_cents"],
            &exempt["approved_on"],
            &exempt["approval_document"]
        ),
        (
            &"exempt".into(),
            &0.into(),
            &"2026-03-20".into(),
            &"永高新党〔2026〕12号".into()
        )
    );
    let reduced = ok(zhibu(&db, "dues declare --member 刘洋 --category reduced --amount 5 --approved 2026-03-20 --from 2026-04"));
    assert!(
        reduced.contains("少交") && reduced.contains("5.00 元") && reduced.contains("2026-03-20"),
        "{reduced}"
    );
    let report = json(zhibu(&db, "dues report --year 2026 --json"));
    let chen = row(&report["members"], "name", "陈敏");
    assert_eq!(chen["months"][9]["status"], "exempt");
    assert_eq!(chen["arrears_months"], 0);

    let before = file_state(&db);
    let refused = zhibu(
        &db,
        "dues declare --member 周建华 --category exempt --from 2026-04",
    );
    let err = fails(refused);
    assert!(err.contains("须经上级党委批准"), "{err}");
    assert_eq!(
        file_state(&db),
        before,
        "the refused declaration changed the file"
    );
}

/// `zhibu member edit NAME --stage STAGE --stage-date DATE [--backfill REASON]`: refused with
/// what the path lacks, the file unchanged; entered as a past record with a reason.
#[test]
fn a_stage_change_from_the_command_line_keeps_to_the_path_or_is_a_past_record() {
    let (_dir, db) = branch("demo --roster-only");
    let before = file_state(&db);
    let change = "member edit 彭俊杰 --stage candidate --stage-date 2026-11-20";
    let err = fails(zhibu(&db, change));
    assert!(
        err.contains("不符合发展程序") && err.contains("积极分子培养未满一年"),
        "{err}"
    );
    assert_eq!(
        file_state(&db),
        before,
        "the refused change changed the file"
    );

    let m = json(zhibu(
        &db,
        &format!("{change} --backfill 按纸质档案补录 --json"),
    ));
    assert_eq!(m["stage"], "candidate");
    let last = m["stage_history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        (&last["backfill"], &last["note"]),
        (&true.into(), &"补录：按纸质档案补录".into())
    );
    let text = ok(zhibu(&db, "member show 彭俊杰"));
    assert!(text.contains("补录：按纸质档案补录"), "{text}");

    // A 转正 date a day early is refused with the days it could be.
    let out = zhibu(&db, "member add --name 早转正 --gender 男 --birth-date 1975-03-12 --id-number 110105197503120018 --stage full --joined 1998-06-20 --confirmed 1999-06-19");
    let err = fails(out);
    assert!(
        err.contains("转正日期") && err.contains("1999-06-20（预备期满一年）"),
        "{err}"
    );
}

#[test]
fn years_and_dates_outside_1921_to_2100_are_refused_with_the_rule() {
    let (dir, db) = branch("demo --roster-only");
    let before = ok(zhibu(&db, "hours report --json"));
    let xlsx = dir.path().join("台账.xlsx");
    let year = "年度应在 1921 年至 2100 年之间";
    let date = "日期应在 1921 年至 2100 年之间";
    let refused = [
        ("hours target --year 262142 --all 50".to_string(), year),
        (
            "hours target --year 1920 --exempt 吴刚 --reason 病休".into(),
            year,
        ),
        ("hours report --year 2101".into(), year),
        ("hours list --year 0".into(), year),
        ("compliance --year 99999999999".into(), year),
        ("dues report --year 1920".into(), year),
        ("four-strengths --year 2101".into(), year),
        (
            format!("export ledger --year 1920 -o '{}'", xlsx.display()),
            year,
        ),
        ("hours report --as-of 2101-01-01".into(), date),
        ("alarms --as-of 1920-12-31".into(), date),
    ];
    for (line, rule) in &refused {
        let err = fails(zhibu(&db, line));
        assert!(err.contains(rule), "{line}: {err}");
        assert!(!err.contains("panicked"), "{line}: {err}");
    }
    assert!(!xlsx.exists());
    assert_eq!(ok(zhibu(&db, "hours report --json")), before);
    for year in ["1921", "2100"] {
        let report = json(zhibu(&db, &format!("hours report --year {year} --json")));
        assert_eq!(report["year"].as_i64(), year.parse().ok());
    }
}

#[test]
fn a_command_on_a_mistyped_path_is_refused_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("sub").join("zhibu.sqllite3");
    for line in [
        "verify",
        "member list",
        "group add 第一党小组",
        "backups",
        "backup",
    ] {
        let err = fails(zhibu(&typo, line));
        assert!(
            err.contains("zhibu init") && err.contains("zhibu.sqllite3"),
            "{line}: {err}"
        );
    }
    assert!(!typo.exists() && !dir.path().join("sub").exists());
    ok(zhibu(&typo, "init"));
    ok(zhibu(&typo, "verify"));
}

#[test]
fn backup_to_an_existing_file_needs_force() {
    let (dir, db) = branch("init");
    let existing = dir.path().join("existing.sqlite3");
    std::fs::write(&existing, "keep me").unwrap();
    let err = fails(zhibu(&db, &format!("backup -o '{}'", existing.display())));
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(&existing).unwrap(), b"keep me");
    ok(zhibu(
        &db,
        &format!("backup -o '{}' --force", existing.display()),
    ));
    assert!(std::fs::read(&existing)
        .unwrap()
        .starts_with(b"SQLite format 3\0"));
}

#[test]
fn restore_over_a_damaged_file_keeps_the_damaged_one_beside_it() {
    let (dir, db) = branch("init --branch-name 恢复测试党支部");
    let copy = dir.path().join("copy.sqlite3");
    ok(zhibu(&db, &format!("backup -o '{}'", copy.display())));
    // The schema page is overwritten: the file cannot be opened at all.
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[100..4096].fill(0x5A);
    std::fs::write(&db, &bytes).unwrap();
    let err = fails(zhibu(&db, "member list"));
    assert!(err.contains("zhibu restore"), "{err}");
    // Its backups can still be listed, to choose one.
    ok(zhibu(&db, "backups"));

    let out = ok(zhibu(&db, &format!("restore '{}'", copy.display())));
    assert!(out.contains("已损坏的文件已改名保存"), "{out}");
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("z.sqlite3.damaged-")
        })
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read(kept[0].path()).unwrap(), bytes);
    ok(zhibu(&db, "verify"));
    let branch = json(zhibu(&db, "backup --json"));
    assert_eq!(branch["branch_name"], "恢复测试党支部");
}

#[test]
fn verify_on_a_damaged_file_fails_and_later_writes_are_refused() {
    let (dir, db) = branch("init");
    let copy = dir.path().join("copy.sqlite3");
    ok(zhibu(&db, &format!("backup -o '{}'", copy.display())));
    // Junk over the activity table's root page: the file opens, the check fails.
    let page: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = 'activity'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut bytes = std::fs::read(&db).unwrap();
    let start = (page as usize - 1) * 4096;
    bytes[start..start + 4096].fill(0xA5);
    std::fs::write(&db, &bytes).unwrap();

    let err = fails(zhibu(&db, "verify"));
    assert!(err.contains("校验未通过"), "{err}");
    let err = fails(zhibu(&db, "group add 第一党小组"));
    assert!(err.contains("zhibu restore"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "not written to");

    ok(zhibu(&db, &format!("restore '{}'", copy.display())));
    ok(zhibu(&db, "group add 第一党小组"));
    ok(zhibu(&db, "verify"));
}

#[test]
fn restore_of_a_backup_with_an_edited_change_log_needs_force_and_is_logged() {
    let (dir, db) = branch("init --branch-name 原名党支部");
    let copy = dir.path().join("copy.sqlite3");
    ok(zhibu(&db, &format!("backup -o '{}'", copy.display())));
    rusqlite::Connection::open(&copy)
        .unwrap()
        .execute(
            "UPDATE change_log SET detail = replace(detail, '原名', '改名')",
            [],
        )
        .unwrap();
    let err = fails(zhibu(&db, &format!("restore '{}'", copy.display())));
    assert!(
        err.contains("变更日志第 1 条") && err.contains("--force"),
        "{err}"
    );
    let out = ok(zhibu(&db, &format!("restore '{}' --force", copy.display())));
    assert!(out.contains("未通过校验"), "{out}");
    let logged: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM change_log WHERE action = 'restore_unverified'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 1);
}

#[test]
fn exclusions_sanctions_and_written_opinions_from_the_command_line() {
    let (_dir, db) = branch("demo --roster-only");
    let m = json(zhibu(&db, "member exclude 赵磊 --from 2026-10-01 --until 2026-11-01 --case abroad --reason 因私出国探亲，经上级党委同意 --json"));
    assert_eq!(m["exclusions"][0]["kind"], "abroad");
    assert_eq!(m["exclusions"][0]["end_on"], "2026-11-01");
    let m = json(zhibu(
        &db,
        "member sanction 黄静 --kind 留党察看 --from 2026-09-01 --json",
    ));
    assert_eq!(m["sanctions"][0]["kind"], "probation_in_party");
    assert_eq!(m["sanctions"][0]["end_on"], Value::Null);
    let shown = ok(zhibu(&db, "member show 赵磊"));
    assert!(shown.contains("不计入应到"), "{shown}");

    // 24 正式党员: 黄静 has no vote, 赵磊 is not counted: 22 voters in 应到, 12 carry it.
    let s = json(zhibu(&db, "session add --kind general_meeting --date 2026-10-20 --present all --leave 杨丽,吴刚 --resolution 接收唐浩然同志为中共预备党员 --admission --for 11 --against 1 --abstain 0 --written 杨丽:赞成,吴刚:反对 --subject 唐浩然 --json"));
    assert_eq!(s["resolutions"][0]["subject"], "唐浩然");
    assert_eq!(s["quorum"]["entitled"], 22);
    assert_eq!(s["quorum"]["present_voting"], 20);
    assert_eq!(
        s["obligations"],
        serde_json::json!([{"obligation": "general_meeting", "met": true}])
    );
    let r = &s["resolutions"][0];
    assert_eq!(r["kind"], "admission");
    assert_eq!(
        (&r["votes_for"], &r["votes_against"], &r["passed"]),
        (
            &serde_json::json!(11),
            &serde_json::json!(1),
            &Value::Bool(true)
        ),
        "11 hands and 杨丽's written 赞成 are 12 of 22"
    );
    let written: Vec<(String, String)> = r["written"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["member"].as_str().unwrap().to_string(),
                w["opinion"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        written,
        vec![
            ("吴刚".to_string(), "against".to_string()),
            ("杨丽".to_string(), "for".to_string())
        ]
    );
    let zhao = row(&s["attendance"], "name", "赵磊");
    assert_eq!(
        (&zhao["expected"], &zhao["excluded"]),
        (&Value::Bool(true), &Value::Bool(true))
    );

    // A 党小组会 also marked as a 党员大会 does not meet it.
    let s = json(zhibu(&db, "session add --kind group_meeting --group 第一党小组（综合窗口） --also general_meeting --date 2026-11-05 --present all --json"));
    assert_eq!(
        s["obligations"],
        serde_json::json!([
            {"obligation": "group_meeting", "met": true},
            {"obligation": "general_meeting", "met": false}
        ])
    );

    // Refused: a written opinion from a member who was present; an exclusion without a
    // reason. Each exits non-zero, names the rule in Chinese and changes nothing.
    let before = std::fs::read(&db).unwrap();
    let sessions_before = ok(zhibu(&db, "session list --json"));
    let out = zhibu(&db, "session add --kind general_meeting --date 2026-11-10 --present all --resolution 预备党员冯雅琪转正 --confirmation --for 20 --written 周建华:赞成");
    let err = fails(out);
    assert!(err.contains("到会的党员当场表决"), "{err}");
    let out = zhibu(&db, "member exclude 杨丽 --from 2026-10-01 --reason ' '");
    assert!(fails(out).contains("原因"));
    assert_eq!(ok(zhibu(&db, "session list --json")), sessions_before);
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file is unchanged");
}

/// `member list --json` in 拼音 order within each 党小组 and stage (the roster's default
/// sort), in 姓氏笔画 order once the branch says so; `--search` by 拼音 initials and by the
/// last digits of a 身份证号; a name order that is neither is refused and changes nothing.
#[test]
fn lists_of_people_follow_the_branch_s_name_order() {
    use zhibu::collate::{sort_key, NameOrder};
    let (_dir, db) = branch("demo --roster-only");
    let in_order = |order: NameOrder| {
        let rows = json(zhibu(&db, "member list --json"));
        let rows = rows.as_array().unwrap().clone();
        assert!(rows.len() > 20);
        let key = |r: &Value| {
            (
                r["party_group"].as_str().unwrap_or("").to_string(),
                r["stage"].as_str().unwrap().to_string(),
            )
        };
        let mut runs = 0;
        for w in rows.windows(2) {
            if key(&w[0]) == key(&w[1]) {
                runs += 1;
                let (a, b) = (
                    w[0]["name"].as_str().unwrap(),
                    w[1]["name"].as_str().unwrap(),
                );
                assert!(
                    sort_key(a, order) < sort_key(b, order),
                    "{a} before {b} in {order:?}"
                );
            }
        }
        assert!(runs > 10);
        rows.iter()
            .map(|r| r["name"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let pinyin = in_order(NameOrder::Pinyin);
    // 第一党小组's 正式党员: 黄静 huang, 王志强 wang, 吴刚 wu, 徐婷 xu, 杨丽 yang, 赵磊 zhao,
    // 周建华 zhou — not Unicode's order (吴 U+5434 before 周 U+5468 before 徐 U+5F90 ...).
    let first: Vec<&str> = pinyin.iter().take(7).map(String::as_str).collect();
    assert_eq!(
        first,
        ["黄静", "王志强", "吴刚", "徐婷", "杨丽", "赵磊", "周建华"]
    );

    let err = fails(zhibu(&db, "branch set --name-order unicode"));
    assert!(err.contains("名单顺序只能是"), "{err}");
    assert_eq!(in_order(NameOrder::Pinyin), pinyin);

    ok(zhibu(&db, "branch set --name-order strokes"));
    let shown = json(zhibu(&db, "branch show --json"));
    assert_eq!(shown["name_order"], "strokes");
    let strokes = in_order(NameOrder::Strokes);
    assert_ne!(strokes, pinyin);
    // 王4 吴7 杨7 赵9 徐10 周8 黄11: by the strokes of the surname.
    assert_eq!(strokes[0], "王志强");

    let found = |search: &str| {
        json(zhibu(
            &db,
            &format!("member list --json --search '{search}'"),
        ))
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect::<Vec<_>>()
    };
    assert_eq!(found("zjh"), ["周建华"]);
    assert_eq!(found("zhoujh"), ["周建华"]);
    assert_eq!(found("建华"), ["周建华"]);
    // The last digits of the 身份证号 (the data key is at hand: no password is set).
    assert_eq!(found("1111"), ["周建华"]);
    assert!(found("zzzzzz").is_empty());
}

/// A mistyped kind is refused with the nearest known kind and changes nothing; a branch's
/// own kind is created deliberately (`zhibu session kinds add`), once, and never over a
/// built-in one.
#[test]
fn a_mistyped_session_kind_is_refused_and_own_kinds_are_created_deliberately() {
    let (_dir, db) = branch("demo --roster-only");
    let before = file_state(&db);
    let add = |kind: &str| {
        zhibu(
            &db,
            &format!("session add --kind '{kind}' --date 2026-11-20 --present all"),
        )
    };
    let err = fails(add("committee_meting"));
    assert!(
        err.contains("「committee_meting」，是否要输入 committee_meeting（支委会）？"),
        "{err}"
    );
    assert_eq!(file_state(&db), before);
    assert_eq!(
        json(zhibu(&db, "session kinds list --json")),
        serde_json::json!([])
    );

    ok(zhibu(&db, "session kinds add ' 读书会 '"));
    let err = fails(zhibu(&db, "session kinds add 读书会"));
    assert!(err.contains("已有同名的会议类型"), "{err}");
    for built_in in ["支委会", "theme_day", "书记讲党课"] {
        let err = fails(zhibu(&db, &format!("session kinds add '{built_in}'")));
        assert!(err.contains("内置的会议类型"), "{built_in}: {err}");
    }
    let err = fails(zhibu(&db, "session kinds add '读书\u{200B}会'"));
    assert!(err.contains("U+200B"), "{err}");
    let kinds = json(zhibu(&db, "session kinds list --json"));
    let names: Vec<&str> = kinds
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["读书会"]);
    assert_eq!(ok(zhibu(&db, "session kinds list")).trim(), "读书会");

    assert!(ok(add("读书会")).contains("已记录读书会"));
    let err = fails(add("读书汇"));
    assert!(err.contains("是否要输入 读书会？"), "{err}");
    assert!(ok(add("支委会")).contains("已记录支委会"));
}

/// Names with invisible or control characters are refused with the character's code and
/// change nothing; surrounding and repeated spaces are trimmed away.
#[test]
fn names_with_invisible_characters_are_refused_and_spaces_are_trimmed() {
    let (_dir, db) = branch("init");
    let before = file_state(&db);
    let err = fails(zhibu(&db, "group add '第二\u{1b}[31m党小组'"));
    assert!(err.contains("U+001B"), "{err}");
    let member = |name: &str| {
        zhibu(&db, &format!("member add --name '{name}' --gender 男 --birth-date 1975-03-12 --id-number 110105197503120018 --stage full --joined 1998-06-20 --confirmed 1999-06-20 --json"))
    };
    let err = fails(member("周\u{200B}臣明"));
    assert!(err.contains("姓名") && err.contains("U+200B"), "{err}");
    assert_eq!(file_state(&db), before);
    ok(zhibu(&db, "group add '  第一党小组  '"));
    let groups = json(zhibu(&db, "group list --json"));
    assert_eq!(groups[0]["name"], "第一党小组");
    let added = json(member(" 周臣明\u{3000}"));
    assert_eq!(added["name"], "周臣明");
}

/// 学时 in half hours from 0.5; never dated before the member's birth or the branch's founding.
#[test]
fn study_hours_from_half_an_hour_and_never_before_birth_or_founding() {
    let (_dir, db) = branch("demo --roster-only");
    let add = |date: &str, hours: &str| {
        zhibu(
            &db,
            &format!("hours add --member 吴刚 --date '{date}' --hours '{hours}' --category 自学"),
        )
    };
    let before = ok(zhibu(&db, "hours list --json"));
    let err = fails(add("2026-05-01", "0"));
    assert!(err.contains("学时以半小时计，至少 0.5"), "{err}");
    let err = fails(add("1979-01-01", "1"));
    assert!(err.contains("出生日期"), "{err}");
    let err = fails(add("2011-05-01", "1"));
    assert!(err.contains("支部成立日期"), "{err}");
    assert_eq!(ok(zhibu(&db, "hours list --json")), before);
    ok(add("2026-05-01", "0.5"));
    let lines = json(zhibu(&db, "hours list --member 吴刚 --json"));
    assert!(lines
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["hours"].as_f64() == Some(0.5)));
}

/// Importing a 学时 file a second time adds nothing and says so.
#[test]
fn a_study_hours_file_imported_twice_is_added_once() {
    let (dir, db) = branch("demo --roster-only");
    let csv = dir.path().join("学习强国.csv");
    std::fs::write(&csv, "姓名,日期,学时\n徐婷,2026/10/9,3\n吴刚,2026/10/9,1\n").unwrap();
    let import = |extra: &str| {
        zhibu(
            &db,
            &format!(
                "hours import '{}' --category 学习强国 {extra}",
                csv.display()
            ),
        )
    };
    let first = json(import("--json"));
    assert_eq!(
        (
            first["imported"].as_u64(),
            first["skipped_duplicates"].as_u64()
        ),
        (Some(2), Some(0))
    );
    let listed = ok(zhibu(&db, "hours list --json"));
    let second = ok(import(""));
    assert!(second.contains("2 行都已导入过，未重复添加"), "{second}");
    assert_eq!(ok(zhibu(&db, "hours list --json")), listed);
    let again = json(import("--json"));
    assert_eq!(
        (
            again["imported"].as_u64(),
            again["skipped_duplicates"].as_u64()
        ),
        (Some(0), Some(2))
    );
    assert_eq!(ok(zhibu(&db, "hours list --json")), listed);
}

/// Messages that say what is wrong: an impossible birth date inside a 身份证号, an impossible
/// month, and files that cannot be read or written, in Chinese with the file's path.
#[test]
fn bad_input_is_named_for_what_it_is() {
    let (dir, db) = branch("demo --roster-only");
    let before = file_state(&db);
    let err = fails(zhibu(&db, "member add --name 周臣明 --gender 男 --birth-date 1985-02-28 --id-number 500107198502300018 --stage full --joined 2010-06-20 --confirmed 2011-06-20"));
    assert!(err.contains("身份证号中的出生日期不存在"), "{err}");
    assert!(!err.contains("18 位"), "{err}");
    let err = fails(zhibu(
        &db,
        "dues record --member 吴刚 --month 2026-13 --amount 40",
    ));
    assert!(
        err.contains("月份不存在") && !err.contains("YYYY-MM-DD"),
        "{err}"
    );
    let err = fails(zhibu(
        &db,
        "dues record --member 吴刚 --month 13 --year 2026 --amount 40",
    ));
    assert!(err.contains("月份不存在"), "{err}");

    let missing = dir.path().join("没有这个文件.csv");
    let missing = missing.to_str().unwrap();
    let err = fails(zhibu(
        &db,
        &format!("hours import '{missing}' --category 学习强国"),
    ));
    assert!(
        err.contains(&format!("无法读取文件 {missing}：文件不存在")),
        "{err}"
    );
    let folder = dir.path().to_str().unwrap();
    let err = fails(zhibu(&db, &format!("import members '{folder}'")));
    assert!(
        err.contains(&format!("无法读取文件 {folder}：这是一个文件夹")),
        "{err}"
    );
    let out = dir.path().join("没有的文件夹").join("台账.xlsx");
    let out = out.to_str().unwrap();
    let err = fails(zhibu(&db, &format!("export ledger --year 2026 -o '{out}'")));
    assert!(
        err.contains(&format!("无法写入文件 {out}：文件不存在")),
        "{err}"
    );
    let err = fails(zhibu(&db, &format!("restore '{missing}'")));
    assert!(
        err.contains(&format!("无法读取文件 {missing}：文件不存在")),
        "{err}"
    );
    assert!(!err.contains("No such file"), "{err}");
    assert_eq!(file_state(&db), before);
}

#[test]
fn the_whole_month_of_dues_is_paid_from_the_command_line() {
    let (_dir, db) = branch("demo --roster-only");
    let schedule = json(zhibu(&db, "dues compute --year 2026 --json"));
    let payers: Vec<String> = schedule["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap().to_string())
        .collect();
    let (last, others) = payers.split_last().unwrap();
    for name in others {
        ok(zhibu(
            &db,
            &format!("dues declare --member '{name}' --category 在职 --pay 4000 --from 2026-01"),
        ));
    }
    let stderr = fails(zhibu(&db, "dues pay-all --month 2026-11 --json"));
    assert!(
        stderr.contains("尚未核定党费") && stderr.contains(last.as_str()),
        "{stderr}"
    );
    let report = json(zhibu(&db, "dues report --year 2026 --json"));
    assert_eq!(report["paid_cents"], 0);

    ok(zhibu(
        &db,
        &format!("dues declare --member '{last}' --category 学生 --from 2026-01"),
    ));
    let done = json(zhibu(
        &db,
        "dues pay-all --month 2026-11 --date 2026-11-20 --json",
    ));
    assert_eq!(done["for_month"], "2026-11");
    assert_eq!(done["paid_on"], "2026-11-20");
    assert_eq!(done["payments"].as_array().unwrap().len(), payers.len());
    assert_eq!(done["total_cents"], 4000 * others.len() as i64 + 20);
    let again = ok(zhibu(&db, "dues pay-all --month 2026-11"));
    assert!(again.contains("没有待交的党费"), "{again}");
}

#[test]
fn a_corrected_roster_updates_members_from_the_command_line() {
    let (dir, db) = branch("init");
    let first17 = "50011819850312001";
    let id = format!(
        "{first17}{}",
        zhibu::members::validate::id_check_char(first17).unwrap()
    );
    let head = "姓名,身份证号,人员类别,入党日期,转正日期,联系电话,所在党小组\n";
    let sheet = dir.path().join("花名册.csv");
    std::fs::write(
        &sheet,
        format!("{head}张三,{id},正式党员,2010-07-01,2011-07-01,13800001234,第一党小组\n"),
    )
    .unwrap();
    ok(zhibu(&db, &format!("import members '{}'", sheet.display())));

    std::fs::write(
        &sheet,
        format!("{head}张三,{id},正式党员,2010-07-01,2011-07-01,13900005678,第二党小组\n"),
    )
    .unwrap();
    let path = sheet.to_str().unwrap();
    // Without --update he is reported unchanged, and nothing changes.
    let plain = json(zhibu(&db, &format!("import members '{path}' --json")));
    assert_eq!(plain["unchanged"], serde_json::json!(["张三"]));
    assert_eq!(plain["updated"], serde_json::json!([]));
    let dry = json(zhibu(
        &db,
        &format!("import members '{path}' --update --dry-run --json"),
    ));
    assert_eq!(dry["added"], serde_json::json!([]));
    assert_eq!(dry["errors"], serde_json::json!([]));
    assert_eq!(dry["updated"][0]["name"], "张三");
    let fields = &dry["updated"][0]["fields"];
    assert_eq!(fields[0]["field"], "phone");
    assert_eq!(fields[0]["label"], "联系电话");
    assert_eq!(fields[0]["from"], "138****1234");
    assert_eq!(fields[0]["to"], "139****5678");
    assert_eq!(fields[1]["field"], "party_group");
    assert_eq!(fields[1]["to"], "第二党小组");
    let list = json(zhibu(&db, "member list --json"));
    assert_eq!(
        list[0]["party_group"], "第一党小组",
        "a dry run changes nothing"
    );

    let text = ok(zhibu(&db, &format!("import members '{path}' --update")));
    assert!(
        text.contains("已更新 张三") && text.contains("所在党小组：第一党小组 → 第二党小组"),
        "{text}"
    );
    assert!(!text.contains("13900005678"), "{text}");
    let list = json(zhibu(&db, "member list --json"));
    assert_eq!(list[0]["party_group"], "第二党小组");

    // A bad row of a member on the roster is named too, and nothing is kept.
    std::fs::write(
        &sheet,
        format!("{head}张三,{id},正式党员,2010-07-01,2011-07-01,12345,第三党小组\n"),
    )
    .unwrap();
    let out = zhibu(&db, &format!("import members '{path}' --update"));
    let err = fails(out);
    assert!(err.contains("第 2 行「联系电话」列（张三）"), "{err}");
    let list = json(zhibu(&db, "member list --json"));
    assert_eq!(list[0]["party_group"], "第二党小组");
}

#[test]
fn export_hours_writes_the_hours_statement() {
    let (dir, db) = branch("demo");
    let file = dir.path().join("学时单.xlsx");
    let out = ok(zhibu(
        &db,
        &format!("export hours --year 2026 -o '{}'", file.display()),
    ));
    assert!(out.contains("2026 年学时单"), "{out}");
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&file).unwrap();
    let sheet = book.worksheet_range(zhibu::ledger::HOURS_SHEET).unwrap();
    let report = json(zhibu(&db, "hours report --year 2026 --json"));
    let members = report["members"].as_array().unwrap();
    assert_eq!(sheet.height(), 4 + members.len());
    assert_eq!(
        sheet.get_value((4, 3)),
        Some(&calamine::Data::Float(
            members[0]["counted_hours"].as_f64().unwrap()
        ))
    );
    let out = zhibu(
        &db,
        &format!("export hours --year 1900 -o '{}'", file.display()),
    );
    assert!(!out.status.success());
}

/// `zhibu member edit NAME --role ROLE --role-from DATE` and `zhibu committee`: a role from a
/// day (the previous 书记's term ends the day before), the committee as of a day; a bad date or
/// `--role-from` without `--role` is refused and the file unchanged.
#[test]
fn committee_roles_from_a_date_from_the_command_line() {
    let (_dir, db) = branch("demo --roster-only");
    let before = json(zhibu(&db, "committee --json"));
    let secretary = before["seats"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["role"] == "secretary")
        .expect("the demo has a 书记")
        .clone();
    let roster = json(zhibu(&db, "member list --json"));
    let newcomer = roster
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["stage"] == "full" && m["roles"].as_array().unwrap().is_empty())
        .expect("a 正式党员 outside the committee")["name"]
        .as_str()
        .unwrap()
        .to_string();
    let file = file_state(&db);
    for (options, says) in [
        ("--role-from 2026-03-01", "--role"),
        ("--role secretary --role-from 2101-01-01", "1921"),
        ("--role secretary --role-from 1900-01-01", "任职日期"),
        ("--role secretary --role-from 2026-11-23", "任职日期"),
    ] {
        let line = format!("member edit '{newcomer}' {options}");
        let err = fails(zhibu(&db, &line));
        assert!(err.contains(says), "{line}: {err}");
        assert!(file_state(&db) == file, "{line}: the file is unchanged");
    }
    let text = ok(zhibu(
        &db,
        &format!("member edit '{newcomer}' --role 书记 --role-from 2026-03-01"),
    ));
    assert!(text.contains(&newcomer), "{text}");
    let after = json(zhibu(&db, "committee --json"));
    assert_eq!(after["as_of"], "2026-11-22");
    let seats = after["seats"].as_array().unwrap();
    assert_eq!(seats[0]["role"], "secretary");
    assert_eq!(seats[0]["name"], newcomer.as_str());
    assert_eq!(seats[0]["start_on"], "2026-03-01");
    assert!(seats
        .iter()
        .all(|s| s["member_id"] != secretary["member_id"]));
    let earlier = json(zhibu(&db, "committee --as-of 2026-02-28 --json"));
    assert_eq!(earlier["seats"][0]["member_id"], secretary["member_id"]);
    let listing = ok(zhibu(&db, "committee"));
    assert!(
        listing.contains(&format!("支部书记  {newcomer}  任职日期 2026-03-01")),
        "{listing}"
    );
}

/// `zhibu committee elect` installs what a passed election gives from the meeting's day;
/// `zhibu pipeline decide` makes the 转正 a passed resolution decided, dated by the path, and
/// the 预备期 alarm is gone. Refusals exit non-zero and change nothing.
#[test]
fn an_election_and_a_confirmation_from_their_resolutions_on_the_command_line() {
    let (_dir, db) = branch("demo --roster-only");
    // Later days: the 预备期 of 冯雅琪 (admitted 2026-02-22) has ended.
    let at = |line: &str| zhibu_on(&db, "2027-03-01", line);
    let session = |line: &str| -> String {
        let s: Value = serde_json::from_str(&ok(at(&format!(
            "session add --kind general_meeting --present all {line} --json"
        ))))
        .unwrap();
        assert_eq!(s["resolutions"][0]["passed"], true, "{s}");
        s["id"].as_str().unwrap().to_string()
    };
    ok(at(
        "pipeline record --member 冯雅琪 --step approval --date 2026-03-01",
    ));
    let probation = |at_out: Output| -> bool {
        let a: Value = serde_json::from_str(&ok(at_out)).unwrap();
        a["alarms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["kind"] == "probation_ending" && a["member_name"] == "冯雅琪")
    };
    assert!(probation(at("alarms --json")));
    let confirmation = session(
        "--date 2027-02-25 --resolution 冯雅琪同志转正 --confirmation --for 20 --subject 冯雅琪",
    );
    let election = session("--date 2027-02-26 --resolution 换届选举 --election --for 20");

    let file = file_state(&db);
    for (line, says) in [
        (
            format!("pipeline decide --session {election} --resolution 1"),
            "接收预备党员或预备党员转正",
        ),
        (
            format!("pipeline decide --session {confirmation} --resolution 2"),
            "决议",
        ),
        (
            format!("committee elect --session {confirmation} --resolution 1 --seat 黄静=书记"),
            "选举结果",
        ),
        (
            format!("committee elect --session {election} --resolution 1 --seat 黄静=委员"),
            "书记",
        ),
        (
            format!("committee elect --session {election} --resolution 1 --seat 黄静"),
            "选举结果",
        ),
    ] {
        let err = fails(at(&line));
        assert!(err.contains(says), "{line}: {err}");
        assert!(file_state(&db) == file, "{line}: the file is unchanged");
    }

    let m: Value = serde_json::from_str(&ok(at(&format!(
        "pipeline decide --session {confirmation} --resolution 1 --json"
    ))))
    .unwrap();
    assert_eq!(m["stage"], "full");
    assert_eq!(m["confirmed_on"], "2027-02-22", "the day the 预备期 ends");
    assert!(!probation(at("alarms --json")), "the 转正 reminder is gone");

    let c: Value = serde_json::from_str(&ok(at(&format!(
        "committee elect --session {election} --resolution 1 \
         --seat 黄静=书记 --seat 王志强=组织委员 --seat 陈敏=委员 --json"
    ))))
    .unwrap();
    let seats: Vec<(String, String, String)> = c["seats"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let text = |k: &str| s[k].as_str().unwrap().to_string();
            (text("role"), text("name"), text("start_on"))
        })
        .collect();
    let seat = |r: &str, n: &str| (r.to_string(), n.to_string(), "2027-02-26".to_string());
    assert_eq!(
        seats,
        [
            seat("secretary", "黄静"),
            seat("organization_officer", "王志强"),
            seat("committee_member", "陈敏")
        ]
    );
    let before: Value =
        serde_json::from_str(&ok(at("committee --as-of 2027-02-25 --json"))).unwrap();
    assert_eq!(
        before["members"], 5,
        "the old committee held until the day before"
    );
}

#[test]
fn each_group_s_meeting_of_a_month_from_the_command_line() {
    let (_dir, db) = branch("demo --roster-only");
    let groups = json(zhibu(&db, "group list --json"));
    let names: Vec<String> = groups
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap().to_string())
        .collect();
    assert!(names.len() >= 2);
    let before = file_state(&db);
    // A day outside the month is refused, names the rule, keeps nothing.
    let err = fails(zhibu(
        &db,
        "session add-groups --month 2026-11 --date 2026-10-30 --topic 学习党章",
    ));
    assert!(err.contains("日期不在所选月份内"), "{err}");
    assert_eq!(file_state(&db), before);

    // One chosen group first; then every group that has not met that month.
    let one = json(zhibu(&db, &format!("session add-groups --month 2026-11 --date 2026-11-10 --topic 学习党章 --group '{}' --json", names[0])));
    assert_eq!(one.as_array().unwrap().len(), 1);
    assert_eq!(one[0]["party_group"], names[0].as_str());
    assert_eq!(one[0]["kind"], "group_meeting");
    let rest = json(zhibu(
        &db,
        "session add-groups --month 2026-11 --date 2026-11-12 --topic 学习党章 --json",
    ));
    let rest: Vec<&str> = rest
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["party_group"].as_str().unwrap())
        .collect();
    assert_eq!(rest.len(), names.len() - 1);
    assert!(
        !rest.contains(&names[0].as_str()),
        "a group that met is skipped"
    );
    // Now every group has met: nothing is left to log unless chosen.
    let err = fails(zhibu(
        &db,
        "session add-groups --month 2026-11 --date 2026-11-12 --topic 学习党章",
    ));
    assert!(err.contains("没有选择要登记的党小组"), "{err}");
    let text = ok(zhibu(
        &db,
        &format!(
            "session add-groups --month 2026-11 --date 2026-11-20 --topic 补开 --group '{}'",
            names[1]
        ),
    ));
    assert!(
        text.contains("已记录党小组会") && text.contains(&names[1]),
        "{text}"
    );
}
