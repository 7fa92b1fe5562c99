//! Organisational life (三会一课 and the rest): obligations and their calendar, quorum and votes.

pub mod calendar;
pub mod quorum;
pub mod rules;

pub use calendar::{calendar, CalendarInput, ObligationPeriod, PeriodStatus};
pub use quorum::{resolution_passes, Quorum, Threshold};
pub use rules::{Obligation, ObligationRule, ObligationRuleSet, PeriodUnit, RuleHistory, Scope};
