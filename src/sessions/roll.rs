//! The roll of a session, pure and from the roster of its day: who should attend (应到),
//! the attendance rows with the defaults for those not listed, whether the meeting was
//! quorate (the resolutions' votes are in `votes`).

use std::collections::{HashMap, HashSet};

use super::quorum::{Quorum, Threshold};
use super::record::{AttendanceInput, AttendanceRow, AttendanceStatus, ObligationMet};
use super::rules::Obligation;
use crate::error::{Error, Reason, Result};
use crate::members::as_of::MemberOnDay;

/// Who should attend a session of these obligations, from the roster of that day.
pub(super) fn expected<'a>(
    roster: &'a [MemberOnDay],
    counts_for: &[Obligation],
    party_group_id: Option<&str>,
) -> Vec<&'a MemberOnDay> {
    let main = counts_for.first().copied();
    roster
        .iter()
        .filter(|m| match main {
            Some(Obligation::CommitteeMeeting) => m.on_committee(),
            Some(Obligation::GroupMeeting) => {
                m.is_party_member() && m.party_group_id.as_deref() == party_group_id
            }
            Some(Obligation::HeartToHeartTalk) => false,
            _ => m.is_party_member(),
        })
        .collect()
}

/// The stored attendance of a session as rows marked against the roster of its day: who
/// should have attended, who was excused, who has a vote. Sorted, those expected first, by
/// name. Each stored row is (member id, name, status, reason).
pub(super) fn stored_rows(
    roster: &[MemberOnDay],
    counts_for: &[Obligation],
    party_group_id: Option<&str>,
    stored: Vec<(String, String, AttendanceStatus, String)>,
) -> Vec<AttendanceRow> {
    let expected: HashSet<&str> = expected(roster, counts_for, party_group_id)
        .into_iter()
        .map(|m| m.id.as_str())
        .collect();
    let by_id: HashMap<&str, &MemberOnDay> = roster.iter().map(|m| (m.id.as_str(), m)).collect();
    let mut rows: Vec<AttendanceRow> = stored
        .into_iter()
        .map(|(member_id, name, status, reason)| {
            let on_day = by_id.get(member_id.as_str());
            AttendanceRow {
                expected: expected.contains(member_id.as_str()),
                exempt: on_day.is_some_and(|m| m.exempt_from_attendance),
                excluded: on_day.is_some_and(|m| m.excluded),
                has_vote: on_day.is_some_and(|m| m.has_vote),
                member_id,
                name,
                status,
                reason,
            }
        })
        .collect();
    in_roster_order(&mut rows, roster);
    rows
}

/// A session judged against the roster of its day: its quorum, the election's, and whether
/// it met the test of each obligation it counts for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Judgement {
    /// The 党员大会's (more than half of the branch's voters), else the 支委会's.
    pub quorum: Option<Quorum>,
    /// More than four fifths of the branch's voters, when an election is held.
    pub election_quorum: Option<Quorum>,
    pub obligations: Vec<ObligationMet>,
}

/// The fewest members a 支委会 can have: a "committee" of the secretary alone (a branch of
/// fewer than 7 正式党员) holds no 支委会.
const SMALLEST_COMMITTEE: usize = 3;

/// Judges each obligation a session counts for by its own test. A 党员大会 needs the branch
/// as its 应到 (a 党小组会 or 支委会 cannot be one) and more than half of the branch's voters
/// present; a 支委会 needs a committee of at least three and more than half of it present;
/// the other obligations have no quorum. Those left out of 应到 or excused are not counted.
pub(crate) fn judge(
    counts_for: &[Obligation],
    rows: &[AttendanceRow],
    roster: &[MemberOnDay],
    has_election: bool,
) -> Judgement {
    let present: HashSet<&str> = rows
        .iter()
        .filter(|r| r.status == AttendanceStatus::Present)
        .map(|r| r.member_id.as_str())
        .collect();
    let counted = |m: &&MemberOnDay| !m.exempt_from_attendance && !m.excluded;
    let head_count = |threshold, members: &[&MemberOnDay]| {
        let here = members
            .iter()
            .filter(|m| present.contains(m.id.as_str()))
            .count() as u32;
        Quorum::new(threshold, here, members.len() as u32)
    };
    let general = counts_for.contains(&Obligation::GeneralMeeting).then(|| {
        let voters: Vec<&MemberOnDay> = roster
            .iter()
            .filter(|m| m.has_vote)
            .filter(counted)
            .collect();
        (
            head_count(Threshold::MoreThanHalf, &voters),
            has_election.then(|| head_count(Threshold::MoreThanFourFifths, &voters)),
        )
    });
    let committee = counts_for.contains(&Obligation::CommitteeMeeting).then(|| {
        let all: Vec<&MemberOnDay> = roster.iter().filter(|m| m.on_committee()).collect();
        let members: Vec<&MemberOnDay> = all.iter().copied().filter(counted).collect();
        let mut q = head_count(Threshold::MoreThanHalf, &members);
        q.met &= all.len() >= SMALLEST_COMMITTEE;
        q
    });
    // Whose 应到 the session had: the branch, unless its own kind is a 党小组会, a 支委会 or a talk.
    let branch_wide = !matches!(
        counts_for.first(),
        Some(
            Obligation::GroupMeeting | Obligation::CommitteeMeeting | Obligation::HeartToHeartTalk
        )
    );
    let obligations = counts_for
        .iter()
        .map(|&obligation| ObligationMet {
            obligation,
            met: match obligation {
                Obligation::GeneralMeeting => {
                    branch_wide && general.as_ref().is_some_and(|(q, _)| q.met)
                }
                Obligation::CommitteeMeeting => committee.is_some_and(|q| q.met),
                _ => true,
            },
        })
        .collect();
    Judgement {
        quorum: general.as_ref().map(|(q, _)| *q).or(committee),
        election_quorum: general.and_then(|(_, e)| e),
        obligations,
    }
}

/// Those expected first, each part in the roster's order (the branch's name order); anyone
/// not on the roster of the day after them, as given.
fn in_roster_order(rows: &mut [AttendanceRow], roster: &[MemberOnDay]) {
    let rank: HashMap<&str, usize> = roster
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();
    rows.sort_by_key(|r| {
        (
            !r.expected,
            rank.get(r.member_id.as_str())
                .copied()
                .unwrap_or(usize::MAX),
        )
    });
}

pub(super) fn attendance_rows(
    roster: &[MemberOnDay],
    expected: &[&MemberOnDay],
    input: &[AttendanceInput],
    others: AttendanceStatus,
) -> Result<Vec<AttendanceRow>> {
    let by_id: HashMap<&str, &MemberOnDay> = roster.iter().map(|m| (m.id.as_str(), m)).collect();
    let expected_ids: HashSet<&str> = expected.iter().map(|m| m.id.as_str()).collect();
    let mut listed = HashSet::new();
    let mut rows: Vec<AttendanceRow> = Vec::new();
    for a in input {
        if !listed.insert(a.member_id.as_str()) {
            return Err(Error::validation("attendance", Reason::DuplicateAttendance));
        }
        let Some(m) = by_id.get(a.member_id.as_str()) else {
            return Err(Error::validation("attendance", Reason::NotOnRoster));
        };
        rows.push(row_for(m, &expected_ids, a.status, a.reason.trim()));
    }
    for m in expected {
        if !listed.contains(m.id.as_str()) {
            rows.push(row_for(m, &expected_ids, others, ""));
        }
    }
    in_roster_order(&mut rows, roster);
    Ok(rows)
}

fn row_for(
    m: &MemberOnDay,
    expected: &HashSet<&str>,
    status: AttendanceStatus,
    reason: &str,
) -> AttendanceRow {
    AttendanceRow {
        member_id: m.id.clone(),
        name: m.name.clone(),
        status,
        reason: reason.to_string(),
        expected: expected.contains(m.id.as_str()),
        exempt: m.exempt_from_attendance,
        excluded: m.excluded,
        has_vote: m.has_vote,
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::members::{CommitteeRole, MemberStatus, Stage};

    /// A roster member: `v` a voter, `p` a 预备党员, `s` a 正式党员 under 留党察看; `x` left
    /// out of 应到, `e` excused; `c` on the committee; `g` in group "g1" (else "g2").
    pub(crate) fn member(id: &str, flags: &str) -> MemberOnDay {
        let stage = if flags.contains('p') {
            Stage::Probationary
        } else {
            Stage::Full
        };
        MemberOnDay {
            id: id.into(),
            name: id.into(),
            stage,
            status: MemberStatus::Normal,
            party_group_id: Some(if flags.contains('g') { "g1" } else { "g2" }.into()),
            roles: if flags.contains('c') {
                vec![CommitteeRole::CommitteeMember]
            } else {
                vec![]
            },
            has_vote: stage == Stage::Full && !flags.contains('s'),
            exempt_from_attendance: flags.contains('e'),
            excluded: flags.contains('x'),
        }
    }

    pub(crate) fn roster(spec: &[(&str, &str)]) -> Vec<MemberOnDay> {
        spec.iter().map(|(id, f)| member(id, f)).collect()
    }

    /// The rows of a session where `present` attended and every other expected member was
    /// absent.
    pub(crate) fn rows(
        roster: &[MemberOnDay],
        counts_for: &[Obligation],
        group: Option<&str>,
        present: &[&str],
    ) -> Vec<AttendanceRow> {
        let expected = expected(roster, counts_for, group);
        let input: Vec<AttendanceInput> = present
            .iter()
            .map(|id| AttendanceInput {
                member_id: id.to_string(),
                status: AttendanceStatus::Present,
                reason: String::new(),
            })
            .collect();
        attendance_rows(roster, &expected, &input, AttendanceStatus::Absent).unwrap()
    }

    pub(crate) fn met(j: &Judgement) -> Vec<(Obligation, bool)> {
        j.obligations
            .iter()
            .map(|o| (o.obligation, o.met))
            .collect()
    }

    /// Five voters, one of them left out of 应到 (abroad), and a 预备党员.
    fn five_voters_one_excluded() -> Vec<MemberOnDay> {
        roster(&[
            ("a", "v"),
            ("b", "v"),
            ("c", "v"),
            ("d", "v"),
            ("x", "vx"),
            ("p", "p"),
        ])
    }

    #[test]
    fn an_excluded_member_is_shown_but_not_counted_for_quorum() {
        let roster = five_voters_one_excluded();
        let gm = [Obligation::GeneralMeeting];
        // 4 voters counted: 2 present is not more than half, 3 is.
        // (present, quorate, present voters counted)
        let cases = [(&["a", "b"][..], false, 2), (&["a", "b", "c"][..], true, 3)];
        for (present, quorate, here) in cases {
            let rows = rows(&roster, &gm, None, present);
            let shown = rows.iter().find(|r| r.member_id == "x").unwrap();
            assert!(shown.expected && shown.excluded && !shown.counted());
            let j = judge(&gm, &rows, &roster, false);
            let q = j.quorum.unwrap();
            assert_eq!(
                (q.entitled, q.required, q.present_voting, q.met),
                (4, 3, here, quorate),
                "{present:?}"
            );
            assert_eq!(met(&j), vec![(Obligation::GeneralMeeting, quorate)]);
        }
    }

    #[test]
    fn an_excluded_member_does_not_count_even_when_present() {
        let roster = five_voters_one_excluded();
        let gm = [Obligation::GeneralMeeting];
        let rows = rows(&roster, &gm, None, &["a", "x"]);
        let q = judge(&gm, &rows, &roster, false).quorum.unwrap();
        assert_eq!((q.present_voting, q.entitled, q.met), (1, 4, false));
    }

    #[test]
    fn a_group_meeting_also_marked_general_does_not_meet_it() {
        // The whole branch is in g1 and all are present: the quorum is there, but the
        // 党小组会's 应到 is not the branch.
        let roster = roster(&[("a", "vg"), ("b", "vg"), ("c", "vg")]);
        let counts_for = [Obligation::GroupMeeting, Obligation::GeneralMeeting];
        let rows = rows(&roster, &counts_for, Some("g1"), &["a", "b", "c"]);
        let j = judge(&counts_for, &rows, &roster, false);
        assert!(j.quorum.unwrap().met);
        assert_eq!(
            met(&j),
            vec![
                (Obligation::GroupMeeting, true),
                (Obligation::GeneralMeeting, false)
            ]
        );
    }

    #[test]
    fn a_theme_day_counts_as_the_committee_meeting_only_with_its_majority() {
        let roster = roster(&[
            ("c1", "vc"),
            ("c2", "vc"),
            ("c3", "vc"),
            ("c4", "vc"),
            ("a", "v"),
            ("b", "v"),
        ]);
        let counts_for = [Obligation::ThemeDay, Obligation::CommitteeMeeting];
        // Two of four on the committee is not more than half; three is.
        for (present, committee_met) in [
            (&["c1", "c2", "a", "b"][..], false),
            (&["c1", "c2", "c3"][..], true),
        ] {
            let rows = rows(&roster, &counts_for, None, present);
            let j = judge(&counts_for, &rows, &roster, false);
            assert_eq!(
                met(&j),
                vec![
                    (Obligation::ThemeDay, true),
                    (Obligation::CommitteeMeeting, committee_met)
                ],
                "{present:?}"
            );
        }
    }

    #[test]
    fn a_committee_of_fewer_than_three_meets_no_quorum() {
        for (spec, met_) in [
            (&[("s", "vc"), ("a", "v")][..], false),
            (&[("s", "vc"), ("t", "vc"), ("a", "v")][..], false),
            (&[("s", "vc"), ("t", "vc"), ("u", "vc")][..], true),
        ] {
            let roster = roster(spec);
            let cm = [Obligation::CommitteeMeeting];
            let everyone: Vec<&str> = roster
                .iter()
                .filter(|m| m.on_committee())
                .map(|m| m.id.as_str())
                .collect();
            let rows = rows(&roster, &cm, None, &everyone);
            let j = judge(&cm, &rows, &roster, false);
            assert_eq!(
                met(&j),
                vec![(Obligation::CommitteeMeeting, met_)],
                "{spec:?}"
            );
        }
    }

    #[test]
    fn a_failed_quorum_voids_only_what_needs_it() {
        // A 主题党日 with a 党课 and a 党员大会: 1 of 4 voters came.
        let roster = roster(&[("a", "v"), ("b", "v"), ("c", "v"), ("d", "v")]);
        let counts_for = [
            Obligation::ThemeDay,
            Obligation::PartyLecture,
            Obligation::GeneralMeeting,
        ];
        let rows = rows(&roster, &counts_for, None, &["a"]);
        let j = judge(&counts_for, &rows, &roster, false);
        assert_eq!(
            met(&j),
            vec![
                (Obligation::ThemeDay, true),
                (Obligation::PartyLecture, true),
                (Obligation::GeneralMeeting, false)
            ]
        );
    }
}
