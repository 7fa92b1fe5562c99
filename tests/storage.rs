//! The database file: migrations, schema snapshot, refusing foreign and newer files, transactions.

mod common;

use std::fs;

use common::*;
use sha2::{Digest, Sha256};
use zhibu::db::{self, Db};
use zhibu::members::{self, RosterQuery};
use zhibu::{change_log, Error};

#[test]
fn migrations_validate() {
    db::migrations().validate().unwrap();
}

/// Shipped migrations are never edited: each is pinned by its hash. Add a new file instead.
#[test]
fn shipped_migrations_are_unchanged() {
    let pinned = [
        "8a97e86027accbfd07f812e2d378d9c645f0734c09b7b01109a60b205e4b855e",
        "d797f9391d47cea026d6c5503c9d6c5fcf33726e34c92dea4ac13b6897ac5a30",
        "69a5616a7a9cfa0211060329f25860a217a5f722c9aa368f66027031b8d7fa1a",
        "71882b5e5a81ca64709a87b09e2917bea7cbe906eb93c5ed0bb449b97600e503",
        "47cacf8abcb48500afb48511922c85a42c2060e70c0d57077761c7cd6df4068d",
        "00d2aa778ca65dc2c5cb1e0130043e9df841b30c6b374daf477161ba3c6d5f55",
        "dcdd38da64b3958657c067d7bdfac9642bbdb379349df12a75d489a2a0fde6ef",
        "f30bc2f4a66a124c720682ecd97680f820f38603c2ca6ef12365315d972ca9fc",
        "86929f81311ad1ff60623dfe46fd8bf962958fc4f6b38cfb4e887c7b8775e567",
        "1ed2336a17805854552ee3049518a3f3efae108fcbdd656eec91b30a6397cce8",
        "827b2366a8da98acafb819370107b74d831ba7ebdb8ed982a8d57944b27b722f",
        "52e47ae2727bb23d952c96596ae0df73f539b5cc292811c836f085f50a22f645",
        "253f33e03c62880b05b37eac80a2202678e00cf997e244fe14f6265f73d874df",
        "45ef2342da9522197218da4669e478ec4d8a883fc713debe6da79bd7d6d75dd9",
        "455b3c07f939e17773ef0f4ed06c01a495722ab6a7266036b3088e9549e69c89",
        "f643601254a1ca9c65dfbdbe38c210c82c976666489889fa29d44d1b1dd7706f",
        "0d33ec475fd8048418281ed0954cf6e84b0ba0c8dc01088c8aeeb335a1c7beef",
        "689fea9c15fcf3db4d334ba364cb753df4e912ba04146846574c4fca29f7e22c",
    ];
    let actual: Vec<String> = db::migration_sql()
        .iter()
        .map(|sql| format!("{:x}", Sha256::digest(sql.as_bytes())))
        .collect();
    assert_eq!(
        actual.len(),
        pinned.len(),
        "add the new migration's hash here"
    );
    for (i, (a, p)) in actual.iter().zip(pinned).enumerate() {
        assert_eq!(a, p, "migration {} was edited after shipping", i + 1);
    }
}

/// The schema the migrations produce, compared with tests/snapshots/schema.sql.snap: the
/// recorded output of `sqlite_master`, a snapshot like insta's `.snap` files, not a source.
/// Set UPDATE_SNAPSHOTS=1 to rewrite it after adding a migration.
#[test]
fn schema_matches_snapshot() {
    let (_dir, _path, db) = file_db();
    let schema = db
        .read(|conn| {
            let mut stmt = conn.prepare(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
                 ORDER BY type DESC, name",
            )?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?.join(";\n") + ";\n")
        })
        .unwrap();
    let snapshot = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/snapshots/schema.sql.snap"
    );
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        fs::write(snapshot, &schema).unwrap();
    }
    assert_eq!(fs::read_to_string(snapshot).unwrap(), schema);
}

#[test]
fn reopening_keeps_data_and_marks_the_file() {
    let (_dir, path, db) = branch_db();
    db.write(|tx| members::add(tx, &full_member("张三", "1980-01-01", 1), today(), ACTOR))
        .unwrap();
    drop(db);
    let db = Db::open(&path).unwrap();
    let page = db
        .read(|c| members::list(c, &RosterQuery::default(), today()))
        .unwrap();
    assert_eq!(page.rows.len(), 1);
    let app_id: i64 = db
        .read(|c| Ok(c.query_row("PRAGMA application_id", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(app_id, db::APPLICATION_ID);
    let mode: String = db
        .read(|c| Ok(c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn a_newer_database_is_refused_untouched() {
    let (_dir, path, db) = branch_db();
    db.read(|c| Ok(c.pragma_update(None, "user_version", 99)?))
        .unwrap();
    drop(db);
    let before = fs::read(&path).unwrap();
    match Db::open(&path) {
        Err(Error::SchemaTooNew { found, supported }) => {
            assert_eq!((found, supported), (99, db::supported_version()))
        }
        other => panic!("expected SchemaTooNew, got {:?}", other.err()),
    }
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn foreign_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.sqlite3");
    fs::write(&text, "这不是数据库 — just some text that is long enough").unwrap();
    assert!(matches!(Db::open(&text), Err(Error::NotADatabase { .. })));
    assert_eq!(
        fs::read_to_string(&text).unwrap(),
        "这不是数据库 — just some text that is long enough"
    );

    // Another program's SQLite database: valid SQLite, but not ours.
    let other = dir.path().join("other.sqlite3");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(conn);
    let before = fs::read(&other).unwrap();
    assert!(matches!(Db::open(&other), Err(Error::NotADatabase { .. })));
    assert_eq!(fs::read(&other).unwrap(), before);
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    let (_dir, _path, db) = branch_db();
    let result: Result<(), Error> = db.write(|tx| {
        members::add(tx, &full_member("李四", "1981-02-02", 2), today(), ACTOR)?;
        // A later step of the same command fails: the member above must not stay.
        members::add(tx, &full_member("李四", "1981-02-02", 2), today(), ACTOR)?;
        Ok(())
    });
    assert!(result.is_err());
    let count: i64 = db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM member", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(count, 0);
    let events: i64 = db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM member_stage_event", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(events, 0);
}

#[test]
fn the_change_log_is_chained_and_shows_tampering() {
    let (_dir, _path, db) = branch_db();
    db.write(|tx| members::add(tx, &full_member("王五", "1982-03-03", 3), today(), ACTOR))
        .unwrap();
    assert_eq!(db.read(change_log::verify).unwrap(), None);
    let entries: i64 = db
        .read(|c| Ok(c.query_row("SELECT count(*) FROM change_log", [], |r| r.get(0))?))
        .unwrap();
    assert!(entries >= 2);
    // The log must not hold the 身份证号 in clear.
    let details: String = db
        .read(|c| {
            Ok(
                c.query_row("SELECT group_concat(detail) FROM change_log", [], |r| {
                    r.get(0)
                })?,
            )
        })
        .unwrap();
    assert!(!details.contains(&id_number("1982-03-03", 3, zhibu::members::Gender::Male)));

    db.read(|c| Ok(c.execute("UPDATE change_log SET actor = 'someone' WHERE seq = 1", [])?))
        .unwrap();
    assert_eq!(db.read(change_log::verify).unwrap(), Some(1));
}

#[test]
fn a_record_s_history_shows_each_change_with_its_fields_before_and_after() {
    let (_dir, _path, db) = branch_db();
    let mut input = full_member("张三", "1980-01-01", 1);
    let m = db
        .write(|tx| members::add(tx, &input, today(), ACTOR))
        .unwrap();
    input.phone = "023-49871234".into();
    input.notes = "调入".into();
    db.write(|tx| members::update(tx, &m.id, &input, today(), ACTOR))
        .unwrap();
    let history = db
        .read(|c| change_log::history(c, "member", &m.id))
        .unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].action, "create");
    assert!(history[0]
        .changes
        .iter()
        .any(|c| c.field == "name" && c.after == "张三"));
    let fields: Vec<&str> = history[1]
        .changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert_eq!(fields, ["notes", "phone"], "only what changed");
    let notes = &history[1].changes[0];
    assert_eq!(
        (notes.before.as_str(), notes.after.as_str()),
        (Some(""), Some("调入"))
    );
    // The log keeps personal numbers redacted: the phone change shows, not the number.
    let phone = &history[1].changes[1];
    assert_ne!(phone.after, "023-49871234");
    // Another record's history is its own.
    assert!(db
        .read(|c| change_log::history(c, "member", "nobody"))
        .unwrap()
        .is_empty());
}
