//! The 操作人 remembered in the file: chosen once, offered again at the next start, and
//! logged under the name of whoever chose it.

mod common;

use common::*;
use zhibu::{change_log, operator, Reason};

#[test]
fn the_chosen_operator_is_remembered_in_the_file_for_the_next_start() {
    let (_dir, path, db) = branch_db();
    assert_eq!(db.read(operator::remembered).unwrap(), None);

    let kept = db
        .write(|tx| operator::remember(tx, "  组织委员 "))
        .unwrap();
    assert_eq!(kept, "组织委员");
    drop(db);

    let db = zhibu::Db::open_existing(&path).unwrap();
    assert_eq!(
        db.read(operator::remembered).unwrap().as_deref(),
        Some("组织委员")
    );
    let log = db
        .read(|c| change_log::history(c, "setting", "operator"))
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].actor, "组织委员");

    // Choosing the same one again writes nothing; another one replaces it.
    db.write(|tx| operator::remember(tx, "组织委员")).unwrap();
    db.write(|tx| operator::remember(tx, "书记")).unwrap();
    let log = db
        .read(|c| change_log::history(c, "setting", "operator"))
        .unwrap();
    assert_eq!(
        log.iter().map(|e| e.actor.as_str()).collect::<Vec<_>>(),
        ["组织委员", "书记"]
    );
    assert_eq!(db.read(change_log::verify).unwrap(), None);
}

#[test]
fn a_refused_operator_leaves_the_remembered_one_unchanged() {
    let (_dir, _path, db) = branch_db();
    db.write(|tx| operator::remember(tx, "书记")).unwrap();
    for (typed, reason) in [
        ("", Reason::Required),
        (
            "一二三四五六七八九十一二三四五六七八九十一",
            Reason::TooLong,
        ),
        ("app", Reason::InvalidValue),
    ] {
        let e = db.write(|tx| operator::remember(tx, typed)).unwrap_err();
        assert_eq!(e.reason(), Some(reason), "{typed:?}");
    }
    assert_eq!(
        db.read(operator::remembered).unwrap().as_deref(),
        Some("书记")
    );
}

/// Every write from the window names the 操作人 (`state.actor()`), never the app itself: no
/// command file of the shell may pass a program's own actor code.
#[test]
fn no_window_command_writes_as_the_app() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/src/commands");
    let mut writers = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        for forbidden in ["ACTOR_APP", "ACTOR_CLI", "change_log::ACTOR"] {
            assert!(
                !source.contains(forbidden),
                "{} uses {forbidden}: pass state.actor()",
                path.display()
            );
        }
        if source.contains("state.actor()") {
            writers += 1;
        }
    }
    // The scan found the command files (a moved folder must not make it pass vacuously).
    assert!(writers >= 10, "only {writers} command files name the actor");
}

/// The actor of the last change-log entry in the file.
fn last_actor(path: &std::path::Path) -> String {
    let db = zhibu::Db::open_existing(path).unwrap();
    db.read(|c| {
        Ok(c.query_row(
            "SELECT actor FROM change_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )?)
    })
    .unwrap()
}

fn cli(path: &std::path::Path, actor_env: Option<&str>, args: &[&str]) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_zhibu"));
    cmd.arg("--db")
        .arg(path)
        .args(["--today", "2026-11-22"])
        .args(args)
        .env_remove("ZHIBU_DB")
        .env_remove("ZHIBU_ACTOR");
    if let Some(a) = actor_env {
        cmd.env("ZHIBU_ACTOR", a);
    }
    cmd.output().unwrap()
}

#[test]
fn the_command_line_names_the_actor_given_else_itself() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("z.sqlite3");
    let run = |env: Option<&str>, args: &[&str]| {
        let out = cli(&path, env, args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(None, &["--actor", " 组织委员 ", "init"]);
    assert_eq!(last_actor(&path), "组织委员");
    run(Some("书记"), &["group", "add", "第一党小组"]);
    assert_eq!(last_actor(&path), "书记");
    // --actor wins over the environment.
    run(
        Some("书记"),
        &["--actor", "纪检委员", "group", "add", "第二党小组"],
    );
    assert_eq!(last_actor(&path), "纪检委员");
    run(None, &["group", "add", "第三党小组"]);
    assert_eq!(last_actor(&path), change_log::ACTOR_CLI);
}

#[test]
fn a_refused_actor_exits_non_zero_in_chinese_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("z.sqlite3");
    for actor in [
        "app",
        "一二三四五六七八九十一二三四五六七八九十一",
        "书\u{200B}记",
    ] {
        let out = cli(&path, None, &["--actor", actor, "init"]);
        assert!(!out.status.success(), "{actor:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("操作人"), "{actor:?}: {stderr}");
        assert!(!path.exists(), "nothing created for {actor:?}");
    }
}
