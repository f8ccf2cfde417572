//! Hostile plan contents give a valid PDF and no panic: control characters, emoji,
//! 100 000-character paragraphs, empty sections, an empty header, thousands of tasks, a
//! table row taller than a page, malformed tables.

mod pdf_support;

use std::process::Command;

use khcds::document::{self, Block, Cell, Document, PageSection, Paragraph, Row, RowKind, Table};
use khcds::layout::{Align, Orientation, Role};
use khcds::model::*;
use khcds::pdf::{render, write_with, FontSet};
use khcds::sample::sample_plan;
use pdf_support::*;

fn long_text() -> String {
    "Chuyển đổi số toàn diện, ".repeat(4000)
}

fn hostile() -> Vec<String> {
    vec![
        String::new(),
        (0u32..32).filter_map(char::from_u32).collect(),
        (0x7Fu32..0xA0).filter_map(char::from_u32).collect(),
        "a\u{FFFE}b\u{FFFF}c\u{FDD0}d\u{10FFFF}".into(),
        "🇻🇳 👨‍👩‍👧‍👦 🎉 😀 𝕏 𠜎".into(),
        "مرحبا עברית \u{202E}reversed\u{202C}".into(),
        "Vie\u{302}\u{323}t Nam a\u{301}\u{302}\u{303}".into(),
        "dòng 1\ndòng 2\r\ndòng 3\u{b}\u{2028}\tcột".into(),
        "\u{200B}\u{FEFF}\u{00AD}".into(),
        "x".repeat(5000),
    ]
}

fn check(bytes: &[u8], what: &str) {
    assert!(bytes.starts_with(b"%PDF-"), "{what}");
    if have("qpdf") {
        let path = out_dir().join(format!("robust-{what}.pdf"));
        std::fs::write(&path, bytes).unwrap();
        run(Command::new("qpdf").arg("--check").arg(&path));
    }
}

#[test]
fn hostile_plans_give_valid_pdfs() {
    let fonts = FontSet::load();
    let pool = hostile();
    for (i, s) in pool.iter().enumerate() {
        let mut plan = sample_plan(
            if i % 2 == 0 { Level::Tinh } else { Level::Bo },
            PlanKind::FiveYear,
            1,
        );
        plan.header.issuer = s.clone();
        plan.header.subject = s.clone();
        plan.header.number = s.clone();
        plan.header.parent_body = s.clone();
        plan.sections[0]
            .content
            .push(khcds::model::Block::paragraph(s.clone()));
        if let Some(t) = plan.tasks.first_mut() {
            t.name = s.clone();
            t.content = s.clone();
        }
        if let Some(ind) = plan.indicators.first_mut() {
            ind.name = s.clone();
            ind.unit = s.clone();
        }
        plan.recipients = vec![Recipient(s.clone())];
        plan.signer.name = s.clone();
        if i % 3 == 0 {
            plan.sections.iter_mut().for_each(|s| s.content.clear());
        }
        let bytes = write_with(&document::build(&plan), &fonts).expect("written");
        check(&bytes, &format!("hostile-{i}"));
    }
    // Empty header, no sections, no tasks, no indicators, no signer.
    let mut plan = khcds::framework::current().empty_plan(Level::Tinh, PlanKind::FiveYear);
    plan.sections.clear();
    plan.header = Default::default();
    let bytes = write_with(&document::build(&plan), &fonts).expect("written");
    check(&bytes, "empty");
}

#[test]
fn huge_paragraphs_thousands_of_tasks_and_a_row_taller_than_a_page() {
    let fonts = FontSet::load();
    let mut plan = sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    plan.sections[0]
        .content
        .push(khcds::model::Block::paragraph(long_text()));
    let template = plan.tasks[0].clone();
    plan.tasks = (0..3000)
        .map(|i| Task {
            id: format!("nv-{i:05}"),
            area: (i % 9 + 1) as u8,
            name: format!("Nhiệm vụ số {i} 🎯 <&>"),
            ..template.clone()
        })
        .collect();
    plan.tasks[7].content = long_text();
    let doc = document::build(&plan);
    let display = render(&doc, &fonts);
    // The 100 000-character cell runs over several pages, split between lines, with the
    // header row repeated on each.
    let pages_with_long = display
        .pages
        .iter()
        .filter(|p| {
            p.text_runs()
                .any(|r| r.text.contains("Chuyển đổi số toàn diện,"))
        })
        .count();
    assert!(pages_with_long > 3, "{pages_with_long}");
    for page in &display.pages {
        for r in page.text_runs() {
            assert!(r.baseline < page.height_pt, "text inside the page");
        }
    }
    let bytes = write_with(&doc, &fonts).expect("written");
    check(&bytes, "large");
}

fn para(role: Role, text: &str) -> khcds::document::Block {
    khcds::document::Block::Paragraph(Paragraph::new(role, text))
}

#[test]
fn malformed_documents_still_render() {
    let fonts = FontSet::load();
    let plan = sample_plan(Level::Bo, PlanKind::FiveYear, 1);
    let base = document::build(&plan);
    let cell = |span, text: &str| Cell {
        span,
        role: Role::TableCell,
        align: Align::Right,
        paragraphs: vec![vec![Run::plain(text)]],
    };
    let odd = Table {
        columns_mm: vec![f32::NAN, -4.0, 0.0, 1e6],
        header: vec![Row {
            kind: RowKind::Header,
            cells: vec![cell(0, "span 0"), cell(99, "span 99"), cell(1, "extra")],
            keep_with_next: false,
        }],
        rows: vec![
            Row {
                kind: RowKind::Data,
                cells: vec![],
                keep_with_next: false,
            },
            Row {
                kind: RowKind::Total,
                cells: vec![Cell {
                    paragraphs: vec![],
                    ..cell(1, "")
                }],
                keep_with_next: true,
            },
        ],
    };
    let tall = Table {
        columns_mm: vec![50.0, 50.0],
        header: vec![],
        rows: vec![Row {
            kind: RowKind::Data,
            cells: vec![cell(1, &"dòng\n".repeat(300)), cell(1, "ngắn")],
            keep_with_next: true,
        }],
    };
    let mut docs: Vec<Document> = Vec::new();
    let mut d = base.clone();
    d.sections = vec![];
    docs.push(d);
    let mut d = base.clone();
    d.sections = vec![
        PageSection {
            orientation: Orientation::Landscape,
            blocks: vec![Block::Table(odd), Block::Table(tall)],
        },
        PageSection {
            orientation: Orientation::Portrait,
            blocks: vec![],
        },
        PageSection {
            orientation: Orientation::Portrait,
            blocks: vec![para(Role::Heading1, "tiêu đề cuối, giữ với đoạn sau"); 200],
        },
    ];
    docs.push(d);
    for (i, d) in docs.iter().enumerate() {
        let bytes = write_with(d, &fonts).expect("written");
        check(&bytes, &format!("malformed-{i}"));
    }
}

/// A long table cell lays out in time linear in its length: 4× the text takes about 4×
/// the time (the quadratic split took 16×). Best of two runs each, against load noise.
#[test]
fn a_long_table_cell_lays_out_in_linear_time() {
    let fonts = FontSet::load();
    let base = document::build(&sample_plan(Level::Bo, PlanKind::FiveYear, 1));
    let time = |chars: usize| {
        let text: String = "Chuyển đổi số toàn diện, "
            .chars()
            .cycle()
            .take(chars)
            .collect();
        let mut d = base.clone();
        d.sections = vec![PageSection {
            orientation: Orientation::Landscape,
            blocks: vec![Block::Table(Table {
                columns_mm: vec![60.0, 60.0],
                header: vec![],
                rows: vec![Row {
                    kind: RowKind::Data,
                    cells: vec![Cell {
                        span: 1,
                        role: Role::TableCell,
                        align: Align::Left,
                        paragraphs: vec![vec![Run::plain(text)]],
                    }],
                    keep_with_next: false,
                }],
            })],
        }];
        (0..2)
            .map(|_| {
                let t = std::time::Instant::now();
                let pages = render(&d, &fonts).pages.len();
                (t.elapsed().as_secs_f64(), pages)
            })
            .fold((f64::INFINITY, 0), |(t, _), (u, p)| (t.min(u), p))
    };
    let (short, short_pages) = time(25_000);
    let (long, long_pages) = time(100_000);
    eprintln!(
        "25k chars: {short:.3} s, {short_pages} pages; 100k: {long:.3} s, {long_pages} pages"
    );
    assert!(
        long_pages >= 4 * short_pages - 1,
        "the cell runs over its pages"
    );
    assert!(
        long / short < 6.0,
        "4× the text took {:.1}× the time",
        long / short
    );
}
