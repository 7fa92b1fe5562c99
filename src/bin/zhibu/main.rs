//! `zhibu`: the branch's records from the command line, over the same core functions as the app.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Serialize;

use zhibu::branch::{self as branch_core, BranchInput};
use zhibu::change_log::ACTOR_CLI;
use zhibu::operator;
use zhibu::{db, demo, Db, Error, Reason};

pub(crate) use members::{find_group, find_member};

mod activities;
mod branch;
mod dues;
mod export;
mod hours;
mod import;
mod members;
mod password;
mod pipeline;
mod safety;
mod sessions;
mod strengths;
mod superior;

/// Prints a line to stdout; a reader that went away (`zhibu member list | head`) ends the program quietly.
macro_rules! outln_impl {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout().lock(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}
pub(crate) use outln_impl as outln;

#[derive(Parser)]
#[command(
    name = "zhibu",
    version,
    about = "支部工作台命令行：党员花名册、三会一课、活动、学时与演示数据",
    long_about = "支部工作台命令行工具。与桌面程序使用同一个数据库和同一套校验规则。\n\
                  The Zhibu command line: the same database and rules as the desktop app."
)]
struct Cli {
    /// Database file (default: $ZHIBU_DB, else the app's data folder)
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,

    /// Treat this date as today (YYYY-MM-DD); for scripts and tests
    #[arg(long, global = true, value_name = "DATE", hide = true)]
    today: Option<String>,

    /// Who the change log names for this run's changes, e.g. 组织委员 (default: $ZHIBU_ACTOR,
    /// else cli)
    #[arg(long, global = true, value_name = "NAME")]
    actor: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DemoScale {
    Normal,
    Large,
}

// Parsed once per run: the size of the member options does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Create the database and its branch; an existing database is left as it is
    Init {
        /// The branch's name (default: 我的党支部)
        #[arg(long, value_name = "NAME")]
        branch_name: Option<String>,
    },
    /// Fill a new or empty database with the demo branch (永川区行政服务中心党支部) and its
    /// year of sessions and activities
    Demo {
        /// Only the branch, its groups and members: no sessions or activities
        #[arg(long, conflicts_with = "scale")]
        roster_only: bool,
        /// `large`: instead, a branch of 300 members in 10 党小组 with ten years of sessions,
        /// activities and 学时 (about 15,000 sessions and activities, 960,000 attendance
        /// rows, 480,000 学时 entries), for measuring speed
        #[arg(long, value_enum, default_value_t = DemoScale::Normal)]
        scale: DemoScale,
    },
    /// Print the path of the database file in use (it is not opened or created)
    Where,
    /// Party groups (党小组)
    #[command(subcommand)]
    Group(members::GroupCommand),
    /// The member roster (党员花名册)
    #[command(subcommand)]
    Member(members::MemberCommand),
    /// Sessions of organisational life (三会一课, 主题党日, ...)
    #[command(subcommand)]
    Session(sessions::SessionCommand),
    /// Activities: 微讲堂 and other series, 读书分享会, 外出学习, ...
    #[command(subcommand)]
    Activity(activities::ActivityCommand),
    /// 学时: study hours, imports, targets and the yearly report
    #[command(subcommand)]
    Hours(hours::HoursCommand),
    /// 党费: declaring each member's basis, fixing the year, payments and the dues year
    #[command(subcommand)]
    Dues(dues::DuesCommand),
    /// Which obligations of a year are met, open (with days left) or missed
    Compliance {
        /// The year (default: the year of --as-of)
        #[arg(long, value_parser = year_arg)]
        year: Option<i32>,
        /// Judge as of this day (default: today)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 发展党员: each person's next step with its earliest and latest day and what blocks it;
    /// `pipeline record` enters a dated step
    Pipeline(pipeline::PipelineArgs),
    /// What must not slip: 换届, the committee, members away, 预备期, 党费 arrears, 学时 pace
    Alarms {
        /// As of this day (default: today)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Import the roster from a spreadsheet, or write its template
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Export the yearly 台账 workbook
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Copy the database to a backup file (default: the backups folder beside it), checked
    Backup {
        /// Where to write the copy
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists (otherwise an existing file is refused)
        #[arg(long, requires = "output")]
        force: bool,
        #[arg(long)]
        json: bool,
    },
    /// Replace the data with a backup file; the current data is backed up first (a damaged
    /// data file is kept, renamed, beside it)
    Restore {
        file: PathBuf,
        /// Restore even a backup whose change log fails the check (logged)
        #[arg(long)]
        force: bool,
        #[arg(long)]
        json: bool,
    },
    /// List the backups beside the database, newest first
    Backups {
        #[arg(long)]
        json: bool,
    },
    /// Check the database file (SQLite integrity) and the change log's hash chain
    Verify {
        #[arg(long)]
        json: bool,
    },
    /// The year's 四强 checklist: each strength's score and every item, measured or attested
    #[command(name = "four-strengths")]
    FourStrengths {
        /// The year (default: the year of --as-of)
        #[arg(long, value_parser = year_arg)]
        year: Option<i32>,
        /// Judge as of this day (default: today)
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        /// Also write the 自评报告 workbook (.xlsx) to this file
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The branch's profile: name, founding date, term, 开始登记日期, 联系支委
    #[command(subcommand)]
    Branch(branch::BranchCommand),
    /// The secretary password: set, change, remove, or recover with the recovery key (secrets
    /// are read from the terminal or standard input, never from the arguments)
    #[command(subcommand)]
    Password(password::PasswordCommand),
    /// 支部委员会: 书记, 副书记 and 委员 in office, each with the 任职日期 (set a role from a
    /// day with `member edit NAME --role ROLE --role-from DATE`); `committee elect` installs
    /// the committee a 党员大会 elected
    Committee(members::CommitteeArgs),
    /// The 上级党委's PostgreSQL database: `setup`, `add-branch`, `overview` (no branch
    /// database is opened)
    #[command(subcommand)]
    Superior(superior::SuperiorCommand),
    /// 上报 to the 上级党委: `push` the report, `connect` (store the connection), `status`
    #[command(subcommand)]
    Report(superior::ReportCommand),
}

/// A `--year` argument: refused unless a year from 1921 to 2100, with the core's sentence.
pub(crate) fn year_arg(s: &str) -> Result<i32, String> {
    let year: i64 = s
        .trim()
        .parse()
        .map_err(|_| Error::validation("year", zhibu::Reason::InvalidValue).to_string())?;
    let year = i32::try_from(year).unwrap_or(i32::MAX);
    zhibu::ids::check_year(year).map_err(|e| e.to_string())
}

pub(crate) fn parse_code<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.parse()
        .map_err(|_| format!("无效的取值 / invalid value: {s}"))
}

/// The 操作人 of this run, set once from `--actor` or `ZHIBU_ACTOR`.
static ACTOR: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Who the change log names for this run's changes: the 操作人 given, else the command line.
pub(crate) fn actor() -> &'static str {
    ACTOR.get().map(String::as_str).unwrap_or(ACTOR_CLI)
}

/// The 操作人 given by `--actor`, else by a non-empty `ZHIBU_ACTOR`, cleaned and checked as
/// the window checks it.
fn set_actor(given: Option<&str>) -> Result<(), Error> {
    let from_env = std::env::var("ZHIBU_ACTOR").ok().filter(|a| !a.is_empty());
    if let Some(name) = given.map(str::to_string).or(from_env) {
        let _ = ACTOR.set(operator::clean(&name)?);
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e}");
            match e.reason() {
                _ if matches!(e, Error::NotADatabase { .. }) => eprintln!(
                    "如果这是你的数据文件且已损坏，可用 zhibu backups 列出备份，再用 zhibu restore <备份文件> 恢复（损坏的文件会改名保留）。"
                ),
                Some(Reason::DatabaseDamaged) => eprintln!(
                    "用 zhibu backups 列出备份，再用 zhibu restore <备份文件> 恢复（损坏的文件会改名保留）。"
                ),
                Some(Reason::BackupFileExists) => {
                    eprintln!("确要覆盖该文件，请加 --force；或换一个文件名。")
                }
                _ => {}
            }
            ExitCode::FAILURE
        }
    }
}

/// A file's bytes; the error names the file.
fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| Error::file_read(path, e))
}

/// `… rules [--add FILE] [--json]` of a versioned rule set: with a file, the set it holds is
/// checked and put in force from its date (`what` names it: 党费标准, 发展党员规则); without,
/// every version that applies is printed, each headed by its name and date and told by
/// `describe`.
fn rule_set_command<T: zhibu::rule_sets::Dated>(
    db: &Db,
    add: Option<PathBuf>,
    json: bool,
    what: &str,
    describe: impl Fn(&T),
) -> Result<(), Error> {
    if let Some(file) = add {
        let set = T::parse(&read_file(&file)?)?;
        db.write(|tx| set.save(tx, actor()))?;
        if json {
            print_json(&set);
        } else {
            outln!(
                "已保存{what}「{}」，自 {} 起执行。",
                set.version(),
                set.effective_from()
            );
        }
        return Ok(());
    }
    let sets = db.read(T::versions)?;
    if json {
        print_json(&sets);
    } else {
        for s in &sets {
            outln!("{}（自 {} 起）", s.version(), s.effective_from());
            describe(s);
        }
    }
    Ok(())
}

/// Writes a file the user named, saying in Chinese which one could not be written.
fn write_file(path: &Path, bytes: impl AsRef<[u8]>) -> Result<(), Error> {
    std::fs::write(path, bytes).map_err(|e| Error::file_write(path, e))
}

fn print_json(value: &impl Serialize) {
    outln!(
        "{}",
        serde_json::to_string_pretty(value).expect("core types serialize")
    );
}

fn run(cli: Cli) -> Result<(), Error> {
    set_actor(cli.actor.as_deref())?;
    let today = match cli.today.as_deref() {
        Some(t) => zhibu::ids::parse_date("today", t)?,
        None => chrono::Local::now().date_naive(),
    };
    let path = cli.db.unwrap_or_else(db::default_path);
    if let Command::Where = cli.command {
        outln!("{}", path.display());
        return Ok(());
    }
    // These two work on a damaged file too, so they do not open it.
    match &cli.command {
        Command::Restore { file, force, json } => {
            return safety::run_restore(&path, file, *force, *json)
        }
        Command::Backups { json } => {
            db::require_existing(&path)?;
            return safety::run_backups(&path, *json);
        }
        Command::Superior(cmd) => return superior::run_superior(cmd, today),
        _ => {}
    }
    // Only the commands that create a database may create the file; any other on a missing
    // (mistyped) path is refused.
    let db = match cli.command {
        Command::Init { .. } | Command::Demo { .. } => Db::open(&path)?,
        _ => Db::open_existing(&path)?,
    };
    // A password-guarded database opens its sensitive fields for scripts given the password
    // (wrong ones count toward the throttle kept in the file, like the window's). The
    // password commands read their secrets themselves.
    if let Some(password) = std::env::var("ZHIBU_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty())
    {
        if db.is_locked() && !matches!(cli.command, Command::Password(_)) {
            db.unlock(&password, zhibu::ids::local_now())?;
        }
    }
    match cli.command {
        Command::Init { branch_name } => {
            let input = BranchInput {
                name: branch_name.unwrap_or_else(|| branch_core::DEFAULT_BRANCH_NAME.into()),
                ..Default::default()
            };
            match db.write(|tx| branch_core::create(tx, &input, today, actor()))? {
                Some(b) => outln!("已创建支部「{}」：{}", b.name, path.display()),
                None => {
                    let b = db.read(branch_core::require)?;
                    outln!(
                        "数据库已有支部「{}」，未作任何更改：{}",
                        b.name,
                        path.display()
                    );
                }
            }
        }
        Command::Demo {
            scale: DemoScale::Large,
            ..
        } => {
            let started = std::time::Instant::now();
            let counts = db.write(|tx| demo::large::create(tx, today, actor()))?;
            outln!(
                "已创建大型演示支部「{}」（{} 名在册人员，{} 个党小组，{} 年）：{} 次会议，{} 次活动，{} 条学时记录，用时 {:.1} 秒：{}",
                demo::large::LARGE_BRANCH_NAME,
                counts.members,
                demo::large::Scale::LARGE.groups,
                demo::large::Scale::LARGE.years,
                counts.sessions,
                counts.activities,
                counts.study_entries,
                started.elapsed().as_secs_f64(),
                path.display()
            );
        }
        Command::Demo { roster_only, .. } => {
            if roster_only {
                db.write(|tx| demo::create_roster(tx, today, actor()))?;
            } else {
                db.write(|tx| demo::create(tx, today, actor()))?;
            }
            outln!(
                "已创建演示支部「{}」（{} 名在册人员{}）：{}",
                demo::DEMO_BRANCH_NAME,
                demo::active_member_count(),
                if roster_only {
                    ""
                } else {
                    "，本年度会议和活动记录"
                },
                path.display()
            );
        }
        Command::Where => unreachable!("handled before the database is opened"),
        Command::Group(cmd) => members::run_group(&db, cmd, today)?,
        Command::Member(cmd) => members::run_member(&db, cmd, today)?,
        Command::Session(cmd) => sessions::run_session(&db, &path, cmd, today)?,
        Command::Activity(cmd) => activities::run_activity(&db, cmd, today)?,
        Command::Hours(hours::HoursCommand::Serve {
            bind,
            port,
            minutes,
        }) => hours::run_serve(
            db,
            bind,
            port,
            minutes,
            cli.today.is_some().then_some(today),
        )?,
        Command::Hours(cmd) => hours::run_hours(&db, cmd, today)?,
        Command::Dues(cmd) => dues::run_dues(&db, cmd, today)?,
        Command::Pipeline(args) => pipeline::run_pipeline(&db, args, today)?,
        Command::Alarms { as_of, json } => {
            let as_of = zhibu::ids::as_of_or(as_of.as_deref(), today)?;
            let list = db.read(|c| zhibu::alarms::alarms(c, as_of))?;
            if json {
                print_json(&serde_json::json!({ "as_of": as_of, "alarms": list }));
            } else if list.is_empty() {
                outln!("截至 {as_of} 没有需要提醒的事项。");
            } else {
                for a in &list {
                    outln!("[{}·{}] {}", a.kind.label(), a.level.label(), a.message);
                }
            }
        }
        Command::Compliance { year, as_of, json } => {
            sessions::run_compliance(&db, year, as_of, json, today)?
        }
        Command::Export(cmd) => export::run_export(&db, cmd, today)?,
        Command::Import(cmd) => import::run_import(&db, cmd, today)?,
        Command::Backup {
            output,
            force,
            json,
        } => safety::run_backup(&db, output, force, json)?,
        Command::Restore { .. } => unreachable!("handled before the database is opened"),
        Command::Backups { .. } => unreachable!("handled before the database is opened"),
        Command::Verify { json } => safety::run_verify(&db, json)?,
        Command::FourStrengths {
            year,
            as_of,
            xlsx,
            json,
        } => strengths::run_four_strengths(&db, year, as_of, xlsx, json, today)?,
        Command::Branch(cmd) => branch::run_branch(&db, cmd, today)?,
        Command::Password(cmd) => password::run_password(&db, cmd)?,
        Command::Committee(args) => members::run_committee(&db, args, today)?,
        Command::Superior(_) => unreachable!("handled before the database is opened"),
        Command::Report(cmd) => superior::run_report(&db, cmd, today)?,
    }
    Ok(())
}
