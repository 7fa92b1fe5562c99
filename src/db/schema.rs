//! The schema: the embedded migrations in order, the version this build writes, and bringing
//! a connection's schema up to date.

use rusqlite::{Connection, Transaction};
use rusqlite_migration::{Migrations, M};

use crate::error::Result;

/// 'ZHBU', written by the first migration into the SQLite header.
pub const APPLICATION_ID: i64 = 0x5A48_4255;

const MIGRATION_SQL: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_activity_details.sql"),
    include_str!("migrations/0003_study_hours.sql"),
    include_str!("migrations/0004_four_strengths.sql"),
    include_str!("migrations/0005_vault.sql"),
    include_str!("migrations/0006_read_indexes.sql"),
    include_str!("migrations/0007_pipeline.sql"),
    include_str!("migrations/0008_exclusions_votes.sql"),
    include_str!("migrations/0009_branch_calendar.sql"),
    include_str!("migrations/0010_pipeline_dues.sql"),
    include_str!("migrations/0011_resolution_subject.sql"),
    include_str!("migrations/0012_privacy.sql"),
    INTEGRITY_SQL,
    include_str!("migrations/0014_input.sql"),
    include_str!("migrations/0015_order.sql"),
    include_str!("migrations/0016_superior.sql"),
    include_str!("migrations/0017_phone_lookup.sql"),
    include_str!("migrations/0018_council.sql"),
];

/// The migration that adds the tables of [`crate::integrity`].
const INTEGRITY_SQL: &str = include_str!("migrations/0013_integrity.sql");

/// The schema version from which a file holds the integrity tables.
pub fn integrity_version() -> usize {
    MIGRATION_SQL
        .iter()
        .position(|s| std::ptr::eq(*s, INTEGRITY_SQL))
        .map_or(usize::MAX, |i| i + 1)
}

/// The schema version whose upgrade rewrites the change log (masks inside old entries).
pub(super) const REMASK_VERSION: usize = 12;

/// The embedded forward-only migrations, in order.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(
        MIGRATION_SQL
            .iter()
            .enumerate()
            .map(|(i, sql)| match i + 1 {
                // sealing the sensitive fields needs a key made in Rust
                5 => M::up_with_hook(sql, |tx: &Transaction| {
                    crate::vault::migrate_v5(tx)
                        .map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
                }),
                // masking again and binding sealed values need Rust
                REMASK_VERSION => M::up_with_hook(sql, |tx: &Transaction| {
                    crate::vault::migrate_v12(tx)
                        .map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
                }),
                _ => M::up(sql),
            })
            .collect(),
    )
}

/// The SQL text of every migration, for the snapshot test that keeps shipped ones unedited.
pub fn migration_sql() -> &'static [&'static str] {
    MIGRATION_SQL
}

/// The schema version this build writes and understands.
pub fn supported_version() -> usize {
    MIGRATION_SQL.len()
}

/// Brings the schema up to date; whether any migration ran.
pub(super) fn migrate(conn: &mut Connection) -> Result<bool> {
    let before: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    migrations().to_latest(conn)?;
    let after: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(after != before)
}

pub(super) fn inspect(conn: &Connection) -> rusqlite::Result<(i64, usize, i64)> {
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    Ok((app_id, version.max(0) as usize, tables))
}
