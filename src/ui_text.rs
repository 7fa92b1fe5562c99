//! What the window shows that the core also says, from the core's one copy: each refusal
//! reason's sentence, each input field's label, every code list with its Chinese labels, and
//! the length and range limits. `cargo test` writes it to `ui/src/generated/ui-text.json` (the
//! `export_ui_text` test, beside ts-rs's types), which the UI's messages are built from; CI's
//! drift check on `ui/src/generated` fails on a stale copy.

use serde_json::{Map, Value};

use crate::codes::Coded;
use crate::error::{Reason, FIELD_LABELS};
use crate::limits::LIMITS;

/// Every code of a list with its label, in the list's order.
fn code_list<T: Coded>() -> Value {
    Value::Object(
        T::ALL
            .iter()
            .map(|v| (v.code().to_owned(), Value::from(v.label())))
            .collect(),
    )
}

/// The code lists the UI labels, under the names its messages use (`codes.<name>.<code>`).
fn code_lists() -> Map<String, Value> {
    use crate::{activities, alarms, backup, collate, dues, members, pipeline, sessions};
    use crate::{strengths, study};
    let lists: [(&str, Value); 42] = [
        ("stage", code_list::<members::Stage>()),
        ("gender", code_list::<members::Gender>()),
        ("status", code_list::<members::MemberStatus>()),
        ("role", code_list::<members::CommitteeRole>()),
        ("sort", code_list::<members::RosterSort>()),
        (
            "exclusion_kind",
            code_list::<members::standing::ExclusionKind>(),
        ),
        (
            "sanction_kind",
            code_list::<members::standing::SanctionKind>(),
        ),
        ("row_outcome", code_list::<members::import::RowOutcome>()),
        ("obligation", code_list::<sessions::rules::Obligation>()),
        ("period_unit", code_list::<sessions::rules::PeriodUnit>()),
        ("scope", code_list::<sessions::rules::Scope>()),
        (
            "period_status",
            code_list::<sessions::calendar::PeriodStatus>(),
        ),
        ("attendance", code_list::<sessions::AttendanceStatus>()),
        ("resolution_kind", code_list::<sessions::ResolutionKind>()),
        ("opinion", code_list::<sessions::Opinion>()),
        ("verdict", code_list::<sessions::Verdict>()),
        ("activity_kind", code_list::<activities::ActivityKind>()),
        (
            "participant_role",
            code_list::<activities::ParticipantRole>(),
        ),
        (
            "attachment_owner",
            code_list::<crate::attachments::AttachmentOwner>(),
        ),
        ("study_category", code_list::<study::StudyCategory>()),
        ("entry_source", code_list::<study::EntrySource>()),
        ("accrual_on", code_list::<study::rules::AccrualOn>()),
        ("credit_mode", code_list::<study::rules::CreditMode>()),
        (
            "self_check_mode",
            code_list::<study::self_check::SelfCheckMode>(),
        ),
        ("strength", code_list::<strengths::template::Strength>()),
        ("item_kind", code_list::<strengths::template::ItemKind>()),
        (
            "branch_figure",
            code_list::<strengths::template::BranchFigure>(),
        ),
        (
            "value_format",
            code_list::<strengths::template::ValueFormat>(),
        ),
        (
            "evidence_kind",
            code_list::<strengths::attest::EvidenceKind>(),
        ),
        ("alarm_kind", code_list::<alarms::AlarmKind>()),
        ("alarm_level", code_list::<alarms::AlarmLevel>()),
        ("alarm_place", code_list::<alarms::AlarmPlace>()),
        ("backup_kind", code_list::<backup::BackupKind>()),
        ("pipeline_step", code_list::<pipeline::PipelineStep>()),
        ("blocker_kind", code_list::<pipeline::BlockerKind>()),
        ("month_status", code_list::<dues::year::MonthStatus>()),
        ("arrears_level", code_list::<dues::year::ArrearsLevel>()),
        ("dues_category", code_list::<dues::rules::DuesCategory>()),
        ("name_order", code_list::<collate::NameOrder>()),
        ("attended_kind", code_list::<crate::phone::AttendedKind>()),
        ("lookup_outcome", code_list::<crate::phone::LookupOutcome>()),
        (
            "publication_kind",
            code_list::<crate::superior::publish::PublicationKind>(),
        ),
    ];
    lists.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// The whole of what the UI takes from the core, as JSON.
pub fn ui_text() -> Value {
    let reasons: Map<String, Value> = Reason::ALL
        .iter()
        .map(|r| {
            let name = serde_json::to_value(r).expect("a reason serializes to its name");
            let name = name
                .as_str()
                .expect("a reason's name is a string")
                .to_owned();
            (name, Value::from(r.message()))
        })
        .collect();
    let fields: Map<String, Value> = FIELD_LABELS
        .iter()
        .map(|(name, label)| ((*name).to_owned(), Value::from(*label)))
        .collect();
    let limits: Map<String, Value> = LIMITS
        .iter()
        .map(|(name, value)| (name.to_lowercase(), Value::from(*value)))
        .collect();
    serde_json::json!({
        "reason": reasons,
        "field": fields,
        "codes": code_lists(),
        "limits": limits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes the UI's copy (only when it changed, so an unchanged tree stays unchanged).
    #[test]
    fn export_ui_text() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ui/src/generated/ui-text.json");
        let text = serde_json::to_string_pretty(&ui_text()).unwrap() + "\n";
        if std::fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(path, text).unwrap();
        }
    }

    /// Every `code_enum!` in the core is among the lists the UI gets, so a new code list cannot
    /// be left out: the enums are found by reading the sources.
    #[test]
    fn every_code_list_is_exported() {
        let exported = code_lists().len();
        let mut declared = 0;
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    declared += text.matches("\ncode_enum!(").count();
                }
            }
        }
        // PeriodStatus is labelled by hand (its variants carry docs the macro does not take).
        assert_eq!(
            exported,
            declared + 1,
            "a code_enum! is missing from ui_text's lists"
        );
    }

    /// Names are unique and every reason has a sentence.
    #[test]
    fn sentences_and_labels_are_complete() {
        let text = ui_text();
        assert_eq!(text["reason"].as_object().unwrap().len(), Reason::ALL.len());
        assert_eq!(
            text["field"].as_object().unwrap().len(),
            FIELD_LABELS.len(),
            "a field named twice"
        );
        assert_eq!(
            text["limits"].as_object().unwrap().len(),
            LIMITS.len(),
            "a limit named twice"
        );
        for (name, sentence) in text["reason"].as_object().unwrap() {
            assert!(!sentence.as_str().unwrap().is_empty(), "{name}");
        }
    }

    /// `PeriodStatus`'s hand-written codes are the names its JSON uses.
    #[test]
    fn period_status_codes_are_its_json_names() {
        use crate::sessions::calendar::PeriodStatus;
        for status in <PeriodStatus as Coded>::ALL {
            assert_eq!(serde_json::to_value(status).unwrap(), Coded::code(*status));
        }
    }
}
