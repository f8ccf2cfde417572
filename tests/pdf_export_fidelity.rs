//! The PDF is the same document as the DOCX, page for page: for both sample plans and a
//! `--scale 3` plan, LibreOffice's rendering of our DOCX and our PDF have the same page
//! count, every page starts and ends with the same words, and every appendix page holds
//! the same table rows (the labels of its first column). Any difference fails the test.

mod pdf_support;

use std::path::Path;
use std::process::Command;

use khcds::document::{self, Block, Document};
use khcds::layout::{mm_to_pt, Orientation};
use khcds::model::{Level, PlanKind};
use khcds::pdf::{write_with, FontSet};
use khcds::sample::sample_plan;
use pdf_support::*;

/// Words compared at the start and at the end of every page.
const EDGE_WORDS: usize = 6;

/// The words of a page in reading order, without the page number in the top margin:
/// grouped into lines (a word whose vertical centre is within `LINE_TOLERANCE_PT` of the
/// line's first word belongs to it — centres, because they do not depend on the ascent a
/// PDF producer declares), lines top to bottom, words left to right.
fn page_words(words: &[Word], top_margin: f64) -> Vec<&Word> {
    let mut body: Vec<&Word> = words.iter().filter(|w| w.y1 > top_margin).collect();
    body.sort_by(|a, b| a.centre_y().total_cmp(&b.centre_y()));
    let mut lines: Vec<Vec<&Word>> = Vec::new();
    for w in body {
        match lines.last_mut() {
            Some(line) if w.centre_y() - line[0].centre_y() <= LINE_TOLERANCE_PT => line.push(w),
            _ => lines.push(vec![w]),
        }
    }
    lines
        .into_iter()
        .flat_map(|mut line| {
            line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            line
        })
        .collect()
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

fn summarise(pdf: &Path, top_margin: f64, first_column: (f64, f64)) -> Vec<PageSummary> {
    words(pdf)
        .iter()
        .map(|((width, height), words)| {
            let body = page_words(words, top_margin);
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

#[test]
fn every_page_agrees_with_libreoffice_rendering_the_docx() {
    if !(have("soffice") && have("pdftotext") && have("pdfinfo")) {
        return;
    }
    let fonts = FontSet::load();
    let dir = out_dir().join("fidelity");
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        ("tinh", Level::Tinh, 1),
        ("bo", Level::Bo, 1),
        ("tinh-scale3", Level::Tinh, 3),
    ];
    let docs: Vec<(&str, Document)> = cases
        .iter()
        .map(|(name, level, scale)| {
            let doc = document::build(&sample_plan(*level, PlanKind::FiveYear, *scale));
            std::fs::write(
                dir.join(format!("{name}.docx")),
                khcds::docx::write(&doc).unwrap(),
            )
            .unwrap();
            std::fs::write(
                dir.join(format!("{name}-ours.pdf")),
                write_with(&doc, &fonts).unwrap(),
            )
            .unwrap();
            (*name, doc)
        })
        .collect();
    // One LibreOffice start for the three files.
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
        .arg(&dir)
        .args(
            docs.iter()
                .map(|(name, _)| dir.join(format!("{name}.docx"))),
        ));

    let mut failures = Vec::new();
    for (name, doc) in &docs {
        // Landscape pages have a larger top margin: the smaller one separates the number.
        let top = f64::from(mm_to_pt(
            doc.layout
                .portrait
                .margins_mm
                .top
                .min(doc.layout.landscape.margins_mm.top),
        )) - 2.0;
        let column = first_column(doc);
        let ours = summarise(&dir.join(format!("{name}-ours.pdf")), top, column);
        let theirs = summarise(&dir.join(format!("{name}.pdf")), top, column);
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
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
