//! PDF engine end to end: a demo page written to PDF and checked with poppler and qpdf,
//! line breaks compared with LibreOffice's rendering of the same paragraphs as DOCX, and
//! no-panic checks over hostile input.
//!
//! Tests that need an external tool skip (with a message on stderr) when it is missing;
//! `KHCDS_REQUIRE_PDF_TOOLS=1` turns a missing tool into a failure (for CI).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use khcds::pdf::{
    layout_paragraph, place_lines, write_pdf, write_pdf_with_report, Align, BreakStrategy, Color,
    DisplayDocument, FontSet, ImageItem, Item, LaidParagraph, LineItem, LineSpacing, Metadata,
    Page, ParagraphStyle, RasterImage, RectItem, Span, Stroke, Style, PT_PER_CM,
};

// ---------------------------------------------------------------------------------------
// Page geometry shared by our layout and the DOCX given to LibreOffice, in twips so both
// sides use exactly the same numbers (DOCX stores twips).

const PAGE_W_TW: i32 = 11906; // A4
const PAGE_H_TW: i32 = 16838;
const MARGIN_TOP_TW: i32 = 1134; // 20 mm
const MARGIN_BOTTOM_TW: i32 = 1134;
const MARGIN_LEFT_TW: i32 = 1701; // 30 mm
const MARGIN_RIGHT_TW: i32 = 850; // 15 mm
const INDENT_TW: i32 = 720; // 1.27 cm
const SPACE_AFTER_TW: i32 = 120; // 6 pt
const LINE_240THS: i32 = 276; // 1.15 lines

fn tw(t: i32) -> f64 {
    f64::from(t) / 20.0
}

fn text_width() -> f64 {
    tw(PAGE_W_TW - MARGIN_LEFT_TW - MARGIN_RIGHT_TW)
}

fn body_style() -> ParagraphStyle {
    ParagraphStyle {
        align: Align::Justify,
        first_line_indent: tw(INDENT_TW),
        line_spacing: LineSpacing::Multiple(f64::from(LINE_240THS) / 240.0),
        space_after: tw(SPACE_AFTER_TW),
        mark_size_pt: 14.0,
        ..ParagraphStyle::default()
    }
}

/// Ordinary paragraphs of a Kế hoạch chuyển đổi số.
const BODY: &[&str] = &[
    "Chuyển đổi số là quá trình thay đổi tổng thể và toàn diện của cá nhân, tổ chức về cách sống, cách làm việc và phương thức sản xuất dựa trên các công nghệ số. Kế hoạch này cụ thể hóa các mục tiêu, nhiệm vụ và giải pháp chuyển đổi số của tỉnh giai đoạn 2026 - 2030, bảo đảm phù hợp với định hướng của Trung ương và điều kiện thực tế của địa phương.",
    "Căn cứ Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020 của Thủ tướng Chính phủ phê duyệt “Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030”; Quyết định số 942/QĐ-TTg ngày 15 tháng 6 năm 2021 của Thủ tướng Chính phủ phê duyệt Chiến lược phát triển Chính phủ điện tử hướng tới Chính phủ số giai đoạn 2021 - 2025, định hướng đến năm 2030;",
    "Phấn đấu đến năm 2030, 100% thủ tục hành chính đủ điều kiện được cung cấp dưới hình thức dịch vụ công trực tuyến toàn trình; tỷ lệ hồ sơ giải quyết trực tuyến đạt trên 80% tổng số hồ sơ; 100% cơ quan nhà nước cấp tỉnh, cấp xã sử dụng hệ thống quản lý văn bản và điều hành, chữ ký số chuyên dùng trong xử lý công việc; kinh tế số chiếm tỷ trọng tối thiểu 30% GRDP.",
    "Sở Khoa học và Công nghệ chủ trì, phối hợp với các sở, ban, ngành, Ủy ban nhân dân các xã, phường hướng dẫn, đôn đốc, kiểm tra việc triển khai Kế hoạch; định kỳ hằng quý, 06 tháng, hằng năm tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện (qua Hệ thống thông tin báo cáo của tỉnh) trước ngày 15 của tháng cuối kỳ báo cáo.",
    "Phát triển hạ tầng số đồng bộ, hiện đại: mạng di động 5G phủ sóng 99% dân cư, cáp quang băng rộng đến 100% hộ gia đình có nhu cầu; Trung tâm dữ liệu của tỉnh được nâng cấp, bảo đảm an toàn thông tin theo cấp độ; các cơ sở dữ liệu chuyên ngành được kết nối, chia sẻ với Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP) và Cơ sở dữ liệu quốc gia về dân cư.",
    "Kinh phí thực hiện Kế hoạch được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành, lồng ghép trong các chương trình, đề án, dự án có liên quan và các nguồn vốn hợp pháp khác; khuyến khích huy động nguồn lực xã hội hóa, hợp tác công tư (PPP) để đầu tư, thuê dịch vụ công nghệ thông tin theo quy định của pháp luật.",
    "Tổ chức bồi dưỡng, tập huấn kỹ năng số cho 100% cán bộ, công chức, viên chức; phổ cập kỹ năng số cơ bản cho người dân thông qua Tổ công nghệ số cộng đồng tại các thôn, tổ dân phố; đẩy mạnh thanh toán không dùng tiền mặt, phấn đấu 80% người dân trưởng thành có tài khoản giao dịch tại ngân hàng hoặc tổ chức được phép khác.",
    "Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc hoặc cần sửa đổi, bổ sung cho phù hợp, các cơ quan, đơn vị, địa phương kịp thời phản ánh về Sở Khoa học và Công nghệ để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, quyết định./.",
];

fn require_tools() -> bool {
    std::env::var("KHCDS_REQUIRE_PDF_TOOLS").is_ok_and(|v| v == "1")
}

/// Whether `tool` runs here; prints why a test is skipped when it does not.
fn have(tool: &str, test: &str) -> bool {
    let ok = Command::new(tool)
        .arg(if tool == "soffice" { "--version" } else { "-v" })
        .output()
        .is_ok();
    if !ok {
        assert!(
            !require_tools(),
            "{test}: `{tool}` is required (KHCDS_REQUIRE_PDF_TOOLS=1) but not installed"
        );
        eprintln!("SKIPPED {test}: `{tool}` is not installed (poppler-utils / qpdf / libreoffice)");
    }
    ok
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("tool runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf_engine");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

// ---------------------------------------------------------------------------------------
// The demo page.

struct Demo {
    doc: DisplayDocument,
    /// Expected extracted text of each paragraph, and whether it was cut inside a word.
    paragraphs: Vec<(String, bool)>,
    /// Justified lines that must reach the right margin: (baseline, right edge), points.
    justified: Vec<(f64, f64)>,
}

fn demo(fonts: &FontSet) -> Demo {
    let mut page = Page::new(tw(PAGE_W_TW), tw(PAGE_H_TW));
    let x = tw(MARGIN_LEFT_TW);
    let width = text_width();
    let mut y = tw(MARGIN_TOP_TW);
    let mut paragraphs = Vec::new();
    let mut justified = Vec::new();

    let mut put = |page: &mut Page, spans: Vec<Span>, style: &ParagraphStyle, y: &mut f64| {
        let p: LaidParagraph = layout_paragraph(fonts, &spans, style, width);
        *y += tw(p.space_before);
        let mut top = *y;
        for line in &p.lines {
            // Lines with no blank to stretch (a cut word) stay left-aligned.
            if style.align == Align::Justify && !line.last_in_paragraph && line.gaps > 0 {
                justified.push((top + tw(line.baseline), x + line.right));
            }
            top += line.height_pt();
        }
        *y = place_lines(page, &p.lines, x, *y) + tw(p.space_after);
        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
        let forced = p.lines.iter().any(|l| l.forced_break);
        paragraphs.push((text, forced));
        p
    };

    let centred = ParagraphStyle {
        align: Align::Center,
        ..ParagraphStyle::default()
    };
    put(
        &mut page,
        vec![Span::new("KẾ HOẠCH", Style::BOLD, 14.0)],
        &centred,
        &mut y,
    );
    let title = put(
        &mut page,
        vec![Span::new(
            "Chuyển đổi số tỉnh Bắc Ninh giai đoạn 2026 - 2030",
            Style::BOLD,
            14.0,
        )],
        &centred,
        &mut y,
    );
    // Rule under the title: a third of the text width, centred.
    let l = &title.lines[0];
    let mid = x + (l.left + l.right) / 2.0;
    page.push(Item::Line(LineItem {
        x1: mid - width / 6.0,
        y1: y + 3.0,
        x2: mid + width / 6.0,
        y2: y + 3.0,
        thickness: 0.5,
        color: Color::BLACK,
    }));
    y += 12.0;

    let body = body_style();
    for text in &BODY[..2] {
        put(
            &mut page,
            vec![Span::new(*text, Style::REGULAR, 14.0)],
            &body,
            &mut y,
        );
    }
    put(
        &mut page,
        vec![
            Span::new("Mục tiêu chung: ", Style::BOLD, 14.0),
            Span::new("phát triển ", Style::REGULAR, 14.0),
            Span::new("chính quyền số, kinh tế số và xã hội số", Style::BOLD_ITALIC, 14.0),
            Span::new(
                " một cách đồng bộ, lấy người dân và doanh nghiệp làm trung tâm, bảo đảm an toàn, an ninh mạng.",
                Style::REGULAR,
                14.0,
            ),
        ],
        &body,
        &mut y,
    );
    put(
        &mut page,
        vec![Span::new(
            format!(
                "Từ rất dài: {} hết.",
                "Nghiêngnghiêngnghiêngchuyểnđổisố".repeat(4)
            ),
            Style::ITALIC,
            14.0,
        )],
        &body,
        &mut y,
    );
    put(
        &mut page,
        vec![Span::new(
            "Biểu tượng 😀 cảm xúc và ký tự điều khiển\u{0007} bị bỏ qua.",
            Style::REGULAR,
            14.0,
        )],
        &body,
        &mut y,
    );

    // A small two-cell table border and a transparent image (signature stand-in).
    let top = y;
    for i in 0..2 {
        page.push(Item::Rect(RectItem {
            x: x + f64::from(i) * width / 2.0,
            y: top,
            width: width / 2.0,
            height: 20.0,
            fill: None,
            stroke: Some(Stroke {
                thickness: 0.5,
                color: Color::BLACK,
            }),
        }));
    }
    let mut rgba = Vec::new();
    for py in 0..16u32 {
        for px in 0..32u32 {
            let on = (px + py) % 6 < 2;
            rgba.extend_from_slice(&[20, 40, 200, if on { 255 } else { 0 }]);
        }
    }
    page.push(Item::Image(ImageItem {
        x: x + width - 64.0,
        y: top + 28.0,
        width: 64.0,
        height: 32.0,
        key: "signature".into(),
    }));

    let mut images = BTreeMap::new();
    images.insert(
        "signature".to_string(),
        RasterImage {
            width_px: 32,
            height_px: 16,
            rgba,
        },
    );
    Demo {
        doc: DisplayDocument {
            pages: vec![page],
            images,
            metadata: Metadata {
                title: "Kế hoạch chuyển đổi số tỉnh Bắc Ninh".into(),
                author: "Sở Khoa học và Công nghệ".into(),
                subject: "Kế hoạch chuyển đổi số giai đoạn 2026 - 2030".into(),
                keywords: vec!["chuyển đổi số".into()],
                creation_date: Some(
                    chrono::DateTime::parse_from_rfc3339("2026-01-05T09:30:00+07:00").unwrap(),
                ),
            },
            ..DisplayDocument::default()
        },
        paragraphs,
        justified,
    }
}

/// Writes the demo page to `<name>.pdf` (one file per test: tests run in parallel).
fn write_demo(name: &str) -> (FontSet, Demo, PathBuf) {
    let fonts = FontSet::bundled();
    let d = demo(&fonts);
    let bytes = write_pdf(&d.doc, &fonts).expect("demo writes");
    let path = out_dir().join(format!("{name}.pdf"));
    std::fs::write(&path, &bytes).unwrap();
    (fonts, d, path)
}

#[test]
fn demo_page_is_small_and_justified_in_the_display_list() {
    let (_fonts, d, path) = write_demo("demo_page_is_small_and_justified_in_the_display_list");
    let size = std::fs::metadata(&path).unwrap().len();
    eprintln!("demo.pdf: {size} bytes");
    assert!(
        size < 100_000,
        "one page should be well under 100 KB, is {size}"
    );
    assert!(d.justified.len() >= 6);
    let right = tw(PAGE_W_TW - MARGIN_RIGHT_TW);
    for (_, r) in &d.justified {
        assert!(
            (r - right).abs() < 0.5,
            "justified line ends at {r}, not {right}"
        );
    }
    // The display list serialises (the preview draws it as SVG).
    let json = serde_json::to_string(&d.doc.pages[0]).unwrap();
    assert!(json.contains("\"kind\":\"text\""));
}

#[test]
fn demo_fonts_are_embedded_subset_with_tounicode() {
    if !have("pdffonts", "demo_fonts_are_embedded_subset_with_tounicode") {
        return;
    }
    let (_, _, path) = write_demo("demo_fonts_are_embedded_subset_with_tounicode");
    let out = run(Command::new("pdffonts").arg(&path));
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert_eq!(rows.len(), 4, "four faces used:\n{out}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type [type…] encoding emb sub uni object ID
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "emb/sub/uni in: {row}"
        );
        assert!(
            cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+',
            "subset tag: {row}"
        );
        assert!(cols[0].contains("LiberationSerif"));
    }
}

#[test]
fn demo_passes_qpdf_check() {
    if !have("qpdf", "demo_passes_qpdf_check") {
        return;
    }
    let (_, _, path) = write_demo("demo_passes_qpdf_check");
    let out = run(Command::new("qpdf").arg("--check").arg(&path));
    assert!(out.contains("No syntax or stream encoding errors"), "{out}");
}

#[test]
fn demo_metadata_is_written() {
    if !have("pdfinfo", "demo_metadata_is_written") {
        return;
    }
    let (_, _, path) = write_demo("demo_metadata_is_written");
    let out = run(Command::new("pdfinfo").arg(&path));
    assert!(
        out.contains("Kế hoạch chuyển đổi số tỉnh Bắc Ninh"),
        "{out}"
    );
    assert!(out.contains("Sở Khoa học và Công nghệ"), "{out}");
    assert!(out.contains("Producer:        khcds"), "{out}");
    assert!(out.contains("Pages:           1"), "{out}");
    assert!(out.contains("595.3 x 841.9 pts (A4)"), "{out}");
    let version = out.lines().find(|l| l.starts_with("PDF version:")).unwrap();
    let v: f64 = version.split_whitespace().last().unwrap().parse().unwrap();
    assert!(v >= 1.4, "{version}");
    assert!(
        out.contains("CreationDate:") && out.contains("2026"),
        "{out}"
    );
}

#[test]
fn demo_text_extracts_as_nfc() {
    if !have("pdftotext", "demo_text_extracts_as_nfc") {
        return;
    }
    let (_, d, path) = write_demo("demo_text_extracts_as_nfc");
    let out = run(Command::new("pdftotext").arg(&path).arg("-"));
    use unicode_normalization::UnicodeNormalization;
    let nfc: String = out.nfc().collect();
    assert_eq!(nfc, out, "pdftotext output is NFC");
    let flat = collapse(&out);
    let dense = no_space(&out);
    for (text, forced) in &d.paragraphs {
        let expected: String = text.chars().filter(|c| !c.is_control()).collect();
        if *forced {
            // A word cut across lines comes back with a line break inside it.
            assert!(dense.contains(&no_space(&expected)), "missing: {expected}");
        } else {
            assert!(
                flat.contains(&collapse(&expected)),
                "missing: {expected}\nin: {flat}"
            );
        }
    }
    assert!(out.contains("😀"), "emoji extracts through /ActualText");
}

/// `<tag attr="v" …>` attribute lookup for pdftotext's XHTML.
fn attr(tag: &str, name: &str) -> Option<f64> {
    let key = format!("{name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    tag[i..j].parse().ok()
}

/// A line of `pdftotext -bbox-layout` (points, y from the page top).
struct BoxLine {
    y_min: f64,
    y_max: f64,
    x_max: f64,
    words: Vec<String>,
}

/// The lines of each page, as `pdftotext -bbox-layout` groups them.
fn bbox_lines(path: &Path) -> Vec<Vec<BoxLine>> {
    let out = run(Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(path)
        .arg("-"));
    let mut pages = Vec::new();
    for page in out.split("<page ").skip(1) {
        let mut lines = Vec::new();
        for chunk in page.split("<line ").skip(1) {
            let head = &chunk[..chunk.find('>').unwrap_or(0)];
            let mut words = Vec::new();
            for w in chunk.split("<word ").skip(1) {
                let s = w.find('>').map(|i| i + 1).unwrap_or(0);
                let e = w.find("</word>").unwrap_or(s);
                words.push(
                    w[s..e]
                        .replace("&amp;", "&")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\""),
                );
            }
            lines.push(BoxLine {
                y_min: attr(head, "yMin").unwrap_or(0.0),
                y_max: attr(head, "yMax").unwrap_or(0.0),
                x_max: attr(head, "xMax").unwrap_or(0.0),
                words,
            });
        }
        pages.push(lines);
    }
    pages
}

#[test]
fn demo_justified_right_edges_line_up_in_the_pdf() {
    if !have("pdftotext", "demo_justified_right_edges_line_up_in_the_pdf") {
        return;
    }
    let (_, d, path) = write_demo("demo_justified_right_edges_line_up_in_the_pdf");
    let pages = bbox_lines(&path);
    let right = tw(PAGE_W_TW - MARGIN_RIGHT_TW);
    let mut checked = 0;
    for (baseline, _) in &d.justified {
        // pdftotext may split a widely spaced line in pieces: take its rightmost end.
        let x_max = pages[0]
            .iter()
            .filter(|l| l.y_min < *baseline && *baseline < l.y_max)
            .map(|l| l.x_max)
            .fold(f64::NAN, f64::max);
        assert!(
            (x_max - right).abs() < 0.5,
            "line at {baseline} ends at {x_max} in the PDF, margin is {right}"
        );
        checked += 1;
    }
    assert_eq!(checked, d.justified.len());
}

// ---------------------------------------------------------------------------------------
// LibreOffice comparison.

/// CRC-32 (IEEE) for the zip writer.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip archive with stored (uncompressed) entries: all a DOCX needs.
fn zip_stored(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let header = |sig: u32, central_dir: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central_dir {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // needed
            h.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
            h.extend_from_slice(&0u16.to_le_bytes()); // stored
            h.extend_from_slice(&0u32.to_le_bytes()); // time, date
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central_dir {
                h.extend_from_slice(&[0; 6]); // comment length, disk, internal attrs
                h.extend_from_slice(&0u32.to_le_bytes()); // external attrs
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend_from_slice(data);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A comparison case: paragraphs of styled runs (style changes only after a blank), in
/// Times New Roman at `size_pt`, justified, first-line indent 1.27 cm, 1.15 lines, 6 pt
/// after, in a column narrowed by `right_indent_tw`.
struct Case {
    name: &'static str,
    size_half_points: i32,
    right_indent_tw: i32,
    paragraphs: Vec<Vec<(String, Style)>>,
}

impl Case {
    fn size_pt(&self) -> f64 {
        f64::from(self.size_half_points) / 2.0
    }

    fn style(&self, strategy: BreakStrategy) -> ParagraphStyle {
        ParagraphStyle {
            break_strategy: strategy,
            right_indent: tw(self.right_indent_tw),
            mark_size_pt: self.size_pt(),
            ..body_style()
        }
    }

    fn spans(&self, i: usize) -> Vec<Span> {
        self.paragraphs[i]
            .iter()
            .map(|(t, st)| Span::new(t.clone(), *st, self.size_pt()))
            .collect()
    }

    fn text(&self, i: usize) -> String {
        self.paragraphs[i].iter().map(|(t, _)| t.as_str()).collect()
    }
}

/// The case as a DOCX on A4 with the margins above.
fn docx(case: &Case) -> Vec<u8> {
    let mut body = String::new();
    let sz = case.size_half_points;
    for runs in &case.paragraphs {
        body.push_str(&format!(
            "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"{SPACE_AFTER_TW}\" w:line=\"{LINE_240THS}\" w:lineRule=\"auto\"/>\
             <w:ind w:firstLine=\"{INDENT_TW}\" w:right=\"{}\"/><w:jc w:val=\"both\"/></w:pPr>",
            case.right_indent_tw
        ));
        for (text, style) in runs {
            body.push_str(&format!(
                "<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/>\
                 {}{}<w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                if style.bold { "<w:b/>" } else { "" },
                if style.italic { "<w:i/>" } else { "" },
                xml_escape(text)
            ));
        }
        body.push_str("</w:p>");
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}\
         <w:sectPr><w:pgSz w:w=\"{PAGE_W_TW}\" w:h=\"{PAGE_H_TW}\"/><w:pgMar w:top=\"{MARGIN_TOP_TW}\" w:right=\"{MARGIN_RIGHT_TW}\" \
         w:bottom=\"{MARGIN_BOTTOM_TW}\" w:left=\"{MARGIN_LEFT_TW}\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    );
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
        <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
        <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
        <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    zip_stored(&[
        ("[Content_Types].xml", content_types.as_bytes().to_vec()),
        ("_rels/.rels", rels.as_bytes().to_vec()),
        ("word/document.xml", document.into_bytes()),
    ])
}

/// Converts `docx` with LibreOffice; returns the PDF path.
fn libreoffice_pdf(name: &str, docx_bytes: &[u8]) -> PathBuf {
    let dir = out_dir().join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join(format!("{name}.docx"));
    std::fs::write(&input, docx_bytes).unwrap();
    // A private profile: no clash with a running LibreOffice or a parallel test.
    let profile = dir.join("profile");
    run(Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&input));
    dir.join(format!("{name}.pdf"))
}

/// Words ending each line of our layout, per paragraph, plus each line's page and
/// baseline from the top of its page (points) when paginated like LibreOffice (no widow
/// control).
struct OurLines {
    last_words: Vec<Vec<String>>,
    baselines: Vec<(usize, f64)>,
}

fn our_lines(fonts: &FontSet, case: &Case, strategy: BreakStrategy) -> OurLines {
    let style = case.style(strategy);
    let bottom = tw(PAGE_H_TW - MARGIN_BOTTOM_TW);
    let mut y = tw(MARGIN_TOP_TW);
    let mut last_words = Vec::new();
    let mut baselines = Vec::new();
    let mut page = 0;
    for i in 0..case.paragraphs.len() {
        let p = layout_paragraph(fonts, &case.spans(i), &style, text_width());
        let mut words = Vec::new();
        for line in &p.lines {
            if y + line.height_pt() > bottom + 1e-9 {
                y = tw(MARGIN_TOP_TW);
                page += 1;
            }
            baselines.push((page, y + tw(line.baseline)));
            y += line.height_pt();
            let text = line.text();
            words.push(text.split_whitespace().last().unwrap_or("").to_string());
        }
        y += tw(p.space_after);
        last_words.push(words);
    }
    OurLines {
        last_words,
        baselines,
    }
}

/// Agreement of line-ending words between our lines and LibreOffice's, per line.
fn agreement(ours: &[Vec<String>], theirs: &[Vec<String>]) -> (usize, usize) {
    let mut same = 0;
    let mut total = 0;
    for (a, b) in ours.iter().zip(theirs) {
        total += a.len().max(b.len());
        same += a.iter().zip(b).filter(|(x, y)| x == y).count();
    }
    (same, total)
}

/// Lays `case` out with both strategies and with LibreOffice; prints the agreement of
/// line-ending words, asserts that greedy breaking agrees on every line and that every
/// line sits on the same page at the same height. `None` when LibreOffice is missing.
fn compare_with_libreoffice(case: &Case) -> Option<()> {
    let test = format!("line breaks vs LibreOffice ({})", case.name);
    if !have("soffice", &test) || !have("pdftotext", &test) {
        return None;
    }
    let pdf = libreoffice_pdf(case.name, &docx(case));
    if have("pdffonts", &test) {
        let fonts_out = run(Command::new("pdffonts").arg(&pdf));
        assert!(
            fonts_out.contains("LiberationSerif") || fonts_out.contains("TimesNewRoman"),
            "LibreOffice used another font, comparison meaningless:\n{fonts_out}"
        );
    }
    // LibreOffice's lines, grouped into our paragraphs by counting words.
    let mut lo_lines: Vec<(usize, f64, Vec<String>)> = Vec::new();
    for (pi, page) in bbox_lines(&pdf).iter().enumerate() {
        for l in page {
            lo_lines.push((pi, l.y_max, l.words.clone()));
        }
    }
    let mut theirs: Vec<Vec<String>> = Vec::new();
    let mut lo_baselines = Vec::new();
    let mut it = lo_lines.into_iter();
    for i in 0..case.paragraphs.len() {
        let want = case.text(i).split_whitespace().count();
        let mut got = 0;
        let mut ends = Vec::new();
        while got < want {
            let Some((page, y_max, words)) = it.next() else {
                break;
            };
            got += words.len();
            ends.push(words.last().cloned().unwrap_or_default());
            // yMax is the baseline plus the descent LibreOffice wrote in the font
            // descriptor: the same offset for every line, so only differences are compared.
            lo_baselines.push((page, y_max));
        }
        theirs.push(ends);
    }

    let fonts = FontSet::bundled();
    let greedy = our_lines(&fonts, case, BreakStrategy::Greedy);
    let total_fit = our_lines(&fonts, case, BreakStrategy::TotalFit);
    let (g_same, g_total) = agreement(&greedy.last_words, &theirs);
    let (t_same, t_total) = agreement(&total_fit.last_words, &theirs);
    eprintln!(
        "{}: line-end agreement with LibreOffice: greedy {g_same}/{g_total} ({:.1}%), total-fit {t_same}/{t_total} ({:.1}%)",
        case.name,
        100.0 * g_same as f64 / g_total as f64,
        100.0 * t_same as f64 / t_total as f64
    );
    for (i, (a, b)) in greedy.last_words.iter().zip(&theirs).enumerate() {
        if a != b {
            eprintln!("paragraph {i}: ours {a:?}\n             LO   {b:?}");
        }
    }
    assert_eq!(
        g_same, g_total,
        "{}: greedy breaking must match LibreOffice on ordinary paragraphs",
        case.name
    );

    // Same pages and same line positions down each page (relative to the page's first
    // line; the first baseline itself is checked in fonts.rs): line heights, paragraph
    // spacing and page breaks agree. LibreOffice writes positions rounded to 0.1 pt.
    assert_eq!(greedy.baselines.len(), lo_baselines.len());
    let first_on_page = |v: &[(usize, f64)], page: usize| {
        v.iter().find(|(p, _)| *p == page).map(|(_, y)| *y).unwrap()
    };
    for (i, ((pa, a), (pb, b))) in greedy.baselines.iter().zip(&lo_baselines).enumerate() {
        assert_eq!(pa, pb, "line {i} is on page {pa} here, {pb} in LibreOffice");
        let da = a - first_on_page(&greedy.baselines, *pa);
        let db = b - first_on_page(&lo_baselines, *pb);
        assert!(
            (da - db).abs() < 0.11,
            "line {i}: {da:.2} pt below the page's first line here, {db:.2} pt in LibreOffice"
        );
    }
    eprintln!(
        "{}: {} lines on {} page(s) at the same positions as LibreOffice",
        case.name,
        lo_baselines.len(),
        lo_baselines.last().map_or(0, |(p, _)| p + 1)
    );
    Some(())
}

#[test]
fn line_breaks_match_libreoffice() {
    let case = Case {
        name: "lo_body_14pt",
        size_half_points: 28,
        right_indent_tw: 0,
        paragraphs: BODY
            .iter()
            .map(|t| vec![(t.to_string(), Style::REGULAR)])
            .collect(),
    };
    compare_with_libreoffice(&case);
}

#[test]
fn line_breaks_match_libreoffice_in_a_narrow_column_with_mixed_styles() {
    // 13 pt in an 8 cm column (a table cell), with bold, italic and bold-italic words:
    // many more line ends per paragraph, and runs of different widths on each line.
    let styles = [
        Style::REGULAR,
        Style::BOLD,
        Style::REGULAR,
        Style::ITALIC,
        Style::BOLD_ITALIC,
    ];
    let paragraphs = BODY
        .iter()
        .enumerate()
        .map(|(pi, text)| {
            let words: Vec<&str> = text.split(' ').collect();
            words
                .chunks(3)
                .enumerate()
                .map(|(ci, chunk)| {
                    let mut t = chunk.join(" ");
                    if (ci + 1) * 3 < words.len() {
                        t.push(' ');
                    }
                    (t, styles[(pi + ci) % styles.len()])
                })
                .collect()
        })
        .collect();
    let case = Case {
        name: "lo_narrow_13pt_mixed",
        size_half_points: 26,
        right_indent_tw: PAGE_W_TW - MARGIN_LEFT_TW - MARGIN_RIGHT_TW - 4536,
        paragraphs,
    };
    compare_with_libreoffice(&case);
}

// ---------------------------------------------------------------------------------------
// Robustness and speed.

/// A tiny deterministic generator (no dependency needed for a property-style loop).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[(self.next() as usize) % v.len()]
    }
}

#[test]
fn no_panic_on_hostile_input() {
    let fonts = FontSet::bundled();
    let controls: String = (0u32..0x20)
        .chain(0x7F..0xA0)
        .filter_map(char::from_u32)
        .collect();
    let fixed = [
        String::new(),
        " ".into(),
        "     ".into(),
        "\n".into(),
        "\n\n\n".into(),
        "x".repeat(10_000),
        controls.clone(),
        "😀🇻🇳👩‍👩‍👧‍👦".into(),
        "שלום עולם مرحبا بالعالم".into(),
        "e\u{0323}\u{0302}\u{0301}\u{0300}\u{0303}a\u{0306}\u{0309}".into(),
        "\u{200B}\u{200D}\u{FEFF}\u{00AD}\u{2028}\u{2029}\u{FFFF}\u{10FFFF}".into(),
        "Việt Nam\tđẹp\r\nlắm".into(),
    ];
    let pool: Vec<&str> = vec![
        " ", "  ", "\n", "\t", "a", "Việt", "đổi", "số", "😀", "\u{0301}", "\u{0007}", "ש", "ع",
        "-", "/", "(", ")", "—", "\u{00A0}", "\u{200B}", "Ω", "ﬁ", "ΑΒΓ", "中文", "%", "x",
    ];
    let styles = [
        Style::REGULAR,
        Style::BOLD,
        Style::ITALIC,
        Style::BOLD_ITALIC,
    ];
    let widths = [
        0.0,
        -10.0,
        f64::NAN,
        f64::INFINITY,
        1.0,
        20.0,
        120.0,
        467.75,
    ];
    let mut rng = Lcg(42);
    let mut pages = Vec::new();
    let mut cases: Vec<Vec<Span>> = fixed
        .iter()
        .map(|t| vec![Span::new(t.clone(), Style::REGULAR, 14.0)])
        .collect();
    for _ in 0..300 {
        let n = 1 + rng.next() as usize % 4;
        let spans = (0..n)
            .map(|_| {
                let len = rng.next() as usize % 30;
                let text: String = (0..len).map(|_| *rng.pick(&pool)).collect();
                let size = *rng.pick(&[0.0, 1.0, 6.5, 14.0, 40.0, f64::NAN, -3.0]);
                Span::new(text, *rng.pick(&styles), size)
            })
            .collect();
        cases.push(spans);
    }
    for (i, spans) in cases.iter().enumerate() {
        for &w in &widths {
            for strategy in [BreakStrategy::Greedy, BreakStrategy::TotalFit] {
                for align in [Align::Left, Align::Center, Align::Right, Align::Justify] {
                    let style = ParagraphStyle {
                        align,
                        break_strategy: strategy,
                        first_line_indent: if i % 2 == 0 { 36.0 } else { -20.0 },
                        line_spacing: *rng.pick(&[
                            LineSpacing::Multiple(1.15),
                            LineSpacing::Multiple(0.5),
                            LineSpacing::Exact(0.0),
                            LineSpacing::AtLeast(f64::NAN),
                        ]),
                        ..body_style()
                    };
                    let p = layout_paragraph(&fonts, spans, &style, w);
                    assert!(!p.lines.is_empty(), "a paragraph always has a line");
                    assert!(p.lines.iter().all(|l| l.height > 0));
                    if w == 120.0 && align == Align::Justify && strategy == BreakStrategy::Greedy {
                        let mut page = Page::a4_portrait();
                        place_lines(&mut page, &p.lines, 85.0, 57.0);
                        pages.push(page);
                    }
                }
            }
        }
    }
    let doc = DisplayDocument {
        pages,
        ..DisplayDocument::default()
    };
    let (bytes, report) = write_pdf_with_report(&doc, &fonts).expect("hostile pages write");
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(
        report.actual_text_spans > 0,
        "missing glyphs use /ActualText"
    );
    if have("qpdf", "no_panic_on_hostile_input (qpdf)") {
        let path = out_dir().join("hostile.pdf");
        std::fs::write(&path, &bytes).unwrap();
        let out = Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn empty_document_writes() {
    let fonts = FontSet::bundled();
    let doc = DisplayDocument {
        pages: vec![Page::a4_portrait(), Page::a4_landscape()],
        ..DisplayDocument::default()
    };
    let bytes = write_pdf(&doc, &fonts).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
}

#[test]
fn layout_and_writing_speed() {
    let fonts = FontSet::bundled();
    let style = body_style();
    let start = Instant::now();
    let mut lines = 0;
    let mut laid = Vec::new();
    for _ in 0..20 {
        for text in BODY {
            let p = layout_paragraph(
                &fonts,
                &[Span::new(*text, Style::REGULAR, 14.0)],
                &style,
                text_width(),
            );
            lines += p.lines.len();
            laid.push(p);
        }
    }
    let layout = start.elapsed();
    // Paginate crudely into pages and write them.
    let mut pages = Vec::new();
    let mut page = Page::a4_portrait();
    let mut y = tw(MARGIN_TOP_TW);
    for p in &laid {
        if y + tw(p.total_height()) > tw(PAGE_H_TW - MARGIN_BOTTOM_TW) {
            pages.push(std::mem::replace(&mut page, Page::a4_portrait()));
            y = tw(MARGIN_TOP_TW);
        }
        y = place_lines(&mut page, &p.lines, tw(MARGIN_LEFT_TW), y) + tw(p.space_after);
    }
    pages.push(page);
    let n_pages = pages.len();
    let start = Instant::now();
    let bytes = write_pdf(
        &DisplayDocument {
            pages,
            ..DisplayDocument::default()
        },
        &fonts,
    )
    .unwrap();
    let write = start.elapsed();
    eprintln!(
        "layout: {lines} lines in {:?} ({:.0} lines/s); write: {n_pages} pages in {:?} ({:.1} pages/s), {} bytes",
        layout,
        lines as f64 / layout.as_secs_f64(),
        write,
        n_pages as f64 / write.as_secs_f64(),
        bytes.len()
    );
    assert!(lines > 0 && n_pages > 1);
}

#[test]
fn first_line_indent_is_one_point_two_seven_cm() {
    assert!((tw(INDENT_TW) - 1.27 * PT_PER_CM).abs() < 1e-9);
}

#[test]
fn times_new_roman_is_used_only_when_all_four_styles_are_there() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("truetype/msttcorefonts");
    std::fs::create_dir_all(&nested).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts");
    let files = [
        ("LiberationSerif-Regular.ttf", "Times New Roman Regular.ttf"),
        ("LiberationSerif-Bold.ttf", "timesbd.ttf"),
        ("LiberationSerif-Italic.ttf", "timesi.ttf"),
        ("LiberationSerif-BoldItalic.ttf", "TIMESBI.TTF"),
    ];
    // Three styles: not enough, the bundled font is used.
    for (from, to) in &files[1..] {
        std::fs::copy(src.join(from), nested.join(to)).unwrap();
    }
    assert!(FontSet::times_new_roman_in(&[dir.path().to_path_buf()]).is_none());
    // "… Regular.ttf" is not a name Times New Roman ships under; "Times_New_Roman.ttf" is.
    std::fs::copy(src.join(files[0].0), nested.join(files[0].1)).unwrap();
    assert!(FontSet::times_new_roman_in(&[dir.path().to_path_buf()]).is_none());
    std::fs::copy(src.join(files[0].0), nested.join("Times_New_Roman.ttf")).unwrap();
    let set = FontSet::times_new_roman_in(&[dir.path().to_path_buf()]).expect("found");
    match set.origin() {
        khcds::pdf::FontOrigin::SystemTimesNewRoman(paths) => {
            assert_eq!(paths.len(), 4);
            assert!(paths[3].ends_with("TIMESBI.TTF"));
        }
        other => panic!("unexpected origin {other:?}"),
    }
    assert_eq!(
        set.face(Style::BOLD).postscript_name(),
        "LiberationSerif-Bold"
    );
}
