//! `zhibu`: the branch's records from the command line, over the same core functions as the app.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use zhibu::branch::{self, BranchInput, GroupInput};
use zhibu::change_log::ACTOR_CLI;
use zhibu::error::field_label;
use zhibu::members::{
    self, ArchiveInput, CommitteeRole, Gender, Member, MemberInput, MemberStatus, RosterQuery,
    Stage,
};
use zhibu::{db, demo, Db, Error, Reason};

mod activities;
mod export;
mod hours;
mod import;
mod safety;
mod sessions;
mod strengths;

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

    #[command(subcommand)]
    command: Command,
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
        #[arg(long)]
        roster_only: bool,
    },
    /// Print the path of the database file in use (it is not opened or created)
    Where,
    /// Party groups (党小组)
    #[command(subcommand)]
    Group(GroupCommand),
    /// The member roster (党员花名册)
    #[command(subcommand)]
    Member(MemberCommand),
    /// Sessions of organisational life (三会一课, 主题党日, ...)
    #[command(subcommand)]
    Session(sessions::SessionCommand),
    /// Activities: 微讲堂 and other series, 读书分享会, 外出学习, ...
    #[command(subcommand)]
    Activity(activities::ActivityCommand),
    /// 学时: study hours, imports, targets and the yearly report
    #[command(subcommand)]
    Hours(hours::HoursCommand),
    /// Which obligations of a year are met, open (with days left) or missed
    Compliance {
        /// The year (default: the year of --as-of)
        #[arg(long)]
        year: Option<i32>,
        /// Judge as of this day (default: today)
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
        #[arg(long)]
        json: bool,
    },
    /// Replace the data with a backup file; the current data is backed up first
    Restore {
        file: PathBuf,
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
        #[arg(long)]
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
}

#[derive(Subcommand)]
enum GroupCommand {
    /// Add a party group
    Add {
        name: String,
        /// The group leader (组长), by name
        #[arg(long, value_name = "NAME")]
        leader: Option<String>,
    },
    /// List the party groups
    List {
        #[arg(long)]
        json: bool,
    },
}

#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum MemberCommand {
    /// List members (the active roster unless --archived)
    List {
        #[arg(long)]
        json: bool,
        /// Part of a name, or the last digits of a 身份证号
        #[arg(long)]
        search: Option<String>,
        #[arg(long, value_parser = parse_code::<Stage>)]
        stage: Option<Stage>,
        /// Party group, by name
        #[arg(long)]
        group: Option<String>,
        #[arg(long, value_parser = parse_code::<MemberStatus>)]
        status: Option<MemberStatus>,
        /// List the archived members (left the branch) instead
        #[arg(long)]
        archived: bool,
    },
    /// Add a member
    Add(MemberArgs),
    /// Show one member, by id or name
    Show {
        member: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a member's record; options not given keep their value
    Edit {
        member: String,
        #[command(flatten)]
        fields: MemberArgs,
        /// Remove all committee roles
        #[arg(long)]
        no_roles: bool,
    },
    /// Archive a member who left the branch (转出, 出党, 去世); nothing is deleted
    Archive {
        member: String,
        /// transferred_out | expelled | deceased (or 转出 | 出党 | 去世)
        #[arg(long, value_parser = parse_code::<MemberStatus>)]
        reason: MemberStatus,
        /// Date of leaving (default: today)
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Default)]
struct MemberArgs {
    /// 姓名
    #[arg(long)]
    name: Option<String>,
    /// 男 | 女 (or male | female)
    #[arg(long, value_parser = parse_code::<Gender>)]
    gender: Option<Gender>,
    /// 出生日期, YYYY-MM-DD
    #[arg(long, value_name = "YYYY-MM-DD")]
    birth_date: Option<String>,
    /// 身份证号
    #[arg(long)]
    id_number: Option<String>,
    /// applicant | activist | candidate | probationary | full (or the Chinese names)
    #[arg(long, value_parser = parse_code::<Stage>)]
    stage: Option<Stage>,
    /// When the member reached the stage (applicant, activist, candidate); default today
    #[arg(long, value_name = "YYYY-MM-DD")]
    stage_date: Option<String>,
    /// 入党日期
    #[arg(long, value_name = "YYYY-MM-DD")]
    joined: Option<String>,
    /// 转正日期
    #[arg(long, value_name = "YYYY-MM-DD")]
    confirmed: Option<String>,
    /// 党小组, by name
    #[arg(long)]
    group: Option<String>,
    /// Committee role (secretary, deputy_secretary, organization_officer, publicity_officer,
    /// discipline_officer, committee_member); repeat for several
    #[arg(long, value_parser = parse_code::<CommitteeRole>)]
    role: Vec<CommitteeRole>,
    /// 联系电话
    #[arg(long)]
    phone: Option<String>,
    /// 民族
    #[arg(long)]
    ethnicity: Option<String>,
    /// 籍贯
    #[arg(long)]
    native_place: Option<String>,
    /// 学历
    #[arg(long)]
    education: Option<String>,
    /// 参加工作日期
    #[arg(long, value_name = "YYYY-MM-DD")]
    work_start: Option<String>,
    /// 工作单位及职务
    #[arg(long)]
    workplace: Option<String>,
    /// 介绍人
    #[arg(long)]
    introducers: Option<String>,
    /// normal | mobile | lost_contact | suspended (or 正常 | 流动 | 失联 | 停止党籍)
    #[arg(long, value_parser = parse_code::<MemberStatus>)]
    status: Option<MemberStatus>,
    /// 备注
    #[arg(long)]
    notes: Option<String>,
    /// Print the stored member as JSON
    #[arg(long)]
    json: bool,
}

fn parse_code<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.parse()
        .map_err(|_| format!("无效的取值 / invalid value: {s}"))
}

impl MemberArgs {
    /// Lays the given options over `base` (empty for add, the stored record for edit).
    fn apply(self, mut base: MemberInput, group_id: Option<Option<String>>) -> MemberInput {
        let set = |target: &mut String, v: Option<String>| {
            if let Some(v) = v {
                *target = v;
            }
        };
        set(&mut base.name, self.name);
        set(&mut base.birth_date, self.birth_date);
        set(&mut base.id_number, self.id_number);
        set(&mut base.phone, self.phone);
        set(&mut base.ethnicity, self.ethnicity);
        set(&mut base.native_place, self.native_place);
        set(&mut base.education, self.education);
        set(&mut base.workplace_title, self.workplace);
        set(&mut base.introducers, self.introducers);
        set(&mut base.notes, self.notes);
        base.gender = self.gender.or(base.gender);
        base.stage = self.stage.or(base.stage);
        base.status = self.status.or(base.status);
        base.stage_date = self.stage_date.or(base.stage_date);
        base.joined_on = self.joined.or(base.joined_on);
        base.confirmed_on = self.confirmed.or(base.confirmed_on);
        base.work_start_date = self.work_start.or(base.work_start_date);
        if let Some(g) = group_id {
            base.party_group_id = g;
        }
        if !self.role.is_empty() {
            base.roles = self.role;
        }
        base
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::FAILURE
        }
    }
}

fn print_json(value: &impl Serialize) {
    outln!(
        "{}",
        serde_json::to_string_pretty(value).expect("core types serialize")
    );
}

fn run(cli: Cli) -> Result<(), Error> {
    let today = match cli.today.as_deref() {
        Some(t) => zhibu::ids::parse_date("today", t)?,
        None => chrono::Local::now().date_naive(),
    };
    let path = cli.db.unwrap_or_else(db::default_path);
    if let Command::Where = cli.command {
        outln!("{}", path.display());
        return Ok(());
    }
    let db = Db::open(&path)?;
    match cli.command {
        Command::Init { branch_name } => {
            let input = BranchInput {
                name: branch_name.unwrap_or_else(|| branch::DEFAULT_BRANCH_NAME.into()),
                ..Default::default()
            };
            match db.write(|tx| branch::create(tx, &input, today, ACTOR_CLI))? {
                Some(b) => outln!("已创建支部「{}」：{}", b.name, path.display()),
                None => {
                    let b = db.read(branch::require)?;
                    outln!(
                        "数据库已有支部「{}」，未作任何更改：{}",
                        b.name,
                        path.display()
                    );
                }
            }
        }
        Command::Demo { roster_only } => {
            if roster_only {
                db.write(|tx| demo::create_roster(tx, today, ACTOR_CLI))?;
            } else {
                db.write(|tx| demo::create(tx, today, ACTOR_CLI))?;
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
        Command::Group(cmd) => run_group(&db, cmd, today)?,
        Command::Member(cmd) => run_member(&db, cmd, today)?,
        Command::Session(cmd) => sessions::run_session(&db, &path, cmd, today)?,
        Command::Activity(cmd) => activities::run_activity(&db, cmd, today)?,
        Command::Hours(cmd) => hours::run_hours(&db, cmd, today)?,
        Command::Compliance { year, as_of, json } => {
            sessions::run_compliance(&db, year, as_of, json, today)?
        }
        Command::Export(cmd) => export::run_export(&db, cmd, today)?,
        Command::Import(cmd) => import::run_import(&db, cmd, today)?,
        Command::Backup { output, json } => safety::run_backup(&db, output, json)?,
        Command::Restore { file, json } => safety::run_restore(&db, &file, json)?,
        Command::Backups { json } => safety::run_backups(&path, json)?,
        Command::Verify { json } => safety::run_verify(&db, json)?,
        Command::FourStrengths {
            year,
            as_of,
            xlsx,
            json,
        } => strengths::run_four_strengths(&db, year, as_of, xlsx, json, today)?,
    }
    Ok(())
}

fn run_group(db: &Db, cmd: GroupCommand, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        GroupCommand::Add { name, leader } => {
            let group = db.write(|tx| {
                let leader_id = match leader {
                    Some(n) => Some(members::get_by_name(tx, &n, today)?.id),
                    None => None,
                };
                branch::add_group(tx, &GroupInput { name, leader_id }, ACTOR_CLI)
            })?;
            outln!("已添加党小组「{}」", group.name);
        }
        GroupCommand::List { json } => {
            let groups = db.read(branch::list_groups)?;
            if json {
                print_json(&groups);
            } else if groups.is_empty() {
                outln!("还没有党小组。用 `zhibu group add 名称` 添加。");
            } else {
                for g in groups {
                    outln!(
                        "{}\t组长：{}\t{} 人",
                        g.name,
                        g.leader_name.as_deref().unwrap_or("（未设）"),
                        g.member_count
                    );
                }
            }
        }
    }
    Ok(())
}

/// Resolves a member given by id or exact name.
fn find_member(conn: &rusqlite::Connection, key: &str, today: NaiveDate) -> Result<Member, Error> {
    match members::get(conn, key, today) {
        Err(Error::NotFound { .. }) => members::get_by_name(conn, key, today),
        other => other,
    }
}

/// Resolves a group given by name (an empty name clears the group).
fn find_group(
    conn: &rusqlite::Connection,
    name: Option<&str>,
) -> Result<Option<Option<String>>, Error> {
    match name.map(str::trim) {
        None => Ok(None),
        Some("") => Ok(Some(None)),
        Some(n) => match branch::find_group_by_name(conn, n)? {
            Some(g) => Ok(Some(Some(g.id))),
            None => Err(Error::validation(
                "party_group_id",
                Reason::UnknownPartyGroup,
            )),
        },
    }
}

fn run_member(db: &Db, cmd: MemberCommand, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        MemberCommand::List {
            json,
            search,
            stage,
            group,
            status,
            archived,
        } => {
            let page = db.read(|conn| {
                let party_group_id = find_group(conn, group.as_deref())?.flatten();
                let query = RosterQuery {
                    search,
                    stage,
                    status,
                    party_group_id,
                    archived,
                    ..Default::default()
                };
                members::list(conn, &query, today)
            })?;
            if json {
                print_json(&page.rows);
            } else if page.rows.is_empty() {
                outln!("没有符合条件的党员。用 `zhibu member add` 添加，或 `zhibu demo` 创建演示支部。");
            } else {
                for m in &page.rows {
                    let roles: Vec<&str> = m.roles.iter().map(|r| r.label()).collect();
                    outln!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        m.name,
                        m.stage.label(),
                        m.party_group.as_deref().unwrap_or("—"),
                        if roles.is_empty() {
                            "—".into()
                        } else {
                            roles.join("、")
                        },
                        m.status.label(),
                        m.id
                    );
                }
                outln!("共 {} 人", page.total);
            }
        }
        MemberCommand::Add(args) => {
            let json = args.json;
            let member = db.write(|tx| {
                let group = find_group(tx, args.group.as_deref())?;
                let input = args.apply(MemberInput::default(), group);
                members::add(tx, &input, today, ACTOR_CLI)
            })?;
            report_member(&member, json, "已添加");
        }
        MemberCommand::Show { member, json } => {
            let m = db.read(|conn| find_member(conn, &member, today))?;
            if json {
                print_json(&m);
            } else {
                print_member(&m);
            }
        }
        MemberCommand::Edit {
            member,
            fields,
            no_roles,
        } => {
            let json = fields.json;
            let m = db.write(|tx| {
                let current = find_member(tx, &member, today)?;
                let group = find_group(tx, fields.group.as_deref())?;
                let mut input = fields.apply(current.to_input(), group);
                if no_roles {
                    input.roles.clear();
                }
                members::update(tx, &current.id, &input, today, ACTOR_CLI)
            })?;
            report_member(&m, json, "已保存");
        }
        MemberCommand::Archive {
            member,
            reason,
            date,
            note,
            json,
        } => {
            let m = db.write(|tx| {
                let current = find_member(tx, &member, today)?;
                let input = ArchiveInput {
                    reason: Some(reason),
                    archived_on: date.unwrap_or_else(|| today.to_string()),
                    note,
                };
                members::archive(tx, &current.id, &input, today, ACTOR_CLI)
            })?;
            report_member(&m, json, "已归档");
        }
    }
    Ok(())
}

fn report_member(m: &Member, json: bool, verb: &str) {
    if json {
        print_json(m);
    } else {
        outln!("{verb}：{}（{}）{}", m.name, m.stage.label(), m.id);
    }
}

fn print_member(m: &Member) {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "—".into());
    let roles: Vec<&str> = m.roles.iter().map(|r| r.label()).collect();
    let rows: [(&str, String); 20] = [
        ("name", m.name.clone()),
        ("gender", m.gender.label().into()),
        ("ethnicity", m.ethnicity.clone()),
        ("birth_date", m.birth_date.to_string()),
        ("native_place", m.native_place.clone()),
        ("id_number", m.id_number.clone()),
        ("education", m.education.clone()),
        ("work_start_date", date(m.work_start_date)),
        ("workplace_title", m.workplace_title.clone()),
        ("phone", m.phone.clone()),
        ("stage", m.stage.label().into()),
        ("joined_on", date(m.joined_on)),
        ("confirmed_on", date(m.confirmed_on)),
        ("party_group_id", m.party_group.clone().unwrap_or_default()),
        ("roles", roles.join("、")),
        ("introducers", m.introducers.clone()),
        ("status", m.status.label().into()),
        ("archived_on", date(m.archived_on)),
        ("notes", m.notes.clone()),
        ("id", m.id.clone()),
    ];
    for (field, value) in rows {
        outln!("{}：{}", field_label(field), value);
    }
    for e in &m.stage_history {
        outln!("  {} {}", e.occurred_on, e.stage.label());
    }
}
