//! The 党委's window on a real PostgreSQL cluster started for the test (TLS, a CA made here):
//! the reading connection kept in a file with no branch, its password sealed and sealed again
//! when the secretary password changes; the rows of 所辖支部一览 with silence marked against
//! the day passed in; one branch's report drawn as the branch's year grid; a wrong password
//! refused.

mod common;

use common::pg::{cluster, fresh_database};
use common::{d, file_db, today, ACTOR};
use zhibu::superior::{self, window, Endpoint};
use zhibu::Db;

fn now() -> chrono::NaiveDateTime {
    today().and_hms_opt(9, 0, 0).unwrap()
}

#[test]
fn the_window_reads_every_branch_and_opens_one_report() {
    let c = cluster();
    let admin = Endpoint::parse(&c.admin_url(&fresh_database("win"))).unwrap();
    let ca = c.ca_path.display().to_string();
    let reader = Endpoint::parse(&superior::setup(&admin, &ca).unwrap().reader_url).unwrap();
    let reported = superior::add_branch(&admin, "甲支部", &ca).unwrap();
    let silent = superior::add_branch(&admin, "乙支部", &ca).unwrap();

    // The reporting branch: the demo year, pushed as of today.
    let (_bdir, _bpath, branch_db) = file_db();
    branch_db
        .write(|tx| zhibu::demo::create(tx, today(), ACTOR))
        .unwrap();
    let e = Endpoint::parse(&reported.url).unwrap();
    superior::push(&branch_db, Some(&e), today(), now()).unwrap();

    // The 党委's app: no branch, the reader's connection stored.
    let (_dir, _path, db) = file_db();
    window::try_connection(&reader).unwrap();
    db.write(|tx| window::save_connection(tx, &reader, ACTOR))
        .unwrap();
    let stored = db.read(window::load_connection).unwrap().unwrap();
    assert_eq!(stored, reader);
    let info = db.read(window::connection_info).unwrap().unwrap();
    assert_eq!(
        (info.role.as_str(), info.has_password),
        (reader.user.as_str(), true)
    );

    let w = window::read_overview(&stored, today()).unwrap();
    assert_eq!(w.rows.len(), 2);
    let a = w
        .rows
        .iter()
        .find(|r| r.branch_id == reported.branch_id)
        .unwrap();
    let b = w
        .rows
        .iter()
        .find(|r| r.branch_id == silent.branch_id)
        .unwrap();
    assert_eq!(a.as_of, Some(today()));
    assert!(!a.silent && a.met.is_some() && a.rank == Some(1));
    assert!(b.silent && b.met.is_none() && b.rank.is_none());
    // Seven days after it arrived (the server's clock), the same report is marked silent.
    let arrived = d(&a.reported_at.as_ref().unwrap()[..10]);
    let day6 = window::read_overview(&stored, arrived + chrono::Days::new(6)).unwrap();
    assert!(
        !day6
            .rows
            .iter()
            .find(|r| r.branch_id == a.branch_id)
            .unwrap()
            .silent
    );
    let day7 = window::read_overview(&stored, arrived + chrono::Days::new(7)).unwrap();
    assert!(day7.rows.iter().all(|r| r.silent));

    let view = window::read_branch(&stored, &reported.branch_id, today())
        .unwrap()
        .unwrap();
    let demo_name = branch_db.read(zhibu::branch::require).unwrap().name;
    assert_eq!(view.report.branch.name, demo_name);
    assert_eq!(view.row.branch_id, reported.branch_id);
    // Every obligation line becomes a period of the grid with its days.
    assert_eq!(
        view.compliance.obligations.len(),
        view.report.obligations.len()
    );
    assert!(view
        .compliance
        .obligations
        .iter()
        .all(|p| p.period_start <= p.period_end
            && p.period_start >= d("2026-01-01")
            && p.period_end <= d("2026-12-31")));
    let met_lines = view
        .report
        .obligations
        .iter()
        .filter(|o| o.status == "met")
        .count();
    assert_eq!(
        view.compliance
            .obligations
            .iter()
            .filter(|p| p.status == zhibu::sessions::PeriodStatus::Met)
            .count(),
        met_lines
    );
    // A branch that has not reported has nothing to open.
    assert!(window::read_branch(&stored, &silent.branch_id, today())
        .unwrap()
        .is_none());

    // The workbook is written from the same rows.
    let bytes = window::overview_workbook(&stored, today()).unwrap();
    assert_eq!(&bytes[..2], b"PK");

    // A wrong password is refused by the server, in Chinese.
    let wrong = reader.with_login(&reader.user, "not-the-password");
    let err = window::try_connection(&wrong).unwrap_err();
    assert!(err.to_string().contains("密码"), "{err}");

    // Forgetting it: the app is no 党委's window any more.
    db.write(|tx| window::forget(tx, ACTOR)).unwrap();
    assert!(db.read(window::connection_info).unwrap().is_none());
}

#[test]
fn the_readers_password_is_sealed_again_when_the_secretary_password_changes() {
    let c = cluster();
    let admin = Endpoint::parse(&c.admin_url(&fresh_database("winseal"))).unwrap();
    let ca = c.ca_path.display().to_string();
    let reader = Endpoint::parse(&superior::setup(&admin, &ca).unwrap().reader_url).unwrap();
    let (_dir, path, db) = file_db();
    db.write(|tx| window::save_connection(tx, &reader, ACTOR))
        .unwrap();
    db.password_set("书记密码12345678", ACTOR, now()).unwrap();
    db.password_change("书记密码12345678", "新的书记密码87654321", ACTOR, now())
        .unwrap();
    drop(db);
    // The password is not in the file as typed.
    let bytes = std::fs::read(&path).unwrap();
    assert!(!bytes
        .windows(reader.password.len())
        .any(|w| w == reader.password.as_bytes()));
    let db = Db::open(&path).unwrap();
    assert!(db.read(window::load_connection).is_err());
    db.unlock("新的书记密码87654321", now()).unwrap();
    assert_eq!(
        db.read(window::load_connection).unwrap(),
        Some(reader.clone())
    );

    // A sealed password is bound to its table: the 上报 connection's, copied behind the app's
    // back into the 党委's row, does not open there.
    let other = reader.with_login(&reader.user, "上报连接的另一个密码");
    db.write(|tx| superior::outbox::save_connection(tx, &other, ACTOR))
        .unwrap();
    drop(db);
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute(
        "UPDATE council_connection SET password = (SELECT password FROM superior_connection)",
        [],
    )
    .unwrap();
    drop(raw);
    let db = Db::open(&path).unwrap();
    db.unlock("新的书记密码87654321", now()).unwrap();
    assert!(db.read(window::load_connection).is_err());
    assert_eq!(
        db.read(superior::outbox::load_connection).unwrap(),
        Some(other)
    );
}
