//! The shared table of input cases (tests/cases/validation.json) through the core's own
//! validators. The window's vitest runs the same table through its copies
//! (ui/src/validation-cases.test.ts), so a copy that drifts fails one side or the other.

use serde_json::Value;
use zhibu::Reason;

fn cases(section: &str) -> Vec<Value> {
    let table: Value =
        serde_json::from_str(include_str!("cases/validation.json")).expect("the table is JSON");
    let list = table[section]
        .as_array()
        .unwrap_or_else(|| panic!("no section {section}"));
    assert!(
        list.len() >= 5,
        "{section} has too few cases to mean anything"
    );
    list.clone()
}

/// The reason's name as the table writes it (its serialized name).
fn name(reason: Option<Reason>) -> Value {
    reason.map_or(Value::Null, |r| serde_json::to_value(r).unwrap())
}

/// Runs one section: each case's value through `check`, compared with the table's answer;
/// every disagreement is listed, not only the first.
fn run(section: &str, check: impl Fn(&Value) -> Value, expected: impl Fn(&Value) -> Value) {
    let wrong: Vec<String> = cases(section)
        .iter()
        .filter_map(|case| {
            let (got, want) = (check(case), expected(case));
            (got != want).then(|| format!("{}: core says {got}, table says {want}", case["value"]))
        })
        .collect();
    assert!(wrong.is_empty(), "{section}:\n{}", wrong.join("\n"));
}

fn reason_of<T>(result: zhibu::Result<T>) -> Value {
    name(
        result
            .err()
            .map(|e| e.reason().expect("a validation error names its reason")),
    )
}

#[test]
fn id_numbers() {
    use zhibu::members::validate::parse_id_number;
    run(
        "id_number",
        |c| reason_of(parse_id_number(c["value"].as_str().unwrap())),
        |c| c["reason"].clone(),
    );
}

#[test]
fn phones() {
    use zhibu::members::validate::valid_phone;
    run(
        "phone",
        |c| Value::from(valid_phone(c["value"].as_str().unwrap())),
        |c| c["valid"].clone(),
    );
}

#[test]
fn record_dates() {
    run(
        "date",
        |c| {
            reason_of(zhibu::ids::parse_date(
                "held_on",
                c["value"].as_str().unwrap(),
            ))
        },
        |c| c["reason"].clone(),
    );
}

#[test]
fn entry_hours() {
    run(
        "entry_hours",
        |c| {
            let correction = c["correction"].as_bool().unwrap();
            reason_of(zhibu::study::entry_hours(
                c["value"].as_f64().unwrap(),
                correction,
            ))
        },
        |c| c["reason"].clone(),
    );
}

#[test]
fn amounts_in_yuan() {
    use zhibu::dues::rules::parse_yuan;
    run(
        "yuan",
        |c| Value::from(parse_yuan("amount", c["value"].as_str().unwrap()).is_ok()),
        |c| c["valid"].clone(),
    );
}
