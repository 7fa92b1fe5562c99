//! 上报 to the 上级党委: its PostgreSQL database (schema, roles, row-level security), the
//! branch's report built from the records, its push in one transaction with a queue for when
//! the server cannot be reached, and the 党委's overview of every branch.
//!
//! PostgreSQL does the access control, not this code: each branch logs in with a role of its
//! own whose policies let it insert and read only its own rows; the 党委 reads with a role
//! that can read every row and write none. Every connection is TLS, and the server's
//! certificate is checked against the CA the 党委 handed out.

pub mod daily;
pub mod endpoint;
pub mod export;
pub mod outbox;
pub mod overview;
pub mod publish;
pub mod push;
pub mod report;
pub mod schema;
pub mod simulate;
pub mod stored_connection;
pub mod window;

pub use endpoint::{connect, Endpoint};
pub use overview::{overview, BranchRow, Overview};
pub use push::{push, PushOutcome};
pub use report::{build, Report};
pub use schema::{add_branch, setup, BranchCredentials, SetupResult};

use crate::error::Error;

/// The sentence for a PostgreSQL failure: what it means for the secretary, then the server's
/// own words (its SQLSTATE message), so the 党委's IT staff can look it up.
pub fn pg_error(e: postgres::Error) -> Error {
    use postgres::error::SqlState;
    let message = if let Some(db) = e.as_db_error() {
        let what = match *db.code() {
            SqlState::INSUFFICIENT_PRIVILEGE => "没有权限（该角色不能读写这些数据）",
            SqlState::INVALID_PASSWORD | SqlState::INVALID_AUTHORIZATION_SPECIFICATION => {
                "用户名或密码不正确"
            }
            SqlState::INVALID_CATALOG_NAME => "数据库不存在",
            SqlState::UNIQUE_VIOLATION => "数据重复",
            _ if db.message().contains("row-level security") => {
                "行级安全策略拒绝了该操作（只能写本支部的数据）"
            }
            _ => "服务器拒绝了该操作",
        };
        format!("{what}（{}）", db.message())
    } else if e.is_closed() {
        "与服务器的连接已断开".to_string()
    } else {
        let text = e.to_string();
        let source = std::error::Error::source(&e)
            .map(|s| s.to_string())
            .unwrap_or_default();
        let all = format!("{text} {source}");
        let what = if all.contains("certificate") || all.contains("ssl") || all.contains("tls") {
            "安全连接（TLS）失败：服务器证书与所给的 CA 证书不符，或服务器未启用 TLS"
        } else if all.contains("refused") || all.contains("timed out") || all.contains("resolve") {
            "无法连接到服务器（地址或端口不通，或服务器未启动）"
        } else {
            "与服务器通信失败"
        };
        format!("{what}（{}）", all.trim())
    };
    Error::Superior {
        details: vec![message],
    }
}

/// A refusal of the caller's input or of the database's state, in Chinese.
pub(crate) fn refused(message: impl Into<String>) -> Error {
    Error::Superior {
        details: vec![message.into()],
    }
}

/// `n` random bytes as hex: generated passwords.
pub(crate) fn random_hex(n: usize) -> crate::error::Result<String> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    Ok(crate::hex::encode(&bytes))
}
