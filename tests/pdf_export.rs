//! `khcds export --format pdf` of the sample plans: the display list follows the layout
//! rules (margins, sizes, page numbers, keep-together rules, repeated table headers), and
//! independent tools read the file back (qpdf, pdffonts, pdftotext).

mod pdf_support;

use std::process::Command;

use khcds::document::{self, Block, Document};
use khcds::layout::{mm_to_pt, Orientation, Role};
use khcds::model::{Level, PlanKind};
use khcds::pdf::{render, write_with, DisplayDocument, FontSet, Item, Page};
use khcds::sample::sample_plan;
use pdf_support::*;
use unicode_normalization::is_nfc;

fn samples() -> Vec<(&'static str, Document)> {
    [
        ("tinh", Level::Tinh, PlanKind::FiveYear),
        ("bo", Level::Bo, PlanKind::FiveYear),
        ("tinh-2026", Level::Tinh, PlanKind::Annual { year: 2026 }),
    ]
    .into_iter()
    .map(|(name, level, kind)| (name, document::build(&sample_plan(level, kind, 1))))
    .collect()
}

/// Pages of each section of `doc` in `display` (sections paginated in order).
fn section_pages<'a>(doc: &Document, display: &'a DisplayDocument) -> Vec<&'a [Page]> {
    let mut out = Vec::new();
    let mut at = 0;
    let (parts, _) = khcds::pdf::paginate::paginate(doc, &FontSet::load());
    for part in parts {
        out.push(&display.pages[at..at + part.len()]);
        at += part.len();
    }
    assert_eq!(at, display.pages.len());
    out
}

fn page_text(page: &Page) -> String {
    page.text_runs()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn display_list_follows_the_layout_rules() {
    let fonts = FontSet::load();
    for (name, doc) in samples() {
        let display = render(&doc, &fonts);
        let layout = &doc.layout;
        let sections = section_pages(&doc, &display);
        assert_eq!(sections.len(), doc.sections.len(), "{name}");
        for (s, pages) in doc.sections.iter().zip(&sections) {
            let setup = layout.page(s.orientation);
            let m = setup.margins_mm;
            let number_size = f64::from(layout.page_number_size_pt());
            for (i, page) in pages.iter().enumerate() {
                assert!(
                    (page.width_pt - f64::from(mm_to_pt(setup.width_mm))).abs() < 0.1,
                    "{name}: page size"
                );
                // Page numbers: none on a section's first page; "i+1" centred in the top
                // margin on the others.
                let in_top_margin: Vec<_> = page
                    .text_runs()
                    .filter(|r| r.baseline < f64::from(mm_to_pt(m.top)))
                    .collect();
                if i == 0 {
                    assert!(in_top_margin.is_empty(), "{name}: number on a first page");
                } else {
                    assert_eq!(in_top_margin.len(), 1, "{name} p{}", i + 1);
                    let n = in_top_margin[0];
                    assert_eq!(n.text, (i + 1).to_string());
                    assert_eq!(n.size_pt, number_size);
                    let centre = n.x + n.width / 2.0;
                    let text_centre = f64::from(mm_to_pt(m.left))
                        + f64::from(mm_to_pt(setup.text_width_mm())) / 2.0;
                    assert!((centre - text_centre).abs() < 0.5, "{name}: number centred");
                }
                // Everything else inside the margins.
                let (l, r) = (
                    f64::from(mm_to_pt(m.left)) - 0.1,
                    page.width_pt - f64::from(mm_to_pt(m.right)) + 0.1,
                );
                let (t, b) = (
                    f64::from(mm_to_pt(m.top)) - 0.1,
                    page.height_pt - f64::from(mm_to_pt(m.bottom)) + 0.1,
                );
                for item in &page.items {
                    match item {
                        Item::Text(run) if run.baseline > t => {
                            assert!(run.x >= l && run.x + run.width <= r, "{name}: {run:?}");
                            assert!(run.baseline <= b, "{name}: below the margin");
                        }
                        Item::Rect(rect) => {
                            assert!(rect.x >= l - 1.0 && rect.x + rect.width <= r + 1.0);
                            assert!(rect.y >= t && rect.y + rect.height <= b, "{name}: {rect:?}");
                        }
                        Item::Line(line) => assert!(line.x1 >= l && line.x2 <= r),
                        _ => {}
                    }
                }
            }
        }
        // Body text at the chosen size; justified lines end at the right margin.
        let body = &sections[0];
        let right = body[0].width_pt - f64::from(mm_to_pt(layout.portrait.margins_mm.right));
        let mut justified = 0;
        for page in body.iter() {
            for run in page.text_runs() {
                if run.baseline > f64::from(mm_to_pt(layout.portrait.margins_mm.top))
                    && run.x + run.width > right - 0.05
                {
                    justified += 1;
                    assert!((run.x + run.width - right).abs() < 0.05);
                    assert_eq!(run.size_pt, f64::from(layout.body_size_pt));
                }
            }
        }
        assert!(justified > 200, "{name}: {justified} justified lines");
        // The closing block is on the page of the last body lines, with "./.".
        let last = body.last().unwrap();
        let text = page_text(last);
        assert!(text.contains("./."), "{name}: ./. on the closing page");
        assert!(text.contains("Nơi nhận:"), "{name}");
        // Appendices: landscape, their table header repeated on every page.
        for (s, pages) in doc.sections.iter().zip(&sections).skip(1) {
            assert_eq!(s.orientation, Orientation::Landscape);
            assert!(pages[0].width_pt > pages[0].height_pt);
            let Some(Block::Table(table)) = s.blocks.last() else {
                panic!("appendix table")
            };
            let first_header = table.header[0].cells[1].paragraphs[0][0].text.clone();
            for (i, page) in pages.iter().enumerate() {
                assert!(
                    page.text_runs()
                        .any(|r| first_header.starts_with(r.text.trim())
                            && !r.text.trim().is_empty()),
                    "{name}: header row on appendix page {}",
                    i + 1
                );
                assert!(page.items.iter().any(|i| matches!(i, Item::Rect(_))));
            }
            assert!(pages.len() > 1, "{name}: the appendix runs over pages");
        }
        // Group and total rows are bold.
        let bold_rows = display
            .pages
            .iter()
            .flat_map(|p| p.text_runs())
            .filter(|r| r.text.starts_with("Tổng cộng") || r.text.starts_with("I. "))
            .count();
        assert!(bold_rows > 0);
        let _ = Role::TableGroup;
    }
}

#[test]
fn tools_read_the_sample_pdfs_back() {
    if !(have("qpdf") && have("pdffonts") && have("pdftotext") && have("pdfinfo")) {
        return;
    }
    let fonts = FontSet::load();
    for (name, doc) in samples() {
        let bytes = write_with(&doc, &fonts).expect("written");
        assert!(bytes.len() < 1_000_000, "{name}: {} bytes", bytes.len());
        let path = out_dir().join(format!("sample-{name}.pdf"));
        std::fs::write(&path, &bytes).unwrap();
        run(Command::new("qpdf").arg("--check").arg(&path));
        // Every font embedded, subset, with ToUnicode.
        let fonts_out = run(Command::new("pdffonts").arg(&path));
        let rows: Vec<&str> = fonts_out.lines().skip(2).collect();
        assert!(rows.len() >= 3, "{name}: {fonts_out}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{name}: {row}");
        }
        // Metadata.
        let info = run(Command::new("pdfinfo").arg(&path));
        let title = info.lines().find(|l| l.starts_with("Title:")).unwrap_or("");
        assert_eq!(
            title["Title:".len()..].trim(),
            doc.properties.title,
            "{info}"
        );
        assert!(info.contains(&doc.properties.author), "{info}");
        // Every paragraph of the plan, in NFC.
        let text = run(Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&path)
            .arg("-"));
        assert!(is_nfc(&text));
        assert!(
            !text.contains(['\u{2060}', '\u{FEFF}']),
            "{name}: word joiners extracted"
        );
        let all = collapse(&text);
        let squeezed: String = all.split(' ').collect();
        let mut missing = Vec::new();
        for t in doc.texts() {
            // The word joiners that keep dates and numbers on one line are not text a
            // reader copies or searches for.
            let t = collapse(&t.replace(['\u{2060}', '\u{FEFF}'], ""));
            if !t.is_empty() && !all.contains(&t) {
                // Lines cut by pages or cells (a word wider than a narrow cell is cut
                // between letters): check word by word, spaces aside.
                let words_ok = t.split(' ').all(|w| squeezed.contains(w));
                // "VIII" is wider than the 10 mm TT column: cut "VII" / "I" (LibreOffice
                // cuts it the same way), and pdftotext reads the two pieces apart.
                let cut_numeral = t.len() <= 5 && t.chars().all(|c| "IVX".contains(c));
                if !words_ok && !cut_numeral {
                    missing.push(t);
                }
            }
        }
        assert!(missing.is_empty(), "{name}: not found: {missing:?}");
        // Read back with positions: text inside the margins, body at the chosen size,
        // page number on page 2 and none on page 1, justified right edges.
        let pages = words(&path);
        assert_eq!(pages.len(), page_count(&path));
        let m = doc.layout.portrait.margins_mm;
        let top = f64::from(mm_to_pt(m.top));
        let right = pages[0].0 .0 - f64::from(mm_to_pt(m.right));
        assert!(
            pages[0].1.iter().all(|w| w.y0 > top - 3.0),
            "{name}: number on page 1"
        );
        let p2_number: Vec<_> = pages[1].1.iter().filter(|w| w.y1 < top).collect();
        assert_eq!(p2_number.len(), 1);
        assert_eq!(p2_number[0].text, "2");
        let mut edges = 0;
        for (size, words) in &pages {
            for w in words {
                assert!(
                    w.x0 >= 0.0 && w.x1 <= size.0 + 0.5 && w.y1 <= size.1,
                    "{name}: {w:?}"
                );
            }
        }
        for (_, words) in pages.iter().take(10) {
            for w in words {
                assert!(w.x0 >= f64::from(mm_to_pt(m.left)) - 0.5 && w.x1 <= right + 0.5);
                if (w.x1 - right).abs() < 0.3 {
                    edges += 1;
                }
            }
        }
        assert!(edges > 50, "{name}: {edges} words end on the right margin");
        // Body size: the height of a body word's box is the font's ascent + descent
        // (Liberation Serif / Times New Roman: 1.107 em).
        let body = f64::from(doc.layout.body_size_pt);
        let heights: Vec<f64> = pages[3].1.iter().map(|w| w.y1 - w.y0).collect();
        let at_body = heights
            .iter()
            .filter(|h| (*h / 1.107 - body).abs() < 0.2)
            .count();
        assert!(at_body * 10 > heights.len() * 9, "{name}: body size");
        println!("{name}: {} pages, {} bytes", pages.len(), bytes.len());
    }
}

#[test]
fn cli_exports_pdf_atomically() {
    let bin = env!("CARGO_BIN_EXE_khcds");
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("kh.khcds");
    run(Command::new(bin)
        .args(["new", "--level", "tinh", "--sample", "-o"])
        .arg(&plan));
    let out = dir.path().join("kh.pdf");
    run(Command::new(bin)
        .arg("export")
        .arg(&plan)
        .args(["--format", "pdf", "-o"])
        .arg(&out));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.len() < 1_000_000);
    // Default output name: same name, .pdf.
    std::fs::remove_file(&out).unwrap();
    run(Command::new(bin)
        .arg("export")
        .arg(&plan)
        .args(["--format", "pdf"]));
    assert!(out.is_file());
    // A failure leaves an existing file untouched and no partial file.
    let before = std::fs::read(&out).unwrap();
    let bad = dir.path().join("missing.khcds");
    let o = Command::new(bin)
        .arg("export")
        .arg(&bad)
        .args(["--format", "pdf", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("Lỗi:"));
    assert_eq!(std::fs::read(&out).unwrap(), before);
    let o = Command::new(bin)
        .arg("export")
        .arg(&plan)
        .args(["--format", "pdf", "-o"])
        .arg(dir.path().join("no-such-dir/kh.pdf"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("không ghi được"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "kh.khcds" && n != "kh.pdf" && !n.starts_with("kh.khcds"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
