//! `khcds sign` and `khcds verify`, run as a drafter would: export, sign with a PKCS#12
//! file, verify; then the failures a drafter meets (wrong password, a certificate without
//! its key, a document changed after signing, an unsigned document).

mod common;
mod sign_support;

use common::{khcds, s, text};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A sample plan exported as `format` into `dir`.
fn exported(dir: &Path, format: &str) -> PathBuf {
    let plan = dir.join("ke-hoach.khcds");
    if !plan.exists() {
        assert!(
            khcds(&["new", "--level", "tinh", "--sample", "-o", s(&plan)])
                .status
                .success()
        );
    }
    let out = dir.join(format!("ke-hoach.{format}"));
    let run = khcds(&["export", s(&plan), "--format", format, "-o", s(&out)]);
    assert!(run.status.success(), "{}", text(&run));
    out
}

fn password_file(dir: &Path, password: &str) -> PathBuf {
    let path = dir.join("mat-khau.txt");
    std::fs::write(&path, format!("{password}\n")).unwrap();
    path
}

#[test]
fn sign_then_verify_both_formats_and_refuse_a_changed_document() {
    let id = sign_support::identity();
    let dir = tempfile::tempdir().unwrap();
    let pw = password_file(dir.path(), sign_support::PASSWORD);
    for format in ["pdf", "docx"] {
        let document = exported(dir.path(), format);
        let signed = dir.path().join(format!("ke-hoach-da-ky.{format}"));
        let out = khcds(&[
            "sign",
            s(&document),
            "--p12",
            s(&id.p12),
            "--password-file",
            s(&pw),
            "--reason",
            "Phê duyệt",
            "-o",
            s(&signed),
        ]);
        assert!(out.status.success(), "{format}: {}", text(&out));
        assert!(text(&out).contains("Nguyễn Văn An"), "{}", text(&out));

        let out = khcds(&["verify", s(&signed)]);
        let report = text(&out);
        assert_eq!(out.status.code(), Some(0), "{format}: {report}");
        assert!(report.contains("Chữ ký 1: HỢP LỆ"), "{report}");
        assert!(report.contains("Người ký: Nguyễn Văn An"), "{report}");
        assert!(report.contains("(UTC+07:00)"), "{report}");

        let out = khcds(&["verify", s(&signed), "--format", "json"]);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["valid"], true);
        assert_eq!(json["format"], format);

        // The unsigned export has no signature: exit 1, said plainly.
        let out = khcds(&["verify", s(&document)]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        assert!(text(&out).contains("không có chữ ký số"), "{}", text(&out));
    }

    // One byte changed inside the signed PDF: exit 1.
    let signed = dir.path().join("ke-hoach-da-ky.pdf");
    let mut bytes = std::fs::read(&signed).unwrap();
    let at = bytes
        .windows(7)
        .position(|w| w == b"/Author")
        .expect("the PDF has an /Author entry");
    bytes[at + 1] = b'a';
    let tampered = dir.path().join("sua.pdf");
    std::fs::write(&tampered, &bytes).unwrap();
    let out = khcds(&["verify", s(&tampered)]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("KHÔNG HỢP LỆ"), "{}", text(&out));
}

#[test]
fn wrong_password_and_missing_key_are_clear_errors_and_write_nothing() {
    let id = sign_support::identity();
    let dir = tempfile::tempdir().unwrap();
    let document = exported(dir.path(), "pdf");
    let signed = dir.path().join("da-ky.pdf");
    for (p12, password, message) in [
        (
            &id.p12,
            "sai mật khẩu",
            "Mật khẩu của tệp chứng thư số không đúng",
        ),
        (
            &id.p12_cert_only,
            sign_support::PASSWORD,
            "không chứa khóa bí mật",
        ),
    ] {
        let password = password_file(dir.path(), password);
        let out = khcds(&[
            "sign",
            s(&document),
            "--p12",
            s(p12),
            "--password-file",
            s(&password),
            "-o",
            s(&signed),
        ]);
        assert_eq!(out.status.code(), Some(2));
        assert!(text(&out).contains(message), "{}", text(&out));
        assert!(!signed.exists());
    }

    // Not a document at all.
    let junk = dir.path().join("ghi-chu.txt");
    std::fs::write(&junk, "không phải văn bản").unwrap();
    let out = khcds(&["verify", s(&junk)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("không phải văn bản Word"),
        "{}",
        text(&out)
    );
}

#[test]
fn the_password_can_come_from_standard_input() {
    let id = sign_support::identity();
    let dir = tempfile::tempdir().unwrap();
    let document = exported(dir.path(), "docx");
    let signed = dir.path().join("da-ky.docx");
    let mut child = Command::new(env!("CARGO_BIN_EXE_khcds"))
        .args([
            "sign",
            s(&document),
            "--p12",
            s(&id.p12_legacy),
            "-o",
            s(&signed),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{}", sign_support::PASSWORD).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(khcds(&["verify", s(&signed)]).status.code(), Some(0));
}

#[test]
fn a_token_signs_through_its_pkcs11_module() {
    if !sign_support::have_softhsm() {
        eprintln!("skipped: SoftHSM2 is not installed");
        return;
    }
    let id = sign_support::identity();
    let token = sign_support::token(&id);
    let dir = tempfile::tempdir().unwrap();
    let document = exported(dir.path(), "pdf");
    let signed = dir.path().join("da-ky.pdf");
    let sign = |pin: &str| {
        Command::new(env!("CARGO_BIN_EXE_khcds"))
            .args([
                "sign",
                s(&document),
                "--pkcs11",
                sign_support::SOFTHSM_MODULE,
                "--token",
                token.label,
                "--password-file",
                s(&password_file(dir.path(), pin)),
                "-o",
                s(&signed),
            ])
            .env("SOFTHSM2_CONF", &token.conf)
            .output()
            .unwrap()
    };
    let out = sign("999999");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("Mã PIN của thiết bị ký số không đúng"),
        "{}",
        text(&out)
    );
    let out = sign(token.pin);
    assert!(out.status.success(), "{}", text(&out));
    let out = khcds(&["verify", s(&signed)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("Người ký: Nguyễn Văn An"));
}
