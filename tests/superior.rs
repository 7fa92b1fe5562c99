//! 上报 to the 上级党委 on a real PostgreSQL cluster started for the test (TLS on, a CA made
//! here): branches push, the overview is right, row-level security keeps branches apart and
//! the reader read-only, a dropped push leaves the last report, a repeated one is stored once,
//! an unreachable server queues the report, a rewritten change log is flagged.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use chrono::NaiveDate;
use serde_json::Value;

use common::pg::{cluster, fresh_database, Cluster};
use common::{d, file_db, today, ACTOR};
use zhibu::rule_sets::Dated;
use zhibu::study::rules::TargetRuleSet;
use zhibu::superior::{self, outbox, push, report, Endpoint};
use zhibu::Db;

/// Runs `zhibu` with a command line as the README writes it (see [`common::words`]), on the
/// database `db` when given, with `ZHIBU_SUPERIOR_URL` set when `superior_url` is.
fn zhibu(db: Option<&Path>, line: &str, superior_url: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhibu"));
    if let Some(db) = db {
        c.arg("--db").arg(db);
    }
    c.args(["--today", "2026-11-22"]).args(common::words(line));
    c.env_remove("ZHIBU_DB").env_remove("ZHIBU_SUPERIOR_URL");
    if let Some(u) = superior_url {
        c.env("ZHIBU_SUPERIOR_URL", u);
    }
    c.output().expect("run zhibu")
}

fn json(out: Output) -> Value {
    serde_json::from_str(&common::ok(out)).unwrap()
}

/// The 党委's row for one branch.
fn branch_row<'a>(view: &'a superior::Overview, id: &str) -> &'a superior::BranchRow {
    view.branches.iter().find(|b| b.branch_id == id).unwrap()
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort();
    k
}

/// A branch database holding the demo branch's year.
fn demo_db() -> (tempfile::TempDir, std::path::PathBuf, Db) {
    let (dir, path, db) = file_db();
    db.write(|tx| zhibu::demo::create(tx, today(), ACTOR))
        .unwrap();
    (dir, path, db)
}

/// A prepared 党委 database: its admin endpoint and reader URL.
struct Dangwei {
    admin: Endpoint,
    reader_url: String,
    ca: String,
}

fn dangwei(c: &Cluster) -> Dangwei {
    let database = fresh_database("dw");
    let admin = Endpoint::parse(&c.admin_url(&database)).unwrap();
    let ca = c.ca_path.display().to_string();
    let out = superior::setup(&admin, &ca).unwrap();
    Dangwei {
        admin,
        reader_url: out.reader_url,
        ca,
    }
}

fn branch(dw: &Dangwei, name: &str) -> (String, Endpoint) {
    let cred = superior::add_branch(&dw.admin, name, &dw.ca).unwrap();
    (cred.branch_id, Endpoint::parse(&cred.url).unwrap())
}

fn overview(dw: &Dangwei, as_of: Option<NaiveDate>) -> superior::Overview {
    let mut client = superior::connect(&Endpoint::parse(&dw.reader_url).unwrap()).unwrap();
    superior::overview(&mut client, as_of).unwrap()
}

fn now() -> chrono::NaiveDateTime {
    today().and_hms_opt(9, 0, 0).unwrap()
}

#[test]
fn branches_push_from_the_command_line_and_the_overview_shows_each() {
    let c = cluster();
    let database = fresh_database("cli");
    let admin_url = c.admin_url(&database);
    let setup = json(zhibu(
        None,
        &format!("superior setup --admin-url '{admin_url}' --json"),
        None,
    ));
    assert_eq!(keys(&setup), ["database", "reader_url"]);
    assert_eq!(setup["database"], database.as_str());
    let reader_url = setup["reader_url"].as_str().unwrap().to_string();
    // Setting up again is harmless (the reader gets a new password).
    json(zhibu(
        None,
        &format!("superior setup --admin-url '{admin_url}' --json"),
        None,
    ));
    let reader_url_2 = {
        let again = json(zhibu(
            None,
            &format!("superior setup --admin-url '{admin_url}' --json"),
            None,
        ));
        again["reader_url"].as_str().unwrap().to_string()
    };
    assert_ne!(reader_url, reader_url_2);

    let mut branches = Vec::new();
    for (i, name) in ["第一党支部", "第二党支部", "第三党支部"]
        .iter()
        .enumerate()
    {
        let added = json(zhibu(
            None,
            &format!("superior add-branch '{name}' --admin-url '{admin_url}' --json"),
            None,
        ));
        assert_eq!(keys(&added), ["branch_id", "url"]);
        let (dir, path, db) = demo_db();
        // Two of the three report; the third has not yet.
        if i < 2 {
            let pushed = json(zhibu(
                Some(&path),
                "report push --json",
                Some(added["url"].as_str().unwrap()),
            ));
            assert_eq!(pushed["sent"][0]["stored"], true, "{pushed}");
            assert_eq!(pushed["waiting"], 0);
        }
        let expected = db.read(|c| report::build(c, today())).unwrap();
        branches.push((added, expected, i < 2, dir));
    }
    // The same name twice is refused.
    let twice = zhibu(
        None,
        &format!("superior add-branch 第一党支部 --admin-url '{admin_url}'"),
        None,
    );
    assert!(common::fails(twice).contains("已有名为"));

    let book = branches[0].3.path().join("一览.xlsx");
    let view = json(zhibu(
        None,
        &format!(
            "superior overview --url '{reader_url_2}' --json --xlsx '{}'",
            book.display()
        ),
        None,
    ));
    {
        use calamine::{open_workbook, Reader, Xlsx};
        let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
        assert_eq!(wb.sheet_names(), ["所辖支部一览", "四强排名"]);
        let table = wb.worksheet_range("所辖支部一览").unwrap();
        assert_eq!(table.height(), 4, "a header and the three branches");
        let notes: Vec<String> = table.rows().skip(1).map(|r| r[14].to_string()).collect();
        assert_eq!(notes.iter().filter(|n| n.contains("尚未上报")).count(), 1);
        let ranking = wb.worksheet_range("四强排名").unwrap();
        assert_eq!(ranking.height(), 3, "a header and the two that reported");
    }
    assert_eq!(keys(&view), ["branches"]);
    let rows = view["branches"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    for (added, expected, reported, _) in &branches {
        let row = rows
            .iter()
            .find(|r| r["branch_id"] == added["branch_id"])
            .expect("every branch is listed");
        for key in [
            "branch_id",
            "name",
            "reported_at",
            "as_of",
            "compliance",
            "four_strengths",
            "study",
            "dues",
            "alarms",
        ] {
            assert!(row.get(key).is_some(), "{key} missing in {row}");
        }
        if !reported {
            assert!(row["reported_at"].is_null() && row["as_of"].is_null());
            continue;
        }
        let s = &expected.summary;
        assert_eq!(row["as_of"], "2026-11-22");
        assert_eq!(keys(&row["compliance"]), ["met", "missed", "open"]);
        assert_eq!(row["compliance"]["met"], s.met);
        assert_eq!(row["compliance"]["open"], s.open);
        assert_eq!(row["compliance"]["missed"], s.missed);
        assert_eq!(
            keys(&row["four_strengths"]),
            ["impact", "leadership", "membership", "overall", "political"]
        );
        assert_eq!(row["four_strengths"]["overall"], s.overall);
        assert_eq!(row["four_strengths"]["political"], s.political);
        assert_eq!(row["four_strengths"]["impact"], s.impact);
        assert_eq!(keys(&row["study"]), ["counted", "reached"]);
        assert_eq!(row["study"]["counted"], s.study_counted);
        assert_eq!(row["study"]["reached"], s.study_reached);
        assert_eq!(keys(&row["dues"]), ["members_in_arrears"]);
        assert_eq!(row["dues"]["members_in_arrears"], s.members_in_arrears);
        assert_eq!(row["alarms"], s.alarms);
        assert_eq!(row["tampered"], false);
        // The demo year has figures in each part.
        assert!(s.met > 0 && s.study_counted > 0 && s.alarms > 0, "{s:?}");
        // The 党委 opens the branch's report as the branch sent it.
        let opened = json(zhibu(
            None,
            &format!(
                "superior branch {} --url '{reader_url_2}' --json",
                added["branch_id"].as_str().unwrap()
            ),
            None,
        ));
        // (Its numbers went through jsonb: the exact parts are compared exactly.)
        let sent = serde_json::to_value(expected).unwrap();
        for part in [
            "as_of",
            "branch",
            "obligations",
            "study",
            "arrears",
            "alarms",
            "pipeline",
            "chain",
        ] {
            assert_eq!(opened[part], sent[part], "{part}");
        }
        assert_eq!(opened["summary"]["met"], s.met);
    }
}

#[test]
fn the_report_holds_no_identity_number_phone_or_address() {
    let (_dir, _path, db) = demo_db();
    let r = db.read(|c| report::build(c, today())).unwrap();
    let text = serde_json::to_string(&r).unwrap();
    // Every member's fields as the app opens them.
    let people: Vec<(String, String, String)> = db
        .read(|c| {
            let ids: Vec<String> = c
                .prepare("SELECT id FROM member")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            ids.iter()
                .map(|id| {
                    let m = zhibu::members::get(c, id, today())?;
                    Ok((m.id_number, m.phone, m.address))
                })
                .collect()
        })
        .unwrap();
    assert!(people.iter().any(|(n, _, _)| !n.is_empty()));
    for (id_number, phone, address) in people {
        for v in [id_number, phone, address] {
            assert!(v.is_empty() || !text.contains(&v), "{v} is in the report");
        }
    }
    // Each member's 学时 line is exactly name, hours, target, on track.
    let line = serde_json::to_value(&r.study[0]).unwrap();
    assert_eq!(keys(&line), ["hours", "name", "on_track", "target"]);
}

/// Runs `sql` as the endpoint's role; Err carries PostgreSQL's refusal.
fn try_sql(e: &Endpoint, sql: &str) -> Result<u64, String> {
    let mut client = superior::connect(e).unwrap();
    client.execute(sql, &[]).map_err(|e| {
        e.as_db_error()
            .map(|d| d.code().code().to_string())
            .unwrap_or_else(|| e.to_string())
    })
}

fn count(e: &Endpoint, sql: &str) -> i64 {
    let mut client = superior::connect(e).unwrap();
    client.query_one(sql, &[]).unwrap().get(0)
}

#[test]
fn row_level_security_keeps_each_branch_to_its_own_rows_and_the_reader_to_reading() {
    let c = cluster();
    let dw = dangwei(&c);
    let (a_id, a) = branch(&dw, "甲支部");
    let (b_id, b) = branch(&dw, "乙支部");
    for e in [&a, &b] {
        let (_dir, _path, db) = demo_db();
        let out = push(&db, Some(e), today(), now()).unwrap();
        assert_eq!(out.waiting, 0, "{:?}", out.status);
    }
    {
        let mut admin = superior::connect(&dw.admin).unwrap();
        admin
            .execute(
                "INSERT INTO publication (kind, title, version, body)
                 VALUES ('study_targets', '学时目标', '2027', '{}')",
                &[],
            )
            .unwrap();
    }

    // A branch sees its own profile and reports only.
    assert_eq!(count(&a, "SELECT count(*) FROM report"), 1);
    assert_eq!(
        count(
            &a,
            &format!("SELECT count(*) FROM report WHERE branch_id = '{b_id}'")
        ),
        0
    );
    assert_eq!(count(&a, "SELECT count(*) FROM branch"), 1);
    assert_eq!(
        count(
            &a,
            &format!("SELECT count(*) FROM branch WHERE id = '{a_id}'")
        ),
        1
    );
    // It reads what the 党委 published, and changes none of it.
    assert_eq!(count(&a, "SELECT count(*) FROM publication"), 1);
    const DENIED: &str = "42501";
    for sql in [
        "DELETE FROM publication".to_string(),
        "UPDATE publication SET title = '改'".to_string(),
        "INSERT INTO publication (kind, title, version, body) VALUES ('study_targets', 'x', 'x', '{}')".to_string(),
    ] {
        assert_eq!(try_sql(&a, &sql), Err(DENIED.into()), "{sql}");
    }
    // Writing as another branch is refused by the policy; changing any report at all by
    // the privileges (none granted).
    let as_b = format!(
        "INSERT INTO report (branch_id, as_of, content_hash, met, open, missed, overall,
             political, leadership, membership, impact, study_counted, study_reached,
             members_in_arrears, alarms, chain_seq, chain_hash, chain_verified, body)
         VALUES ('{b_id}', '2026-11-01', 'forged', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '', true, '{{}}')"
    );
    assert_eq!(try_sql(&a, &as_b), Err(DENIED.into()));
    for sql in [
        format!("UPDATE report SET met = 99 WHERE branch_id = '{b_id}'"),
        "UPDATE report SET met = 99".to_string(),
        format!("DELETE FROM report WHERE branch_id = '{b_id}'"),
        "DELETE FROM report".to_string(),
        "UPDATE branch SET name = '改名'".to_string(),
        "INSERT INTO branch (id, name, role_name) VALUES ('x', 'x', current_user)".to_string(),
        "CREATE TABLE mine (x int)".to_string(),
    ] {
        assert_eq!(try_sql(&a, &sql), Err(DENIED.into()), "{sql}");
    }

    // The latest summaries the overview reads: its own only, and no writing at all (the
    // trigger on report keeps them).
    assert_eq!(count(&a, "SELECT count(*) FROM branch_latest"), 1);
    assert_eq!(
        count(
            &a,
            &format!("SELECT count(*) FROM branch_latest WHERE branch_id = '{b_id}'")
        ),
        0
    );
    let forged_latest = format!(
        "INSERT INTO branch_latest (branch_id, report_id, as_of, reported_at, met, open, missed,
             overall, political, leadership, membership, impact, study_counted, study_reached,
             members_in_arrears, alarms, tampered)
         SELECT '{b_id}', id, '2027-01-01', now(), 99, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, false
           FROM report LIMIT 1"
    );
    for sql in [
        forged_latest.clone(),
        format!("UPDATE branch_latest SET met = 99 WHERE branch_id = '{b_id}'"),
        format!("UPDATE branch_latest SET met = 99, tampered = false WHERE branch_id = '{a_id}'"),
        "UPDATE branch_latest SET met = 99".to_string(),
        format!("DELETE FROM branch_latest WHERE branch_id = '{b_id}'"),
        "DELETE FROM branch_latest".to_string(),
        "TRUNCATE branch_latest".to_string(),
        // Its keeper runs only as the trigger.
        "SELECT branch_latest_keep()".to_string(),
    ] {
        assert_eq!(try_sql(&a, &sql), Err(DENIED.into()), "{sql}");
    }

    // The reader sees every branch and report, and can change nothing.
    let reader = Endpoint::parse(&dw.reader_url).unwrap();
    assert_eq!(count(&reader, "SELECT count(*) FROM report"), 2);
    assert_eq!(count(&reader, "SELECT count(*) FROM branch"), 2);
    assert_eq!(count(&reader, "SELECT count(*) FROM branch_latest"), 2);
    for sql in [
        forged_latest.clone(),
        "UPDATE branch_latest SET met = 99".to_string(),
        "DELETE FROM branch_latest".to_string(),
        "TRUNCATE branch_latest".to_string(),
    ] {
        assert_eq!(try_sql(&reader, &sql), Err(DENIED.into()), "{sql}");
    }
    for sql in [
        "UPDATE report SET met = 99".to_string(),
        "DELETE FROM report".to_string(),
        as_b.clone(),
        "UPDATE branch SET name = '改名'".to_string(),
        "DELETE FROM branch".to_string(),
        "INSERT INTO publication (kind, title, version, body) VALUES ('study_targets', 'x', 'x', '{}')".to_string(),
        "DELETE FROM publication".to_string(),
    ] {
        assert_eq!(try_sql(&reader, &sql), Err(DENIED.into()), "{sql}");
    }
    // Nothing above changed a row.
    let mut admin = superior::connect(&dw.admin).unwrap();
    let met: Vec<i32> = admin
        .query("SELECT met FROM report", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(met.iter().all(|m| *m != 99));
    let kept: Vec<(i32, NaiveDate)> = admin
        .query("SELECT met, as_of FROM branch_latest", &[])
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(kept.len(), 2);
    assert!(kept.iter().all(|(m, day)| *m != 99 && *day == today()));
    assert_eq!(
        admin
            .query_one("SELECT count(*) FROM report", &[])
            .unwrap()
            .get::<_, i64>(0),
        2
    );
    // A branch's role is no way into another 党委's database either.
    let other = dangwei(&c);
    let into_other = a.with_database(&other.admin.database);
    let err = superior::connect(&into_other).err().unwrap().to_string();
    assert!(err.contains("上级党委数据库"), "{err}");
}

#[test]
fn a_push_dropped_before_it_commits_leaves_the_previous_report_whole() {
    let c = cluster();
    let dw = dangwei(&c);
    let (branch_id, e) = branch(&dw, "断线支部");
    let (_dir, _path, db) = demo_db();
    let first = push(&db, Some(&e), d("2026-10-31"), now()).unwrap();
    assert_eq!(first.sent.len(), 1);

    // The next report is queued, then its connection is cut by the server inside the
    // transaction, after the insert and before the commit.
    let next = db.read(|c| report::build(c, today())).unwrap();
    db.write(|tx| outbox::queue(tx, &next, now())).unwrap();
    let mut client = superior::connect(&e).unwrap();
    let pid: i32 = client
        .query_one("SELECT pg_backend_pid()", &[])
        .unwrap()
        .get(0);
    let admin_endpoint = dw.admin.clone();
    let err = push::send(&mut client, &db, &next, &mut || {
        let mut admin = superior::connect(&admin_endpoint)?;
        admin
            .execute("SELECT pg_terminate_backend($1)", &[&pid])
            .map_err(superior::pg_error)?;
        Ok(())
    })
    .unwrap_err();
    assert_eq!(err.code(), "superior", "{err}");

    let view = overview(&dw, None);
    let row = branch_row(&view, &branch_id);
    assert_eq!(row.as_of, Some(d("2026-10-31")));
    let mut admin = superior::connect(&dw.admin).unwrap();
    let n: i64 = admin
        .query_one("SELECT count(*) FROM report", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
    // The report still waits, and the next push sends it.
    assert_eq!(db.read(outbox::waiting).unwrap().len(), 1);
    let again = push::send_waiting(&db, &e, now()).unwrap();
    assert_eq!(again.sent.len(), 1);
    assert_eq!(
        overview(&dw, None).branches[0].as_of,
        Some(today()),
        "the resent report is the latest"
    );
}

#[test]
fn the_same_report_twice_is_stored_once_and_an_older_one_is_history() {
    let c = cluster();
    let dw = dangwei(&c);
    let (_, e) = branch(&dw, "重复支部");
    let (_dir, _path, db) = demo_db();
    let one = push(&db, Some(&e), today(), now()).unwrap();
    let two = push(&db, Some(&e), today(), now()).unwrap();
    assert!(one.sent[0].stored);
    assert!(!two.sent[0].stored, "the same report is not stored again");
    assert_eq!(two.waiting, 0);
    assert_eq!(two.status.state, outbox::ReportState::Reported);
    // A report about an earlier day arrives later: kept, never shown as the latest.
    let older = push(&db, Some(&e), d("2026-09-30"), now()).unwrap();
    assert!(older.sent[0].stored);
    let mut admin = superior::connect(&dw.admin).unwrap();
    let n: i64 = admin
        .query_one("SELECT count(*) FROM report", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 2);
    let view = overview(&dw, None);
    assert_eq!(view.branches[0].as_of, Some(today()));
    // As of an earlier day, that day's report is the one shown.
    let then = overview(&dw, Some(d("2026-10-15")));
    assert_eq!(then.branches[0].as_of, Some(d("2026-09-30")));
    assert!(!view.branches[0].tampered);
}

/// Each branch's latest report as the history has it (what the kept summary must agree with):
/// branch, report id, as of, met, and whether any of its reports was flagged.
fn latest_from_history(admin: &mut postgres::Client) -> Vec<(String, i64, NaiveDate, i32, bool)> {
    admin
        .query(
            "SELECT DISTINCT ON (r.branch_id) r.branch_id, r.id, r.as_of, r.met,
                    EXISTS (SELECT 1 FROM report t WHERE t.branch_id = r.branch_id AND t.tampered)
               FROM report r ORDER BY r.branch_id, r.as_of DESC, r.reported_at DESC",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)))
        .collect()
}

fn latest_kept(admin: &mut postgres::Client) -> Vec<(String, i64, NaiveDate, i32, bool)> {
    admin
        .query(
            "SELECT branch_id, report_id, as_of, met, tampered FROM branch_latest ORDER BY branch_id",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)))
        .collect()
}

#[test]
fn the_kept_latest_summary_follows_newer_reports_only_and_keeps_the_flag() {
    let c = cluster();
    let dw = dangwei(&c);
    let (a_id, a) = branch(&dw, "甲支部");
    let (b_id, b) = branch(&dw, "乙支部");
    let (c_id, _) = branch(&dw, "丙支部");
    let (_da, _pa, a_db) = demo_db();
    let (_db, _pb, b_db) = demo_db();
    let mut admin = superior::connect(&dw.admin).unwrap();

    // 甲: October, then November, then a September report sent late.
    for day in ["2026-10-31", "2026-11-22", "2026-09-30"] {
        let out = push(&a_db, Some(&a), d(day), now()).unwrap();
        assert!(out.sent[0].stored, "{day}");
        assert_eq!(latest_kept(&mut admin), latest_from_history(&mut admin));
    }
    // 乙: November; then a report about August arrives whose chain does not check out. It
    // is history (not the latest), but the branch is flagged all the same.
    push(&b_db, Some(&b), today(), now()).unwrap();
    admin
        .execute(
            "INSERT INTO report (branch_id, as_of, content_hash, met, open, missed, overall,
                 political, leadership, membership, impact, study_counted, study_reached,
                 members_in_arrears, alarms, chain_seq, chain_hash, chain_verified, body)
             VALUES ($1, '2026-08-31', 'late', 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 'x',
                     false, '{}')",
            &[&b_id],
        )
        .unwrap();
    let kept = latest_kept(&mut admin);
    assert_eq!(kept, latest_from_history(&mut admin));
    assert_eq!(kept.len(), 2, "丙 has not reported: no row");

    let row = branch_row;
    let now_view = overview(&dw, None);
    assert_eq!(now_view.branches.len(), 3);
    assert_eq!(row(&now_view, &a_id).as_of, Some(today()));
    assert!(!row(&now_view, &a_id).tampered);
    let b_now = row(&now_view, &b_id);
    assert_eq!(b_now.as_of, Some(today()));
    assert_ne!(
        b_now.compliance.unwrap().met,
        7,
        "the late report is not the latest"
    );
    assert!(b_now.tampered);
    let c_now = row(&now_view, &c_id);
    assert_eq!(
        (c_now.as_of, c_now.compliance, c_now.alarms),
        (None, None, None)
    );
    assert!(!c_now.tampered);
    // As of today the view is the current one.
    assert_eq!(overview(&dw, Some(today())), now_view);

    // As of a past day, each branch's latest report by then, from the history.
    let then = overview(&dw, Some(d("2026-10-15")));
    assert_eq!(
        then.branches.iter().map(|r| &r.name).collect::<Vec<_>>(),
        now_view
            .branches
            .iter()
            .map(|r| &r.name)
            .collect::<Vec<_>>()
    );
    assert_eq!(row(&then, &a_id).as_of, Some(d("2026-09-30")));
    let b_then = row(&then, &b_id);
    assert_eq!(b_then.as_of, Some(d("2026-08-31")));
    assert_eq!(b_then.compliance.unwrap().met, 7);
    assert!(b_then.tampered);
    // Before any report: not reported, the flag still the branch's.
    let before = overview(&dw, Some(d("2026-08-01")));
    for id in [&a_id, &b_id, &c_id] {
        let r = row(&before, id);
        assert_eq!(
            (r.reported_at, r.as_of, r.four_strengths),
            (None, None, None)
        );
    }
    assert!(row(&before, &b_id).tampered);

    // A database at version 1 holding reports: migration 2 fills the summaries from them.
    admin
        .batch_execute(
            "DROP TRIGGER report_keep_latest ON report;
             DROP TABLE branch_latest;
             DROP FUNCTION branch_latest_keep();
             DELETE FROM schema_version WHERE version = 2;",
        )
        .unwrap();
    superior::setup(&dw.admin, &dw.ca).unwrap();
    assert_eq!(superior::schema::version(&mut admin).unwrap(), 2);
    assert_eq!(latest_kept(&mut admin), kept);
}

#[test]
fn an_unreachable_server_queues_the_report_until_the_next_push() {
    let c = cluster();
    let dw = dangwei(&c);
    let (branch_id, e) = branch(&dw, "离线支部");
    let (_dir, path, db) = demo_db();
    // Nobody listens on this port.
    let nowhere = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let down = Endpoint {
        port: nowhere,
        ..e.clone()
    };
    let out = push(&db, Some(&down), d("2026-11-20"), now()).unwrap();
    assert!(out.sent.is_empty());
    assert_eq!(out.waiting, 1);
    assert_eq!(out.status.state, outbox::ReportState::Failed);
    assert!(out.status.text.starts_with("失败："), "{}", out.status.text);
    assert!(
        out.status.error.contains("无法连接"),
        "{}",
        out.status.error
    );
    // The daily report (had a connection been stored: here it is passed in) tries again
    // after a wait, and no sooner.
    let schedule = |db: &Db| superior::daily::Schedule {
        configured: true,
        ..db.read(superior::daily::schedule).unwrap()
    };
    let s = schedule(&db);
    assert_eq!(
        (s.waiting, s.failures, s.last_attempt_at),
        (1, 1, Some(now()))
    );
    let minutes = |m| now() + chrono::Duration::minutes(m);
    assert!(!superior::daily::is_due(&s, minutes(4)));
    assert!(superior::daily::is_due(&s, minutes(5)));

    // The command line says so too, and fails.
    let cli = zhibu(Some(&path), "report push --json", Some(&down.url(&dw.ca)));
    assert!(!cli.status.success());
    let printed: Value = serde_json::from_slice(&cli.stdout).unwrap();
    assert_eq!(printed["waiting"], 2);
    assert!(String::from_utf8_lossy(&cli.stderr).contains("待上报"));
    let status = json(zhibu(Some(&path), "report status --json", None));
    assert_eq!(status["state"], "failed");

    // Reachable again: both waiting reports go, the oldest first.
    let back = push(&db, Some(&e), today(), now()).unwrap();
    let days: Vec<NaiveDate> = back.sent.iter().map(|s| s.as_of).collect();
    assert_eq!(days, [d("2026-11-20"), today()]);
    assert_eq!(back.waiting, 0);
    assert_eq!(back.status.state, outbox::ReportState::Reported);
    assert!(
        back.status.text.starts_with("已上报"),
        "{}",
        back.status.text
    );
    // Gone up today: not due again until tomorrow.
    let s = schedule(&db);
    assert_eq!((s.waiting, s.failures), (0, 0));
    assert!(!superior::daily::is_due(&s, minutes(600)));
    assert!(superior::daily::is_due(&s, minutes(24 * 60)));
    let view = overview(&dw, None);
    let row = branch_row(&view, &branch_id);
    assert_eq!(row.as_of, Some(today()));
}

#[test]
fn a_report_whose_chain_does_not_follow_the_branch_log_is_flagged() {
    let c = cluster();
    let dw = dangwei(&c);
    let (honest_id, honest) = branch(&dw, "诚实支部");
    let (forged_id, forged) = branch(&dw, "改账支部");
    let (_d1, _p1, honest_db) = demo_db();
    let (_d2, forged_path, forged_db) = demo_db();
    for (db, e) in [(&honest_db, &honest), (&forged_db, &forged)] {
        push(db, Some(e), d("2026-11-01"), now()).unwrap();
    }
    // Someone rewrites the branch's log outside the app, recomputing nothing; then the
    // branch carries on and reports.
    drop(forged_db);
    {
        let raw = rusqlite::Connection::open(&forged_path).unwrap();
        raw.execute(
            "UPDATE change_log SET detail = '{}' WHERE seq = (SELECT max(seq) - 5 FROM change_log)",
            [],
        )
        .unwrap();
    }
    let forged_db = Db::open(&forged_path).unwrap();
    for (db, e) in [(&honest_db, &honest), (&forged_db, &forged)] {
        let out = push(db, Some(e), today(), now()).unwrap();
        assert_eq!(out.waiting, 0, "{:?}", out.status);
    }
    let view = overview(&dw, None);
    let flag = |id: &str| branch_row(&view, id).tampered;
    assert!(!flag(&honest_id));
    assert!(flag(&forged_id));
}

#[test]
fn a_log_replaced_by_an_older_copy_does_not_follow_on_either() {
    let c = cluster();
    let dw = dangwei(&c);
    let (id, e) = branch(&dw, "回退支部");
    let (dir, path, db) = demo_db();
    let copy = dir.path().join("older.sqlite3");
    zhibu::backup::backup_to(
        &db,
        zhibu::backup::BackupKind::Manual,
        Some(&copy),
        false,
        now(),
    )
    .unwrap();
    // Changes made, reported; then the older file is put back and reports again.
    db.write(|tx| {
        zhibu::branch::add_group(
            tx,
            &zhibu::branch::GroupInput {
                name: "新党小组".into(),
                ..Default::default()
            },
            today(),
            ACTOR,
        )
        .map(|_| ())
    })
    .unwrap();
    push(&db, Some(&e), today(), now()).unwrap();
    drop(db);
    std::fs::copy(&copy, &path).unwrap();
    let _ = std::fs::remove_file(zhibu::integrity::head_path(&path));
    let older = Db::open(&path).unwrap();
    push(&older, Some(&e), today(), now()).unwrap();
    let view = overview(&dw, None);
    assert!(branch_row(&view, &id).tampered);
}

#[test]
fn connections_are_tls_and_the_server_is_checked_against_the_ca() {
    let c = cluster();
    let dw = dangwei(&c);
    let (_, e) = branch(&dw, "加密支部");
    let mut client = superior::connect(&e).unwrap();
    let ssl: bool = client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(ssl);
    // A CA that did not sign the server's certificate: refused before any password is sent.
    let wrong = Endpoint {
        ca_pem: std::fs::read_to_string(&c.other_ca_path).unwrap(),
        ..e.clone()
    };
    let err = superior::connect(&wrong).err().unwrap().to_string();
    assert!(err.contains("TLS"), "{err}");
    // The host must match the certificate under verify-full.
    let by_name = Endpoint {
        host: "localhost".into(),
        ..e.clone()
    };
    superior::connect(&by_name).unwrap();
    // URLs that would skip TLS or the check are refused outright.
    let plain = c
        .admin_url(&dw.admin.database)
        .replace("verify-full", "disable");
    assert!(Endpoint::parse(&plain).is_err());
    // The server itself refuses a connection without TLS (pg_hba has only hostssl).
    let mut cfg = postgres::Config::new();
    cfg.host("127.0.0.1")
        .port(c.port)
        .user("postgres")
        .password(&c.admin_password)
        .dbname("postgres")
        .ssl_mode(postgres::config::SslMode::Disable);
    assert!(cfg.connect(postgres::NoTls).is_err());
}

#[test]
fn the_connection_is_kept_in_the_branch_file_with_its_password_sealed() {
    let c = cluster();
    let dw = dangwei(&c);
    let cred = superior::add_branch(&dw.admin, "设置支部", &dw.ca).unwrap();
    let (_dir, path, db) = demo_db();
    assert_eq!(
        db.read(outbox::status).unwrap().state,
        outbox::ReportState::NotConfigured
    );
    // No connection: the daily report is never due; once one is stored, due at once.
    assert!(!db.read(|c| superior::daily::due(c, now())).unwrap());
    let out = zhibu(Some(&path), &format!("report connect '{}'", cred.url), None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let e = Endpoint::parse(&cred.url).unwrap();
    assert_eq!(db.read(outbox::load_connection).unwrap(), Some(e.clone()));
    let info = db.read(outbox::connection_info).unwrap().unwrap();
    assert_eq!(
        (info.role.as_str(), info.has_password),
        (e.user.as_str(), true)
    );
    assert!(db.read(|c| superior::daily::due(c, now())).unwrap());
    // The password is not in the file as typed.
    drop(db);
    let bytes = std::fs::read(&path).unwrap();
    let wal = std::fs::read(path.with_extension("sqlite3-wal")).unwrap_or_default();
    for b in [&bytes, &wal] {
        assert!(!b
            .windows(e.password.len())
            .any(|w| w == e.password.as_bytes()));
    }
    // 上报 from the stored connection, then the status says when.
    let pushed = json(zhibu(Some(&path), "report push --json", None));
    assert_eq!(pushed["sent"][0]["stored"], true);
    let status = json(zhibu(Some(&path), "report status --json", None));
    assert_eq!(status["state"], "reported");
    assert_eq!(status["last_as_of"], "2026-11-22");
}

#[test]
fn what_the_party_committee_publishes_reaches_a_branch_and_changes_nothing_until_adopted() {
    let c = cluster();
    let dw = dangwei(&c);
    let (_, e) = branch(&dw, "下发支部");
    let (dir, path, db) = demo_db();
    // A 学时 target revision: 50 hours for every 党员 (永川高新区's figure).
    let mut targets = serde_json::to_value(TargetRuleSet::for_year(&[], 2027)).unwrap();
    targets["version"] = "党委2027".into();
    targets["member"] = 50.0.into();
    let file = dir.path().join("targets.json");
    std::fs::write(&file, targets.to_string()).unwrap();
    let admin_url = c.admin_url(&dw.admin.database);
    let published = json(zhibu(
        None,
        &format!("superior publish --kind study_targets --title 2027年学时目标 --file '{}' --admin-url '{admin_url}' --json", file.display()),
        None,
    ));
    assert!(published["id"].as_i64().unwrap() > 0);
    // A body that is not what its kind needs is refused.
    std::fs::write(&file, r#"{"version": "x"}"#).unwrap();
    let bad = zhibu(
        None,
        &format!(
            "superior publish --kind study_targets --title 坏的 --file '{}' --admin-url '{admin_url}'",
            file.display()
        ),
        None,
    );
    common::fails(bad);

    let before = db.read(TargetRuleSet::history).unwrap();
    let out = push(&db, Some(&e), today(), now()).unwrap();
    assert_eq!(out.received, 1);
    let list = db.read(superior::publish::received).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].adopted_from, None);
    assert_eq!(db.read(TargetRuleSet::history).unwrap(), before);
    // Received once only.
    assert_eq!(push(&db, Some(&e), today(), now()).unwrap().received, 0);

    let adopted = zhibu(
        Some(&path),
        &format!("report adopt {} --from 2027-01-01", list[0].id),
        None,
    );
    assert!(
        adopted.status.success(),
        "{}",
        String::from_utf8_lossy(&adopted.stderr)
    );
    let after = db.read(TargetRuleSet::history).unwrap();
    let new = after.iter().find(|s| s.version == "党委2027").unwrap();
    assert_eq!(new.effective_from, d("2027-01-01"));
    assert_eq!(new.member, 50.0);
    // This year is judged as before.
    assert_eq!(
        TargetRuleSet::for_year(&after, 2026),
        TargetRuleSet::for_year(&before, 2026)
    );
    let again = zhibu(
        Some(&path),
        &format!("report adopt {} --from 2027-02-01", list[0].id),
        None,
    );
    common::fails(again);
}

#[test]
fn the_stored_password_is_sealed_again_when_the_secretary_password_changes() {
    let (_dir, path, db) = file_db();
    db.write(|tx| zhibu::demo::create_roster(tx, today(), ACTOR))
        .unwrap();
    let ca = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/superior/endpoint.rs"
    ))
    .unwrap();
    let pem = &ca[ca.find("-----BEGIN CERTIFICATE-----").unwrap()
        ..ca.find("-----END CERTIFICATE-----").unwrap() + 25];
    let e = Endpoint {
        host: "dw.example".into(),
        port: 5432,
        database: "dangwei".into(),
        user: "zb_x".into(),
        password: "连接密码-123".into(),
        verify_host: true,
        ca_pem: format!("{pem}\n"),
    };
    db.write(|tx| outbox::save_connection(tx, &e, ACTOR))
        .unwrap();
    db.password_set("书记密码12345678", ACTOR, now()).unwrap();
    assert_eq!(db.read(outbox::load_connection).unwrap(), Some(e.clone()));
    db.password_change("书记密码12345678", "新的书记密码87654321", ACTOR, now())
        .unwrap();
    drop(db);
    let db = Db::open(&path).unwrap();
    // Locked: the password does not open without the secretary's.
    assert!(db.read(outbox::load_connection).is_err());
    db.unlock("新的书记密码87654321", now()).unwrap();
    assert_eq!(db.read(outbox::load_connection).unwrap(), Some(e));
}

#[test]
fn a_log_rewritten_with_its_chain_recomputed_is_flagged_by_the_head_already_reported() {
    let c = cluster();
    let dw = dangwei(&c);
    let (id, e) = branch(&dw, "重算支部");
    let (_dir, path, db) = demo_db();
    push(&db, Some(&e), d("2026-11-01"), now()).unwrap();
    drop(db);
    // An entry is rewritten and every hash after it recomputed, so the file's own check of
    // its chain passes; the head the 党委 already holds no longer matches.
    {
        let raw = rusqlite::Connection::open(&path).unwrap();
        let max: i64 = raw
            .query_row("SELECT max(seq) FROM change_log", [], |r| r.get(0))
            .unwrap();
        raw.execute(
            "UPDATE change_log SET detail = '{\"rewritten\":true}' WHERE seq = ?1",
            [max - 5],
        )
        .unwrap();
        common::forge::rechain(&raw, max - 5);
    }
    let db = Db::open(&path).unwrap();
    assert_eq!(
        db.read(zhibu::change_log::verify).unwrap(),
        None,
        "the chain itself checks out"
    );
    let out = push(&db, Some(&e), today(), now()).unwrap();
    assert_eq!(out.waiting, 0, "{:?}", out.status);
    let view = overview(&dw, None);
    assert!(branch_row(&view, &id).tampered);
}

/// The branch's side of 下发 alone (no server needed): a publication as received on a contact,
/// then adopted, or refused with the reason in Chinese and the file unchanged.
#[test]
fn adopting_a_received_publication_needs_a_known_one_and_a_day_in_range() {
    let (_dir, _path, db) = demo_db();
    let mut targets = serde_json::to_value(TargetRuleSet::for_year(&[], 2027)).unwrap();
    targets["version"] = "党委2027".into();
    targets["member"] = 48.0.into();
    db.write(|tx| {
        tx.execute(
            "INSERT INTO superior_publication (id, kind, title, version, body, published_at,
                 received_at)
             VALUES (7, 'study_targets', '2027年学时目标', '党委2027', ?1,
                     '2026-11-20T08:00:00+00:00', '2026-11-22 09:00:00')",
            [targets.to_string()],
        )?;
        Ok(())
    })
    .unwrap();
    assert_eq!(db.read(outbox::status).unwrap().awaiting_adoption, 1);
    let before = db.read(TargetRuleSet::history).unwrap();
    let details = |e: zhibu::Error| match e {
        zhibu::Error::Superior { details } => details.join(""),
        other => other.to_string(),
    };

    let unknown = db
        .write(|tx| superior::publish::adopt(tx, 8, d("2027-01-01"), ACTOR))
        .unwrap_err();
    assert!(details(unknown).contains("没有收到编号为 8"));
    let too_early = db
        .write(|tx| superior::publish::adopt(tx, 7, d("1900-01-01"), ACTOR))
        .unwrap_err();
    assert_eq!(too_early.code(), "validation", "{too_early}");
    assert_eq!(db.read(TargetRuleSet::history).unwrap(), before);
    assert_eq!(
        db.read(superior::publish::received).unwrap()[0].adopted_from,
        None
    );

    db.write(|tx| superior::publish::adopt(tx, 7, d("2027-01-01"), ACTOR))
        .unwrap();
    let list = db.read(superior::publish::received).unwrap();
    assert_eq!(list[0].adopted_from, Some(d("2027-01-01")));
    assert_eq!(db.read(outbox::status).unwrap().awaiting_adoption, 0);
    let after = db.read(TargetRuleSet::history).unwrap();
    assert_eq!(after.len(), before.len() + 1);
    let again = db
        .write(|tx| superior::publish::adopt(tx, 7, d("2027-02-01"), ACTOR))
        .unwrap_err();
    assert!(details(again).contains("已经采用过"));
    assert_eq!(db.read(TargetRuleSet::history).unwrap(), after);
}
