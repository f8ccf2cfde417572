//! Tagged PDF: the structure tree read back with lopdf (tests/pdf_support/tags.rs) gives
//! the document model's text in order, its headings level by level, its lists and its
//! tables row by row; every glyph is in marked content, page numbers and repeated header
//! rows as artifacts; poppler sees a tagged file; signing keeps the tags.

mod pdf_support;
mod sign_support;

use std::collections::BTreeMap;
use std::process::Command;

use chrono::{TimeZone, Utc};
use khcds::document::{self, Block, Document, RowKind};
use khcds::layout::Role;
use khcds::model::{Level, PlanKind};
use khcds::pdf::{write_with, FontSet};
use khcds::sample::sample_plan;
use khcds::sign::pdf::{sign, PdfSignOptions};
use khcds::sign::Pkcs12Signer;
use pdf_support::tags::{marked_text, structure, Elem};
use pdf_support::{have, out_dir, run};

/// Text as compared: without whitespace (lines are joined without their break) and
/// without the invisible joiners and control characters the PDF does not show.
fn normalized(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && !matches!(c, '\u{2060}' | '\u{FEFF}'))
        .collect()
}

/// Heading level per role, as the DOCX's outline levels have it.
fn heading_level(role: Role) -> Option<u8> {
    match role {
        Role::PartLabel | Role::AppendixLabel | Role::Heading1 => Some(1),
        Role::Heading2 => Some(2),
        Role::Heading3 => Some(3),
        Role::Heading4 => Some(4),
        Role::RunInHeading => Some(5),
        _ => None,
    }
}

fn is_item(text: &str) -> bool {
    text.starts_with("- ") || text.starts_with("+ ")
}

/// What the model says the tree must hold: headings per level, list items, tables and
/// their rows (header rows apart).
#[derive(Debug, Default, PartialEq)]
struct Census {
    headings: BTreeMap<u8, usize>,
    items: usize,
    tables: usize,
    header_rows: usize,
    rows: usize,
}

fn model_census(doc: &Document) -> Census {
    let mut c = Census::default();
    fn walk(blocks: &[Block], c: &mut Census) {
        for block in blocks {
            match block {
                Block::Paragraph(p) => {
                    if let Some(level) = heading_level(p.role) {
                        *c.headings.entry(level).or_default() += 1;
                    } else if is_item(&p.text()) {
                        c.items += 1;
                    }
                }
                Block::Rule(_) => {}
                Block::Columns(cols) => cols.rows.iter().flatten().for_each(|b| walk(b, c)),
                Block::Table(t) => {
                    c.tables += 1;
                    for row in t.header.iter().chain(&t.rows) {
                        if row.kind == RowKind::Header {
                            c.header_rows += 1;
                        } else {
                            c.rows += 1;
                        }
                    }
                }
            }
        }
    }
    doc.sections.iter().for_each(|s| walk(&s.blocks, &mut c));
    c
}

fn tree_census(elems: &[Elem]) -> Census {
    let mut c = Census::default();
    for e in elems {
        match e.kind.as_str() {
            "H1" | "H2" | "H3" | "H4" | "H5" | "H6" => {
                *c.headings.entry(e.kind[1..].parse().unwrap()).or_default() += 1
            }
            "LI" => c.items += 1,
            "Table" => c.tables += 1,
            "TR" if e.children.iter().all(|k| k == "TH") => c.header_rows += 1,
            "TR" => c.rows += 1,
            _ => {}
        }
    }
    c
}

fn check_tree(name: &str, doc: &Document, pdf: &lopdf::Document) {
    let marked = marked_text(pdf);
    assert!(marked.unmarked.is_empty(), "{name}: {:?}", marked.unmarked);
    assert!(
        marked.unbalanced.is_empty(),
        "{name}: {:?}",
        marked.unbalanced
    );
    // Page numbers are artifacts (the first page of each section has none).
    assert!(
        marked.artifacts.iter().any(|t| t.trim() == "2"),
        "{name}: page numbers"
    );

    let elems = structure(pdf);
    assert_eq!(elems[0].kind, "Document", "{name}");
    assert!(
        elems.iter().skip(1).all(|e| e.depth > 0),
        "{name}: one root"
    );

    // The text, element by element in reading order, is the model's, paragraph by
    // paragraph (table cells row by row).
    let tree_text: Vec<String> = elems
        .iter()
        .map(|e| normalized(&e.text))
        .filter(|t| !t.is_empty())
        .collect();
    let model_text: Vec<String> = doc
        .texts()
        .iter()
        .map(|t| normalized(t))
        .filter(|t| !t.is_empty())
        .collect();
    assert!(model_text.len() > 100, "{name}: the sample has text");
    if let Some(k) =
        (0..tree_text.len().min(model_text.len())).find(|&k| tree_text[k] != model_text[k])
    {
        panic!(
            "{name}: paragraph {k} differs:\n tree:  {}\n model: {}",
            tree_text[k], model_text[k]
        );
    }
    assert_eq!(tree_text.len(), model_text.len(), "{name}: paragraphs");

    // Only headings, paragraphs and list bodies hold text; containers hold elements.
    for e in &elems {
        if !e.text.is_empty() {
            assert!(
                matches!(
                    e.kind.as_str(),
                    "P" | "LBody" | "H1" | "H2" | "H3" | "H4" | "H5"
                ),
                "{name}: text in {e:?}"
            );
        }
        let allowed: &[&str] = match e.kind.as_str() {
            "Table" => &["TR"],
            "TR" => &["TH", "TD"],
            "TH" | "TD" => &["P"],
            "L" => &["LI"],
            "LI" => &["LBody"],
            "LBody" => &["L"],
            "P" | "H1" | "H2" | "H3" | "H4" | "H5" => &[],
            "Document" => &["Sect"],
            _ => &["P", "H1", "H2", "H3", "H4", "H5", "L", "Table", "Div"],
        };
        assert!(
            e.children.iter().all(|k| allowed.contains(&k.as_str())),
            "{name}: {} holds {:?}",
            e.kind,
            e.children
        );
        if e.kind == "TR" {
            assert!(!e.children.is_empty(), "{name}: an empty row");
        }
    }
    let census = tree_census(&elems);
    assert_eq!(census, model_census(doc), "{name}");
    assert!(census.tables > 0 && census.items > 10, "{name}: {census:?}");
}

#[test]
fn the_structure_tree_reads_as_the_document_model() {
    let fonts = FontSet::load();
    for (name, level) in [("tinh", Level::Tinh), ("bo", Level::Bo)] {
        let doc = document::build(&sample_plan(level, PlanKind::FiveYear, 1));
        let bytes = write_with(&doc, &fonts).unwrap();
        let pdf = lopdf::Document::load_mem(&bytes).unwrap();
        let catalog = pdf.catalog().unwrap();
        let mark_info = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
        assert!(mark_info.get(b"Marked").unwrap().as_bool().unwrap());
        assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"vi-VN");
        for (_, page) in pdf.get_pages() {
            let page = pdf.get_dictionary(page).unwrap();
            assert!(page.get(b"StructParents").is_ok(), "{name}");
        }
        check_tree(name, &doc, &pdf);

        if have("pdfinfo") && have("pdftotext") {
            let path = out_dir().join(format!("tags-{name}.pdf"));
            std::fs::write(&path, &bytes).unwrap();
            let info = run(Command::new("pdfinfo").arg(&path));
            let tagged = info.lines().find(|l| l.starts_with("Tagged:"));
            assert!(tagged.is_some_and(|l| l.ends_with("yes")), "{name}: {info}");
            assert!(!info.contains("PDF/X"), "{name}: {info}");
            let text = run(Command::new("pdftotext").arg(&path).arg("-"));
            assert!(text.contains("KẾ HOẠCH"), "{name}");
        }
    }
}

#[test]
fn a_signed_export_keeps_its_tags() {
    let fonts = FontSet::load();
    let doc = document::build(&sample_plan(Level::Tinh, PlanKind::FiveYear, 1));
    let bytes = write_with(&doc, &fonts).unwrap();
    let id = sign_support::identity();
    let signer = Pkcs12Signer::open_file(&id.p12, sign_support::PASSWORD).unwrap();
    let options = PdfSignOptions {
        signing_time: Utc.with_ymd_and_hms(2026, 1, 5, 1, 30, 0).unwrap(),
        signature_image: None,
        seal_image: None,
        reason: None,
        location: None,
    };
    let signed = sign(&bytes, &signer, &options).unwrap();
    let pdf = lopdf::Document::load_mem(&signed).unwrap();
    check_tree("signed", &doc, &pdf);
    let violations = pdf_support::pdfa::pdfa2b_violations(&signed);
    assert!(violations.is_empty(), "{violations:#?}");
}
