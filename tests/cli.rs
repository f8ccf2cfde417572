//! The `khcds` command line, run as a user would.

mod common;

use common::{khcds, s};
use std::path::Path;

fn ok(args: &[&str]) -> String {
    let out = khcds(args);
    assert!(
        out.status.success(),
        "khcds {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fails(args: &[&str], code: i32) -> String {
    let out = khcds(args);
    assert_eq!(out.status.code(), Some(code), "khcds {args:?}: {:?}", out);
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn new_plans_of_every_kind_are_created() {
    let dir = tempfile::tempdir().unwrap();
    for (args, name) in [
        (&["--level", "tinh"][..], "tinh.khcds"),
        (
            &["--level", "bo", "--kind", "annual", "--year", "2026"][..],
            "bo-2026.khcds",
        ),
        (&["--level", "tinh", "--sample"][..], "tinh-mau.khcds"),
        (&["--level", "bo", "--sample"][..], "bo-mau.khcds"),
        (
            &[
                "--level", "tinh", "--sample", "--kind", "annual", "--year", "2027",
            ][..],
            "tinh-2027.khcds",
        ),
    ] {
        let path = dir.path().join(name);
        let mut all = vec!["new"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["-o", s(&path)]);
        let out = ok(&all);
        assert!(out.contains("Đã tạo"), "{out}");
        let info = ok(&["info", s(&path)]);
        assert!(info.contains("Khung:"), "{info}");
    }
    let info = ok(&["info", s(&dir.path().join("bo-2026.khcds"))]);
    assert!(
        info.contains("cấp bộ") && info.contains("năm 2026"),
        "{info}"
    );
}

#[test]
fn sample_plans_are_complete() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.khcds");
    let out = ok(&["new", "--level", "tinh", "--sample", "-o", s(&path)]);
    assert!(
        out.contains("giả định"),
        "the sample says it is fictional: {out}"
    );
    let info = ok(&["info", s(&path)]);
    let count = |label: &str| -> usize {
        let line = info.lines().find(|l| l.starts_with(label)).unwrap();
        line[label.len()..]
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(count("Chỉ tiêu:") >= 25, "{info}");
    assert!(count("Nhiệm vụ, dự án:") >= 40, "{info}");
}

#[test]
fn json_export_import_export_is_identical_and_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("a.khcds");
    let first = dir.path().join("a.json");
    let copy = dir.path().join("b.khcds");
    let second = dir.path().join("b.json");
    ok(&["new", "--level", "bo", "--sample", "-o", s(&plan)]);
    ok(&["export", s(&plan), "--format", "json", "-o", s(&first)]);
    ok(&["import", s(&first), "-o", s(&copy)]);
    ok(&["export", s(&copy), "--format", "json", "-o", s(&second)]);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );

    let revisions = ok(&["revisions", s(&plan)]);
    assert!(revisions.contains("tự động trước khi xuất"), "{revisions}");

    // Importing over an existing plan keeps the old content as a revision (the latest
    // one: a snapshot identical to the previous revision is not stored twice).
    std::fs::write(&first, khcds::interchange::to_json(&common::rich_plan())).unwrap();
    ok(&["import", s(&first), "-o", s(&plan)]);
    let revisions = ok(&["revisions", s(&plan)]);
    let id = revisions
        .lines()
        .last()
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_owned();
    ok(&["restore", s(&plan), &id]);
    ok(&["export", s(&plan), "--format", "json", "-o", s(&second)]);
    assert_eq!(
        std::fs::read(&second).unwrap(),
        std::fs::read(dir.path().join("b.json")).unwrap()
    );
}

#[test]
fn manual_snapshots_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("a.khcds");
    ok(&["new", "--level", "tinh", "-o", s(&plan)]);
    assert!(ok(&["revisions", s(&plan)]).contains("Chưa có"));
    assert!(ok(&["snapshot", s(&plan), "-m", "trình lãnh đạo"]).contains("Đã lưu phiên bản số 1"));
    assert!(ok(&["revisions", s(&plan)]).contains("lưu thủ công — trình lãnh đạo"));
    let err = fails(&["restore", s(&plan), "42"], 2);
    assert!(err.contains("Không có phiên bản lưu số 42"), "{err}");
}

#[test]
fn errors_are_vietnamese_with_exit_code_2_and_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let err = fails(&["new", "--level", "xa", "-o", "x.khcds"], 2);
    assert!(err.contains("Lệnh không hợp lệ"), "{err}");
    let err = fails(
        &[
            "new", "--level", "tinh", "--kind", "annual", "-o", "x.khcds",
        ],
        2,
    );
    assert!(err.contains("--year"), "{err}");

    let existing = dir.path().join("co-san.khcds");
    std::fs::write(&existing, "không phải kế hoạch").unwrap();
    let err = fails(&["new", "--level", "tinh", "-o", s(&existing)], 2);
    assert!(err.contains("đã tồn tại"), "{err}");
    let err = fails(&["info", s(&existing)], 2);
    assert!(err.contains("không phải là tệp kế hoạch"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&existing).unwrap(),
        "không phải kế hoạch"
    );

    let bad = dir.path().join("bad.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&khcds::interchange::to_json(&common::rich_plan())).unwrap();
    json["plan"]["tasks"][0]["start"] = "2026-13".into();
    std::fs::write(&bad, json.to_string()).unwrap();
    let target = dir.path().join("new.khcds");
    let err = fails(&["import", s(&bad), "-o", s(&target)], 2);
    assert!(err.contains("Thời gian bắt đầu"), "{err}");
    assert!(!target.exists(), "a failed import creates nothing");

    // A failed export leaves the previous output as it was.
    let plan = dir.path().join("p.khcds");
    ok(&["new", "--level", "tinh", "-o", s(&plan)]);
    let err = fails(
        &[
            "export",
            s(&plan),
            "--format",
            "json",
            "-o",
            s(&dir.path().join("khong-co/x.json")),
        ],
        2,
    );
    assert!(err.contains("không ghi được"), "{err}");
}

#[test]
fn the_framework_is_printed_as_text_and_json() {
    let text = ok(&["framework"]);
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["framework", "--format", "json"])).unwrap();
    let framework = khcds::framework::current();
    assert_eq!(json["version"], framework.version.as_str());
    for section in framework.walk() {
        assert!(text.contains(section.heading.verbatim()), "{}", section.id);
    }
    let json_text = json.to_string();
    for indicator in &framework.indicators {
        assert!(json_text.contains(&indicator.id), "{}", indicator.id);
    }
}

#[test]
fn an_export_never_writes_over_its_plan_or_any_plan() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("a.khcds");
    ok(&["new", "--level", "tinh", "--sample", "-o", s(&plan)]);
    let still_a_plan = |path: &Path| {
        let info = ok(&["info", s(path)]);
        assert!(info.contains("Khung:"), "{info}");
    };

    // A plan named *.json, exported as JSON under the default name, is not replaced.
    let named_json = dir.path().join("ke-hoach.json");
    std::fs::copy(&plan, &named_json).unwrap();
    let out = ok(&["export", s(&named_json), "--format", "json"]);
    assert!(out.contains("ke-hoach-xuat.json"), "{out}");
    still_a_plan(&named_json);
    let exported = std::fs::read_to_string(dir.path().join("ke-hoach-xuat.json")).unwrap();
    assert!(khcds::interchange::from_json(&exported).is_ok());

    // The plan itself, a link to it, or another plan file under any name: refused.
    let other = dir.path().join("khac.pdf");
    std::fs::copy(&plan, &other).unwrap();
    let hard = dir.path().join("cung-tep.pdf");
    std::fs::hard_link(&plan, &hard).unwrap();
    let mut targets = vec![("pdf", plan.clone()), ("pdf", hard), ("pdf", other.clone())];
    #[cfg(unix)]
    {
        let soft = dir.path().join("lien-ket.docx");
        std::os::unix::fs::symlink(&plan, &soft).unwrap();
        targets.push(("docx", soft));
    }
    targets.push(("json", dir.path().join("moi.khcds")));
    for (format, target) in targets {
        let err = fails(
            &["export", s(&plan), "--format", format, "-o", s(&target)],
            2,
        );
        assert!(err.contains("không ghi được"), "{err}");
        assert!(
            err.contains("chính tệp nguồn") || err.contains("tệp kế hoạch"),
            "{err}"
        );
    }
    still_a_plan(&plan);
    still_a_plan(&other);
    assert!(!dir.path().join("moi.khcds").exists());
}

#[test]
fn validate_names_items_as_the_drafter_sees_them_not_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.khcds");
    let mut plan = common::rich_plan();
    plan.tasks[0].lead_unit.clear();
    plan.indicators[0].unit.clear();
    let (task, indicator) = (plan.tasks[0].clone(), plan.indicators[0].clone());
    drop(khcds::store::PlanFile::create(&path, &plan).unwrap());
    let out = khcds(&["validate", s(&path)]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!("Nhiệm vụ «{}» · Đơn vị chủ trì:", task.name)),
        "{text}"
    );
    assert!(
        text.contains(&format!("Chỉ tiêu «{}»", indicator.name)),
        "{text}"
    );
    for id in [&task.id, &indicator.id] {
        assert!(
            !text.contains(&format!(" {id} ")),
            "internal id {id} in: {text}"
        );
    }
    // Rule ids ("task.lead-unit-missing") are for tools: the JSON output has them, the
    // text the drafter reads does not.
    let out = khcds(&["validate", s(&path), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"task.lead-unit-missing"), "{rules:?}");
    for rule in rules {
        assert!(!text.contains(rule), "rule id {rule} in: {text}");
    }
}

#[test]
fn a_draft_export_marks_the_word_document_and_a_final_one_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("kh.khcds");
    ok(&["new", "--level", "tinh", "--sample", "-o", s(&plan)]);
    let headers = |docx: &Path| -> String {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
        let names: Vec<String> = zip.file_names().map(str::to_owned).collect();
        names
            .iter()
            .filter(|n| n.starts_with("word/header"))
            .map(|n| std::io::read_to_string(zip.by_name(n).unwrap()).unwrap())
            .collect()
    };
    let draft = dir.path().join("du-thao.docx");
    let final_doc = dir.path().join("ban-hanh.docx");
    ok(&[
        "export",
        s(&plan),
        "--format",
        "docx",
        "--draft",
        "-o",
        s(&draft),
    ]);
    ok(&["export", s(&plan), "--format", "docx", "-o", s(&final_doc)]);
    assert!(headers(&draft).contains("DỰ THẢO"));
    assert!(!headers(&final_doc).contains("DỰ THẢO"));
}
