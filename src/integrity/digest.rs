//! The digest of every table's rows: per table an accumulator (the sum mod 2^256 of SHA-256
//! over the table's name, the row's rowid and every column value with its type) kept in
//! `table_digest` by TEMP triggers of the app's own connection, recomputed from the rows by
//! `verify`.

use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection};
use sha2::{Digest, Sha256};

use crate::error::Result;
use crate::hex;

/// Tables whose rows are not covered by an accumulator.
pub const UNCOVERED: &[&str] = &["table_digest", "integrity_seal", "unlock_throttle"];

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
pub(super) fn feed(h: &mut Sha256, v: ValueRef) {
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

pub(super) fn to32(bytes: Option<&[u8]>) -> [u8; 32] {
    let mut out = [0u8; 32];
    if let Some(b) = bytes {
        let n = b.len().min(32);
        out[32 - n..].copy_from_slice(&b[b.len() - n..]);
    }
    out
}

/// `acc += x` mod 2^256, both big-endian.
pub(super) fn add(acc: &mut [u8; 32], x: &[u8; 32]) {
    let mut carry = 0u16;
    for i in (0..32).rev() {
        let s = u16::from(acc[i]) + u16::from(x[i]) + carry;
        acc[i] = s as u8;
        carry = s >> 8;
    }
}

/// `acc -= x` mod 2^256, both big-endian.
pub(super) fn sub(acc: &mut [u8; 32], x: &[u8; 32]) {
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
pub(super) struct Table {
    pub(super) name: String,
    pub(super) rowid: bool,
    pub(super) columns: Vec<String>,
}

pub(super) fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

pub(super) fn literal(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

impl Table {
    /// `zhibu_row_hash('t', <p>rowid, <p>"c1", ...)` with `p` a prefix (`NEW.`, `OLD.`, ``).
    pub(super) fn row_hash(&self, prefix: &str) -> String {
        let mut args = vec![literal(&self.name)];
        if self.rowid {
            args.push(format!("{prefix}rowid"));
        }
        args.extend(self.columns.iter().map(|c| format!("{prefix}{}", quote(c))));
        format!("zhibu_row_hash({})", args.join(", "))
    }
}

/// The covered tables of the main schema, by name.
pub(super) fn tables(conn: &Connection) -> Result<Vec<Table>> {
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
pub(super) const DELTA: &str = "zhibu_digest_delta";

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
pub(super) fn has_delta_table(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) > 0 FROM temp.sqlite_master WHERE type = 'table' AND name = ?1",
        )?
        .query_row([DELTA], |r| r.get(0))?)
}

/// The sums of the rows the triggers appended since the last fold: per table, the change
/// to its accumulator and to its row count.
pub(super) fn pending(conn: &Connection) -> Result<Vec<(String, [u8; 32], i64)>> {
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
pub(super) fn fold(conn: &Connection) -> Result<()> {
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
pub(super) fn scan(conn: &Connection, t: &Table) -> Result<([u8; 32], i64)> {
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
pub(super) fn state_of<'a>(entries: impl Iterator<Item = (&'a str, &'a [u8], i64)>) -> String {
    let mut h = Sha256::new();
    for (name, acc, rows) in entries {
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update(to32(Some(acc)));
        h.update(rows.to_le_bytes());
    }
    hex::encode(&h.finalize())
}

pub(super) type Recorded = Vec<(String, Vec<u8>, i64)>;

/// The accumulators as recorded, with any rows written on this connection and not yet
/// folded (none outside a write) counted in, as if folded.
pub(super) fn recorded(conn: &Connection) -> Result<Recorded> {
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

pub(super) fn recorded_state(rec: &Recorded) -> String {
    state_of(rec.iter().map(|(n, a, r)| (n.as_str(), a.as_slice(), *r)))
}

#[cfg(test)]
mod tests {
    use super::*;

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
