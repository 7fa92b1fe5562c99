//! Tamper evidence beyond the change log's own chain.
//!
//! Every table's rows are covered: per table, an accumulator (the sum mod 2^256 of SHA-256
//! over the table's name, the row's rowid and every column value with its type) is kept in
//! `table_digest` by TEMP triggers that exist only in the app's connection, never in the
//! file. A row added, changed or deleted by anything else leaves the accumulator behind the
//! rows, and `verify` recomputes each one from the rows and names the tables that differ.
//!
//! One seal row binds it all: the change log's last entry and a hash over every accumulator,
//! with an HMAC under a key derived from the data key. With a password set, the seal cannot
//! be recomputed without it, so a rewritten or cut log (with its chain recomputed) shows.
//! The seal's figures (the head) are also kept outside the file, beside it (`<data>.head`)
//! and in a record of every backup, so a log cut or replaced wholesale disagrees with them
//! even without a password.
//!
//! Not covered: `unlock_throttle` (it changes while locked and only slows password guessing)
//! and the digest and seal tables themselves (what they hold is what is checked).

use std::path::{Path, PathBuf};

use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::hex;
use crate::vault::DataKey;

/// Tables whose rows are not covered by an accumulator.
pub const UNCOVERED: &[&str] = &["table_digest", "integrity_seal", "unlock_throttle"];

/// The purpose the seal's HMAC is keyed with (a key of its own, derived from the data key).
const SEAL_PURPOSE: &[u8] = b"integrity_seal";

/// Registers the SQL functions the triggers and the checks call: `zhibu_row_hash(table,
/// values...)` and `zhibu_acc(acc, plus, minus)`.
pub(crate) fn register(conn: &Connection) -> Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("zhibu_row_hash", -1, flags, |ctx| {
        let mut h = Sha256::new();
        for i in 0..ctx.len() {
            feed(&mut h, ctx.get_raw(i));
        }
        Ok(<[u8; 32]>::from(h.finalize()))
    })?;
    conn.create_scalar_function("zhibu_acc", 3, flags, |ctx| {
        let mut acc = to32(ctx.get_raw(0).as_blob_or_null().ok().flatten());
        if let Some(plus) = ctx.get_raw(1).as_blob_or_null().ok().flatten() {
            add(&mut acc, &to32(Some(plus)));
        }
        if let Some(minus) = ctx.get_raw(2).as_blob_or_null().ok().flatten() {
            sub(&mut acc, &to32(Some(minus)));
        }
        Ok(acc)
    })?;
    // A REPLACE deletes the row it replaces: only with recursive triggers on does that
    // deletion fire the delete trigger that takes the old row out of its accumulator.
    conn.pragma_update(None, "recursive_triggers", "ON")?;
    // The delta table and the statement journals the triggers' writes need stay in memory:
    // on a temporary file they cost a bulk write about a third of its time in system calls.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

/// One value into a row's hash: a type tag, then the value (text and blobs with their length).
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
        ValueRef::Text(t) => {
            h.update([3u8]);
            h.update((t.len() as u64).to_le_bytes());
            h.update(t);
        }
        ValueRef::Blob(b) => {
            h.update([4u8]);
            h.update((b.len() as u64).to_le_bytes());
            h.update(b);
        }
    }
}

fn to32(bytes: Option<&[u8]>) -> [u8; 32] {
    let mut out = [0u8; 32];
    if let Some(b) = bytes {
        let n = b.len().min(32);
        out[32 - n..].copy_from_slice(&b[b.len() - n..]);
    }
    out
}

/// `acc += x` mod 2^256, both big-endian.
fn add(acc: &mut [u8; 32], x: &[u8; 32]) {
    let mut carry = 0u16;
    for i in (0..32).rev() {
        let s = u16::from(acc[i]) + u16::from(x[i]) + carry;
        acc[i] = s as u8;
        carry = s >> 8;
    }
}

/// `acc -= x` mod 2^256, both big-endian.
fn sub(acc: &mut [u8; 32], x: &[u8; 32]) {
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let mut d = i16::from(acc[i]) - i16::from(x[i]) - borrow;
        borrow = 0;
        if d < 0 {
            d += 256;
            borrow = 1;
        }
        acc[i] = d as u8;
    }
}

/// A covered table: its name, whether it has a rowid, its columns.
struct Table {
    name: String,
    rowid: bool,
    columns: Vec<String>,
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn literal(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

impl Table {
    /// `zhibu_row_hash('t', <p>rowid, <p>"c1", ...)` with `p` a prefix (`NEW.`, `OLD.`, ``).
    fn row_hash(&self, prefix: &str) -> String {
        let mut args = vec![literal(&self.name)];
        if self.rowid {
            args.push(format!("{prefix}rowid"));
        }
        args.extend(self.columns.iter().map(|c| format!("{prefix}{}", quote(c))));
        format!("zhibu_row_hash({})", args.join(", "))
    }
}

/// The covered tables of the main schema, by name.
fn tables(conn: &Connection) -> Result<Vec<Table>> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM main.sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for name in names {
        if UNCOVERED.contains(&name.as_str()) {
            continue;
        }
        let without_rowid: bool = conn.query_row(
            "SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = ?1",
            [&name],
            |r| r.get(0),
        )?;
        let columns = conn
            .prepare("SELECT name FROM pragma_table_info(?1, 'main') ORDER BY cid")?
            .query_map([&name], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        out.push(Table {
            name,
            rowid: !without_rowid,
            columns,
        });
    }
    Ok(out)
}

/// The TEMP table the triggers append each written row's hashes to: `plus` for the row as
/// written, `minus` for the row as it was, `n` the change in the table's row count. It is
/// part of the transaction (a rolled-back savepoint or preview takes its rows away with the
/// rest), and [`seal`] folds it into `table_digest` and empties it before every commit, so
/// each write costs one append instead of an update of the accumulator's row.
const DELTA: &str = "zhibu_digest_delta";

/// Creates the TEMP triggers that keep every covered table's accumulator, from the schema as
/// it is now (after migrations, after a restore). They live in this connection only.
pub(crate) fn install_triggers(conn: &Connection) -> Result<()> {
    drop_triggers(conn)?;
    let mut sql = format!(
        "CREATE TEMP TABLE IF NOT EXISTS {DELTA} (
           name TEXT NOT NULL, plus BLOB, minus BLOB, n INTEGER NOT NULL);\n"
    );
    for (i, t) in tables(conn)?.iter().enumerate() {
        let on = format!("main.{}", quote(&t.name));
        let name = literal(&t.name);
        sql += &format!(
            "CREATE TEMP TRIGGER zhibu_digest_{i}_ins AFTER INSERT ON {on} BEGIN
               INSERT INTO {DELTA} (name, plus, n) VALUES ({name}, {new}, 1);
             END;
             CREATE TEMP TRIGGER zhibu_digest_{i}_del AFTER DELETE ON {on} BEGIN
               INSERT INTO {DELTA} (name, minus, n) VALUES ({name}, {old}, -1);
             END;
             CREATE TEMP TRIGGER zhibu_digest_{i}_upd AFTER UPDATE ON {on} BEGIN
               INSERT INTO {DELTA} (name, plus, minus, n) VALUES ({name}, {new}, {old}, 0);
             END;\n",
            new = t.row_hash("NEW."),
            old = t.row_hash("OLD."),
        );
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Whether this connection has the delta table (not before the triggers are first installed).
fn has_delta_table(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) > 0 FROM temp.sqlite_master WHERE type = 'table' AND name = ?1",
        )?
        .query_row([DELTA], |r| r.get(0))?)
}

/// The sums of the rows the triggers appended since the last fold: per table, the change
/// to its accumulator and to its row count.
fn pending(conn: &Connection) -> Result<Vec<(String, [u8; 32], i64)>> {
    let mut sums: Vec<(String, [u8; 32], i64)> = Vec::new();
    if !has_delta_table(conn)? {
        return Ok(sums);
    }
    let mut stmt =
        conn.prepare_cached(&format!("SELECT name, plus, minus, n FROM temp.{DELTA}"))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let name = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        let i = match sums.iter().position(|(n, _, _)| n == name) {
            Some(i) => i,
            None => {
                sums.push((name.to_string(), [0u8; 32], 0));
                sums.len() - 1
            }
        };
        let (_, acc, n) = &mut sums[i];
        if let Some(plus) = r.get_ref(1)?.as_blob_or_null().ok().flatten() {
            add(acc, &to32(Some(plus)));
        }
        if let Some(minus) = r.get_ref(2)?.as_blob_or_null().ok().flatten() {
            sub(acc, &to32(Some(minus)));
        }
        *n += r.get::<_, i64>(3)?;
    }
    Ok(sums)
}

/// Folds the rows the triggers appended since the last seal into `table_digest`, one update
/// per table, and empties the delta table. Within the writing transaction, so both commit or
/// roll back together.
fn fold(conn: &Connection) -> Result<()> {
    let sums = pending(conn)?;
    if sums.is_empty() {
        return Ok(());
    }
    let mut update = conn.prepare_cached(
        "UPDATE table_digest SET acc = zhibu_acc(acc, ?2, NULL), rows = rows + ?3
         WHERE name = ?1",
    )?;
    for (name, delta, n) in &sums {
        update.execute(params![name, delta, n])?;
    }
    conn.execute(&format!("DELETE FROM temp.{DELTA}"), [])?;
    Ok(())
}

/// Removes the triggers (before the schema under them is replaced by a restore).
pub(crate) fn drop_triggers(conn: &Connection) -> Result<()> {
    let old: Vec<String> = conn
        .prepare("SELECT name FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE 'zhibu\\_digest\\_%' ESCAPE '\\'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for name in old {
        conn.execute_batch(&format!("DROP TRIGGER temp.{};", quote(&name)))?;
    }
    Ok(())
}

/// A table's accumulator and row count computed from its rows.
fn scan(conn: &Connection, t: &Table) -> Result<([u8; 32], i64)> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM main.{}",
        t.row_hash(""),
        quote(&t.name)
    ))?;
    let mut rows = stmt.query([])?;
    let mut acc = [0u8; 32];
    let mut n = 0;
    while let Some(r) = rows.next()? {
        add(
            &mut acc,
            &to32(r.get_ref(0)?.as_blob_or_null().ok().flatten()),
        );
        n += 1;
    }
    Ok((acc, n))
}

/// Whether the file has the integrity tables (files from before them do not).
pub fn has_tables(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT count(*) = 2 FROM main.sqlite_master WHERE type = 'table'
         AND name IN ('table_digest', 'integrity_seal')",
        [],
        |r| r.get(0),
    )?)
}

/// Recomputes every accumulator from the rows (after a migration, a forced restore).
pub(crate) fn recompute(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM table_digest", [])?;
    if has_delta_table(conn)? {
        conn.execute(&format!("DELETE FROM temp.{DELTA}"), [])?;
    }
    let mut insert =
        conn.prepare("INSERT INTO table_digest (name, acc, rows) VALUES (?1, ?2, ?3)")?;
    for t in tables(conn)? {
        let (acc, n) = scan(conn, &t)?;
        insert.execute(params![t.name, acc.to_vec(), n])?;
    }
    Ok(())
}

/// SHA-256 over every (name, accumulator, rows), in name order.
fn state_of<'a>(entries: impl Iterator<Item = (&'a str, &'a [u8], i64)>) -> String {
    let mut h = Sha256::new();
    for (name, acc, rows) in entries {
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update(to32(Some(acc)));
        h.update(rows.to_le_bytes());
    }
    hex::encode(&h.finalize())
}

type Recorded = Vec<(String, Vec<u8>, i64)>;

/// The accumulators as recorded, with any rows written on this connection and not yet
/// folded (none outside a write) counted in, as if folded.
fn recorded(conn: &Connection) -> Result<Recorded> {
    let mut rec: Recorded = conn
        .prepare_cached("SELECT name, acc, rows FROM table_digest ORDER BY name")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, delta, n) in pending(conn)? {
        if let Some((_, acc, rows)) = rec.iter_mut().find(|(r, _, _)| *r == name) {
            let mut sum = to32(Some(acc));
            add(&mut sum, &delta);
            *acc = sum.to_vec();
            *rows += n;
        }
    }
    Ok(rec)
}

fn recorded_state(rec: &Recorded) -> String {
    state_of(rec.iter().map(|(n, a, r)| (n.as_str(), a.as_slice(), *r)))
}

/// The change log's last entry: (seq, hash), or (0, "") for an empty log.
pub fn log_head(conn: &Connection) -> Result<(i64, String)> {
    Ok(conn
        .prepare_cached("SELECT seq, hash FROM change_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or_default())
}

fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// The seal's figures: what is also kept beside the data file and in backup records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Head {
    pub seq: i64,
    pub hash: String,
    pub state: String,
    /// The schema version sealed at.
    #[serde(default)]
    pub version: i64,
    /// The HMAC, `None` while the seal waits for the password.
    #[serde(default)]
    pub mac: Option<String>,
    /// When it was written (RFC 3339), for people reading the file.
    #[serde(default)]
    pub at: String,
}

fn seal_mac(key: &DataKey, seq: i64, hash: &str, state: &str, version: i64) -> String {
    let mut msg = Vec::new();
    for part in [&seq.to_le_bytes()[..], hash.as_bytes(), state.as_bytes()] {
        msg.extend((part.len() as u64).to_le_bytes());
        msg.extend(part);
    }
    msg.extend(version.to_le_bytes());
    hex::encode(&key.mac(SEAL_PURPOSE, &msg))
}

struct SealRow {
    head: Head,
    keyed_version: i64,
}

fn seal_row(conn: &Connection) -> Result<Option<SealRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT seq, head_hash, state, version, mac, keyed_version FROM integrity_seal
             WHERE id = 1",
        )?
        .query_row([], |r| {
            Ok(SealRow {
                head: Head {
                    seq: r.get(0)?,
                    hash: r.get(1)?,
                    state: r.get(2)?,
                    version: r.get(3)?,
                    mac: r.get(4)?,
                    at: String::new(),
                },
                keyed_version: r.get(5)?,
            })
        })
        .optional()?)
}

/// Seals the current log head and accumulators, with `key` (`None`: the seal waits for the
/// password, and `forget_keyed` says the last keyed seal no longer speaks for this data, as
/// after a forced restore). Returns the head to keep beside the file.
pub(crate) fn seal(conn: &Connection, key: Option<&DataKey>, forget_keyed: bool) -> Result<Head> {
    fold(conn)?;
    let (seq, hash) = log_head(conn)?;
    let state = recorded_state(&recorded(conn)?);
    let version = schema_version(conn)?;
    let mac = key.map(|k| seal_mac(k, seq, &hash, &state, version));
    let previous = seal_row(conn)?.map(|s| s.keyed_version).unwrap_or(0);
    let keyed_version = match (&mac, forget_keyed) {
        (Some(_), _) => version,
        (None, true) => 0,
        (None, false) => previous,
    };
    conn.prepare_cached(
        "INSERT INTO integrity_seal (id, seq, head_hash, state, version, mac, keyed_version)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET seq = ?1, head_hash = ?2, state = ?3, version = ?4,
             mac = ?5, keyed_version = ?6",
    )?
    .execute(params![seq, hash, state, version, mac, keyed_version])?;
    Ok(Head {
        seq,
        hash,
        state,
        version,
        mac,
        at: crate::ids::timestamp(),
    })
}

/// Whether the seal waits for the password (taken while locked).
pub(crate) fn is_pending(conn: &Connection) -> Result<bool> {
    Ok(has_tables(conn)? && seal_row(conn)?.is_some_and(|s| s.head.mac.is_none()))
}

/// The file beside a data file that keeps its head outside it.
pub fn head_path(db_path: &Path) -> PathBuf {
    let name = db_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "zhibu.sqlite3".into());
    db_path.with_file_name(format!("{name}.head"))
}

/// Writes the head beside the data file, atomically (a temporary file renamed over it).
pub fn write_head(db_path: &Path, head: &Head) -> std::io::Result<()> {
    let dest = head_path(db_path);
    let tmp = dest.with_extension(format!("head.{}.tmp", crate::ids::temp_tag()));
    let text = serde_json::to_string_pretty(head).map_err(std::io::Error::other)?;
    std::fs::write(&tmp, text)?;
    std::fs::File::open(&tmp)?.sync_all()?;
    std::fs::rename(&tmp, &dest)
}

/// The head kept beside the data file, if there is one (an unreadable one counts as none).
pub fn read_head(db_path: &Path) -> Option<Head> {
    let text = std::fs::read_to_string(head_path(db_path)).ok()?;
    serde_json::from_str(&text).ok()
}

/// The head of a file as it is now (from its log and seal), for a backup's record.
pub fn current_head(conn: &Connection) -> Result<Head> {
    let (seq, hash) = log_head(conn)?;
    let row = if has_tables(conn)? {
        seal_row(conn)?
    } else {
        None
    };
    Ok(Head {
        seq,
        hash,
        state: row
            .as_ref()
            .map(|r| r.head.state.clone())
            .unwrap_or_default(),
        version: schema_version(conn)?,
        mac: row.and_then(|r| r.head.mac),
        at: crate::ids::timestamp(),
    })
}

/// A table whose rows differ from the record kept by the app.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableChange {
    pub table: String,
    /// Its Chinese name, when it has one.
    pub label: String,
}

/// What the seal check found.
pub mod seal_status {
    /// Keyed with the password-guarded key and matching.
    pub const OK: &str = "ok";
    /// Matching, but no password is set: its key is in the file, so only the head kept
    /// outside the file can tell a recomputed seal.
    pub const UNKEYED: &str = "unkeyed";
    /// Locked: the figures match, the HMAC could not be checked without the password.
    pub const UNCHECKED: &str = "unchecked";
    /// Taken while locked (an upgrade, a forced restore); sealed at the next unlock.
    pub const PENDING: &str = "pending";
    /// Does not match the log or the tables, or its HMAC is wrong.
    pub const BROKEN: &str = "broken";
    /// A file from before the seal existed.
    pub const ABSENT: &str = "absent";
}

/// What comparing the log with the head kept outside the file found.
pub mod head_status {
    pub const OK: &str = "ok";
    /// No head beside the file (a copied file): a warning, not a failure.
    pub const MISSING: &str = "missing";
    /// The log stops before the head: its last entries were removed.
    pub const BEHIND: &str = "behind";
    /// The log does not hold the head's entry: rewritten or replaced.
    pub const REWRITTEN: &str = "rewritten";
    /// The log's head is the same but the tables hold other rows than when it was written.
    pub const CHANGED: &str = "changed";
    /// Not checked (an in-memory database).
    pub const NONE: &str = "none";
}

/// The tables, seal and head checks of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Findings {
    pub tables_changed: Vec<TableChange>,
    pub seal: &'static str,
    pub head: &'static str,
    /// Where the head that disagrees was kept: the head file, or a backup's record.
    pub head_from: Option<String>,
}

/// What the check of a file knows besides the file.
pub struct Context<'a> {
    /// The key to check the HMAC with (the data key in memory), if any.
    pub key: Option<&'a DataKey>,
    /// Whether a password guards the data (else the key is in the file).
    pub password_set: bool,
    /// The head kept beside the data file, if found.
    pub head_file: Option<Head>,
    /// Whether a head file should exist (a data file; not a backup checked against its record).
    pub head_file_expected: bool,
    /// Heads kept in backups' records, each with the backup's file name.
    pub records: Vec<(String, Head)>,
}

/// Checks the rows against the accumulators, the seal against the log and accumulators, and
/// the log against the heads kept outside the file.
pub fn check(conn: &Connection, ctx: &Context) -> Result<Findings> {
    if !has_tables(conn)? {
        return Ok(Findings {
            tables_changed: Vec::new(),
            seal: seal_status::ABSENT,
            head: head_status::NONE,
            head_from: None,
        });
    }
    // Tables: each recorded accumulator against the rows.
    let rec = recorded(conn)?;
    let mut actual = Vec::new();
    let mut tables_changed = Vec::new();
    let live = tables(conn)?;
    for t in &live {
        let (acc, n) = scan(conn, t)?;
        let same = rec
            .iter()
            .any(|(name, a, r)| name == &t.name && to32(Some(a)) == acc && *r == n);
        if !same {
            tables_changed.push(change(&t.name));
        }
        actual.push((t.name.clone(), acc.to_vec(), n));
    }
    for (name, _, _) in &rec {
        if !live.iter().any(|t| &t.name == name) {
            tables_changed.push(change(name));
        }
    }
    let actual_state = recorded_state(&actual);
    let (seq, hash) = log_head(conn)?;
    let version = schema_version(conn)?;

    // The seal.
    let row = seal_row(conn)?;
    let head_file = ctx.head_file.as_ref();
    let seal = match &row {
        None => seal_status::BROKEN,
        Some(s)
            if s.head.seq != seq
                || s.head.hash != hash
                || s.head.state != recorded_state(&rec)
                || s.head.version != version =>
        {
            seal_status::BROKEN
        }
        Some(s) => match (&s.head.mac, ctx.key) {
            (None, _) => {
                // Pending only when an upgrade (or a forced restore) came after the last keyed
                // seal, and the head beside the file does not show a keyed seal of this version.
                let lie = head_file.is_some_and(|h| h.mac.is_some() && h.version >= version);
                if s.keyed_version < version && !lie {
                    seal_status::PENDING
                } else {
                    seal_status::BROKEN
                }
            }
            (Some(_), None) => seal_status::UNCHECKED,
            (Some(mac), Some(key)) => {
                if hex::same(mac, &seal_mac(key, seq, &hash, &s.head.state, version)) {
                    if ctx.password_set {
                        seal_status::OK
                    } else {
                        seal_status::UNKEYED
                    }
                } else {
                    seal_status::BROKEN
                }
            }
        },
    };

    // The heads kept outside the file: the log must hold each one's entry; at the same entry,
    // the same rows.
    let mut head = if ctx.head_file_expected && head_file.is_none() {
        head_status::MISSING
    } else if head_file.is_none() && ctx.records.is_empty() {
        head_status::NONE
    } else {
        head_status::OK
    };
    let mut head_from = None;
    let beside = head_file.map(|h| ("数据文件旁的 .head 记录".to_string(), h.clone()));
    for (from, h) in beside.iter().chain(&ctx.records) {
        let found = if h.seq > seq {
            Some(head_status::BEHIND)
        } else if h.seq == 0 {
            None
        } else {
            let kept: Option<String> = conn
                .prepare_cached("SELECT hash FROM change_log WHERE seq = ?1")?
                .query_row([h.seq], |r| r.get(0))
                .optional()?;
            if kept.as_deref() != Some(h.hash.as_str()) {
                Some(head_status::REWRITTEN)
            } else if h.seq == seq
                && h.version == version
                && !h.state.is_empty()
                && h.state != actual_state
            {
                Some(head_status::CHANGED)
            } else {
                None
            }
        };
        if let Some(found) = found {
            head = found;
            head_from = Some(from.clone());
            break;
        }
    }
    Ok(Findings {
        tables_changed,
        seal,
        head,
        head_from,
    })
}

/// Whether the findings hold (a missing head, a pending or unchecked seal are warnings).
pub fn findings_ok(f: &Findings) -> bool {
    f.tables_changed.is_empty()
        && f.seal != seal_status::BROKEN
        && !matches!(
            f.head,
            head_status::BEHIND | head_status::REWRITTEN | head_status::CHANGED
        )
}

fn change(table: &str) -> TableChange {
    TableChange {
        table: table.to_string(),
        label: label(table).to_string(),
    }
}

/// The Chinese name of a table, for the report (the table's own name when it has none).
pub fn label(table: &str) -> &str {
    match table {
        "activity" => "活动",
        "activity_participant" => "活动参加人",
        "attachment" => "附件",
        "attendance" => "会议出席",
        "branch" => "支部信息",
        "change_log" => "变更日志",
        "committee_role" => "支委职务",
        "dues_base" => "党费基数",
        "dues_payment" => "党费缴纳",
        "four_strengths_attestation" => "四强认定",
        "four_strengths_evidence" => "四强佐证",
        "four_strengths_year" => "四强年度",
        "honour" => "荣誉",
        "indicator" => "指标",
        "indicator_value" => "指标数值",
        "member" => "党员",
        "member_contact" => "联系支委",
        "member_exclusion" => "不计应到",
        "member_exemption" => "学时免除",
        "member_group_event" => "党小组调动",
        "member_pipeline_step" => "发展党员步骤",
        "member_sanction" => "处分",
        "member_sponsor" => "入党介绍人",
        "member_stage_event" => "政治面貌变动",
        "member_status_event" => "组织关系状态变动",
        "obligation_missed" => "确认未开",
        "party_group" => "党小组",
        "rule_set" => "规则",
        "session" => "会议",
        "session_agenda_item" => "会议议程",
        "session_obligation" => "会议计入的任务",
        "session_resolution" => "会议决议",
        "session_written_opinion" => "书面意见",
        "setting" => "设置",
        "study_hour_entry" => "学时记录",
        "vault" => "密码与密钥",
        other => other,
    }
}

/// The findings in Chinese, one line each (empty when nothing needs saying).
pub fn describe(f: &Findings) -> Vec<String> {
    let mut out = Vec::new();
    for t in &f.tables_changed {
        let name = if t.label == t.table {
            t.table.clone()
        } else {
            format!("{}（{}）", t.label, t.table)
        };
        out.push(format!("表 {name} 的数据在本程序之外被增加、修改或删除过"));
    }
    match f.seal {
        seal_status::BROKEN => {
            out.push("完整性封印不符：变更日志或各表的记录被改写过（或封印被改动）".to_string())
        }
        seal_status::PENDING => {
            out.push("完整性封印待补：升级或恢复时未解锁，将在下次输入书记密码解锁时补上".into())
        }
        seal_status::UNCHECKED => out.push(
            "完整性封印未核对：已设书记密码，解锁后才能核对（命令行请设置 ZHIBU_PASSWORD）".into(),
        ),
        seal_status::UNKEYED => out.push(
            "未设书记密码：封印的密钥存在数据文件里，改写整个日志只能靠数据文件旁的记录发现".into(),
        ),
        _ => {}
    }
    let from = f.head_from.as_deref().unwrap_or("数据文件旁的 .head 记录");
    match f.head {
        head_status::MISSING => {
            out.push("数据文件旁没有 .head 记录（文件可能是复制来的）；已对照备份记录检查".into())
        }
        head_status::BEHIND => {
            out.push(format!("变更日志比 {from} 记下的短：最后的若干条被删除过"))
        }
        head_status::REWRITTEN => out.push(format!(
            "变更日志与 {from} 记下的不符：日志被改写或整个替换过"
        )),
        head_status::CHANGED => out.push(format!("变更日志未变，但各表的数据与 {from} 记下的不同")),
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_written_by_many_threads_at_once_all_land_and_leave_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("branch.sqlite3");
        let threads: Vec<_> = (0..8)
            .map(|i| {
                let db = db.clone();
                std::thread::spawn(move || {
                    let head = Head {
                        seq: i,
                        hash: format!("{i:064}"),
                        state: String::new(),
                        version: 15,
                        mac: None,
                        at: String::new(),
                    };
                    for _ in 0..20 {
                        write_head(&db, &head).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let head = read_head(&db).expect("one whole head is in place");
        assert_eq!(head.hash, format!("{:064}", head.seq));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["branch.sqlite3.head"]);
    }

    #[test]
    fn the_accumulator_adds_and_takes_away_mod_2_256() {
        let a = to32(Some(&[0xff; 32]));
        let b = to32(Some(&[1]));
        let mut acc = a;
        add(&mut acc, &b);
        assert_eq!(acc, [0u8; 32], "wraps around");
        sub(&mut acc, &b);
        assert_eq!(acc, a);
        let mut acc = [0u8; 32];
        for x in [a, b, to32(Some(&[7, 9, 3]))] {
            add(&mut acc, &x);
        }
        for x in [b, to32(Some(&[7, 9, 3])), a] {
            sub(&mut acc, &x);
        }
        assert_eq!(acc, [0u8; 32], "order does not matter");
    }

    /// The accumulators `recompute` takes from the rows, by name.
    fn from_rows(conn: &Connection) -> Recorded {
        tables(conn)
            .unwrap()
            .iter()
            .map(|t| {
                let (acc, n) = scan(conn, t).unwrap();
                (t.name.clone(), acc.to_vec(), n)
            })
            .collect()
    }

    #[test]
    fn deltas_fold_exactly_and_go_with_a_rolled_back_savepoint() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE table_digest (name TEXT PRIMARY KEY, acc BLOB NOT NULL,
                 rows INTEGER NOT NULL);
             CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE);
             CREATE TABLE w (k TEXT PRIMARY KEY, x) WITHOUT ROWID;
             INSERT INTO t (v) VALUES ('a'), ('b');",
        )
        .unwrap();
        register(&conn).unwrap();
        recompute(&conn).unwrap();
        install_triggers(&conn).unwrap();

        let tx = conn.transaction().unwrap();
        tx.execute_batch(
            "INSERT INTO t (v) VALUES ('c');
             UPDATE t SET v = 'B' WHERE v = 'b';
             DELETE FROM t WHERE v = 'a';
             INSERT OR REPLACE INTO t (id, v) VALUES (3, 'C');
             INSERT INTO w VALUES ('k1', 1.5), ('k2', x'00');
             SAVEPOINT preview;
             INSERT INTO t (v) VALUES ('gone');
             UPDATE w SET x = NULL;
             DELETE FROM t;
             ROLLBACK TO preview;
             RELEASE preview;",
        )
        .unwrap();
        assert_eq!(recorded(&tx).unwrap(), from_rows(&tx), "pending rows count");
        fold(&tx).unwrap();
        tx.commit().unwrap();
        assert_eq!(recorded(&conn).unwrap(), from_rows(&conn));
        let left: i64 = conn
            .query_row(&format!("SELECT count(*) FROM temp.{DELTA}"), [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(left, 0, "the deltas are emptied once folded");

        // A transaction rolled back whole (a dry run) leaves neither deltas nor a change.
        let before = recorded(&conn).unwrap();
        let tx = conn.transaction().unwrap();
        tx.execute_batch("INSERT INTO t (v) VALUES ('d'); DELETE FROM w;")
            .unwrap();
        tx.rollback().unwrap();
        fold(&conn).unwrap();
        assert_eq!(recorded(&conn).unwrap(), before);
        assert_eq!(before, from_rows(&conn));

        // A row written without the triggers (behind the app's back) leaves its table behind.
        conn.execute_batch("DROP TRIGGER temp.zhibu_digest_0_ins; INSERT INTO t (v) VALUES ('x');")
            .unwrap();
        fold(&conn).unwrap();
        let rec = recorded(&conn).unwrap();
        let rows = from_rows(&conn);
        assert_ne!(
            rec.iter().find(|r| r.0 == "t"),
            rows.iter().find(|r| r.0 == "t")
        );
        assert_eq!(
            rec.iter().find(|r| r.0 == "w"),
            rows.iter().find(|r| r.0 == "w")
        );
    }

    #[test]
    fn a_value_s_type_is_part_of_its_hash() {
        let hash = |v: ValueRef| {
            let mut h = Sha256::new();
            feed(&mut h, v);
            h.finalize().to_vec()
        };
        let all = [
            hash(ValueRef::Null),
            hash(ValueRef::Integer(1)),
            hash(ValueRef::Real(1.0)),
            hash(ValueRef::Text(b"1")),
            hash(ValueRef::Blob(b"1")),
        ];
        for i in 0..all.len() {
            for j in i + 1..all.len() {
                assert_ne!(all[i], all[j], "{i} {j}");
            }
        }
    }
}
