//! 四强: the branch's standing on the four strengths, judged by a versioned checklist
//! template: items measured from the records or attested with evidence, the branch's own
//! indicators and honours, the year's assessment and trend, and the 自评报告 workbook.

pub mod assess;
pub mod attest;
pub mod export;
pub mod indicators;
pub mod measure;
pub mod rules;
pub mod template;

use chrono::NaiveDate;

use crate::error::{Error, Reason, Result};

pub use assess::{assess, trend, Assessment, TrendPoint};
pub use attest::{Attestation, AttestationInput, Evidence, EvidenceKind, EvidenceRef};
pub use measure::Records;
pub use rules::{TemplateSource, YearTemplate};
pub use template::{
    score, Finding, ItemDef, ItemKind, ItemResult, Metric, Strength, StrengthResult, Template,
    ValueFormat,
};

/// The first and the last day of `year` counted as of `as_of`: the year's end for a past
/// year, the day itself within the year.
pub(crate) fn year_span(year: i32, as_of: NaiveDate) -> Result<(NaiveDate, NaiveDate)> {
    let bad = || Error::validation("year", Reason::InvalidValue);
    let from = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad)?;
    let end = NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(bad)?;
    Ok((from, as_of.min(end)))
}
