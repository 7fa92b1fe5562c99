//! The core's one error type; its `code` and `reason` are what the UI translates.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

mod fields;
mod reasons;

pub use fields::{field_label, FIELD_LABELS};
pub use reasons::Reason;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What kind of record a `NotFound` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Branch,
    PartyGroup,
    Member,
    Session,
    Activity,
    Attachment,
    StudyEntry,
    Attestation,
    Indicator,
    Honour,
}

impl Entity {
    pub fn label(self) -> &'static str {
        match self {
            Entity::Branch => "支部",
            Entity::PartyGroup => "党小组",
            Entity::Member => "党员",
            Entity::Session => "会议",
            Entity::Activity => "活动",
            Entity::Attachment => "附件",
            Entity::StudyEntry => "学时记录",
            Entity::Attestation => "四强确认",
            Entity::Indicator => "指标",
            Entity::Honour => "荣誉",
        }
    }
}

/// The stable category of an error: the `code` the window receives, its TypeScript union
/// generated from here. The file dialogs' codes are the shell's own; `Unknown` is never sent:
/// it is what the window calls an answer it cannot read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    NotFound,
    Validation,
    Conflict,
    Locked,
    SchemaTooNew,
    NotADatabase,
    NoDatabase,
    BackupFailsVerify,
    Db,
    Io,
    FileWrite,
    FileRead,
    FileReveal,
    /// The 上级党委's PostgreSQL database refused or could not be reached.
    Superior,
    Unknown,
}

impl ErrorCode {
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::NotFound,
        ErrorCode::Validation,
        ErrorCode::Conflict,
        ErrorCode::Locked,
        ErrorCode::SchemaTooNew,
        ErrorCode::NotADatabase,
        ErrorCode::NoDatabase,
        ErrorCode::BackupFailsVerify,
        ErrorCode::Db,
        ErrorCode::Io,
        ErrorCode::FileWrite,
        ErrorCode::FileRead,
        ErrorCode::FileReveal,
        ErrorCode::Superior,
        ErrorCode::Unknown,
    ];

    /// The code as sent: its serialized name.
    pub fn name(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "not_found",
            ErrorCode::Validation => "validation",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Locked => "locked",
            ErrorCode::SchemaTooNew => "schema_too_new",
            ErrorCode::NotADatabase => "not_a_database",
            ErrorCode::NoDatabase => "no_database",
            ErrorCode::BackupFailsVerify => "backup_fails_verify",
            ErrorCode::Db => "db",
            ErrorCode::Io => "io",
            ErrorCode::FileWrite => "file_write",
            ErrorCode::FileRead => "file_read",
            ErrorCode::FileReveal => "file_reveal",
            ErrorCode::Superior => "superior",
            ErrorCode::Unknown => "unknown",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}不存在（{id}）", entity.label())]
    NotFound { entity: Entity, id: String },

    /// `field` is the snake_case name of the input field, as in the JSON the UI sends.
    #[error("{}：{reason}", field_label(field))]
    Validation { field: &'static str, reason: Reason },

    #[error("{reason}")]
    Conflict { reason: Reason },

    /// A refusal whose sentence needs particulars: the dates a 转正 could be on, what the
    /// path still lacks. `details` are Chinese sentences, shown as they are.
    #[error("{}：{reason}：{}", field_label(field), details.join("；"))]
    Detailed {
        field: &'static str,
        reason: Reason,
        details: Vec<String>,
    },

    /// A password guards the data and has not been given (or the app locked after idle time).
    #[error("已锁定：请输入书记密码解锁（命令行请设置环境变量 ZHIBU_PASSWORD）")]
    Locked,

    #[error("数据库由更新版本的支部工作台写入（结构版本 {found}，本程序支持到 {supported}），为保护数据未作任何更改，请升级程序")]
    SchemaTooNew { found: usize, supported: usize },

    #[error("{} 不是支部工作台的数据库，或文件已损坏；文件未被改动", path.display())]
    NotADatabase { path: PathBuf },

    /// Only `init` and `demo` (and the app's first run) create a database.
    #[error("找不到数据库文件 {}；未新建任何文件。如要新建，请先运行 zhibu init（或 zhibu demo）", path.display())]
    NoDatabase { path: PathBuf },

    #[error("备份 {} 未通过校验：{findings}。未恢复；确认仍要使用，请加 --force", path.display())]
    BackupFailsVerify { path: PathBuf, findings: String },

    #[error("数据库错误：{0}")]
    Db(rusqlite::Error),

    #[error("数据库升级失败：{0}")]
    Migration(#[from] rusqlite_migration::Error),

    #[error("文件读写错误：{}", io_text(.0))]
    Io(#[from] std::io::Error),

    /// A file the user named (an import, an attachment, an output) could not be read or
    /// written: said in Chinese with its path. `details` holds the path (and, for a cause
    /// without a sentence of its own, the system's words).
    #[error("无法{}文件 {}：{}", if *write { "写入" } else { "读取" }, path.display(), io_cause(*reason, details))]
    File {
        path: PathBuf,
        write: bool,
        reason: Reason,
        details: Vec<String>,
    },

    /// One row of a batch (an import, a bulk credit) was refused, so none was kept. `row` is
    /// the line number in the file, or the position in the batch from 1.
    #[error("第 {row} 行：{error}")]
    AtRow { row: usize, error: Box<Error> },

    /// The 上级党委's PostgreSQL database refused or could not be reached; `details` are
    /// Chinese sentences (the server's own words, if any, in brackets), shown as they are.
    #[error("上级党委数据库：{}", details.join("；"))]
    Superior { details: Vec<String> },
}

impl From<rusqlite::Error> for Error {
    /// Another writer holding the file past the busy timeout is said in words, not SQLite's.
    fn from(e: rusqlite::Error) -> Self {
        match &e {
            rusqlite::Error::SqliteFailure(f, _)
                if matches!(
                    f.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) =>
            {
                Error::Conflict {
                    reason: Reason::DatabaseBusy,
                }
            }
            _ => Error::Db(e),
        }
    }
}

/// The Chinese sentence for an operating-system error: its kind's, else the system's words.
fn io_text(e: &std::io::Error) -> String {
    match io_reason(e) {
        Reason::FileIoFailed => format!("{}（{e}）", Reason::FileIoFailed.message()),
        reason => reason.message().to_string(),
    }
}

fn io_reason(e: &std::io::Error) -> Reason {
    match e.kind() {
        std::io::ErrorKind::NotFound => Reason::FileNotFound,
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            Reason::FilePermissionDenied
        }
        std::io::ErrorKind::IsADirectory => Reason::FileIsDirectory,
        _ => Reason::FileIoFailed,
    }
}

/// The cause of a `File` error: its reason's sentence, with the system's words when the
/// reason is the catch-all.
fn io_cause(reason: Reason, details: &[String]) -> String {
    match details.get(1) {
        Some(system) => format!("{}（{system}）", reason.message()),
        None => reason.message().to_string(),
    }
}

impl Error {
    /// `path` could not be read.
    pub fn file_read(path: impl Into<PathBuf>, e: std::io::Error) -> Self {
        Self::file(path.into(), false, &e)
    }

    /// `path` could not be written.
    pub fn file_write(path: impl Into<PathBuf>, e: std::io::Error) -> Self {
        Self::file(path.into(), true, &e)
    }

    fn file(path: PathBuf, write: bool, e: &std::io::Error) -> Self {
        let reason = io_reason(e);
        let mut details = vec![path.display().to_string()];
        if reason == Reason::FileIoFailed {
            details.push(e.to_string());
        }
        Error::File {
            path,
            write,
            reason,
            details,
        }
    }

    pub fn validation(field: &'static str, reason: Reason) -> Self {
        Error::Validation { field, reason }
    }

    pub fn not_found(entity: Entity, id: impl Into<String>) -> Self {
        Error::NotFound {
            entity,
            id: id.into(),
        }
    }

    pub fn at_row(row: usize, error: Error) -> Self {
        Error::AtRow {
            row,
            error: Box::new(error),
        }
    }

    /// Does `f` for each item of a batch, in order, stopping at the first refusal with
    /// `AtRow` naming its position from 1 (the caller's write then keeps nothing).
    pub fn each_row<T, R>(items: &[T], mut f: impl FnMut(&T) -> Result<R>) -> Result<Vec<R>> {
        items
            .iter()
            .enumerate()
            .map(|(i, item)| f(item).map_err(|e| Error::at_row(i + 1, e)))
            .collect()
    }

    /// The row of a batch at fault, if the error is about one.
    pub fn row(&self) -> Option<usize> {
        match self {
            Error::AtRow { row, .. } => Some(*row),
            _ => None,
        }
    }

    /// Stable machine-readable category, the `code` of the IPC error.
    pub fn code(&self) -> &'static str {
        self.error_code().name()
    }

    /// The category as its type.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            Error::AtRow { error, .. } => error.error_code(),
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Validation { .. } | Error::Detailed { .. } => ErrorCode::Validation,
            Error::Conflict { .. } => ErrorCode::Conflict,
            Error::Locked => ErrorCode::Locked,
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::NotADatabase { .. } => ErrorCode::NotADatabase,
            Error::NoDatabase { .. } => ErrorCode::NoDatabase,
            Error::BackupFailsVerify { .. } => ErrorCode::BackupFailsVerify,
            Error::Db(_) | Error::Migration(_) => ErrorCode::Db,
            Error::Io(_) | Error::File { .. } => ErrorCode::Io,
            Error::Superior { .. } => ErrorCode::Superior,
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::AtRow { error, .. } => error.field(),
            Error::Validation { field, .. } | Error::Detailed { field, .. } => Some(field),
            _ => None,
        }
    }

    pub fn reason(&self) -> Option<Reason> {
        match self {
            Error::AtRow { error, .. } => error.reason(),
            Error::Validation { reason, .. }
            | Error::Conflict { reason }
            | Error::Detailed { reason, .. }
            | Error::File { reason, .. } => Some(*reason),
            _ => None,
        }
    }

    /// The particulars of a `Detailed` refusal (none for the others).
    pub fn details(&self) -> &[String] {
        match self {
            Error::AtRow { error, .. } => error.details(),
            Error::Detailed { details, .. } | Error::File { details, .. } => details,
            Error::Superior { details } => details,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each code's name is its serialized name, and `ALL` lists every code once.
    #[test]
    fn error_codes_are_named_as_sent() {
        for code in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), code.name());
        }
        let mut names: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ErrorCode::ALL.len());
    }

    /// The system's English words never stand alone: the kind is said in Chinese with the
    /// file's path.
    #[test]
    fn file_errors_are_said_in_chinese_with_the_path() {
        use std::io::{Error as IoError, ErrorKind};
        let cases = [
            (
                ErrorKind::NotFound,
                false,
                Reason::FileNotFound,
                "无法读取文件 /x/y.xlsx：文件不存在",
            ),
            (
                ErrorKind::PermissionDenied,
                true,
                Reason::FilePermissionDenied,
                "无法写入文件 /x/y.xlsx：没有权限访问该文件",
            ),
            (
                ErrorKind::IsADirectory,
                false,
                Reason::FileIsDirectory,
                "无法读取文件 /x/y.xlsx：这是一个文件夹，不是文件",
            ),
        ];
        for (kind, write, reason, sentence) in cases {
            let io = IoError::from(kind);
            let e = if write {
                Error::file_write("/x/y.xlsx", io)
            } else {
                Error::file_read("/x/y.xlsx", io)
            };
            assert_eq!(e.to_string(), sentence);
            assert_eq!((e.code(), e.reason()), ("io", Some(reason)));
            assert_eq!(e.details(), ["/x/y.xlsx"]);
        }
        let other = Error::file_read("/x", IoError::other("disk on fire"));
        assert_eq!(
            other.to_string(),
            "无法读取文件 /x：文件读写失败（disk on fire）"
        );
        let bare = Error::from(IoError::from(ErrorKind::NotFound));
        assert_eq!(bare.to_string(), "文件读写错误：文件不存在");
    }
}
