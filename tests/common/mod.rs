//! Shared set-up for the integration tests: real database files in a temp dir, valid 身份证号.
#![allow(dead_code)]

use std::process::Output;

use chrono::NaiveDate;
use tempfile::TempDir;
use zhibu::branch::{self, BranchInput};
use zhibu::members::validate::id_check_char;
use zhibu::members::{Gender, MemberInput, Stage};
use zhibu::sessions::{AttendanceInput, AttendanceStatus, SessionInput};
use zhibu::Db;

pub const ACTOR: &str = "test";

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn today() -> NaiveDate {
    d("2026-11-22")
}

/// A database file in a fresh temp dir (kept alive by the returned guard).
pub fn file_db() -> (TempDir, std::path::PathBuf, Db) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zhibu.sqlite3");
    let db = Db::open(&path).unwrap();
    (dir, path, db)
}

/// A file database with a branch named 测试党支部.
pub fn branch_db() -> (TempDir, std::path::PathBuf, Db) {
    let (dir, path, db) = file_db();
    db.write(|tx| {
        let input = BranchInput {
            name: "测试党支部".into(),
            term_start: Some("2025-01-01".into()),
            term_end: Some("2027-12-31".into()),
            ..Default::default()
        };
        branch::create(tx, &input, today(), ACTOR)
    })
    .unwrap();
    (dir, path, db)
}

pub fn id_number(birth: &str, seq: u32, gender: Gender) -> String {
    let b = d(birth).format("%Y%m%d").to_string();
    let sex = if gender == Gender::Male { 1 } else { 2 };
    let first17 = format!("500107{b}{:02}{sex}", seq % 100);
    format!("{first17}{}", id_check_char(&first17).unwrap())
}

/// A valid full member born on `birth`, with a 身份证号 made from `seq`.
pub fn full_member(name: &str, birth: &str, seq: u32) -> MemberInput {
    let b = d(birth);
    let joined = b + chrono::Months::new(12 * 25);
    MemberInput {
        name: name.into(),
        gender: Some(Gender::Male),
        ethnicity: "汉族".into(),
        birth_date: birth.into(),
        id_number: id_number(birth, seq, Gender::Male),
        stage: Some(Stage::Full),
        joined_on: Some(joined.to_string()),
        confirmed_on: Some((joined + chrono::Months::new(12)).to_string()),
        phone: "13900001111".into(),
        ..Default::default()
    }
}

/// A file database holding the demo roster as of `today()` (no sessions or activities).
pub fn demo_db() -> (TempDir, std::path::PathBuf, Db) {
    let (dir, path, db) = file_db();
    db.write(|tx| zhibu::demo::create_roster(tx, today(), ACTOR))
        .unwrap();
    (dir, path, db)
}

/// Adds `input` to the roster; returns the new member's id.
pub fn new_member(db: &Db, input: &MemberInput) -> String {
    db.write(|tx| zhibu::members::add(tx, input, today(), ACTOR))
        .unwrap()
        .id
}

/// The id of the member with this name.
pub fn member_id(db: &Db, name: &str) -> String {
    db.read(|c| zhibu::members::get_by_name(c, name, today()))
        .unwrap()
        .id
}

/// `names` (members of `db`) marked present.
pub fn present(db: &Db, names: &[&str]) -> Vec<AttendanceInput> {
    names
        .iter()
        .map(|n| AttendanceInput {
            member_id: member_id(db, n),
            status: AttendanceStatus::Present,
            reason: String::new(),
        })
        .collect()
}

/// A 支委会 on `on` that the demo roster's five committee members attended.
pub fn committee_meeting(db: &Db, on: &str) -> SessionInput {
    SessionInput {
        kind: "committee_meeting".into(),
        held_on: on.into(),
        attendance: present(db, &["周建华", "李晓红", "王志强", "陈敏", "刘洋"]),
        ..Default::default()
    }
}

/// The detail of the change log's entry for `action` (the only one expected).
pub fn logged_detail(db: &Db, action: &str) -> String {
    db.read(|c| {
        Ok(c.query_row(
            "SELECT detail FROM change_log WHERE action = ?1",
            [action],
            |r| r.get(0),
        )?)
    })
    .unwrap()
}

/// What a command printed, once it is known to have succeeded (else its error output fails
/// the test).
pub fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What a command said on its error output, once it is known to have failed (else what it
/// printed fails the test).
pub fn fails(out: Output) -> String {
    assert!(
        !out.status.success(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stderr).unwrap()
}

/// A command line's words, split as a shell splits them: at white space, except inside single
/// quotes (taken as they are) or double quotes (where a backslash keeps the next character).
pub fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => words.extend(word.take()),
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                w.extend(chars.by_ref().take_while(|&c| c != '\''));
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => w.extend(chars.next()),
                        c => w.push(c),
                    }
                }
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

pub mod forge;
pub mod pg;
