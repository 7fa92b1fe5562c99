//! The secretary password and the sensitive fields sealed at rest, on real database files.

mod common;

use common::*;
use rusqlite::Connection;
use zhibu::members::{self, MemberInput, RosterQuery};
use zhibu::study::self_check;
use zhibu::study::SelfCheckMode;
use zhibu::{db, vault, Db, Error, Reason};

const PASSWORD: &str = "zhibu-书记-2026";
const NOW: &str = "2026-11-22T09:00:00";

fn now() -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(NOW, "%Y-%m-%dT%H:%M:%S").unwrap()
}

/// Sets the password as the app does (the new data key kept in memory); the recovery key.
fn set_password(db: &Db) -> vault::RecoveryKey {
    db.vault_rotate(|tx| {
        let (r, key) = vault::set_password(tx, PASSWORD, ACTOR, NOW)?;
        Ok((r, Some(key)))
    })
    .unwrap()
}

fn with_address(mut m: MemberInput) -> MemberInput {
    m.address = "重庆市永川区兴龙大道 88 号".into();
    m
}

/// Every byte of the database and its write-ahead log.
fn file_bytes(path: &std::path::Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    let wal = path.with_extension("sqlite3-wal");
    if let Ok(w) = std::fs::read(wal) {
        bytes.extend(w);
    }
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn id_number_phone_and_address_never_reach_the_file_in_clear() {
    let (_dir, path, db) = branch_db();
    let input = with_address(full_member("张三", "1980-05-06", 7));
    let m = db
        .write(|tx| members::add(tx, &input, today(), ACTOR))
        .unwrap();
    assert_eq!(m.id_number, input.id_number);
    assert_eq!(m.address, input.address);
    drop(db);

    let bytes = file_bytes(&path);
    assert!(contains(&bytes, "张三"), "names stay readable");
    for secret in [&input.id_number, "13900001111", "兴龙大道"] {
        assert!(
            !contains(&bytes, secret),
            "{secret} is in the file in clear"
        );
    }
    let conn = Connection::open(&path).unwrap();
    let (id_number, masked, phone_masked): (String, String, String) = conn
        .query_row(
            "SELECT id_number, id_masked, phone_masked FROM member",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert!(id_number.starts_with("x2:"));
    assert_eq!(masked, members::validate::mask_id_number(&input.id_number));
    assert_eq!(phone_masked, "139****1111");
}

#[test]
fn a_password_locks_the_sensitive_fields_until_given() {
    let (_dir, path, db) = branch_db();
    let input = with_address(full_member("张三", "1980-05-06", 7));
    let id = new_member(&db, &input);
    assert!(!db.is_locked(), "no password, nothing to lock");
    db.lock_data();
    assert!(!db.is_locked());

    // Too short a password is refused and nothing changes.
    let short = db.vault_write(|tx| {
        let (r, key) = vault::set_password(tx, "1234567", ACTOR, NOW)?;
        Ok((r, Some(key)))
    });
    assert!(matches!(
        short,
        Err(Error::Validation {
            reason: Reason::PasswordTooShort,
            ..
        })
    ));
    assert!(!db.read(vault::status).unwrap().password_set);

    let recovery = set_password(&db);
    assert_eq!(recovery.key.split('-').count(), 8);
    let again = db.vault_write(|tx| {
        let (r, key) = vault::set_password(tx, "another one", ACTOR, NOW)?;
        Ok((r, Some(key)))
    });
    assert!(matches!(
        again,
        Err(Error::Conflict {
            reason: Reason::PasswordAlreadySet
        })
    ));
    drop(db);

    let db = Db::open(&path).unwrap();
    assert!(db.is_locked(), "a guarded file opens locked");
    // Lists and names need no key; the record and any edit wait for the password.
    let page = db
        .read(|c| members::list(c, &RosterQuery::default(), today()))
        .unwrap();
    assert_eq!(page.rows[0].phone_masked, "139****1111");
    assert!(matches!(
        db.read(|c| members::get(c, &id, today())),
        Err(Error::Locked)
    ));
    let other = full_member("李四", "1985-01-02", 8);
    assert!(matches!(
        db.write(|tx| members::add(tx, &other, today(), ACTOR)),
        Err(Error::Locked)
    ));
    assert_eq!(
        db.read(|c| members::list(c, &RosterQuery::default(), today()))
            .unwrap()
            .total,
        1
    );

    assert!(matches!(
        db.unlock("wrong password", now()),
        Err(Error::Validation {
            reason: Reason::WrongPassword,
            ..
        })
    ));
    assert!(db.is_locked());
    db.unlock(PASSWORD, now()).unwrap();
    let m = db.read(|c| members::get(c, &id, today())).unwrap();
    assert_eq!(
        (m.id_number, m.address),
        (input.id_number.clone(), input.address)
    );

    db.lock_data();
    assert!(db.is_locked());
}

#[test]
fn the_members_own_look_up_works_while_locked() {
    let (_dir, _path, db) = branch_db();
    let input = full_member("张三", "1980-05-06", 7);
    let id = new_member(&db, &input);
    db.write(|tx| self_check::set_mode(tx, SelfCheckMode::IdLast6, ACTOR))
        .unwrap();
    set_password(&db);
    db.lock_data();
    let last6 = &input.id_number[input.id_number.len() - 6..];
    assert_eq!(
        db.read(|c| self_check::identify(c, "张三", last6)).unwrap(),
        id
    );
    assert!(db
        .read(|c| self_check::identify(c, "张三", "000000"))
        .is_err());
}

#[test]
fn the_recovery_key_resets_a_forgotten_password_and_loses_nothing() {
    let (_dir, path, db) = branch_db();
    let input = full_member("张三", "1980-05-06", 7);
    let id = new_member(&db, &input);
    let first = set_password(&db);
    drop(db);

    let db = Db::open(&path).unwrap();
    let wrong = db.vault_write(|tx| {
        let (r, key) = vault::recover(
            tx,
            "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH",
            "new password",
            ACTOR,
            NOW,
        )?;
        Ok((r, Some(key)))
    });
    assert!(matches!(
        wrong,
        Err(Error::Validation {
            reason: Reason::WrongRecoveryKey,
            ..
        })
    ));
    assert!(db.is_locked());

    // Typed in lower case with spaces, as people do.
    let typed = first.key.to_lowercase().replace('-', " ");
    let second = db
        .vault_write(|tx| {
            let (r, key) = vault::recover(tx, &typed, "new password", ACTOR, NOW)?;
            Ok((r, Some(key)))
        })
        .unwrap();
    assert!(!db.is_locked(), "recovering unlocks");
    assert_ne!(second.key, first.key, "a used recovery key is replaced");
    assert_eq!(
        db.read(|c| members::get(c, &id, today()))
            .unwrap()
            .id_number,
        input.id_number
    );
    drop(db);

    let db = Db::open(&path).unwrap();
    assert!(
        db.unlock(PASSWORD, now()).is_err(),
        "the forgotten password is gone"
    );
    db.unlock("new password", now()).unwrap();
    let stale = db.vault_write(|tx| {
        let (r, key) = vault::recover(tx, &first.key, "third password", ACTOR, NOW)?;
        Ok((r, Some(key)))
    });
    assert!(stale.is_err(), "the used recovery key no longer works");
}

#[test]
fn changing_and_removing_the_password_keep_the_data() {
    let (_dir, path, db) = branch_db();
    let input = full_member("张三", "1980-05-06", 7);
    let id = new_member(&db, &input);
    set_password(&db);
    let wrong = db.vault_write(|tx| {
        let (_, key) = vault::change_password(tx, "not it", "second password", ACTOR, NOW)?;
        Ok(((), Some(key)))
    });
    assert!(matches!(
        wrong,
        Err(Error::Validation {
            field: "current_password",
            reason: Reason::WrongPassword
        })
    ));
    db.vault_write(|tx| {
        let (_, key) = vault::change_password(tx, PASSWORD, "second password", ACTOR, NOW)?;
        Ok(((), Some(key)))
    })
    .unwrap();
    drop(db);

    let db = Db::open(&path).unwrap();
    assert!(db.unlock(PASSWORD, now()).is_err());
    db.unlock("second password", now()).unwrap();
    db.vault_write(|tx| {
        Ok((
            (),
            Some(vault::remove_password(tx, "second password", ACTOR)?),
        ))
    })
    .unwrap();
    drop(db);

    let db = Db::open(&path).unwrap();
    assert!(
        !db.is_locked(),
        "without a password the file opens unlocked"
    );
    assert_eq!(
        db.read(|c| members::get(c, &id, today()))
            .unwrap()
            .id_number,
        input.id_number
    );
    let actions: Vec<String> = db
        .read(|c| {
            Ok(
                c.prepare("SELECT action FROM change_log WHERE entity = 'vault' ORDER BY seq")?
                    .query_map([], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?,
            )
        })
        .unwrap();
    assert_eq!(actions, ["set", "change", "remove"]);
}

#[test]
fn idle_minutes_are_kept_within_bounds() {
    let (_dir, _path, db) = branch_db();
    assert_eq!(db.read(vault::status).unwrap().idle_minutes, 10);
    for bad in [0, 241] {
        assert!(matches!(
            db.set_idle_minutes(bad, ACTOR),
            Err(Error::Validation {
                reason: Reason::IdleMinutesRange,
                ..
            })
        ));
    }
    assert_eq!(
        db.vault_status().idle_minutes,
        10,
        "a refused value changes nothing"
    );
    db.set_idle_minutes(5, ACTOR).unwrap();
    assert_eq!(db.read(vault::status).unwrap().idle_minutes, 5);
    // The copy the app checks before every command follows.
    assert_eq!(db.vault_status().idle_minutes, 5);
}

#[test]
fn an_older_file_has_its_members_sealed_by_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zhibu.sqlite3");
    let id_number = id_number("1980-05-06", 7, members::Gender::Male);
    {
        let mut conn = Connection::open(&path).unwrap();
        db::migrations().to_version(&mut conn, 4).unwrap();
        conn.execute(
            "INSERT INTO member (id, name, gender, birth_date, id_number, phone, stage,
                created_at, updated_at)
             VALUES ('m1', '张三', 'male', '1980-05-06', ?1, '13900001111', 'full', ?2, ?2)",
            rusqlite::params![id_number, NOW],
        )
        .unwrap();
    }
    let db = Db::open(&path).unwrap();
    let m = db.read(|c| members::get(c, "m1", today())).unwrap();
    assert_eq!(
        (m.id_number.as_str(), m.phone.as_str()),
        (id_number.as_str(), "13900001111")
    );
    let stored: String = db
        .read(|c| Ok(c.query_row("SELECT id_number FROM member", [], |r| r.get(0))?))
        .unwrap();
    assert!(stored.starts_with("x2:"), "sealed for its place");
    // The lookup tag written by the upgrade catches a duplicate.
    let branch = zhibu::branch::BranchInput {
        name: "测试党支部".into(),
        ..Default::default()
    };
    db.write(|tx| zhibu::branch::create(tx, &branch, today(), ACTOR))
        .unwrap();
    let mut dup = full_member("李四", "1980-05-06", 7);
    dup.id_number = id_number.clone();
    assert!(matches!(
        db.write(|tx| members::add(tx, &dup, today(), ACTOR)),
        Err(Error::Validation {
            field: "id_number",
            reason: Reason::IdNumberDuplicate
        })
    ));
}

#[test]
fn a_restored_backup_keeps_its_own_password() {
    let (dir, _path, db) = branch_db();
    let input = full_member("张三", "1980-05-06", 7);
    let id = new_member(&db, &input);
    let copy = dir.path().join("before-password.sqlite3");
    db.read(|c| zhibu::backup::copy_to(c, &copy)).unwrap();
    set_password(&db);
    let guarded = dir.path().join("guarded.sqlite3");
    db.read(|c| zhibu::backup::copy_to(c, &guarded)).unwrap();

    // Restoring the copy from before the password: no password, unlocked.
    zhibu::backup::restore(&db, &copy, zhibu::ids::local_now()).unwrap();
    assert!(!db.is_locked());
    assert!(!db.read(vault::status).unwrap().password_set);
    assert!(!db.vault_status().password_set);
    // The password made a new data key: the key in memory now (the copy's) is not the
    // guarded copy's, so restoring it locks until its password is given.
    zhibu::backup::restore(&db, &guarded, zhibu::ids::local_now()).unwrap();
    assert!(db.read(vault::status).unwrap().password_set);
    assert!(db.vault_status().password_set);
    assert!(db.is_locked());
    db.unlock(PASSWORD, now()).unwrap();
    // Restoring it again while unlocked with its own key stays unlocked.
    zhibu::backup::restore(&db, &guarded, zhibu::ids::local_now()).unwrap();
    assert!(!db.is_locked());
    assert_eq!(
        db.read(|c| members::get(c, &id, today()))
            .unwrap()
            .id_number,
        input.id_number
    );
}

#[test]
fn the_command_line_needs_the_password_for_a_full_record() {
    let (_dir, path, db) = branch_db();
    let input = full_member("张三", "1980-05-06", 7);
    db.write(|tx| members::add(tx, &input, today(), ACTOR))
        .unwrap();
    set_password(&db);
    drop(db);
    let run = |args: &[&str], password: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_zhibu"));
        cmd.arg("--db")
            .arg(&path)
            .args(args)
            .env_remove("ZHIBU_PASSWORD");
        if let Some(p) = password {
            cmd.env("ZHIBU_PASSWORD", p);
        }
        cmd.output().unwrap()
    };
    let list = run(&["member", "list", "--json"], None);
    assert!(list.status.success());
    assert!(!String::from_utf8_lossy(&list.stdout).contains(&input.id_number));

    let locked = run(&["member", "show", "张三", "--json"], None);
    assert!(!locked.status.success());
    let err = String::from_utf8_lossy(&locked.stderr);
    assert!(
        err.contains("已锁定") && err.contains("ZHIBU_PASSWORD"),
        "{err}"
    );

    let wrong = run(
        &["member", "show", "张三", "--json"],
        Some("wrong password"),
    );
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("密码不正确"));

    let shown = run(&["member", "show", "张三", "--json"], Some(PASSWORD));
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    assert!(String::from_utf8_lossy(&shown.stdout).contains(&input.id_number));
}
