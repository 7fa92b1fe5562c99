//! Organisational life (三会一课 and the rest): obligations and their calendar, quorum and votes.

pub mod calendar;
pub mod committee;
mod compliance;
mod group_meetings;
mod history;
pub mod kinds;
mod list;
pub mod missed;
pub mod quorum;
mod record;
mod roll;
pub mod rules;
pub mod sign_in;
mod store;
pub mod talks;
mod template;
mod votes;

pub use calendar::{calendar, CalendarInput, ObligationPeriod, PeriodKey, PeriodStatus};
pub use committee::CommitteeNeed;
pub use compliance::{compliance, ComplianceReport};
pub use group_meetings::{add_group_meetings, group_month, GroupMeetingInput, GroupMonth};
pub use history::{attendance_of, AttendanceRate, MemberAttendance, MemberAttendanceRow};
pub use kinds::{SessionKind, SessionKindInput};
pub use list::{list, SessionQuery, SessionSummary};
pub use missed::{confirm_missed, undo_missed};
pub use quorum::{resolution_passes, Quorum, Threshold};
pub use record::{
    AgendaItemInput, AttendanceInput, AttendanceRow, AttendanceStatus, HeadCount, ObligationMet,
    Opinion, Resolution, ResolutionInput, ResolutionKind, Session, SessionInput, WrittenOpinion,
    WrittenOpinionInput,
};
pub use rules::{Obligation, ObligationRule, ObligationRuleSet, PeriodUnit, RuleHistory, Scope};
pub use store::{
    add, add_many, get, get_with, kind_label, kind_obligation, preview, resolution_verdicts,
    update, SessionPreview,
};
pub use template::{template_from_last, SessionTemplate};
pub use votes::{ResolutionVerdict, Verdict};
