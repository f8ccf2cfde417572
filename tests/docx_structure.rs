//! What every reader of our exports finds, beyond the look: Word's built-in heading
//! styles (navigation pane, table of contents, screen readers, pandoc), run-in headings,
//! the closing block placed as in Mẫu 1.4, the opening in each form issued plans use —
//! exported by both writers and validated without findings —, and a draft's mark in the
//! header of every page.

mod docx_support;

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use docx_support::*;
use khcds::catalog;
use khcds::framework;
use khcds::model::*;
use khcds::sample::sample_plan;
use khcds::validate::{validate_with, Context};

fn tinh() -> Plan {
    sample_plan(Level::Tinh, PlanKind::FiveYear, 1)
}

fn docx(plan: &Plan) -> Package {
    Package::read(&khcds::docx::write_plan(plan).expect("the plan is written"))
}

/// Text as a reader sees it: no-break spaces as spaces, word joiners as nothing, and
/// whitespace collapsed.
fn read(text: &str) -> String {
    text.replace('\u{2060}', "")
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The body paragraphs of the DOCX (style id, text as read).
fn docx_paragraphs(package: &Package) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(package.part("word/document.xml")).unwrap();
    let styles_doc = roxmltree::Document::parse(package.part("word/styles.xml")).unwrap();
    let styles = Styles::new(&styles_doc);
    read_body(&doc, &styles)
        .paragraphs
        .into_iter()
        .map(|p| (p.style, read(&p.text)))
        .collect()
}

/// Our PDF of the plan, its text as read: its words (`pdftotext -bbox`, which keeps a
/// word joined by U+2060 as one word) in order.
fn pdf_text(plan: &Plan, dir: &Path, name: &str) -> String {
    require("pdftotext");
    let document = khcds::document::build(plan);
    let bytes = khcds::pdf::write(&document).expect("the PDF is written");
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    let out = Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let xml = String::from_utf8(out.stdout).unwrap();
    let words: Vec<&str> = xml
        .split("<word ")
        .skip(1)
        .filter_map(|w| w.split_once('>').and_then(|(_, t)| t.split_once("</word>")))
        .map(|(t, _)| t)
        .collect();
    read(&words.join(" ").replace("&amp;", "&"))
}

fn findings(plan: &Plan) -> Vec<String> {
    let ctx = Context {
        framework: framework::current(),
        catalog: catalog::current(),
        today: NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
    };
    validate_with(plan, &ctx)
        .into_iter()
        .map(|f| format!("{} {:?}: {}", f.rule, f.location, f.message))
        .collect()
}

#[test]
fn a_draft_has_its_mark_in_every_pages_header_and_the_final_nowhere() {
    let final_doc = khcds::document::build(&tinh());
    let mut draft_doc = final_doc.clone();
    draft_doc.properties.draft_mark = Some(khcds::document::DRAFT_MARK.to_owned());
    let mark = khcds::document::DRAFT_MARK;

    let draft = Package::read(&khcds::docx::write(&draft_doc).unwrap());
    let doc = roxmltree::Document::parse(draft.part("word/document.xml")).unwrap();
    let rels = draft.part("word/_rels/document.xml.rels");
    let types = draft.part("[Content_Types].xml");
    let sections: Vec<_> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "sectPr")
        .collect();
    assert_eq!(sections.len(), final_doc.sections.len());
    for sect in sections {
        assert!(w(sect, "titlePg").is_some(), "no number on a first page");
        let refs: Vec<(&str, &str)> = ws(sect, "headerReference")
            .map(|r| (attr(r, "type").unwrap(), r.attribute((R, "id")).unwrap()))
            .collect();
        assert_eq!(
            refs.iter().map(|r| r.0).collect::<Vec<_>>(),
            ["default", "first"]
        );
        for (kind, id) in refs {
            let target = rels
                .split("<Relationship ")
                .find(|r| r.contains(&format!(r#"Id="{id}""#)))
                .and_then(|r| r.split(r#"Target=""#).nth(1))
                .and_then(|t| t.split('"').next())
                .unwrap_or_else(|| panic!("relationship {id}"));
            assert!(types.contains(&format!(r#"PartName="/word/{target}""#)));
            let header = draft.part(&format!("word/{target}"));
            assert!(header.contains(mark), "{kind} header: {header}");
            assert_eq!(header.contains("PAGE"), kind == "default", "{header}");
        }
    }

    let issued = Package::read(&khcds::docx::write(&final_doc).unwrap());
    for name in &issued.names {
        assert!(!issued.part(name).contains(mark), "{name}");
    }
}

#[test]
fn the_parts_and_appendices_of_an_annual_plan_are_in_the_outline_of_both_writers() {
    let plan = sample_plan(Level::Tinh, PlanKind::Annual { year: 2026 }, 1);
    let package = docx(&plan);
    let styles_doc = roxmltree::Document::parse(package.part("word/styles.xml")).unwrap();
    let styles = Styles::new(&styles_doc);
    for style in ["KhPart", "KhAppendixLabel"] {
        let ppr = w(styles.style(style), "pPr").unwrap();
        let outline = w(ppr, "outlineLvl").and_then(|o| attr_i(o, "val"));
        assert_eq!(outline, Some(0), "{style} at the outline's top level");
    }
    let parts: Vec<String> = docx_paragraphs(&package)
        .into_iter()
        .filter(|(s, _)| s == "KhPart")
        .map(|(_, t)| t)
        .collect();
    assert_eq!(parts, ["Phần I", "Phần II"]);

    let doc = khcds::document::build(&plan);
    let display = khcds::pdf::render(&doc, &khcds::pdf::FontSet::bundled());
    let bookmarks: Vec<(u8, String)> = display
        .pages
        .iter()
        .flat_map(|p| &p.bookmarks)
        .map(|b| (b.level, b.title.clone()))
        .collect();
    let at = |title: &str| {
        bookmarks
            .iter()
            .position(|b| b == &(1, title.to_owned()))
            .unwrap_or_else(|| panic!("{title:?} in {bookmarks:#?}"))
    };
    assert!(at("Phần I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2025") < at("I. KẾT QUẢ ĐẠT ĐƯỢC"));
    assert!(at("III. BÀI HỌC KINH NGHIỆM") < at("Phần II. KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026"));
    assert!(
        at("Phần II. KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026")
            < at("Phụ lục I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM 2025")
    );
}

#[test]
fn headings_use_words_built_in_heading_styles() {
    let package = docx(&tinh());
    let styles = roxmltree::Document::parse(package.part("word/styles.xml")).unwrap();
    let styles = Styles::new(&styles);
    for level in 1..=5 {
        let style = styles.style(&format!("Heading{level}"));
        let name = w(style, "name").and_then(|n| attr(n, "val"));
        assert_eq!(name, Some(format!("heading {level}").as_str()));
        assert_eq!(attr(style, "customStyle"), None, "built in, not custom");
        let ppr = w(style, "pPr").expect("pPr");
        let outline = w(ppr, "outlineLvl").and_then(|o| attr_i(o, "val"));
        assert_eq!(outline, Some(level - 1), "heading {level} outline level");
        assert!(
            w(ppr, "keepNext").is_some(),
            "heading {level} keeps with next"
        );
    }
    let paras = docx_paragraphs(&package);
    let with = |style: &str| paras.iter().filter(|(s, _)| s == style).count();
    assert!(with("Heading1") >= 5 && with("Heading2") >= 5, "{paras:?}");
    // The sample's run-in headings are headings too, not bold body paragraphs.
    assert!(paras
        .iter()
        .any(|(s, t)| s == "Heading5" && t == "Tồn tại, hạn chế:"));
    assert!(paras
        .iter()
        .all(|(s, t)| s != "KhBody" || t != "Tồn tại, hạn chế:"));
}

#[test]
fn pandoc_reads_the_outline() {
    require("pandoc");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tinh.docx");
    std::fs::write(&path, khcds::docx::write_plan(&tinh()).unwrap()).unwrap();
    let out = Command::new("pandoc")
        .args(["-f", "docx", "-t", "markdown", "--wrap=none"])
        .arg(&path)
        .output()
        .expect("pandoc runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let markdown = String::from_utf8(out.stdout).unwrap();
    let headings: Vec<String> = markdown
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(read)
        .collect();
    assert!(
        headings.contains(&"# I. CĂN CỨ LẬP KẾ HOẠCH".to_owned()),
        "{headings:?}"
    );
    assert!(headings.iter().any(|h| h.starts_with("## 1. ")));
    assert!(headings.iter().any(|h| h.starts_with("### 2.1. ")));
    assert!(headings.iter().any(|h| h.starts_with("#### a) ")));
    assert!(headings.contains(&"##### Tồn tại, hạn chế:".to_owned()));
}

#[test]
fn the_closing_block_sits_as_in_mau_1_4() {
    let plan = tinh();
    let package = docx(&plan);
    let doc = roxmltree::Document::parse(package.part("word/document.xml")).unwrap();
    // The closing table starts a cell padding left of the margin, so "Nơi nhận:" lines
    // up with it.
    let closing = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .find(|t| text_of(*t).contains("Nơi nhận:"))
        .expect("the closing table");
    let indent = w(w(closing, "tblPr").unwrap(), "tblInd").expect("tblInd");
    let margin = w(
        w(w(closing, "tblPr").unwrap(), "tblCellMar").unwrap(),
        "left",
    )
    .unwrap();
    assert_eq!(attr_i(indent, "w"), attr_i(margin, "w").map(|m| -m));
    // About 30 pt under "./.": 6 pt after the last body paragraph and 24 pt above both
    // columns' first lines, which stay level.
    let styles_doc = roxmltree::Document::parse(package.part("word/styles.xml")).unwrap();
    let styles = Styles::new(&styles_doc);
    for id in ["KhRecipientsHeading", "KhSignerFirstLine"] {
        let spacing = w(w(styles.style(id), "pPr").unwrap(), "spacing").unwrap();
        assert_eq!(attr_i(spacing, "before"), Some(480), "{id}");
    }

    // Our PDF: the same place.
    let dir = tempfile::tempdir().unwrap();
    let document = khcds::document::build(&plan);
    let path = dir.path().join("tinh.pdf");
    std::fs::write(&path, khcds::pdf::write(&document).unwrap()).unwrap();
    require("pdftotext");
    let bbox = Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let bbox = String::from_utf8(bbox.stdout).unwrap();
    let page = bbox
        .split("<page ")
        .find(|p| p.contains(">Nơi</word>"))
        .expect("the closing page");
    let word = |text: &str| -> (f64, f64, f64) {
        let tag = page
            .split("<word ")
            .find(|w| w.contains(&format!(">{text}</word>")))
            .unwrap_or_else(|| panic!("{text} on the closing page"));
        let num = |key: &str| -> f64 {
            let at = tag.find(&format!("{key}=\"")).unwrap() + key.len() + 2;
            tag[at..].split('"').next().unwrap().parse().unwrap()
        };
        (num("xMin"), num("yMin"), num("yMax"))
    };
    let margin_pt = 30.0 * 72.0 / 25.4;
    let (x, noi_top, _) = word("Nơi");
    assert!(
        (x - margin_pt).abs() < 0.5,
        "Nơi nhận at {x} pt, margin {margin_pt}"
    );
    let (_, _, end_bottom) = word("đồng./.");
    let gap = noi_top - end_bottom;
    assert!(
        (26.0..=36.0).contains(&gap),
        "{gap} pt between ./. and Nơi nhận"
    );
    let (_, tm_top, _) = word("TM.");
    assert!((tm_top - noi_top).abs() < 3.0, "TM. level with Nơi nhận");
}

/// The sample's opening in each form issued plans use; for each, the lines it must
/// print, in order.
fn opening_forms() -> Vec<(&'static str, Plan, Vec<String>)> {
    let base = tinh();
    let citations: Vec<String> = base
        .opening
        .legal_bases
        .iter()
        .map(|b| read(&b.citation()))
        .collect();
    let proposal = "Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ.".to_owned();
    let mut forms = Vec::new();

    let mut lines = citations
        .iter()
        .map(|c| format!("Căn cứ {c};"))
        .collect::<Vec<_>>();
    lines.push(proposal.clone());
    forms.push(("lines", base.clone(), lines));

    let mut list = base.clone();
    list.opening.legal_bases_form = LegalBasesForm::List;
    let mut lines = vec!["Căn cứ các văn bản sau:".to_owned()];
    lines.extend(citations.iter().enumerate().map(|(i, c)| {
        let end = if i + 1 == citations.len() { "." } else { ";" };
        format!("- {c}{end}")
    }));
    lines.push(proposal.clone());
    forms.push(("list", list, lines));

    let mut implementing = base.clone();
    implementing.opening.legal_bases_form = LegalBasesForm::Implementing;
    // Typed with the words the document adds: printed once.
    implementing.opening.proposed_by = "Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ".into();
    forms.push((
        "implementing",
        implementing,
        vec![
            format!("Thực hiện {}.", citations.join("; ")),
            proposal.clone(),
        ],
    ));

    // The drafter's own "Thực hiện …" paragraph naming the bases and ending with the
    // issuing sentence, as many provinces write it.
    let mut own = base.clone();
    let paragraph = format!(
        "Thực hiện {}, Ủy ban nhân dân tỉnh ban hành Kế hoạch chuyển đổi số tỉnh Hòa Sơn giai đoạn 2026 - 2030 như sau:",
        citations.join("; ")
    );
    own.opening.legal_bases.clear();
    own.opening.implementing = Some(RichText::plain(paragraph.clone()));
    own.opening.issuing_sentence.clear();
    forms.push(("own paragraph", own, vec![paragraph, proposal]));

    // A trích yếu the drafter broke where they wanted.
    let mut broken = base;
    broken.header.subject = "Chuyển đổi số tỉnh Hòa Sơn\ngiai đoạn 2026 - 2030".into();
    forms.push((
        "trích yếu break",
        broken,
        vec!["Chuyển đổi số tỉnh Hòa Sơn giai đoạn 2026 - 2030".to_owned()],
    ));
    forms
}

#[test]
fn each_opening_form_exports_in_both_writers_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    for (name, plan, expected) in opening_forms() {
        let found = findings(&plan);
        assert!(found.is_empty(), "{name}: {found:#?}");

        let paras = docx_paragraphs(&docx(&plan));
        let texts: Vec<&str> = paras.iter().map(|(_, t)| t.as_str()).collect();
        let first = texts
            .iter()
            .position(|t| *t == expected[0])
            .unwrap_or_else(|| panic!("{name}: {:?} not in the DOCX: {texts:#?}", expected[0]));
        assert_eq!(
            &texts[first..first + expected.len()],
            expected.as_slice(),
            "{name}: the DOCX"
        );

        let pdf = pdf_text(&plan, dir.path(), &name.replace(' ', "-"));
        let all = expected.join(" ");
        let near: String = pdf
            .find(&expected[0][..expected[0].len().min(20)])
            .map(|at| pdf[at..].chars().take(all.chars().count() + 40).collect())
            .unwrap_or_default();
        assert!(
            pdf.contains(&all),
            "{name}: our PDF lacks\n{all:?}\nit has\n{near:?}"
        );
    }
}

#[test]
fn a_drafters_trich_yeu_break_is_kept() {
    let mut plan = tinh();
    plan.header.subject = "Chuyển đổi số tỉnh Hòa Sơn\ngiai đoạn 2026 - 2030".into();
    let document = khcds::document::build(&plan);
    assert!(document
        .texts()
        .iter()
        .any(|t| read(&t.replace('\n', " | "))
            == "Chuyển đổi số tỉnh Hòa Sơn | giai đoạn 2026 - 2030"));
}

#[test]
fn a_target_typed_with_its_percent_sign_is_understood_and_printed_once() {
    let mut typed = tinh();
    let i = typed
        .indicators
        .iter()
        .position(|ind| ind.unit.trim() == "%" && !ind.targets.is_empty())
        .expect("a percentage indicator");
    let mut plain = typed.clone();
    typed.indicators[i].targets[0].value = "80%".into();
    plain.indicators[i].targets[0].value = "80".into();
    // Understood as 80 with unit %: the same findings as "80".
    assert_eq!(findings(&typed), findings(&plain));
    // Printed "80%" in the body and "80" under the "%" column of Phụ lục I, never "80%%".
    let texts = khcds::document::build(&typed).texts();
    assert!(texts.iter().all(|t| !t.contains("%%")), "80%% printed");
    let expected = khcds::document::build(&plain).texts();
    assert_eq!(texts, expected);
}

/// The lines of a PDF as read: `pdftotext -bbox-layout` lines, words joined by spaces.
fn pdf_lines(pdf: &Path) -> Vec<String> {
    require("pdftotext");
    let out = Command::new("pdftotext")
        .args(["-bbox-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let xml = String::from_utf8(out.stdout).unwrap();
    xml.split("<line")
        .skip(1)
        .map(|line| {
            let words: Vec<&str> = line
                .split("<word ")
                .skip(1)
                .filter_map(|w| w.split_once('>').and_then(|(_, t)| t.split_once("</word>")))
                .map(|(t, _)| t)
                .collect();
            read(&words.join(" "))
        })
        .collect()
}

#[test]
fn no_line_breaks_inside_numbers_dates_and_ranges_in_either_writer() {
    let mut plan = tinh();
    let units = [
        "57-NQ/TW",
        "12/TTr-SKHCN",
        "01/2026 - 12/2027",
        "ngày 26 tháng 12 năm 2025",
    ];
    // The same sentence after prefixes of every length, so that each unit meets the end
    // of a line somewhere.
    let paragraphs = 40;
    let section = plan.sections.iter_mut().find(|s| s.id == "I").unwrap();
    section.content = (0..paragraphs)
        .map(|n| {
            Block::paragraph(format!(
                "{} theo Nghị quyết số {}, Tờ trình số {} {}, thời gian {}.",
                "m".repeat(n),
                units[0],
                units[1],
                units[3],
                units[2]
            ))
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let docx_path = dir.path().join("glue.docx");
    std::fs::write(&docx_path, khcds::docx::write_plan(&plan).unwrap()).unwrap();
    let theirs = render_pdf(&[&docx_path], dir.path()).remove(0);
    let ours = dir.path().join("ours.pdf");
    std::fs::write(
        &ours,
        khcds::pdf::write(&khcds::document::build(&plan)).unwrap(),
    )
    .unwrap();
    for (who, pdf) in [("LibreOffice", &theirs), ("our PDF", &ours)] {
        let lines = pdf_lines(pdf);
        for unit in units {
            let whole: usize = lines.iter().map(|l| l.matches(unit).count()).sum();
            assert!(
                whole >= paragraphs,
                "{who}: «{unit}» whole on a line {whole} times of {paragraphs}"
            );
        }
    }
}
