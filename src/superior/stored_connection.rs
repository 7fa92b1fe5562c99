//! A connection to the 党委's PostgreSQL kept in the app's SQLite, one row in a table of its own:
//! the branch's 上报 connection (`superior_connection`) and the 党委 window's reading connection
//! (`council_connection`). The password is sealed for its place (table, row, column) like the
//! other secrets, so a sealed value moved to the other table does not open; the rest is plain.

use rusqlite::{params, Connection, OptionalExtension};

use super::endpoint::Endpoint;
use super::outbox::{ConnectionInfo, ConnectionInput};
use crate::change_log;
use crate::error::Result;
use crate::vault::{self, Place};

/// The table one kind of connection is kept in (always row 1).
#[derive(Debug, Clone, Copy)]
pub(crate) struct StoredConnection {
    table: &'static str,
}

/// The branch's connection for 上报.
pub(crate) const BRANCH: StoredConnection = StoredConnection {
    table: "superior_connection",
};

/// The 党委 window's reading connection.
pub(crate) const COUNCIL: StoredConnection = StoredConnection {
    table: "council_connection",
};

/// The endpoint a settings form describes; an empty password keeps `stored`'s.
pub fn endpoint_of(input: &ConnectionInput, stored: Option<&Endpoint>) -> Endpoint {
    let password = if input.password.is_empty() {
        stored.map(|e| e.password.clone()).unwrap_or_default()
    } else {
        input.password.clone()
    };
    Endpoint {
        host: input.host.trim().to_string(),
        port: input.port,
        database: input.database.trim().to_string(),
        user: input.role.trim().to_string(),
        password,
        verify_host: input.verify_host,
        ca_pem: input.ca_pem.trim().to_string() + "\n",
    }
}

impl StoredConnection {
    fn place(self) -> Place<'static> {
        Place {
            table: self.table,
            row: "1",
            column: "password",
        }
    }

    /// Stores the connection (replacing the one before), its password sealed; the change log
    /// names the server and role, never the password.
    pub(crate) fn save(self, conn: &Connection, endpoint: &Endpoint, actor: &str) -> Result<()> {
        endpoint.check()?;
        let sealed = vault::key(conn)?.seal(&endpoint.password, self.place())?;
        conn.execute(
            &format!(
                "INSERT INTO {}
                     (id, host, port, database, role, password, verify_host, ca_pem, updated_at)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (id) DO UPDATE SET host = excluded.host, port = excluded.port,
                     database = excluded.database, role = excluded.role,
                     password = excluded.password, verify_host = excluded.verify_host,
                     ca_pem = excluded.ca_pem, updated_at = excluded.updated_at",
                self.table
            ),
            params![
                endpoint.host,
                endpoint.port,
                endpoint.database,
                endpoint.user,
                sealed,
                endpoint.verify_host,
                endpoint.ca_pem,
                crate::ids::timestamp()
            ],
        )?;
        change_log::record(
            conn,
            actor,
            self.table,
            "1",
            "set",
            &serde_json::json!({
                "host": endpoint.host,
                "port": endpoint.port,
                "database": endpoint.database,
                "role": endpoint.user,
            }),
        )
    }

    /// The stored row: the connection as the settings page shows it, and the sealed password.
    fn stored(self, conn: &Connection) -> Result<Option<(ConnectionInfo, String)>> {
        Ok(conn
            .prepare_cached(&format!(
                "SELECT host, port, database, role, password, verify_host, ca_pem
                 FROM {} WHERE id = 1",
                self.table
            ))?
            .query_row([], |r| {
                let password: String = r.get("password")?;
                Ok((
                    ConnectionInfo {
                        host: r.get("host")?,
                        port: r.get("port")?,
                        database: r.get("database")?,
                        role: r.get("role")?,
                        has_password: !password.is_empty(),
                        verify_host: r.get("verify_host")?,
                        ca_pem: r.get("ca_pem")?,
                    },
                    password,
                ))
            })
            .optional()?)
    }

    /// The stored connection without its password (none stored: `None`).
    pub(crate) fn info(self, conn: &Connection) -> Result<Option<ConnectionInfo>> {
        Ok(self.stored(conn)?.map(|(info, _)| info))
    }

    /// The stored connection with its password opened (`Locked` while the password is needed).
    pub(crate) fn load(self, conn: &Connection) -> Result<Option<Endpoint>> {
        let Some((info, sealed)) = self.stored(conn)? else {
            return Ok(None);
        };
        let password = vault::opener(conn)?.open(&sealed, self.place())?;
        Ok(Some(Endpoint {
            host: info.host,
            port: info.port,
            database: info.database,
            user: info.role,
            password,
            verify_host: info.verify_host,
            ca_pem: info.ca_pem,
        }))
    }

    /// Forgets the connection; the change log says so when there was one.
    pub(crate) fn forget(self, conn: &Connection, actor: &str) -> Result<()> {
        let deleted = conn.execute(&format!("DELETE FROM {} WHERE id = 1", self.table), [])?;
        if deleted > 0 {
            change_log::record(
                conn,
                actor,
                self.table,
                "1",
                "delete",
                &serde_json::json!({}),
            )?;
        }
        Ok(())
    }

    /// Seals the stored password again under a new data key (the vault's re-keying). A schema
    /// being migrated may not have the table yet.
    pub(crate) fn reseal(
        self,
        tx: &Connection,
        old: &vault::DataKey,
        new: &vault::DataKey,
        legacy: bool,
    ) -> Result<()> {
        let exists: bool = tx.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [self.table],
            |r| r.get(0),
        )?;
        if !exists {
            return Ok(());
        }
        let sealed: Option<String> = tx
            .query_row(
                &format!("SELECT password FROM {} WHERE id = 1", self.table),
                [],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(sealed) = sealed {
            let plain = old.open(&sealed, self.place(), legacy)?;
            tx.execute(
                &format!("UPDATE {} SET password = ?1 WHERE id = 1", self.table),
                [new.seal(&plain, self.place())?],
            )?;
        }
        Ok(())
    }
}
