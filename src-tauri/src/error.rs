//! The error every command returns: `{ code, message, field, reason }`, translated by the UI.

use serde::Serialize;
use zhibu::error::ErrorCode;
use zhibu::Reason;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IpcError {
    /// Stable category (validation, not_found, conflict, ...), its TypeScript union generated.
    pub code: ErrorCode,
    /// The core's Chinese sentence; the UI shows its own translation of `code` and `reason`.
    pub message: String,
    /// The input field at fault, as named in the request's JSON.
    pub field: Option<&'static str>,
    pub reason: Option<Reason>,
    /// For a batch (an import, a bulk credit): the row at fault, whereupon nothing was kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// The particulars of a refusal that needs them (the dates a 转正 could be on, what the
    /// path still lacks), as Chinese sentences the UI shows after its own.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
}

impl From<zhibu::Error> for IpcError {
    fn from(e: zhibu::Error) -> Self {
        IpcError {
            code: e.error_code(),
            message: e.to_string(),
            field: e.field(),
            reason: e.reason(),
            row: e.row(),
            details: e.details().to_vec(),
        }
    }
}

pub type CmdResult<T> = Result<T, IpcError>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use zhibu::error::Entity;
    use zhibu::Error;

    #[test]
    fn validation_errors_name_field_and_reason() {
        let e = IpcError::from(Error::validation("id_number", Reason::IdNumberChecksum));
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({
                "code": "validation",
                "message": "身份证号：身份证号校验位不正确，请核对",
                "field": "id_number",
                "reason": "id_number_checksum",
            })
        );
    }

    #[test]
    fn detailed_refusals_carry_their_particulars() {
        let e = IpcError::from(Error::Detailed {
            field: "confirmed_on",
            reason: Reason::ProbationLength,
            details: vec!["可为 2011-07-01".into()],
        });
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "validation");
        assert_eq!(v["reason"], "probation_length");
        assert_eq!(v["details"], json!(["可为 2011-07-01"]));
        assert!(v["message"].as_str().unwrap().ends_with("可为 2011-07-01"));
    }

    #[test]
    fn other_errors_carry_code_only() {
        let e = IpcError::from(Error::not_found(Entity::Member, "x"));
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "not_found");
        assert_eq!(v["field"], serde_json::Value::Null);
        assert_eq!(v["reason"], serde_json::Value::Null);

        let e = IpcError::from(Error::Conflict {
            reason: Reason::DatabaseNotEmpty,
        });
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(
            (v["code"].as_str(), v["reason"].as_str()),
            (Some("conflict"), Some("database_not_empty"))
        );

        let e = IpcError::from(Error::SchemaTooNew {
            found: 9,
            supported: 1,
        });
        assert_eq!(serde_json::to_value(&e).unwrap()["code"], "schema_too_new");
    }
}
