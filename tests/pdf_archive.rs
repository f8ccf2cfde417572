//! The PDF for the archive: PDF/A-2b rule by rule (tests/pdf_support/pdfa.rs), no PDF/X
//! identification, the outline (an entry per heading down to level 2 and per appendix)
//! and page labels that restart in each appendix, for both sample plans.

mod pdf_support;

use std::process::Command;

use khcds::document::{self, Block, Document};
use khcds::layout::Role;
use khcds::model::{Level, PlanKind};
use khcds::pdf::{write_with, FontSet};
use khcds::sample::sample_plan;
use lopdf::Object;
use pdf_support::pdfa::pdfa2b_violations;
use pdf_support::{have, out_dir, run};

fn exported(level: Level) -> (Document, Vec<u8>) {
    let doc = document::build(&sample_plan(level, PlanKind::FiveYear, 1));
    let bytes = write_with(&doc, &FontSet::load()).unwrap();
    (doc, bytes)
}

/// What the outline must list: body headings of levels 1–2, then each appendix.
fn expected_outline(doc: &Document) -> Vec<(u8, String)> {
    let mut out = Vec::new();
    for section in &doc.sections {
        for (i, block) in section.blocks.iter().enumerate() {
            let Block::Paragraph(p) = block else { continue };
            match p.role {
                Role::Heading1 => out.push((1, p.text())),
                Role::Heading2 => out.push((2, p.text())),
                Role::AppendixLabel => {
                    let title = section.blocks[i + 1..].iter().find_map(|b| match b {
                        Block::Paragraph(t) if t.role == Role::AppendixTitle => Some(t.text()),
                        _ => None,
                    });
                    out.push((1, format!("{}. {}", p.text(), title.unwrap_or_default())));
                }
                _ => {}
            }
        }
    }
    out
}

/// The outline read back: (depth, title) in order.
fn outline(pdf: &lopdf::Document) -> Vec<(u8, String)> {
    fn walk(
        pdf: &lopdf::Document,
        first: Option<lopdf::ObjectId>,
        depth: u8,
        out: &mut Vec<(u8, String)>,
    ) {
        let mut next = first;
        while let Some(id) = next {
            let item = pdf.get_dictionary(id).unwrap();
            let title = item.get(b"Title").unwrap().as_str().unwrap();
            let units: Vec<u16> = title[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            out.push((depth, String::from_utf16(&units).unwrap()));
            walk(
                pdf,
                item.get(b"First").and_then(Object::as_reference).ok(),
                depth + 1,
                out,
            );
            next = item.get(b"Next").and_then(Object::as_reference).ok();
        }
    }
    let root = pdf
        .catalog()
        .unwrap()
        .get(b"Outlines")
        .unwrap()
        .as_reference()
        .unwrap();
    let first = pdf
        .get_dictionary(root)
        .unwrap()
        .get(b"First")
        .unwrap()
        .as_reference()
        .ok();
    let mut out = Vec::new();
    walk(pdf, first, 1, &mut out);
    out
}

#[test]
fn exports_are_pdfa_2b_with_outline_and_page_labels() {
    for (name, level) in [("tinh", Level::Tinh), ("bo", Level::Bo)] {
        let (doc, bytes) = exported(level);
        let violations = pdfa2b_violations(&bytes);
        assert!(violations.is_empty(), "{name}: {violations:#?}");

        let pdf = lopdf::Document::load_mem(&bytes).unwrap();
        let expected = expected_outline(&doc);
        assert!(expected.len() > 10, "{name}: the sample has headings");
        assert_eq!(outline(&pdf), expected, "{name}: outline");

        // Page labels: one range per page section, appendices restart with their label.
        let labels = pdf
            .catalog()
            .unwrap()
            .get(b"PageLabels")
            .unwrap()
            .as_dict()
            .unwrap();
        let nums = labels.get(b"Nums").unwrap().as_array().unwrap();
        assert_eq!(
            nums.len(),
            2 * doc.sections.len(),
            "{name}: page label ranges"
        );
        assert_eq!(nums[0].as_i64().unwrap(), 0);
        let (pages, _) = khcds::pdf::paginate::paginate(&doc, &FontSet::load());
        let mut first = 0;
        for (k, section_pages) in pages.iter().enumerate() {
            assert_eq!(
                nums[2 * k].as_i64().unwrap() as usize,
                first,
                "{name}: range {k}"
            );
            first += section_pages.len();
        }

        if have("pdfinfo") && have("qpdf") {
            let path = out_dir().join(format!("archive-{name}.pdf"));
            std::fs::write(&path, &bytes).unwrap();
            let info = run(Command::new("pdfinfo").arg(&path));
            assert!(!info.contains("PDF/X"), "{name}: {info}");
            assert!(info.contains("Custom Metadata: no"), "{name}: {info}");
            assert!(info.contains("Metadata Stream: yes"), "{name}: {info}");
            run(Command::new("qpdf").arg("--check").arg(&path));
        }
    }
}

#[test]
fn the_rule_checks_catch_what_printpdf_alone_writes() {
    // The PDF/X key and intent printpdf can write, no metadata: each rule is named.
    let (_, bytes) = exported(Level::Tinh);
    let mut pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let catalog = pdf.catalog_mut().unwrap();
    catalog.remove(b"Metadata");
    catalog.set(
        "OutputIntents",
        vec![Object::Dictionary(lopdf::dictionary! { "S" => "GTS_PDFX" })],
    );
    let info = pdf.trailer.get(b"Info").unwrap().as_reference().unwrap();
    pdf.get_dictionary_mut(info)
        .unwrap()
        .set("GTS_PDFXVersion", Object::string_literal(""));
    let mut broken = Vec::new();
    pdf.save_to(&mut broken).unwrap();
    let violations = pdfa2b_violations(&broken).join("\n");
    for rule in ["6.2.3 output intent", "PDF/X", "6.6.2.1 metadata"] {
        assert!(
            violations.contains(rule),
            "{rule} not reported:\n{violations}"
        );
    }
}
