//! The 党委's database prepared: created if missing, its versioned migrations (SQL embedded
//! in the binary, applied in order and recorded in `schema_version`), the reading role, and
//! one login role per branch with a generated password.

use postgres::Client;
use serde::Serialize;

use super::endpoint::{connect, Endpoint};
use super::{pg_error, random_hex, refused};
use crate::error::Result;

/// The migrations, in order; a shipped one is never edited (a test pins their hashes).
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_reports.sql"),
    include_str!("migrations/0002_branch_latest.sql"),
];

/// What `zhibu superior setup --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetupResult {
    pub database: String,
    /// The 党委's reading connection (its password is new on every setup).
    pub reader_url: String,
}

/// What `zhibu superior add-branch --json` prints: the branch's one-time credentials.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BranchCredentials {
    pub branch_id: String,
    pub url: String,
}

/// The role names of a database: roles belong to the whole server, so they carry its name.
pub struct Roles {
    pub reader: String,
    pub branches: String,
}

pub fn roles(database: &str) -> Roles {
    Roles {
        reader: format!("zb_{database}_reader"),
        branches: format!("zb_{database}_branches"),
    }
}

/// A database name the roles can be named after: lower-case letters, digits and `_`.
fn check_database_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 40
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(refused(format!(
            "数据库名「{name}」不可用：只能用小写英文字母、数字和下划线，以字母开头，最多 40 个字符"
        )))
    }
}

fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Creates the database if it does not exist, applies the migrations it lacks, and makes (or
/// gives a new password to) the reading role. Safe to run again.
pub fn setup(admin: &Endpoint, ca_path: &str) -> Result<SetupResult> {
    let database = admin.database.clone();
    check_database_name(&database)?;
    let r = roles(&database);
    let reader_password = random_hex(24)?;
    {
        let mut server = connect(&admin.with_database("postgres"))?;
        let exists = server
            .query_opt("SELECT 1 FROM pg_database WHERE datname = $1", &[&database])
            .map_err(pg_error)?
            .is_some();
        if !exists {
            server
                .batch_execute(&format!("CREATE DATABASE {}", ident(&database)))
                .map_err(pg_error)?;
        }
        let mut tx = server.transaction().map_err(pg_error)?;
        for (role, login) in [(&r.branches, false), (&r.reader, true)] {
            let exists = tx
                .query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[role])
                .map_err(pg_error)?
                .is_some();
            let verb = if exists { "ALTER" } else { "CREATE" };
            let login = if login {
                format!("LOGIN PASSWORD '{reader_password}'")
            } else {
                "NOLOGIN".into()
            };
            tx.batch_execute(&format!("{verb} ROLE {} {login}", ident(role)))
                .map_err(pg_error)?;
        }
        tx.batch_execute(&format!(
            "REVOKE ALL ON DATABASE {db} FROM PUBLIC;
             GRANT CONNECT ON DATABASE {db} TO {reader}, {branches};",
            db = ident(&database),
            reader = ident(&r.reader),
            branches = ident(&r.branches)
        ))
        .map_err(pg_error)?;
        tx.commit().map_err(pg_error)?;
    }
    let mut client = connect(admin)?;
    migrate(&mut client, &r)?;
    let reader = admin.with_login(&r.reader, &reader_password);
    Ok(SetupResult {
        database,
        reader_url: reader.url(ca_path),
    })
}

/// The version the database is at (0 before the first migration).
pub fn version(client: &mut Client) -> Result<usize> {
    let exists = client
        .query_one("SELECT to_regclass('schema_version') IS NOT NULL", &[])
        .map_err(pg_error)?
        .get::<_, bool>(0);
    if !exists {
        return Ok(0);
    }
    let v: Option<i32> = client
        .query_one("SELECT max(version) FROM schema_version", &[])
        .map_err(pg_error)?
        .get(0);
    Ok(v.unwrap_or(0) as usize)
}

/// Applies every migration the database lacks, each in its own transaction with its row in
/// `schema_version`. A database newer than this program is refused, untouched.
fn migrate(client: &mut Client, roles: &Roles) -> Result<()> {
    client
        .batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_version (
                 version    integer PRIMARY KEY,
                 applied_at timestamptz NOT NULL DEFAULT now())",
        )
        .map_err(pg_error)?;
    let at = version(client)?;
    if at > MIGRATIONS.len() {
        return Err(refused(format!(
            "数据库结构版本 {at} 比本程序支持的 {} 新，未作任何更改；请升级程序",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(at) {
        let sql = sql
            .replace("{reader}", &ident(&roles.reader))
            .replace("{branches}", &ident(&roles.branches));
        let mut tx = client.transaction().map_err(pg_error)?;
        // Two setups at once: the second waits here, then finds the version applied.
        tx.batch_execute("LOCK TABLE schema_version IN EXCLUSIVE MODE")
            .map_err(pg_error)?;
        let done = tx
            .query_opt(
                "SELECT 1 FROM schema_version WHERE version = $1",
                &[&(i as i32 + 1)],
            )
            .map_err(pg_error)?
            .is_some();
        if !done {
            tx.batch_execute(&sql).map_err(pg_error)?;
            tx.execute(
                "INSERT INTO schema_version (version) VALUES ($1)",
                &[&(i as i32 + 1)],
            )
            .map_err(pg_error)?;
        }
        tx.commit().map_err(pg_error)?;
    }
    Ok(())
}

/// Adds a branch: its row, and a login role of its own (member of the branches' group, so
/// the policies apply to it) with a generated password, in one transaction. The password is
/// shown once, in the URL returned.
pub fn add_branch(admin: &Endpoint, name: &str, ca_path: &str) -> Result<BranchCredentials> {
    let name = crate::names::clean_name("name", name, 100, true)?;
    check_database_name(&admin.database)?;
    let r = roles(&admin.database);
    let branch_id = crate::ids::new_id();
    let role = format!("zb_{}", branch_id.replace('-', ""));
    let password = random_hex(24)?;
    let mut client = connect(admin)?;
    if version(&mut client)? == 0 {
        return Err(refused("该数据库尚未初始化，请先运行 zhibu superior setup"));
    }
    let mut tx = client.transaction().map_err(pg_error)?;
    let taken = tx
        .query_opt("SELECT id FROM branch WHERE name = $1", &[&name])
        .map_err(pg_error)?;
    if taken.is_some() {
        return Err(refused(format!("已有名为「{name}」的支部")));
    }
    tx.batch_execute(&format!(
        "CREATE ROLE {} LOGIN PASSWORD '{password}' IN ROLE {}",
        ident(&role),
        ident(&r.branches)
    ))
    .map_err(pg_error)?;
    tx.execute(
        "INSERT INTO branch (id, name, role_name) VALUES ($1, $2, $3::text::name)",
        &[&branch_id, &name, &role],
    )
    .map_err(pg_error)?;
    tx.commit().map_err(pg_error)?;
    Ok(BranchCredentials {
        branch_id,
        url: admin.with_login(&role, &password).url(ca_path),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A shipped migration of the 党委's database is never edited: add a new one instead.
    #[test]
    fn shipped_migrations_are_unchanged() {
        use sha2::{Digest, Sha256};
        let pinned = [
            "e49363be94a9d5915edcab012fb32aed35a05b0d731803ba3f7d11ae02f59bb1",
            "3f72b5f28178275c1b5bb455f88209c26b65bb8bb7a5c16b1888382f5aa552e0",
        ];
        let actual: Vec<String> = MIGRATIONS
            .iter()
            .map(|sql| crate::hex::encode(&Sha256::digest(sql.as_bytes())))
            .collect();
        assert_eq!(actual, pinned);
    }

    #[test]
    fn database_names_that_would_make_odd_role_names_are_refused() {
        for bad in ["", "Dangwei", "1abc", "a-b", "a b", "党委"] {
            assert!(check_database_name(bad).is_err(), "{bad}");
        }
        check_database_name("dangwei_2026").unwrap();
    }
}
