//! The PDF is the same document as the DOCX, page for page: for the five-year sample plans
//! of both levels at scale 1 and 3, the annual samples of 2026 (one as a draft) and the
//! report of the province's evaluation, LibreOffice's rendering
//! of our DOCX and our PDF have the same page count, every page starts and ends with the
//! same words, and every appendix page holds the same table rows (the labels of its first
//! column). Any difference fails the test.
//!
//! And the keeps hold on the laid-out pages, in our paginator's display list and in
//! LibreOffice's rendering alike: no heading (of any level, run-in headings included), no
//! other paragraph that keeps with the next, and no appendix group row is the last thing
//! on a page.

mod pdf_support;

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use khcds::document::{self, Block, Document};
use khcds::layout::{mm_to_pt, Orientation};
use khcds::model::{Level, PlanKind};
use khcds::pdf::{render, write_pdf, DisplayDocument, FontSet, Item};
use khcds::sample::sample_plan;
use pdf_support::*;

/// Words compared at the start and at the end of every page.
const EDGE_WORDS: usize = 6;

/// The lines of a page in reading order, without the page number in the top margin: a
/// word whose vertical centre is within `LINE_TOLERANCE_PT` of the line's first word
/// belongs to it (centres, because they do not depend on the ascent a PDF producer
/// declares); lines top to bottom, words left to right.
fn page_lines(words: &[Word], top_margin: f64) -> Vec<Vec<&Word>> {
    let mut body: Vec<&Word> = words.iter().filter(|w| w.y1 > top_margin).collect();
    body.sort_by(|a, b| a.centre_y().total_cmp(&b.centre_y()));
    let mut lines: Vec<Vec<&Word>> = Vec::new();
    for w in body {
        match lines.last_mut() {
            Some(line) if w.centre_y() - line[0].centre_y() <= LINE_TOLERANCE_PT => line.push(w),
            _ => lines.push(vec![w]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    lines
}

/// Words of one line differ this much at most in their vertical centres (different
/// sizes and styles in neighbouring table cells); lines are at least 13 pt apart.
const LINE_TOLERANCE_PT: f64 = 4.0;

/// What is compared on one page.
#[derive(Debug, PartialEq)]
struct PageSummary {
    first: Vec<String>,
    last: Vec<String>,
    /// Landscape (appendix) pages: the words in the table's first column, top to bottom —
    /// the row numbers and group labels, i.e. which rows the page holds.
    rows: Vec<String>,
}

fn summarise(pages: &[PageWords], top_margin: f64, first_column: (f64, f64)) -> Vec<PageSummary> {
    pages
        .iter()
        .map(|((width, height), words)| {
            let body: Vec<&Word> = page_lines(words, top_margin).concat();
            let text = |w: &&Word| w.text.clone();
            PageSummary {
                first: body.iter().take(EDGE_WORDS).map(text).collect(),
                last: body.iter().rev().take(EDGE_WORDS).rev().map(text).collect(),
                rows: if width > height {
                    body.iter()
                        .filter(|w| w.x0 >= first_column.0 && w.x1 <= first_column.1)
                        .map(text)
                        .collect()
                } else {
                    Vec::new()
                },
            }
        })
        .collect()
}

/// A page's size (points) and its words.
type PageWords = ((f64, f64), Vec<Word>);

/// The words of our display list, as `pdftotext -bbox` reads a PDF: each text run a
/// word, its box from the baseline by the face's usual ascent and descent.
fn display_words(display: &DisplayDocument) -> Vec<PageWords> {
    display
        .pages
        .iter()
        .map(|page| {
            let words = page
                .items
                .iter()
                .filter_map(|item| match item {
                    Item::Text(run) => Some(Word {
                        x0: run.x,
                        y0: run.baseline - 0.8 * run.size_pt,
                        x1: run.width,
                        y1: run.baseline + 0.2 * run.size_pt,
                        text: run.text.clone(),
                    }),
                    _ => None,
                })
                .collect();
            ((page.width_pt, page.height_pt), words)
        })
        .collect()
}

/// Text compared without spaces, glue and order: the lines of a table row interleave
/// its cells' lines, so only the characters say which row it is.
fn fingerprint(text: &str) -> String {
    let mut chars: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{2060}')
        .collect();
    chars.sort_unstable();
    chars.into_iter().collect()
}

/// What must never end a page: every paragraph of the flow that keeps with the next
/// block (headings of every level, run-in headings, group labels, titles, the last body
/// paragraph before the closing block) and every table row that does (appendix group
/// rows), as fingerprints.
fn kept_texts(doc: &Document) -> HashSet<String> {
    let mut out = HashSet::new();
    for block in doc.sections.iter().flat_map(|s| &s.blocks) {
        match block {
            Block::Paragraph(p) if p.keep_with_next || doc.layout.style(p.role).keep_with_next => {
                out.insert(fingerprint(&p.text()));
            }
            Block::Table(t) => {
                for row in t.rows.iter().filter(|r| r.keep_with_next) {
                    let text: String = row
                        .cells
                        .iter()
                        .flat_map(|c| &c.paragraphs)
                        .flatten()
                        .map(|r| r.text.as_str())
                        .collect();
                    out.insert(fingerprint(&text));
                }
            }
            _ => {}
        }
    }
    out.retain(|f| !f.is_empty());
    out
}

/// Lines a kept paragraph or row may take at most.
const KEPT_LINES: usize = 8;

/// Pages (from 1) whose last lines are a kept paragraph or row, with those lines.
fn kept_last(pages: &[PageWords], top_margin: f64, kept: &HashSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    for (i, (_, words)) in pages.iter().enumerate() {
        let lines = page_lines(words, top_margin);
        let mut tail = String::new();
        for line in lines.iter().rev().take(KEPT_LINES) {
            let text: String = line.iter().map(|w| w.text.as_str()).collect();
            tail.insert_str(0, &text);
            if kept.contains(&fingerprint(&tail)) {
                out.push(format!("page {}: {tail:?}", i + 1));
                break;
            }
        }
    }
    out
}

/// The left and right edges (points) of the narrowest first column of the appendix
/// tables, inside its cell padding.
fn first_column(doc: &Document) -> (f64, f64) {
    let left = f64::from(mm_to_pt(doc.layout.landscape.margins_mm.left));
    let width = doc
        .sections
        .iter()
        .filter(|s| s.orientation == Orientation::Landscape)
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Table(t) => t.columns_mm.first().copied(),
            _ => None,
        })
        .fold(f32::INFINITY, f32::min);
    (left, left + f64::from(mm_to_pt(width)))
}

/// The top of the body on every page, points: landscape pages have a larger top margin,
/// the smaller one separates the page number.
fn top_margin(doc: &Document) -> f64 {
    f64::from(mm_to_pt(
        doc.layout
            .portrait
            .margins_mm
            .top
            .min(doc.layout.landscape.margins_mm.top),
    )) - 2.0
}

/// The case exported as a draft: the mark on every page changes no page.
const DRAFT_CASE: &str = "bo-2026-draft";

/// The yearly report of the annual sample's evaluation.
const REPORT_CASE: &str = "tinh-2026-bao-cao";

/// Pages (from 1) whose top margin does not show the draft mark.
fn unmarked(pages: &[PageWords], top_margin: f64) -> Vec<usize> {
    let mark: Vec<&str> = document::DRAFT_MARK.split(' ').collect();
    (1..)
        .zip(pages)
        .filter(|(_, (_, words))| {
            let top: Vec<&str> = words
                .iter()
                .filter(|w| w.y1 <= top_margin)
                .map(|w| w.text.as_str())
                .collect();
            !top.windows(mark.len()).any(|w| w == mark.as_slice())
        })
        .map(|(i, _)| i)
        .collect()
}

/// One plan of the comparison: its document, our display list, the DOCX and our PDF
/// written to `out_dir()/fidelity`.
struct Case {
    name: &'static str,
    doc: Document,
    display: DisplayDocument,
}

impl Case {
    fn docx(&self) -> PathBuf {
        dir().join(format!("{}.docx", self.name))
    }
}

fn dir() -> PathBuf {
    out_dir().join("fidelity")
}

/// Built once for both tests of this file.
fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let fonts = FontSet::load();
        std::fs::create_dir_all(dir()).unwrap();
        let annual = PlanKind::Annual { year: 2026 };
        [
            ("tinh", Level::Tinh, PlanKind::FiveYear, 1),
            ("bo", Level::Bo, PlanKind::FiveYear, 1),
            ("tinh-scale3", Level::Tinh, PlanKind::FiveYear, 3),
            ("bo-scale3", Level::Bo, PlanKind::FiveYear, 3),
            ("tinh-2026", Level::Tinh, annual, 1),
            ("bo-2026", Level::Bo, annual, 1),
            (DRAFT_CASE, Level::Bo, annual, 1),
            (REPORT_CASE, Level::Tinh, annual, 1),
        ]
        .into_iter()
        .map(|(name, level, kind, scale)| {
            let plan = sample_plan(level, kind, scale);
            let mut doc = if name == REPORT_CASE {
                document::build_report(&plan).expect("the annual sample's report")
            } else {
                document::build(&plan)
            };
            if name == DRAFT_CASE {
                doc.properties.draft_mark = Some(document::DRAFT_MARK.to_owned());
            }
            let display = render(&doc, &fonts);
            let case = Case { name, doc, display };
            std::fs::write(case.docx(), khcds::docx::write(&case.doc).unwrap()).unwrap();
            std::fs::write(
                dir().join(format!("{name}-ours.pdf")),
                write_pdf(&case.display, &fonts).unwrap(),
            )
            .unwrap();
            case
        })
        .collect()
    })
}

#[test]
fn the_keep_check_finds_a_heading_or_group_row_last_on_a_page() {
    let word = |y: f64, x: f64, text: &str| Word {
        x0: x,
        y0: y,
        x1: x + 10.0,
        y1: y + 12.0,
        text: text.to_owned(),
    };
    let page = |last: Vec<Word>| {
        let mut words = vec![word(100.0, 10.0, "nội"), word(100.0, 30.0, "dung.")];
        words.extend(last);
        ((595.0, 842.0), words)
    };
    let kept: HashSet<String> = ["1. Mục đích", "II Cơ quan nhà nước"]
        .into_iter()
        .map(fingerprint)
        .collect();
    let pages = [
        page(vec![word(120.0, 10.0, "1."), word(120.0, 20.0, "Mục đích")]),
        // A group row whose title wraps, its label centred between the lines.
        page(vec![
            word(120.0, 30.0, "Cơ quan"),
            word(127.0, 10.0, "II"),
            word(134.0, 30.0, "nhà nước"),
        ]),
        page(vec![
            word(120.0, 10.0, "Mục"),
            word(120.0, 20.0, "đích rõ."),
        ]),
    ];
    let found = kept_last(&pages, 50.0, &kept);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("page 1:") && found[1].starts_with("page 2:"));
}

#[test]
fn no_heading_or_group_row_ends_a_page_we_lay_out() {
    let mut failures = Vec::new();
    for case in cases() {
        let kept = kept_texts(&case.doc);
        assert!(kept.len() > 20, "{}: {} kept texts", case.name, kept.len());
        let pages = display_words(&case.display);
        for page in kept_last(&pages, top_margin(&case.doc), &kept) {
            failures.push(format!("{}: {page}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_page_agrees_with_libreoffice_rendering_the_docx() {
    if !(have("soffice") && have("pdftotext") && have("pdfinfo")) {
        return;
    }
    let cases = cases();
    // One LibreOffice start for all the files.
    let profile = tempfile::tempdir().unwrap();
    run(Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir())
        .args(cases.iter().map(Case::docx)));

    let mut failures = Vec::new();
    for case in cases {
        let (name, doc) = (case.name, &case.doc);
        let top = top_margin(doc);
        let column = first_column(doc);
        let ours_words = words(&dir().join(format!("{name}-ours.pdf")));
        let theirs_words = words(&dir().join(format!("{name}.pdf")));
        let ours = summarise(&ours_words, top, column);
        let theirs = summarise(&theirs_words, top, column);
        let differing: Vec<usize> = (0..ours.len().max(theirs.len()))
            .filter(|&i| ours.get(i) != theirs.get(i))
            .collect();
        println!(
            "{name}: pages ours {} / LibreOffice {}; pages that differ: {:?}",
            ours.len(),
            theirs.len(),
            differing.iter().map(|i| i + 1).collect::<Vec<_>>()
        );
        if let Some(&i) = differing.first() {
            failures.push(format!(
                "{name}: {} of {} pages differ; first at page {}:\n  ours:        {:?}\n  LibreOffice: {:?}",
                differing.len(),
                theirs.len(),
                i + 1,
                ours.get(i),
                theirs.get(i)
            ));
        }
        for page in kept_last(&theirs_words, top, &kept_texts(doc)) {
            failures.push(format!("{name}, LibreOffice: kept text last on {page}"));
        }
        for (renderer, pages) in [("ours", &ours_words), ("LibreOffice", &theirs_words)] {
            let unmarked = unmarked(pages, top);
            let marked = pages.len() - unmarked.len();
            if name == DRAFT_CASE && !unmarked.is_empty() {
                failures.push(format!("{name}, {renderer}: no draft mark on {unmarked:?}"));
            } else if name != DRAFT_CASE && marked > 0 {
                failures.push(format!(
                    "{name}, {renderer}: a draft mark on {marked} pages"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
