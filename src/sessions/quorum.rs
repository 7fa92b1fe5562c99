//! Quorum and vote rules of 《中国共产党支部工作条例（试行）》: pure arithmetic on head counts.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many of those entitled must be present for a meeting or an election to be valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threshold {
    /// More than half (党员大会, 支委会).
    MoreThanHalf,
    /// More than four fifths (elections, 换届).
    MoreThanFourFifths,
}

impl Threshold {
    /// The fewest present that clear the threshold for `entitled` people.
    pub fn minimum(self, entitled: u32) -> u32 {
        match self {
            Threshold::MoreThanHalf => entitled / 2 + 1,
            Threshold::MoreThanFourFifths => entitled * 4 / 5 + 1,
        }
    }

    pub fn is_met(self, present: u32, entitled: u32) -> bool {
        entitled > 0 && present >= self.minimum(entitled)
    }
}

/// A session's quorum: `required` is the fewest voters who had to be present, `entitled` how
/// many should have attended with a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Quorum {
    pub required: u32,
    pub present_voting: u32,
    pub met: bool,
    pub entitled: u32,
}

impl Quorum {
    pub fn new(threshold: Threshold, present_voting: u32, entitled: u32) -> Self {
        Quorum {
            required: threshold.minimum(entitled),
            present_voting,
            met: threshold.is_met(present_voting, entitled),
            entitled,
        }
    }
}

/// Whether a resolution passes: 赞成 must exceed half of those who should attend with a vote
/// (not half of those present, and not half of the votes cast).
pub fn resolution_passes(in_favour: u32, entitled: u32) -> bool {
    entitled > 0 && in_favour >= Threshold::MoreThanHalf.minimum(entitled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_than_half_is_strict() {
        let cases = [
            // (entitled, minimum present)
            (0, 1),
            (1, 1),
            (2, 2),
            (3, 2),
            (4, 3),
            (24, 13),
            (25, 13),
        ];
        for (entitled, minimum) in cases {
            assert_eq!(
                Threshold::MoreThanHalf.minimum(entitled),
                minimum,
                "{entitled}"
            );
            assert!(Threshold::MoreThanHalf.is_met(minimum, entitled) || entitled == 0);
            assert!(!Threshold::MoreThanHalf.is_met(minimum - 1, entitled));
        }
    }

    #[test]
    fn more_than_four_fifths_is_strict() {
        let cases = [(5, 5), (10, 9), (11, 9), (24, 20), (25, 21)];
        for (entitled, minimum) in cases {
            assert_eq!(
                Threshold::MoreThanFourFifths.minimum(entitled),
                minimum,
                "{entitled}"
            );
            assert!(Threshold::MoreThanFourFifths.is_met(minimum, entitled));
            assert!(!Threshold::MoreThanFourFifths.is_met(minimum - 1, entitled));
        }
    }

    #[test]
    fn nobody_entitled_is_never_a_quorum() {
        assert!(!Threshold::MoreThanHalf.is_met(0, 0));
        assert!(!Quorum::new(Threshold::MoreThanHalf, 3, 0).met);
        assert!(!resolution_passes(0, 0));
    }

    #[test]
    fn a_resolution_counts_against_those_who_should_attend() {
        // 24 voters should attend, 14 came: 12 in favour is a majority of those present
        // but not of those entitled.
        assert!(!resolution_passes(12, 24));
        assert!(resolution_passes(13, 24));
        assert!(resolution_passes(3, 5));
        assert!(!resolution_passes(2, 5));
    }

    #[test]
    fn quorum_reports_the_numbers_behind_it() {
        let q = Quorum::new(Threshold::MoreThanHalf, 13, 24);
        assert_eq!(
            (q.required, q.present_voting, q.met, q.entitled),
            (13, 13, true, 24)
        );
        let q = Quorum::new(Threshold::MoreThanHalf, 12, 24);
        assert!(!q.met);
    }
}
