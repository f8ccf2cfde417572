//! `khcds export … --document bao-cao`: the yearly report of an annual plan's evaluation,
//! exported to Word and PDF as a drafter would, read back with independent tools and
//! signed; and the refusals (a plan without an evaluation, JSON, an unknown document),
//! in Vietnamese, with nothing written.

mod common;
mod docx_support;
mod pdf_support;
mod sign_support;

use common::{khcds, s, text};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A sample plan made with `khcds new --level tinh --sample` and `extra` arguments.
fn sample(dir: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let path = dir.join(name);
    let mut args = vec!["new", "--level", "tinh", "--sample", "-o", s(&path)];
    args.extend(extra);
    let out = khcds(&args);
    assert!(out.status.success(), "{}", text(&out));
    path
}

fn annual_sample(dir: &Path) -> PathBuf {
    sample(
        dir,
        "nam-2026.khcds",
        &["--kind", "annual", "--year", "2026"],
    )
}

/// `khcds export PLAN --format FORMAT --document bao-cao [-o OUTPUT]`.
fn export_report(plan: &Path, format: &str, output: Option<&Path>) -> Output {
    let mut args = vec![
        "export",
        s(plan),
        "--format",
        format,
        "--document",
        "bao-cao",
    ];
    if let Some(output) = output {
        args.extend(["-o", s(output)]);
    }
    khcds(&args)
}

/// The paragraphs of a DOCX's main document, as text.
fn docx_paragraphs(path: &Path) -> Vec<String> {
    let package = docx_support::Package::read(&std::fs::read(path).unwrap());
    let xml = package.part("word/document.xml");
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name((docx_support::W, "p")))
        .map(docx_support::text_of)
        .collect()
}

/// pdftotext's reading of `pdf`, spaces of any kind as one.
fn pdf_text(pdf: &Path) -> String {
    let raw = pdf_support::run(Command::new("pdftotext").args([s(pdf), "-"]));
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_report_of_the_annual_sample_exports_to_word_and_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let plan = annual_sample(dir.path());
    for format in ["docx", "pdf"] {
        let out = export_report(&plan, format, None);
        assert!(out.status.success(), "{format}: {}", text(&out));
        let written = dir.path().join(format!("nam-2026-bao-cao.{format}"));
        assert!(
            text(&out).contains(&format!("Đã xuất {}.", written.display())),
            "{}",
            text(&out)
        );
        assert!(
            written.exists(),
            "{format}: {:?}",
            common::dir_listing(dir.path())
        );
    }
    // The plan's own export keeps its name, apart from the report.
    assert!(khcds(&["export", s(&plan), "--format", "pdf"])
        .status
        .success());
    assert!(dir.path().join("nam-2026.pdf").exists());

    let docx = dir.path().join("nam-2026-bao-cao.docx");
    docx_support::validate(&[&docx]);
    let paragraphs = docx_paragraphs(&docx);
    let flat = |t: &str| t.replace(['\u{a0}', '\u{2060}'], " ");
    for expected in [
        "BÁO CÁO",
        "Kết quả thực hiện Kế hoạch chuyển đổi số năm 2025",
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "Phụ lục I",
    ] {
        assert!(
            paragraphs.iter().any(|p| flat(p) == expected),
            "{expected} not a paragraph of the DOCX"
        );
    }
    assert!(!paragraphs.iter().any(|p| p == "KẾ HOẠCH"));

    if !pdf_support::have("pdftotext") {
        return;
    }
    let report = pdf_text(&dir.path().join("nam-2026-bao-cao.pdf"));
    for expected in [
        "BÁO CÁO",
        "Kết quả thực hiện Kế hoạch chuyển đổi số năm 2025",
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
        "Phụ lục I",
        "Phụ lục II",
        "./.",
    ] {
        assert!(report.contains(expected), "{expected} not in: {report}");
    }
    let plan_text = pdf_text(&dir.path().join("nam-2026.pdf"));
    assert!(plan_text.contains("KẾ HOẠCH") && !plan_text.contains("BÁO CÁO"));
}

#[test]
fn a_plan_without_an_evaluation_or_json_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let five_year = sample(dir.path(), "5-nam.khcds", &[]);
    let annual = annual_sample(dir.path());
    let before = common::dir_listing(dir.path());
    for format in ["docx", "pdf"] {
        let out = export_report(&five_year, format, None);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        assert!(
            text(&out).contains("Lỗi: Kế hoạch này chưa có phần đánh giá kết quả thực hiện năm trước nên chưa lập được báo cáo"),
            "{}",
            text(&out)
        );
    }
    let out = export_report(&annual, "json", Some(&dir.path().join("bao-cao.json")));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("Lỗi: Báo cáo chỉ xuất được ra Word (.docx) hoặc PDF."),
        "{}",
        text(&out)
    );
    assert_eq!(common::dir_listing(dir.path()), before);

    // An unknown document is refused by the argument check, in Vietnamese.
    let out = khcds(&[
        "export",
        s(&annual),
        "--format",
        "pdf",
        "--document",
        "bien-ban",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let message = text(&out);
    assert!(
        message.contains(
            "giá trị «bien-ban» không dùng được cho --document; hãy dùng một trong: ke-hoach, bao-cao."
        ),
        "{message}"
    );
    assert!(!message.contains("invalid value"), "{message}");
    assert_eq!(common::dir_listing(dir.path()), before);
}

/// The report is a document like the plan's export: it signs and verifies in both
/// formats, the PDF in the signature field of its closing block.
#[test]
fn the_exported_report_signs_and_verifies() {
    let id = sign_support::identity();
    let dir = tempfile::tempdir().unwrap();
    let plan = annual_sample(dir.path());
    let password = dir.path().join("mat-khau.txt");
    std::fs::write(&password, format!("{}\n", sign_support::PASSWORD)).unwrap();
    for format in ["pdf", "docx"] {
        let report = dir.path().join(format!("bao-cao.{format}"));
        let out = export_report(&plan, format, Some(&report));
        assert!(out.status.success(), "{}", text(&out));
        let signed = dir.path().join(format!("bao-cao-da-ky.{format}"));
        let out = khcds(&[
            "sign",
            s(&report),
            "--p12",
            s(&id.p12),
            "--password-file",
            s(&password),
            "-o",
            s(&signed),
        ]);
        assert!(out.status.success(), "{format}: {}", text(&out));
        let out = khcds(&["verify", s(&signed)]);
        assert_eq!(out.status.code(), Some(0), "{format}: {}", text(&out));
        assert!(text(&out).contains("Chữ ký 1: HỢP LỆ"), "{}", text(&out));
    }
}
