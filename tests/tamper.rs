//! Tamper evidence: edits made behind the app's back (a separate raw SQLite connection, the
//! attacker) to every table, the log's tail, a log rewritten with its chain, accumulators and
//! seal recomputed, swapped sealed values: each is caught by `verify` through the app. Clean
//! histories (many writes, a restore, a password set and removed) verify clean.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use common::*;
use hmac::{Hmac, Mac};
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use zhibu::backup::{self, BackupKind};
use zhibu::integrity::{head_path, head_status, seal_status};
use zhibu::{vault, Db, Error};

const PASSWORD: &str = "zhibu-书记-2026";
const NOW: &str = "2026-11-22T09:00:00";

fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str(NOW, "%Y-%m-%dT%H:%M:%S").unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

/// The demo branch in a file, closed: copies of it are what each case tampers with.
fn demo_file() -> (tempfile::TempDir, PathBuf) {
    let (dir, path, db) = file_db();
    db.write(|tx| zhibu::demo::create(tx, today(), ACTOR))
        .unwrap();
    drop(db);
    (dir, path)
}

/// A copy of the data file (and the head beside it) in a fresh folder.
fn copy_of(base: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zhibu.sqlite3");
    fs::copy(base, &path).unwrap();
    fs::copy(head_path(base), head_path(&path)).unwrap();
    (dir, path)
}

/// A copy of a demo file of its own, for a case that needs only the one.
fn demo_copy() -> ([tempfile::TempDir; 2], PathBuf) {
    let (base_dir, base) = demo_file();
    let (dir, path) = copy_of(&base);
    ([base_dir, dir], path)
}

/// A raw connection: no app, no triggers; foreign keys off so that an edit is just the one
/// the case makes.
fn attacker(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
    conn
}

fn names_of_changed(v: &zhibu::db::Verification) -> Vec<String> {
    v.tables_changed.iter().map(|t| t.table.clone()).collect()
}

fn covered_tables(conn: &Connection) -> Vec<String> {
    conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         ORDER BY name",
    )
    .unwrap()
    .query_map([], |r| r.get::<_, String>(0))
    .unwrap()
    .map(Result::unwrap)
    .filter(|n| !zhibu::integrity::UNCOVERED.contains(&n.as_str()))
    .collect()
}

fn columns(conn: &Connection, table: &str) -> Vec<String> {
    conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")
        .unwrap()
        .query_map([table], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// `WHERE` matching the table's first row by every column's value.
fn first_row(conn: &Connection, table: &str) -> Option<(String, Vec<rusqlite::types::Value>)> {
    let cols = columns(conn, table);
    let list = cols
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let values: Vec<rusqlite::types::Value> = conn
        .query_row(
            &format!("SELECT {list} FROM \"{table}\" LIMIT 1"),
            [],
            |r| (0..cols.len()).map(|i| r.get(i)).collect(),
        )
        .ok()?;
    let cond = cols
        .iter()
        .enumerate()
        .map(|(i, c)| format!("\"{c}\" IS ?{}", i + 1))
        .collect::<Vec<_>>()
        .join(" AND ");
    Some((cond, values))
}

#[derive(Clone, Copy, Debug)]
enum Edit {
    Add,
    Change,
    Delete,
}

/// Makes `edit` to `table` behind the app's back; false when the table has no rows to copy,
/// change or delete.
fn tamper(conn: &Connection, table: &str, edit: Edit) -> bool {
    let Some((cond, values)) = first_row(conn, table) else {
        return false;
    };
    let cols = columns(conn, table);
    match edit {
        Edit::Delete => {
            conn.execute(
                &format!("DELETE FROM \"{table}\" WHERE {cond}"),
                rusqlite::params_from_iter(values.iter()),
            )
            .unwrap();
            true
        }
        Edit::Change | Edit::Add => {
            // A copy's number goes past every existing one (a log's seq).
            let step = if matches!(edit, Edit::Add) {
                1_000_003
            } else {
                1
            };
            let changed = |i: usize| match &values[i] {
                rusqlite::types::Value::Integer(_) | rusqlite::types::Value::Real(_) => {
                    format!("\"{}\" + {step}", cols[i])
                }
                _ => format!("coalesce(\"{}\", '') || '改'", cols[i]),
            };
            // The first column (or pair of columns, for a copy that must differ in two unique
            // keys) whose edit the table's constraints accept.
            let n = cols.len();
            let mut tries: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
            if matches!(edit, Edit::Add) {
                // Every column of every unique key at once, then pairs.
                let unique: Vec<String> = conn
                    .prepare(
                        "SELECT DISTINCT ii.name FROM pragma_index_list(?1) il,
                         pragma_index_info(il.name) ii WHERE il.\"unique\"",
                    )
                    .unwrap()
                    .query_map([table], |r| r.get(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect();
                let set: Vec<usize> = (0..n).filter(|&i| unique.contains(&cols[i])).collect();
                tries.insert(0, set);
                tries.extend((0..n).flat_map(|i| (i + 1..n).map(move |j| vec![i, j])));
            }
            for set in tries {
                let sql = match edit {
                    Edit::Change => format!(
                        "UPDATE \"{table}\" SET {} WHERE {cond}",
                        set.iter()
                            .map(|&i| format!("\"{}\" = {}", cols[i], changed(i)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    _ => {
                        let select = (0..n)
                            .map(|j| {
                                if set.contains(&j) {
                                    changed(j)
                                } else {
                                    format!("\"{}\"", cols[j])
                                }
                            })
                            .collect::<Vec<_>>()
                            .join(", ");
                        format!(
                            "INSERT INTO \"{table}\" SELECT {select} FROM \"{table}\" WHERE {cond}"
                        )
                    }
                };
                if conn
                    .execute(&sql, rusqlite::params_from_iter(values.iter()))
                    .is_ok_and(|n| n > 0)
                {
                    return true;
                }
            }
            // A one-row table (CHECK (id = 1)) takes no second row.
            assert!(
                matches!(edit, Edit::Add),
                "no column of {table} could be edited"
            );
            false
        }
    }
}

#[test]
fn any_row_added_changed_or_deleted_in_any_table_is_named() {
    let (_base_dir, base) = demo_file();
    let tables = covered_tables(&attacker(&base));
    let mut tested = 0;
    for table in &tables {
        for edit in [Edit::Add, Edit::Change, Edit::Delete] {
            let (_dir, path) = copy_of(&base);
            if !tamper(&attacker(&path), table, edit) {
                continue;
            }
            tested += 1;
            let db = match Db::open(&path) {
                Ok(db) => db,
                // The data key's row made unreadable or deleted: the file is refused at once.
                Err(_) if table == "vault" => continue,
                Err(e) => panic!("{table} {edit:?}: {e}"),
            };
            let v = db.verify().unwrap();
            assert!(!v.ok(), "{table} {edit:?}: {v:?}");
            assert_eq!(
                names_of_changed(&v),
                vec![table.clone()],
                "{table} {edit:?}"
            );
            assert!(
                v.integrity == ["ok"] && !db.is_damaged(),
                "tampering is not damage"
            );
        }
    }
    // The demo fills most tables; every one with rows was edited three ways.
    assert!(tested >= 3 * 25, "only {tested} edits");
}

#[test]
fn a_clean_file_after_many_writes_verifies_clean() {
    let (_dir, base) = demo_file();
    let db = Db::open(&base).unwrap();
    let v = db.verify().unwrap();
    assert!(v.ok(), "{v:?}");
    assert_eq!(v.seal, seal_status::UNKEYED);
    assert_eq!(v.head, head_status::OK);
    assert!(v.tables_changed.is_empty());
}

#[test]
fn the_window_s_summary_names_an_edit_in_chinese_and_says_all_is_well_otherwise() {
    let (_base_dir, base) = demo_file();
    let clean = Db::open(&base).unwrap().verify().unwrap().summary(true);
    assert!(clean.ok && clean.sealed_checked, "{clean:?}");
    assert!(clean.change_log_entries > 0);
    assert!(
        clean
            .findings
            .iter()
            .all(|f| !f.contains("增加、修改或删除")),
        "{clean:?}"
    );

    let (_dir, path) = copy_of(&base);
    attacker(&path)
        .execute(
            "UPDATE study_hour_entry SET half_hours = half_hours * 10",
            [],
        )
        .unwrap();
    let tampered = Db::open(&path).unwrap().verify().unwrap().summary(false);
    assert!(!tampered.ok);
    assert!(!tampered.sealed_checked);
    assert!(
        tampered.findings.iter().any(|f| f.contains("学时")),
        "the finding names the table in Chinese: {:?}",
        tampered.findings
    );
}

#[test]
fn specific_edits_are_caught() {
    let (_base_dir, base) = demo_file();
    let cases: &[(&str, &str, &str)] = &[
        (
            "a member's name",
            "UPDATE member SET name = '冒名' WHERE rowid = (SELECT min(rowid) FROM member)",
            "member",
        ),
        (
            "hours multiplied",
            "UPDATE study_hour_entry SET half_hours = half_hours * 10",
            "study_hour_entry",
        ),
        (
            "a payment deleted",
            "DELETE FROM dues_payment WHERE id = (SELECT min(id) FROM dues_payment)",
            "dues_payment",
        ),
        (
            "attendance deleted",
            "DELETE FROM attendance WHERE session_id = (SELECT min(session_id) FROM attendance)",
            "attendance",
        ),
    ];
    for (what, sql, table) in cases {
        let (_dir, path) = copy_of(&base);
        attacker(&path).execute(sql, []).unwrap();
        let v = Db::open(&path).unwrap().verify().unwrap();
        assert!(!v.ok(), "{what}");
        assert_eq!(names_of_changed(&v), vec![table.to_string()], "{what}");
    }
}

#[test]
fn the_log_s_tail_or_all_of_it_removed_is_caught() {
    let (_base_dir, base) = demo_file();
    for sql in [
        "DELETE FROM change_log WHERE seq > (SELECT max(seq) - 5 FROM change_log)",
        "DELETE FROM change_log",
    ] {
        let (_dir, path) = copy_of(&base);
        attacker(&path).execute(sql, []).unwrap();
        let v = Db::open(&path).unwrap().verify().unwrap();
        assert!(!v.ok(), "{sql}");
        assert_eq!(v.change_log_broken_at, None, "the chain itself still holds");
        assert!(names_of_changed(&v).contains(&"change_log".to_string()));
        assert_eq!(v.seal, seal_status::BROKEN);
        assert_eq!(v.head, head_status::BEHIND, "{sql}");
    }
}

// --- the attacker who knows the scheme: recomputes the chain, the accumulators, the seal ---

fn feed(h: &mut Sha256, v: ValueRef) {
    match v {
        ValueRef::Null => h.update([0u8]),
        ValueRef::Integer(i) => {
            h.update([1u8]);
            h.update(i.to_le_bytes());
        }
        ValueRef::Real(f) => {
            h.update([2u8]);
            h.update(f.to_bits().to_le_bytes());
        }
        ValueRef::Text(t) | ValueRef::Blob(t) => {
            h.update([if matches!(v, ValueRef::Text(_)) {
                3u8
            } else {
                4u8
            }]);
            h.update((t.len() as u64).to_le_bytes());
            h.update(t);
        }
    }
}

fn add(acc: &mut [u8; 32], x: &[u8]) {
    let mut carry = 0u16;
    for i in (0..32).rev() {
        let s = u16::from(acc[i]) + u16::from(x[i]) + carry;
        acc[i] = s as u8;
        carry = s >> 8;
    }
}

/// Recomputes every accumulator and the seal's figures; the HMAC too when the data key is
/// in the file (no password), else the old one is left.
fn recompute_everything(conn: &Connection) {
    let mut state = Sha256::new();
    for table in covered_tables(conn) {
        let without_rowid: bool = conn
            .query_row(
                "SELECT wr FROM pragma_table_list WHERE name = ?1",
                [&table],
                |r| r.get(0),
            )
            .unwrap();
        let cols = columns(conn, &table);
        let mut list = if without_rowid {
            vec![]
        } else {
            vec!["rowid".to_string()]
        };
        list.extend(cols.iter().map(|c| format!("\"{c}\"")));
        let mut stmt = conn
            .prepare(&format!("SELECT {} FROM \"{table}\"", list.join(", ")))
            .unwrap();
        let mut rows = stmt.query([]).unwrap();
        let (mut acc, mut n) = ([0u8; 32], 0i64);
        while let Some(r) = rows.next().unwrap() {
            let mut h = Sha256::new();
            feed(&mut h, ValueRef::Text(table.as_bytes()));
            for i in 0..list.len() {
                feed(&mut h, r.get_ref(i).unwrap());
            }
            add(&mut acc, &h.finalize());
            n += 1;
        }
        conn.execute(
            "UPDATE table_digest SET acc = ?1, rows = ?2 WHERE name = ?3",
            rusqlite::params![acc.to_vec(), n, table],
        )
        .unwrap();
        state.update((table.len() as u64).to_le_bytes());
        state.update(table.as_bytes());
        state.update(acc);
        state.update(n.to_le_bytes());
    }
    let state = zhibu::hex::encode(&state.finalize());
    let (seq, hash): (i64, String) = conn
        .query_row(
            "SELECT seq, hash FROM change_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap_or((0, String::new()));
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let plain_key: Option<Vec<u8>> = conn
        .query_row("SELECT plain_key FROM vault", [], |r| r.get(0))
        .unwrap();
    let mac = plain_key.map(|key| {
        let mut msg = Vec::new();
        for part in [&seq.to_le_bytes()[..], hash.as_bytes(), state.as_bytes()] {
            msg.extend((part.len() as u64).to_le_bytes());
            msg.extend(part);
        }
        msg.extend(version.to_le_bytes());
        let mut m = <Hmac<Sha256> as Mac>::new_from_slice(&key).unwrap();
        m.update(b"integrity_seal");
        m.update(&[0]);
        m.update(&msg);
        zhibu::hex::encode(&m.finalize().into_bytes())
    });
    conn.execute(
        "UPDATE integrity_seal SET seq = ?1, head_hash = ?2, state = ?3,
             mac = coalesce(?4, mac)",
        rusqlite::params![seq, hash, state, mac],
    )
    .unwrap();
}

/// A member renamed, the log's record of the name rewritten to match, everything recomputed.
fn rewrite_history(path: &Path) {
    let conn = attacker(path);
    conn.execute_batch(
        "UPDATE member SET name = '冒名' WHERE name = (SELECT name FROM member ORDER BY rowid LIMIT 1);
         UPDATE change_log SET at = '2020-01-01T00:00:00.000Z';",
    )
    .unwrap();
    forge::rechain(&conn, 0);
    recompute_everything(&conn);
}

#[test]
fn a_recomputed_log_and_seal_is_caught_by_the_head_beside_the_file_without_a_password() {
    let (_base_dir, base) = demo_file();
    let (_dir, path) = copy_of(&base);
    rewrite_history(&path);
    let v = Db::open(&path).unwrap().verify().unwrap();
    assert_eq!(v.change_log_broken_at, None, "the chain was recomputed");
    assert!(
        v.tables_changed.is_empty(),
        "the accumulators were recomputed"
    );
    assert_eq!(v.seal, seal_status::UNKEYED, "its key is in the file");
    assert_eq!(v.head, head_status::REWRITTEN);
    assert!(!v.ok());

    // Without the head beside it, a backup's record still tells.
    let (_dir2, path) = copy_of(&base);
    let db = Db::open(&path).unwrap();
    backup::backup(&db, BackupKind::Manual, None, at("2026-11-22 10:00:00")).unwrap();
    drop(db);
    rewrite_history(&path);
    fs::remove_file(head_path(&path)).unwrap();
    let v = Db::open(&path).unwrap().verify().unwrap();
    assert_eq!(v.head, head_status::REWRITTEN, "{v:?}");
    assert!(v.head_from.as_deref().unwrap().contains("manual"), "{v:?}");
    assert!(!v.ok());
}

#[test]
fn a_recomputed_log_and_seal_is_caught_by_the_keyed_seal_with_a_password() {
    let (_dirs, path) = demo_copy();
    let db = Db::open(&path).unwrap();
    db.vault_rotate(|tx| Ok(((), Some(vault::set_password(tx, PASSWORD, ACTOR, NOW)?.1))))
        .unwrap();
    drop(db);
    rewrite_history(&path);
    // Even with the head beside the file rewritten to match.
    fs::remove_file(head_path(&path)).unwrap();
    let db = Db::open(&path).unwrap();
    let locked = db.verify().unwrap();
    assert_eq!(locked.seal, seal_status::UNCHECKED, "no key, no HMAC check");
    db.unlock(PASSWORD, now()).unwrap();
    let v = db.verify().unwrap();
    assert_eq!(v.change_log_broken_at, None);
    assert!(v.tables_changed.is_empty());
    assert_eq!(v.seal, seal_status::BROKEN);
    assert!(!v.ok());
}

#[test]
fn swapped_sealed_values_are_caught() {
    let (_dirs, path) = demo_copy();
    let conn = attacker(&path);
    let ids: Vec<(String, String)> = conn
        .prepare("SELECT id, id_number FROM member WHERE id_number LIKE 'x_:%' LIMIT 2")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(ids.len(), 2);
    let swap = |value: &str, id: &str| {
        conn.execute(
            "UPDATE member SET id_number = ?1 WHERE id = ?2",
            [value, id],
        )
        .unwrap();
    };
    swap("", &ids[0].0);
    swap(&ids[0].1, &ids[1].0);
    swap(&ids[1].1, &ids[0].0);
    let v = Db::open(&path).unwrap().verify().unwrap();
    assert_eq!(names_of_changed(&v), vec!["member".to_string()]);
    assert!(!v.ok());
}

#[test]
fn the_head_deleted_and_the_log_cut_is_caught_through_a_backup_record() {
    let (_dirs, path) = demo_copy();
    let db = Db::open(&path).unwrap();
    backup::backup(&db, BackupKind::Manual, None, at("2026-11-22 10:00:00")).unwrap();
    drop(db);
    fs::remove_file(head_path(&path)).unwrap();
    let conn = attacker(&path);
    conn.execute(
        "DELETE FROM change_log WHERE seq > (SELECT max(seq) - 3 FROM change_log)",
        [],
    )
    .unwrap();
    recompute_everything(&conn);
    drop(conn);
    let v = Db::open(&path).unwrap().verify().unwrap();
    assert!(v.tables_changed.is_empty() && v.change_log_broken_at.is_none());
    assert_eq!(v.head, head_status::BEHIND, "{v:?}");
    assert!(!v.ok());
}

#[test]
fn a_missing_head_alone_is_a_warning() {
    let (_dirs, path) = demo_copy();
    fs::remove_file(head_path(&path)).unwrap();
    let db = Db::open(&path).unwrap();
    let v = db.verify().unwrap();
    assert_eq!(v.head, head_status::MISSING);
    assert!(v.ok(), "{v:?}");
    // The next write puts it back.
    db.write(|tx| {
        zhibu::branch::add_group(
            tx,
            &zhibu::branch::GroupInput {
                name: "新党小组".into(),
                leader_id: None,
                formed_on: None,
            },
            today(),
            ACTOR,
        )
    })
    .unwrap();
    assert_eq!(db.verify().unwrap().head, head_status::OK);
}

#[test]
fn a_tampered_backup_is_refused_naming_what_failed_and_taken_when_forced() {
    let (_dirs, path) = demo_copy();
    let db = Db::open(&path).unwrap();
    let taken = backup::backup(&db, BackupKind::Manual, None, at("2026-11-22 10:00:00")).unwrap();
    let file = PathBuf::from(&taken.path);
    attacker(&file)
        .execute(
            "UPDATE study_hour_entry SET half_hours = half_hours * 10",
            [],
        )
        .unwrap();
    let err = backup::restore(&db, &file, at("2026-11-22 10:05:00")).unwrap_err();
    assert!(matches!(err, Error::BackupFailsVerify { .. }), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("学时记录") && text.contains("--force"),
        "{text}"
    );

    // A backup whose log was cut (its seal recomputed) disagrees with its record.
    let cut = backup::backup(&db, BackupKind::Manual, None, at("2026-11-22 10:01:00")).unwrap();
    let cut_file = PathBuf::from(&cut.path);
    let conn = attacker(&cut_file);
    conn.execute(
        "DELETE FROM change_log WHERE seq > (SELECT max(seq) - 2 FROM change_log)",
        [],
    )
    .unwrap();
    recompute_everything(&conn);
    drop(conn);
    let err = backup::restore(&db, &cut_file, at("2026-11-22 10:05:00")).unwrap_err();
    assert!(err.to_string().contains("最后的若干条被删除过"), "{err}");

    backup::restore_forced(&db, &file, at("2026-11-22 10:06:00"), ACTOR).unwrap();
    let logged = logged_detail(&db, "restore_unverified");
    assert!(logged.contains("学时记录"), "{logged}");
    // Taken on purpose, the data is what the app vouches for from here.
    let v = db.verify().unwrap();
    assert!(v.ok(), "{v:?}");
}

#[test]
fn restores_and_passwords_verify_clean() {
    let (_dirs, path) = demo_copy();
    let db = Db::open(&path).unwrap();
    let first = backup::backup(&db, BackupKind::Manual, None, at("2026-11-22 10:00:00")).unwrap();
    let add_group = |db: &Db, name: &str| {
        db.write(|tx| {
            zhibu::branch::add_group(
                tx,
                &zhibu::branch::GroupInput {
                    name: name.into(),
                    leader_id: None,
                    formed_on: None,
                },
                today(),
                ACTOR,
            )
        })
        .unwrap();
    };
    add_group(&db, "甲组");
    backup::backup(&db, BackupKind::Manual, None, at("2026-11-22 10:01:00")).unwrap();
    add_group(&db, "乙组");
    // Back to the first backup: the later backup's record belongs to the timeline left.
    backup::restore(&db, Path::new(&first.path), at("2026-11-22 10:02:00")).unwrap();
    let v = db.verify().unwrap();
    assert!(v.ok(), "{v:?}");
    fs::remove_file(head_path(&path)).unwrap();
    let v = db.verify().unwrap();
    assert!(v.ok() && v.head == head_status::MISSING, "{v:?}");
    add_group(&db, "丙组");

    db.vault_rotate(|tx| Ok(((), Some(vault::set_password(tx, PASSWORD, ACTOR, NOW)?.1))))
        .unwrap();
    let v = db.verify().unwrap();
    assert!(v.ok() && v.seal == seal_status::OK, "{v:?}");
    drop(db);

    let db = Db::open(&path).unwrap();
    assert!(
        matches!(db.write(|_| Ok(())), Err(Error::Locked)),
        "nothing is written while locked"
    );
    let v = db.verify().unwrap();
    assert!(v.ok() && v.seal == seal_status::UNCHECKED, "{v:?}");
    db.unlock(PASSWORD, now()).unwrap();
    add_group(&db, "丁组");
    assert_eq!(db.verify().unwrap().seal, seal_status::OK);
    db.vault_rotate(|tx| Ok(((), Some(vault::remove_password(tx, PASSWORD, ACTOR)?))))
        .unwrap();
    let v = db.verify().unwrap();
    assert!(v.ok() && v.seal == seal_status::UNKEYED, "{v:?}");
}

#[test]
fn a_faked_pending_seal_is_not_accepted() {
    let (_dirs, path) = demo_copy();
    let db = Db::open(&path).unwrap();
    db.vault_rotate(|tx| Ok(((), Some(vault::set_password(tx, PASSWORD, ACTOR, NOW)?.1))))
        .unwrap();
    drop(db);
    let conn = attacker(&path);
    conn.execute("UPDATE member SET name = '冒名' WHERE rowid = 1", [])
        .unwrap();
    recompute_everything(&conn);
    conn.execute(
        "UPDATE integrity_seal SET mac = NULL, keyed_version = 0",
        [],
    )
    .unwrap();
    drop(conn);
    let db = Db::open(&path).unwrap();
    let v = db.verify().unwrap();
    assert_eq!(
        v.seal,
        seal_status::BROKEN,
        "the head beside shows a keyed seal"
    );
    db.unlock(PASSWORD, now()).unwrap();
    assert_eq!(
        db.verify().unwrap().seal,
        seal_status::BROKEN,
        "unlocking does not seal over it"
    );
}
