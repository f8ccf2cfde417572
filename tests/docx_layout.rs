//! The DOCX of a province plan and of a ministry plan, read back and checked against the
//! layout of Nghị định 30/2020/NĐ-CP (shared/reference/nd30-layout.md), rule by rule.
//! The expected values are the decree's (or the choice noted in nd30-layout.md), not
//! read from the layout module, so a wrong layout rule fails here.

mod docx_support;

use docx_support::*;
use khcds::model::{Level, Plan, PlanKind};
use khcds::sample::sample_plan;
use regex::Regex;

struct Written {
    plan: Plan,
    package: Package,
}

fn written(level: Level, kind: PlanKind) -> Written {
    let plan = sample_plan(level, kind, 1);
    let bytes = khcds::docx::write_plan(&plan).expect("the plan is written");
    Written {
        plan,
        package: Package::read(&bytes),
    }
}

fn find<'p>(paras: &'p [Para], text: &str) -> &'p Para {
    paras
        .iter()
        .find(|p| p.text == text)
        .unwrap_or_else(|| panic!("no paragraph {text:?}"))
}

fn pt(twips: i64) -> f32 {
    twips as f32 / 20.0
}

/// Every rule of the layout, for one plan.
fn check_layout(out: &Written, signer_lines: &[&str], number_pattern: &str) {
    let doc = roxmltree::Document::parse(out.package.part("word/document.xml")).unwrap();
    let styles_doc = roxmltree::Document::parse(out.package.part("word/styles.xml")).unwrap();
    let styles = Styles::new(&styles_doc);
    let body = read_body(&doc, &styles);
    let paras = &body.paragraphs;
    let plan = &out.plan;

    // --- pages: A4 portrait body, landscape appendices, margins, header distance
    let appendices = khcds::document::appendix_labels(plan);
    assert!(appendices.len() >= 2, "{appendices:?}");
    assert_eq!(
        body.sections.len(),
        1 + appendices.len(),
        "the body, then one section per appendix"
    );
    for (i, sect) in body.sections.iter().enumerate() {
        let size = w_(sect, "pgSz");
        let margin = w_(sect, "pgMar");
        let (width, height) = (attr_i(size, "w").unwrap(), attr_i(size, "h").unwrap());
        let m = |side| attr_i(margin, side).unwrap();
        if i == 0 {
            assert_eq!((width, height), (twips(210.0), twips(297.0)), "A4 portrait");
            assert_ne!(attr(size, "orient"), Some("landscape"));
            assert_eq!(
                [m("top"), m("bottom"), m("left"), m("right")],
                [twips(20.0), twips(20.0), twips(30.0), twips(15.0)],
                "portrait margins 20/20/30/15 mm"
            );
        } else {
            assert_eq!(
                (width, height),
                (twips(297.0), twips(210.0)),
                "A4 landscape"
            );
            assert_eq!(attr(size, "orient"), Some("landscape"));
            assert_eq!(
                [m("top"), m("bottom"), m("left"), m("right")],
                [twips(30.0), twips(15.0), twips(20.0), twips(15.0)],
                "landscape margins 30/15/20/15 mm"
            );
        }
        assert_eq!(m("header"), twips(10.0), "page number 10 mm from the top");
        // page numbers: from page 2, restarting at 1 in each section
        assert!(
            w(*sect, "titlePg").is_some(),
            "no number on a section's first page"
        );
        assert_eq!(attr(w_(sect, "pgNumType"), "start"), Some("1"));
        let refs: Vec<&str> = ws(*sect, "headerReference")
            .map(|r| attr(r, "type").unwrap())
            .collect();
        assert_eq!(refs, ["default"], "one header, the default one");
        if i + 1 < body.sections.len() {
            assert_eq!(attr(w_(sect, "type"), "val"), Some("nextPage"));
        }
    }

    // --- the header part: PAGE field, centred, 14 pt
    let rels = out.package.part("word/_rels/document.xml.rels");
    let header_id = ws(body.sections[0], "headerReference")
        .next()
        .unwrap()
        .attribute((R, "id"))
        .expect("r:id");
    let target = Regex::new(&format!(r#"Id="{header_id}"[^>]*Target="([^"]+)""#))
        .unwrap()
        .captures(rels)
        .unwrap_or_else(|| panic!("relationship {header_id}"))[1]
        .to_owned();
    let header = roxmltree::Document::parse(out.package.part(&format!("word/{target}"))).unwrap();
    let p = ws(header.root_element(), "p")
        .next()
        .expect("a paragraph in the header");
    let instr: String = p
        .descendants()
        .filter(|n| n.tag_name().name() == "instrText")
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(instr.trim(), "PAGE");
    let hp = w(w(p, "pPr").unwrap(), "pStyle")
        .and_then(|s| attr(s, "val"))
        .unwrap()
        .to_owned();
    let page_number_style = styles.style(&hp);
    let ppr = w(page_number_style, "pPr").unwrap();
    assert_eq!(attr(w(ppr, "jc").unwrap(), "val"), Some("center"));
    let rpr = w(page_number_style, "rPr").unwrap();
    assert_eq!(
        attr(w(rpr, "sz").unwrap(), "val"),
        Some("28"),
        "page numbers 14 pt"
    );

    // --- fonts: Times New Roman in the four slots, Vietnamese
    let defaults = styles_doc.root_element();
    let rpr_default = w(
        w(w(defaults, "docDefaults").unwrap(), "rPrDefault").unwrap(),
        "rPr",
    )
    .unwrap();
    let fonts = w(rpr_default, "rFonts").unwrap();
    for slot in ["ascii", "hAnsi", "eastAsia", "cs"] {
        assert_eq!(
            attr(fonts, slot),
            Some("Times New Roman"),
            "docDefaults {slot}"
        );
    }
    assert_eq!(attr(w(rpr_default, "lang").unwrap(), "val"), Some("vi-VN"));
    for p in paras.iter().filter(|p| !p.text.is_empty()) {
        assert!(
            p.fonts.iter().all(|f| f == "Times New Roman"),
            "{:?} in {:?}",
            p.fonts,
            p.text
        );
        assert_eq!(p.line_rule, "exact", "exact line pitch: {:?}", p.text);
    }
    assert!(!out.package.part("word/fontTable.xml").contains("Arial"));

    // --- header block: two-column borderless table, fixed layout, column widths
    let (_, header_table) = body.tables[0];
    let cols = grid(header_table);
    assert_eq!(cols.len(), 2);
    let (left, right) = (twips_to_mm(cols[0]), twips_to_mm(cols[1]));
    assert!(
        (60.0..=69.0).contains(&left),
        "left column {left} mm (decree: 6.0–6.9 cm)"
    );
    assert!(
        (95.0..=103.0).contains(&right),
        "right column {right} mm (decree: 9.5–10.3 cm)"
    );
    assert_eq!(
        cols.iter().sum::<i64>(),
        twips(165.0),
        "fills the text width"
    );
    assert!(table_borders(header_table)
        .iter()
        .all(|b| b == "nil" || b == "none"));
    let layout = w(w(header_table, "tblPr").unwrap(), "tblLayout").unwrap();
    assert_eq!(attr(layout, "type"), Some("fixed"));
    for tc in header_table
        .descendants()
        .filter(|n| n.tag_name().name() == "tcBorders")
    {
        assert!(
            tc.children()
                .filter(|c| c.is_element())
                .all(|b| matches!(attr(b, "val"), Some("nil" | "none"))),
            "no cell borders in the header block"
        );
    }
    let in_header = |p: &&Para| p.table.is_some_and(|(t, _, _)| t == 0);
    let header_paras: Vec<&Para> = paras.iter().filter(in_header).collect();

    // ô 2: issuer, upper case, bold, 12–13 pt, centred, in the left column
    let issuer_lines: Vec<&&Para> = header_paras
        .iter()
        .filter(|p| p.style == "KhIssuer")
        .collect();
    assert!(!issuer_lines.is_empty());
    let issuer_text: Vec<&str> = issuer_lines.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(issuer_text.join(" "), plan.header.issuer.to_uppercase());
    for p in &issuer_lines {
        assert!(
            p.bold && (12.0..=13.0).contains(&p.size_pt) && p.align == "center",
            "{p:?}"
        );
        assert_eq!(p.table.unwrap().2, 0, "issuer in the left column");
    }
    // ô 1: quốc hiệu 12–13 bold upper; tiêu ngữ 13–14 bold
    let national = find(paras, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert!(national.bold && (12.0..=13.0).contains(&national.size_pt));
    assert_eq!(national.table.unwrap().2, 1, "right column");
    let motto = find(paras, "Độc lập - Tự do - Hạnh phúc");
    assert!(motto.bold && !motto.italic && (13.0..=14.0).contains(&motto.size_pt));
    // ô 3: "Số: 125/KH-UBND", 13 pt regular
    let number = header_paras
        .iter()
        .find(|p| p.text.starts_with("Số:"))
        .expect("số, ký hiệu");
    // The ký hiệu is one unbreakable word: a word joiner after its hyphen.
    assert!(
        number.text.contains("/\u{2060}KH-\u{2060}"),
        "{:?}",
        number.text
    );
    let read = |t: &str| t.replace(['\n', '\u{a0}'], " ").replace('\u{2060}', "");
    assert!(
        Regex::new(number_pattern)
            .unwrap()
            .is_match(&read(&number.text)),
        "{:?} !~ {number_pattern}",
        number.text
    );
    assert!(!number.bold && !number.italic && number.size_pt == 13.0);
    assert_eq!(number.table.unwrap().2, 0);
    // ô 4: place and date, italic 13–14, the decree's date format
    let date = header_paras
        .iter()
        .find(|p| p.text.contains(", ngày"))
        .expect("địa danh, ngày tháng");
    // The date is one unbreakable phrase: no-break spaces inside it.
    assert!(date.text.contains("ngày\u{a0}"), "{:?}", date.text);
    assert!(date.italic && !date.bold && (13.0..=14.0).contains(&date.size_pt));
    assert_eq!(
        date.table.unwrap(),
        (0, 1, 1),
        "right column, the row of Số"
    );
    let date_re = Regex::new(r"^(.+), ngày (\d\d) tháng (\d\d?) năm (\d{4})$").unwrap();
    let date_text = read(&date.text);
    let caps = date_re
        .captures(&date_text)
        .unwrap_or_else(|| panic!("{}", date.text));
    assert_eq!(&caps[1], plan.header.place);
    let issued = plan.header.date.unwrap();
    use chrono::Datelike;
    assert_eq!(caps[2].parse::<u32>().unwrap(), issued.day());
    let month = &caps[3];
    assert_eq!(month.parse::<u32>().unwrap(), issued.month());
    assert_eq!(
        month.starts_with('0'),
        issued.month() <= 2,
        "month padded only for 1 and 2"
    );

    // --- the rules: drawn (paragraph borders), centred, of the layout's lengths
    let rules: Vec<&Para> = paras
        .iter()
        .filter(|p| p.section == 0 && p.bottom_border.is_some() && p.text.is_empty())
        .collect();
    assert_eq!(
        rules.len(),
        3,
        "under the issuer, the tiêu ngữ and the trích yếu"
    );
    for r in &rules {
        let (val, sz) = r.bottom_border.clone().unwrap();
        assert_eq!(val, "single", "a solid line");
        assert!((2..=8).contains(&sz), "thin: {sz}/8 pt");
        assert_eq!(r.left, r.right, "centred");
    }
    let pad = twips(1.5);
    let rule_len = |r: &Para, container: i64| twips_to_mm(container - r.left - r.right);
    let issuer_rule = rules
        .iter()
        .find(|r| r.table == Some((0, 0, 0)))
        .expect("issuer rule");
    let len = rule_len(issuer_rule, cols[0] - 2 * pad);
    let issuer_width = 68.0;
    assert!(
        (issuer_width / 3.0 - 1.0..=issuer_width / 2.0).contains(&len),
        "issuer rule {len} mm: a third to a half"
    );
    let motto_rule = rules
        .iter()
        .find(|r| r.table == Some((0, 0, 1)))
        .expect("motto rule");
    let len = rule_len(motto_rule, cols[1] - 2 * pad);
    assert!(
        (len - 56.1).abs() < 0.3,
        "tiêu ngữ rule as long as the text: {len} mm"
    );
    let subject_rule = rules
        .iter()
        .find(|r| r.table.is_none())
        .expect("trích yếu rule");
    let len = rule_len(subject_rule, twips(165.0));
    assert!(
        (165.0 / 3.0 - 1.0..=165.0 / 2.0).contains(&len),
        "trích yếu rule {len} mm"
    );
    // Each rule directly follows its text.
    let index = |p: &Para| paras.iter().position(|q| std::ptr::eq(q, p)).unwrap();
    assert_eq!(paras[index(issuer_rule) - 1].style, "KhIssuer");
    assert_eq!(
        paras[index(motto_rule) - 1].text,
        "Độc lập - Tự do - Hạnh phúc"
    );
    // The trích yếu, with its balanced line break and its no-break glue, reads as typed.
    assert_eq!(
        read(&paras[index(subject_rule) - 1].text),
        plan.header.subject.trim()
    );

    // --- title: "KẾ HOẠCH" and the trích yếu, bold, centred, 13–14
    let title = find(paras, "KẾ HOẠCH");
    assert!(title.bold && title.align == "center" && (13.0..=14.0).contains(&title.size_pt));
    let subject = &paras[index(subject_rule) - 1];
    assert!(subject.bold && subject.align == "center");

    // --- căn cứ: italic, justified, ";" then "." at the end
    let bases: Vec<&Para> = paras
        .iter()
        .filter(|p| p.text.starts_with("Căn cứ "))
        .collect();
    assert!(!bases.is_empty());
    for b in &bases {
        assert!(b.italic && b.align == "both", "{b:?}");
    }
    let opening: Vec<&Para> = paras.iter().filter(|p| p.style == "KhLegalBasis").collect();
    for (i, p) in opening.iter().enumerate() {
        let end = if i + 1 == opening.len() { '.' } else { ';' };
        assert!(p.text.ends_with(end), "{:?} should end with {end}", p.text);
    }

    // --- body: 14 pt, justified, first-line indent 1.27 cm, 6 pt after
    let body_paras: Vec<&Para> = paras
        .iter()
        .filter(|p| p.style == "KhBody" && p.section == 0)
        .collect();
    assert!(body_paras.len() > 20);
    for p in &body_paras {
        assert_eq!(p.size_pt, 14.0);
        assert_eq!(p.align, "both", "justified: {:?}", p.text);
        assert_eq!(p.first_line, twips(12.7), "first-line indent 1.27 cm");
        assert_eq!(pt(p.after), 6.0, "6 pt after");
        assert!(
            (15.0..=21.0).contains(&pt(p.line)),
            "single .. 1.5 lines: {}",
            pt(p.line)
        );
    }
    // headings: mục upper bold; khoản bold; kept with the next paragraph
    let muc: Vec<&Para> = paras.iter().filter(|p| p.style == "Heading1").collect();
    assert!(muc.len() >= 6);
    let roman = Regex::new(r"^[IVX]+\. \S").unwrap();
    for h in &muc {
        assert!(roman.is_match(&h.text), "{:?}", h.text);
        assert_eq!(h.text, h.text.to_uppercase());
        assert!(h.bold && h.keep_next && h.size_pt == 14.0);
    }
    let khoan: Vec<&Para> = paras.iter().filter(|p| p.style == "Heading2").collect();
    let arabic = Regex::new(r"^\d+\. \S").unwrap();
    for h in &khoan {
        assert!(arabic.is_match(&h.text) && h.bold && h.keep_next, "{h:?}");
    }
    let sub_khoan = Regex::new(r"^\d+\.\d+\. \S").unwrap();
    for h in paras.iter().filter(|p| p.style == "Heading3") {
        assert!(sub_khoan.is_match(&h.text), "{:?}", h.text);
    }
    let diem = Regex::new(r"^[a-zđ]\d*\) \S").unwrap();
    for h in paras.iter().filter(|p| p.style == "Heading4") {
        assert!(diem.is_match(&h.text), "{:?}", h.text);
    }

    // --- "./." after the body, kept with the closing block
    let closing_index = body
        .tables
        .iter()
        .position(|(s, t)| *s == 0 && t.descendants().any(|n| n.text() == Some("Nơi nhận:")))
        .expect("the closing block");
    let (_, closing) = body.tables[closing_index];
    let before_closing = paras
        .iter()
        .rev()
        .find(|p| p.section == 0 && p.table.is_none() && p.text.ends_with("./."))
        .expect("the body ends with ./.");
    assert!(
        !before_closing.text.ends_with("../."),
        "{:?}",
        before_closing.text
    );
    assert!(before_closing.keep_next, "kept with the closing block");
    let last_body_text = paras
        .iter()
        .rfind(|p| p.section == 0 && p.table.is_none() && !p.text.is_empty())
        .unwrap();
    assert_eq!(
        last_body_text.text, before_closing.text,
        "./. closes the last paragraph"
    );

    // --- the closing block: borderless, one unbreakable row
    assert!(table_borders(closing)
        .iter()
        .all(|b| b == "nil" || b == "none"));
    let rows: Vec<_> = ws(closing, "tr").collect();
    assert_eq!(rows.len(), 1);
    assert!(
        w(w(rows[0], "trPr").unwrap(), "cantSplit").is_some(),
        "closing row cantSplit"
    );
    let ccols = grid(closing);
    let (cl, cr) = (twips_to_mm(ccols[0]), twips_to_mm(ccols[1]));
    assert!(
        (53.0..=69.0).contains(&cl) && (95.0..=111.0).contains(&cr),
        "{cl}/{cr}"
    );
    let left: Vec<&Para> = paras
        .iter()
        .filter(|p| p.table == Some((closing_index, 0, 0)))
        .collect();
    let right: Vec<&Para> = paras
        .iter()
        .filter(|p| p.table == Some((closing_index, 0, 1)))
        .collect();
    assert_eq!(left[0].text, "Nơi nhận:");
    assert!(
        left[0].bold && left[0].italic && left[0].size_pt == 12.0,
        "Nơi nhận 12 pt bold italic"
    );
    let recipients = &left[1..];
    assert!(recipients.len() >= 3);
    for (i, r) in recipients.iter().enumerate() {
        assert_eq!(r.size_pt, 11.0, "recipients 11 pt");
        assert!(!r.bold && !r.italic);
        assert!(r.text.starts_with("- "), "{:?}", r.text);
        let end = if i + 1 == recipients.len() { "." } else { ";" };
        assert!(r.text.ends_with(end), "{:?}", r.text);
    }
    let last = recipients.last().unwrap();
    assert!(
        last.text.starts_with("- Lưu: VT, ") && last.text.ends_with('.'),
        "{:?}",
        last.text
    );
    let right_text: Vec<&str> = right.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(&right_text[..signer_lines.len()], signer_lines);
    for p in &right[..signer_lines.len()] {
        assert!(p.bold && (13.0..=14.0).contains(&p.size_pt) && p.align == "center");
        assert_eq!(p.text, p.text.to_uppercase());
    }
    let name = right.last().unwrap();
    assert_eq!(name.text, plan.signer.name);
    assert!(name.bold && (13.0..=14.0).contains(&name.size_pt));
    assert!(
        pt(name.before) >= 40.0,
        "room for the signature and the seal"
    );

    // --- appendices: landscape sections, heading, bordered tables with header rows
    for (section, label) in (1..).zip(&appendices) {
        let heading: Vec<&Para> = paras
            .iter()
            .filter(|p| p.section == section && p.table.is_none() && !p.text.is_empty())
            .collect();
        assert_eq!(&heading[0].text, label);
        assert!(heading[0].bold && heading[0].size_pt == 14.0 && heading[0].align == "center");
        assert!(heading[1].bold && heading[1].text == heading[1].text.to_uppercase());
        assert!(heading[2].italic && heading[2].align == "center");
        assert!(
            read(&heading[2].text).starts_with(&format!(
                "(Kèm theo Kế hoạch số {} ngày ",
                plan.header.number
            )) && heading[2].text.ends_with(')'),
            "{:?}",
            heading[2].text
        );
        // Mẫu 2.1: the "(Kèm theo …)" line has its short rule under it.
        let note_at = paras
            .iter()
            .position(|p| std::ptr::eq(p, heading[2]))
            .unwrap();
        let rule = &paras[note_at + 1];
        assert!(
            rule.text.is_empty() && rule.bottom_border.is_some() && rule.left == rule.right,
            "{rule:?}"
        );
        let landscape_text = twips(297.0 - 20.0 - 15.0);
        let len = twips_to_mm(landscape_text - rule.left - rule.right);
        assert!((30.0..=60.0).contains(&len), "note rule {len} mm");
        let (_, table) = body
            .tables
            .iter()
            .find(|(s, _)| *s == section)
            .expect("the appendix table");
        let borders = table_borders(*table);
        assert_eq!(borders.len(), 6);
        assert!(borders.iter().all(|b| b == "single"), "{borders:?}");
        assert_eq!(
            grid(*table).iter().sum::<i64>(),
            twips(262.0),
            "landscape text width"
        );
        let rows: Vec<_> = ws(*table, "tr").collect();
        let first_pr = w(rows[0], "trPr").unwrap();
        assert!(
            w(first_pr, "tblHeader").is_some(),
            "header row repeated on every page"
        );
        for row in &rows[1..] {
            let pr = w(*row, "trPr").expect("trPr");
            assert!(w(pr, "tblHeader").is_none());
            assert!(w(pr, "cantSplit").is_some(), "rows not split across pages");
        }
        let header_cells: Vec<&Para> = paras
            .iter()
            .filter(|p| p.section == section && p.table.is_some_and(|(_, r, _)| r == 0))
            .collect();
        assert_eq!(header_cells[0].text, "TT");
        assert!(header_cells.iter().all(|p| p.bold && p.align == "center"));
    }
    let total = paras
        .iter()
        .find(|p| p.section == appendices.len() && p.text == "Tổng cộng")
        .expect("total budget row, in the last appendix (the tasks)");
    assert!(total.bold);

    // --- properties
    let core = out.package.part("docProps/core.xml");
    assert!(core.contains(&format!("<dc:creator>{}</dc:creator>", plan.header.issuer)));
    assert!(core.contains(&format!(
        "<dc:title>Kế hoạch {}</dc:title>",
        plan.header.subject
    )));
    let stamp = format!("{}T00:00:00Z", issued.format("%Y-%m-%d"));
    assert!(core.contains(&format!(
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>"#
    )));
    assert!(!core.contains("unknown"));
}

fn w_<'a>(node: &roxmltree::Node<'a, 'a>, name: &str) -> roxmltree::Node<'a, 'a> {
    w(*node, name).unwrap_or_else(|| panic!("w:{name} missing"))
}

#[test]
fn a_province_plan_follows_the_decree_layout() {
    let written = written(Level::Tinh, PlanKind::FiveYear);
    check_layout(
        &written,
        &["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        r"^Số: \d{2,}/KH-UBND$",
    );
    // "ỦY BAN NHÂN DÂN" above the province's name, as issued documents write it
    let doc = roxmltree::Document::parse(written.package.part("word/document.xml")).unwrap();
    let styles_doc = roxmltree::Document::parse(written.package.part("word/styles.xml")).unwrap();
    let styles = Styles::new(&styles_doc);
    let body = read_body(&doc, &styles);
    let issuer: Vec<&str> = body
        .paragraphs
        .iter()
        .filter(|p| p.style == "KhIssuer")
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(issuer, ["ỦY BAN NHÂN DÂN", "TỈNH HÒA SƠN"]);
}

#[test]
fn a_ministry_plan_follows_the_decree_layout() {
    let written = written(Level::Bo, PlanKind::FiveYear);
    check_layout(
        &written,
        &["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"],
        r"^Số: \d{2,}/KH-[A-ZĐ]+$",
    );
    assert!(written.plan.header.place == "Hà Nội");
    assert!(!written
        .package
        .part("word/document.xml")
        .contains("KH-UBND"));
}

#[test]
fn the_annual_plans_follow_the_decree_layout() {
    let annual = PlanKind::Annual { year: 2026 };
    check_layout(
        &written(Level::Tinh, annual),
        &["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        r"^Số: \d{2,}/KH-UBND$",
    );
    check_layout(
        &written(Level::Bo, annual),
        &["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"],
        r"^Số: \d{2,}/KH-[A-ZĐ]+$",
    );
}

#[test]
fn the_same_plan_gives_the_same_bytes() {
    let plan = sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    let a = khcds::docx::write_plan(&plan).unwrap();
    let b = khcds::docx::write_plan(&plan).unwrap();
    assert!(a == b, "DOCX output is deterministic");
    let mut later = plan.clone();
    later.header.date = chrono::NaiveDate::from_ymd_opt(2026, 2, 3);
    let c = khcds::docx::write_plan(&later).unwrap();
    let text = Package::read(&c);
    assert!(text
        .part("word/document.xml")
        .contains("ngày\u{a0}03\u{a0}tháng\u{a0}02\u{a0}năm\u{a0}2026"));
    assert!(text
        .part("docProps/core.xml")
        .contains("2026-02-03T00:00:00Z"));
}

#[test]
fn an_annual_plan_and_a_body_size_of_13_pt() {
    let mut plan = sample_plan(Level::Bo, PlanKind::Annual { year: 2027 }, 1);
    plan.settings.body_size_pt = 13;
    let package = Package::read(&khcds::docx::write_plan(&plan).unwrap());
    let doc = roxmltree::Document::parse(package.part("word/document.xml")).unwrap();
    let styles_doc = roxmltree::Document::parse(package.part("word/styles.xml")).unwrap();
    let styles = Styles::new(&styles_doc);
    let body = read_body(&doc, &styles);
    let body_paras: Vec<&Para> = body
        .paragraphs
        .iter()
        .filter(|p| p.style == "KhBody")
        .collect();
    assert!(!body_paras.is_empty());
    assert!(body_paras.iter().all(|p| p.size_pt == 13.0));
    let page_number = styles.style("KhPageNumber");
    let sz = w(w(page_number, "rPr").unwrap(), "sz").unwrap();
    assert_eq!(
        attr(sz, "val"),
        Some("26"),
        "page numbers follow the body size"
    );
}
