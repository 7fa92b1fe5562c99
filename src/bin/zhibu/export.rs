//! `zhibu export ledger --year Y -o FILE.xlsx`: the yearly 台账 workbook; `zhibu export hours
//! --year Y -o FILE.xlsx`: the 学时单.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use clap::Subcommand;
use zhibu::ledger::{self, LedgerOptions};
use zhibu::{Db, Error};

use super::outln;

#[derive(Subcommand)]
pub enum ExportCommand {
    /// The yearly 台账: 花名册, 三会一课记录, 主题党日, 活动, 学时登记, 党费收缴公布, 四强自评
    Ledger {
        /// The year (default: the year of --as-of)
        #[arg(long, value_parser = super::year_arg)]
        year: Option<i32>,
        /// Judge 学时 pace and 四强 as of this day (default: today)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(short = 'o', long, value_name = "FILE.xlsx")]
        output: PathBuf,
        /// 身份证号 and phone numbers in full (masked by default)
        #[arg(long)]
        reveal: bool,
    },
    /// The 学时单: every member's hours of the year (计入, 未计入, target, pace)
    Hours {
        #[arg(long, value_parser = super::year_arg)]
        year: i32,
        #[arg(short = 'o', long, value_name = "FILE.xlsx")]
        output: PathBuf,
    },
}

pub fn run_export(db: &Db, cmd: ExportCommand, today: NaiveDate) -> Result<(), Error> {
    let (year, as_of, output, reveal) = match cmd {
        ExportCommand::Ledger {
            year,
            as_of,
            output,
            reveal,
        } => (year, as_of, output, reveal),
        ExportCommand::Hours { year, output } => {
            let bytes = db.read(|c| ledger::hours_workbook(c, year, today))?;
            super::write_file(&output, bytes)?;
            outln!("已导出 {year} 年学时单：{}", output.display());
            return Ok(());
        }
    };
    let as_of = zhibu::ids::as_of_or(as_of.as_deref(), today)?;
    let options = LedgerOptions {
        year: year.unwrap_or(as_of.year()),
        as_of,
        reveal,
    };
    let bytes = db.read(|c| ledger::workbook(c, options))?;
    super::write_file(&output, bytes)?;
    outln!("已导出 {} 年台账：{}", options.year, output.display());
    Ok(())
}
