//! Zhibu core: a party branch's records and rules, stored in SQLite, with no Tauri in sight.
//! The desktop app (src-tauri) and the `zhibu` command-line tool are thin adapters over it.

pub mod activities;
pub mod alarms;
pub mod attachments;
pub mod backup;
pub mod branch;
pub mod change_log;
pub mod codes;
pub mod collate;
pub mod db;
pub mod demo;
pub mod dues;
pub mod error;
pub mod hex;
pub mod ids;
pub mod instance;
pub mod integrity;
pub mod ledger;
pub mod limits;
pub mod members;
pub mod names;
pub mod operator;
pub mod phone;
pub mod pipeline;
pub mod rule_sets;
pub mod sessions;
pub mod strengths;
pub mod study;
pub mod superior;
pub mod tabular;
pub mod ui_text;
pub mod vault;

pub use db::Db;
pub use error::{Error, Reason, Result};

/// The desktop app's identifier; its app-data folder is named after it.
pub const APP_IDENTIFIER: &str = "cn.zhibu.desktop";
