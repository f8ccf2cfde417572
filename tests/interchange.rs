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

fn import_error(edit: impl FnOnce(&mut serde_json::Value)) -> ImportError {
    let mut value: serde_json::Value =
        serde_json::from_str(&to_json(&common::rich_plan())).unwrap();
    edit(&mut value);
    from_json(&value.to_string()).unwrap_err()
}

#[test]
fn numbers_are_checked_against_their_real_range() {
    // 1e39 overflows an f32 margin: it used to import and be stored as null.
    let json = to_json(&common::rich_plan()).replacen("\"right\": 15.0", "\"right\": 1e39", 1);
    assert!(json.contains("1e39"));
    let err = from_json(&json).unwrap_err().to_string();
    assert!(err.contains("Lề phải (trang dọc)"), "{err}");
    let err = import_error(|v| v["plan"]["tasks"][0]["area"] = 12.into()).to_string();
    assert!(err.contains("Lĩnh vực"), "{err}");
    let err = import_error(|v| v["plan"]["header"]["date"] = "1800-01-01".into()).to_string();
    assert!(err.contains("Ngày ban hành"), "{err}");
    let err = import_error(|v| v["plan"]["tasks"][1]["budget_million_vnd"] = (-5).into());
    assert!(err.to_string().contains("Kinh phí"), "{err}");
}

#[test]
fn field_errors_name_the_field_in_vietnamese_not_its_path() {
    let err = import_error(|v| v["plan"]["tasks"][1]["budget_million_vnd"] = "nhiều".into());
    let text = err.to_string();
    let task = &common::rich_plan().tasks[1].name;
    assert!(text.contains("Kinh phí dự kiến (triệu đồng)"), "{text}");
    assert!(text.contains(task.as_str()), "{text}");
    assert!(text.contains("cần một số"), "{text}");
    assert!(
        !text.contains("budget_million_vnd") && !text.contains("f64"),
        "{text}"
    );
    let text = import_error(|v| v["plan"]["header"]["date"] = "29/12/2025".into()).to_string();
    assert!(text.contains("Ngày ban hành"), "{text}");
    assert!(text.contains("YYYY-MM-DD"), "{text}");
}

#[test]
fn sections_nested_too_deep_are_refused() {
    let plan = common::rich_plan();
    let mut value: serde_json::Value = serde_json::from_str(&to_json(&plan)).unwrap();
    let mut section = serde_json::json!({"id": "custom-0", "origin": "custom", "title": "Lồng"});
    for n in 1..=khcds::model::MAX_SECTION_DEPTH {
        section = serde_json::json!({
            "id": format!("custom-{n}"), "origin": "custom", "title": "Lồng", "children": [section]
        });
    }
    value["plan"]["sections"]
        .as_array_mut()
        .unwrap()
        .push(section);
    let err = from_json(&value.to_string()).unwrap_err();
    assert!(matches!(err, ImportError::TooDeep), "{err}");
    // 100,000 levels stop at the parser's nesting limit, with a Vietnamese message.
    let deep = format!(
        "{{\"format\": \"khcds-plan\", \"schema_version\": 1, \"plan\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let err = from_json(&deep).unwrap_err().to_string();
    assert!(err.contains("lồng nhau quá sâu"), "{err}");
}
