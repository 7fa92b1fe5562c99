//! The obligation calendar: for a year and a day, which obligation periods are met, still
//! open (with the days left), missed, or not recorded (before the branch's records began).
//! Nothing is owed before it existed: a period is an obligation only if the branch (and, for
//! a 党小组会, the group) existed on its last day, and a 支委会 only while the branch has a
//! committee or the seven 正式党员 that call for one. Pure: the caller gathers the sessions,
//! groups, committee and rule history; "today" is a parameter.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rules::{Obligation, ObligationRule, PeriodUnit, RuleHistory, Scope};

/// One month, quarter or year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    pub unit: PeriodUnit,
    /// 1-based month or quarter; 1 for a year.
    pub index: u32,
}

impl Period {
    pub fn start(self) -> NaiveDate {
        let month = match self.unit {
            PeriodUnit::Month => self.index,
            PeriodUnit::Quarter => (self.index - 1) * 3 + 1,
            PeriodUnit::Year => 1,
        };
        NaiveDate::from_ymd_opt(self.year, month, 1).expect("valid period")
    }

    /// The last day of the period.
    pub fn end(self) -> NaiveDate {
        let next = match self.unit {
            PeriodUnit::Month if self.index == 12 => Period {
                year: self.year + 1,
                index: 1,
                ..self
            },
            PeriodUnit::Month => Period {
                index: self.index + 1,
                ..self
            },
            PeriodUnit::Quarter if self.index == 4 => Period {
                year: self.year + 1,
                index: 1,
                ..self
            },
            PeriodUnit::Quarter => Period {
                index: self.index + 1,
                ..self
            },
            PeriodUnit::Year => Period {
                year: self.year + 1,
                ..self
            },
        };
        next.start().pred_opt().expect("valid period")
    }

    /// `YYYY`, `YYYY-Qn` or `YYYY-MM`.
    pub fn label(self) -> String {
        match self.unit {
            PeriodUnit::Year => format!("{}", self.year),
            PeriodUnit::Quarter => format!("{}-Q{}", self.year, self.index),
            PeriodUnit::Month => format!("{}-{:02}", self.year, self.index),
        }
    }

    pub fn of_year(year: i32, unit: PeriodUnit) -> impl Iterator<Item = Period> {
        let count = match unit {
            PeriodUnit::Month => 12,
            PeriodUnit::Quarter => 4,
            PeriodUnit::Year => 1,
        };
        (1..=count).map(move |index| Period { year, unit, index })
    }

    pub fn containing(day: NaiveDate, unit: PeriodUnit) -> Period {
        let index = match unit {
            PeriodUnit::Month => day.month(),
            PeriodUnit::Quarter => (day.month() - 1) / 3 + 1,
            PeriodUnit::Year => 1,
        };
        Period {
            year: day.year(),
            unit,
            index,
        }
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.start() <= day && day <= self.end()
    }
}

/// A session as the calendar sees it.
#[derive(Debug, Clone)]
pub struct HeldSession {
    pub id: String,
    pub held_on: NaiveDate,
    /// Every obligation the session counts for (its own kind and the `also` kinds).
    pub counts_for: Vec<Obligation>,
    pub party_group_id: Option<String>,
    /// Whether the lecturer was the branch secretary on that day (书记讲党课).
    pub by_secretary: bool,
    /// The obligations whose own test the session met (a 党员大会 without its quorum, or a
    /// 党小组会 also marked as one, does not fulfil it).
    pub obligations_met: Vec<Obligation>,
    /// Who took part: for 谈心谈话, the pair.
    pub participants: Vec<String>,
}

/// A 党小组 with the days it existed.
#[derive(Debug, Clone)]
pub struct GroupSpan {
    pub id: String,
    pub name: String,
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// Who must talk with whom in a year (谈心谈话): committee members with each other, and
/// every other member with the committee member who keeps in touch with them (联系支委),
/// else with the 书记. Ids are kept ordered in each pair.
#[derive(Debug, Clone, Default)]
pub struct TalkCircle {
    pub committee: Vec<String>,
    pub secretary: Option<String>,
    pub members: Vec<String>,
    /// (member, 联系支委): the branch's list of who keeps in touch with whom.
    pub contacts: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PeriodStatus {
    Met,
    Open,
    Missed,
    /// Closed, before the branch's records began (开始登记日期), with nothing entered and not
    /// confirmed missed: 未登记.
    Unrecorded,
}

impl crate::codes::Coded for PeriodStatus {
    const ALL: &'static [PeriodStatus] = &[
        PeriodStatus::Met,
        PeriodStatus::Open,
        PeriodStatus::Missed,
        PeriodStatus::Unrecorded,
    ];
    fn code(self) -> &'static str {
        match self {
            PeriodStatus::Met => "met",
            PeriodStatus::Open => "open",
            PeriodStatus::Missed => "missed",
            PeriodStatus::Unrecorded => "unrecorded",
        }
    }
    fn label(self) -> &'static str {
        match self {
            PeriodStatus::Met => "已完成",
            PeriodStatus::Open => "进行中",
            PeriodStatus::Missed => "已错过",
            PeriodStatus::Unrecorded => "未登记",
        }
    }
}

/// One obligation period by its kind, label and what it binds: what a confirmation of a
/// missed period is stored under.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PeriodKey {
    pub kind: Obligation,
    /// `YYYY`, `YYYY-Qn` or `YYYY-MM`.
    pub period: String,
    /// Empty for the branch; the 党小组's id; for 谈心谈话 the pair's ids joined by `+`.
    pub subject: String,
}

/// One obligation in one period: the row `zhibu compliance --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ObligationPeriod {
    pub kind: Obligation,
    /// `YYYY`, `YYYY-Qn` or `YYYY-MM`.
    pub period: String,
    pub party_group: Option<String>,
    pub status: PeriodStatus,
    /// Days left in the period counting today, for open periods.
    pub days_left: Option<i64>,
    /// The sessions that met it.
    pub sessions: Vec<String>,
    pub party_group_id: Option<String>,
    /// For 谈心谈话: the two members who should talk.
    pub pair: Option<[String; 2]>,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    /// How many sessions the rule asks for in the period.
    pub required: u32,
    /// Empty for the branch; the 党小组's id; for 谈心谈话 the pair's ids joined by `+`.
    pub subject: String,
    /// A period before the records began that the secretary confirmed was not held.
    pub missed_confirmed: bool,
}

impl ObligationPeriod {
    pub fn key(&self) -> PeriodKey {
        PeriodKey {
            kind: self.kind,
            period: self.period.clone(),
            subject: self.subject.clone(),
        }
    }
}

/// Everything the calendar needs for one year.
pub struct CalendarInput<'a> {
    pub year: i32,
    pub today: NaiveDate,
    pub rules: &'a RuleHistory,
    pub sessions: &'a [HeldSession],
    pub groups: &'a [GroupSpan],
    pub talks: &'a TalkCircle,
    /// The branch's founding day: no period that ended before it is owed.
    pub founded_on: Option<NaiveDate>,
    /// 开始登记日期: a closed period that began earlier, with nothing entered, is 未登记.
    pub records_from: Option<NaiveDate>,
    /// The periods before the records began that the secretary confirmed missed.
    pub confirmed_missed: &'a [PeriodKey],
    /// Whether a 支委会 is owed on a day: the branch has a committee, or the seven 正式党员
    /// that call for one. Asked of a period's last day (today for a period not yet over).
    pub committee_owed: &'a dyn Fn(NaiveDate) -> bool,
}

/// A period is owed if its subject existed on the period's last day: a branch founded on
/// 1 November owes that year's yearly obligations and November's monthly ones, not October's.
fn existed_on_last_day(from: Option<NaiveDate>, until: Option<NaiveDate>, period: Period) -> bool {
    let last = period.end();
    from.is_none_or(|f| f <= last) && until.is_none_or(|u| u > last)
}

/// The status of every obligation period of the year, ordered by obligation, then period.
pub fn calendar(input: &CalendarInput) -> Vec<ObligationPeriod> {
    let mut out = Vec::new();
    for obligation in Obligation::ALL {
        for unit in PeriodUnit::ALL {
            for period in Period::of_year(input.year, *unit) {
                // Past years are judged by the rules in force when the period began.
                let Some(rule) = input.rules.in_force(period.start()).rule(*obligation) else {
                    continue;
                };
                if rule.every != *unit || !existed_on_last_day(input.founded_on, None, period) {
                    continue;
                }
                if *obligation == Obligation::CommitteeMeeting
                    && !(input.committee_owed)(period.end().min(input.today))
                {
                    continue;
                }
                judge_period(input, rule, period, &mut out);
            }
        }
    }
    out
}

fn judge_period(
    input: &CalendarInput,
    rule: &ObligationRule,
    period: Period,
    out: &mut Vec<ObligationPeriod>,
) {
    let counting = |s: &&HeldSession| {
        period.contains(s.held_on)
            && match rule.obligation {
                Obligation::SecretaryLecture => {
                    s.by_secretary && s.obligations_met.contains(&Obligation::PartyLecture)
                }
                o => s.obligations_met.contains(&o),
            }
    };
    let before_records = input.records_from.is_some_and(|r| period.start() < r);
    let row = |party_group: Option<&GroupSpan>, pair: Option<[String; 2]>, ids: Vec<String>| {
        let subject = match (party_group, &pair) {
            (Some(g), _) => g.id.clone(),
            (None, Some([a, b])) => format!("{a}+{b}"),
            (None, None) => String::new(),
        };
        let missed_confirmed = before_records
            && input.confirmed_missed.iter().any(|k| {
                k.kind == rule.obligation && k.period == period.label() && k.subject == subject
            });
        let status = if ids.len() as u32 >= rule.times {
            PeriodStatus::Met
        } else if period.end() >= input.today {
            PeriodStatus::Open
        } else if before_records && !missed_confirmed {
            PeriodStatus::Unrecorded
        } else {
            PeriodStatus::Missed
        };
        ObligationPeriod {
            kind: rule.obligation,
            period: period.label(),
            party_group: party_group.map(|g| g.name.clone()),
            party_group_id: party_group.map(|g| g.id.clone()),
            status,
            days_left: (status == PeriodStatus::Open)
                .then(|| (period.end() - input.today).num_days() + 1),
            sessions: ids,
            pair,
            period_start: period.start(),
            period_end: period.end(),
            required: rule.times,
            subject,
            missed_confirmed: missed_confirmed && status == PeriodStatus::Missed,
        }
    };
    let ids_of = |sessions: Vec<&HeldSession>| sessions.iter().map(|s| s.id.clone()).collect();
    match rule.scope {
        Scope::Branch => {
            let held: Vec<_> = input.sessions.iter().filter(counting).collect();
            out.push(row(None, None, ids_of(held)));
        }
        Scope::PartyGroup => {
            for group in input
                .groups
                .iter()
                .filter(|g| existed_on_last_day(g.from, g.until, period))
            {
                let held: Vec<_> = input
                    .sessions
                    .iter()
                    .filter(counting)
                    .filter(|s| s.party_group_id.as_deref() == Some(&group.id))
                    .collect();
                out.push(row(Some(group), None, ids_of(held)));
            }
        }
        Scope::Pair => {
            for [a, b] in pairs(input.talks) {
                let held: Vec<_> = input
                    .sessions
                    .iter()
                    .filter(counting)
                    .filter(|s| s.participants.contains(&a) && s.participants.contains(&b))
                    .collect();
                out.push(row(None, Some([a, b]), ids_of(held)));
            }
        }
    }
}

/// Every pair that should talk: committee with committee, and every other member with their
/// 联系支委 (if that one is on the committee), else with the 书记.
pub fn pairs(circle: &TalkCircle) -> BTreeSet<[String; 2]> {
    let mut pairs = BTreeSet::new();
    let mut add = |a: &String, b: &String| {
        if a != b {
            let mut pair = [a.clone(), b.clone()];
            pair.sort();
            pairs.insert(pair);
        }
    };
    for c in &circle.committee {
        for other in &circle.committee {
            add(c, other);
        }
    }
    for m in circle
        .members
        .iter()
        .filter(|m| !circle.committee.contains(m))
    {
        let contact = circle
            .contacts
            .iter()
            .find(|(member, keeper)| member == m && circle.committee.contains(keeper))
            .map(|(_, keeper)| keeper);
        if let Some(keeper) = contact.or(circle.secretary.as_ref()) {
            add(m, keeper);
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule_sets::RuleSet;
    use crate::sessions::rules::ObligationRuleSet;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn session(id: &str, on: &str, counts_for: &[Obligation]) -> HeldSession {
        HeldSession {
            id: id.into(),
            held_on: d(on),
            counts_for: counts_for.to_vec(),
            party_group_id: None,
            by_secretary: false,
            obligations_met: counts_for.to_vec(),
            participants: vec![],
        }
    }

    fn always(_: NaiveDate) -> bool {
        true
    }

    /// A year with nothing cut: no founding day, records kept throughout, a committee.
    fn input<'a>(
        sessions: &'a [HeldSession],
        groups: &'a [GroupSpan],
        rules: &'a RuleHistory,
        today: &str,
    ) -> CalendarInput<'a> {
        static NO_TALKS: std::sync::OnceLock<TalkCircle> = std::sync::OnceLock::new();
        CalendarInput {
            year: 2026,
            today: d(today),
            rules,
            sessions,
            groups,
            talks: NO_TALKS.get_or_init(TalkCircle::default),
            founded_on: None,
            records_from: None,
            confirmed_missed: &[],
            committee_owed: &always,
        }
    }

    fn run(
        sessions: &[HeldSession],
        groups: &[GroupSpan],
        rules: &RuleHistory,
        today: &str,
    ) -> Vec<ObligationPeriod> {
        calendar(&input(sessions, groups, rules, today))
    }

    fn periods(rows: &[ObligationPeriod], kind: Obligation) -> Vec<&str> {
        rows.iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.period.as_str())
            .collect()
    }

    fn find<'a>(
        rows: &'a [ObligationPeriod],
        kind: Obligation,
        period: &str,
    ) -> &'a ObligationPeriod {
        rows.iter()
            .find(|r| r.kind == kind && r.period == period && r.party_group.is_none())
            .unwrap_or_else(|| panic!("no row for {kind:?} {period}"))
    }

    #[test]
    fn periods_have_their_edges() {
        let q = Period {
            year: 2026,
            unit: PeriodUnit::Quarter,
            index: 4,
        };
        assert_eq!(
            (q.start(), q.end(), q.label()),
            (d("2026-10-01"), d("2026-12-31"), "2026-Q4".into())
        );
        let m = Period {
            year: 2024,
            unit: PeriodUnit::Month,
            index: 2,
        };
        assert_eq!((m.end(), m.label()), (d("2024-02-29"), "2024-02".into()));
        assert_eq!(
            Period::containing(d("2026-09-30"), PeriodUnit::Quarter).index,
            3
        );
        assert_eq!(
            Period::containing(d("2026-10-01"), PeriodUnit::Quarter).index,
            4
        );
    }

    #[test]
    fn a_quarter_is_open_through_its_last_day_and_missed_the_day_after() {
        let rules = RuleHistory::new(vec![]);
        let rows = run(&[], &[], &rules, "2026-09-30");
        let q3 = find(&rows, Obligation::GeneralMeeting, "2026-Q3");
        assert_eq!((q3.status, q3.days_left), (PeriodStatus::Open, Some(1)));
        let rows = run(&[], &[], &rules, "2026-10-01");
        let q3 = find(&rows, Obligation::GeneralMeeting, "2026-Q3");
        assert_eq!((q3.status, q3.days_left), (PeriodStatus::Missed, None));
        let q4 = find(&rows, Obligation::GeneralMeeting, "2026-Q4");
        assert_eq!((q4.status, q4.days_left), (PeriodStatus::Open, Some(92)));
    }

    #[test]
    fn a_session_on_the_last_day_meets_its_period_only() {
        let rules = RuleHistory::new(vec![]);
        let s = [session("s1", "2026-06-30", &[Obligation::GeneralMeeting])];
        let rows = run(&s, &[], &rules, "2026-11-22");
        let q2 = find(&rows, Obligation::GeneralMeeting, "2026-Q2");
        assert_eq!(
            (q2.status, q2.sessions.clone()),
            (PeriodStatus::Met, vec!["s1".to_string()])
        );
        assert_eq!(
            find(&rows, Obligation::GeneralMeeting, "2026-Q3").status,
            PeriodStatus::Missed
        );
    }

    #[test]
    fn one_session_counts_for_several_obligations() {
        let rules = RuleHistory::new(vec![]);
        let s = [session(
            "s1",
            "2026-08-15",
            &[Obligation::ThemeDay, Obligation::PartyLecture],
        )];
        let rows = run(&s, &[], &rules, "2026-11-22");
        assert_eq!(
            find(&rows, Obligation::ThemeDay, "2026-08").status,
            PeriodStatus::Met
        );
        assert_eq!(
            find(&rows, Obligation::PartyLecture, "2026-Q3").status,
            PeriodStatus::Met
        );
        assert_eq!(
            find(&rows, Obligation::ThemeDay, "2026-07").status,
            PeriodStatus::Missed
        );
    }

    #[test]
    fn a_meeting_without_quorum_does_not_count() {
        let rules = RuleHistory::new(vec![]);
        let mut s = session("s1", "2026-02-10", &[Obligation::GeneralMeeting]);
        s.obligations_met.clear();
        let rows = run(&[s], &[], &rules, "2026-11-22");
        assert_eq!(
            find(&rows, Obligation::GeneralMeeting, "2026-Q1").status,
            PeriodStatus::Missed
        );
    }

    #[test]
    fn the_secretary_lecture_needs_the_secretary_as_lecturer() {
        let rules = RuleHistory::new(vec![]);
        let other = session("s1", "2026-03-01", &[Obligation::PartyLecture]);
        let rows = run(std::slice::from_ref(&other), &[], &rules, "2026-11-22");
        assert_eq!(
            find(&rows, Obligation::SecretaryLecture, "2026").status,
            PeriodStatus::Open
        );
        let mut own = other;
        own.by_secretary = true;
        let rows = run(&[own], &[], &rules, "2026-11-22");
        assert_eq!(
            find(&rows, Obligation::SecretaryLecture, "2026").status,
            PeriodStatus::Met
        );
    }

    #[test]
    fn group_meetings_are_judged_per_group_while_the_group_exists() {
        let rules = RuleHistory::new(vec![]);
        let groups = [
            GroupSpan {
                id: "g1".into(),
                name: "第一党小组".into(),
                from: None,
                until: None,
            },
            GroupSpan {
                id: "g2".into(),
                name: "第二党小组".into(),
                from: Some(d("2026-06-10")),
                until: None,
            },
        ];
        let mut s = session("s1", "2026-07-03", &[Obligation::GroupMeeting]);
        s.party_group_id = Some("g1".into());
        let rows = run(&[s], &groups, &rules, "2026-11-22");
        let july: Vec<_> = rows
            .iter()
            .filter(|r| r.kind == Obligation::GroupMeeting && r.period == "2026-07")
            .map(|r| (r.party_group.clone().unwrap(), r.status))
            .collect();
        assert_eq!(
            july,
            vec![
                ("第一党小组".into(), PeriodStatus::Met),
                ("第二党小组".into(), PeriodStatus::Missed)
            ]
        );
        let may = rows
            .iter()
            .filter(|r| r.kind == Obligation::GroupMeeting && r.period == "2026-05");
        assert_eq!(may.count(), 1, "the second group did not exist in May");
    }

    #[test]
    fn a_changed_rule_applies_from_its_date_and_the_past_keeps_the_old_one() {
        let mut monthly_lectures = ObligationRuleSet::defaults();
        monthly_lectures.version = "2026 本地规定".into();
        monthly_lectures.effective_from = d("2026-07-01");
        for r in &mut monthly_lectures.rules {
            if r.obligation == Obligation::PartyLecture {
                r.every = PeriodUnit::Month;
            }
        }
        let rules = RuleHistory::new(vec![monthly_lectures]);
        let rows = run(&[], &[], &rules, "2026-11-22");
        let lectures: Vec<_> = rows
            .iter()
            .filter(|r| r.kind == Obligation::PartyLecture)
            .map(|r| r.period.as_str())
            .collect();
        assert_eq!(
            lectures,
            [
                "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2026-Q1",
                "2026-Q2"
            ]
        );
    }

    #[test]
    fn committee_pairs_and_each_member_with_the_contact_or_the_secretary_must_talk() {
        let rules = RuleHistory::new(vec![]);
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let talks = TalkCircle {
            committee: ids(&["c1", "c2", "c3"]),
            secretary: Some("c1".into()),
            members: ids(&["c1", "c2", "c3", "m1", "m2", "m3"]),
            // m3's contact has left the committee: the 书记 talks with m3 instead.
            contacts: vec![("m2".into(), "c2".into()), ("m3".into(), "x9".into())],
        };
        let mut s = session("t1", "2026-04-01", &[Obligation::HeartToHeartTalk]);
        s.participants = ids(&["c2", "m2"]);
        let sessions = [s];
        let rows = calendar(&CalendarInput {
            talks: &talks,
            ..input(&sessions, &[], &rules, "2026-11-22")
        });
        let talk_rows: Vec<_> = rows
            .iter()
            .filter(|r| r.kind == Obligation::HeartToHeartTalk)
            .map(|r| (r.subject.as_str(), r.status))
            .collect();
        assert_eq!(
            talk_rows,
            [
                ("c1+c2", PeriodStatus::Open),
                ("c1+c3", PeriodStatus::Open),
                ("c1+m1", PeriodStatus::Open),
                ("c1+m3", PeriodStatus::Open),
                ("c2+c3", PeriodStatus::Open),
                ("c2+m2", PeriodStatus::Met),
            ]
        );
        // No secretary and no contact: a member outside the committee has no pair.
        let alone = TalkCircle {
            secretary: None,
            contacts: vec![],
            ..talks
        };
        assert_eq!(pairs(&alone).len(), 3);
    }

    #[test]
    fn nothing_is_owed_before_the_branch_was_founded() {
        let rules = RuleHistory::new(vec![]);
        for (founded, months) in [
            ("2026-11-01", vec!["2026-11", "2026-12"]),
            ("2026-10-31", vec!["2026-10", "2026-11", "2026-12"]),
            ("2026-11-30", vec!["2026-11", "2026-12"]),
            ("2026-12-01", vec!["2026-12"]),
        ] {
            let rows = calendar(&CalendarInput {
                founded_on: Some(d(founded)),
                ..input(&[], &[], &rules, "2026-12-05")
            });
            assert_eq!(periods(&rows, Obligation::ThemeDay), months, "{founded}");
            // The quarter and the year end after the founding: both are owed.
            assert_eq!(periods(&rows, Obligation::GeneralMeeting), ["2026-Q4"]);
            assert_eq!(periods(&rows, Obligation::OrgLifeMeeting), ["2026"]);
            assert!(rows.iter().all(|r| r.period_end >= d(founded)));
        }
        // Founded after the year: nothing at all.
        let rows = calendar(&CalendarInput {
            founded_on: Some(d("2027-01-01")),
            ..input(&[], &[], &rules, "2027-01-05")
        });
        assert!(rows.is_empty());
    }

    #[test]
    fn a_group_owes_the_periods_it_existed_on_the_last_day_of() {
        let rules = RuleHistory::new(vec![]);
        let group = |from: &str, until: Option<&str>| GroupSpan {
            id: "g".into(),
            name: "第一党小组".into(),
            from: Some(d(from)),
            until: until.map(d),
        };
        for (g, months) in [
            (group("2026-06-30", None), 6..=12),
            (group("2026-07-01", None), 7..=12),
            // Dissolved on 1 October: September is owed, October is not.
            (group("2026-06-10", Some("2026-10-01")), 6..=9),
            (group("2026-06-10", Some("2026-09-30")), 6..=8),
        ] {
            let rows = run(&[], std::slice::from_ref(&g), &rules, "2026-12-05");
            let expected: Vec<String> = months.map(|m| format!("2026-{m:02}")).collect();
            assert_eq!(periods(&rows, Obligation::GroupMeeting), expected, "{g:?}");
        }
    }

    #[test]
    fn periods_before_the_records_began_are_unrecorded_until_entered_or_confirmed() {
        let rules = RuleHistory::new(vec![]);
        let sessions = [session("s1", "2026-05-20", &[Obligation::ThemeDay])];
        let confirmed = [PeriodKey {
            kind: Obligation::ThemeDay,
            period: "2026-04".into(),
            subject: String::new(),
        }];
        let rows = calendar(&CalendarInput {
            records_from: Some(d("2026-07-01")),
            confirmed_missed: &confirmed,
            ..input(&sessions, &[], &rules, "2026-11-22")
        });
        let status = |kind, period| {
            let r = find(&rows, kind, period);
            (r.status, r.missed_confirmed)
        };
        use PeriodStatus::*;
        assert_eq!(status(Obligation::ThemeDay, "2026-03"), (Unrecorded, false));
        assert_eq!(status(Obligation::ThemeDay, "2026-04"), (Missed, true));
        assert_eq!(status(Obligation::ThemeDay, "2026-05"), (Met, false));
        assert_eq!(status(Obligation::ThemeDay, "2026-06"), (Unrecorded, false));
        // From the first day of records on, a period with nothing held is missed.
        assert_eq!(status(Obligation::ThemeDay, "2026-07"), (Missed, false));
        assert_eq!(
            status(Obligation::GeneralMeeting, "2026-Q2"),
            (Unrecorded, false)
        );
        assert_eq!(
            status(Obligation::GeneralMeeting, "2026-Q3"),
            (Missed, false)
        );
        // A period still open can still be met, whenever the records began.
        assert_eq!(status(Obligation::OrgLifeMeeting, "2026"), (Open, false));

        // Records from the middle of a quarter: the quarter began before them.
        let rows = calendar(&CalendarInput {
            records_from: Some(d("2026-08-15")),
            ..input(&[], &[], &rules, "2026-11-22")
        });
        assert_eq!(
            find(&rows, Obligation::GeneralMeeting, "2026-Q3").status,
            Unrecorded
        );
        assert_eq!(
            find(&rows, Obligation::ThemeDay, "2026-08").status,
            Unrecorded
        );
        assert_eq!(find(&rows, Obligation::ThemeDay, "2026-09").status, Missed);
        // A confirmation of a period after the records began changes nothing.
        let late = [PeriodKey {
            period: "2026-09".into(),
            ..confirmed[0].clone()
        }];
        let rows = calendar(&CalendarInput {
            records_from: Some(d("2026-08-15")),
            confirmed_missed: &late,
            ..input(&[], &[], &rules, "2026-11-22")
        });
        let sept = find(&rows, Obligation::ThemeDay, "2026-09");
        assert_eq!((sept.status, sept.missed_confirmed), (Missed, false));
    }

    #[test]
    fn committee_meetings_are_owed_only_while_the_branch_needs_a_committee() {
        let rules = RuleHistory::new(vec![]);
        // A committee from 10 June (or the seventh 正式党员 then).
        let from_june = |day: NaiveDate| day >= d("2026-06-10");
        let rows = calendar(&CalendarInput {
            committee_owed: &from_june,
            ..input(&[], &[], &rules, "2026-11-22")
        });
        let months: Vec<String> = (6..=12).map(|m| format!("2026-{m:02}")).collect();
        assert_eq!(periods(&rows, Obligation::CommitteeMeeting), months);
        // The months still ahead are judged by today's branch.
        let never_yet = |day: NaiveDate| day > d("2026-11-22");
        let rows = calendar(&CalendarInput {
            committee_owed: &never_yet,
            ..input(&[], &[], &rules, "2026-11-22")
        });
        assert!(periods(&rows, Obligation::CommitteeMeeting).is_empty());
        assert_eq!(periods(&rows, Obligation::ThemeDay).len(), 12);
    }
}
