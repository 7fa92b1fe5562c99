//! The large demo branch (`zhibu demo --scale large`): 300 members in 10 党小组 and ten years
//! of their organisational life, activities and 学时, for measuring the app at the size of
//! the largest branches. It is written through the same checks as user input, in bulk:
//! `members::add` for each member, then `sessions::add_many`, `activities::add_many` and
//! `study::add_entries` year by year, each of which checks every record against the roster of
//! its own day, exactly as a single add does.

use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::Connection;

use super::id_number;
use super::records::{BOOKS, THEMES};
use crate::activities::{self, ActivityInput, ActivityKind, ParticipantInput, ParticipantRole};
use crate::branch::{self, BranchInput, GroupInput};
use crate::error::{Error, Reason, Result};
use crate::members::{self, ArchiveInput, CommitteeRole, Gender, MemberInput, MemberStatus, Stage};
use crate::sessions::{
    self, AgendaItemInput, AttendanceInput, AttendanceStatus, Obligation, SessionInput,
};
use crate::study::{self, EntryInput, EntrySource, StudyCategory};

pub const LARGE_BRANCH_NAME: &str = "九龙坡区机关联合党支部";
/// How large a branch to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    /// On the roster today (at least 40); one in twenty more left during the years.
    pub members: usize,
    /// 党小组, at most 10.
    pub groups: usize,
    /// Years of records, this one included.
    pub years: i32,
}

impl Scale {
    /// `zhibu demo --scale large`.
    pub const LARGE: Scale = Scale {
        members: 300,
        groups: 10,
        years: 10,
    };

    fn leavers(self) -> usize {
        self.members / 20
    }
}
const PLACE: &str = "区机关办公楼五楼党员活动室";

const SURNAMES: [&str; 30] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
];
const GIVEN: [&str; 40] = [
    "建华", "晓红", "志强", "敏", "洋", "丽", "磊", "静", "刚", "婷", "伟", "丽娟", "文博", "雪梅",
    "志勇", "佳", "峰", "娟", "建国", "晓燕", "涛", "秀英", "宇航", "冰", "浩然", "雅琪", "凯",
    "欣怡", "俊杰", "诗雨", "明", "芳", "军", "霞", "斌", "琳", "勇", "颖", "超", "倩",
];
const ROLES: [CommitteeRole; 7] = [
    CommitteeRole::Secretary,
    CommitteeRole::DeputySecretary,
    CommitteeRole::OrganizationOfficer,
    CommitteeRole::PublicityOfficer,
    CommitteeRole::DisciplineOfficer,
    CommitteeRole::CommitteeMember,
    CommitteeRole::CommitteeMember,
];
const LEAVE_REASONS: [&str; 4] = ["窗口值班", "外出办事", "病假", "参加区里培训"];

/// What was created, for the command line's summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LargeCounts {
    pub members: usize,
    pub sessions: usize,
    pub activities: usize,
    pub study_entries: usize,
}

/// A member of the large branch as the generator plans it.
struct Planned {
    id: String,
    group: usize,
    /// The first day the member is on the roster as a 党员.
    from: NaiveDate,
    /// The day the member left, if they did.
    until: Option<NaiveDate>,
}

impl Planned {
    fn on_roster(&self, day: NaiveDate) -> bool {
        self.from <= day && self.until.is_none_or(|u| day < u)
    }
}

/// A small deterministic mixer, so the same "today" always gives the same branch.
fn mix(a: usize, b: usize) -> usize {
    let mut x =
        (a as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (b as u64).wrapping_add(0x632B_E59B);
    x ^= x >> 29;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 32;
    x as usize
}

/// Fills an empty database with the large branch and its ten years. Refuses, changing
/// nothing, if a branch exists.
pub fn create(conn: &Connection, today: NaiveDate, actor: &str) -> Result<LargeCounts> {
    create_at(conn, Scale::LARGE, today, actor)
}

/// `create` at another scale (the tests use a small one).
pub fn create_at(
    conn: &Connection,
    scale: Scale,
    today: NaiveDate,
    actor: &str,
) -> Result<LargeCounts> {
    assert!(scale.members >= 40 && (1..=10).contains(&scale.groups) && scale.years >= 1);
    let first_year = today.year() - (scale.years - 1);
    let decade_start = NaiveDate::from_ymd_opt(first_year, 1, 1).expect("valid");
    let members = roster(conn, scale, today, decade_start, actor)?;
    let mut counts = LargeCounts {
        members: scale.members,
        sessions: 0,
        activities: 0,
        study_entries: 0,
    };
    let groups: Vec<String> = branch::list_groups(conn)?
        .into_iter()
        .map(|g| g.id)
        .collect();
    for year in first_year..=today.year() {
        let plan = Year {
            year,
            today,
            members: &members,
            groups: &groups,
        };
        counts.sessions += sessions::add_many(conn, &plan.sessions(), today, actor)?.len();
        counts.activities += activities::add_many(conn, &plan.activities(), today, actor)?.len();
        counts.study_entries += study::add_entries(
            conn,
            &plan.study_entries(),
            EntrySource::Import,
            today,
            actor,
        )?
        .len();
    }
    Ok(counts)
}

/// The branch, its groups and its members (the committee first), with their histories.
fn roster(
    conn: &Connection,
    scale: Scale,
    today: NaiveDate,
    decade_start: NaiveDate,
    actor: &str,
) -> Result<Vec<Planned>> {
    // The committee's roles start with the term; the branch's first recorded term is the
    // decade's first, and the current term is set once the roster is in.
    let first_term = BranchInput {
        name: LARGE_BRANCH_NAME.into(),
        superior_org: "中共重庆市九龙坡区委直属机关工作委员会".into(),
        founded_on: Some("1998-07-01".into()),
        term_start: Some(decade_start.to_string()),
        term_end: None,
        // Its records cover the whole decade.
        records_from: Some(decade_start.to_string()),
        ..Default::default()
    };
    if branch::create(conn, &first_term, today, actor)?.is_none() {
        return Err(Error::Conflict {
            reason: Reason::DatabaseNotEmpty,
        });
    }
    let mut groups = Vec::new();
    for g in 0..scale.groups {
        let input = GroupInput {
            name: format!(
                "第{}党小组",
                ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][g]
            ),
            leader_id: None,
            formed_on: None,
        };
        groups.push(branch::add_group(conn, &input, today, actor)?.id);
    }
    let recent = |months: usize| {
        today
            .checked_sub_months(Months::new(months as u32))
            .unwrap_or(today)
    };
    let m = scale.members;
    let span_days = (today - decade_start).num_days().max(1) as u64;
    let mut planned = Vec::with_capacity(m + scale.leavers());
    for seq in 0..m + scale.leavers() {
        let gender = if mix(seq, 1) % 5 < 2 {
            Gender::Female
        } else {
            Gender::Male
        };
        // Day and month from the position keep every 身份证号 distinct.
        let birth = NaiveDate::from_ymd_opt(
            if (m - 30..m).contains(&seq) {
                1988 + (mix(seq, 2) % 10) as i32
            } else {
                1962 + (mix(seq, 2) % 28) as i32
            },
            1 + (seq as u32 / 28) % 12,
            1 + seq as u32 % 28,
        )
        .expect("valid");
        let group = seq % scale.groups;
        let name = format!(
            "{}{}",
            SURNAMES[seq % SURNAMES.len()],
            GIVEN[(seq / SURNAMES.len() + seq * 7) % GIVEN.len()]
        );
        let mut input = MemberInput {
            name,
            gender: Some(gender),
            ethnicity: if seq % 13 == 6 { "土家族" } else { "汉族" }.into(),
            birth_date: birth.to_string(),
            native_place: [
                "重庆九龙坡",
                "重庆沙坪坝",
                "四川内江",
                "重庆江津",
                "重庆璧山",
            ][seq % 5]
                .into(),
            id_number: id_number(birth, seq, gender),
            education: ["大学", "硕士研究生", "大专"][mix(seq, 5) % 3].into(),
            workplace_title: format!("九龙坡区机关 第{}科室 科员", 1 + group),
            phone: format!(
                "1{}{:09}",
                [3, 5, 8, 7, 9][seq % 5],
                100_000_000 + seq * 2_731
            ),
            party_group_id: Some(groups[group].clone()),
            roles: if seq < ROLES.len() {
                vec![ROLES[seq]]
            } else {
                Vec::new()
            },
            ..Default::default()
        };
        // Who joined when: most before the decade, 20 during it, 6 still 预备党员, 4 on the
        // way in; the leavers were 正式党员 of long standing.
        let long_ago = NaiveDate::from_ymd_opt(birth.year() + 23 + (mix(seq, 6) % 10) as i32, 7, 1)
            .expect("valid")
            .min(decade_start - Days::new(400));
        let (stage, joined) = match seq {
            _ if (m - 30..m - 10).contains(&seq) => {
                let k = (seq + 30 - m) as u64;
                let joined = decade_start + Days::new(90 + k * span_days * 2 / 3 / 20);
                (Stage::Full, joined.min(recent(14)))
            }
            _ if (m - 10..m - 4).contains(&seq) => (Stage::Probationary, recent(2 + seq % 9)),
            _ if (m - 4..m).contains(&seq) => (Stage::Activist, recent(3 + seq % 9)),
            _ => (Stage::Full, long_ago),
        };
        input.stage = Some(stage);
        match stage {
            Stage::Full => {
                input.joined_on = Some(joined.to_string());
                input.confirmed_on = Some((joined + Months::new(12)).to_string());
                input.introducers = "（档案记载）".into();
            }
            Stage::Probationary => {
                input.joined_on = Some(joined.to_string());
                input.introducers = "（档案记载）".into();
            }
            _ => input.stage_date = Some(joined.to_string()),
        }
        let member = members::add(conn, &input, today, actor)?;
        // The leavers go one by one, spread over the years.
        let until = (seq >= m).then(|| {
            let k = (seq - m + 1) as u64;
            decade_start + Days::new(k * span_days / (scale.leavers() as u64 + 1))
        });
        if let Some(left) = until {
            members::archive(
                conn,
                &member.id,
                &ArchiveInput {
                    reason: Some(MemberStatus::TransferredOut),
                    archived_on: left.to_string(),
                    note: "组织关系转出".into(),
                },
                today,
                actor,
            )?;
        }
        let from = if matches!(stage, Stage::Full | Stage::Probationary) {
            joined
        } else {
            NaiveDate::MAX
        };
        planned.push(Planned {
            id: member.id,
            group,
            from,
            until,
        });
    }
    let current_term = today.checked_sub_months(Months::new(20)).unwrap_or(today);
    branch::update(
        conn,
        &BranchInput {
            term_start: Some(current_term.to_string()),
            term_end: Some((current_term + Months::new(60) - Days::new(1)).to_string()),
            ..first_term
        },
        today,
        actor,
    )?;
    for (g, id) in groups.iter().enumerate() {
        let leader = planned
            .iter()
            .find(|p| {
                p.group == g
                    && p.until.is_none()
                    && p.from < decade_start
                    && !planned[..ROLES.len()].iter().any(|c| c.id == p.id)
            })
            .map(|p| p.id.clone());
        branch::update_group(
            conn,
            id,
            &GroupInput {
                name: branch::get_group(conn, id)?.name,
                leader_id: leader,
                formed_on: None,
            },
            today,
            actor,
        )?;
    }
    Ok(planned)
}

/// One year of the large branch's records, each dated before "today".
struct Year<'a> {
    year: i32,
    today: NaiveDate,
    /// The committee first: `members[0]` is the secretary.
    members: &'a [Planned],
    groups: &'a [String],
}

impl Year<'_> {
    fn day(&self, month: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, month, day).filter(|d| *d < self.today)
    }

    /// The days of the year's weeks (from January 1st plus `offset` days), before "today".
    fn weekly(&self, offset: u64) -> impl Iterator<Item = NaiveDate> + '_ {
        let first = NaiveDate::from_ymd_opt(self.year, 1, 1).expect("valid") + Days::new(offset);
        (0..52u64)
            .map(move |w| first + Days::new(7 * w))
            .filter(|d| d.year() == self.year && *d < self.today)
    }

    fn secretary(&self) -> &str {
        &self.members[0].id
    }

    /// The party members of a group (or all) on the roster that day.
    fn on_roster(&self, day: NaiveDate, group: Option<usize>) -> Vec<&Planned> {
        self.members
            .iter()
            .filter(|m| m.on_roster(day) && group.is_none_or(|g| m.group == g))
            .collect()
    }

    /// A few of `pool` on leave or absent, chosen by `seed`: everyone else is present.
    fn away(&self, pool: &[&Planned], seed: usize, how_many: usize) -> Vec<AttendanceInput> {
        let mut out: Vec<AttendanceInput> = Vec::new();
        for k in 0..how_many.min(pool.len() / 3) {
            let m = pool[mix(seed, k) % pool.len()];
            if m.id == self.secretary() || out.iter().any(|a| a.member_id == m.id) {
                continue;
            }
            let absent = mix(seed, k + 100).is_multiple_of(5);
            out.push(AttendanceInput {
                member_id: m.id.clone(),
                status: if absent {
                    AttendanceStatus::Absent
                } else {
                    AttendanceStatus::Leave
                },
                reason: if absent {
                    String::new()
                } else {
                    LEAVE_REASONS[k % LEAVE_REASONS.len()].into()
                },
            });
        }
        out
    }

    fn session(
        &self,
        kind: Obligation,
        on: NaiveDate,
        group: Option<usize>,
        how_many_away: usize,
    ) -> SessionInput {
        let pool: Vec<&Planned> = match kind {
            Obligation::CommitteeMeeting => self.members[..ROLES.len()].iter().collect(),
            _ => self.on_roster(on, group),
        };
        let seed = on.num_days_from_ce() as usize * 31 + group.unwrap_or(self.groups.len());
        let host = match group {
            Some(_) => pool.first().map_or(self.secretary(), |m| &m.id),
            None => self.secretary(),
        };
        let theme = THEMES[(on.month() - 1) as usize];
        SessionInput {
            kind: kind.code().into(),
            held_on: on.to_string(),
            start_time: Some("14:30".into()),
            end_time: Some("16:30".into()),
            place: PLACE.into(),
            title: format!("{}月{}", on.month(), kind.label()),
            topic: theme.into(),
            party_group_id: group.map(|g| self.groups[g].clone()),
            host_id: Some(host.to_string()),
            recorder_id: Some(self.members[2].id.clone()),
            agenda: vec![
                AgendaItemInput {
                    title: "第一议题：学习习近平总书记最新重要讲话和重要指示批示精神".into(),
                    first_topic: true,
                },
                AgendaItemInput {
                    title: theme.into(),
                    first_topic: false,
                },
            ],
            minutes: "传达学习上级精神，结合本单位工作讨论落实措施，明确责任人和完成时限。".into(),
            attendance: self.away(&pool, seed, how_many_away),
            others: Some(AttendanceStatus::Present),
            ..Default::default()
        }
    }

    /// 三会一课 and the rest at the required frequencies: a 支委会, each group's 党小组会
    /// and a 主题党日 every month, a 党员大会 and a 党课 every quarter, the 组织生活会 with
    /// 民主评议 every January.
    fn sessions(&self) -> Vec<SessionInput> {
        let mut out = Vec::new();
        for month in 1..=12u32 {
            if let Some(on) = self.day(month, 3) {
                out.push(self.session(
                    Obligation::CommitteeMeeting,
                    on,
                    None,
                    usize::from(month % 4 == 0),
                ));
            }
            for g in 0..self.groups.len() {
                if let Some(on) = self.day(month, 8 + g as u32) {
                    out.push(self.session(Obligation::GroupMeeting, on, Some(g), 3));
                }
            }
            if let Some(on) = self.day(month, 25) {
                out.push(self.session(Obligation::ThemeDay, on, None, 15));
            }
            if month % 3 == 0 {
                if let Some(on) = self.day(month, 18) {
                    out.push(self.session(Obligation::GeneralMeeting, on, None, 10));
                }
            }
            if month % 3 == 2 {
                if let Some(on) = self.day(month, 21) {
                    let mut lecture = self.session(Obligation::PartyLecture, on, None, 12);
                    lecture.lecturer_id = Some(self.secretary().into());
                    out.push(lecture);
                }
            }
        }
        if let Some(on) = self.day(1, 12) {
            let mut meeting = self.session(Obligation::OrgLifeMeeting, on, None, 8);
            meeting.also = vec![Obligation::DemocraticAppraisal];
            out.push(meeting);
        }
        out
    }

    fn activity(
        &self,
        kind: ActivityKind,
        on: NaiveDate,
        group: Option<usize>,
        share: usize,
    ) -> ActivityInput {
        let seed = on.num_days_from_ce() as usize * 17
            + kind as usize * 7
            + group.unwrap_or(self.groups.len());
        let mut participants: Vec<ParticipantInput> = self
            .on_roster(on, group)
            .into_iter()
            .filter(|m| mix(seed, m.from.num_days_from_ce() as usize + m.group) % 10 < share)
            .map(|m| ParticipantInput {
                member_id: m.id.clone(),
                role: ParticipantRole::Participant,
            })
            .collect();
        if let Some(first) = participants.first_mut() {
            first.role = match kind {
                ActivityKind::LectureSeries => ParticipantRole::Speaker,
                ActivityKind::ReadingSalon => ParticipantRole::Sharer,
                _ => ParticipantRole::Participant,
            };
        }
        let theme = THEMES[(on.month() - 1) as usize];
        ActivityInput {
            kind: Some(kind),
            held_on: on.to_string(),
            place: PLACE.into(),
            title: theme.into(),
            participants,
            ..Default::default()
        }
    }

    /// The lecture series, the branch's weekly study, and each group's reading salon,
    /// volunteer service, monthly study and twice-yearly study trip.
    fn activities(&self) -> Vec<ActivityInput> {
        let mut out = Vec::new();
        for on in self.weekly(1) {
            let mut a = self.activity(ActivityKind::LectureSeries, on, None, 9);
            a.series = "机关微讲堂".into();
            out.push(a);
        }
        for month in 1..=12 {
            if let Some(on) = self.day(month, 15) {
                let mut a = self.activity(ActivityKind::LectureSeries, on, None, 9);
                a.series = "机关大讲堂".into();
                out.push(a);
            }
        }
        for (offset, kind, title) in [
            (0, ActivityKind::Other, "周一晨学"),
            (2, ActivityKind::ClassicsRecital, "诵经典"),
            (4, ActivityKind::Other, "周五集中学习"),
        ] {
            for on in self.weekly(offset) {
                let mut a = self.activity(kind, on, None, 9);
                a.title = format!("{title}：{}", a.title);
                out.push(a);
            }
        }
        for g in 0..self.groups.len() {
            for on in self.weekly(3) {
                let mut a = self.activity(ActivityKind::ReadingSalon, on, Some(g), 9);
                let (book, author) = BOOKS[mix(on.ordinal() as usize, g) % BOOKS.len()];
                a.title = format!("读书分享会：《{book}》");
                a.book = book.into();
                a.author = author.into();
                out.push(a);
            }
            for on in self.weekly(5) {
                let mut a = self.activity(ActivityKind::VolunteerService, on, Some(g), 8);
                a.title = "“阳光政务服务”志愿服务".into();
                out.push(a);
            }
            for month in 1..=12 {
                if let Some(on) = self.day(month, 20 + (g as u32 % 5)) {
                    let mut a = self.activity(ActivityKind::Other, on, Some(g), 10);
                    a.title = format!("党小组集中学习：{}", a.title);
                    out.push(a);
                }
            }
            for month in [4, 10] {
                if let Some(on) = self.day(month, 11 + g as u32) {
                    let mut a = self.activity(ActivityKind::StudyTrip, on, Some(g), 9);
                    a.title = "红色教育基地现场教学".into();
                    a.destination = "红岩革命纪念馆".into();
                    a.duration_days = Some(1);
                    out.push(a);
                }
            }
        }
        out
    }

    /// Each party member's hours from outside: 学习强国 every week, two 干部网络学院
    /// courses a week and an hour of 自学 a month.
    fn study_entries(&self) -> Vec<EntryInput> {
        let mut out = Vec::new();
        let mut add =
            |m: &Planned, on: NaiveDate, hours: f64, category: StudyCategory, note: &str| {
                if m.on_roster(on) {
                    out.push(EntryInput {
                        member_id: m.id.clone(),
                        occurred_on: on.to_string(),
                        hours,
                        category: category.code().into(),
                        note: note.into(),
                        entered_by: "组织委员".into(),
                        ..Default::default()
                    });
                }
            };
        for (seq, m) in self.members.iter().enumerate() {
            for on in self.weekly(6) {
                let hours = [1.0, 1.5, 2.0, 2.5][mix(seq, on.ordinal() as usize) % 4];
                add(
                    m,
                    on,
                    hours,
                    StudyCategory::XuexiQiangguo,
                    "学习强国本周学习时长",
                );
            }
            for offset in [1, 4] {
                for on in self.weekly(offset) {
                    add(m, on, 1.0, StudyCategory::CadreOnline, "干部网络学院专题课");
                }
            }
            for month in 1..=11 {
                if let Some(on) = self.day(month, 28) {
                    add(m, on, 1.0, StudyCategory::SelfStudy, "自学党章党规");
                }
            }
        }
        out
    }
}
