//! Whether a branch needs a 支委会 on a day: from seven 正式党员 it elects a committee of 3–5;
//! below seven it has a secretary alone and owes no 支委会 — unless it has a committee anyway.
//! Judged from the core's as-of roster, never a second roster query.

use crate::members::as_of::MemberOnDay;
use crate::members::Stage;

/// 正式党员 from which a branch elects a 支委会.
pub const COMMITTEE_FROM: u32 = 7;
/// Members holding committee roles that make a committee (3–5, at most 7).
pub const COMMITTEE_MIN: u32 = 3;

/// The two counts that decide it, on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommitteeNeed {
    /// 正式党员 on the roster.
    pub full: u32,
    /// Members holding a committee role.
    pub committee: u32,
}

impl CommitteeNeed {
    pub fn of(roster: &[MemberOnDay]) -> CommitteeNeed {
        CommitteeNeed {
            full: roster.iter().filter(|m| m.stage == Stage::Full).count() as u32,
            committee: roster.iter().filter(|m| m.on_committee()).count() as u32,
        }
    }

    pub fn has_committee(self) -> bool {
        self.committee >= COMMITTEE_MIN
    }

    /// A 支委会 is owed (and the 四强 items about the committee apply).
    pub fn committee_owed(self) -> bool {
        self.has_committee() || self.full >= COMMITTEE_FROM
    }

    /// Seven 正式党员 or more and no committee: the 支委会 alarm.
    pub fn committee_lacking(self) -> bool {
        self.full >= COMMITTEE_FROM && !self.has_committee()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_committee_is_owed_from_seven_full_members_or_once_elected() {
        let need = |full, committee| CommitteeNeed { full, committee };
        for (n, owed, lacking) in [
            (need(6, 0), false, false),
            (need(6, 1), false, false),
            (need(6, 3), true, false),
            (need(7, 0), true, true),
            (need(7, 2), true, true),
            (need(7, 3), true, false),
        ] {
            assert_eq!(
                (n.committee_owed(), n.committee_lacking()),
                (owed, lacking),
                "{n:?}"
            );
        }
    }
}
