//! The demo branch, drawn from the 永川 seed page, built through the same validated paths as user input:
//! the roster here, a year of organisational life and activities in `records`, the 四强 figures,
//! honours and attestations in `strengths`.

mod dues;
pub mod large;
mod pipeline;
mod records;
mod strengths;

use chrono::{Datelike, Days, Months, NaiveDate};
use rusqlite::Connection;

use crate::branch::{self, BranchInput, GroupInput};
use crate::error::{Error, Reason, Result};
use crate::members::validate::id_check_char;
use crate::members::{
    self, ArchiveInput, CommitteeRole, ExclusionInput, ExclusionKind, Gender, MemberInput,
    MemberStatus, Stage,
};

pub const DEMO_BRANCH_NAME: &str = "永川区行政服务中心党支部";

/// The member left out of 应到 for a stretch of the demo's year.
const EXCLUDED: &str = "郑秀英";

const GROUPS: [&str; 4] = [
    "第一党小组（综合窗口）",
    "第二党小组（审批服务）",
    "第三党小组（政务公开）",
    "第四党小组（企业服务）",
];

struct Person {
    name: &'static str,
    gender: Gender,
    birth: &'static str,
    stage: Stage,
    /// 入党日期 for admitted members; for earlier stages, months before today the stage was reached.
    joined: &'static str,
    group: usize,
    roles: &'static [CommitteeRole],
    education: &'static str,
    title: &'static str,
}

use CommitteeRole::*;
use Gender::{Female as F, Male as M};
use Stage::{Activist, Applicant, Candidate, Full, Probationary};

#[allow(clippy::too_many_arguments)] // a table row, read positionally like the table it builds
const fn p(
    name: &'static str,
    gender: Gender,
    birth: &'static str,
    stage: Stage,
    joined: &'static str,
    group: usize,
    roles: &'static [CommitteeRole],
    education: &'static str,
    title: &'static str,
) -> Person {
    Person {
        name,
        gender,
        birth,
        stage,
        joined,
        group,
        roles,
        education,
        title,
    }
}

#[rustfmt::skip]
const PEOPLE: &[Person] = &[
    p("周建华", M, "1975-03-12", Full, "1998-06-20", 0, &[Secretary], "大学", "区行政服务中心主任"),
    p("李晓红", F, "1982-08-05", Full, "2005-05-18", 1, &[DeputySecretary], "硕士研究生", "区行政服务中心副主任"),
    p("王志强", M, "1986-11-23", Full, "2009-06-30", 0, &[OrganizationOfficer], "大学", "综合科科长"),
    p("陈敏", F, "1989-02-14", Full, "2012-04-26", 2, &[PublicityOfficer], "大学", "政务公开科科长"),
    p("刘洋", M, "1984-07-09", Full, "2008-11-12", 3, &[DisciplineOfficer], "大学", "企业服务科科长"),
    p("杨丽", F, "1990-05-21", Full, "2013-06-18", 0, &[], "大学", "综合窗口首席事务代表"),
    p("赵磊", M, "1987-09-30", Full, "2011-07-01", 0, &[], "大学", "综合窗口受理员"),
    p("黄静", F, "1992-12-02", Full, "2016-05-20", 0, &[], "大学", "综合窗口受理员"),
    p("吴刚", M, "1979-04-17", Full, "2002-06-25", 0, &[], "大专", "后勤保障科副科长"),
    p("徐婷", F, "1994-01-08", Full, "2018-06-29", 0, &[], "大学", "帮办代办专员"),
    p("孙伟", M, "1983-06-11", Full, "2007-09-14", 1, &[], "大学", "审批服务科科长"),
    p("马丽娟", F, "1985-10-26", Full, "2010-12-08", 1, &[], "大学", "市场准入窗口首席事务代表"),
    p("朱文博", M, "1991-03-03", Full, "2015-06-19", 1, &[], "硕士研究生", "工程建设项目审批专员"),
    p("胡雪梅", F, "1988-08-19", Full, "2012-10-30", 1, &[], "大学", "社会事务窗口受理员"),
    p("郭志勇", M, "1977-12-25", Full, "2001-07-01", 1, &[], "大学", "审批服务科副科长"),
    p("何佳", F, "1995-07-07", Full, "2020-06-28", 1, &[], "大学", "一件事一次办专员"),
    p("林峰", M, "1986-02-28", Full, "2010-06-21", 2, &[], "大学", "政务公开专员"),
    p("罗娟", F, "1990-09-15", Full, "2014-11-20", 2, &[], "大学", "12345热线联络员"),
    p("高建国", M, "1972-05-01", Full, "1996-06-30", 2, &[], "大专", "档案管理员"),
    p("梁晓燕", F, "1993-04-12", Full, "2017-12-01", 2, &[], "大学", "网上办事大厅运维专员"),
    p("宋涛", M, "1981-01-20", Full, "2004-06-16", 3, &[], "大学", "企业管家服务专员"),
    p("郑秀英", F, "1976-11-09", Full, "2000-06-28", 3, &[], "大专", "企业开办窗口受理员"),
    p("谢宇航", M, "1996-06-06", Full, "2021-05-27", 3, &[], "大学", "企业服务专员"),
    p("韩冰", F, "1991-10-31", Full, "2016-06-24", 3, &[], "大学", "跨域通办专员"),
    p("唐浩然", M, "1997-08-22", Probationary, "-5", 0, &[], "大学", "综合窗口受理员"),
    p("冯雅琪", F, "1998-03-16", Probationary, "-9", 3, &[], "硕士研究生", "企业服务专员"),
    p("邓凯", M, "1996-12-11", Candidate, "-14", 1, &[], "大学", "审批服务专员"),
    p("曹欣怡", F, "1999-05-25", Candidate, "-13", 2, &[], "大学", "政务公开专员"),
    p("彭俊杰", M, "2000-09-03", Activist, "-8", 3, &[], "大学", "企业服务专员"),
    p("曾诗雨", F, "2001-02-17", Applicant, "-2", 0, &[], "大学", "综合窗口受理员"),
];

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("demo dates are valid")
}

/// A valid 身份证号 for the person (region 500118 = 重庆市永川区).
fn id_number(birth: NaiveDate, seq: usize, gender: Gender) -> String {
    let odd_even = match gender {
        Gender::Male => 1,
        Gender::Female => 2,
    };
    let first17 = format!(
        "500118{}{:02}{}",
        birth.format("%Y%m%d"),
        (seq * 7 + 11) % 100,
        odd_even + 2 * (seq % 4)
    );
    let check = id_check_char(&first17).expect("17 digits");
    format!("{first17}{check}")
}

fn months_before(today: NaiveDate, months: u32) -> NaiveDate {
    today
        .checked_sub_months(Months::new(months))
        .unwrap_or(today)
}

/// Fills an empty database with the demo branch: its roster, this year's sessions (some
/// periods met, some missed, the current month's 支委会 still open) and its activities.
/// Refuses, changing nothing, if a branch exists.
pub fn create(conn: &Connection, today: NaiveDate, actor: &str) -> Result<()> {
    create_roster(conn, today, actor)?;
    records::create(conn, today, actor)
}

/// The demo branch with its groups and members only, no sessions or activities.
pub fn create_roster(conn: &Connection, today: NaiveDate, actor: &str) -> Result<()> {
    let term_start = months_before(today, 18);
    let branch_input = BranchInput {
        name: DEMO_BRANCH_NAME.into(),
        superior_org: "中共重庆市永川区委直属机关工作委员会".into(),
        founded_on: Some("2012-03-15".into()),
        term_start: Some(term_start.to_string()),
        term_end: Some((term_start + Months::new(36) - Days::new(1)).to_string()),
        // The demo's records cover its whole year.
        records_from: Some(format!("{}-01-01", today.year())),
        ..Default::default()
    };
    if branch::create(conn, &branch_input, today, actor)?.is_none() {
        return Err(Error::Conflict {
            reason: Reason::DatabaseNotEmpty,
        });
    }
    let mut groups = Vec::new();
    for name in GROUPS {
        let input = GroupInput {
            name: name.into(),
            leader_id: None,
            formed_on: None,
        };
        groups.push(branch::add_group(conn, &input, today, actor)?);
    }
    let mut leaders: Vec<Option<String>> = vec![None; GROUPS.len()];
    for (seq, person) in PEOPLE.iter().enumerate() {
        let birth = date(person.birth);
        let mut input = MemberInput {
            name: person.name.into(),
            gender: Some(person.gender),
            ethnicity: if seq % 11 == 5 { "土家族" } else { "汉族" }.into(),
            birth_date: birth.to_string(),
            native_place: ["重庆永川", "重庆江津", "四川泸州", "重庆荣昌", "重庆大足"][seq % 5]
                .into(),
            id_number: id_number(birth, seq, person.gender),
            education: person.education.into(),
            work_start_date: Some((birth + Months::new(12 * 22 + 8)).to_string()),
            workplace_title: format!("永川区行政服务中心 {}", person.title),
            phone: format!(
                "1{}{:09}",
                [3, 5, 8, 7, 9][seq % 5],
                234_500_000 + seq * 1_379
            ),
            address: format!(
                "重庆市永川区{}{} 号",
                ["人民大道", "兴龙大道", "昌州大道", "渝西大道", "红河大道"][seq % 5],
                12 + seq * 7
            ),
            stage: Some(person.stage),
            party_group_id: Some(groups[person.group].id.clone()),
            roles: person.roles.to_vec(),
            ..Default::default()
        };
        match person.stage {
            Stage::Full => {
                let joined = date(person.joined);
                input.joined_on = Some(joined.to_string());
                input.confirmed_on = Some((joined + Months::new(12)).to_string());
                input.introducers = "（档案记载）".into();
            }
            Stage::Probationary => {
                let months: u32 = person.joined.trim_start_matches('-').parse().unwrap_or(6);
                input.joined_on = Some(months_before(today, months).to_string());
                input.introducers = format!("{}、{}", PEOPLE[2].name, PEOPLE[5 + seq % 5].name);
            }
            _ => {
                let months: u32 = person.joined.trim_start_matches('-').parse().unwrap_or(6);
                input.stage_date = Some(months_before(today, months).to_string());
            }
        }
        if seq == 17 {
            input.status = Some(MemberStatus::Mobile);
            input.notes = "借调至区政务服务管理办公室，参加所在单位组织生活".into();
        }
        let member = members::add(conn, &input, today, actor)?;
        if person.stage == Stage::Full && person.roles.is_empty() && leaders[person.group].is_none()
        {
            leaders[person.group] = Some(member.id);
        }
    }
    for (group, leader) in groups.iter().zip(leaders) {
        let input = GroupInput {
            name: group.name.clone(),
            leader_id: leader,
            formed_on: group.formed_on.map(|d| d.to_string()),
        };
        branch::update_group(conn, &group.id, &input, today, actor)?;
    }
    // One member who transferred out last year shows that leaving archives, it does not delete.
    let leaver = MemberInput {
        name: "田志明".into(),
        gender: Some(Gender::Male),
        ethnicity: "汉族".into(),
        birth_date: "1980-10-10".into(),
        id_number: id_number(date("1980-10-10"), PEOPLE.len(), Gender::Male),
        education: "大学".into(),
        workplace_title: "永川区行政服务中心 原综合科副科长".into(),
        stage: Some(Stage::Full),
        joined_on: Some("2006-06-20".into()),
        confirmed_on: Some("2007-06-20".into()),
        party_group_id: Some(groups[0].id.clone()),
        ..Default::default()
    };
    // One member abroad at her own expense for over six months, left out of 应到 with the
    // superior's consent: shown at the sessions of those months, not counted.
    let abroad = members::get_by_name(conn, EXCLUDED, today)?;
    members::exclude(
        conn,
        &abroad.id,
        &ExclusionInput {
            kind: Some(ExclusionKind::Abroad),
            from: months_before(today, 10).to_string(),
            until: Some(months_before(today, 3).to_string()),
            reason: "赴澳大利亚探亲陪护，经区委直属机关工委同意不计入应到人数".into(),
        },
        today,
        actor,
    )?;
    let leaver = members::add(conn, &leaver, today, actor)?;
    members::archive(
        conn,
        &leaver.id,
        &ArchiveInput {
            reason: Some(MemberStatus::TransferredOut),
            archived_on: months_before(today, 10).to_string(),
            note: "组织关系转至区发展改革委机关党支部".into(),
        },
        today,
        actor,
    )?;
    Ok(())
}

/// How many members the demo branch has on its active roster.
pub fn active_member_count() -> usize {
    PEOPLE.len()
}
