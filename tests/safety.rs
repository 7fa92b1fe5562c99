//! Keeping the data safe: checked backups with rotation, a backup before migrating, restore
//! that refuses bad files and keeps the data it replaces, and `verify` catching a tampered log.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use chrono::NaiveDateTime;
use common::*;
use zhibu::backup::{self, BackupKind};
use zhibu::members::{self, RosterQuery};
use zhibu::{db, Db, Error};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn names(db: &Db) -> Vec<String> {
    db.read(|c| members::list(c, &RosterQuery::default(), today()))
        .unwrap()
        .rows
        .into_iter()
        .map(|m| m.name)
        .collect()
}

fn add_member(db: &Db, name: &str, seq: u32) {
    db.write(|tx| members::add(tx, &full_member(name, "1980-01-01", seq), today(), ACTOR))
        .unwrap();
}

#[test]
fn a_backup_is_a_checked_copy_and_automatic_ones_rotate() {
    let (_dir, path, db) = branch_db();
    add_member(&db, "张三", 1);
    let s = backup::backup(&db, BackupKind::Manual, None, at("2026-11-22 09:00:00")).unwrap();
    assert_eq!(s.members, 1);
    assert_eq!(s.branch_name.as_deref(), Some("测试党支部"));
    let copy = Db::open(Path::new(&s.path)).unwrap();
    assert_eq!(names(&copy), ["张三"]);
    drop(copy);

    // A daily backup once a day; seven kept, the oldest dropped.
    for day in 1..=9 {
        let now = at(&format!("2026-11-{day:02} 08:00:00"));
        assert!(backup::daily(&db, now.date(), now).unwrap().is_some());
        assert!(
            backup::daily(&db, now.date(), now).unwrap().is_none(),
            "twice on day {day}"
        );
    }
    let list = backup::list(&path).unwrap();
    let daily: Vec<_> = list
        .iter()
        .filter(|b| b.kind == BackupKind::Daily)
        .collect();
    assert_eq!(daily.len(), 7);
    assert_eq!(daily[0].taken_at, "2026-11-09 08:00");
    assert_eq!(daily[6].taken_at, "2026-11-03 08:00");
    // Manual backups are never rotated away.
    assert_eq!(
        list.iter().filter(|b| b.kind == BackupKind::Manual).count(),
        1
    );
    // No temporary files are left behind.
    let dir = backup::backups_dir(&path);
    assert!(fs::read_dir(dir)
        .unwrap()
        .flatten()
        .all(|e| e.file_name().to_string_lossy().ends_with(".sqlite3")));
}

#[test]
fn restore_brings_back_the_backup_and_keeps_what_it_replaced() {
    let (dir, _path, db) = branch_db();
    add_member(&db, "张三", 1);
    let saved = dir.path().join("周五.sqlite3");
    backup::backup(
        &db,
        BackupKind::Manual,
        Some(&saved),
        at("2026-11-20 17:00:00"),
    )
    .unwrap();
    add_member(&db, "李四", 2);
    assert_eq!(names(&db), ["李四", "张三"], "in 拼音 order");

    let done = backup::restore(&db, &saved, at("2026-11-22 10:00:00")).unwrap();
    assert_eq!(names(&db), ["张三"]);
    assert_eq!(done.restored.members, 1);
    // The data it replaced is in the safety backup, and the app keeps working on the file.
    let safety = Db::open(Path::new(&done.safety_backup.path)).unwrap();
    assert_eq!(names(&safety), ["李四", "张三"]);
    add_member(&db, "王五", 3);
    assert_eq!(names(&db), ["王五", "张三"]);
    assert!(db.read(db::verify).unwrap().ok());
}

#[test]
fn a_foreign_damaged_newer_or_same_file_is_refused_and_nothing_changes() {
    let (dir, path, db) = branch_db();
    add_member(&db, "张三", 1);
    let before = fs::read_dir(backup::backups_dir(&path))
        .map(|d| d.count())
        .unwrap_or(0);

    let text = dir.path().join("名单.sqlite3");
    fs::write(&text, "姓名,性别\n张三,男\n").unwrap();
    let good = dir.path().join("good.sqlite3");
    backup::backup(
        &db,
        BackupKind::Manual,
        Some(&good),
        at("2026-11-22 09:00:00"),
    )
    .unwrap();
    let bytes = fs::read(&good).unwrap();
    let damaged = dir.path().join("damaged.sqlite3");
    fs::write(&damaged, &bytes[..bytes.len() / 2]).unwrap();
    let newer = dir.path().join("newer.sqlite3");
    fs::copy(&good, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let other_app = dir.path().join("other.sqlite3");
    rusqlite::Connection::open(&other_app)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();

    for (file, what) in [
        (&text, "text"),
        (&damaged, "damaged"),
        (&other_app, "another app's database"),
        (&dir.path().join("missing.sqlite3"), "missing"),
    ] {
        let err = backup::restore(&db, file, at("2026-11-22 10:00:00")).unwrap_err();
        assert!(matches!(err, Error::NotADatabase { .. }), "{what}: {err:?}");
    }
    let err = backup::restore(&db, &newer, at("2026-11-22 10:00:00")).unwrap_err();
    assert!(
        matches!(err, Error::SchemaTooNew { found: 99, .. }),
        "{err:?}"
    );
    let err = backup::restore(&db, &path, at("2026-11-22 10:00:00")).unwrap_err();
    assert!(err.to_string().contains("当前正在使用的数据库"), "{err}");

    assert_eq!(names(&db), ["张三"]);
    // Refused before any safety backup was taken; the chosen files are untouched.
    let after = fs::read_dir(backup::backups_dir(&path))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(before, after);
    assert_eq!(fs::read(&text).unwrap(), "姓名,性别\n张三,男\n".as_bytes());
}

#[test]
fn opening_an_older_database_backs_it_up_before_migrating() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zhibu.sqlite3");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        db::migrations().to_version(&mut conn, 3).unwrap();
        conn.execute(
            "INSERT INTO branch (id, name, created_at, updated_at) VALUES ('b', '老支部', '', '')",
            [],
        )
        .unwrap();
    }
    let db = Db::open(&path).unwrap();
    let list = backup::list(&path).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].kind, BackupKind::PreMigration);
    let old = backup::summarize(Path::new(&list[0].path)).unwrap();
    assert_eq!(old.schema_version, 3);
    assert_eq!(old.branch_name.as_deref(), Some("老支部"));
    drop(db);
    // Opening an up-to-date file takes no further backup.
    Db::open(&path).unwrap();
    assert_eq!(backup::list(&path).unwrap().len(), 1);
}

#[test]
fn verify_catches_a_tampered_change_log_from_the_command_line() {
    let (_dir, path, db) = branch_db();
    add_member(&db, "张三", 1);
    add_member(&db, "李四", 2);
    drop(db);
    let zhibu = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_zhibu"))
            .arg("--db")
            .arg(&path)
            .args(args)
            .env_remove("ZHIBU_DB")
            .output()
            .unwrap()
    };
    let ok = zhibu(&["verify"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("哈希链完整"));

    // Someone edits a logged change behind the app's back.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE change_log SET detail = replace(detail, '李四', '王五')
             WHERE seq = (SELECT max(seq) FROM change_log WHERE detail LIKE '%李四%')",
            [],
        )
        .unwrap();
    let bad = zhibu(&["verify", "--json"]);
    assert!(!bad.status.success());
    let report: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert!(report["change_log_broken_at"].is_i64(), "{report}");
    assert_eq!(report["integrity"], serde_json::json!(["ok"]));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("校验未通过"));

    // backup -o and restore from the command line: a copy of the tampered log is refused
    // until forced.
    let copy = path.with_file_name("copy.sqlite3");
    let out = zhibu(&["backup", "-o", copy.to_str().unwrap(), "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = zhibu(&["restore", copy.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("变更日志第"));
    let out = zhibu(&["restore", copy.to_str().unwrap(), "--force"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("原有数据已先备份到"));
    let out = zhibu(&["backups"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("恢复前备份"));
}

#[test]
fn a_file_brought_from_elsewhere_is_kept_only_when_sound_and_restored_by_name() {
    let (dir, path, db) = branch_db();
    add_member(&db, "张三", 1);
    let elsewhere = dir.path().join("u盘.sqlite3");
    backup::backup(
        &db,
        BackupKind::Manual,
        Some(&elsewhere),
        at("2026-11-20 09:00:00"),
    )
    .unwrap();
    add_member(&db, "李四", 2);

    // Text and half a file are refused and leave nothing in the backups folder.
    let before = backup::list(&path).unwrap().len();
    assert!(backup::stage(&path, b"not a database", at("2026-11-22 09:00:00")).is_err());
    let bytes = fs::read(&elsewhere).unwrap();
    assert!(backup::stage(&path, &bytes[..bytes.len() / 3], at("2026-11-22 09:00:01")).is_err());
    assert_eq!(backup::list(&path).unwrap().len(), before);
    let dir_files = fs::read_dir(backup::backups_dir(&path)).unwrap().count();
    assert_eq!(dir_files, before, "no temporary file left");

    let staged = backup::stage(&path, &bytes, at("2026-11-22 09:00:02")).unwrap();
    assert_eq!(staged.kind, BackupKind::Imported);
    // Only names of the backups folder resolve.
    for bad in ["../zhibu.sqlite3", "zhibu.sqlite3", "/etc/passwd"] {
        assert!(backup::resolve(&path, bad).is_err(), "{bad}");
    }
    let file = backup::resolve(&path, &staged.file_name).unwrap();
    backup::restore(&db, &file, at("2026-11-22 09:01:00")).unwrap();
    assert_eq!(names(&db), ["张三"]);
}

#[test]
fn a_damaged_database_is_moved_aside_and_the_latest_backup_put_in_its_place() {
    let (_dir, path, db) = branch_db();
    add_member(&db, "张三", 1);
    backup::backup(&db, BackupKind::Daily, None, at("2026-11-22 08:00:00")).unwrap();
    drop(db);
    // The file is damaged: its second half is gone.
    let bytes = fs::read(&path).unwrap();
    fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let damaged = fs::read(&path).unwrap();
    assert!(
        matches!(
            Db::open(&path),
            Err(Error::NotADatabase { .. }) | Err(Error::Db(_))
        ) || {
            // SQLite may open a truncated file; the integrity check still tells.
            let db = Db::open(&path).unwrap();
            !db.read(db::verify).unwrap().ok()
        }
    );
    assert_eq!(
        fs::read(&path).unwrap(),
        damaged,
        "opening did not touch it"
    );

    let latest = &backup::list(&path).unwrap()[0];
    let aside = backup::recover(&path, Path::new(&latest.path), at("2026-11-22 09:00:00")).unwrap();
    assert_eq!(
        fs::read(&aside).unwrap(),
        damaged,
        "the damaged file is kept as it was"
    );
    let db = Db::open(&path).unwrap();
    assert_eq!(names(&db), ["张三"]);

    // A bad backup moves nothing.
    drop(db);
    let before = fs::read(&path).unwrap();
    let junk = path.with_file_name("junk.sqlite3");
    fs::write(&junk, b"junk").unwrap();
    assert!(backup::recover(&path, &junk, at("2026-11-22 10:00:00")).is_err());
    assert_eq!(fs::read(&path).unwrap(), before);
}

/// Starting over (the first run's choice made again): the data is backed up, the database
/// is empty and asks for a branch again, and the backup brings everything back.
#[test]
fn starting_over_empties_the_database_after_a_backup_that_restores_it() {
    let (_dir, path, db) = branch_db();
    add_member(&db, "张三", 1);
    let safety = backup::start_over(&db, at("2026-11-22 10:00:00")).unwrap();
    assert_eq!(safety.members, 1);
    assert!(db.read(zhibu::branch::get).unwrap().is_none());
    assert!(names(&db).is_empty());
    assert!(db.read(db::verify).unwrap().ok());
    let listed = backup::list(&path).unwrap();
    assert!(listed
        .iter()
        .any(|b| b.kind == BackupKind::BeforeStartOver && b.path == safety.path));

    // The demo branch can be made on the emptied file, and the backup restores the old data.
    db.write(|tx| zhibu::demo::create(tx, today(), ACTOR))
        .unwrap();
    assert!(!names(&db).is_empty());
    backup::restore(&db, Path::new(&safety.path), at("2026-11-22 11:00:00")).unwrap();
    assert_eq!(names(&db), ["张三"]);
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn two_backups_in_the_same_second_are_both_kept() {
    let (_dir, path, db) = branch_db();
    add_member(&db, "张三", 1);
    let now = at("2026-11-22 09:00:00");
    let first = backup::backup(&db, BackupKind::Manual, None, now).unwrap();
    add_member(&db, "李四", 2);
    let second = backup::backup(&db, BackupKind::Manual, None, now).unwrap();
    assert_ne!(first.path, second.path);
    assert_eq!(
        backup::summarize(Path::new(&first.path)).unwrap().members,
        1
    );
    assert_eq!(
        backup::summarize(Path::new(&second.path)).unwrap().members,
        2
    );
    // Two restores in one second: each keeps its own safety backup.
    let a = backup::restore(&db, Path::new(&first.path), now).unwrap();
    let b = backup::restore(&db, Path::new(&second.path), now).unwrap();
    assert_ne!(a.safety_backup.path, b.safety_backup.path);
    assert_eq!(a.safety_backup.members, 2);
    assert_eq!(b.safety_backup.members, 1);
    let list = backup::list(&path).unwrap();
    assert_eq!(list.len(), 4, "{list:?}");
    // The name says which data file it is a backup of.
    assert!(list.iter().all(|b| b.file_name.starts_with("zhibu-zhibu-")));
}

#[test]
fn two_data_files_in_one_folder_keep_their_own_backups() {
    let dir = tempfile::tempdir().unwrap();
    let a_path = dir.path().join("a.sqlite3");
    let b_path = dir.path().join("b.sqlite3");
    let a = Db::open(&a_path).unwrap();
    let b = Db::open(&b_path).unwrap();
    let b_daily = backup::daily(&b, d("2026-10-01"), at("2026-10-01 08:00:00"))
        .unwrap()
        .unwrap();
    for day in 1..=9 {
        let now = at(&format!("2026-11-{day:02} 08:00:00"));
        backup::daily(&a, now.date(), now).unwrap().unwrap();
    }
    assert!(
        Path::new(&b_daily.path).is_file(),
        "a's rotation deleted b's backup"
    );
    let a_list = backup::list(&a_path).unwrap();
    assert_eq!(a_list.len(), 7, "{a_list:?}");
    assert!(a_list.iter().all(|e| e.file_name.starts_with("zhibu-a-")));
    // a's daily of a day does not count as b's.
    let b_today = backup::daily(&b, d("2026-11-09"), at("2026-11-09 09:00:00"))
        .unwrap()
        .unwrap();
    let b_list = backup::list(&b_path).unwrap();
    assert_eq!(b_list.len(), 2, "{b_list:?}");
    assert_eq!(
        [b_list[0].path.as_str(), b_list[1].path.as_str()],
        [b_today.path.as_str(), b_daily.path.as_str()]
    );
    assert_eq!(backup::list(&a_path).unwrap().len(), 7);
}

#[test]
fn backups_named_the_old_way_still_list_rotate_and_restore() {
    let (_dir, path, db) = branch_db();
    add_member(&db, "张三", 1);
    let dir = backup::backups_dir(&path);
    let old = dir.join("zhibu-20261101-080000-daily.sqlite3");
    backup::backup(
        &db,
        BackupKind::Manual,
        Some(&old),
        at("2026-11-01 08:00:00"),
    )
    .unwrap();
    let listed = backup::list(&path).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].kind, BackupKind::Daily);
    assert_eq!(listed[0].taken_at, "2026-11-01 08:00");
    let file = backup::resolve(&path, "zhibu-20261101-080000-daily.sqlite3").unwrap();
    add_member(&db, "李四", 2);
    backup::restore(&db, &file, at("2026-11-22 09:00:00")).unwrap();
    assert_eq!(names(&db), ["张三"]);
    for day in 2..=8 {
        let now = at(&format!("2026-11-{day:02} 08:00:00"));
        backup::daily(&db, now.date(), now).unwrap().unwrap();
    }
    assert!(!old.exists(), "the oldest daily, old-named, rotated out");
}

#[test]
fn a_temporary_file_left_by_a_killed_backup_is_removed_at_the_next_one() {
    let (_dir, path, db) = branch_db();
    let dir = backup::backups_dir(&path);
    fs::create_dir_all(&dir).unwrap();
    // A process that has ended, as a killed backup's would have.
    let mut child = Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let leftovers = [
        format!("zhibu-zhibu.{dead}.1.tmp"),
        format!("zhibu-20261122-090000-manual.tmp-{dead}"),
    ];
    let others = [
        // Another data file's, and one of a backup still running in this process.
        format!("zhibu-other.{dead}.1.tmp"),
        format!("zhibu-zhibu.{}.99.tmp", std::process::id()),
    ];
    for name in leftovers.iter().chain(&others) {
        fs::write(dir.join(name), vec![0u8; 4096]).unwrap();
    }
    backup::backup(&db, BackupKind::Manual, None, at("2026-11-22 09:00:00")).unwrap();
    let left = files_in(&dir);
    for name in &leftovers {
        assert!(!left.contains(name), "{name} still there: {left:?}");
    }
    for name in &others {
        assert!(left.contains(name), "{name} removed: {left:?}");
    }
}

/// Overwrites the root page of `table` with junk: the file still opens, the check fails.
fn damage_table(path: &Path, table: &str) {
    let (page, size): (i64, i64) = {
        let conn = rusqlite::Connection::open(path).unwrap();
        let page = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        let size = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        (page, size)
    };
    let mut bytes = fs::read(path).unwrap();
    let start = ((page - 1) * size) as usize;
    bytes[start..start + size as usize].fill(0xA5);
    fs::write(path, bytes).unwrap();
}

#[test]
fn a_file_found_damaged_is_not_written_to_until_restored() {
    let (_dir, path, db) = branch_db();
    add_member(&db, "张三", 1);
    let good = backup::backup(&db, BackupKind::Manual, None, at("2026-11-22 08:00:00")).unwrap();
    drop(db);
    damage_table(&path, "activity");
    let db = Db::open(&path).unwrap();
    let report = db.verify().unwrap();
    assert!(report.integrity != ["ok"], "{report:?}");
    let damaged = fs::read(&path).unwrap();
    let err = db
        .write(|tx| {
            zhibu::branch::add_group(
                tx,
                &zhibu::branch::GroupInput {
                    name: "第二党小组".into(),
                    leader_id: None,
                    formed_on: None,
                },
                "2026-11-22".parse().unwrap(),
                ACTOR,
            )
        })
        .unwrap_err();
    assert_eq!(
        err.reason(),
        Some(zhibu::Reason::DatabaseDamaged),
        "{err:?}"
    );
    assert!(err.to_string().contains("从备份恢复"), "{err}");
    drop(db);
    // Known from now on, by whoever opens it.
    let db = Db::open(&path).unwrap();
    assert!(db.is_damaged());
    assert!(db.write(|_| Ok(())).is_err());
    drop(db);
    assert_eq!(fs::read(&path).unwrap(), damaged, "nothing written");

    let done = backup::restore_file(
        &path,
        Path::new(&good.path),
        at("2026-11-22 09:00:00"),
        None,
    )
    .unwrap();
    let backup::RestoreOutcome::Recovered { damaged_kept, .. } = done else {
        panic!("{done:?}");
    };
    assert_eq!(fs::read(&damaged_kept).unwrap(), damaged);
    let db = Db::open(&path).unwrap();
    assert!(!db.is_damaged());
    assert_eq!(names(&db), ["张三"]);
    assert!(db.read(db::verify).unwrap().ok());
}

#[test]
fn a_backup_whose_change_log_was_edited_is_refused_unless_forced() {
    let (dir, _path, db) = branch_db();
    add_member(&db, "张三", 1);
    add_member(&db, "李四", 2);
    let edited = dir.path().join("edited.sqlite3");
    backup::backup(
        &db,
        BackupKind::Manual,
        Some(&edited),
        at("2026-11-22 08:00:00"),
    )
    .unwrap();
    rusqlite::Connection::open(&edited)
        .unwrap()
        .execute(
            "UPDATE change_log SET detail = replace(detail, '李四', '王五')
             WHERE seq = (SELECT max(seq) FROM change_log WHERE detail LIKE '%李四%')",
            [],
        )
        .unwrap();
    add_member(&db, "赵六", 3);
    let err = backup::restore(&db, &edited, at("2026-11-22 09:00:00")).unwrap_err();
    assert!(err.to_string().contains("变更日志"), "{err}");
    assert_eq!(names(&db).len(), 3, "nothing restored");

    backup::restore_forced(&db, &edited, at("2026-11-22 09:00:01"), ACTOR).unwrap();
    assert_eq!(names(&db).len(), 2);
    let logged = logged_detail(&db, "restore_unverified");
    assert!(logged.contains("edited.sqlite3"), "{logged}");
}

#[test]
fn a_writer_that_cannot_get_the_lock_says_so_in_chinese() {
    let (_dir, path, db) = branch_db();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    db.set_busy_timeout(std::time::Duration::from_millis(100))
        .unwrap();
    let err = db.write(|_| Ok(())).unwrap_err();
    assert_eq!(err.reason(), Some(zhibu::Reason::DatabaseBusy), "{err:?}");
    assert!(err.to_string().contains("另一项操作正在进行"), "{err}");
    other.execute_batch("ROLLBACK").unwrap();
    db.write(|_| Ok(())).unwrap();
}

#[test]
fn only_a_database_that_exists_is_opened_by_open_existing() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("zhibu.sqllite3");
    let err = Db::open_existing(&typo).err().unwrap();
    let text = err.to_string();
    assert!(
        text.contains("zhibu init") && text.contains("zhibu.sqllite3"),
        "{text}"
    );
    assert!(!typo.exists());
    let real = dir.path().join("zhibu.sqlite3");
    drop(Db::open(&real).unwrap());
    Db::open_existing(&real).unwrap();
}
