//! OOXML package signatures of the exported Word file: signing, verifying our own and
//! Word's signatures, tampering, hostile packages, and the signed file checked by tools
//! that share no code with ours (a Python verifier written from the spec, LibreOffice).
//!
//! The external checks need ./scripts/install-test-deps (python3-lxml,
//! python3-cryptography, python-docx, LibreOffice with python3-uno); when a tool is
//! missing they fail and say so, they never skip.

mod docx_support;
mod sign_support;

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{TimeZone, Utc};
use khcds::model::{Level, PlanKind};
use khcds::sign::docx::{self, DocxSignOptions};
use khcds::sign::{Pkcs12Signer, SignError, SignatureStatus, VerifyReport};

fn sample_docx() -> Vec<u8> {
    khcds::docx::write_plan(&khcds::sample::sample_plan(
        Level::Tinh,
        PlanKind::FiveYear,
        1,
    ))
    .expect("the sample plan exports")
}

fn signer() -> (sign_support::Identity, Pkcs12Signer) {
    let id = sign_support::identity();
    let signer = Pkcs12Signer::open_file(&id.p12, sign_support::PASSWORD).unwrap();
    (id, signer)
}

fn options() -> DocxSignOptions {
    DocxSignOptions {
        signing_time: Utc.with_ymd_and_hms(2026, 3, 15, 2, 30, 0).unwrap(),
        purpose: Some("Phê duyệt kế hoạch".into()),
    }
}

fn reference_file(name: &str) -> Vec<u8> {
    let path = docx_support::root()
        .join("../shared/reference/ooxml-signed")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The entries of a ZIP, in order.
fn entries(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().to_owned(), data)
        })
        .collect()
}

fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in entries {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn part(zip: &[u8], name: &str) -> Vec<u8> {
    entries(zip)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .1
}

/// `zip` re-packed with the entry `name` passed through `edit`, the others unchanged.
fn with_part(zip: &[u8], name: &str, edit: impl FnOnce(Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let mut all = entries(zip);
    let entry = all
        .iter_mut()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} missing"));
    entry.1 = edit(std::mem::take(&mut entry.1));
    zip_of(&all)
}

fn replace_text(from: &str, to: &str) -> impl FnOnce(Vec<u8>) -> Vec<u8> {
    let (from, to) = (from.to_owned(), to.to_owned());
    move |data| {
        let text = String::from_utf8(data).unwrap();
        assert!(text.contains(&from), "`{from}` not found");
        text.replacen(&from, &to, 1).into_bytes()
    }
}

fn broken_reason(report: &VerifyReport, index: usize) -> String {
    match &report.signatures[index].status {
        SignatureStatus::Broken(reason) => reason.clone(),
        SignatureStatus::Valid => panic!("signature {index} should be broken: {report:?}"),
    }
}

#[test]
fn a_signed_plan_verifies_with_its_signer_and_time() {
    let (_id, signer) = signer();
    let original = sample_docx();
    let signed = docx::sign(&original, &signer, &options()).unwrap();
    let report = docx::verify(&signed).unwrap();
    assert!(report.is_valid(), "{report:?}");
    assert_eq!(report.signatures.len(), 1);
    let signature = &report.signatures[0];
    let who = signature.signer.as_ref().unwrap();
    assert_eq!(who.common_name, "Nguyễn Văn An");
    let time = signature.signing_time.unwrap();
    assert_eq!(time.to_rfc3339(), "2026-03-15T09:30:00+07:00");
    // Word does not sign the document properties: said, not fatal.
    assert!(
        signature
            .notes
            .iter()
            .any(|n| n.contains("/docProps/core.xml")),
        "{:?}",
        signature.notes
    );

    // The same signature twice is the same file (RSA PKCS#1 v1.5 is deterministic).
    assert_eq!(docx::sign(&original, &signer, &options()).unwrap(), signed);
}

#[test]
fn the_package_has_words_structure_and_keeps_the_other_parts() {
    let (_id, signer) = signer();
    let original = sample_docx();
    let signed = docx::sign(&original, &signer, &options()).unwrap();
    let before = entries(&original);
    let after = entries(&signed);
    for (name, data) in &before {
        if name != "[Content_Types].xml" && name != "_rels/.rels" {
            let (_, now) = after.iter().find(|(n, _)| n == name).unwrap();
            assert_eq!(now, data, "{name} changed");
        }
    }
    let names: Vec<&str> = after.iter().map(|(n, _)| n.as_str()).collect();
    for new in [
        "_xmlsignatures/origin.sigs",
        "_xmlsignatures/_rels/origin.sigs.rels",
        "_xmlsignatures/sig1.xml",
    ] {
        assert!(names.contains(&new), "{new} missing: {names:?}");
    }
    let text = |name| String::from_utf8(part(&signed, name)).unwrap();
    assert!(text("_rels/.rels").contains(
        "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/digital-signature/origin\" Target=\"_xmlsignatures/origin.sigs\""
    ));
    assert!(text("_xmlsignatures/_rels/origin.sigs.rels").contains("Target=\"sig1.xml\""));
    let types = text("[Content_Types].xml");
    assert!(types.contains("<Default Extension=\"sigs\" ContentType=\"application/vnd.openxmlformats-package.digital-signature-origin\"/>"));
    assert!(types.contains("<Override PartName=\"/_xmlsignatures/sig1.xml\" ContentType=\"application/vnd.openxmlformats-package.digital-signature-xmlsignature+xml\"/>"));

    let signature = text("_xmlsignatures/sig1.xml");
    for expected in [
        "<SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>",
        "URI=\"#idPackageObject\"",
        "URI=\"#idOfficeObject\"",
        "Type=\"http://uri.etsi.org/01903#SignedProperties\" URI=\"#idSignedProperties\"",
        "<Reference URI=\"/_rels/.rels?ContentType=application/vnd.openxmlformats-package.relationships+xml\"><Transforms><Transform Algorithm=\"http://schemas.openxmlformats.org/package/2006/RelationshipTransform\"><mdssi:RelationshipReference xmlns:mdssi=\"http://schemas.openxmlformats.org/package/2006/digital-signature\" SourceId=\"rId1\"/></Transform>",
        "<Reference URI=\"/word/document.xml?ContentType=application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"><DigestMethod",
        "/word/styles.xml?",
        "/word/header1.xml?",
        "<mdssi:Value>2026-03-15T02:30:00Z</mdssi:Value>",
        "<SignatureComments>Phê duyệt kế hoạch</SignatureComments>",
        "<SignatureType>1</SignatureType>",
        "<xd:SigningTime>2026-03-15T02:30:00Z</xd:SigningTime>",
        "<xd:SignaturePolicyImplied/>",
        "<xd:EncapsulatedX509Certificate>",
    ] {
        assert!(signature.contains(expected), "{expected} not in {signature}");
    }
    assert!(!signature.contains("docProps"), "Word leaves out docProps");
}

#[test]
fn a_changed_part_breaks_the_signature_and_is_named() {
    let (_id, signer) = signer();
    let signed = docx::sign(&sample_docx(), &signer, &options()).unwrap();
    let document = String::from_utf8(part(&signed, "word/document.xml")).unwrap();
    assert!(document.contains("chuyển đổi số"));

    let tampered = with_part(
        &signed,
        "word/document.xml",
        replace_text("chuyển đổi số", "chuyển đổi sớm"),
    );
    let report = docx::verify(&tampered).unwrap();
    assert!(!report.is_valid());
    assert_eq!(
        broken_reason(&report, 0),
        "Phần /word/document.xml đã bị thay đổi sau khi ký"
    );

    let styles = with_part(&signed, "word/styles.xml", |mut data| {
        data.extend_from_slice(b"\n");
        data
    });
    assert!(broken_reason(&docx::verify(&styles).unwrap(), 0).contains("/word/styles.xml"));

    // Re-zipping alone (other compression, same content) changes nothing.
    let rezipped = with_part(&signed, "word/document.xml", |data| data);
    assert!(docx::verify(&rezipped).unwrap().is_valid());

    // Unsigned document properties may change.
    let core = with_part(&signed, "docProps/core.xml", |mut data| {
        data.extend_from_slice(b" ");
        data
    });
    assert!(docx::verify(&core).unwrap().is_valid());
}

#[test]
fn a_changed_signature_value_breaks_it() {
    let (_id, signer) = signer();
    let signed = docx::sign(&sample_docx(), &signer, &options()).unwrap();
    let tampered = with_part(&signed, "_xmlsignatures/sig1.xml", |data| {
        let text = String::from_utf8(data).unwrap();
        let start = text.find("<SignatureValue>").unwrap() + "<SignatureValue>".len();
        let mut bytes = text.into_bytes();
        bytes[start + 10] = if bytes[start + 10] == b'A' {
            b'B'
        } else {
            b'A'
        };
        bytes
    });
    let reason = broken_reason(&docx::verify(&tampered).unwrap(), 0);
    assert!(reason.contains("Giá trị chữ ký không khớp"), "{reason}");

    let purpose = with_part(
        &signed,
        "_xmlsignatures/sig1.xml",
        replace_text("Phê duyệt kế hoạch", "Phê duyệt dự toán"),
    );
    let reason = broken_reason(&docx::verify(&purpose).unwrap(), 0);
    assert!(reason.contains("#idOfficeObject"), "{reason}");
}

#[test]
fn a_second_signature_keeps_the_first_valid() {
    let (_id, signer) = signer();
    let once = docx::sign(&sample_docx(), &signer, &options()).unwrap();
    let mut later = options();
    later.signing_time = Utc.with_ymd_and_hms(2026, 3, 16, 1, 0, 0).unwrap();
    later.purpose = None;
    let twice = docx::sign(&once, &signer, &later).unwrap();
    let report = docx::verify(&twice).unwrap();
    assert!(report.is_valid(), "{report:?}");
    assert_eq!(report.signatures.len(), 2);
    let times: Vec<String> = report
        .signatures
        .iter()
        .map(|s| s.signing_time.unwrap().to_rfc3339())
        .collect();
    assert_eq!(
        times,
        ["2026-03-15T09:30:00+07:00", "2026-03-16T08:00:00+07:00"]
    );
    let rels = String::from_utf8(part(&twice, "_xmlsignatures/_rels/origin.sigs.rels")).unwrap();
    assert!(rels.contains("Target=\"sig1.xml\"") && rels.contains("Target=\"sig2.xml\""));
    let types = String::from_utf8(part(&twice, "[Content_Types].xml")).unwrap();
    assert_eq!(types.matches("Extension=\"sigs\"").count(), 1);

    let tampered = with_part(
        &twice,
        "word/document.xml",
        replace_text("chuyển đổi số", "chuyển đổi sớm"),
    );
    let report = docx::verify(&tampered).unwrap();
    for i in 0..2 {
        assert!(broken_reason(&report, i).contains("/word/document.xml"));
    }
}

#[test]
fn files_signed_by_word_verify() {
    for (file, count, signers) in [
        ("partial.docx", 1, vec!["TSCP Test example Alice"]),
        (
            "ms-office-2010-signed.docx",
            1,
            vec!["Frank Cornelis (Signature)"],
        ),
        (
            "hello-world-signed-twice.docx",
            2,
            vec!["Bart Hanssens (Signature)", "Bryan Brouckaert (Signature)"],
        ),
    ] {
        let report = docx::verify(&reference_file(file)).unwrap();
        assert!(report.is_valid(), "{file}: {report:?}");
        assert_eq!(report.signatures.len(), count, "{file}");
        let names: Vec<&str> = report
            .signatures
            .iter()
            .map(|s| s.signer.as_ref().unwrap().common_name.as_str())
            .collect();
        assert_eq!(names, signers, "{file}");
    }
    let partial = docx::verify(&reference_file("partial.docx")).unwrap();
    assert_eq!(
        partial.signatures[0].signing_time.unwrap().to_rfc3339(),
        "2016-01-11T22:32:02+07:00"
    );
}

#[test]
fn words_bad_file_fails_naming_the_changed_part() {
    let report = docx::verify(&reference_file("bad.docx")).unwrap();
    assert!(!report.is_valid());
    assert_eq!(
        broken_reason(&report, 0),
        "Phần /word/document.xml đã bị thay đổi sau khi ký"
    );
}

#[test]
fn words_file_signed_again_by_us_keeps_words_signature() {
    let (_id, signer) = signer();
    let signed = docx::sign(&reference_file("partial.docx"), &signer, &options()).unwrap();
    let report = docx::verify(&signed).unwrap();
    assert!(report.is_valid(), "{report:?}");
    assert_eq!(report.signatures.len(), 2);
}

#[test]
fn unsigned_and_unreadable_files_are_told_apart() {
    assert!(matches!(
        docx::verify(&sample_docx()),
        Err(SignError::NotSigned)
    ));
    for junk in [&b""[..], b"%PDF-1.7", b"PK\x03\x04garbage"] {
        assert!(
            matches!(docx::verify(junk), Err(SignError::UnknownFormat)),
            "{junk:?}"
        );
    }
    let (_id, signer) = signer();
    assert!(matches!(
        docx::sign(b"not a zip", &signer, &options()),
        Err(SignError::UnknownFormat)
    ));
    let long = DocxSignOptions {
        purpose: Some("x".repeat(256)),
        ..options()
    };
    assert!(docx::sign(&sample_docx(), &signer, &long).is_err());
}

#[test]
fn a_zip_bomb_stops_at_the_limit() {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflate = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("[Content_Types].xml", deflate).unwrap();
    zip.start_file("word/document.xml", deflate).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..130 {
        zip.write_all(&zeros).unwrap();
    }
    let bomb = zip.finish().unwrap().into_inner();
    assert!(bomb.len() < 1 << 20);
    match docx::verify(&bomb) {
        Err(SignError::MalformedDocument(reason)) => assert!(reason.contains("/word/document.xml")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn hostile_signatures_are_broken_not_panics() {
    let word = reference_file("partial.docx");
    let sig = "_xmlsignatures/sig1.xml";
    let signature = String::from_utf8(part(&word, sig)).unwrap();
    let key_info_start = signature.find("<KeyInfo>").unwrap();
    let key_info_end = signature.find("</KeyInfo>").unwrap() + "</KeyInfo>".len();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("garbage", b"\x00\x01 not xml <<<".to_vec()),
        ("empty", Vec::new()),
        ("not a signature", b"<Relationships/>".to_vec()),
        (
            "no KeyInfo",
            format!(
                "{}{}",
                &signature[..key_info_start],
                &signature[key_info_end..]
            )
            .into_bytes(),
        ),
        (
            "duplicate id",
            signature
                .replacen(
                    "<Object Id=\"idOfficeObject\">",
                    "<Object Id=\"idPackageObject\"></Object><Object Id=\"idOfficeObject\">",
                    1,
                )
                .into_bytes(),
        ),
        (
            "deep nesting",
            format!("<Signature>{}</Signature>", "<a>".repeat(100_000)).into_bytes(),
        ),
        (
            "unknown algorithm",
            signature
                .replace("xmldsig-more#rsa-sha256", "xmldsig-more#ecdsa-sha256")
                .into_bytes(),
        ),
    ];
    for (case, content) in cases {
        let hostile = with_part(&word, sig, |_| content);
        let report = docx::verify(&hostile).unwrap();
        assert_eq!(report.signatures.len(), 1, "{case}");
        broken_reason(&report, 0);
    }

    let missing_part = entries(&word)
        .into_iter()
        .filter(|(n, _)| n != "word/fontTable.xml")
        .collect::<Vec<_>>();
    let reason = broken_reason(&docx::verify(&zip_of(&missing_part)).unwrap(), 0);
    assert!(reason.contains("/word/fontTable.xml đã bị xóa"), "{reason}");

    let missing_signature = entries(&word)
        .into_iter()
        .filter(|(n, _)| n != sig)
        .collect::<Vec<_>>();
    let reason = broken_reason(&docx::verify(&zip_of(&missing_signature)).unwrap(), 0);
    assert!(reason.contains("bị thiếu"), "{reason}");

    let retyped = with_part(
        &word,
        "[Content_Types].xml",
        replace_text("wordprocessingml.styles+xml", "wordprocessingml.other+xml"),
    );
    let reason = broken_reason(&docx::verify(&retyped).unwrap(), 0);
    assert!(
        reason.contains("Kiểu nội dung của phần /word/styles.xml"),
        "{reason}"
    );
}

#[test]
fn flipped_bytes_and_truncations_never_panic() {
    let (_id, signer) = signer();
    let signed = docx::sign(&sample_docx(), &signer, &options()).unwrap();
    let signature = part(&signed, "_xmlsignatures/sig1.xml");
    for position in (0..signature.len()).step_by(41) {
        let flipped = with_part(&signed, "_xmlsignatures/sig1.xml", |mut data| {
            data[position] ^= 0x20;
            data
        });
        // Case changes inside base64 or ids break it; in a few places (an unused
        // attribute value's case) they may not: either way, a report, not a panic.
        docx::verify(&flipped).unwrap();
    }
    for length in (0..signed.len()).step_by(signed.len() / 23) {
        let _ = docx::verify(&signed[..length]);
        let _ = docx::sign(&signed[..length], &signer, &options());
    }
}

// ---- independent checks ----

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs the Python verifier (lxml + cryptography, written from the spec, no code shared
/// with ours); returns (valid, its report).
fn python_verify(file: &Path) -> (bool, String) {
    docx_support::require_python_module("lxml");
    docx_support::require_python_module("cryptography");
    let out = Command::new(docx_support::python())
        .arg(docx_support::root().join("tests/tools/ooxml_sig_verify.py"))
        .arg(file)
        .output()
        .expect("python3 runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    match out.status.code() {
        Some(0) => (true, report),
        Some(1) => (false, report),
        _ => panic!("the verifier failed to run on {}: {report}", file.display()),
    }
}

#[test]
fn an_independent_verifier_agrees() {
    let (_id, signer) = signer();
    let dir = tempfile::tempdir().unwrap();
    let signed = docx::sign(&sample_docx(), &signer, &options()).unwrap();
    let twice = docx::sign(&signed, &signer, &options()).unwrap();
    let tampered = with_part(
        &signed,
        "word/document.xml",
        replace_text("chuyển đổi số", "chuyển đổi sớm"),
    );
    for (name, bytes, valid, says) in [
        ("signed.docx", signed.clone(), true, "sig1.xml: VALID"),
        ("twice.docx", twice, true, "sig2.xml: VALID"),
        ("tampered.docx", tampered, false, "/word/document.xml"),
        (
            "partial.docx",
            reference_file("partial.docx"),
            true,
            "VALID",
        ),
        (
            "word2010.docx",
            reference_file("ms-office-2010-signed.docx"),
            true,
            "VALID",
        ),
        (
            "word2007.docx",
            reference_file("hello-world-signed-twice.docx"),
            true,
            "sig2.xml: VALID",
        ),
        (
            "bad.docx",
            reference_file("bad.docx"),
            false,
            "/word/document.xml",
        ),
    ] {
        let (ok, report) = python_verify(&write_file(dir.path(), name, &bytes));
        eprintln!("{name}: {report}");
        assert_eq!(ok, valid, "{name}: {report}");
        assert!(report.contains(says), "{name}: {report}");
    }
}

#[test]
fn python_docx_opens_the_signed_file() {
    docx_support::require_python_module("docx");
    let (_id, signer) = signer();
    let dir = tempfile::tempdir().unwrap();
    let signed = docx::sign(&sample_docx(), &signer, &options()).unwrap();
    let path = write_file(dir.path(), "signed.docx", &signed);
    let out = Command::new(docx_support::python())
        .arg(docx_support::root().join("tests/tools/docx_check.py"))
        .arg(&path)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The Python that has LibreOffice's UNO bridge: Debian's own (python3-uno installs it
/// there only, whatever `python3` is first on PATH).
fn uno_python() -> &'static str {
    let python = "/usr/bin/python3";
    let ok = Command::new(python)
        .args(["-c", "import uno"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "{python} cannot import uno: install python3-uno (./scripts/install-test-deps)"
    );
    python
}

/// LibreOffice's own OOXML signature verification over UNO (see
/// ../shared/reference/ooxml-signed/README.md): the closest check to Office at hand.
#[test]
fn libreoffice_accepts_our_signature_and_rejects_tampering() {
    docx_support::require("soffice");
    let python = uno_python();
    let (_id, signer) = signer();
    let dir = tempfile::tempdir().unwrap();
    let signed = docx::sign(&sample_docx(), &signer, &options()).unwrap();
    let tampered = with_part(
        &signed,
        "word/document.xml",
        replace_text("chuyển đổi số", "chuyển đổi sớm"),
    );
    let twice = docx::sign(&signed, &signer, &options()).unwrap();
    let files = [
        write_file(dir.path(), "signed.docx", &signed),
        write_file(dir.path(), "twice.docx", &twice),
        write_file(dir.path(), "tampered.docx", &tampered),
        write_file(dir.path(), "partial.docx", &reference_file("partial.docx")),
    ];
    let out = Command::new(python)
        .arg(docx_support::root().join("tests/tools/lo_sig_verify.py"))
        .arg(dir.path().join("profile"))
        .args(&files)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{stdout}");
    let verdicts: Vec<&str> = stdout.lines().collect();
    assert_eq!(verdicts.len(), 4, "one verdict per file: {stdout}");
    let expected = [
        "signed.docx: valid (1 signatures; CN=Nguyễn Văn An,",
        "twice.docx: valid (2 signatures; CN=Nguyễn Văn An,",
        "tampered.docx: invalid (1 signatures",
        "partial.docx: valid (1 signatures; CN=TSCP Test example Alice,",
    ];
    for (verdict, expected) in verdicts.iter().zip(expected) {
        assert!(verdict.starts_with(expected), "{stdout}");
    }
}
