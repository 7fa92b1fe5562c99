//! 四强: the branch's standing on the four strengths, judged by a versioned checklist
//! template. This first part holds the template and the scoring; measuring the items from the
//! records, attestations with evidence and the dashboard build on it.

pub mod template;

pub use template::{
    score, Finding, ItemDef, ItemKind, ItemResult, Metric, Strength, StrengthResult, Template,
};
