//! PAdES signatures on exported plans: the empty field the export leaves in the closing
//! block, signing it (with the signature and seal images Decree 30 asks for), and
//! verification by us and by independent tools (poppler's pdfsig, pyHanko, qpdf).
//! `KHCDS_REQUIRE_PDF_TOOLS=1` turns a missing tool into a failure.

mod pdf_support;
mod python_support;
mod sign_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{TimeZone, Utc};
use khcds::document;
use khcds::model::{Level, PlanKind};
use khcds::pdf::{render, write_with, FontSet};
use khcds::sample::sample_plan;
use khcds::sign::pdf::{sign, verify, PdfSignOptions};
use khcds::sign::{Pkcs12Signer, SignError, SignatureStatus};
use lopdf::{Dictionary, Document, Object};
use pdf_support::{have, out_dir, run};

/// The province sample plan as exported, with the display list it was written from.
fn sample() -> (khcds::pdf::DisplayDocument, Vec<u8>) {
    let fonts = FontSet::load();
    let doc = document::build(&sample_plan(Level::Tinh, PlanKind::FiveYear, 1));
    (render(&doc, &fonts), write_with(&doc, &fonts).unwrap())
}

fn signer(id: &sign_support::Identity) -> Pkcs12Signer {
    Pkcs12Signer::open_file(&id.p12, sign_support::PASSWORD).unwrap()
}

/// An RGBA PNG of `w`×`h` from a pixel function, with a pHYs chunk when `per_metre`.
fn png(w: u32, h: u32, per_metre: Option<u32>, pixel: impl Fn(f64, f64) -> [u8; 4]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    if let Some(ppm) = per_metre {
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: ppm,
            yppu: ppm,
            unit: png::Unit::Meter,
        }));
    }
    let mut writer = encoder.write_header().unwrap();
    let mut data = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            data.extend(pixel(
                f64::from(x) / f64::from(w),
                f64::from(y) / f64::from(h),
            ));
        }
    }
    writer.write_image_data(&data).unwrap();
    writer.finish().unwrap();
    out
}

/// A blue scribble on transparent, 3:1.
fn signature_png() -> Vec<u8> {
    png(600, 200, None, |x, y| {
        let curve = 0.5 + 0.3 * (x * 18.0).sin() * (1.0 - x);
        if (y - curve).abs() < 0.06 && x > 0.05 && x < 0.95 {
            [20, 40, 200, 255]
        } else {
            [0, 0, 0, 0]
        }
    })
}

/// A red ring with a filled star-less centre on transparent, 400 px for 36 mm (pHYs).
fn seal_png() -> Vec<u8> {
    png(400, 400, Some(11_111), |x, y| {
        let r = ((x - 0.5).powi(2) + (y - 0.5).powi(2)).sqrt();
        if (0.40..0.48).contains(&r) || r < 0.12 {
            [220, 20, 30, 230]
        } else {
            [0, 0, 0, 0]
        }
    })
}

fn options(images: bool) -> PdfSignOptions {
    PdfSignOptions {
        signing_time: Utc.with_ymd_and_hms(2026, 1, 5, 1, 30, 0).unwrap(),
        signature_image: images.then(signature_png),
        seal_image: images.then(seal_png),
        reason: Some("Phê duyệt".into()),
        location: Some("Hòa Sơn".into()),
    }
}

fn save(name: &str, bytes: &[u8]) -> PathBuf {
    let path = out_dir().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The signature fields of `pdf`: (page index, field dictionary).
fn signature_fields(pdf: &[u8]) -> Vec<(usize, Dictionary)> {
    let doc = Document::load_mem(pdf).unwrap();
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    let form = doc.catalog().unwrap().get(b"AcroForm").unwrap();
    let form = doc.dereference(form).unwrap().1.as_dict().unwrap();
    let fields = form.get(b"Fields").unwrap().as_array().unwrap();
    fields
        .iter()
        .map(|f| {
            let dict = doc.get_dictionary(f.as_reference().unwrap()).unwrap();
            let page = dict.get(b"P").unwrap().as_reference().unwrap();
            (pages.iter().position(|p| *p == page).unwrap(), dict.clone())
        })
        .collect()
}

fn rect(dict: &Dictionary) -> [f64; 4] {
    let v: Vec<f64> = dict
        .get(b"Rect")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| f64::from(o.as_float().unwrap()))
        .collect();
    [v[0], v[1], v[2], v[3]]
}

fn qpdf_check(path: &Path) {
    if have("qpdf") {
        run(Command::new("qpdf").arg("--check").arg(path));
    }
}

/// pdfsig's output (it exits non-zero on an untrusted or broken signature).
fn pdfsig(path: &Path) -> Option<String> {
    if !have("pdfsig") {
        return None;
    }
    let out = Command::new("pdfsig").arg(path).output().unwrap();
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn have_pyhanko() -> bool {
    let found = Command::new(python_support::python())
        .args(["-c", "import pyhanko.sign.validation"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found && std::env::var("KHCDS_REQUIRE_PDF_TOOLS").is_ok_and(|v| v == "1") {
        panic!("pyHanko is required (KHCDS_REQUIRE_PDF_TOOLS=1): run ./scripts/install-test-deps");
    }
    if !found {
        eprintln!("skipped: pyHanko is not installed");
    }
    found
}

/// pyHanko's verdict on each signature, trusting `ca`: one line per signature.
const PYHANKO_VALIDATE: &str = r#"
import sys
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
context = ValidationContext(trust_roots=[load_cert_from_pemder(sys.argv[1])])
with open(sys.argv[2], "rb") as f:
    reader = PdfFileReader(f)
    for sig in reader.embedded_signatures:
        status = validate_pdf_signature(sig, context)
        print(sig.field_name, "intact=%s valid=%s trusted=%s" % (status.intact, status.valid, status.trusted),
              "coverage=%s" % status.coverage.name, "subfilter=%s" % sig.sig_object["/SubFilter"],
              "md=%s" % status.md_algorithm)
"#;

fn pyhanko(ca: &Path, pdf: &Path) -> Option<String> {
    if !have_pyhanko() {
        return None;
    }
    Some(run(Command::new(python_support::python())
        .args(["-c", PYHANKO_VALIDATE])
        .arg(ca)
        .arg(pdf)))
}

#[test]
fn export_leaves_an_empty_signature_field_in_the_closing_block() {
    let (display, pdf) = sample();
    let signer_name = sample_plan(Level::Tinh, PlanKind::FiveYear, 1).signer.name;
    let (page_index, space) = display
        .pages
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.signature_space.map(|s| (i, s)))
        .expect("the closing block records its signature space");
    // Between the chức vụ line and the signer's name, in the signer column.
    let page = &display.pages[page_index];
    let name = page
        .text_runs()
        .find(|r| r.text == signer_name)
        .expect("the signer's name on the closing page");
    assert!(
        name.baseline > space.y + space.height,
        "name below the space"
    );
    assert!(name.baseline < space.y + space.height + 20.0, "right below");
    let above = page
        .text_runs()
        .filter(|r| r.baseline < space.y && r.x >= space.x - 1.0)
        .max_by(|a, b| a.baseline.total_cmp(&b.baseline))
        .expect("the chức vụ line above");
    assert!(above.text.chars().any(char::is_uppercase), "{}", above.text);
    assert!(space.height > 60.0, "room for a signature: {space:?}");
    assert!(space.x > page.width_pt / 3.0, "signer column on the right");

    let fields = signature_fields(&pdf);
    assert_eq!(fields.len(), 1);
    let (field_page, field) = &fields[0];
    assert_eq!(*field_page, page_index);
    assert_eq!(field.get(b"FT").unwrap().as_name().unwrap(), b"Sig");
    assert!(field.get(b"V").is_err(), "empty field");
    let r = rect(field);
    let flipped = page.height_pt - space.y;
    assert!((r[0] - space.x).abs() < 0.01 && (r[2] - space.x - space.width).abs() < 0.01);
    assert!((r[3] - flipped).abs() < 0.01 && (r[1] - (flipped - space.height)).abs() < 0.01);
    assert!(pdf.starts_with(b"%PDF-1.7"));
    qpdf_check(&save("sign-export-unsigned.pdf", &pdf));
    assert!(matches!(verify(&pdf), Err(SignError::NotSigned)));
}

#[test]
fn signed_export_is_valid_for_us_pdfsig_pyhanko_and_qpdf() {
    let id = sign_support::identity();
    let (_, pdf) = sample();
    let started = std::time::Instant::now();
    let signed = sign(&pdf, &signer(&id), &options(true)).unwrap();
    eprintln!("signed {} bytes in {:?}", pdf.len(), started.elapsed());
    assert!(signed.starts_with(&pdf), "incremental update");
    let path = save("sign-export-signed.pdf", &signed);

    let report = verify(&signed).unwrap();
    assert!(report.is_valid(), "{report:?}");
    assert_eq!(report.signatures.len(), 1);
    let s = &report.signatures[0];
    assert_eq!(s.signer.as_ref().unwrap().common_name, "Nguyễn Văn An");
    assert_eq!(
        s.signing_time.unwrap().to_rfc3339(),
        "2026-01-05T08:30:00+07:00"
    );
    let fields = signature_fields(&signed);
    assert_eq!(fields.len(), 1, "the export's field was filled");
    assert!(fields[0].1.get(b"V").is_ok());
    // The appended revision (appearance with images and soft masks) keeps it PDF/A-2b.
    let violations = pdf_support::pdfa::pdfa2b_violations(&signed);
    assert!(violations.is_empty(), "{violations:#?}");

    qpdf_check(&path);
    if let Some(out) = pdfsig(&path) {
        eprintln!("{out}");
        assert!(
            out.contains("Signature Validation: Signature is Valid."),
            "{out}"
        );
        assert!(
            out.contains("Total document signed") || out.contains("signed the total document"),
            "{out}"
        );
        assert!(out.contains("Nguyễn Văn An"), "{out}");
        assert!(out.contains("ETSI.CAdES.detached"), "{out}");
    }
    if let Some(out) = pyhanko(&id.ca_pem, &path) {
        eprintln!("{out}");
        assert!(out.contains("intact=True valid=True trusted=True"), "{out}");
        assert!(out.contains("coverage=ENTIRE_FILE"), "{out}");
        assert!(out.contains("subfilter=/ETSI.CAdES.detached"), "{out}");
        assert!(out.contains("md=sha256"), "{out}");
    }
}

/// RGB of the pixel at (`x`, `y`) points from the top-left, of a 72 dpi PPM.
fn pixel(ppm: &[u8], x: f64, y: f64) -> Option<[u8; 3]> {
    let text = String::from_utf8_lossy(&ppm[..20.min(ppm.len())]).into_owned();
    let mut parts = text.split_ascii_whitespace();
    assert_eq!(parts.next(), Some("P6"));
    let w: usize = parts.next()?.parse().ok()?;
    let h: usize = parts.next()?.parse().ok()?;
    // Header: "P6\n<w> <h>\n255\n".
    let header = format!("P6\n{w} {h}\n255\n").len();
    let (x, y) = (x as usize, y as usize);
    (x < w && y < h).then(|| {
        let at = header + (y * w + x) * 3;
        [ppm[at], ppm[at + 1], ppm[at + 2]]
    })
}

#[test]
fn signature_and_seal_are_drawn_in_the_signature_space() {
    if !have("pdftoppm") {
        return;
    }
    let id = sign_support::identity();
    let (display, pdf) = sample();
    let signed = sign(&pdf, &signer(&id), &options(true)).unwrap();
    let path = save("sign-appearance.pdf", &signed);
    let (page_index, space) = display
        .pages
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.signature_space.map(|s| (i, s)))
        .unwrap();
    let page = (page_index + 1).to_string();
    let prefix = out_dir().join("sign-appearance-page");
    run(Command::new("pdftoppm")
        .args(["-r", "72", "-f", &page, "-l", &page, "-singlefile"])
        .arg(&path)
        .arg(&prefix));
    run(Command::new("pdftoppm")
        .args(["-r", "100", "-png", "-f", &page, "-l", &page, "-singlefile"])
        .arg(&path)
        .arg(&prefix));
    let ppm = std::fs::read(prefix.with_extension("ppm")).unwrap();
    let is_blue = |p: [u8; 3]| p[2] > 150 && p[0] < 100 && p[1] < 120;
    let is_red = |p: [u8; 3]| p[0] > 150 && p[1] < 100 && p[2] < 100;
    // Pixel centres (points from the top-left) of each colour on the page.
    let mut blue = Vec::new();
    let mut red = Vec::new();
    for y in 0..842 {
        for x in 0..596 {
            let (x, y) = (f64::from(x) + 0.5, f64::from(y) + 0.5);
            match pixel(&ppm, x, y) {
                Some(p) if is_blue(p) => blue.push((x, y)),
                Some(p) if is_red(p) => red.push((x, y)),
                _ => {}
            }
        }
    }
    let inside = |&(x, y): &(f64, f64)| {
        x >= space.x && x <= space.x + space.width && y >= space.y && y <= space.y + space.height
    };
    assert!(
        blue.len() > 500,
        "the signature is drawn: {} blue pixels",
        blue.len()
    );
    assert!(
        blue.iter().all(inside),
        "the signature stays in the signature space"
    );
    let blue_left = blue.iter().map(|p| p.0).fold(f64::MAX, f64::min);
    let blue_right = blue.iter().map(|p| p.0).fold(f64::MIN, f64::max);
    let third = blue_left + (blue_right - blue_left) / 3.0;
    assert!(
        red.len() > 500,
        "the seal is drawn: {} red pixels",
        red.len()
    );
    assert!(
        red.iter().any(|p| p.0 < blue_left - 5.0),
        "the seal reaches left of the signature"
    );
    assert!(
        red.iter().any(|p| p.0 > blue_left + 10.0 && inside(p)),
        "the seal overlaps the signature's left part"
    );
    assert!(
        red.iter().all(|p| p.0 < third + 5.0),
        "the seal covers about a third of the signature, no more"
    );
    // True size: 400 px at 11 111 px/m is 36 mm; the ring is 96 % of the image.
    let red_width = red.iter().map(|p| p.0).fold(f64::MIN, f64::max)
        - red.iter().map(|p| p.0).fold(f64::MAX, f64::min);
    assert!(
        (red_width - 0.96 * 36.0 * 72.0 / 25.4).abs() < 2.0,
        "seal {red_width} pt wide"
    );
}

#[test]
fn tampering_and_appended_bytes_are_detected() {
    let id = sign_support::identity();
    let (_, pdf) = sample();
    let signed = sign(&pdf, &signer(&id), &options(false)).unwrap();

    // One byte of the first revision's page content.
    let mut tampered = signed.clone();
    let at = tampered.windows(6).position(|w| w == b"stream").unwrap() + 40;
    tampered[at] ^= 0x01;
    let report = verify(&tampered).unwrap();
    assert!(!report.is_valid());
    assert!(
        matches!(&report.signatures[0].status, SignatureStatus::Broken(r) if r.contains("thay đổi")),
        "{report:?}"
    );
    if let Some(out) = pdfsig(&save("sign-tampered.pdf", &tampered)) {
        assert!(!out.contains("Signature is Valid"), "{out}");
    }
    // One byte of the signed dictionary (/M).
    let mut tampered = signed.clone();
    let at = tampered.windows(4).rposition(|w| w == b"D:20").unwrap() + 5;
    tampered[at] = b'9';
    assert!(!verify(&tampered).unwrap().is_valid());

    let mut appended = signed.clone();
    appended.extend_from_slice("\n% thêm vào sau khi ký\n".as_bytes());
    let report = verify(&appended).unwrap();
    assert_eq!(report.signatures[0].status, SignatureStatus::Valid);
    let problem = report.document_problem.as_deref().unwrap();
    assert!(
        problem.contains("Văn bản đã bị sửa sau khi ký"),
        "{problem}"
    );
    assert!(!report.is_valid());
}

#[test]
fn second_signature_keeps_the_first_valid() {
    let id = sign_support::identity();
    let (_, pdf) = sample();
    let first = sign(&pdf, &signer(&id), &options(true)).unwrap();
    let second_options = PdfSignOptions {
        signature_image: None,
        reason: Some("Đóng dấu".into()),
        ..options(true)
    };
    let second = sign(&first, &signer(&id), &second_options).unwrap();
    assert!(second.starts_with(&first));
    let report = verify(&second).unwrap();
    assert!(report.is_valid(), "{report:?}");
    assert_eq!(report.signatures.len(), 2);
    let fields = signature_fields(&second);
    assert_eq!(fields.len(), 2, "a new field for the second signature");
    assert_eq!(fields[0].0, fields[1].0, "the seal goes on the same page");
    let path = save("sign-twice.pdf", &second);
    qpdf_check(&path);
    if let Some(out) = pdfsig(&path) {
        eprintln!("{out}");
        assert_eq!(
            out.matches("Signature Validation: Signature is Valid.")
                .count(),
            2,
            "{out}"
        );
    }
    if let Some(out) = pyhanko(&id.ca_pem, &path) {
        eprintln!("{out}");
        assert_eq!(out.matches("intact=True valid=True").count(), 2, "{out}");
    }
}

/// A one-page PDF made with lopdf, without a form; with a cross-reference stream and
/// object streams when `modern`.
fn foreign_pdf(modern: bool) -> Vec<u8> {
    use lopdf::{dictionary, Stream};
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let content = doc.add_object(Stream::new(
        Dictionary::new(),
        b"BT /F1 24 Tf 72 700 Td (Van ban khac) Tj ET".to_vec(),
    ));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    if modern {
        doc.save_modern(&mut out).unwrap();
    } else {
        doc.save_to(&mut out).unwrap();
    }
    out
}

#[test]
fn pdfs_from_elsewhere_get_an_invisible_signature() {
    let id = sign_support::identity();
    for modern in [false, true] {
        let pdf = foreign_pdf(modern);
        let signed = sign(&pdf, &signer(&id), &options(false)).unwrap();
        let report = verify(&signed).unwrap();
        assert!(report.is_valid(), "modern={modern}: {report:?}");
        let fields = signature_fields(&signed);
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[0].0, 0, "on page 1");
        assert_eq!(rect(&fields[0].1), [0.0; 4], "invisible");
        let path = save(&format!("sign-foreign-{modern}.pdf"), &signed);
        qpdf_check(&path);
        if let Some(out) = pdfsig(&path) {
            assert!(
                out.contains("Signature Validation: Signature is Valid."),
                "{out}"
            );
        }
        if let Some(out) = pyhanko(&id.ca_pem, &path) {
            assert!(out.contains("intact=True valid=True"), "{out}");
        }
        // Signed again: still both valid, the second one also invisible.
        let twice = sign(&signed, &signer(&id), &options(false)).unwrap();
        let report = verify(&twice).unwrap();
        assert!(
            report.is_valid() && report.signatures.len() == 2,
            "{report:?}"
        );
    }
}

#[test]
fn hostile_inputs_are_errors_not_panics() {
    let id = sign_support::identity();
    let signer = signer(&id);
    let (_, pdf) = sample();
    let signed = sign(&pdf, &signer, &options(false)).unwrap();
    let mut inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"%PDF-1.7\n".to_vec(),
        b"garbage, not a PDF at all".to_vec(),
        b"%PDF-1.4\nstartxref\n999999999\n%%EOF".to_vec(),
        vec![0xff; 4096],
    ];
    for cut in [10, pdf.len() / 2, pdf.len() - 40, signed.len() - 100] {
        inputs.push(signed[..cut].to_vec());
    }
    // /ByteRange pointing outside the file, and a huge declared /Contents.
    let find = |needle: &[u8]| {
        signed
            .windows(needle.len())
            .rposition(|w| w == needle)
            .unwrap()
            + needle.len()
    };
    let at = find(b"/ByteRange [");
    let mut outside = signed.clone();
    outside[at..at + 30].copy_from_slice(b"0 99999999 999999999 99999999 ");
    inputs.push(outside);
    let mut negative = signed.clone();
    negative[at..at + 12].copy_from_slice(b"-5 -1 -2 -3 ");
    inputs.push(negative);
    let mut contents = signed.clone();
    let c = find(b"/Contents <");
    contents[c..c + 8].copy_from_slice(b"3084FFFF");
    // A signature that cannot be read is reported broken, not the whole file refused.
    let report = verify(&contents).unwrap();
    assert!(
        matches!(&report.signatures[0].status, SignatureStatus::Broken(r) if r.contains("Chữ ký hỏng")),
        "{report:?}"
    );
    inputs.push(contents);

    for (i, input) in inputs.iter().enumerate() {
        match verify(input) {
            Ok(report) => assert!(!report.is_valid(), "input {i}: {report:?}"),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
        let _ = sign(input, &signer, &options(false));
    }
    assert!(matches!(
        verify(b"junk"),
        Err(SignError::MalformedDocument(_))
    ));

    for bad in [
        &b"not a png"[..],
        b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR",
        &pdf[..100],
    ] {
        let err = sign(
            &pdf,
            &signer,
            &PdfSignOptions {
                seal_image: Some(bad.to_vec()),
                ..options(false)
            },
        )
        .unwrap_err();
        assert!(
            matches!(
                err,
                SignError::BadImage {
                    what: "con dấu",
                    ..
                }
            ),
            "{err:?}"
        );
    }
}
