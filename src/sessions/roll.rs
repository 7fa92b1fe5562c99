//! The roll of a session, pure and from the roster of its day: who should attend (应到),
//! the attendance rows with the defaults for those not listed, whether the meeting was
//! quorate, and which resolutions the votes carry.

use std::collections::{HashMap, HashSet};

use super::quorum::{resolution_passes, Quorum, Threshold};
use super::rules::Obligation;
use super::store::{
    AttendanceInput, AttendanceRow, AttendanceStatus, Resolution, ResolutionInput, ResolutionKind,
};
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
                has_vote: on_day.is_some_and(|m| m.has_vote),
                member_id,
                name,
                status,
                reason,
            }
        })
        .collect();
    rows.sort_by(|a, b| (!a.expected, &a.name).cmp(&(!b.expected, &b.name)));
    rows
}

/// The quorum rule for a session: a 党员大会 needs more than half of its voters, more than
/// four fifths for an election; a 支委会 more than half of the committee.
pub(crate) fn quorum(
    counts_for: &[Obligation],
    rows: &[AttendanceRow],
    roster: &[MemberOnDay],
    has_election: bool,
) -> Option<Quorum> {
    let counted = |r: &&AttendanceRow| r.expected && !r.exempt;
    if counts_for.contains(&Obligation::GeneralMeeting) {
        let voters: Vec<_> = rows.iter().filter(counted).filter(|r| r.has_vote).collect();
        let present = voters
            .iter()
            .filter(|r| r.status == AttendanceStatus::Present)
            .count() as u32;
        let threshold = if has_election {
            Threshold::MoreThanFourFifths
        } else {
            Threshold::MoreThanHalf
        };
        return Some(Quorum::new(threshold, present, voters.len() as u32));
    }
    if counts_for.first() == Some(&Obligation::CommitteeMeeting) {
        let committee: HashSet<&str> = roster
            .iter()
            .filter(|m| m.on_committee())
            .map(|m| m.id.as_str())
            .collect();
        let on_committee = |id: &str| committee.contains(id);
        let committee: Vec<_> = rows
            .iter()
            .filter(counted)
            .filter(|r| on_committee(&r.member_id))
            .collect();
        let present = committee
            .iter()
            .filter(|r| r.status == AttendanceStatus::Present)
            .count() as u32;
        return Some(Quorum::new(
            Threshold::MoreThanHalf,
            present,
            committee.len() as u32,
        ));
    }
    None
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
    rows.sort_by(|a, b| (!a.expected, &a.name).cmp(&(!b.expected, &b.name)));
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
        has_vote: m.has_vote,
    }
}

/// Checks each resolution's votes against those present and entitled, and refuses one
/// claimed as passed that the votes do not carry.
pub(super) fn check_resolutions(
    input: &[ResolutionInput],
    rows: &[AttendanceRow],
    quorum: Option<Quorum>,
) -> Result<Vec<Resolution>> {
    let voters_present = rows
        .iter()
        .filter(|r| r.has_vote && r.status == AttendanceStatus::Present)
        .count() as u32;
    let entitled = quorum.map_or(voters_present, |q| q.entitled);
    input
        .iter()
        .filter(|r| !r.title.trim().is_empty())
        .map(|r| {
            if r.votes_for + r.votes_against + r.votes_abstain > voters_present {
                return Err(Error::validation("resolutions", Reason::VotesExceedPresent));
            }
            let quorum_met = quorum.is_none_or(|q| q.met);
            if r.kind == ResolutionKind::Election && !quorum_met {
                return Err(Error::validation("resolutions", Reason::ElectionQuorum));
            }
            let carried = quorum_met && resolution_passes(r.votes_for, entitled);
            if r.passed && !carried {
                return Err(Error::validation(
                    "resolutions",
                    Reason::ResolutionNotPassed,
                ));
            }
            Ok(Resolution {
                title: r.title.trim().to_string(),
                kind: r.kind,
                votes_for: r.votes_for,
                votes_against: r.votes_against,
                votes_abstain: r.votes_abstain,
                passed: carried,
            })
        })
        .collect()
}
