//! `khcds validate`: text and JSON output, exit codes 0 (no error), 1 (errors),
//! 2 (usage or I/O error).

mod common;
use common::{khcds, s};
use std::process::Output;

use khcds::framework;
use khcds::model::{Level, PlanKind};
use khcds::sample::sample_plan;
use khcds::store::PlanFile;

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn a_sample_plan_has_nothing_to_report() {
    let dir = tempfile::tempdir().unwrap();
    for (level, kind, name) in [
        ("tinh", None, "tinh.khcds"),
        ("bo", Some("2026"), "bo-2026.khcds"),
    ] {
        let path = dir.path().join(name);
        let mut args = vec!["new", "--level", level, "--sample", "-o", s(&path)];
        if let Some(year) = kind {
            args.extend(["--kind", "annual", "--year", year]);
        }
        assert!(khcds(&args).status.success());
        let out = khcds(&["validate", s(&path)]);
        assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
        assert!(
            stdout(&out).contains("Không có lỗi, cảnh báo hay gợi ý nào."),
            "{}",
            stdout(&out)
        );
        let out = khcds(&["validate", s(&path), "--format", "json"]);
        assert_eq!(out.status.code(), Some(0));
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(json, serde_json::json!({ "findings": [] }));
    }
}

#[test]
fn an_empty_plan_fails_with_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("moi.khcds");
    assert!(khcds(&["new", "--level", "tinh", "-o", s(&path)])
        .status
        .success());

    let out = khcds(&["validate", s(&path)]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.lines()
            .next()
            .unwrap()
            .starts_with("[lỗi] Phần đầu văn bản · Cơ quan ban hành: "),
        "{text}"
    );
    assert!(
        text.contains("[lỗi] Mục II.2.1.a · Nội dung: Mục a) "),
        "{text}"
    );
    // Rule ids are for tools: only the JSON output carries them.
    assert!(!text.contains("completeness.section-empty"), "{text}");
    assert!(text.contains("    Cách sửa: "), "{text}");
    assert!(text
        .trim_end()
        .lines()
        .last()
        .unwrap()
        .starts_with("Tổng cộng: "));
    assert!(stderr(&out).contains("lỗi cần sửa"), "{}", stderr(&out));

    let out = khcds(&["validate", "--format", "json", s(&path)]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let plan = framework::current().empty_plan(Level::Tinh, PlanKind::FiveYear);
    assert!(findings.len() > plan.sections.len());
    for f in findings {
        let keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["hint", "location", "message", "rule", "severity"],
            "{f}"
        );
        assert!(["error", "warning", "hint"].contains(&f["severity"].as_str().unwrap()));
        assert!(f["location"]["part"].is_string());
    }
    assert!(findings
        .iter()
        .any(|f| f["rule"] == "completeness.section-empty"));
    assert_eq!(
        findings[0]["location"],
        serde_json::json!({"part": "header", "field": "issuer"})
    );
    assert!(findings.iter().any(|f| f["location"]
        == serde_json::json!({"part": "section", "id": "II.2.1.a", "field": "content"})));
}

#[test]
fn warnings_alone_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("canh-bao.khcds");
    let mut plan = sample_plan(Level::Bo, PlanKind::FiveYear, 1);
    plan.header.date = None;
    plan.tasks[0].expected_effect.clear();
    drop(PlanFile::create(&path, &plan).unwrap());
    let out = khcds(&["validate", s(&path)]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("[cảnh báo] Phần đầu văn bản · Ngày ban hành: "),
        "{text}"
    );
    assert!(
        text.contains("Tổng cộng: 0 lỗi, 2 cảnh báo, 0 gợi ý."),
        "{text}"
    );
}

#[test]
fn usage_and_io_errors_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("khong-co.khcds");
    let out = khcds(&["validate", s(&missing)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());

    let not_a_plan = dir.path().join("ghi-chu.khcds");
    std::fs::write(&not_a_plan, "không phải kế hoạch").unwrap();
    assert_eq!(khcds(&["validate", s(&not_a_plan)]).status.code(), Some(2));

    assert_eq!(khcds(&["validate"]).status.code(), Some(2));
    let path = dir.path().join("moi.khcds");
    assert!(khcds(&["new", "--level", "bo", "-o", s(&path)])
        .status
        .success());
    let out = khcds(&["validate", s(&path), "--format", "xml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Lệnh không hợp lệ"),
        "{}",
        stderr(&out)
    );
}
