//! `zhibu group …` and `zhibu member …`: the party groups and the roster.

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use crate::actor;
use zhibu::branch::{self, GroupInput};
use zhibu::error::field_label;
use zhibu::members::committee::{self, RoleChange};
use zhibu::members::{
    self, ArchiveInput, CommitteeRole, ExclusionInput, ExclusionKind, Gender, Member, MemberInput,
    MemberStatus, RosterQuery, SanctionInput, SanctionKind, Stage,
};
use zhibu::{Db, Error, Reason};

use super::{outln, parse_code, print_json};

#[derive(Subcommand)]
pub enum GroupCommand {
    /// Add a party group
    Add {
        name: String,
        /// The group leader (组长), by name
        #[arg(long, value_name = "NAME")]
        leader: Option<String>,
        /// The day the group was formed (no 党小组会 is owed before it)
        #[arg(long, value_name = "DATE")]
        formed: Option<String>,
    },
    /// List the party groups
    List {
        #[arg(long)]
        json: bool,
    },
}

#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub enum MemberCommand {
    /// List members (the active roster unless --archived)
    List {
        #[arg(long)]
        json: bool,
        /// Part of a name, its 拼音 initials or spelling (zjg, zhangjg), or the last 4+ digits
        /// of a 身份证号 (only while the app is unlocked)
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
        #[arg(long, conflicts_with = "role_from")]
        no_roles: bool,
        /// With --role: hold the role from this day (任职日期); a 书记, 副书记 or officer
        /// before then ends the day before. The other roles stay as they are
        #[arg(long, value_name = "YYYY-MM-DD", requires = "role")]
        role_from: Option<String>,
        /// Enter a stage change as a past record (补录), with why: the path's missing steps
        /// then do not refuse it, and the record and change log show it
        #[arg(long, value_name = "REASON")]
        backfill: Option<String>,
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
    /// Leave a member out of 应到 for a period (one of 中组部's five cases, with the
    /// superior's consent): shown at sessions, not counted for quorum and votes
    Exclude {
        member: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        /// The first day it no longer applies (open when not given)
        #[arg(long, value_name = "YYYY-MM-DD")]
        until: Option<String>,
        /// mental_illness | abroad | in_custody | long_illness | away_untransferred (or the
        /// Chinese); long_illness when not given
        #[arg(long = "case", value_name = "CODE", value_parser = parse_code::<ExclusionKind>)]
        case: Option<ExclusionKind>,
        /// Why, with the superior's consent
        #[arg(long)]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Record a sanction: 留党察看 takes the vote away while it lasts
    Sanction {
        member: String,
        /// 留党察看 (probation_in_party)
        #[arg(long, value_parser = parse_code::<SanctionKind>)]
        kind: SanctionKind,
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        /// The first day it no longer applies (open when not given)
        #[arg(long, value_name = "YYYY-MM-DD")]
        until: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
    },
    /// Move a member to another 党小组 from a day (an empty name: out of every group)
    Move {
        member: String,
        #[arg(long)]
        group: String,
        /// The day of the move (default: today)
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args, Default)]
pub struct MemberArgs {
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

pub fn run_group(db: &Db, cmd: GroupCommand, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        GroupCommand::Add {
            name,
            leader,
            formed,
        } => {
            let group = db.write(|tx| {
                let leader_id = match leader {
                    Some(n) => Some(members::get_by_name(tx, &n, today)?.id),
                    None => None,
                };
                branch::add_group(
                    tx,
                    &GroupInput {
                        name,
                        leader_id,
                        formed_on: formed,
                    },
                    today,
                    actor(),
                )
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
pub fn find_member(
    conn: &rusqlite::Connection,
    key: &str,
    today: NaiveDate,
) -> Result<Member, Error> {
    let id = match members::name_of(conn, key) {
        Ok(_) => key.to_string(),
        Err(Error::NotFound { .. }) => members::id_by_name(conn, key)?,
        Err(e) => return Err(e),
    };
    match members::get(conn, &id, today) {
        // Locked: the record with its 身份证号, phone and address masked is enough to know
        // who is meant (a change is refused later, for want of the password).
        Err(Error::Locked) => members::get_masked(conn, &id, today),
        other => other,
    }
}

/// Resolves a group given by name (an empty name clears the group).
pub fn find_group(
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

pub fn run_member(db: &Db, cmd: MemberCommand, today: NaiveDate) -> Result<(), Error> {
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
                members::add(tx, &input, today, actor())
            })?;
            report_member(&member, json, "已添加");
        }
        MemberCommand::Show { member, json } => {
            // The full record: its 身份证号, phone and address need the password.
            let m = db.read(|conn| {
                let id = find_member(conn, &member, today)?.id;
                members::get(conn, &id, today)
            })?;
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
            role_from,
            backfill,
        } => {
            let json = fields.json;
            let m = db.write(|tx| {
                let current = find_member(tx, &member, today)?;
                let group = find_group(tx, fields.group.as_deref())?;
                let mut fields = fields;
                // Dated roles go through the committee, not the form's list of roles.
                let dated = match &role_from {
                    Some(_) => std::mem::take(&mut fields.role),
                    None => Vec::new(),
                };
                let before = current.to_input();
                let mut input = fields.apply(before.clone(), group);
                if no_roles {
                    input.roles.clear();
                }
                input.backfill = backfill.clone().unwrap_or_default();
                let unchanged =
                    serde_json::to_value(&input).ok() == serde_json::to_value(&before).ok();
                if role_from.is_none() || !unchanged {
                    members::update(tx, &current.id, &input, today, actor())?;
                }
                if let Some(from) = &role_from {
                    for role in dated {
                        let change = RoleChange {
                            member_id: current.id.clone(),
                            role: Some(role),
                            on: from.clone(),
                        };
                        committee::set_role(tx, &change, today, actor())?;
                    }
                }
                members::get(tx, &current.id, today)
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
                members::archive(tx, &current.id, &input, today, actor())
            })?;
            report_member(&m, json, "已归档");
        }
        MemberCommand::Exclude {
            member,
            from,
            until,
            case,
            reason,
            json,
        } => {
            let m = db.write(|tx| {
                let current = find_member(tx, &member, today)?;
                let input = ExclusionInput {
                    kind: case,
                    from,
                    until,
                    reason,
                };
                members::exclude(tx, &current.id, &input, today, actor())?;
                members::get(tx, &current.id, today)
            })?;
            report_member(&m, json, "已登记不计入应到");
        }
        MemberCommand::Sanction {
            member,
            kind,
            from,
            until,
            note,
            json,
        } => {
            let m = db.write(|tx| {
                let current = find_member(tx, &member, today)?;
                let input = SanctionInput {
                    kind: Some(kind),
                    from,
                    until,
                    note,
                };
                members::sanction(tx, &current.id, &input, today, actor())?;
                members::get(tx, &current.id, today)
            })?;
            report_member(&m, json, &format!("已登记{}", kind.label()));
        }
        MemberCommand::Move {
            member,
            group,
            date,
            json,
        } => {
            let m = db.write(|tx| {
                let current = find_member(tx, &member, today)?;
                let group = find_group(tx, Some(&group))?.flatten();
                let on = match date {
                    Some(d) => zhibu::ids::parse_date("occurred_on", &d)?,
                    None => today,
                };
                members::move_to_group(tx, &current.id, group.as_deref(), on, today, actor())?;
                members::get(tx, &current.id, today)
            })?;
            report_member(&m, json, "已调整党小组");
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
        if e.backfill {
            outln!("  {} {}（{}）", e.occurred_on, e.stage.label(), e.note);
        } else {
            outln!("  {} {}", e.occurred_on, e.stage.label());
        }
    }
    let until = |d: Option<NaiveDate>| d.map(|d| format!("至 {d}")).unwrap_or_default();
    for g in &m.group_history {
        outln!(
            "  {} 党小组：{}",
            g.occurred_on,
            g.party_group.as_deref().unwrap_or("—")
        );
    }
    for x in &m.exclusions {
        outln!(
            "  {} {} 不计入应到：{}（{}）",
            x.start_on,
            until(x.end_on),
            x.kind.label(),
            x.reason
        );
    }
    for x in &m.sanctions {
        outln!("  {} {} {}", x.start_on, until(x.end_on), x.kind.label());
    }
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CommitteeArgs {
    #[command(subcommand)]
    command: Option<CommitteeCommand>,
    /// As of this day (default: today)
    #[arg(long, value_name = "YYYY-MM-DD")]
    as_of: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum CommitteeCommand {
    /// Install the committee a 支部党员大会 elected (换届): every role then held ends the day
    /// before the meeting, the elected hold theirs from its day, and the new term starts then
    Elect {
        /// The session's id (`zhibu session list --json`)
        #[arg(long)]
        session: String,
        /// The election's number among the session's resolutions, from 1
        #[arg(long, value_name = "N")]
        resolution: u32,
        /// NAME=ROLE, e.g. 黄静=secretary (or 黄静=书记); repeat for each seat
        #[arg(long = "seat", value_name = "NAME=ROLE", required = true)]
        seats: Vec<String>,
        #[arg(long)]
        json: bool,
    },
}

/// `zhibu committee`: the 支部委员会 as of a day, each role with its holder and 任职日期; or
/// `committee elect`.
pub fn run_committee(db: &Db, args: CommitteeArgs, today: NaiveDate) -> Result<(), Error> {
    if let Some(CommitteeCommand::Elect {
        session,
        resolution,
        seats,
        json,
    }) = args.command
    {
        let c = db.write(|tx| {
            let mut elected = Vec::new();
            for seat in &seats {
                let (name, role) = seat
                    .split_once('=')
                    .ok_or(Error::validation("election", Reason::InvalidValue))?;
                let role: CommitteeRole = role
                    .trim()
                    .parse()
                    .map_err(|()| Error::validation("roles", Reason::InvalidValue))?;
                elected.push(committee::ElectedSeat {
                    member_id: find_member(tx, name.trim(), today)?.id,
                    role,
                });
            }
            let result = committee::ElectionResult {
                session_id: session.clone(),
                resolution: resolution
                    .checked_sub(1)
                    .ok_or(Error::validation("resolution", Reason::InvalidValue))?,
                seats: elected,
            };
            committee::install_from_election(tx, &result, today, actor())
        })?;
        if json {
            print_json(&c);
        } else {
            outln!("已按选举结果设立支部委员会：");
            print_committee(&c);
        }
        return Ok(());
    }
    let as_of = zhibu::ids::as_of_or(args.as_of.as_deref(), today)?;
    let c = db.read(|conn| committee::committee_on(conn, as_of))?;
    if args.json {
        print_json(&c);
    } else {
        print_committee(&c);
    }
    Ok(())
}

fn print_committee(c: &committee::Committee) {
    let as_of = c.as_of;
    if c.seats.is_empty() {
        outln!("截至 {as_of} 没有在任的支部委员。");
    } else {
        outln!("支部委员会（截至 {as_of}，{} 人）：", c.members);
        for s in &c.seats {
            outln!("  {}  {}  任职日期 {}", s.role.label(), s.name, s.start_on);
        }
    }
    if c.lacking {
        outln!(
            "支部有正式党员 {} 名，应当设立支部委员会（3 至 5 人）。",
            c.full_members
        );
    }
}
