//! The document model built from the sample plans: structure, numbering, text.

use khcds::document::{self, Block, Document, RowKind};
use khcds::layout::{Orientation, Role};
use khcds::model::{is_nfc, Level, PlanKind};
use khcds::sample::sample_plan;

/// Text as a reader sees it: the no-break glue (U+00A0, U+2060) read as a space and
/// nothing.
fn read(text: String) -> String {
    text.replace('\u{a0}', " ").replace('\u{2060}', "")
}

fn paragraphs(doc: &Document, section: usize) -> Vec<(Role, String)> {
    doc.sections[section]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.role, read(p.text()))),
            _ => None,
        })
        .collect()
}

fn texts(doc: &Document) -> Vec<String> {
    doc.texts().into_iter().map(read).collect()
}

#[test]
fn a_province_plan_reads_like_an_issued_plan() {
    let plan = sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    let doc = document::build(&plan);
    assert_eq!(doc.sections.len(), 3, "body + Phụ lục I + Phụ lục II");
    assert_eq!(doc.sections[0].orientation, Orientation::Portrait);
    assert!(doc.sections[1..]
        .iter()
        .all(|s| s.orientation == Orientation::Landscape));

    let Block::Columns(header) = &doc.sections[0].blocks[0] else {
        panic!("the document opens with the header block");
    };
    let header_text: Vec<String> = header
        .rows
        .iter()
        .flatten()
        .flatten()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(read(p.text())),
            _ => None,
        })
        .collect();
    assert!(header_text.contains(&"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_owned()));
    assert!(header_text.contains(&"Độc lập - Tự do - Hạnh phúc".to_owned()));
    assert!(header_text
        .iter()
        .any(|t| t.starts_with("Số: ") && t.ends_with("/KH-UBND")));
    assert!(header_text
        .iter()
        .any(|t| t.contains(", ngày ") && t.contains(" tháng ") && t.contains(" năm 2025")));

    let body = paragraphs(&doc, 0);
    assert!(body
        .iter()
        .any(|(r, t)| *r == Role::DocumentTitle && t == "KẾ HOẠCH"));
    let headings: Vec<&str> = body
        .iter()
        .filter(|(r, _)| *r == Role::Heading1)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(headings[0], "I. CĂN CỨ LẬP KẾ HOẠCH");
    assert_eq!(
        headings[1], "II. MỤC ĐÍCH, YÊU CẦU",
        "the custom section is numbered in place"
    );
    assert!(headings.iter().any(|h| h.starts_with("III. MỤC TIÊU")));
    assert!(body
        .iter()
        .any(|(r, t)| *r == Role::Heading3 && t.starts_with("2.1. Phát triển Chính quyền số")));
    assert!(body
        .iter()
        .any(|(r, t)| *r == Role::Heading4 && t.starts_with("a) ")));
    assert!(body
        .iter()
        .any(|(r, t)| *r == Role::Heading2 && t.starts_with("7. Chính quyền số")));
    // The legal bases end with ";" and the last opening line with ".".
    let bases: Vec<&str> = body
        .iter()
        .filter(|(r, _)| *r == Role::LegalBasis)
        .map(|(_, t)| t.as_str())
        .collect();
    assert!(bases.len() >= 5);
    assert!(
        bases[..bases.len() - 1].iter().all(|b| b.ends_with(';')),
        "{bases:?}"
    );
    assert!(bases.last().unwrap().ends_with('.'));
    // Indicators are written out in section II: every minimum indicator appears.
    for national in &khcds::framework::current().indicators {
        let indicator = plan
            .indicators
            .iter()
            .find(|i| i.national.as_deref() == Some(&national.id))
            .unwrap();
        assert!(
            body.iter()
                .any(|(_, t)| t.starts_with(&format!("- {}", indicator.name.trim()))),
            "{}",
            national.id
        );
    }
    // The body ends with "./." and is kept with the closing block.
    let last_body = doc.sections[0]
        .blocks
        .iter()
        .rev()
        .find_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            _ => None,
        })
        .unwrap();
    assert!(last_body.text().ends_with("./."), "{}", last_body.text());
    assert!(last_body.keep_with_next);
    let Some(Block::Columns(closing)) = doc.sections[0].blocks.last() else {
        panic!("the body ends with the closing block");
    };
    let closing_text: Vec<String> = closing.rows[0]
        .iter()
        .flatten()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text()),
            _ => None,
        })
        .collect();
    assert_eq!(closing_text[0], "Nơi nhận:");
    assert!(closing_text
        .iter()
        .any(|t| t.starts_with("- Lưu: VT") && t.ends_with('.')));
    assert!(closing_text.contains(&"TM. ỦY BAN NHÂN DÂN".to_owned()));
    assert!(closing_text.contains(&"KT. CHỦ TỊCH".to_owned()));
    assert!(closing_text.contains(&"PHÓ CHỦ TỊCH".to_owned()));

    // Appendices.
    let appendix1 = paragraphs(&doc, 1);
    assert_eq!(appendix1[0].1, "Phụ lục I");
    assert!(
        appendix1[2].1.starts_with("(Kèm theo Kế hoạch số ")
            && appendix1[2].1.contains("của Ủy ban nhân dân tỉnh Hòa Sơn"),
        "{}",
        appendix1[2].1
    );
    let Some(Block::Table(tasks)) = doc.sections[2].blocks.last() else {
        panic!()
    };
    let total = tasks.rows.last().unwrap();
    assert_eq!(total.kind, RowKind::Total);
    let sum: f64 = plan.tasks.iter().filter_map(|t| t.budget_million_vnd).sum();
    let total_text: String = total.cells[1].paragraphs[0]
        .iter()
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(total_text, khcds::document::format::amount(sum));
    let data_rows = tasks
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Data)
        .count();
    assert_eq!(data_rows, plan.tasks.len());
    for row in tasks.header.iter().chain(&tasks.rows) {
        let width: usize = row.cells.iter().map(|c| c.span).sum();
        assert_eq!(width, tasks.columns_mm.len(), "every row covers the grid");
    }
    assert!(doc.texts().iter().all(|t| is_nfc(t)));
}

#[test]
fn a_ministry_plan_has_the_ministry_header_and_signer() {
    let plan = sample_plan(Level::Bo, PlanKind::FiveYear, 1);
    let doc = document::build(&plan);
    let texts = texts(&doc);
    assert!(texts.iter().any(|t| t == "KT. BỘ TRƯỞNG"));
    assert!(texts.iter().any(|t| t == "THỨ TRƯỞNG"));
    assert!(texts
        .iter()
        .any(|t| t.starts_with("2.1. Phát triển Chính phủ số")));
    assert!(texts
        .iter()
        .any(|t| t.starts_with("Số: ") && t.contains("/KH-")));
}

#[test]
fn an_annual_plan_has_one_target_column() {
    let plan = sample_plan(Level::Tinh, PlanKind::Annual { year: 2026 }, 1);
    let doc = document::build(&plan);
    let Some(Block::Table(indicators)) = doc.sections[1].blocks.last() else {
        panic!()
    };
    assert_eq!(indicators.columns_mm.len(), 7);
    assert!(texts(&doc).iter().any(|t| t == "Mục tiêu năm 2026"));
    assert!(texts(&doc).iter().any(|t| t.contains("trong năm 2026")));
}

#[test]
fn an_empty_plan_still_builds() {
    let plan = khcds::framework::current().empty_plan(Level::Tinh, PlanKind::FiveYear);
    let doc = document::build(&plan);
    assert_eq!(
        doc.sections.len(),
        1,
        "no appendix without indicators or tasks"
    );
    assert!(texts(&doc).iter().any(|t| t.ends_with("./.")));
}

#[test]
fn the_text_is_final_in_the_model_and_both_writers_render_it_alike() {
    let mut plan = sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    // Pasted from elsewhere: a tab, Windows and Unicode line ends, a bell, decomposed
    // letters, in a body paragraph and in a task's name (an appendix cell).
    let pasted = "Khẩn\ttrương\r\nxyzw\u{85}hai\u{7}ba Vie\u{323}\u{302}t";
    let section = plan
        .sections
        .iter_mut()
        .find(|s| !s.content.is_empty())
        .unwrap();
    section.content.push(khcds::model::Block::paragraph(pasted));
    plan.tasks[0].name = pasted.to_owned();
    let doc = document::build(&plan);
    let expected = "Khẩn trương\nxyzw\nhaiba Việt";
    let all = doc.texts();
    assert!(all.iter().filter(|t| t.contains(expected)).count() >= 2);
    for text in all.iter().chain([&doc.properties.title]) {
        assert!(
            !text.contains(['\t', '\r', '\u{85}', '\u{7}']) && is_nfc(text),
            "{text:?}"
        );
    }
    // The DOCX writes a line break where the model has one, and no tab.
    let bytes = khcds::docx::write(&doc).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(!xml.contains("<w:tab/>"));
    assert!(xml.contains(r#"<w:t xml:space="preserve">Khẩn trương</w:t><w:br w:type="textWrapping"/><w:t xml:space="preserve">xyzw</w:t><w:br w:type="textWrapping"/><w:t xml:space="preserve">haiba Việt</w:t>"#));
    // The PDF breaks the lines at the same places and draws the tab as the space.
    let display = khcds::pdf::render(&doc, &khcds::pdf::FontSet::bundled());
    let body_pages = display.page_labels[1].first_page;
    let lines: Vec<(f64, String)> = display.pages[..body_pages]
        .iter()
        .flat_map(|p| p.text_runs())
        .filter(|r| ["Khẩn trương", "xyzw", "haiba Việt"].contains(&r.text.trim()))
        .map(|r| (r.baseline, r.text.trim().to_owned()))
        .take(3)
        .collect();
    assert_eq!(
        lines.iter().map(|l| l.1.as_str()).collect::<Vec<_>>(),
        ["Khẩn trương", "xyzw", "haiba Việt"]
    );
    assert!(lines[0].0 < lines[1].0 && lines[1].0 < lines[2].0);
}
