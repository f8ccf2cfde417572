//! `khcds export --format docx`, run as a user would: the file, its default name, the
//! atomic write (a failed export leaves nothing behind and no existing file damaged).

mod common;
mod docx_support;

use common::{khcds, s};
use std::path::Path;

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_plan_is_exported_to_word() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("ke-hoach.khcds");
    assert!(khcds(&["new", "--level", "bo", "--sample", "-o", s(&plan)])
        .status
        .success());

    // Default name: the plan's, with .docx.
    let out = khcds(&["export", s(&plan), "--format", "docx"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Đã xuất"));
    let docx = dir.path().join("ke-hoach.docx");
    let bytes = std::fs::read(&docx).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a ZIP package");
    let package = docx_support::Package::read(&bytes);
    assert!(package
        .part("word/document.xml")
        .contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));

    // Exporting again replaces the file with the same bytes and leaves no temporary file.
    let again = dir.path().join("again.docx");
    std::fs::write(&again, b"old content").unwrap();
    let out = khcds(&["export", s(&plan), "--format", "docx", "-o", s(&again)]);
    assert!(out.status.success());
    assert_eq!(std::fs::read(&again).unwrap(), bytes, "deterministic");
    assert_eq!(
        listing(dir.path()),
        ["again.docx", "ke-hoach.docx", "ke-hoach.khcds"]
    );
}

#[test]
fn a_failed_export_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("p.khcds");
    assert!(
        khcds(&["new", "--level", "tinh", "--sample", "-o", s(&plan)])
            .status
            .success()
    );

    // Into a folder that does not exist.
    let missing = dir.path().join("khong-co/x.docx");
    let out = khcds(&["export", s(&plan), "--format", "docx", "-o", s(&missing)]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("Lỗi: ") && err.contains("không ghi được"),
        "{err}"
    );
    assert!(!missing.exists());

    // Onto something that cannot be replaced (a non-empty folder): it stays as it was,
    // and no temporary file is left beside it.
    let occupied = dir.path().join("occupied.docx");
    std::fs::create_dir(&occupied).unwrap();
    std::fs::write(occupied.join("keep.txt"), "giữ nguyên").unwrap();
    let out = khcds(&["export", s(&plan), "--format", "docx", "-o", s(&occupied)]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(occupied.join("keep.txt")).unwrap(),
        "giữ nguyên"
    );
    assert_eq!(listing(dir.path()), ["occupied.docx", "p.khcds"]);
}
