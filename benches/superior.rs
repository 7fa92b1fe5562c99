//! 上报 at scale, on a throwaway PostgreSQL cluster (the tests' own, TLS on): the 党委's
//! overview over N simulated branches (`ZHIBU_BENCH_BRANCHES`, default 10,000, each with a
//! year of monthly reports) next to its SQL lower bound (the overview's query alone, rows
//! fetched and dropped), the overview as of a past day (from the history), one branch's push (report built from the demo branch, queued, sent in
//! one transaction), and then 50 branches pushing at once for `ZHIBU_BENCH_SECONDS` (default
//! 60): every push must succeed and every stored report be there afterwards.
//!
//! Run: `cargo bench --bench superior` (needs root or passwordless sudo, like the tests).

#[path = "../tests/common/pg.rs"]
#[allow(dead_code)]
mod pg;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use criterion::Criterion;
use zhibu::superior::{self, overview::OVERVIEW_SQL, Endpoint};
use zhibu::Db;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid")
}

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A branch database holding the demo year, at `path`.
fn demo_file(path: &std::path::Path) -> Db {
    let db = Db::open(path).expect("open");
    db.write(|tx| zhibu::demo::create(tx, today(), "bench"))
        .expect("demo");
    db
}

fn main() {
    let cluster = pg::cluster();
    let database = pg::fresh_database("bench");
    let admin = Endpoint::parse(&cluster.admin_url(&database)).expect("admin url");
    let ca = cluster.ca_path.display().to_string();
    let setup = superior::setup(&admin, &ca).expect("setup");
    let reader = Endpoint::parse(&setup.reader_url).expect("reader url");

    let work = tempfile::tempdir().expect("temp dir");
    let base_db = demo_file(&work.path().join("base.sqlite3"));
    let base = base_db
        .read(|c| superior::report::build(c, today()))
        .expect("report");
    let branches = env_number("ZHIBU_BENCH_BRANCHES", 10_000);
    let filled = superior::simulate::fill(&admin, &base, branches, today()).expect("simulate");
    println!(
        "simulated {} branches, {} reports in {:.1} s",
        filled.branches, filled.reports, filled.seconds
    );
    {
        let mut client = superior::connect(&admin).expect("admin");
        client.batch_execute("VACUUM ANALYZE").expect("analyze");
    }

    let mut c = Criterion::default()
        .configure_from_args()
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    let mut group = c.benchmark_group("superior");
    let mut client = superior::connect(&reader).expect("reader");
    group.bench_function("overview", |b| {
        b.iter(|| {
            let view = superior::overview(&mut client, None).expect("overview");
            assert_eq!(view.branches.len(), branches);
            serde_json::to_vec(&view).expect("json")
        })
    });
    group.bench_function("overview_sql_bound", |b| {
        b.iter(|| {
            let rows = client.query(OVERVIEW_SQL, &[]).expect("query");
            assert_eq!(rows.len(), branches);
        })
    });
    // As of a past day (the middle of the year): every branch reported since, so each is
    // looked up in the history, one index probe per branch.
    let mid_year = NaiveDate::from_ymd_opt(2026, 6, 15).expect("valid");
    group.bench_function("overview_as_of_past_day", |b| {
        b.iter(|| {
            let view = superior::overview(&mut client, Some(mid_year)).expect("overview");
            assert_eq!(view.branches.len(), branches);
            assert!(view.branches.iter().all(|r| r.as_of < Some(mid_year)));
            serde_json::to_vec(&view).expect("json")
        })
    });
    let cred = superior::add_branch(&admin, "测速支部", &ca).expect("branch");
    let one = Endpoint::parse(&cred.url).expect("branch url");
    let mut day = today();
    group.bench_function("push", |b| {
        b.iter(|| {
            // A new day each time: a new report, built, queued and stored.
            day = day.pred_opt().expect("a day");
            let out = superior::push(
                &base_db,
                Some(&one),
                day,
                today().and_hms_opt(9, 0, 0).unwrap(),
            )
            .expect("push");
            assert_eq!(out.waiting, 0, "{:?}", out.status);
        })
    });
    group.finish();
    drop(client);

    concurrent_pushers(&admin, &ca, work.path(), &base_db);
    c.final_summary();
}

/// 50 branches, each with its own copy of the demo file and its own role, pushing reports
/// about ever earlier days as fast as they can for the given time.
fn concurrent_pushers(admin: &Endpoint, ca: &str, dir: &std::path::Path, base: &Db) {
    const PUSHERS: usize = 50;
    let seconds = env_number("ZHIBU_BENCH_SECONDS", 60) as u64;
    let mut files = Vec::new();
    for i in 0..PUSHERS {
        let path = dir.join(format!("pusher-{i}.sqlite3"));
        zhibu::backup::backup_to(
            base,
            zhibu::backup::BackupKind::Manual,
            Some(&path),
            false,
            today().and_hms_opt(9, 0, 0).unwrap(),
        )
        .expect("copy");
        let cred = superior::add_branch(admin, &format!("并发支部{i}"), ca).expect("branch");
        files.push((path, Endpoint::parse(&cred.url).expect("url")));
    }
    let stored = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicUsize::new(0));
    let pushes = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let mut slowest = Duration::ZERO;
    let handles: Vec<_> = files
        .into_iter()
        .map(|(path, endpoint)| {
            let (stored, failed, pushes) = (stored.clone(), failed.clone(), pushes.clone());
            std::thread::spawn(move || {
                let db = Db::open(&path).expect("open copy");
                let mut day = today();
                let mut slowest = Duration::ZERO;
                while Instant::now() < deadline {
                    day = day.checked_sub_days(Days::new(1)).expect("a day");
                    let t = Instant::now();
                    match superior::push(
                        &db,
                        Some(&endpoint),
                        day,
                        today().and_hms_opt(9, 0, 0).unwrap(),
                    ) {
                        Ok(out) if out.waiting == 0 => {
                            stored.fetch_add(
                                out.sent.iter().filter(|s| s.stored).count(),
                                Ordering::Relaxed,
                            );
                        }
                        _ => {
                            failed.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    slowest = slowest.max(t.elapsed());
                    pushes.fetch_add(1, Ordering::Relaxed);
                }
                slowest
            })
        })
        .collect();
    for h in handles {
        slowest = slowest.max(h.join().expect("pusher"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut client = superior::connect(admin).expect("admin");
    let in_db: i64 = client
        .query_one(
            "SELECT count(*) FROM report r JOIN branch b ON b.id = r.branch_id
              WHERE b.name LIKE '并发支部%'",
            &[],
        )
        .expect("count")
        .get(0);
    let (stored, failed, pushes) = (
        stored.load(Ordering::Relaxed),
        failed.load(Ordering::Relaxed),
        pushes.load(Ordering::Relaxed),
    );
    println!(
        "concurrent: {PUSHERS} pushers for {elapsed:.1} s: {pushes} pushes ({:.1}/s), {stored} stored, {in_db} in the database, {failed} failed, slowest {:.0} ms",
        pushes as f64 / elapsed,
        slowest.as_secs_f64() * 1000.0
    );
    assert_eq!(failed, 0, "no push may fail");
    assert_eq!(in_db as usize, stored, "no stored report may be lost");
}
