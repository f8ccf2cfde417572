//! The JSON interchange format: lossless round trip, located errors, shipped schema.

mod common;

use khcds::interchange::{from_json, json_schema, to_json, ImportError};

#[test]
fn export_import_export_is_byte_identical() {
    let plan = common::rich_plan();
    let first = to_json(&plan);
    let back = from_json(&first).expect("own export imports");
    assert_eq!(back, plan);
    assert_eq!(to_json(&back), first);
}

#[test]
fn imported_text_is_normalised_to_nfc() {
    let json = to_json(&common::rich_plan()).replace(
        "Thử Nghiệm\"",
        "Thu\u{031B}\u{0309} Nghie\u{0302}\u{0323}m\"",
    );
    assert!(json.contains('\u{031B}'));
    let plan = from_json(&json).unwrap();
    assert_eq!(plan.header.place, "Thử Nghiệm");
}

fn field_error(json: &str) -> (String, String) {
    match from_json(json).unwrap_err() {
        ImportError::Field { path, message, .. } => (path, message),
        other => panic!("expected a field error, got {other}"),
    }
}

#[test]
fn a_bad_field_is_reported_by_its_path() {
    let good = to_json(&common::rich_plan());
    let mut value: serde_json::Value = serde_json::from_str(&good).unwrap();

    value["plan"]["tasks"][1]["budget_million_vnd"] = "nhiều".into();
    let (path, _) = field_error(&value.to_string());
    assert_eq!(path, "plan.tasks[1].budget_million_vnd");

    let mut value: serde_json::Value = serde_json::from_str(&good).unwrap();
    value["plan"]["indicators"][0]["targets"][1]["period"] = "2031-2035".into();
    let (path, message) = field_error(&value.to_string());
    assert_eq!(path, "plan.indicators[0].targets[1].period");
    assert!(message.contains("kỳ không hợp lệ"), "{message}");

    let mut value: serde_json::Value = serde_json::from_str(&good).unwrap();
    value["plan"]["header"]["so_hieu"] = "1".into();
    let (path, message) = field_error(&value.to_string());
    assert_eq!(path, "plan.header.so_hieu");
    assert!(message.contains("so_hieu"), "{message}");

    let mut value: serde_json::Value = serde_json::from_str(&good).unwrap();
    value["plan"]["tasks"][2]["id"] = "nv-001".into();
    let (path, message) = field_error(&value.to_string());
    assert_eq!(path, "plan.tasks[2].id");
    assert!(message.contains("trùng"), "{message}");

    let mut value: serde_json::Value = serde_json::from_str(&good).unwrap();
    value["plan"]["sections"][0]["children"][0]["id"] = "custom-muc-dich".into();
    let (path, _) = field_error(&value.to_string());
    assert_eq!(path, "plan.sections[0].children[0].id");
}

#[test]
fn foreign_broken_and_newer_json_is_refused() {
    match from_json("{\"format\": \"khcds-plan\",\n  \"plan\": [}").unwrap_err() {
        ImportError::Syntax { line, .. } => assert_eq!(line, 2),
        other => panic!("{other}"),
    }
    assert!(matches!(
        from_json("{\"a\": 1}").unwrap_err(),
        ImportError::NotAPlan
    ));
    assert!(matches!(
        from_json("[1, 2]").unwrap_err(),
        ImportError::NotAPlan
    ));
    let newer =
        to_json(&common::rich_plan()).replace("\"schema_version\": 1", "\"schema_version\": 7");
    let err = from_json(&newer).unwrap_err();
    assert!(
        matches!(err, ImportError::NewerVersion { found: 7 }),
        "{err}"
    );
    assert!(err.to_string().contains("cập nhật"));
}

#[test]
fn the_shipped_json_schema_matches_the_model() {
    let shipped = include_str!("../assets/schema/plan.schema.json");
    assert!(
        shipped == json_schema(),
        "assets/schema/plan.schema.json is stale: regenerate it with `khcds schema > assets/schema/plan.schema.json`"
    );
}
