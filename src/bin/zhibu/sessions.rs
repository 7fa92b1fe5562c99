//! `zhibu session …` and `zhibu compliance`: logging meetings and reading the obligation calendar.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use clap::Subcommand;

use crate::actor;
use zhibu::attachments::{self, AttachmentOwner};
use zhibu::sessions::{
    self, AgendaItemInput, AttendanceInput, AttendanceStatus, GroupMeetingInput, Obligation,
    Opinion, PeriodStatus, ResolutionInput, ResolutionKind, Session, SessionInput,
    SessionKindInput, SessionQuery, WrittenOpinionInput,
};
use zhibu::{Db, Error};

use super::{find_group, find_member, outln, parse_code, print_json, read_file};

/// The agenda item `--first-topic` adds when no topic is given.
const FIRST_TOPIC: &str = "第一议题：学习习近平总书记最新重要讲话和重要指示批示精神";

// Parsed once per run: the size of the add options does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum SessionCommand {
    /// Log a session with its attendance
    Add {
        /// general_meeting | committee_meeting | group_meeting | party_lecture | theme_day |
        /// org_life_meeting | democratic_appraisal | heart_to_heart_talk (or the Chinese
        /// names), or the name of one of the branch's own kinds (`zhibu session kinds add`)
        #[arg(long)]
        kind: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// Other obligations the session counts for, comma-separated
        #[arg(long, value_delimiter = ',', value_parser = parse_code::<Obligation>)]
        also: Vec<Obligation>,
        /// 党小组, by name (for a 党小组会)
        #[arg(long)]
        group: Option<String>,
        #[arg(long)]
        topic: Option<String>,
        /// A member's name or id, or the name of a lecturer from outside
        #[arg(long)]
        lecturer: Option<String>,
        /// The session began with 第一议题
        #[arg(long)]
        first_topic: bool,
        /// `all`, or the members present (comma-separated names or ids)
        #[arg(long, value_name = "all|NAMES")]
        present: Option<String>,
        /// Members on leave (请假)
        #[arg(long, value_name = "NAMES")]
        leave: Option<String>,
        /// Members absent (缺席)
        #[arg(long, value_name = "NAMES")]
        absent: Option<String>,
        #[arg(long)]
        place: Option<String>,
        /// Start and end, HH:MM
        #[arg(long, value_name = "HH:MM")]
        start: Option<String>,
        #[arg(long, value_name = "HH:MM")]
        end: Option<String>,
        #[command(flatten)]
        resolution: ResolutionArgs,
        #[arg(long)]
        json: bool,
    },
    /// Log each 党小组's 党小组会 of a month at once, all or none, everyone expected present
    #[command(name = "add-groups")]
    AddGroups {
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        /// The day of every group's meeting, within the month
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        #[arg(long)]
        topic: String,
        /// Only this 党小组, by name (repeat for more); by default every group without a
        /// 党小组会 that month
        #[arg(long = "group", value_name = "NAME")]
        groups: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// List sessions, newest first
    List {
        /// Only this year
        #[arg(long, value_parser = super::year_arg)]
        year: Option<i32>,
        /// Only sessions that count for this obligation
        #[arg(long, value_parser = parse_code::<Obligation>)]
        kind: Option<Obligation>,
        #[arg(long)]
        json: bool,
    },
    /// Show one session with its attendance and quorum
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Attach files (photos, scanned sign-in sheets) to a session: they are copied into the
    /// data folder, all or none
    Attach {
        id: String,
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The sign-in sheet (签到表) for a planned session, filled with who should attend
    #[command(name = "sign-in")]
    SignIn {
        #[arg(long)]
        kind: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
        /// The 党小组, by name (for a 党小组会)
        #[arg(long)]
        group: Option<String>,
        /// Write the sheet as .xlsx to this file
        #[arg(short = 'o', long, value_name = "FILE.xlsx")]
        output: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The branch's own session kinds (besides the obligations)
    #[command(subcommand)]
    Kinds(KindsCommand),
}

#[derive(Subcommand)]
pub enum KindsCommand {
    /// Create one of the branch's own session kinds (读书会, 支部联学, ...)
    Add { name: String },
    /// The branch's own session kinds
    List {
        #[arg(long)]
        json: bool,
    },
}

fn run_kinds(db: &Db, cmd: KindsCommand) -> Result<(), Error> {
    match cmd {
        KindsCommand::Add { name } => {
            let kind =
                db.write(|tx| sessions::kinds::add(tx, &SessionKindInput { name }, actor()))?;
            outln!("已添加会议类型：{}", kind.name);
        }
        KindsCommand::List { json } => {
            let kinds = db.read(sessions::kinds::list)?;
            if json {
                print_json(&kinds);
            } else if kinds.is_empty() {
                outln!("本支部还没有自定义的会议类型（用 zhibu session kinds add 名称 添加）");
            } else {
                for k in kinds {
                    outln!("{}", k.name);
                }
            }
        }
    }
    Ok(())
}

/// One resolution voted on at the session; whether it passed is the core's verdict.
#[derive(clap::Args)]
pub struct ResolutionArgs {
    /// The resolution's title
    #[arg(long, value_name = "TITLE")]
    resolution: Option<String>,
    /// It is an election (more than four fifths of the voters must be present)
    #[arg(long, requires = "resolution", conflicts_with_all = ["admission", "confirmation"])]
    election: bool,
    /// It admits a 预备党员 (written opinions of absent voters count)
    #[arg(long, requires = "resolution", conflicts_with = "confirmation")]
    admission: bool,
    /// It decides a 预备党员's 转正 (written opinions of absent voters count)
    #[arg(long, requires = "resolution")]
    confirmation: bool,
    /// 赞成 among those present
    #[arg(
        long = "for",
        value_name = "N",
        requires = "resolution",
        default_value_t = 0
    )]
    votes_for: u32,
    /// 反对 among those present
    #[arg(long, value_name = "N", requires = "resolution", default_value_t = 0)]
    against: u32,
    /// 弃权 among those present
    #[arg(long, value_name = "N", requires = "resolution", default_value_t = 0)]
    abstain: u32,
    /// Absent voters' written opinions: NAME:赞成,NAME:反对,NAME:弃权
    #[arg(long, value_name = "NAME:OPINION,…", requires = "resolution")]
    written: Option<String>,
    /// Whom an admission or a 转正 decides on (the stage change to 预备党员 needs a passed
    /// admission about that person)
    #[arg(long, value_name = "NAME", requires = "resolution")]
    subject: Option<String>,
}

impl ResolutionArgs {
    fn input(
        self,
        conn: &rusqlite::Connection,
        today: NaiveDate,
    ) -> Result<Option<ResolutionInput>, Error> {
        let Some(title) = self.resolution else {
            return Ok(None);
        };
        let kind = if self.election {
            ResolutionKind::Election
        } else if self.admission {
            ResolutionKind::Admission
        } else if self.confirmation {
            ResolutionKind::Confirmation
        } else {
            ResolutionKind::Resolution
        };
        let subject_id = match self.subject.as_deref() {
            Some(name) => Some(find_member(conn, name.trim(), today)?.id),
            None => None,
        };
        let mut written = Vec::new();
        for item in names(self.written.as_deref()) {
            let (name, opinion) = item
                .rsplit_once([':', '：'])
                .ok_or_else(|| Error::validation("written", zhibu::Reason::InvalidValue))?;
            written.push(WrittenOpinionInput {
                member_id: find_member(conn, name.trim(), today)?.id,
                opinion: opinion
                    .parse::<Opinion>()
                    .map_err(|()| Error::validation("written", zhibu::Reason::InvalidValue))?,
            });
        }
        Ok(Some(ResolutionInput {
            title,
            kind,
            votes_for: self.votes_for,
            votes_against: self.against,
            votes_abstain: self.abstain,
            passed: false,
            written,
            subject_id,
        }))
    }
}

pub fn names(list: Option<&str>) -> Vec<String> {
    zhibu::names::split_list(list.unwrap_or(""))
        .map(String::from)
        .collect()
}

pub fn run_session(
    db: &Db,
    db_path: &Path,
    cmd: SessionCommand,
    today: NaiveDate,
) -> Result<(), Error> {
    match cmd {
        SessionCommand::Kinds(cmd) => run_kinds(db, cmd)?,
        SessionCommand::Add {
            kind,
            date,
            also,
            group,
            topic,
            lecturer,
            first_topic,
            present,
            leave,
            absent,
            place,
            start,
            end,
            resolution,
            json,
        } => {
            let session = db.write(|tx| {
                let mut input = SessionInput {
                    kind,
                    also,
                    held_on: date,
                    topic: topic.clone().unwrap_or_default(),
                    place: place.unwrap_or_default(),
                    start_time: start,
                    end_time: end,
                    party_group_id: find_group(tx, group.as_deref())?.flatten(),
                    ..Default::default()
                };
                if first_topic {
                    input.agenda.push(AgendaItemInput {
                        title: topic.unwrap_or_else(|| FIRST_TOPIC.into()),
                        first_topic: true,
                    });
                }
                if let Some(l) = lecturer {
                    match find_member(tx, &l, today) {
                        Ok(m) => input.lecturer_id = Some(m.id),
                        Err(Error::NotFound { .. }) => input.lecturer_name = l,
                        Err(e) => return Err(e),
                    }
                }
                let present = present.as_deref().map(str::trim);
                if present == Some("all") || present == Some("全部") {
                    input.others = Some(AttendanceStatus::Present);
                }
                let listed = [
                    (
                        AttendanceStatus::Present,
                        present.filter(|p| *p != "all" && *p != "全部"),
                    ),
                    (AttendanceStatus::Leave, leave.as_deref()),
                    (AttendanceStatus::Absent, absent.as_deref()),
                ];
                for (status, list) in listed {
                    for name in names(list) {
                        input.attendance.push(AttendanceInput {
                            member_id: find_member(tx, &name, today)?.id,
                            status,
                            reason: String::new(),
                        });
                    }
                }
                input.resolutions.extend(resolution.input(tx, today)?);
                sessions::add(tx, &input, today, actor())
            })?;
            if json {
                print_json(&session);
            } else {
                outln!(
                    "已记录{}（{}）：{}",
                    session.kind_label,
                    session.held_on,
                    session.id
                );
                print_head_count(&session);
            }
        }
        SessionCommand::AddGroups {
            month,
            date,
            topic,
            groups,
            json,
        } => {
            let added = db.write(|tx| {
                let ids: Vec<String> = if groups.is_empty() {
                    sessions::group_month(tx, &month)?
                        .into_iter()
                        .filter(|g| g.held.is_empty())
                        .map(|g| g.party_group_id)
                        .collect()
                } else {
                    groups
                        .iter()
                        .map(|name| Ok(find_group(tx, Some(name))?.flatten().unwrap_or_default()))
                        .collect::<Result<_, Error>>()?
                };
                let meetings: Vec<GroupMeetingInput> = ids
                    .into_iter()
                    .map(|party_group_id| GroupMeetingInput {
                        party_group_id,
                        held_on: date.clone(),
                        topic: topic.clone(),
                        host_id: None,
                    })
                    .collect();
                sessions::add_group_meetings(tx, &month, &meetings, today, actor())
            })?;
            if json {
                print_json(&added);
            } else {
                for s in &added {
                    outln!(
                        "已记录{}（{}，{}）：{}",
                        s.kind_label,
                        s.party_group.as_deref().unwrap_or(""),
                        s.held_on,
                        s.id
                    );
                    print_head_count(s);
                }
            }
        }
        SessionCommand::List { year, kind, json } => {
            let bounds = year.map(zhibu::ids::year_bounds);
            let query = SessionQuery {
                from: bounds.as_ref().map(|b| b.0.clone()),
                to: bounds.map(|b| b.1),
                obligation: kind,
                party_group_id: None,
            };
            let list = db.read(|c| sessions::list(c, &query))?;
            if json {
                print_json(&list);
            } else if list.is_empty() {
                outln!("没有会议记录。用 `zhibu session add` 记录。");
            } else {
                for s in list {
                    let counts: Vec<_> = s.counts_for.iter().map(|o| o.label()).collect();
                    outln!(
                        "{}  {:<8}  {:<24}  出席 {}/{}  {}",
                        s.held_on,
                        s.kind_label,
                        counts.join("、"),
                        s.present,
                        s.attendees,
                        s.topic
                    );
                }
            }
        }
        SessionCommand::Show { id, json } => {
            let s = db.read(|c| sessions::get(c, &id))?;
            if json {
                print_json(&s);
            } else {
                outln!("{}  {}  {}", s.held_on, s.kind_label, s.topic);
                print_head_count(&s);
                let files = db.read(|c| attachments::list(c, AttachmentOwner::Session, &s.id))?;
                for f in &files {
                    outln!("  附件：{}（{} 字节）", f.file_name, f.size);
                }
                for a in &s.attendance {
                    outln!(
                        "  {}  {}{}",
                        a.name,
                        a.status.label(),
                        if a.reason.is_empty() {
                            String::new()
                        } else {
                            format!("（{}）", a.reason)
                        }
                    );
                }
            }
        }
        SessionCommand::SignIn {
            kind,
            date,
            group,
            output,
            json,
        } => {
            let on = zhibu::ids::parse_required_date("held_on", &date)?;
            let sheet = db.read(|c| {
                let group_id = find_group(c, group.as_deref())?.flatten();
                sessions::sign_in::sheet(c, &kind, group_id.as_deref(), on)
            })?;
            if let Some(path) = &output {
                super::write_file(path, sessions::sign_in::sheet_xlsx(&sheet)?)?;
            }
            if json {
                print_json(&sheet);
            } else {
                outln!(
                    "{} {} 签到表：应到 {} 人",
                    sheet.held_on,
                    sheet.kind_label,
                    sheet.rows.len()
                );
                for (i, r) in sheet.rows.iter().enumerate() {
                    outln!("{:>3}. {}  {}  {}", i + 1, r.name, r.roles, r.note);
                }
                if let Some(path) = &output {
                    outln!("已写入 {}", path.display());
                }
            }
        }
        SessionCommand::Attach { id, files, json } => {
            let contents = files
                .iter()
                .map(|f| Ok((f.display().to_string(), read_file(f)?)))
                .collect::<Result<Vec<_>, Error>>()?;
            let dir = attachments::files_dir(db_path);
            let added = db.write(|tx| {
                contents
                    .iter()
                    .map(|(name, bytes)| {
                        attachments::add(
                            tx,
                            &dir,
                            AttachmentOwner::Session,
                            &id,
                            name,
                            bytes,
                            actor(),
                        )
                    })
                    .collect::<Result<Vec<_>, Error>>()
            })?;
            if json {
                print_json(&added);
            } else {
                for a in &added {
                    outln!("已添加附件：{}（{} 字节）", a.file_name, a.size);
                }
            }
        }
    }
    Ok(())
}

fn print_head_count(s: &Session) {
    let h = &s.head_count;
    outln!(
        "应到 {}，实到 {}，请假 {}，缺席 {}",
        h.expected,
        h.present,
        h.leave,
        h.absent
    );
    if let Some(q) = s.quorum {
        outln!(
            "有表决权应到 {}，实到 {}，须至少 {} 人：{}",
            q.entitled,
            q.present_voting,
            q.required,
            if q.met {
                "符合法定人数"
            } else {
                "未达到法定人数，会议不计入"
            }
        );
    }
    if let Some(q) = s.election_quorum {
        outln!(
            "选举须到会 {} 人（有表决权应到 {}）：{}",
            q.required,
            q.entitled,
            if q.met {
                "选举有效"
            } else {
                "不足五分之四，选举无效"
            }
        );
    }
    for o in s.obligations.iter().skip(1) {
        outln!(
            "同时计为{}：{}",
            o.obligation.label(),
            if o.met {
                "符合"
            } else {
                "不符合，不计入"
            }
        );
    }
    for r in &s.resolutions {
        let written: Vec<String> = r
            .written
            .iter()
            .map(|w| format!("{}{}", w.member, w.opinion.label()))
            .collect();
        outln!(
            "{}（{}{}）：赞成 {}，反对 {}，弃权 {}{}，{}",
            r.title,
            r.kind.label(),
            r.subject
                .as_deref()
                .map(|s| format!("，表决对象：{s}"))
                .unwrap_or_default(),
            r.votes_for,
            r.votes_against,
            r.votes_abstain,
            if written.is_empty() {
                String::new()
            } else {
                format!("；书面意见：{}", written.join("、"))
            },
            if r.passed { "通过" } else { "未通过" }
        );
    }
}

pub fn run_compliance(
    db: &Db,
    year: Option<i32>,
    as_of: Option<String>,
    json: bool,
    today: NaiveDate,
) -> Result<(), Error> {
    let as_of = zhibu::ids::as_of_or(as_of.as_deref(), today)?;
    let year = year.unwrap_or(as_of.year());
    let report = db.read(|c| sessions::compliance(c, year, as_of))?;
    if json {
        print_json(&report);
        return Ok(());
    }
    outln!("{year} 年组织生活完成情况（截至 {as_of}）");
    for o in &report.obligations {
        if o.pair.is_some() {
            continue;
        }
        let status = match o.status {
            PeriodStatus::Met => "已完成".to_string(),
            PeriodStatus::Open => format!("未完成，还剩 {} 天", o.days_left.unwrap_or(0)),
            PeriodStatus::Missed if o.missed_confirmed => "未开展（已确认）".to_string(),
            PeriodStatus::Missed => "未按期完成".to_string(),
            PeriodStatus::Unrecorded => "未登记（开始登记日期之前）".to_string(),
        };
        let group = o
            .party_group
            .as_deref()
            .map(|g| format!("（{g}）"))
            .unwrap_or_default();
        outln!("{:<9} {}{}  {}", o.period, o.kind.label(), group, status);
    }
    let talks: Vec<_> = report
        .obligations
        .iter()
        .filter(|o| o.pair.is_some())
        .collect();
    if !talks.is_empty() {
        let done = talks
            .iter()
            .filter(|o| o.status == PeriodStatus::Met)
            .count();
        outln!("{year}      谈心谈话  {done}/{} 对已谈", talks.len());
    }
    Ok(())
}
