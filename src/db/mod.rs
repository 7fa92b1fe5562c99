//! The database handle: open with pragmas, run embedded migrations, one transaction per write.

mod file;
mod password;
mod query;
mod schema;
mod verify;

pub(crate) use file::check_foreign_file;
pub use file::{damaged_marker, default_path, require_existing};
pub(crate) use query::{text, Filter};
use schema::{inspect, migrate, REMASK_VERSION};
pub use schema::{integrity_version, migration_sql, migrations, supported_version, APPLICATION_ID};
pub use verify::{mark_if_damaged, verify, verify_with, Verification, VerifySummary};

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, RwLock};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction};

use crate::error::{Error, Reason, Result};
use crate::vault::{self, KeySlot, TailSlot};

pub struct Db {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
    /// The data key while unlocked (always, when no password is set); see `vault`.
    key: KeySlot,
    /// The 我的学时 tail key, from the first unlock in this process on: locking keeps it, so
    /// members can look up their hours at the lock screen.
    tail_key: TailSlot,
    /// The vault's settings as stored, kept here so the lock check before every command of the
    /// app reads no SQL; re-read whenever the vault changes (`vault_write`, a restore).
    vault_status: RwLock<vault::VaultStatus>,
    /// The file is known to be damaged (a check found it so, now or earlier): nothing more is
    /// written to it until it is restored from a backup.
    damaged: AtomicBool,
}

/// How long a writer waits for another one (a long import, a backup) before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Whether an error is SQLite saying the file is damaged.
fn is_corruption(e: &Error) -> bool {
    matches!(
        e,
        Error::Db(rusqlite::Error::SqliteFailure(f, _))
            if matches!(f.code, rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

impl Db {
    /// Opens (creating if absent) the database at `path` and brings its schema up to date.
    /// A file that is not a Zhibu database, or one written by a newer version, is refused untouched.
    /// Only what creates a database (the first run, `init`, `demo`) opens this way.
    pub fn open(path: &Path) -> Result<Db> {
        Self::open_file(path, true)
    }

    /// Opens the existing database at `path` as [`Db::open`] does, but never creates one: a
    /// missing file (a mistyped path) is refused with `NoDatabase` and nothing is made.
    pub fn open_existing(path: &Path) -> Result<Db> {
        Self::open_file(path, false)
    }

    fn open_file(path: &Path, create: bool) -> Result<Db> {
        if !create {
            require_existing(path)?;
        }
        check_foreign_file(path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let not_ours = || Error::NotADatabase {
            path: path.to_path_buf(),
        };
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(path, flags)?;
        // Reading the header and schema before any write is what tells a damaged file.
        let (app_id, version, tables) = inspect(&conn).map_err(|_| not_ours())?;
        if tables > 0 && app_id != APPLICATION_ID {
            return Err(not_ours());
        }
        if version > supported_version() {
            return Err(Error::SchemaTooNew {
                found: version,
                supported: supported_version(),
            });
        }
        let damaged = damaged_marker(path).exists();
        if damaged && version < supported_version() {
            // Migrating is writing.
            return Err(Error::Conflict {
                reason: Reason::DatabaseDamaged,
            });
        }
        apply_pragmas(&conn, true)?;
        if tables > 0 && version < supported_version() {
            crate::backup::before_migration(&conn, path, crate::ids::local_now())?;
        }
        let db = Self::finish(conn, Some(path.to_path_buf()))?;
        db.damaged.store(damaged, Ordering::Relaxed);
        if tables > 0 && version < REMASK_VERSION && supported_version() >= REMASK_VERSION {
            // The upgrade masked old forms inside the change log again and rechained it: the
            // heads kept of the log before (beside the data, in backups' records) describe a
            // log the app itself replaced.
            crate::backup::after_log_rewrite(path)?;
        }
        if !damaged {
            crate::backup::remove_stale_temp_files(path);
        }
        Ok(db)
    }

    /// Whether the file is known to be damaged: writes are refused with `DatabaseDamaged`.
    pub fn is_damaged(&self) -> bool {
        self.damaged.load(Ordering::Relaxed)
    }

    /// Records that the file is damaged (`problems`, SQLite's words, go into the note beside
    /// it), for this handle and every later opening.
    pub fn mark_damaged(&self, problems: &[String]) -> Result<()> {
        self.damaged.store(true, Ordering::Relaxed);
        if let Some(path) = &self.path {
            let note = format!(
                "支部工作台的检查发现数据文件 {} 已损坏，此后不再写入。请用备份恢复（命令行：zhibu restore <备份文件>）。\n{}\n",
                path.display(),
                problems.join("\n")
            );
            std::fs::write(damaged_marker(path), note)?;
        }
        Ok(())
    }

    /// [`verify`] on this file, with the tables, the seal and the heads kept outside the file
    /// (beside it and in its backups' records); damage found (by the check, or met by SQLite on
    /// the way) marks the file damaged. Tampering alone does not.
    pub fn verify(&self) -> Result<Verification> {
        let key = self.key.read().unwrap_or_else(|e| e.into_inner()).clone();
        let (head_file, records) = match &self.path {
            Some(p) => (
                crate::integrity::read_head(p),
                crate::backup::record_heads(p),
            ),
            None => (None, Vec::new()),
        };
        let ctx = crate::integrity::Context {
            key: key.as_ref(),
            password_set: self.vault_status().password_set,
            head_file,
            head_file_expected: self.path.is_some(),
            records,
        };
        let report = match self.read(|conn| verify_with(conn, &ctx)) {
            // SQLite may stop the check itself at a damaged page: that is its finding.
            Err(e) if is_corruption(&e) => Verification {
                integrity: vec![e.to_string()],
                ..Verification::default()
            },
            other => other?,
        };
        mark_if_damaged(self, &report)?;
        Ok(report)
    }

    /// How long a writer waits for another before `DatabaseBusy` (tests shorten it).
    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<()> {
        Ok(self.lock().busy_timeout(timeout)?)
    }

    fn refuse_if_damaged(&self) -> Result<()> {
        if self.is_damaged() {
            return Err(Error::Conflict {
                reason: Reason::DatabaseDamaged,
            });
        }
        Ok(())
    }

    /// Marks the file damaged when SQLite met damage during `out`'s work.
    fn note_corruption<T>(&self, out: Result<T>) -> Result<T> {
        if let Err(e) = &out {
            if is_corruption(e) {
                let _ = self.mark_damaged(&[e.to_string()]);
            }
        }
        out
    }

    /// A private in-memory database, for tests and previews.
    pub fn open_in_memory() -> Result<Db> {
        let conn = Connection::open_in_memory()?;
        apply_pragmas(&conn, false)?;
        Self::finish(conn, None)
    }

    fn finish(mut conn: Connection, path: Option<PathBuf>) -> Result<Db> {
        let migrated = migrate(&mut conn)?;
        let key = KeySlot::default();
        let tail_key = TailSlot::default();
        vault::register(&conn, key.clone(), tail_key.clone())?;
        crate::collate::register(&conn)?;
        let vault_status = RwLock::new(vault::status(&conn)?);
        let unguarded = vault::unguarded_key(&conn)?;
        let db = Db {
            conn: Mutex::new(conn),
            path,
            key,
            tail_key,
            vault_status,
            damaged: AtomicBool::new(false),
        };
        db.set_key(unguarded);
        db.arm_integrity(migrated, false)?;
        Ok(db)
    }

    /// Registers the integrity functions and triggers on the connection; after a migration
    /// (or a forced restore, `rebase`) retakes every accumulator and the seal, keyed when the
    /// key is in memory, else pending until the next unlock.
    fn arm_integrity(&self, migrated: bool, rebase: bool) -> Result<()> {
        let head = {
            let mut conn = self.lock();
            crate::integrity::register(&conn)?;
            crate::integrity::install_triggers(&conn)?;
            if !migrated && !rebase {
                return Ok(());
            }
            let key = self.key.read().unwrap_or_else(|e| e.into_inner()).clone();
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            crate::integrity::recompute(&tx)?;
            let head = crate::integrity::seal(&tx, key.as_ref(), rebase)?;
            tx.commit()?;
            head
        };
        self.keep_head(&head);
        Ok(())
    }

    /// Writes the head beside the data file; a failure is told on stderr and does not undo
    /// the write it follows (already committed).
    fn keep_head(&self, head: &crate::integrity::Head) {
        if let Some(path) = &self.path {
            if let Err(e) = crate::integrity::write_head(path, head) {
                eprintln!(
                    "支部工作台：未能写入 {}：{e}",
                    crate::integrity::head_path(path).display()
                );
            }
        }
    }

    /// Retakes the accumulators and seal of data taken as it is (a forced restore).
    pub(crate) fn rebase_integrity(&self) -> Result<()> {
        self.refuse_if_damaged()?;
        self.arm_integrity(false, true)
    }

    /// A seal left pending while locked (an upgrade, a forced restore) is keyed now that the
    /// key is in memory, if the check accepts it as pending.
    fn seal_pending(&self) -> Result<()> {
        if self.is_damaged() || !self.read(crate::integrity::is_pending)? {
            return Ok(());
        }
        if self.verify()?.seal != crate::integrity::seal_status::PENDING {
            return Ok(());
        }
        self.write(|_| Ok(()))
    }

    /// Whether a password is set and the idle minutes, without a query.
    pub fn vault_status(&self) -> vault::VaultStatus {
        self.vault_status
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Whether a password guards the data and has not been given: editing and the sensitive
    /// fields wait for [`Db::unlock`].
    pub fn is_locked(&self) -> bool {
        self.key.read().unwrap_or_else(|e| e.into_inner()).is_none()
    }

    /// Unlocks with the secretary password (or refuses with `WrongPassword`, or with
    /// `UnlockThrottled` while wrong tries make the next one wait). Values sealed before they
    /// were bound to their place, and 我的学时 tails not yet keyed, are brought up to date now
    /// that the key is here; a seal left pending (an upgrade while locked) is keyed.
    pub fn unlock(&self, password: &str, now: chrono::NaiveDateTime) -> Result<()> {
        let key = self.throttled(
            now,
            || self.read(|conn| vault::unlock(conn, password)),
            |e| e.reason() == Some(Reason::WrongPassword),
        )?;
        self.set_key(Some(key.clone()));
        self.seal_pending()?;
        if !self.is_damaged() && self.read(vault::needs_upgrade)? {
            self.write(|tx| vault::upgrade(tx, &key, crate::change_log::ACTOR_APP))?;
        }
        Ok(())
    }

    /// Tries a secretary password or recovery key under the throttle kept in the file: refused
    /// with `UnlockThrottled` while a wait holds; a refusal `wrong` names counts as a wrong
    /// try, and success starts the count again. The count is written on its own, outside
    /// [`Db::write`] and the change log (it happens while locked).
    pub fn throttled<T>(
        &self,
        now: chrono::NaiveDateTime,
        attempt: impl FnOnce() -> Result<T>,
        wrong: impl FnOnce(&Error) -> bool,
    ) -> Result<T> {
        let state = self.read(vault::throttle::load)?;
        if let Some(seconds) = vault::throttle::wait_seconds(state, now) {
            return Err(vault::throttle::refusal(seconds));
        }
        let out = attempt();
        let after = match &out {
            Err(e) if wrong(e) => Some(vault::throttle::next(state, now)),
            Ok(_) if state != vault::throttle::ThrottleState::default() => {
                Some(vault::throttle::ThrottleState::default())
            }
            _ => None,
        };
        if let (Some(after), false) = (after, self.is_damaged()) {
            self.read(|conn| vault::throttle::store(conn, after))?;
        }
        out
    }

    /// [`Db::vault_write`] for what makes a new data key (setting, changing, removing the
    /// password, recovering): afterwards the WAL is checkpointed and emptied, so with
    /// `secure_delete` no page of the file or its WAL keeps the old key or old sealed values.
    pub fn vault_rotate<T>(
        &self,
        f: impl FnOnce(&Transaction) -> Result<(T, Option<vault::DataKey>)>,
    ) -> Result<T> {
        let out = self.vault_write(f)?;
        if self.path.is_some() {
            self.read(|conn| {
                conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
                Ok(())
            })?;
        }
        Ok(out)
    }

    /// Forgets the data key, when a password can bring it back; without a password there is
    /// nothing to lock.
    pub fn lock_data(&self) {
        if self.vault_status().password_set {
            self.set_key(None);
        }
    }

    /// Sets, changes, recovers or removes the password through `f`, keeping the key in
    /// memory as `f` leaves it (`Some` unlocks, `None` keeps the current state). Every change
    /// to the vault goes through here, so the status kept in memory stays true.
    pub fn vault_write<T>(
        &self,
        f: impl FnOnce(&Transaction) -> Result<(T, Option<vault::DataKey>)>,
    ) -> Result<T> {
        let ((out, status), key) = self.sealed_write(
            |tx| {
                let (out, key) = f(tx)?;
                Ok(((out, vault::status(tx)?), key))
            },
            true,
        )?;
        if key.is_some() {
            self.set_key(key);
        }
        self.set_vault_status(status);
        Ok(out)
    }

    /// The minutes without use after which the app locks.
    pub fn set_idle_minutes(&self, minutes: u32, actor: &str) -> Result<()> {
        self.vault_write(|tx| Ok((vault::set_idle_minutes(tx, minutes, actor)?, None)))
    }

    fn set_vault_status(&self, status: vault::VaultStatus) {
        *self.vault_status.write().unwrap_or_else(|e| e.into_inner()) = status;
    }

    /// The data key in memory, if unlocked.
    pub(crate) fn current_key(&self) -> Option<vault::DataKey> {
        self.key.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Locking (`None`) forgets the data key but keeps the tail key it gave.
    fn set_key(&self, key: Option<vault::DataKey>) {
        if let Some(k) = &key {
            *self.tail_key.write().unwrap_or_else(|e| e.into_inner()) = Some(k.tail_key());
        }
        *self.key.write().unwrap_or_else(|e| e.into_inner()) = key;
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Runs `f` in a transaction that is always rolled back: a preview that makes the real
    /// changes to find every error they would meet, and keeps none of them.
    pub fn dry_run<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.refuse_if_damaged()?;
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx);
        tx.rollback()?;
        out
    }

    /// Replaces the whole database with the contents of `from` (SQLite's backup API, under
    /// the write lock), then brings an older schema up to date.
    pub(crate) fn replace_with(&self, from: &Connection) -> Result<()> {
        self.refuse_if_damaged()?;
        let mut conn = self.lock();
        // The triggers belong to the schema being replaced; they are made again after.
        crate::integrity::drop_triggers(&conn)?;
        rusqlite::backup::Backup::new(from, &mut conn)?.run_to_completion(
            512,
            std::time::Duration::ZERO,
            None,
        )?;
        apply_pragmas(&conn, self.path.is_some())?;
        let migrated = migrate(&mut conn)?;
        drop(conn);
        // The restored file keeps its own password: stay unlocked only if the key in memory
        // is its key, or it has no password.
        let kept = self.key.read().unwrap_or_else(|e| e.into_inner()).clone();
        let key = self.read(|conn| {
            Ok(match (vault::unguarded_key(conn)?, kept) {
                (Some(plain), _) => Some(plain),
                (None, Some(k)) if vault::is_key_of(conn, &k)? => Some(k),
                _ => None,
            })
        })?;
        self.set_key(key);
        self.set_vault_status(self.read(vault::status)?);
        self.arm_integrity(migrated, false)
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic inside a closure cannot leave a transaction open (it rolls back on drop),
        // so a poisoned lock still guards a consistent connection.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs read-only work on the connection.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.lock();
        f(&conn)
    }

    /// Runs `f` in one transaction: committed on `Ok`, rolled back on `Err`.
    /// A file known to be damaged is not written to (`DatabaseDamaged`); damage SQLite meets
    /// on the way marks it so. Another writer holding the file longer than the busy timeout
    /// gives `DatabaseBusy`.
    /// With a password set, nothing is written while locked (`Locked`): every change is
    /// sealed with the key (see [`crate::integrity`]), and the head is kept beside the file.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.sealed_write(|tx| Ok((f(tx)?, None)), false)
            .map(|(out, _)| out)
    }

    /// [`Db::write`] whose `f` may give the key to seal with (the vault's new key); `vault`
    /// lets it start while locked (a recovery), needing the key from `f` then.
    fn sealed_write<T>(
        &self,
        f: impl FnOnce(&Transaction) -> Result<(T, Option<vault::DataKey>)>,
        vault: bool,
    ) -> Result<(T, Option<vault::DataKey>)> {
        self.refuse_if_damaged()?;
        let current = self.key.read().unwrap_or_else(|e| e.into_inner()).clone();
        if current.is_none() && !vault {
            return Err(Error::Locked);
        }
        let out = (|| {
            let mut conn = self.lock();
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let (out, new_key) = f(&tx)?;
            let Some(key) = new_key.clone().or(current) else {
                return Err(Error::Locked);
            };
            let head = crate::integrity::seal(&tx, Some(&key), false)?;
            tx.commit()?;
            drop(conn);
            self.keep_head(&head);
            Ok((out, new_key))
        })();
        self.note_corruption(out)
    }

    /// A write while locked that cannot wait for the password (the note of a forced
    /// restore): sealed when the key is in memory, else left pending for the next unlock.
    pub(crate) fn write_unkeyed<T>(&self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        if !self.is_locked() {
            return self.write(f);
        }
        self.refuse_if_damaged()?;
        let out = (|| {
            let mut conn = self.lock();
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            let head = crate::integrity::seal(&tx, None, true)?;
            tx.commit()?;
            drop(conn);
            self.keep_head(&head);
            Ok(out)
        })();
        self.note_corruption(out)
    }
}

fn apply_pragmas(conn: &Connection, file: bool) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if file {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        // A decade of a large branch is hundreds of megabytes: reads go through the mapped
        // file and a 64 MB page cache instead of a read call per 4 KB page.
        conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
        // Freed space is zeroed: a new data key must not leave the old one (or values sealed
        // with it) readable in a free page or cell.
        conn.pragma_update(None, "secure_delete", "ON")?;
    }
    conn.pragma_update(None, "cache_size", -65_536)?;
    Ok(())
}
