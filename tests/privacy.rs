//! What someone holding the data file (or a backup, or anything the app shows or exports
//! without the password) can learn of the 身份证号 and phone numbers: nothing that narrows
//! them down. And the sealed values themselves: each bound to its place, sealed again under a
//! new key whenever the password changes, the old key left nowhere in the file.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use chrono::NaiveDateTime;
use common::*;
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use zhibu::members::validate::id_check_char;
use zhibu::members::{self, Gender};
use zhibu::study::self_check;
use zhibu::study::SelfCheckMode;
use zhibu::{vault, Db, Error, Reason};

const PASSWORD: &str = "zhibu-书记-2026";
const NOW: &str = "2026-11-22 09:00:00";

fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str(NOW, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn set_password(db: &Db) -> vault::RecoveryKey {
    db.vault_rotate(|tx| {
        let (r, key) = vault::set_password(tx, PASSWORD, ACTOR, NOW)?;
        Ok((r, Some(key)))
    })
    .unwrap()
}

fn zhibu(db: &Path, args: &[&str], password: Option<&str>, stdin: &str) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zhibu"));
    cmd.arg("--db")
        .arg(db)
        .args(["--today", "2026-11-22"])
        .args(args)
        .env_remove("ZHIBU_DB")
        .env_remove("ZHIBU_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(p) = password {
        cmd.env("ZHIBU_PASSWORD", p);
    }
    let mut child = cmd.spawn().expect("run zhibu");
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every byte of the database and its write-ahead log.
fn file_bytes(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).unwrap();
    if let Ok(w) = std::fs::read(path.with_extension("sqlite3-wal")) {
        bytes.extend(w);
    }
    bytes
}

fn holds(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Whether the key is anywhere in the file or its WAL, raw or in hex.
fn key_in_file(path: &Path, key: &[u8]) -> bool {
    let bytes = file_bytes(path);
    let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
    holds(&bytes, key) || holds(&bytes, hex.as_bytes())
}

/// Every text the file holds in clear: each value of each table, except the sealed values
/// and the vault's sealed keys.
fn clear_texts(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut out = Vec::new();
    for table in tables.iter().filter(|t| t.as_str() != "vault") {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..columns {
                let text = match r.get_ref(i).unwrap() {
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    ValueRef::Blob(b) => String::from_utf8_lossy(b).into_owned(),
                    ValueRef::Integer(n) => n.to_string(),
                    ValueRef::Real(x) => x.to_string(),
                    ValueRef::Null => continue,
                };
                if !text.starts_with("x1:") && !text.starts_with("x2:") {
                    out.push(text);
                }
            }
        }
    }
    out
}

/// Every cell of every sheet of a workbook, as text.
fn workbook_cells(path: &Path) -> Vec<String> {
    use calamine::{open_workbook, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        out.extend(range.used_cells().map(|(_, _, c)| c.to_string()));
    }
    out
}

/// Whether `masked` (same length, `*` for what is hidden) agrees with `candidate`.
fn agrees(masked: &str, candidate: &str) -> bool {
    masked.chars().count() == candidate.chars().count()
        && masked
            .chars()
            .zip(candidate.chars())
            .all(|(m, c)| m == '*' || m == c)
}

/// The 身份证号 consistent with everything seen: the region (assumed known), the birth date
/// in clear, the gender's parity, a valid check character, and every masked form seen.
fn id_candidates(region: &str, birth: &str, gender: Gender, masks: &[String]) -> Vec<String> {
    let b = birth.replace('-', "");
    let mut out = Vec::new();
    for seq in 0..1000u32 {
        let odd = seq % 2 == 1;
        if odd != (gender == Gender::Male) {
            continue;
        }
        let first17 = format!("{region}{b}{seq:03}");
        let id = format!("{first17}{}", id_check_char(&first17).unwrap());
        if masks.iter().all(|m| agrees(m, &id)) {
            out.push(id);
        }
    }
    out
}

/// How many phone numbers agree with every masked form seen of one.
fn phone_candidates(masks: &[String]) -> u64 {
    let Some(first) = masks.first() else {
        return u64::MAX;
    };
    let len = first.chars().count();
    // A position any form shows is known; the others are any digit.
    let hidden = (0..len)
        .filter(|&i| {
            masks
                .iter()
                .all(|m| m.chars().nth(i).is_none_or(|c| c == '*'))
        })
        .count();
    10u64.pow(hidden as u32)
}

/// The 我的学时 tail as the old scheme stored it (PBKDF2 under a salt kept beside it):
/// whether `last6` matches, tried without any key.
fn unkeyed_tail_matches(stored: &str, last6: &str) -> bool {
    let mut parts = stored.split('$');
    let (Some("pbkdf2-sha256"), Some(rounds), Some(salt), Some(expected)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(
        last6.as_bytes(),
        salt.as_bytes(),
        rounds.parse().unwrap(),
        &mut out,
    );
    let hex: String = out.iter().map(|b| format!("{b:02x}")).collect();
    hex == expected
}

#[test]
fn nothing_shown_or_stored_in_clear_gives_back_an_id_number_or_a_phone() {
    let (dir, path, db) = file_db();
    db.write(|tx| zhibu::demo::create(tx, today(), ACTOR))
        .unwrap();
    db.write(|tx| self_check::set_mode(tx, SelfCheckMode::IdLast6, ACTOR))
        .unwrap();
    // Edit every member once, so the change log holds their update entries too.
    let ids: Vec<String> = db
        .read(|c| {
            Ok(c.prepare("SELECT id FROM member")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        })
        .unwrap();
    let mut truth = BTreeMap::new();
    for id in &ids {
        let m = db.read(|c| members::get(c, id, today())).unwrap();
        truth.insert(id.clone(), m);
    }
    set_password(&db);
    drop(db);

    // Locked, as someone without the password has it: the list, the masked 台账.
    let list = ok(zhibu(&path, &["member", "list", "--json"], None, ""));
    let ledger = dir.path().join("台账.xlsx");
    ok(zhibu(
        &path,
        &[
            "export",
            "ledger",
            "--year",
            "2026",
            "-o",
            ledger.to_str().unwrap(),
        ],
        None,
        "",
    ));
    let mut seen = clear_texts(&path);
    seen.push(list);
    seen.extend(workbook_cells(&ledger));
    let everything = seen.join("\n");

    let conn = Connection::open(&path).unwrap();
    let mut tails = 0;
    for (id, m) in &truth {
        assert!(!everything.contains(&m.id_number), "{}'s 身份证号", m.name);
        let leak: Vec<&String> = seen
            .iter()
            .filter(|t| !m.phone.is_empty() && t.contains(&m.phone))
            .collect();
        assert!(leak.is_empty(), "{}'s phone in {leak:?}", m.name);

        // Every masked form of this member's numbers anywhere: the row, the change log.
        let (id_masked, phone_masked, tail): (String, String, Option<String>) = conn
            .query_row(
                "SELECT id_masked, phone_masked, id_tail FROM member WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        let mut id_masks = vec![id_masked];
        let mut phone_masks = vec![phone_masked];
        let details: Vec<String> = conn
            .prepare("SELECT detail FROM change_log WHERE entity_id = ?1")
            .unwrap()
            .query_map([id], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for d in details {
            let v: serde_json::Value = serde_json::from_str(&d).unwrap_or_default();
            if let Some(s) = v["id_number"].as_str().filter(|s| !s.is_empty()) {
                id_masks.push(s.to_string());
            }
            if let Some(s) = v["phone"].as_str().filter(|s| !s.is_empty()) {
                phone_masks.push(s.to_string());
            }
        }
        let region = &m.id_number[..6];
        let ids = id_candidates(region, &m.birth_date.to_string(), m.gender, &id_masks);
        assert!(ids.contains(&m.id_number), "the search is sound");
        assert!(
            ids.len() > 100,
            "{}: only {} 身份证号 fit what is shown ({id_masks:?})",
            m.name,
            ids.len()
        );
        phone_masks.retain(|p| !p.is_empty());
        assert!(
            m.phone.is_empty() || phone_candidates(&phone_masks) > 1000,
            "{}: {phone_masks:?}",
            m.name
        );
        // The stored tail cannot be tried without a key (only the true number's is tried
        // here, which is the attacker's best case).
        if let Some(tail) = tail {
            tails += 1;
            let last6 = &m.id_number[12..];
            assert!(!unkeyed_tail_matches(&tail, last6), "{}", m.name);
            assert!(!tail.contains(last6));
        }
    }
    assert!(tails > 10, "the last-six mode keeps tails");
}

#[test]
fn a_new_password_leaves_the_old_key_in_no_page_of_the_file_or_its_wal() {
    let (_dir, path, db) = branch_db();
    db.write(|tx| members::add(tx, &full_member("张三", "1980-05-06", 7), today(), ACTOR))
        .unwrap();
    let plain = |db: &Db| -> Vec<u8> {
        db.read(|c| Ok(c.query_row("SELECT plain_key FROM vault", [], |r| r.get(0))?))
            .unwrap()
    };
    let first = plain(&db);
    assert!(
        key_in_file(&path, &first),
        "the search finds a key that is there"
    );

    set_password(&db);
    assert!(!key_in_file(&path, &first), "the key before the password");

    // The key now in memory is the new one, and it is nowhere in the file either.
    let second = db.read(vault::key).unwrap();
    assert_ne!(second.bytes(), &first[..]);
    assert!(!key_in_file(&path, second.bytes()));

    let third = db
        .vault_rotate(|tx| {
            let (r, key) = vault::change_password(tx, PASSWORD, "second password", ACTOR, NOW)?;
            Ok((r, Some(key)))
        })
        .map(|_| db.read(vault::key).unwrap())
        .unwrap();
    assert_ne!(third.bytes(), second.bytes());
    for key in [&first[..], second.bytes(), third.bytes()] {
        assert!(!key_in_file(&path, key));
    }

    db.vault_rotate(|tx| {
        let key = vault::remove_password(tx, "second password", ACTOR)?;
        Ok(((), Some(key)))
    })
    .unwrap();
    let fourth = plain(&db);
    assert!(
        key_in_file(&path, &fourth),
        "without a password the key is in the file"
    );
    for key in [&first[..], second.bytes(), third.bytes()] {
        assert!(!key_in_file(&path, key));
    }
    let zhang = member_id(&db, "张三");
    let m = db.read(|c| members::get(c, &zhang, today())).unwrap();
    assert_eq!(m.phone, "13900001111", "nothing lost on the way");
}

#[test]
fn a_backup_from_before_the_password_opens_nothing_entered_after_it() {
    let (dir, path, db) = branch_db();
    db.write(|tx| members::add(tx, &full_member("张三", "1980-05-06", 7), today(), ACTOR))
        .unwrap();
    let before = dir.path().join("before.sqlite3");
    db.read(|c| zhibu::backup::copy_to(c, &before)).unwrap();
    set_password(&db);
    let later = full_member("李四", "1985-01-02", 8);
    db.write(|tx| members::add(tx, &later, today(), ACTOR))
        .unwrap();
    let li = member_id(&db, "李四");
    let zhang = member_id(&db, "张三");
    drop(db);

    // The backup's key, put in the current file's vault: as good as the attacker can do.
    let old_key: Vec<u8> = Connection::open(&before)
        .unwrap()
        .query_row("SELECT plain_key FROM vault", [], |r| r.get(0))
        .unwrap();
    let conn = Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE vault SET plain_key = ?1, password_key = NULL, password_salt = NULL",
        [&old_key],
    )
    .unwrap();
    drop(conn);
    let db = Db::open(&path).unwrap();
    assert!(!db.is_locked());
    let err = db.read(|c| members::get(c, &li, today())).unwrap_err();
    assert_eq!(err.reason(), Some(Reason::SealedValueUnreadable));
    assert!(
        db.read(|c| members::get(c, &zhang, today())).is_err(),
        "values entered before the password were sealed again under the new key"
    );
    assert!(!db.verify().unwrap().ok());
}

#[test]
fn a_sealed_value_moved_to_another_member_does_not_open_and_verify_names_it() {
    let (_dir, path, db) = branch_db();
    for (name, birth, seq) in [("张三", "1980-05-06", 7), ("李四", "1985-01-02", 8)] {
        db.write(|tx| members::add(tx, &full_member(name, birth, seq), today(), ACTOR))
            .unwrap();
    }
    let (zhang, li) = (member_id(&db, "张三"), member_id(&db, "李四"));
    set_password(&db);
    assert!(db.verify().unwrap().ok());
    drop(db);

    let conn = Connection::open(&path).unwrap();
    let sealed = |id: &str| -> String {
        conn.query_row("SELECT id_number FROM member WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let (a, b) = (sealed(&zhang), sealed(&li));
    for (id, value) in [(&zhang, "moving"), (&li, a.as_str()), (&zhang, b.as_str())] {
        conn.execute(
            "UPDATE member SET id_number = ?2 WHERE id = ?1",
            [id, value],
        )
        .unwrap();
    }
    drop(conn);

    let db = Db::open(&path).unwrap();
    db.unlock(PASSWORD, now()).unwrap();
    let err = db.read(|c| members::get(c, &zhang, today())).unwrap_err();
    assert_eq!(err.reason(), Some(Reason::SealedValueUnreadable));
    assert_eq!(err.details(), [format!("member {zhang}/id_number")]);
    let report = db.verify().unwrap();
    assert!(!report.ok());
    let mut expected = vec![
        format!("member {zhang}/id_number"),
        format!("member {li}/id_number"),
    ];
    expected.sort();
    assert_eq!(report.sealed_unreadable, expected);
    drop(db);
    let out = zhibu(&path, &["verify"], Some(PASSWORD), "");
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("无法解开") && said.contains(&zhang), "{said}");
}

#[test]
fn wrong_passwords_make_the_next_try_wait_even_after_a_restart() {
    let (_dir, path, db) = branch_db();
    set_password(&db);
    drop(db);
    let db = Db::open(&path).unwrap();
    for _ in 0..5 {
        let e = db.unlock("wrong password", now()).unwrap_err();
        assert_eq!(e.reason(), Some(Reason::WrongPassword));
    }
    drop(db);

    let db = Db::open(&path).unwrap();
    let later = now() + chrono::Duration::seconds(10);
    let e = db.unlock(PASSWORD, later).unwrap_err();
    assert_eq!(e.reason(), Some(Reason::UnlockThrottled));
    assert!(e.to_string().contains("20 秒"), "{e}");
    assert!(
        db.is_locked(),
        "not even the right password while the wait holds"
    );
    // A recovery key is throttled the same way.
    let e = db
        .throttled(
            later,
            || {
                db.vault_write(|tx| {
                    let (r, k) = vault::recover(tx, "AAAA", "new password", ACTOR, NOW)?;
                    Ok((r, Some(k)))
                })
            },
            |_| true,
        )
        .unwrap_err();
    assert_eq!(e.reason(), Some(Reason::UnlockThrottled));

    let after = now() + chrono::Duration::seconds(30);
    db.unlock(PASSWORD, after).unwrap();
    db.lock_data();
    // The right password started the count again: one wrong try costs nothing.
    assert_eq!(
        db.unlock("wrong", after).unwrap_err().reason(),
        Some(Reason::WrongPassword)
    );
    db.unlock(PASSWORD, after).unwrap();
}

#[test]
fn the_last_six_look_up_waits_for_the_first_unlock_then_works_at_the_lock_screen() {
    let (_dir, path, db) = branch_db();
    let input = full_member("张三", "1980-05-06", 7);
    db.write(|tx| members::add(tx, &input, today(), ACTOR))
        .unwrap();
    let id = member_id(&db, "张三");
    db.write(|tx| self_check::set_mode(tx, SelfCheckMode::IdLast6, ACTOR))
        .unwrap();
    set_password(&db);
    drop(db);

    let last6 = &input.id_number[12..];
    let db = Db::open(&path).unwrap();
    let e = db
        .read(|c| self_check::identify(c, "张三", last6))
        .unwrap_err();
    assert_eq!(e.reason(), Some(Reason::TailKeyNeeded));
    assert!(e.to_string().contains("书记"), "{e}");
    db.unlock(PASSWORD, now()).unwrap();
    db.lock_data();
    assert!(db.is_locked());
    assert_eq!(
        db.read(|c| self_check::identify(c, "张三", last6)).unwrap(),
        id
    );
    assert_eq!(
        db.read(|c| self_check::identify(c, "张三", "000000"))
            .unwrap_err()
            .reason(),
        Some(Reason::WrongPin)
    );
    drop(db);

    // As the upgrade leaves a file with a password: the old, unkeyed tails dropped, to be
    // made again at the first unlock.
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("UPDATE member SET id_tail = NULL; UPDATE vault SET tails_keyed = 0;")
        .unwrap();
    drop(conn);
    let db = Db::open(&path).unwrap();
    db.unlock(PASSWORD, now()).unwrap();
    db.lock_data();
    assert_eq!(
        db.read(|c| self_check::identify(c, "张三", last6)).unwrap(),
        id
    );
}

#[test]
fn the_command_line_sets_changes_recovers_and_removes_the_password_from_standard_input() {
    let (_dir, path, db) = branch_db();
    let input = full_member("张三", "1980-05-06", 7);
    db.write(|tx| members::add(tx, &input, today(), ACTOR))
        .unwrap();
    drop(db);
    let show =
        |password: Option<&str>| zhibu(&path, &["member", "show", "张三", "--json"], password, "");

    // Never from the arguments.
    assert!(!zhibu(&path, &["password", "set", PASSWORD], None, "")
        .status
        .success());

    let set = ok(zhibu(
        &path,
        &["password", "set"],
        None,
        &format!("{PASSWORD}\n"),
    ));
    assert!(set.contains("恢复密钥") && set.contains("打印"), "{set}");
    assert!(!show(None).status.success(), "locked once set");
    assert!(ok(show(Some(PASSWORD))).contains(&input.id_number));

    let short = zhibu(
        &path,
        &["password", "change"],
        None,
        &format!("{PASSWORD}\nshort\n"),
    );
    assert!(!short.status.success());
    assert!(stderr(&short).contains("密码"), "{}", stderr(&short));

    let changed = ok(zhibu(
        &path,
        &["password", "change", "--json"],
        None,
        &format!("{PASSWORD}\nsecond password\n"),
    ));
    let recovery: serde_json::Value = serde_json::from_str(&changed).unwrap();
    let recovery = recovery["recovery_key"].as_str().unwrap().to_string();
    assert_eq!(recovery.split('-').count(), 8);
    assert!(!show(Some(PASSWORD)).status.success());
    assert!(ok(show(Some("second password"))).contains(&input.id_number));

    let recovered = ok(zhibu(
        &path,
        &["password", "recover", "--json"],
        None,
        &format!("{}\nthird password\n", recovery.to_lowercase()),
    ));
    assert!(recovered.contains("recovery_key"));
    assert!(ok(show(Some("third password"))).contains(&input.id_number));

    let wrong = zhibu(&path, &["password", "remove"], None, "not it\n");
    assert!(!wrong.status.success());
    assert!(stderr(&wrong).contains("密码不正确"), "{}", stderr(&wrong));
    ok(zhibu(
        &path,
        &["password", "remove"],
        None,
        "third password\n",
    ));
    assert!(
        ok(show(None)).contains(&input.id_number),
        "no password, no lock"
    );
}

#[test]
fn wrong_zhibu_password_tries_are_throttled_across_runs() {
    let (_dir, path, db) = branch_db();
    set_password(&db);
    drop(db);
    for _ in 0..5 {
        let out = zhibu(&path, &["member", "list"], Some("wrong password"), "");
        assert!(stderr(&out).contains("密码不正确"), "{}", stderr(&out));
    }
    let out = zhibu(&path, &["member", "list"], Some(PASSWORD), "");
    assert!(!out.status.success());
    assert!(stderr(&out).contains("秒后再试"), "{}", stderr(&out));
}

#[test]
fn lists_reports_and_the_masked_ledger_need_no_password() {
    let (dir, path, db) = file_db();
    db.write(|tx| zhibu::demo::create(tx, today(), ACTOR))
        .unwrap();
    set_password(&db);
    drop(db);
    let out = dir.path().join("台账.xlsx");
    for args in [
        vec!["member", "list"],
        vec!["hours", "list"],
        vec!["hours", "list", "--member", "李晓红"],
        vec!["hours", "report"],
        vec![
            "export",
            "ledger",
            "--year",
            "2026",
            "-o",
            out.to_str().unwrap(),
        ],
    ] {
        ok(zhibu(&path, &args, None, ""));
    }
    let cells = workbook_cells(&out);
    assert!(cells.iter().any(|c| c == "******************"));
    // The full 台账 needs it.
    let full = zhibu(
        &path,
        &[
            "export",
            "ledger",
            "--year",
            "2026",
            "--reveal",
            "-o",
            out.to_str().unwrap(),
        ],
        None,
        "",
    );
    assert!(!full.status.success());
    assert!(stderr(&full).contains("已锁定"));
}

#[test]
fn opening_a_locked_file_keeps_members_found_by_name_masked() {
    let (_dir, path, db) = branch_db();
    db.write(|tx| members::add(tx, &full_member("张三", "1980-05-06", 7), today(), ACTOR))
        .unwrap();
    set_password(&db);
    drop(db);
    let db = Db::open(&path).unwrap();
    let id = member_id_locked(&db);
    let m = db.read(|c| members::get_masked(c, &id, today())).unwrap();
    assert_eq!(m.id_number, "******************");
    assert_eq!(m.phone, "139****1111");
    assert!(matches!(
        db.read(|c| members::get(c, &id, today())),
        Err(Error::Locked)
    ));
}

fn member_id_locked(db: &Db) -> String {
    db.read(|c| members::id_by_name(c, "张三")).unwrap()
}

/// A value sealed as version 11 sealed it: not bound to any place.
fn sealed_v1(key: &[u8], text: &str) -> String {
    use chacha20poly1305::aead::{Aead, KeyInit};
    use chacha20poly1305::{XChaCha20Poly1305, XNonce};
    let nonce = [7u8; 24];
    let sealed = XChaCha20Poly1305::new_from_slice(key)
        .unwrap()
        .encrypt(XNonce::from_slice(&nonce), text.as_bytes())
        .unwrap();
    let hex: String = [&nonce[..], &sealed]
        .concat()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("x1:{hex}")
}

#[test]
fn the_upgrade_masks_again_what_older_versions_showed_and_keeps_the_log_chained() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zhibu.sqlite3");
    let id = id_number("1980-05-06", 7, Gender::Male);
    let old_id_mask = format!("{}********{}", &id[..6], &id[14..]);
    {
        let mut conn = Connection::open(&path).unwrap();
        zhibu::db::migrations().to_version(&mut conn, 11).unwrap();
        let key: Vec<u8> = conn
            .query_row("SELECT plain_key FROM vault", [], |r| r.get(0))
            .unwrap();
        conn.execute(
            "INSERT INTO member (id, name, gender, birth_date, id_number, id_masked, phone,
                phone_masked, stage, created_at, updated_at)
             VALUES ('m1', '张三', 'male', '1980-05-06', ?1, ?2, ?3, '498*1234', 'full', ?4, ?4)",
            rusqlite::params![
                sealed_v1(&key, &id),
                old_id_mask,
                sealed_v1(&key, "49871234"),
                NOW
            ],
        )
        .unwrap();
        let detail =
            serde_json::json!({ "name": "张三", "id_number": old_id_mask, "phone": "498*1234" });
        zhibu::change_log::record(&conn, ACTOR, "member", "m1", "create", &detail).unwrap();
        zhibu::change_log::record(&conn, ACTOR, "member", "m1", "archive", &"later").unwrap();
        assert_eq!(zhibu::change_log::verify(&conn).unwrap(), None);
    }

    let db = Db::open(&path).unwrap();
    let (id_masked, phone_masked, stored): (String, String, String) = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT id_masked, phone_masked, id_number FROM member",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?)
        })
        .unwrap();
    assert_eq!(
        (id_masked.as_str(), phone_masked.as_str()),
        ("******************", "******34")
    );
    assert!(
        stored.starts_with("x2:"),
        "sealed again for its place: {stored}"
    );
    let m = db.read(|c| members::get(c, "m1", today())).unwrap();
    assert_eq!(
        (m.id_number.as_str(), m.phone.as_str()),
        (id.as_str(), "49871234")
    );

    let log: Vec<(String, String)> = db
        .read(|c| {
            Ok(
                c.prepare("SELECT action, detail FROM change_log ORDER BY seq")?
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?,
            )
        })
        .unwrap();
    let everything: String = log.iter().map(|(_, d)| d.as_str()).collect();
    assert!(
        !everything.contains(&id[14..]) && !everything.contains("1234"),
        "{log:?}"
    );
    let redact = log
        .iter()
        .find(|(a, _)| a == "redact")
        .expect("the upgrade says what it masked");
    assert!(
        redact.1.contains("\"change_log_entries\":1"),
        "{}",
        redact.1
    );
    let report = db.verify().unwrap();
    assert!(report.ok(), "{report:?}");
}
