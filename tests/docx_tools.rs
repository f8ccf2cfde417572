//! The DOCX files checked by other programs: the ECMA-376 schemas (Python lxml),
//! python-docx, and LibreOffice (rendered to PDF, read back with poppler).
//!
//! These need ./scripts/install-test-deps (LibreOffice Writer, poppler-utils, lxml,
//! python-docx); when a tool is missing they fail and say so, they never skip.

mod common;
mod docx_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use docx_support::*;
use khcds::model::{Level, Plan, PlanKind};
use khcds::sample::sample_plan;

fn write(dir: &Path, name: &str, plan: &Plan) -> PathBuf {
    write_document(dir, name, &khcds::document::build(plan))
}

fn write_document(dir: &Path, name: &str, doc: &khcds::document::Document) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, khcds::docx::write(doc).expect("written")).unwrap();
    path
}

/// The province plan as a draft: a first-page header of its own in every section.
fn draft(dir: &Path) -> PathBuf {
    let mut doc = khcds::document::build(&sample_plan(Level::Tinh, PlanKind::FiveYear, 1));
    doc.properties.draft_mark = Some(khcds::document::DRAFT_MARK.to_owned());
    write_document(dir, "draft.docx", &doc)
}

/// The yearly report of the province's 2026 evaluation.
fn report(dir: &Path) -> PathBuf {
    let plan = sample_plan(Level::Tinh, PlanKind::Annual { year: 2026 }, 1);
    let doc = khcds::document::build_report(&plan).expect("an evaluation");
    write_document(dir, "bao-cao.docx", &doc)
}

/// The plans every external check runs on.
fn plans(dir: &Path) -> Vec<PathBuf> {
    let framework = khcds::framework::current();
    let mut empty_header = framework.empty_plan(Level::Tinh, PlanKind::FiveYear);
    empty_header.header = Default::default();
    vec![
        write(
            dir,
            "tinh.docx",
            &sample_plan(Level::Tinh, PlanKind::FiveYear, 1),
        ),
        write(
            dir,
            "bo.docx",
            &sample_plan(Level::Bo, PlanKind::FiveYear, 1),
        ),
        write(
            dir,
            "tinh-2026.docx",
            &sample_plan(Level::Tinh, PlanKind::Annual { year: 2026 }, 1),
        ),
        write(
            dir,
            "bo-2026.docx",
            &sample_plan(Level::Bo, PlanKind::Annual { year: 2026 }, 1),
        ),
        write(dir, "rich.docx", &common::rich_plan()),
        draft(dir),
        report(dir),
        write(dir, "empty.docx", &empty_header),
    ]
}

#[test]
fn every_part_validates_against_the_ecma_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let files = plans(dir.path());
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    validate(&refs);
}

#[test]
fn the_validator_rejects_what_docx_rs_writes_unaided() {
    // The checks are real: docx-rs's own package fails them (out-of-order properties,
    // Word-2010 extensions), which is what the post-processing is for.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("raw.docx");
    let raw = docx_rs::Docx::new().add_paragraph(
        docx_rs::Paragraph::new()
            .align(docx_rs::AlignmentType::Both)
            .add_run(docx_rs::Run::new().add_text("x").bold().size(28)),
    );
    raw.build()
        .pack(std::fs::File::create(&path).unwrap())
        .unwrap();
    require_python_module("lxml");
    let out = Command::new(python())
        .arg(root().join("tests/tools/ooxml_validate.py"))
        .arg("--schemas")
        .arg(schema_dir())
        .arg(&path)
        .output()
        .unwrap();
    assert!(!out.status.success(), "docx-rs output should not validate");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(report.contains("mc:Ignorable") || report.contains("markup-compatibility"));
    assert!(report.contains("not expected"), "{report}");
}

#[test]
fn python_docx_opens_it_and_every_paragraph_is_nfc() {
    require_python_module("docx");
    let dir = tempfile::tempdir().unwrap();
    let mut files = plans(dir.path());
    // Text typed in decomposed form (NFD) comes out composed.
    let mut nfd = sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    nfd.header.subject = "Chuyển đổi số tỉnh Hòa Sơn"
        .chars()
        .flat_map(decompose)
        .collect();
    files.push(write(dir.path(), "nfd.docx", &nfd));
    let out = Command::new(python())
        .arg(root().join("tests/tools/docx_check.py"))
        .args(&files)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "python-docx check failed:\n{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reports: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(reports.len(), files.len());
    let tinh = &reports[0];
    assert!(tinh["paragraphs"].as_u64().unwrap() > 300);
    assert_eq!(tinh["sections"].as_u64(), Some(3));
    assert_eq!(
        tinh["creator"].as_str(),
        Some("ỦY BAN NHÂN DÂN TỈNH HÒA SƠN")
    );
}

/// A few letters in NFD, enough to exercise normalisation.
fn decompose(c: char) -> Vec<char> {
    match c {
        'ể' => vec!['e', '\u{302}', '\u{309}'],
        'ổ' => vec!['o', '\u{302}', '\u{309}'],
        'ỉ' => vec!['i', '\u{309}'],
        'ò' => vec!['o', '\u{300}'],
        'ơ' => vec!['o', '\u{31B}'],
        c => vec![c],
    }
}

/// Checks the page numbers of a rendered plan: none on the first page of each section,
/// 2, 3, … on the following ones; the body in portrait, appendices in landscape.
/// Returns the first page of each section.
fn check_pages(pdf: &Path, sections: usize) -> Vec<usize> {
    let pages = pdf_pages(pdf);
    let mut starts = Vec::new();
    for (i, (w, h, text)) in pages.iter().enumerate() {
        let first = first_line(text);
        if first.parse::<usize>().is_err() {
            starts.push(i);
        }
        let start = *starts.last().expect("page 1 starts a section");
        if i > start {
            assert_eq!(
                first,
                (i - start + 1).to_string(),
                "{}: page {} carries its number (section from page {})",
                pdf.display(),
                i + 1,
                start + 1
            );
        }
        let landscape = w > h;
        assert_eq!(
            landscape,
            starts.len() > 1,
            "page {}: body portrait, appendices landscape ({w}×{h})",
            i + 1
        );
    }
    assert_eq!(
        starts.len(),
        sections,
        "{}: section starts {starts:?}",
        pdf.display()
    );
    assert_eq!(starts[0], 0);
    for (n, start) in starts.iter().enumerate().skip(1) {
        let label = if n == 1 {
            "Phụ lục I"
        } else {
            "Phụ lục II"
        };
        assert_eq!(
            first_line(&pages[*start].2),
            label,
            "appendix {n} begins on a new page"
        );
    }
    starts
}

#[test]
fn libreoffice_renders_it_with_numbered_pages() {
    let dir = tempfile::tempdir().unwrap();
    let tinh_plan = sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    let tinh = write(dir.path(), "tinh.docx", &tinh_plan);
    let bo = write(
        dir.path(),
        "bo.docx",
        &sample_plan(Level::Bo, PlanKind::FiveYear, 1),
    );
    let pdfs = render_pdf(&[&tinh, &bo], dir.path());
    for pdf in &pdfs {
        let starts = check_pages(pdf, 3);
        let total = pdf_pages(pdf).len();
        let body_pages = starts[1];
        println!("{}: {total} pages, body {body_pages}", pdf.display());
        assert!(
            (10..=45).contains(&body_pages),
            "body of a sample plan: {body_pages} pages"
        );
        assert!((25..=120).contains(&total), "{total} pages in all");
        let pages = pdf_pages(pdf);
        // Page 1 opens with the header block, the last body page holds the closing
        // block and "./." right before it.
        assert!(pages[0].2.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        let closing = &pages[body_pages - 1].2;
        assert!(
            closing.contains("Nơi nhận:"),
            "closing block on the last body page"
        );
        assert!(closing.contains("./."));
        assert!(pages[total - 1].2.contains("Tổng cộng"));
    }
    // The table header row is repeated on the pages the appendix runs onto.
    let pages = pdf_pages(&pdfs[0]);
    let starts = check_pages(&pdfs[0], 3);
    for page in &pages[starts[2] + 1..] {
        assert!(
            page.2.contains("Tên nhiệm vụ, dự án"),
            "header row repeated"
        );
    }
}
