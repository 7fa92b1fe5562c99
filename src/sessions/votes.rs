//! The votes of a session's resolutions, pure: which the votes carry against those present
//! and entitled (an election's four fifths, the others' more than half), the written opinions
//! of absent voters on an admission or a 转正, and the verdict shown beside each resolution.

use std::collections::HashSet;

use super::quorum::resolution_passes;
use super::record::{
    AttendanceRow, AttendanceStatus, Opinion, Resolution, ResolutionInput, ResolutionKind,
    WrittenOpinion,
};
use super::roll::Judgement;
use crate::code_enum;
use crate::error::{Error, Reason, Result};
use serde::Serialize;
use ts_rs::TS;

/// What every resolution of a session is judged against: the voters present, those who should
/// attend with a vote, and whether the meeting's and the election's quorums were met.
struct Tally<'a> {
    rows: &'a [AttendanceRow],
    voters_present: u32,
    entitled: u32,
    meeting_quorum: bool,
    election_quorum: bool,
}

impl<'a> Tally<'a> {
    fn new(rows: &'a [AttendanceRow], judged: &Judgement) -> Self {
        let voters_present = rows
            .iter()
            .filter(|r| r.has_vote && r.status == AttendanceStatus::Present)
            .count() as u32;
        Tally {
            rows,
            voters_present,
            entitled: judged.quorum.map_or(voters_present, |q| q.entitled),
            meeting_quorum: judged.quorum.is_none_or(|q| q.met),
            election_quorum: judged.election_quorum.is_none_or(|q| q.met),
        }
    }

    /// One resolution checked: its counts possible, its written opinions allowed, and a claim
    /// of "passed" carried by the votes.
    fn check(&self, r: &ResolutionInput) -> Result<Resolution> {
        if r.votes_for + r.votes_against + r.votes_abstain > self.voters_present {
            return Err(Error::validation("resolutions", Reason::VotesExceedPresent));
        }
        let written = written_opinions(r, self.rows)?;
        if r.subject_id.is_some() && !r.kind.takes_written_opinions() {
            return Err(Error::validation("subject", Reason::ResolutionSubjectKind));
        }
        let written_for = written.iter().filter(|w| w.opinion == Opinion::For).count() as u32;
        let quorum_met = match r.kind {
            ResolutionKind::Election => self.meeting_quorum && self.election_quorum,
            _ => self.meeting_quorum,
        };
        if r.kind == ResolutionKind::Election && r.passed && !quorum_met {
            return Err(Error::validation("resolutions", Reason::ElectionQuorum));
        }
        let carried = quorum_met && resolution_passes(r.votes_for + written_for, self.entitled);
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
            written,
            passed: carried,
            subject_id: r.subject_id.clone(),
            subject: None,
        })
    }
}

/// Checks each resolution's votes against those present and entitled, and refuses one
/// claimed as passed that the votes do not carry. An election needs its four fifths present;
/// the other resolutions the meeting's more than half. Written opinions count in the tally of
/// an admission or a 转正, from voters who should have attended and did not.
pub(super) fn check_resolutions(
    input: &[ResolutionInput],
    rows: &[AttendanceRow],
    judged: &Judgement,
) -> Result<Vec<Resolution>> {
    let tally = Tally::new(rows, judged);
    input
        .iter()
        .filter(|r| !r.title.trim().is_empty())
        .map(|r| tally.check(r))
        .collect()
}

/// The verdict on each resolution of the input, in its order (`None` for one without a title,
/// which is not kept): whether the votes carry it, whatever is claimed, or why the counts
/// cannot be right. The same checks as saving, so an invalid verdict is what saving refuses.
pub(super) fn verdicts(
    input: &[ResolutionInput],
    rows: &[AttendanceRow],
    judged: &Judgement,
) -> Result<Vec<Option<ResolutionVerdict>>> {
    let tally = Tally::new(rows, judged);
    input
        .iter()
        .map(|r| {
            if r.title.trim().is_empty() {
                return Ok(None);
            }
            let unclaimed = ResolutionInput {
                passed: false,
                ..r.clone()
            };
            let verdict = match tally.check(&unclaimed) {
                Ok(res) if res.passed => ResolutionVerdict::of(Verdict::Passed, None),
                Ok(_) => ResolutionVerdict::of(Verdict::NotPassed, None),
                Err(Error::Validation { reason, .. }) => {
                    ResolutionVerdict::of(Verdict::Invalid, Some(reason))
                }
                Err(e) => return Err(e),
            };
            Ok(Some(verdict))
        })
        .collect()
}

code_enum!(
    /// How a resolution stands by its votes: carried, not carried, or counts that cannot be.
    Verdict {
        Passed = "passed" / "通过",
        NotPassed = "not_passed" / "未通过",
        Invalid = "invalid" / "无效",
    }
);

/// The core's verdict on one resolution, shown beside its votes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ResolutionVerdict {
    pub verdict: Verdict,
    /// Why the counts are impossible (an invalid verdict only): what saving would refuse.
    pub reason: Option<Reason>,
    /// The reason in Chinese, for the command line and JSON readers.
    pub message: Option<String>,
}

impl ResolutionVerdict {
    fn of(verdict: Verdict, reason: Option<Reason>) -> Self {
        ResolutionVerdict {
            verdict,
            reason,
            message: reason.map(|r| r.to_string()),
        }
    }
}
/// A resolution's written opinions, each from a voter counted in 应到 who was not present,
/// once; only an admission or a 转正 takes them.
fn written_opinions(r: &ResolutionInput, rows: &[AttendanceRow]) -> Result<Vec<WrittenOpinion>> {
    if r.written.is_empty() {
        return Ok(Vec::new());
    }
    if !r.kind.takes_written_opinions() {
        return Err(Error::validation("written", Reason::WrittenOpinionKind));
    }
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(r.written.len());
    for w in &r.written {
        let Some(row) = rows.iter().find(|a| a.member_id == w.member_id) else {
            return Err(Error::validation(
                "written",
                Reason::WrittenOpinionNotExpected,
            ));
        };
        if !row.counted() {
            return Err(Error::validation(
                "written",
                Reason::WrittenOpinionNotExpected,
            ));
        }
        if !row.has_vote {
            return Err(Error::validation("written", Reason::WrittenOpinionNoVote));
        }
        if row.status == AttendanceStatus::Present {
            return Err(Error::validation("written", Reason::WrittenOpinionPresent));
        }
        if !seen.insert(w.member_id.as_str()) {
            return Err(Error::validation("written", Reason::WrittenOpinionTwice));
        }
        out.push(WrittenOpinion {
            member_id: row.member_id.clone(),
            member: row.name.clone(),
            opinion: w.opinion,
        });
    }
    out.sort_by(|a, b| (&a.member, &a.member_id).cmp(&(&b.member, &b.member_id)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::members::as_of::MemberOnDay;
    use crate::sessions::roll::judge;
    use crate::sessions::roll::tests::{member, met, roster, rows};
    use crate::sessions::rules::Obligation;

    /// Seven voters, "a" to "g".
    fn seven_voters() -> Vec<MemberOnDay> {
        roster(&["a", "b", "c", "d", "e", "f", "g"].map(|id| (id, "v")))
    }

    #[test]
    fn a_sanction_takes_the_vote_away() {
        // Four 正式党员, one under 留党察看: three voters, two make the quorum.
        let roster = roster(&[("a", "v"), ("b", "v"), ("c", "v"), ("s", "s")]);
        let gm = [Obligation::GeneralMeeting];
        let rows = rows(&roster, &gm, None, &["a", "b", "s"]);
        assert!(!rows.iter().find(|r| r.member_id == "s").unwrap().has_vote);
        let q = judge(&gm, &rows, &roster, false).quorum.unwrap();
        assert_eq!((q.present_voting, q.entitled, q.required), (2, 3, 2));
        // The sanctioned member's show of hands is not a vote: three votes exceed two voters.
        let input = vec![resolution(ResolutionKind::Resolution, 3, &[])];
        let j = judge(&gm, &rows, &roster, false);
        assert_eq!(
            check_resolutions(&input, &rows, &j)
                .unwrap_err()
                .to_string(),
            Error::validation("resolutions", Reason::VotesExceedPresent).to_string()
        );
    }

    fn resolution(
        kind: ResolutionKind,
        votes_for: u32,
        written: &[(&str, Opinion)],
    ) -> ResolutionInput {
        ResolutionInput {
            title: "决议".into(),
            kind,
            votes_for,
            votes_against: 0,
            votes_abstain: 0,
            passed: false,
            written: written
                .iter()
                .map(|(id, opinion)| super::super::record::WrittenOpinionInput {
                    member_id: id.to_string(),
                    opinion: *opinion,
                })
                .collect(),
            subject_id: None,
        }
    }

    fn refusal(r: Result<Vec<Resolution>>) -> Reason {
        match r {
            Err(Error::Validation { reason, .. }) => reason,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn written_opinions_count_in_an_admission_from_absent_voters_only() {
        // Seven voters, four present (a quorum); 应到 7 needs 4 in favour.
        let mut roster = seven_voters();
        roster.extend(
            [("p", "p"), ("s", "s"), ("x", "vx"), ("o", "ve")].map(|(id, f)| member(id, f)),
        );
        let gm = [Obligation::GeneralMeeting];
        let rows = rows(&roster, &gm, None, &["a", "b", "c", "d", "p"]);
        let j = judge(&gm, &rows, &roster, false);
        assert!(j.quorum.unwrap().met);
        let for_ = Opinion::For;
        // 3 hands and one written 赞成 carry it; 3 hands and a written 反对 do not.
        for (written, passed) in [
            (vec![("e", for_)], true),
            (vec![("e", Opinion::Against)], false),
            (vec![], false),
        ] {
            let input = vec![resolution(ResolutionKind::Admission, 3, &written)];
            let out = check_resolutions(&input, &rows, &j).unwrap();
            assert_eq!(out[0].passed, passed, "{written:?}");
            assert_eq!(out[0].written.len(), written.len());
        }
        let confirmation = vec![resolution(ResolutionKind::Confirmation, 3, &[("f", for_)])];
        assert!(check_resolutions(&confirmation, &rows, &j).unwrap()[0].passed);
        let refused = [
            (
                ResolutionKind::Admission,
                "a",
                Reason::WrittenOpinionPresent,
            ),
            (ResolutionKind::Admission, "p", Reason::WrittenOpinionNoVote),
            (ResolutionKind::Admission, "s", Reason::WrittenOpinionNoVote),
            (
                ResolutionKind::Admission,
                "x",
                Reason::WrittenOpinionNotExpected,
            ),
            (
                ResolutionKind::Admission,
                "o",
                Reason::WrittenOpinionNotExpected,
            ),
            (
                ResolutionKind::Admission,
                "nobody",
                Reason::WrittenOpinionNotExpected,
            ),
            (ResolutionKind::Resolution, "e", Reason::WrittenOpinionKind),
            (ResolutionKind::Election, "e", Reason::WrittenOpinionKind),
        ];
        for (kind, who, reason) in refused {
            let input = vec![resolution(kind, 3, &[(who, for_)])];
            assert_eq!(
                refusal(check_resolutions(&input, &rows, &j)),
                reason,
                "{who}"
            );
        }
        let twice = vec![resolution(
            ResolutionKind::Admission,
            3,
            &[("e", for_), ("e", Opinion::Against)],
        )];
        assert_eq!(
            refusal(check_resolutions(&twice, &rows, &j)),
            Reason::WrittenOpinionTwice
        );
    }

    #[test]
    fn a_written_opinion_is_refused_from_someone_not_expected_at_a_group_meeting() {
        // At a 党小组会 of g1, a voter of g2 is not expected.
        let roster = roster(&[("a", "vg"), ("b", "vg"), ("c", "v")]);
        let gm = [Obligation::GroupMeeting];
        let rows = rows(&roster, &gm, Some("g1"), &["a"]);
        let j = judge(&gm, &rows, &roster, false);
        let input = vec![resolution(
            ResolutionKind::Admission,
            1,
            &[("c", Opinion::For)],
        )];
        assert_eq!(
            refusal(check_resolutions(&input, &rows, &j)),
            Reason::WrittenOpinionNotExpected
        );
    }

    /// Ten voters. `present` of them came.
    fn ten_voters(present: usize) -> (Vec<MemberOnDay>, Vec<AttendanceRow>, Judgement) {
        let ids: Vec<String> = (0..10).map(|i| format!("m{i}")).collect();
        let roster: Vec<MemberOnDay> = ids.iter().map(|id| member(id, "v")).collect();
        let here: Vec<&str> = ids[..present].iter().map(String::as_str).collect();
        let gm = [Obligation::GeneralMeeting];
        let rows = rows(&roster, &gm, None, &here);
        let j = judge(&gm, &rows, &roster, true);
        (roster, rows, j)
    }

    #[test]
    fn an_election_needs_four_fifths_and_ordinary_resolutions_half() {
        // 8 of 10 present: the meeting is quorate (more than half), the election is not
        // (needs 9). The ordinary resolution passes; the election does not, and claiming it
        // did is refused.
        let (_, rows, j) = ten_voters(8);
        assert!(j.quorum.unwrap().met);
        assert_eq!(met(&j), vec![(Obligation::GeneralMeeting, true)]);
        let e = j.election_quorum.unwrap();
        assert_eq!((e.required, e.met), (9, false));
        let input = vec![
            resolution(ResolutionKind::Resolution, 8, &[]),
            resolution(ResolutionKind::Election, 8, &[]),
        ];
        let out = check_resolutions(&input, &rows, &j).unwrap();
        assert_eq!((out[0].passed, out[1].passed), (true, false));
        let mut claimed = input.clone();
        claimed[1].passed = true;
        assert_eq!(
            refusal(check_resolutions(&claimed, &rows, &j)),
            Reason::ElectionQuorum
        );
        // 9 present: the election is valid.
        let (_, rows, j) = ten_voters(9);
        assert!(j.election_quorum.unwrap().met);
        let out = check_resolutions(&input, &rows, &j).unwrap();
        assert_eq!((out[0].passed, out[1].passed), (true, true));
    }

    #[test]
    fn a_candidate_between_half_present_and_half_entitled_is_not_elected() {
        // 9 of 10 present; 5 赞成 is more than half of those present (4.5) but not more than
        // half of the 10 who should attend.
        let (_, rows, j) = ten_voters(9);
        let mut input = vec![resolution(ResolutionKind::Election, 5, &[])];
        input[0].votes_against = 4;
        assert!(!check_resolutions(&input, &rows, &j).unwrap()[0].passed);
        input[0].passed = true;
        assert_eq!(
            refusal(check_resolutions(&input, &rows, &j)),
            Reason::ResolutionNotPassed
        );
        input[0].votes_for = 6;
        input[0].votes_against = 3;
        assert!(check_resolutions(&input, &rows, &j).unwrap()[0].passed);
    }

    #[test]
    fn each_resolution_gets_a_verdict_and_impossible_counts_their_reason() {
        // Seven voters, four present (a quorum; 应到 7 needs 4 in favour), "e" absent.
        let roster = seven_voters();
        let gm = [Obligation::GeneralMeeting];
        let rows = rows(&roster, &gm, None, &["a", "b", "c", "d"]);
        let j = judge(&gm, &rows, &roster, false);
        let for_ = Opinion::For;
        let with = |kind, f: u32, against: u32, abstain: u32, written: &[(&str, Opinion)]| {
            let mut r = resolution(kind, f, written);
            r.votes_against = against;
            r.votes_abstain = abstain;
            r
        };
        use ResolutionKind::{Admission, Resolution as Plain};
        // (resolution, verdict, reason)
        let cases = [
            (with(Plain, 4, 0, 0, &[]), Verdict::Passed, None),
            (with(Plain, 3, 1, 0, &[]), Verdict::NotPassed, None),
            // Five hands from four voters present.
            (
                with(Plain, 4, 1, 0, &[]),
                Verdict::Invalid,
                Some(Reason::VotesExceedPresent),
            ),
            (
                with(Plain, 2, 2, 1, &[]),
                Verdict::Invalid,
                Some(Reason::VotesExceedPresent),
            ),
            // A written opinion on a kind that takes none.
            (
                with(Plain, 3, 0, 0, &[("e", for_)]),
                Verdict::Invalid,
                Some(Reason::WrittenOpinionKind),
            ),
            // A written opinion from someone present.
            (
                with(Admission, 3, 0, 0, &[("a", for_)]),
                Verdict::Invalid,
                Some(Reason::WrittenOpinionPresent),
            ),
            // Three hands and an absent voter's written 赞成 carry an admission.
            (
                with(Admission, 3, 0, 0, &[("e", for_)]),
                Verdict::Passed,
                None,
            ),
        ];
        for (r, verdict, reason) in cases {
            let out = verdicts(std::slice::from_ref(&r), &rows, &j).unwrap();
            let v = out[0].clone().expect("a titled resolution has a verdict");
            assert_eq!((v.verdict, v.reason), (verdict, reason), "{r:?}");
            assert_eq!(v.message, reason.map(|r| r.to_string()));
            // An invalid verdict is exactly what saving refuses.
            match (
                reason,
                check_resolutions(std::slice::from_ref(&r), &rows, &j),
            ) {
                (Some(reason), Err(e)) => assert_eq!(e.reason(), Some(reason)),
                (None, Ok(_)) => {}
                (expected, got) => panic!("{expected:?} against {got:?}"),
            }
        }
    }

    #[test]
    fn verdicts_follow_the_input_order_and_ignore_claims() {
        let (_, rows, j) = ten_voters(8);
        let mut untitled = resolution(ResolutionKind::Resolution, 8, &[]);
        untitled.title = "  ".into();
        let mut claimed = resolution(ResolutionKind::Election, 8, &[]);
        claimed.passed = true;
        let input = vec![
            untitled,
            resolution(ResolutionKind::Resolution, 6, &[]),
            claimed,
        ];
        let out: Vec<Option<Verdict>> = verdicts(&input, &rows, &j)
            .unwrap()
            .into_iter()
            .map(|v| v.map(|v| v.verdict))
            .collect();
        // 8 of 10 present: the election's four fifths are missing, whatever was claimed.
        assert_eq!(
            out,
            vec![None, Some(Verdict::Passed), Some(Verdict::NotPassed)]
        );
    }
}
