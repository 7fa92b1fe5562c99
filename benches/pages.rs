//! The speed goals of the performance issue, each measured next to its lower bound in the same
//! run on the same SQLite file: the fewest SQL statements that could produce the same answer,
//! run straight through rusqlite. The report (`scripts/bench-report`) divides one by the other,
//! so the ratio holds on a noisy machine where the absolute figures do not.
//!
//! The large demo branch is created first (timed once, with its own lower bound: copying the
//! finished tables into an empty database), under `target/bench-data/`.
//!
//! Run: `cargo bench --bench pages` (add a filter after `--` to run some groups only).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion};
use rusqlite::{params, Connection};
use zhibu::activities::{self, ActivityQuery};
use zhibu::members::{import as roster_import, RosterQuery, RosterSort, Stage};
use zhibu::sessions::SessionQuery;
use zhibu::{demo, ledger, members, sessions, strengths, study, Db};

/// The day every figure is taken on, so runs compare.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid")
}

fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench data folder");
    dir
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// Creates the large branch (timed) and its lower bound: the same rows copied table by table
/// with one INSERT … SELECT each into a database that has only the schema.
fn create_large(dir: &Path) -> PathBuf {
    let path = dir.join("large.db");
    remove_db(&path);
    let started = Instant::now();
    let db = Db::open(&path).expect("open");
    db.write(|tx| demo::large::create(tx, today(), "bench"))
        .expect("large demo");
    drop(db);
    let created = started.elapsed();

    let copy = dir.join("large-copy.db");
    remove_db(&copy);
    drop(Db::open(&copy).expect("schema"));
    let conn = Connection::open(&copy).expect("open copy");
    conn.pragma_update(None, "journal_mode", "WAL")
        .expect("wal");
    conn.pragma_update(None, "synchronous", "FULL")
        .expect("sync");
    // The copied rows are the checked ones: their order between tables does not matter.
    conn.pragma_update(None, "foreign_keys", "OFF").expect("fk");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'rusqlite_migration'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    let started = Instant::now();
    conn.execute(
        "ATTACH DATABASE ?1 AS src",
        [path.to_str().expect("utf-8 path")],
    )
    .expect("attach");
    conn.execute_batch("BEGIN IMMEDIATE").expect("begin");
    for t in &tables {
        conn.execute(&format!("DELETE FROM main.{t}"), [])
            .expect("clear");
        conn.execute(&format!("INSERT INTO main.{t} SELECT * FROM src.{t}"), [])
            .expect("copy");
    }
    conn.execute_batch("COMMIT").expect("commit");
    let bound = started.elapsed();
    drop(conn);
    remove_db(&copy);
    write_once("create_large", created, bound);
    path
}

/// A figure measured once (too long to sample), in the shape the report reads.
fn write_once(name: &str, took: Duration, bound: Duration) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/criterion/once");
    std::fs::create_dir_all(&dir).expect("once folder");
    let json = format!(
        "{{\"name\":\"{name}\",\"zhibu_ns\":{},\"lower_bound_ns\":{}}}\n",
        took.as_nanos(),
        bound.as_nanos()
    );
    std::fs::write(dir.join(format!("{name}.json")), json).expect("write once");
    println!(
        "{name}: zhibu {:.2} s, lower bound {:.2} s, ratio {:.1}",
        took.as_secs_f64(),
        bound.as_secs_f64(),
        took.as_secs_f64() / bound.as_secs_f64()
    );
}

/// A plain connection for the lower bounds, with the page cache and memory map the app's
/// connection has, so the difference is the work done, not the settings.
fn raw(path: &Path) -> Connection {
    let conn = Connection::open(path).expect("open raw");
    conn.pragma_update(None, "mmap_size", 1i64 << 30)
        .expect("mmap");
    conn.pragma_update(None, "cache_size", -65_536)
        .expect("cache");
    conn
}

/// Runs one statement and steps through its rows, reading every column: what any answer
/// built from those rows must at least do.
fn step(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> usize {
    let mut stmt = conn.prepare_cached(sql).expect("prepare");
    let n = stmt.column_count();
    let mut rows = stmt.query(args).expect("query");
    let mut seen = 0;
    while let Some(r) = rows.next().expect("row") {
        for i in 0..n {
            std::hint::black_box(r.get_ref(i).expect("column"));
        }
        seen += 1;
    }
    seen
}

/// What the 学时 of a year needs at least: the stored hours summed by member and category
/// from their index, and who was present at each session and activity.
fn study_reads(conn: &Connection, from: &str, to: &str) -> usize {
    step(
        conn,
        "SELECT member_id, category, sum(half_hours) FROM study_hour_entry
         WHERE occurred_on BETWEEN ?1 AND ?2 GROUP BY member_id, category",
        params![from, to],
    ) + step(
        conn,
        "SELECT a.session_id, a.member_id FROM session s JOIN attendance a ON a.session_id = s.id
         WHERE s.held_on BETWEEN ?1 AND ?2 AND a.status = 'present'",
        params![from, to],
    ) + step(
        conn,
        "SELECT p.activity_id, p.member_id FROM activity x
         JOIN activity_participant p ON p.activity_id = x.id WHERE x.held_on BETWEEN ?1 AND ?2",
        params![from, to],
    )
}

fn year_range(year: i32) -> (String, String) {
    (format!("{year:04}-01-01"), format!("{year:04}-12-31"))
}

/// 工作台: open the database, the obligation calendar and the 四强 assessment of this year.
fn dashboard(c: &mut Criterion, path: &Path) {
    let year = 2026;
    let mut g = c.benchmark_group("dashboard");
    g.bench_function("zhibu", |b| {
        b.iter(|| {
            let db = Db::open(path).expect("open");
            let calendar = db
                .read(|c| sessions::compliance(c, year, today()))
                .expect("compliance");
            let scores = db
                .read(|c| strengths::assess(c, year, today()))
                .expect("assess");
            (calendar.obligations.len(), scores.total)
        })
    });
    g.bench_function("lower_bound", |b| {
        let (from, to) = year_range(year);
        b.iter(|| {
            let conn = raw(path);
            // The year's sessions, what they count for and who attended; then the 学时 the
            // 四强 item on study pace needs.
            step(
                &conn,
                "SELECT s.id, s.held_on, s.party_group_id, s.lecturer_id, o.obligation
                 FROM session s JOIN session_obligation o ON o.session_id = s.id
                 WHERE s.held_on BETWEEN ?1 AND ?2",
                params![from, to],
            ) + step(
                &conn,
                "SELECT a.session_id, a.member_id, a.status FROM session s
                 JOIN attendance a ON a.session_id = s.id WHERE s.held_on BETWEEN ?1 AND ?2",
                params![from, to],
            ) + study_reads(&conn, &from, &to)
        })
    });
    g.finish();
}

/// The roster page: a filtered, sorted first page with the total and the counts by stage.
fn roster(c: &mut Criterion, path: &Path) {
    let db = Db::open(path).expect("open");
    let query = RosterQuery {
        search: Some("王".into()),
        stage: Some(Stage::Full),
        sort: Some(RosterSort::JoinedOn),
        limit: 20,
        ..Default::default()
    };
    let mut g = c.benchmark_group("roster_page");
    g.bench_function("zhibu", |b| {
        b.iter(|| {
            db.read(|c| members::list(c, &query, today()))
                .expect("list")
                .rows
                .len()
        })
    });
    let conn = raw(path);
    g.bench_function("lower_bound", |b| {
        b.iter(|| {
            let mut s = conn
                .prepare_cached(
                    "SELECT m.id, m.name, m.gender, m.birth_date, m.id_masked, m.phone_masked,
                            m.stage, m.status, g.name, m.joined_on, m.confirmed_on,
                            count(*) OVER () AS total
                     FROM member m LEFT JOIN party_group g ON g.id = m.party_group_id
                     WHERE m.archived_on IS NULL AND m.stage = 'full' AND m.name LIKE '%王%'
                     ORDER BY m.joined_on, m.name LIMIT 20",
                )
                .expect("prepare");
            s.query_map([], |r| r.get::<_, String>(0))
                .expect("query")
                .count()
        })
    });
    g.finish();
}

/// The 学时 report: every party member's hours of the year, with pace and target.
fn study_report(c: &mut Criterion, path: &Path) {
    let db = Db::open(path).expect("open");
    let year = 2025;
    let mut g = c.benchmark_group("study_report");
    g.bench_function("zhibu", |b| {
        b.iter(|| {
            db.read(|c| study::report(c, year, today(), None))
                .expect("report")
                .members
                .len()
        })
    });
    let conn = raw(path);
    let (from, to) = year_range(year);
    g.bench_function("lower_bound", |b| b.iter(|| study_reads(&conn, &from, &to)));
    g.finish();
}

/// 我的学时: one member's year, line by line, with their attendance.
fn own_history(c: &mut Criterion, path: &Path) {
    let db = Db::open(path).expect("open");
    let conn = raw(path);
    let member: String = conn
        .query_row(
            "SELECT id FROM member WHERE archived_on IS NULL AND stage = 'full' ORDER BY name LIMIT 1 OFFSET 40",
            [],
            |r| r.get(0),
        )
        .expect("a member");
    let year = 2025;
    let mut g = c.benchmark_group("own_history");
    g.bench_function("zhibu", |b| {
        b.iter(|| {
            db.read(|c| study::self_check::statement(c, &member, year, today()))
                .expect("statement")
                .entries
                .len()
        })
    });
    let (from, to) = year_range(year);
    g.bench_function("lower_bound", |b| {
        b.iter(|| {
            let mut s = conn
                .prepare_cached(
                    "SELECT occurred_on, half_hours, category, note FROM study_hour_entry
                      WHERE member_id = ?1 AND occurred_on BETWEEN ?2 AND ?3
                     UNION ALL
                     SELECT s.held_on, a.status, s.kind, s.title FROM attendance a
                       JOIN session s ON s.id = a.session_id
                      WHERE a.member_id = ?1 AND s.held_on BETWEEN ?2 AND ?3
                     UNION ALL
                     SELECT x.held_on, p.role, x.kind, x.title FROM activity_participant p
                       JOIN activity x ON x.id = p.activity_id
                      WHERE p.member_id = ?1 AND x.held_on BETWEEN ?2 AND ?3",
                )
                .expect("prepare");
            s.query_map(params![member, from, to], |r| r.get::<_, String>(0))
                .expect("query")
                .count()
        })
    });
    g.finish();
}

/// The 活动 page (a year's activities with their head counts) and the 三会一课 page (a
/// year's sessions with what each counts for and who was present).
fn year_lists(c: &mut Criterion, path: &Path) {
    let db = Db::open(path).expect("open");
    let conn = raw(path);
    let year = 2025;
    let (from, to) = year_range(year);
    let mut g = c.benchmark_group("activity_year");
    let query = ActivityQuery {
        year: Some(year),
        ..Default::default()
    };
    g.bench_function("zhibu", |b| {
        b.iter(|| {
            db.read(|c| activities::summaries(c, &query))
                .expect("activities")
                .len()
        })
    });
    g.bench_function("lower_bound", |b| {
        b.iter(|| {
            step(
                &conn,
                "SELECT a.id, a.kind, a.series, a.issue_no, a.title, a.held_on, a.place,
                        (SELECT count(*) FROM activity_participant p WHERE p.activity_id = a.id)
                 FROM activity a WHERE a.held_on BETWEEN ?1 AND ?2 ORDER BY a.held_on DESC",
                params![from, to],
            )
        })
    });
    g.finish();
    let mut g = c.benchmark_group("session_year");
    let query = SessionQuery {
        from: Some(from.clone()),
        to: Some(to.clone()),
        ..Default::default()
    };
    g.bench_function("zhibu", |b| {
        b.iter(|| {
            db.read(|c| sessions::list(c, &query))
                .expect("sessions")
                .len()
        })
    });
    g.bench_function("lower_bound", |b| {
        b.iter(|| {
            step(
                &conn,
                "SELECT s.id, s.kind, s.held_on, s.title, s.topic, g.name,
                        (SELECT group_concat(o.obligation) FROM session_obligation o
                          WHERE o.session_id = s.id),
                        (SELECT count(*) FROM attendance a WHERE a.session_id = s.id
                            AND a.status = 'present'),
                        (SELECT count(*) FROM attendance a WHERE a.session_id = s.id)
                 FROM session s LEFT JOIN party_group g ON g.id = s.party_group_id
                 WHERE s.held_on BETWEEN ?1 AND ?2 ORDER BY s.held_on DESC",
                params![from, to],
            )
        })
    });
    g.finish();
}

/// The yearly 台账 workbook.
fn ledger_export(c: &mut Criterion, path: &Path) {
    let db = Db::open(path).expect("open");
    let year = 2025;
    let options = ledger::LedgerOptions {
        year,
        as_of: today(),
        reveal: false,
    };
    let mut g = c.benchmark_group("ledger_export");
    g.sample_size(10);
    g.bench_function("zhibu", |b| {
        b.iter(|| {
            db.read(|c| ledger::workbook(c, options))
                .expect("workbook")
                .len()
        })
    });
    let conn = raw(path);
    let (from, to) = year_range(year);
    g.bench_function("lower_bound", |b| {
        b.iter(|| {
            // Roster, sessions with who was away, activities with their head count and each
            // member's stored 学时 by category, written as one sheet of the same cells; the
            // credits of attendance read as in the 学时 report. (The 四强 sheet is left out:
            // the bound is lower.)
            step(
                &conn,
                "SELECT a.session_id, a.member_id FROM session s
                 JOIN attendance a ON a.session_id = s.id
                 WHERE s.held_on BETWEEN ?1 AND ?2 AND a.status = 'present'",
                params![from, to],
            );
            step(
                &conn,
                "SELECT p.activity_id, p.member_id FROM activity x
                 JOIN activity_participant p ON p.activity_id = x.id
                 WHERE x.held_on BETWEEN ?1 AND ?2",
                params![from, to],
            );
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            let mut row = 0u32;
            for sql in [
                "SELECT name, gender, birth_date, id_masked, education, stage, joined_on,
                        confirmed_on, phone_masked, status FROM member",
                "SELECT s.held_on, s.kind, s.title, s.topic, s.lecturer_name, s.place,
                        (SELECT count(*) FROM attendance a WHERE a.session_id = s.id),
                        (SELECT count(*) FROM attendance a
                          WHERE a.session_id = s.id AND a.status = 'present'),
                        (SELECT group_concat(m.name, '、') FROM attendance a
                           JOIN member m ON m.id = a.member_id
                          WHERE a.session_id = s.id AND a.status <> 'present')
                   FROM session s WHERE s.held_on BETWEEN ?1 AND ?2",
                "SELECT x.held_on, x.kind, x.series, x.issue_no, x.title, x.place,
                        (SELECT count(*) FROM activity_participant p WHERE p.activity_id = x.id)
                   FROM activity x WHERE x.held_on BETWEEN ?1 AND ?2",
                "SELECT member_id, category, sum(half_hours) FROM study_hour_entry
                  WHERE occurred_on BETWEEN ?1 AND ?2 GROUP BY member_id, category",
            ] {
                let mut s = conn.prepare_cached(sql).expect("prepare");
                let n = s.column_count();
                let wants_range = sql.contains("?1");
                let mut rows = if wants_range {
                    s.query(params![from, to])
                } else {
                    s.query([])
                }
                .expect("query");
                while let Some(r) = rows.next().expect("row") {
                    for col in 0..n {
                        let text: String = match r.get_ref(col).expect("cell") {
                            rusqlite::types::ValueRef::Text(t) => {
                                String::from_utf8_lossy(t).into_owned()
                            }
                            rusqlite::types::ValueRef::Integer(i) => i.to_string(),
                            _ => String::new(),
                        };
                        sheet.write_string(row, col as u16, text).expect("cell");
                    }
                    row += 1;
                }
            }
            book.save_to_buffer().expect("xlsx").len()
        })
    });
    g.finish();
}

/// A 花名册 of `n` valid rows, as an office would fill the template.
fn roster_xlsx(n: usize) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let headers = [
        "姓名",
        "性别",
        "民族",
        "出生日期",
        "身份证号",
        "学历",
        "人员类别",
        "入党日期",
        "转正日期",
        "所在党小组",
        "联系电话",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for i in 0..n {
        let birth = NaiveDate::from_ymd_opt(
            1960 + (i % 35) as i32,
            1 + (i / 28 % 12) as u32,
            1 + (i % 28) as u32,
        )
        .expect("valid");
        let seq = format!("{:03}", i % 1000);
        let gender_digit = (i / 1000) % 10;
        let first17 = format!(
            "500107{}{}{}",
            birth.format("%Y%m%d"),
            &seq[..2],
            gender_digit
        );
        let check = zhibu::members::validate::id_check_char(&first17).expect("17 digits");
        let joined = birth + chrono::Months::new(12 * 25);
        let cells = [
            format!("成员{i:05}"),
            if gender_digit % 2 == 1 { "男" } else { "女" }.to_string(),
            "汉族".into(),
            birth.to_string(),
            format!("{first17}{check}"),
            "大学".into(),
            "正式党员".into(),
            joined.to_string(),
            (joined + chrono::Months::new(12)).to_string(),
            format!("第{}党小组", i % 10 + 1),
            format!("139{:08}", i),
        ];
        for (c, v) in cells.iter().enumerate() {
            sheet.write_string(1 + i as u32, c as u16, v).expect("cell");
        }
    }
    book.save_to_buffer().expect("xlsx")
}

/// Importing 10,000 花名册 rows from .xlsx into a branch with none yet.
fn import(c: &mut Criterion, dir: &Path) {
    let bytes = roster_xlsx(10_000);
    let path = dir.join("import.db");
    let fresh = || {
        remove_db(&path);
        let db = Db::open(&path).expect("open");
        db.write(|tx| {
            zhibu::branch::create(
                tx,
                &zhibu::branch::BranchInput {
                    name: "导入测试党支部".into(),
                    ..Default::default()
                },
                today(),
                "bench",
            )
        })
        .expect("branch");
        db
    };
    let mut g = c.benchmark_group("import_10000");
    g.sample_size(10);
    g.bench_function("zhibu", |b| {
        b.iter_batched(
            fresh,
            |db| {
                let table = roster_import::read_table("花名册.xlsx", &bytes).expect("read");
                let mapping = table.mapping.clone();
                db.write(|tx| roster_import::commit(tx, &table, &mapping, false, today(), "bench"))
                    .expect("import")
                    .new
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("lower_bound", |b| {
        b.iter_batched(
            || {
                drop(fresh());
                raw(&path)
            },
            |mut conn| {
                let grid = zhibu::tabular::read("花名册.xlsx", &bytes).expect("read");
                let tx = conn.transaction().expect("tx");
                {
                    // Each member and the event of their stage: the roster and its history.
                    let mut member = tx
                        .prepare(
                            "INSERT INTO member (id, name, gender, ethnicity, birth_date, id_number,
                               id_masked, education, stage, joined_on, confirmed_on, phone,
                               phone_masked, created_at, updated_at)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, 'full', ?8, ?9, ?10, ?10,
                                     ?11, ?11)",
                        )
                        .expect("prepare");
                    let mut event = tx
                        .prepare(
                            "INSERT INTO member_stage_event (id, member_id, stage, occurred_on,
                               recorded_at) VALUES (?1, ?2, 'full', ?3, ?4)",
                        )
                        .expect("prepare");
                    for (i, r) in grid.rows.iter().enumerate() {
                        let id = format!("m{i}");
                        member
                            .execute(params![
                                id,
                                r[0],
                                if r[1] == "男" { "male" } else { "female" },
                                r[2],
                                r[3],
                                r[4],
                                r[5],
                                r[7],
                                r[8],
                                r[10],
                                "2026-11-22T00:00:00Z"
                            ])
                            .expect("insert");
                        event
                            .execute(params![format!("e{i}"), id, r[8], "2026-11-22T00:00:00Z"])
                            .expect("event");
                    }
                }
                tx.commit().expect("commit");
                grid.rows.len()
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
    remove_db(&path);
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let dir = data_dir();
    let path = if std::env::var_os("ZHIBU_BENCH_REUSE").is_some() && dir.join("large.db").exists() {
        dir.join("large.db")
    } else {
        create_large(&dir)
    };
    dashboard(&mut c, &path);
    roster(&mut c, &path);
    study_report(&mut c, &path);
    own_history(&mut c, &path);
    year_lists(&mut c, &path);
    ledger_export(&mut c, &path);
    import(&mut c, &dir);
    c.final_summary();
}
