//! `zhibu hours …`: the study credits, imports, targets and the yearly report.

use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use clap::{ArgGroup, Args, Subcommand};

use crate::actor;
use zhibu::phone;
use zhibu::rule_sets::Dated;
use zhibu::study::import::{self, ImportMapping};
use zhibu::study::{
    self, self_check, CreditQuery, EntryInput, EntrySource, MemberTarget, TargetRuleSet,
};
use zhibu::{Db, Error, Reason};

use super::sessions::names;
use super::{find_member, outln, print_json, read_file};

#[derive(Subcommand)]
pub enum HoursCommand {
    /// Enter study hours for one member (in half hours: 1, 1.5, 2 ...)
    Add {
        /// The member's name or id
        #[arg(long)]
        member: String,
        #[command(flatten)]
        entry: HoursEntry,
        /// The session the hours came from (its id)
        #[arg(long, conflicts_with = "activity")]
        session: Option<String>,
        /// The activity the hours came from (its id)
        #[arg(long)]
        activity: Option<String>,
        /// Replace what attending that session or activity credited (give the reason in --note)
        #[arg(long)]
        replaces_credit: bool,
        #[arg(long)]
        json: bool,
    },
    /// Credit the same hours to several members at once, all or none
    Credit {
        /// Members' names or ids, comma-separated
        #[arg(long, value_name = "NAMES")]
        members: String,
        #[command(flatten)]
        entry: HoursEntry,
    },
    /// A member's (or everyone's) credits for a year: credits from attendance and entries
    List {
        #[arg(long, value_parser = super::year_arg)]
        year: Option<i32>,
        #[arg(long)]
        member: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Import entries from a .csv or .xlsx file, all or none
    Import {
        file: PathBuf,
        /// Which column holds a field: FIELD=HEADER or FIELD=column number (from 1); FIELD is
        /// name, id_number, date, hours, category or note. Unmapped fields are guessed from the
        /// headers.
        #[arg(long = "map", value_name = "FIELD=COLUMN")]
        map: Vec<String>,
        /// The category of rows without one
        #[arg(long)]
        category: Option<String>,
        /// The date of rows without one
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Check every row and show what would be entered; store nothing
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// Set a year's targets: for everyone, for one member, or exempt a member
    #[command(group(ArgGroup::new("what").required(true).args(["all", "member", "exempt", "lift"])))]
    Target {
        #[arg(long, value_parser = super::year_arg)]
        year: i32,
        /// The branch's target for everyone (a role target above it still applies)
        #[arg(long, value_name = "N")]
        all: Option<f64>,
        /// One member's own target
        #[arg(long, num_args = 2, value_names = ["NAME", "N"])]
        member: Option<Vec<String>>,
        /// Exempt a member from the year's target (with --reason)
        #[arg(long, value_name = "NAME", requires = "reason")]
        exempt: Option<String>,
        /// Lift a member's exemption for the year
        #[arg(long, value_name = "NAME")]
        lift: Option<String>,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Each member's hours against the target, as of a day
    Report {
        #[arg(long, value_parser = super::year_arg)]
        year: Option<i32>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long)]
        member: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Set a member's PIN for 我的学时 (4 to 8 digits), or remove it with --clear
    Pin {
        member: String,
        #[arg(required_unless_present = "clear")]
        pin: Option<String>,
        #[arg(long)]
        clear: bool,
    },
    /// 手机查学时: serve 我的学时 to phones at an address of this computer, in the foreground,
    /// until the time is up or Ctrl-C
    Serve {
        /// One of this computer's addresses (never 0.0.0.0: one network at a time)
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// The port (0: any free one)
        #[arg(long, default_value_t = phone::DEFAULT_PORT)]
        port: u16,
        /// How long to stay open, 1 to 480
        #[arg(long, default_value_t = phone::DEFAULT_MINUTES)]
        minutes: u32,
    },
    /// 生成学时单: a member's year as a one-page PNG image, to send them privately
    Statement {
        /// The member's name or id
        member: String,
        #[arg(long, value_parser = super::year_arg)]
        year: Option<i32>,
        /// Where to write the image (.png)
        #[arg(long)]
        output: PathBuf,
    },
    /// 手机查学时's log: every look-up from a phone, newest first
    Lookups {
        #[arg(long, default_value_t = 200)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

/// Runs the phone page's server until its time is up (Ctrl-C ends the process, and with it
/// the server). `today` (the hidden `--today`) fixes the day the answers are judged as of.
pub fn run_serve(
    db: Db,
    bind: IpAddr,
    port: u16,
    minutes: u32,
    today: Option<NaiveDate>,
) -> Result<(), Error> {
    let minutes = phone::check_minutes(minutes)?;
    let options = phone::ShareOptions {
        bind,
        port,
        duration: std::time::Duration::from_secs(u64::from(minutes) * 60),
    };
    let clock: zhibu::ids::Clock = match today {
        Some(day) => Arc::new(move || day.and_time(zhibu::ids::local_now().time())),
        None => zhibu::ids::local_clock(),
    };
    let server = phone::PhoneServer::start(Arc::new(db), &options, clock)?;
    outln!("手机查学时已开放：{}", server.url());
    outln!(
        "{} 自动关闭；按 Ctrl-C 立即停止",
        server.until().format("%H:%M")
    );
    server.wait();
    outln!("手机查学时已关闭");
    Ok(())
}

/// The hours `hours add` enters for one member and `hours credit` for several.
#[derive(Args)]
pub struct HoursEntry {
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: String,
    #[arg(long)]
    hours: f64,
    /// 集中学习 | 党课 | 支部学习 | 学习强国 | 干部网络学院 | 培训班 | 外出学习 | 自学 (or the
    /// codes), or the branch's own category
    #[arg(long)]
    category: String,
    #[arg(long, default_value = "")]
    note: String,
}

impl HoursEntry {
    fn input(&self, member_id: String) -> EntryInput {
        EntryInput {
            member_id,
            occurred_on: self.date.clone(),
            hours: self.hours,
            category: self.category.clone(),
            note: self.note.clone(),
            ..Default::default()
        }
    }
}

pub fn run_hours(db: &Db, cmd: HoursCommand, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        HoursCommand::Add {
            member,
            entry,
            session,
            activity,
            replaces_credit,
            json,
        } => {
            let (name, id) = db.write(|tx| {
                let m = find_member(tx, &member, today)?;
                let input = EntryInput {
                    session_id: session,
                    activity_id: activity,
                    replaces_credit,
                    ..entry.input(m.id.clone())
                };
                Ok((m.name, study::add_entry(tx, &input, today, actor())?))
            })?;
            let HoursEntry { hours, date, .. } = entry;
            if json {
                print_json(&serde_json::json!({ "id": id, "member": name, "hours": hours }));
            } else {
                outln!("已为 {name} 录入 {hours} 学时（{date}）");
            }
        }
        HoursCommand::Credit { members, entry } => {
            let list = names(Some(&members));
            if list.is_empty() {
                return Err(Error::validation("member_id", Reason::Required));
            }
            let n = db.write(|tx| {
                let inputs = list
                    .iter()
                    .map(|key| {
                        let m = find_member(tx, key, today)?;
                        Ok(entry.input(m.id))
                    })
                    .collect::<Result<Vec<_>, Error>>()?;
                Ok(study::add_entries(tx, &inputs, EntrySource::Manual, today, actor())?.len())
            })?;
            outln!(
                "已为 {n} 名党员各录入 {} 学时（{}）",
                entry.hours,
                entry.date
            );
        }
        HoursCommand::List { year, member, json } => {
            let year = year.unwrap_or(today.year());
            let lines = db.read(|c| {
                let member_id = match &member {
                    Some(key) => Some(find_member(c, key, today)?.id),
                    None => None,
                };
                study::credits(
                    c,
                    &CreditQuery {
                        member_id,
                        year,
                        as_of: None,
                    },
                )
            })?;
            if json {
                print_json(&lines);
            } else if lines.is_empty() {
                outln!("{year} 年没有学时记录");
            } else {
                for l in &lines {
                    outln!(
                        "{}\t{}\t{}\t{}\t{}{}{}",
                        l.occurred_on,
                        l.member_name,
                        l.hours,
                        l.category_label,
                        l.source.label(),
                        if l.origin.is_empty() {
                            String::new()
                        } else {
                            format!("：{}", l.origin)
                        },
                        if l.replaced {
                            "（已更正，不计）"
                        } else if !l.counted {
                            "（未计入目标）"
                        } else {
                            ""
                        }
                    );
                }
            }
        }
        HoursCommand::Import {
            file,
            map,
            category,
            date,
            dry_run,
            json,
        } => run_import(db, file, &map, category, date, dry_run, json, today)?,
        HoursCommand::Target {
            year,
            all,
            member,
            exempt,
            lift,
            reason,
        } => run_target(db, year, all, member, exempt, lift, reason, today)?,
        HoursCommand::Report {
            year,
            as_of,
            member,
            json,
        } => {
            let as_of = zhibu::ids::as_of_or(as_of.as_deref(), today)?;
            let year = year.unwrap_or(as_of.year());
            let report = db.read(|c| {
                let member_id = match &member {
                    Some(key) => Some(find_member(c, key, today)?.id),
                    None => None,
                };
                study::report(c, year, as_of, member_id.as_deref())
            })?;
            if json {
                print_json(&report);
            } else {
                outln!(
                    "{} 年学时（截至 {}）：{} 人有目标，{} 人已达标，{} 人进度正常",
                    report.year,
                    report.as_of,
                    report.counted,
                    report.reached,
                    report.on_track
                );
                for m in &report.members {
                    let state = match (m.exempt, m.reached, m.on_track) {
                        (true, _, _) => format!("免除（{}）", m.exempt_reason),
                        (_, true, _) => "已达标".into(),
                        (_, _, true) => "进度正常".into(),
                        _ => format!("落后 {:.1} 学时", m.behind_by),
                    };
                    let target = match (m.target, m.target_prorated) {
                        (None, _) => "—".into(),
                        (Some(t), true) => format!("{t}（按在册天数折算）"),
                        (Some(t), false) => t.to_string(),
                    };
                    let beside = if m.uncounted_hours > 0.0 {
                        format!("\t另有 {} 学时未计入", m.uncounted_hours)
                    } else {
                        String::new()
                    };
                    outln!("{}\t{} / {}\t{}{beside}", m.name, m.hours, target, state);
                }
            }
        }
        HoursCommand::Pin { member, pin, clear } => {
            let name = db.write(|tx| {
                let m = find_member(tx, &member, today)?;
                match (&pin, clear) {
                    (_, true) => self_check::clear_pin(tx, &m.id, actor())?,
                    (Some(pin), false) => self_check::set_pin(tx, &m.id, pin, actor())?,
                    (None, false) => return Err(Error::validation("pin", Reason::Required)),
                }
                Ok(m.name)
            })?;
            if clear {
                outln!("已清除 {name} 的个人密码");
            } else {
                outln!("已设置 {name} 的个人密码");
            }
        }
        HoursCommand::Serve { .. } => unreachable!("run by run_serve: it keeps the database"),
        HoursCommand::Statement {
            member,
            year,
            output,
        } => {
            let year = year.unwrap_or(today.year());
            let font = phone::statement::CjkFont::find()?;
            let (name, bytes) = db.read(|conn| {
                let m = find_member(conn, &member, today)?;
                let bytes = phone::statement::statement_png(conn, &m.id, year, today, &font)?;
                Ok((m.name, bytes))
            })?;
            super::write_file(&output, bytes)?;
            outln!("已生成 {name} 的 {year} 年学时单：{}", output.display());
        }
        HoursCommand::Lookups { limit, json } => {
            let log = db.read(|conn| phone::lookups(conn, limit))?;
            if json {
                print_json(&log);
            } else if log.is_empty() {
                outln!("还没有手机查学时的查询记录");
            } else {
                for l in &log {
                    outln!(
                        "{}  {}  {}  {}",
                        l.at,
                        l.client,
                        l.name_tried,
                        l.outcome.label()
                    );
                }
            }
        }
    }
    Ok(())
}

/// Applies `--map FIELD=COLUMN` options over the guessed mapping.
fn apply_map(table: &import::ImportTable, map: &[String]) -> Result<ImportMapping, Error> {
    let mut m = table.mapping.clone();
    for item in map {
        let bad = || Error::validation("mapping", Reason::InvalidValue);
        let (field, column) = item.split_once('=').ok_or_else(bad)?;
        let column = column.trim();
        let index = match column.parse::<u32>() {
            Ok(n) if n >= 1 && (n as usize) <= table.headers.len() => n - 1,
            _ => table
                .headers
                .iter()
                .position(|h| h == column)
                .ok_or_else(bad)? as u32,
        };
        let slot = match field.trim() {
            "name" => &mut m.name,
            "id_number" => &mut m.id_number,
            "date" => &mut m.date,
            "hours" => &mut m.hours,
            "category" => &mut m.category,
            "note" => &mut m.note,
            _ => return Err(bad()),
        };
        *slot = Some(index);
    }
    Ok(m)
}

#[allow(clippy::too_many_arguments)]
fn run_import(
    db: &Db,
    file: PathBuf,
    map: &[String],
    category: Option<String>,
    date: Option<String>,
    dry_run: bool,
    json: bool,
    today: NaiveDate,
) -> Result<(), Error> {
    let bytes = read_file(&file)?;
    let file_name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let table = import::read_table(&file_name, &bytes)?;
    let mut mapping = apply_map(&table, map)?;
    mapping.default_category = category.unwrap_or_default();
    mapping.default_date = date;
    let preview = db.read(|c| import::preview(c, &table, &mapping, today))?;
    if json && (dry_run || preview.invalid > 0) {
        print_json(&preview);
    } else {
        for row in preview.rows.iter().filter(|r| r.error.is_some()) {
            let e = row.error.as_ref().expect("filtered");
            eprintln!("第 {} 行（{}）：{}", row.line, row.member_name, e.message);
        }
    }
    if dry_run {
        if !json {
            outln!(
                "共 {} 行：{} 行可以导入，{} 行有错误（未保存任何记录）{}",
                preview.rows.len(),
                preview.valid,
                preview.invalid,
                if preview.duplicates > 0 {
                    format!("；其中 {} 行已导入过，将不重复添加", preview.duplicates)
                } else {
                    String::new()
                }
            );
        }
        return Ok(());
    }
    let done = db.write(|tx| import::commit(tx, &table, &mapping, today, actor()))?;
    if json {
        print_json(&done);
    } else if done.imported == 0 && done.skipped_duplicates > 0 {
        outln!(
            "{file_name} 中的 {} 行都已导入过，未重复添加，没有新增学时记录",
            done.skipped_duplicates
        );
    } else if done.skipped_duplicates > 0 {
        outln!(
            "已从 {file_name} 导入 {} 条学时记录；已导入过的 {} 行未重复添加",
            done.imported,
            done.skipped_duplicates
        );
    } else {
        outln!("已从 {file_name} 导入 {} 条学时记录", done.imported);
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn run_target(
    db: &Db,
    year: i32,
    all: Option<f64>,
    member: Option<Vec<String>>,
    exempt: Option<String>,
    lift: Option<String>,
    reason: Option<String>,
    today: NaiveDate,
) -> Result<(), Error> {
    let start =
        NaiveDate::from_ymd_opt(zhibu::ids::check_year(year)?, 1, 1).expect("a checked year");
    if let Some(key) = exempt {
        let name = db.write(|tx| {
            let m = find_member(tx, &key, today)?;
            study::exempt(tx, &m.id, year, reason.as_deref().unwrap_or(""), actor())?;
            Ok(m.name)
        })?;
        outln!("{name} 免于 {year} 年学时要求");
        return Ok(());
    }
    if let Some(key) = lift {
        let name = db.write(|tx| {
            let m = find_member(tx, &key, today)?;
            study::lift_exemption(tx, &m.id, year, actor())?;
            Ok(m.name)
        })?;
        outln!("已取消 {name} {year} 年的学时免除");
        return Ok(());
    }
    let said = db.write(|tx| {
        let mut set = TargetRuleSet::for_year(&TargetRuleSet::history(tx)?, year);
        set.effective_from = start;
        let said = if let Some(n) = all {
            set.branch_wide = Some(n);
            set.version = format!("{year}年起支部统一{n}学时");
            format!("{year} 年起支部统一学时目标为 {n}")
        } else if let Some([key, n]) = member.as_deref() {
            let m = find_member(tx, key, today)?;
            let hours = n
                .parse::<f64>()
                .map_err(|_| Error::validation("hours", Reason::InvalidValue))?;
            set.per_member.retain(|t| t.member_id != m.id);
            set.per_member.push(MemberTarget {
                member_id: m.id,
                hours,
            });
            set.version = format!("{year}年起{}学时目标{n}", m.name);
            format!("{year} 年起 {} 的学时目标为 {n}", m.name)
        } else {
            return Err(Error::validation("target", Reason::Required));
        };
        set.save(tx, actor())?;
        Ok(said)
    })?;
    outln!("{said}");
    Ok(())
}
