//! 四强: the branch's standing on the four strengths, judged by a versioned checklist
//! template. So far: the template and its scoring, and measuring the measured items from the
//! records; attestations with evidence and the dashboard build on it.

pub mod measure;
pub mod template;

pub use measure::Records;
pub use template::{
    score, Finding, ItemDef, ItemKind, ItemResult, Metric, Strength, StrengthResult, Template,
};
