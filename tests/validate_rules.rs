//! One test per validation rule: a crafted defect, made by mutating a sample plan,
//! makes the rule fire at the expected location with the documented severity; the
//! unmutated sample does not have the finding (`validate_samples.rs` checks that every
//! sample plan reports nothing at all).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use khcds::catalog;
use khcds::framework;
use khcds::model::*;
use khcds::model::{Indicator, LegalBasis, Section, Task};
use khcds::sample::sample_plan;
use khcds::validate::{validate_with, Context, Finding, Part, Severity};

fn ctx() -> Context<'static> {
    Context {
        framework: framework::current(),
        catalog: catalog::current(),
        today: NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
    }
}

fn tinh() -> Plan {
    sample_plan(Level::Tinh, PlanKind::FiveYear, 1)
}

fn bo() -> Plan {
    sample_plan(Level::Bo, PlanKind::FiveYear, 1)
}

fn annual(year: i32) -> Plan {
    sample_plan(Level::Tinh, PlanKind::Annual { year }, 1)
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn show(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "  {} {:?} {:?}/{:?}/{:?}: {}",
                f.rule, f.severity, f.location.part, f.location.id, f.location.field, f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Applies `defect` to `base`; asserts that `rule` fires with `severity` at the location
/// and does not fire on `base`. Returns the finding.
fn fires(
    rule: &str,
    severity: Severity,
    base: Plan,
    defect: impl FnOnce(&mut Plan),
    (part, id, field): (Part, Option<&str>, Option<&str>),
) -> Finding {
    let before = validate_with(&base, &ctx());
    assert!(
        before.iter().all(|f| f.rule != rule),
        "{rule} fires on the unmutated plan:\n{}",
        show(&before)
    );
    let mut plan = base;
    defect(&mut plan);
    let after = validate_with(&plan, &ctx());
    let found = after.iter().find(|f| {
        f.rule == rule
            && f.location.part == part
            && f.location.id.as_deref() == id
            && f.location.field.as_deref() == field
    });
    let Some(found) = found else {
        panic!(
            "{rule} did not fire at {part:?}/{id:?}/{field:?}; findings:\n{}",
            show(&after)
        );
    };
    assert_eq!(found.severity, severity, "{rule}");
    assert!(!found.message.trim().is_empty() && !found.hint.trim().is_empty());
    found.clone()
}

/// Findings of `rule` on `plan`.
fn of(rule: &str, plan: &Plan) -> Vec<Finding> {
    validate_with(plan, &ctx())
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

fn indicator_for<'p>(plan: &'p mut Plan, national: &str) -> &'p mut Indicator {
    plan.indicators
        .iter_mut()
        .find(|i| i.national.as_deref() == Some(national))
        .unwrap_or_else(|| panic!("no indicator for {national}"))
}

fn id_for(plan: &Plan, national: &str) -> String {
    plan.indicators
        .iter()
        .find(|i| i.national.as_deref() == Some(national))
        .map(|i| i.id.clone())
        .unwrap()
}

const HAI_LONG: &str = "2.1a-hai-long-dvc-truc-tuyen";

fn own_indicator(plan: &Plan) -> usize {
    plan.indicators
        .iter()
        .position(|i| i.national.is_none() && i.unit.trim() == "%")
        .unwrap()
}

fn section_mut<'p>(plan: &'p mut Plan, id: &str) -> &'p mut Section {
    fn find<'s>(list: &'s mut [Section], id: &str) -> Option<&'s mut Section> {
        for s in list {
            if s.id == id {
                return Some(s);
            }
            if let Some(found) = find(&mut s.children, id) {
                return Some(found);
            }
        }
        None
    }
    find(&mut plan.sections, id).unwrap()
}

fn custom_section_id(plan: &Plan) -> String {
    plan.sections
        .iter()
        .flat_map(|s| s.walk())
        .find(|s| s.origin == SectionOrigin::Custom)
        .map(|s| s.id.clone())
        .unwrap()
}

use Severity::{Error as E, Hint as H, Warning as W};

// ---------------------------------------------------------------- header

#[test]
fn header_issuer_missing() {
    fires(
        "header.issuer-missing",
        E,
        tinh(),
        |p| p.header.issuer.clear(),
        (Part::Header, None, Some("issuer")),
    );
}

#[test]
fn header_issuer_not_uppercase() {
    let f = fires(
        "header.issuer-not-uppercase",
        H,
        tinh(),
        |p| p.header.issuer = "Ủy ban nhân dân tỉnh Hòa Sơn".into(),
        (Part::Header, None, Some("issuer")),
    );
    assert!(
        f.hint.contains("ỦY BAN NHÂN DÂN TỈNH HÒA SƠN"),
        "{}",
        f.hint
    );
}

#[test]
fn header_issuer_level() {
    fires(
        "header.issuer-level",
        W,
        tinh(),
        |p| p.header.issuer = "SỞ KHOA HỌC VÀ CÔNG NGHỆ".into(),
        (Part::Header, None, Some("issuer")),
    );
    fires(
        "header.issuer-level",
        W,
        bo(),
        |p| p.header.issuer = "ỦY BAN NHÂN DÂN TỈNH HÒA SƠN".into(),
        (Part::Header, None, Some("issuer")),
    );
    // "UỶ BAN" (the older accent placement) is the same body.
    let mut p = tinh();
    p.header.issuer = "UỶ BAN NHÂN DÂN TỈNH HÒA SƠN".into();
    assert!(of("header.issuer-level", &p).is_empty());
}

#[test]
fn header_number_missing() {
    fires(
        "header.number-missing",
        E,
        tinh(),
        |p| p.header.number.clear(),
        (Part::Header, None, Some("number")),
    );
    // Before numbering, "/KH-UBND" is fine.
    let mut p = tinh();
    p.header.number = "/KH-UBND".into();
    assert!(validate_with(&p, &ctx()).is_empty());
}

#[test]
fn header_number_format() {
    fires(
        "header.number-format",
        E,
        tinh(),
        |p| p.header.number = "125 / KH-UBND".into(),
        (Part::Header, None, Some("number")),
    );
    fires(
        "header.number-format",
        E,
        tinh(),
        |p| p.header.number = "125/UBND-KH".into(),
        (Part::Header, None, Some("number")),
    );
}

#[test]
fn header_number_level() {
    fires(
        "header.number-level",
        E,
        tinh(),
        |p| p.header.number = "125/KH-BKHCN".into(),
        (Part::Header, None, Some("number")),
    );
    fires(
        "header.number-level",
        E,
        bo(),
        |p| p.header.number = "45/KH-UBND".into(),
        (Part::Header, None, Some("number")),
    );
}

#[test]
fn header_number_padding() {
    let f = fires(
        "header.number-padding",
        E,
        tinh(),
        |p| p.header.number = "5/KH-UBND".into(),
        (Part::Header, None, Some("number")),
    );
    assert!(f.hint.contains("05/KH-UBND"), "{}", f.hint);
}

#[test]
fn header_place_missing() {
    fires(
        "header.place-missing",
        E,
        bo(),
        |p| p.header.place = "  ".into(),
        (Part::Header, None, Some("place")),
    );
}

#[test]
fn header_date_missing() {
    fires(
        "header.date-missing",
        W,
        tinh(),
        |p| p.header.date = None,
        (Part::Header, None, Some("date")),
    );
}

#[test]
fn header_date_out_of_range() {
    fires(
        "header.date-out-of-range",
        E,
        tinh(),
        |p| p.header.date = date(2035, 1, 2),
        (Part::Header, None, Some("date")),
    );
    fires(
        "header.date-out-of-range",
        E,
        annual(2026),
        |p| p.header.date = date(2027, 1, 2),
        (Part::Header, None, Some("date")),
    );
}

#[test]
fn header_date_future() {
    // Today is 15/01/2026 in these tests.
    fires(
        "header.date-future",
        W,
        tinh(),
        |p| p.header.date = date(2026, 6, 1),
        (Part::Header, None, Some("date")),
    );
    let mut p = tinh();
    p.header.date = date(2026, 2, 10);
    assert!(of("header.date-future", &p).is_empty());
}

#[test]
fn header_subject_missing() {
    fires(
        "header.subject-missing",
        E,
        tinh(),
        |p| p.header.subject.clear(),
        (Part::Header, None, Some("subject")),
    );
}

#[test]
fn header_subject_period() {
    fires(
        "header.subject-period",
        W,
        tinh(),
        |p| p.header.subject = "Chuyển đổi số tỉnh Hòa Sơn".into(),
        (Part::Header, None, Some("subject")),
    );
    fires(
        "header.subject-period",
        W,
        annual(2026),
        |p| p.header.subject = "Chuyển đổi số tỉnh Hòa Sơn năm 2027".into(),
        (Part::Header, None, Some("subject")),
    );
}

// ---------------------------------------------------------------- legal bases, opening

#[test]
fn legal_none() {
    fires(
        "legal.none",
        E,
        tinh(),
        |p| {
            p.opening.legal_bases.clear();
            p.opening.implementing = None;
        },
        (Part::Opening, None, Some("legal_bases")),
    );
}

#[test]
fn legal_bases_listed_in_section_i_count() {
    let mut p = tinh();
    let bases: Vec<String> = p
        .opening
        .legal_bases
        .iter()
        .map(|b| format!("{};", b.citation()))
        .collect();
    p.opening.legal_bases.clear();
    p.opening.implementing = None;
    let section = p.sections.iter_mut().find(|s| s.id == "I").unwrap();
    section.content = bases.iter().map(|b| Block::dash(b.as_str())).collect();
    let found = validate_with(&p, &ctx());
    assert!(
        found.iter().all(|f| !f.rule.starts_with("legal.")),
        "{}",
        show(&found)
    );
    // A sentence about the plan's grounds is not a list of legal bases.
    p.sections.iter_mut().find(|s| s.id == "I").unwrap().content = vec![Block::paragraph(
        "Kế hoạch được xây dựng trên cơ sở thực tiễn của tỉnh.",
    )];
    assert_eq!(of("legal.none", &p).len(), 1);
}

#[test]
fn indicator_duplicate() {
    // A copied indicator of the drafter's own (not from the Khung) is flagged like a
    // copied Khung one.
    let base = tinh();
    let at = format!(
        "{}-copy",
        base.indicators
            .iter()
            .find(|i| i.national.is_none())
            .unwrap()
            .id
    );
    let copy_id = at.clone();
    let f = fires(
        "indicator.duplicate",
        W,
        base,
        move |p| {
            let mut copy = p
                .indicators
                .iter()
                .find(|i| i.national.is_none())
                .unwrap()
                .clone();
            copy.id = copy_id;
            p.indicators.push(copy);
        },
        (Part::Indicator, Some(&at), Some("name")),
    );
    assert!(!f.message.contains(&at), "no internal id: {}", f.message);
}

#[test]
fn messages_name_things_as_the_drafter_sees_them() {
    let mut p = tinh();
    // An unnamed task, a copied task, an unnamed indicator, two indicators answering the
    // same Khung minimum, a task linked to an indicator that is gone.
    p.tasks[0].name.clear();
    let mut copy = p.tasks[1].clone();
    copy.id = "nv-p7jva9ai".into();
    p.tasks.push(copy);
    p.tasks[2].indicators.push("ct-da-xoa".into());
    p.indicators[0].name.clear();
    let twin = p.indicators[1].clone();
    p.indicators.push(Indicator {
        id: "ct-q1w2e3r4".into(),
        ..twin
    });
    let found = validate_with(&p, &ctx());
    for rule in [
        "task.name-missing",
        "task.near-duplicate",
        "task.indicator-unknown",
        "indicator.name-missing",
        "indicator.national-duplicate",
    ] {
        assert!(
            found.iter().any(|f| f.rule == rule),
            "{rule}: {}",
            show(&found)
        );
    }
    let ids: Vec<&str> = p
        .tasks
        .iter()
        .map(|t| t.id.as_str())
        .chain(p.indicators.iter().map(|i| i.id.as_str()))
        .chain(["ct-da-xoa"])
        .collect();
    for f in &found {
        for text in [&f.message, &f.hint] {
            assert!(
                ids.iter().all(|id| !text.contains(id)),
                "{}: an internal id in «{text}»",
                f.rule
            );
            assert!(
                !text.contains("plan.") && !text.contains("]."),
                "{}: a JSON path in «{text}»",
                f.rule
            );
        }
    }
}

#[test]
fn legal_key_document_missing() {
    let f = fires(
        "legal.key-document-missing",
        W,
        tinh(),
        |p| p.opening.legal_bases.retain(|b| b.number != "2629/QĐ-TTg"),
        (Part::Opening, None, Some("legal_bases")),
    );
    assert!(f.message.contains("2629/QĐ-TTg"), "{}", f.message);
    // Cited in the "Thực hiện …" paragraph counts as cited.
    let mut p = tinh();
    p.opening.legal_bases.retain(|b| b.number != "2629/QĐ-TTg");
    p.opening.implementing = Some(RichText::plain(
        "Thực hiện Quyết định số 2629/QĐ-TTg ngày 01/12/2025 của Thủ tướng Chính phủ",
    ));
    assert!(of("legal.key-document-missing", &p).is_empty());
    // A plan dated before a key document was issued is not asked to cite it.
    let mut p = tinh();
    p.header.date = date(2025, 11, 20);
    p.opening
        .legal_bases
        .retain(|b| b.date <= date(2025, 11, 20));
    let missing = of("legal.key-document-missing", &p);
    assert!(
        missing.iter().all(|f| !f.message.contains("2629")),
        "{}",
        show(&missing)
    );
}

#[test]
fn legal_number_missing() {
    fires(
        "legal.number-missing",
        E,
        tinh(),
        |p| p.opening.legal_bases[1].number.clear(),
        (Part::LegalBasis, Some("1"), Some("number")),
    );
}

#[test]
fn legal_number_format() {
    fires(
        "legal.number-format",
        W,
        tinh(),
        |p| p.opening.legal_bases[2].number = "71/QĐ-CP".into(),
        (Part::LegalBasis, Some("2"), Some("number")),
    );
    let f = fires(
        "legal.number-format",
        W,
        tinh(),
        |p| p.opening.legal_bases[4].number = "36 /QĐ-TTg".into(),
        (Part::LegalBasis, Some("4"), Some("number")),
    );
    assert!(f.message.contains("dấu cách"), "{}", f.message);
}

#[test]
fn legal_date_missing() {
    fires(
        "legal.date-missing",
        E,
        tinh(),
        |p| p.opening.legal_bases[1].date = None,
        (Part::LegalBasis, Some("1"), Some("date")),
    );
}

#[test]
fn legal_date_after_plan() {
    fires(
        "legal.date-after-plan",
        E,
        tinh(),
        |p| p.opening.legal_bases[1].date = date(2026, 2, 1),
        (Part::LegalBasis, Some("1"), Some("date")),
    );
    // An undated plan is compared with today.
    fires(
        "legal.date-after-plan",
        E,
        tinh(),
        |p| {
            p.header.date = None;
            p.opening.legal_bases[1].date = date(2026, 3, 1);
        },
        (Part::LegalBasis, Some("1"), Some("date")),
    );
}

#[test]
fn legal_date_number_mismatch() {
    let mut base = tinh();
    let mut basis = catalog::current()
        .legal_document("69/2024/NĐ-CP")
        .unwrap()
        .to_legal_basis();
    base.opening.legal_bases.push(basis.clone());
    let at = (base.opening.legal_bases.len() - 1).to_string();
    basis.date = date(2025, 6, 25);
    fires(
        "legal.date-number-mismatch",
        W,
        base,
        move |p| *p.opening.legal_bases.last_mut().unwrap() = basis,
        (Part::LegalBasis, Some(&at), Some("date")),
    );
}

#[test]
fn legal_issuer_missing() {
    fires(
        "legal.issuer-missing",
        E,
        tinh(),
        |p| p.opening.legal_bases[3].issuer.clear(),
        (Part::LegalBasis, Some("3"), Some("issuer")),
    );
}

#[test]
fn legal_law_name_missing() {
    assert_eq!(tinh().opening.legal_bases[0].kind, LegalDocumentKind::Luat);
    fires(
        "legal.law-name-missing",
        E,
        tinh(),
        |p| p.opening.legal_bases[0].title.clear(),
        (Part::LegalBasis, Some("0"), Some("title")),
    );
}

#[test]
fn legal_title_missing() {
    fires(
        "legal.title-missing",
        W,
        tinh(),
        |p| p.opening.legal_bases[5].title.clear(),
        (Part::LegalBasis, Some("5"), Some("title")),
    );
}

#[test]
fn legal_catalog_mismatch() {
    fires(
        "legal.catalog-mismatch",
        W,
        tinh(),
        |p| p.opening.legal_bases[1].date = date(2024, 12, 23),
        (Part::LegalBasis, Some("1"), Some("date")),
    );
    fires(
        "legal.catalog-mismatch",
        W,
        tinh(),
        |p| p.opening.legal_bases[3].number = "241/NQ-CP".into(),
        (Part::LegalBasis, Some("3"), Some("number")),
    );
}

#[test]
fn legal_superseded() {
    let base = tinh();
    let at = base.opening.legal_bases.len().to_string();
    let f = fires(
        "legal.superseded",
        W,
        base,
        |p| {
            let old = catalog::current().legal_document("942/QĐ-TTg").unwrap();
            p.opening.legal_bases.push(old.to_legal_basis());
        },
        (Part::LegalBasis, Some(&at), Some("number")),
    );
    assert!(f.hint.contains("2629/QĐ-TTg"), "{}", f.hint);
    // Found by number too, without the catalogue link; a law by its name.
    let mut p = tinh();
    let mut typed = catalog::current()
        .legal_document("942/QĐ-TTg")
        .unwrap()
        .to_legal_basis();
    typed.catalog_id = None;
    p.opening.legal_bases.push(typed);
    p.opening.legal_bases.push(LegalBasis {
        kind: LegalDocumentKind::Luat,
        number: String::new(),
        date: date(2006, 6, 29),
        issuer: "Quốc hội".into(),
        title: "Công nghệ thông tin".into(),
        catalog_id: None,
    });
    // The Luật Chuyển đổi số replaces the Luật Công nghệ thông tin only from 01/7/2026:
    // a plan issued before cites the old law rightly.
    let found = of("legal.superseded", &p);
    assert_eq!(found.len(), 1, "{}", show(&found));
    p.header.date = date(2026, 7, 15);
    let found = of("legal.superseded", &p);
    assert_eq!(found.len(), 2, "{}", show(&found));
    assert!(
        found[1].hint.contains("Luật Chuyển đổi số"),
        "{}",
        found[1].hint
    );
    assert!(
        found[1].message.contains("từ ngày 01/7/2026"),
        "{}",
        found[1].message
    );
}

#[test]
fn legal_duplicate() {
    let base = tinh();
    let at = base.opening.legal_bases.len().to_string();
    fires(
        "legal.duplicate",
        W,
        base,
        |p| {
            let again = p.opening.legal_bases[1].clone();
            p.opening.legal_bases.push(again);
        },
        (Part::LegalBasis, Some(&at), None),
    );
}

#[test]
fn opening_issuing_sentence_missing() {
    fires(
        "opening.issuing-sentence-missing",
        W,
        bo(),
        |p| p.opening.issuing_sentence.clear(),
        (Part::Opening, None, Some("issuing_sentence")),
    );
}

#[test]
fn opening_proposed_by_missing() {
    fires(
        "opening.proposed-by-missing",
        H,
        tinh(),
        |p| p.opening.proposed_by.clear(),
        (Part::Opening, None, Some("proposed_by")),
    );
}

// ---------------------------------------------------------------- sections

#[test]
fn completeness_section_missing() {
    fires(
        "completeness.section-missing",
        E,
        tinh(),
        |p| section_mut(p, "III").children.retain(|s| s.id != "III.9"),
        (Part::Section, Some("III.9"), None),
    );
}

#[test]
fn completeness_section_empty() {
    fires(
        "completeness.section-empty",
        E,
        tinh(),
        |p| section_mut(p, "IV.1").content.clear(),
        (Part::Section, Some("IV.1"), Some("content")),
    );
    // A parent is filled by its children; III.2 by its tasks; II.2.1.a by its indicators.
    let mut p = tinh();
    section_mut(&mut p, "III.2").content.clear();
    section_mut(&mut p, "II.2.1.a").content.clear();
    section_mut(&mut p, "IV").content.clear();
    assert!(of("completeness.section-empty", &p).is_empty());
    // … but not once its tasks are gone.
    p.tasks.retain(|t| t.area != 2);
    let found = of("completeness.section-empty", &p);
    assert_eq!(found.len(), 1, "{}", show(&found));
    assert_eq!(found[0].location.id.as_deref(), Some("III.2"));
}

#[test]
fn section_unknown() {
    fires(
        "section.unknown",
        E,
        tinh(),
        |p| {
            p.sections.push(Section {
                id: "VII".into(),
                origin: SectionOrigin::Framework,
                title: "Điều khoản thi hành".into(),
                content: vec![Block::paragraph("Nội dung.")],
                children: vec![],
            })
        },
        (Part::Section, Some("VII"), Some("id")),
    );
}

#[test]
fn section_title_missing() {
    let base = tinh();
    let id = custom_section_id(&base);
    let target = id.clone();
    fires(
        "section.title-missing",
        E,
        base,
        move |p| section_mut(p, &target).title.clear(),
        (Part::Section, Some(&id), Some("title")),
    );
}

#[test]
fn section_custom_empty() {
    let base = tinh();
    let id = custom_section_id(&base);
    let target = id.clone();
    fires(
        "section.custom-empty",
        W,
        base,
        move |p| section_mut(p, &target).content.clear(),
        (Part::Section, Some(&id), Some("content")),
    );
}

// ---------------------------------------------------------------- indicators

#[test]
fn completeness_indicator_missing() {
    fires(
        "completeness.indicator-missing",
        E,
        tinh(),
        |p| {
            p.indicators
                .retain(|i| i.national.as_deref() != Some(HAI_LONG))
        },
        (Part::Indicator, Some(HAI_LONG), None),
    );
}

#[test]
fn completeness_not_applicable_reason_missing() {
    let base = tinh();
    let id = id_for(&base, HAI_LONG);
    fires(
        "completeness.not-applicable-reason-missing",
        E,
        base,
        |p| indicator_for(p, HAI_LONG).not_applicable = Some(" ".into()),
        (Part::Indicator, Some(&id), Some("not_applicable")),
    );
    // With a reason, the indicator is answered and its targets are not checked.
    let mut p = tinh();
    let ind = indicator_for(&mut p, HAI_LONG);
    ind.not_applicable = Some("Bộ không cung cấp dịch vụ công trực tuyến.".into());
    ind.targets.clear();
    ind.method.clear();
    assert!(
        validate_with(&p, &ctx()).is_empty(),
        "{}",
        show(&validate_with(&p, &ctx()))
    );
}

#[test]
fn indicator_name_missing() {
    let base = tinh();
    let id = base.indicators[0].id.clone();
    fires(
        "indicator.name-missing",
        E,
        base,
        |p| p.indicators[0].name.clear(),
        (Part::Indicator, Some(&id), Some("name")),
    );
}

#[test]
fn indicator_unit_missing() {
    let base = tinh();
    let i = own_indicator(&base);
    let id = base.indicators[i].id.clone();
    fires(
        "indicator.unit-missing",
        E,
        base,
        move |p| p.indicators[i].unit.clear(),
        (Part::Indicator, Some(&id), Some("unit")),
    );
}

#[test]
fn indicator_target_missing() {
    let base = tinh();
    let i = own_indicator(&base);
    let id = base.indicators[i].id.clone();
    fires(
        "indicator.target-missing",
        E,
        base.clone(),
        move |p| {
            p.indicators[i]
                .targets
                .retain(|t| t.period != Period::Phase2028To2030)
        },
        (Part::Indicator, Some(&id), Some("targets")),
    );
    fires(
        "indicator.target-missing",
        E,
        base,
        move |p| p.indicators[i].targets[0].value.clear(),
        (Part::Indicator, Some(&id), Some("targets[0].value")),
    );
}

#[test]
fn indicator_target_not_numeric() {
    let base = tinh();
    let id = base.indicators[0].id.clone();
    fires(
        "indicator.target-not-numeric",
        E,
        base,
        |p| p.indicators[0].targets[1].value = "khoảng 90".into(),
        (Part::Indicator, Some(&id), Some("targets[1].value")),
    );
    // A decimal comma and a trailing % are numbers.
    let mut p = tinh();
    p.indicators[0].targets[1].value = "99,5%".into();
    assert!(of("indicator.target-not-numeric", &p).is_empty());
}

#[test]
fn indicator_target_period_foreign() {
    let base = annual(2026);
    let id = base.indicators[0].id.clone();
    fires(
        "indicator.target-period-foreign",
        W,
        base,
        |p| {
            p.indicators[0].targets.push(Target {
                period: Period::Phase2028To2030,
                comparator: Comparator::AtLeast,
                value: "100".into(),
            })
        },
        (Part::Indicator, Some(&id), Some("targets[1].period")),
    );
}

#[test]
fn indicator_percentage_out_of_range() {
    let base = tinh();
    let i = own_indicator(&base);
    let id = base.indicators[i].id.clone();
    fires(
        "indicator.percentage-out-of-range",
        E,
        base.clone(),
        move |p| p.indicators[i].targets[1].value = "120".into(),
        (Part::Indicator, Some(&id), Some("targets[1].value")),
    );
    fires(
        "indicator.percentage-out-of-range",
        E,
        base,
        move |p| p.indicators[i].baseline.as_mut().unwrap().value = "-3".into(),
        (Part::Indicator, Some(&id), Some("baseline.value")),
    );
}

#[test]
fn indicator_method_missing() {
    let base = tinh();
    let id = base.indicators[3].id.clone();
    fires(
        "indicator.method-missing",
        E,
        base,
        |p| p.indicators[3].method.clear(),
        (Part::Indicator, Some(&id), Some("method")),
    );
}

#[test]
fn indicator_lead_agency_missing() {
    let base = bo();
    let id = base.indicators[3].id.clone();
    fires(
        "indicator.lead-agency-missing",
        E,
        base,
        |p| p.indicators[3].lead_agency.clear(),
        (Part::Indicator, Some(&id), Some("lead_agency")),
    );
}

#[test]
fn indicator_national_unknown() {
    let base = tinh();
    let i = own_indicator(&base);
    let id = base.indicators[i].id.clone();
    fires(
        "indicator.national-unknown",
        E,
        base,
        move |p| p.indicators[i].national = Some("2.9-khong-co".into()),
        (Part::Indicator, Some(&id), Some("national")),
    );
}

#[test]
fn indicator_national_duplicate() {
    let base = tinh();
    let i = own_indicator(&base);
    let id = base.indicators[i].id.clone();
    assert!(
        base.indicators
            .iter()
            .position(|x| x.national.as_deref() == Some(HAI_LONG))
            .unwrap()
            < i
    );
    fires(
        "indicator.national-duplicate",
        W,
        base,
        move |p| {
            p.indicators[i].national = Some(HAI_LONG.into());
            p.indicators[i].group = IndicatorGroup::DigitalServices;
        },
        (Part::Indicator, Some(&id), Some("national")),
    );
}

#[test]
fn indicator_group_mismatch() {
    let base = tinh();
    let id = id_for(&base, HAI_LONG);
    fires(
        "indicator.group-mismatch",
        W,
        base,
        |p| indicator_for(p, HAI_LONG).group = IndicatorGroup::DigitalSociety,
        (Part::Indicator, Some(&id), Some("group")),
    );
}

#[test]
fn indicator_unit_differs() {
    let base = tinh();
    let id = id_for(&base, HAI_LONG);
    fires(
        "indicator.unit-differs",
        W,
        base.clone(),
        |p| indicator_for(p, HAI_LONG).unit = "điểm".into(),
        (Part::Indicator, Some(&id), Some("unit")),
    );
    // Then the targets are not compared with the national minimum.
    let mut p = base;
    let ind = indicator_for(&mut p, HAI_LONG);
    ind.unit = "điểm".into();
    ind.targets[0].value = "4".into();
    assert!(of("indicator.below-national-minimum", &p).is_empty());
}

#[test]
fn indicator_comparator_differs() {
    let base = tinh();
    let id = id_for(&base, HAI_LONG);
    fires(
        "indicator.comparator-differs",
        W,
        base,
        |p| indicator_for(p, HAI_LONG).targets[0].comparator = Comparator::AtMost,
        (Part::Indicator, Some(&id), Some("targets[0].comparator")),
    );
}

#[test]
fn indicator_below_national_minimum() {
    let base = tinh();
    let id = id_for(&base, HAI_LONG);
    let f = fires(
        "indicator.below-national-minimum",
        E,
        base.clone(),
        |p| indicator_for(p, HAI_LONG).targets[0].value = "90".into(),
        (Part::Indicator, Some(&id), Some("targets[0].value")),
    );
    assert!(f.message.contains("≥ 95%"), "{}", f.message);
    fires(
        "indicator.below-national-minimum",
        E,
        base,
        |p| indicator_for(p, HAI_LONG).targets[1].value = "98".into(),
        (Part::Indicator, Some(&id), Some("targets[1].value")),
    );
    // Annual plans: in the last year of a phase the national minimum is due …
    let base = annual(2027);
    let id = id_for(&base, HAI_LONG);
    fires(
        "indicator.below-national-minimum",
        E,
        base,
        |p| indicator_for(p, HAI_LONG).targets[0].value = "90".into(),
        (Part::Indicator, Some(&id), Some("targets[0].value")),
    );
    // … and so is an earlier phase's target in a later year.
    let base = annual(2028);
    let id = id_for(&base, HAI_LONG);
    let f = fires(
        "indicator.below-national-minimum",
        E,
        base,
        |p| indicator_for(p, HAI_LONG).targets[0].value = "90".into(),
        (Part::Indicator, Some(&id), Some("targets[0].value")),
    );
    assert!(f.message.contains("2025–2027"), "{}", f.message);
}

#[test]
fn indicator_annual_below_national() {
    let base = annual(2026);
    let id = id_for(&base, HAI_LONG);
    let f = fires(
        "indicator.annual-below-national",
        H,
        base.clone(),
        |p| indicator_for(p, HAI_LONG).targets[0].value = "92".into(),
        (Part::Indicator, Some(&id), Some("targets[0].value")),
    );
    assert!(f.hint.contains("2027"), "{}", f.hint);
    let mut p = base;
    indicator_for(&mut p, HAI_LONG).targets[0].value = "92".into();
    assert!(of("indicator.below-national-minimum", &p).is_empty());
}

#[test]
fn indicator_target_regression() {
    let base = tinh();
    let i = own_indicator(&base);
    let id = base.indicators[i].id.clone();
    fires(
        "indicator.target-regression",
        E,
        base,
        move |p| {
            let t = &mut p.indicators[i].targets;
            t[0].value = "80".into();
            t[1].value = "70".into();
        },
        (Part::Indicator, Some(&id), Some("targets[1].value")),
    );
}

#[test]
fn indicator_target_regression_count() {
    let base = bo();
    let i = base
        .indicators
        .iter()
        .position(|x| x.national.is_none() && x.unit.trim() != "%")
        .unwrap();
    let id = base.indicators[i].id.clone();
    fires(
        "indicator.target-regression-count",
        W,
        base,
        move |p| {
            let ind = &mut p.indicators[i];
            let (a, b) = (ind.targets[0].value.clone(), ind.targets[1].value.clone());
            ind.targets[0].comparator = Comparator::AtLeast;
            ind.targets[1].comparator = Comparator::AtLeast;
            ind.targets[0].value = "50".into();
            ind.targets[1].value = "10".into();
            let _ = (a, b);
        },
        (Part::Indicator, Some(&id), Some("targets[1].value")),
    );
    // For a "≤" target (a rank), a higher number is the weaker one.
    let mut p = bo();
    let rank = p
        .indicators
        .iter_mut()
        .find(|x| x.targets[0].comparator == Comparator::AtMost)
        .unwrap();
    rank.targets[0].value = "3".into();
    rank.targets[1].value = "6".into();
    assert_eq!(of("indicator.target-regression-count", &p).len(), 1);
}

#[test]
fn indicator_comparator_inconsistent() {
    let base = tinh();
    let i = own_indicator(&base);
    let id = base.indicators[i].id.clone();
    fires(
        "indicator.comparator-inconsistent",
        W,
        base,
        move |p| p.indicators[i].targets[1].comparator = Comparator::AtMost,
        (Part::Indicator, Some(&id), Some("targets[1].comparator")),
    );
}

#[test]
fn indicator_baseline_missing() {
    let base = tinh();
    let id = base.indicators[2].id.clone();
    fires(
        "indicator.baseline-missing",
        H,
        base,
        |p| p.indicators[2].baseline = None,
        (Part::Indicator, Some(&id), Some("baseline")),
    );
}

#[test]
fn indicator_baseline_not_numeric() {
    let base = tinh();
    let id = base.indicators[2].id.clone();
    fires(
        "indicator.baseline-not-numeric",
        W,
        base,
        |p| p.indicators[2].baseline.as_mut().unwrap().value = "chưa thống kê".into(),
        (Part::Indicator, Some(&id), Some("baseline.value")),
    );
}

#[test]
fn indicator_baseline_year_missing() {
    let base = tinh();
    let id = base.indicators[2].id.clone();
    fires(
        "indicator.baseline-year-missing",
        H,
        base,
        |p| p.indicators[2].baseline.as_mut().unwrap().year = None,
        (Part::Indicator, Some(&id), Some("baseline.year")),
    );
}

#[test]
fn indicator_baseline_in_future() {
    let base = tinh();
    let id = base.indicators[2].id.clone();
    // The plan is dated 26/12/2025: a 2026 baseline is not known yet.
    let f = fires(
        "indicator.baseline-in-future",
        E,
        base,
        |p| p.indicators[2].baseline.as_mut().unwrap().year = Some(2026),
        (Part::Indicator, Some(&id), Some("baseline.year")),
    );
    assert!(f.message.contains("26/12/2025"), "{}", f.message);
    // Dated in 2026, a five-year plan may still not use a baseline after 2026.
    let mut p = tinh();
    p.header.date = date(2026, 1, 10);
    p.indicators[2].baseline.as_mut().unwrap().year = Some(2026);
    assert!(of("indicator.baseline-in-future", &p).is_empty());
    p.indicators[2].baseline.as_mut().unwrap().year = Some(2027);
    assert_eq!(of("indicator.baseline-in-future", &p).len(), 1);
}

#[test]
fn indicator_no_task() {
    let base = tinh();
    let id = base.indicators[5].id.clone();
    let target = id.clone();
    fires(
        "indicator.no-task",
        W,
        base,
        move |p| {
            for t in &mut p.tasks {
                t.indicators.retain(|x| *x != target);
            }
        },
        (Part::Indicator, Some(&id), None),
    );
}

// ---------------------------------------------------------------- tasks

fn task_case(
    rule: &str,
    severity: Severity,
    field: &str,
    defect: impl FnOnce(&mut Task),
) -> Finding {
    let base = tinh();
    let id = base.tasks[4].id.clone();
    fires(
        rule,
        severity,
        base,
        |p| defect(&mut p.tasks[4]),
        (Part::Task, Some(&id), Some(field)),
    )
}

#[test]
fn task_name_missing() {
    task_case("task.name-missing", E, "name", |t| t.name.clear());
}

#[test]
fn task_content_missing() {
    task_case("task.content-missing", E, "content", |t| t.content.clear());
}

#[test]
fn task_expected_result_missing() {
    task_case("task.expected-result-missing", E, "expected_result", |t| {
        t.expected_result = " ".into()
    });
}

#[test]
fn task_expected_effect_missing() {
    task_case("task.expected-effect-missing", W, "expected_effect", |t| {
        t.expected_effect.clear()
    });
}

#[test]
fn task_lead_unit_missing() {
    task_case("task.lead-unit-missing", E, "lead_unit", |t| {
        t.lead_unit.clear()
    });
}

#[test]
fn task_lead_unit_coordinating() {
    let base = tinh();
    let n = base.tasks[4].coordinating_units.len();
    task_case(
        "task.lead-unit-coordinating",
        W,
        &format!("coordinating_units[{n}]"),
        |t| {
            let lead = t.lead_unit.clone();
            t.coordinating_units.push(lead);
        },
    );
}

#[test]
fn task_start_missing() {
    task_case("task.start-missing", E, "start", |t| t.start = None);
}

#[test]
fn task_end_missing() {
    task_case("task.end-missing", E, "end", |t| t.end = None);
}

#[test]
fn task_end_before_start() {
    task_case("task.end-before-start", E, "end", |t| {
        t.start = MonthYear::new(2027, 6);
        t.end = MonthYear::new(2026, 3);
    });
}

#[test]
fn task_outside_period() {
    task_case("task.outside-period", E, "start", |t| {
        t.start = MonthYear::new(2025, 10)
    });
    task_case("task.outside-period", E, "end", |t| {
        t.end = MonthYear::new(2031, 1)
    });
    // An annual plan's tasks stay within its year.
    let base = annual(2026);
    let id = base.tasks[0].id.clone();
    fires(
        "task.outside-period",
        E,
        base,
        |p| p.tasks[0].end = MonthYear::new(2027, 3),
        (Part::Task, Some(&id), Some("end")),
    );
}

#[test]
fn task_approving_authority_missing() {
    task_case(
        "task.approving-authority-missing",
        E,
        "approving_authority",
        |t| t.approving_authority.clear(),
    );
}

#[test]
fn task_funding_missing() {
    task_case("task.funding-missing", E, "funding", |t| t.funding.clear());
    task_case("task.funding-missing", E, "funding[0]", |t| {
        t.funding = vec![FundingSource::Other(" ".into())]
    });
}

#[test]
fn task_budget_missing() {
    task_case("task.budget-missing", H, "budget_million_vnd", |t| {
        t.budget_million_vnd = None
    });
}

#[test]
fn task_budget_invalid() {
    task_case("task.budget-invalid", E, "budget_million_vnd", |t| {
        t.budget_million_vnd = Some(-5.0)
    });
}

#[test]
fn task_area_invalid() {
    task_case("task.area-invalid", E, "area", |t| t.area = 12);
}

#[test]
fn task_indicator_unknown() {
    let base = tinh();
    let n = base.tasks[4].indicators.len();
    task_case(
        "task.indicator-unknown",
        E,
        &format!("indicators[{n}]"),
        |t| t.indicators.push("ct-999".into()),
    );
}

#[test]
fn task_no_indicator() {
    task_case("task.no-indicator", H, "indicators", |t| {
        t.indicators.clear()
    });
}

#[test]
fn task_near_duplicate() {
    let base = tinh();
    let first = base.tasks[4].clone();
    assert!(first.name.split_whitespace().count() >= 8, "{}", first.name);
    let f = fires(
        "task.near-duplicate",
        W,
        base,
        |p| {
            let mut copy = first.clone();
            copy.id = "nv-999".into();
            copy.name = format!("{} của tỉnh", first.name);
            p.tasks.push(copy);
        },
        (Part::Task, Some("nv-999"), Some("name")),
    );
    // The earlier task is named as the drafter sees it, not by its id.
    assert!(
        f.message.contains(&first.name) && !f.message.contains(&first.id),
        "{}",
        f.message
    );
    // The same task under a narrower scope ("– lĩnh vực y tế") is not a duplicate.
    let mut p = tinh();
    let mut scoped = p.tasks[4].clone();
    scoped.id = "nv-998".into();
    scoped.name.push_str(" – lĩnh vực giáo dục và đào tạo");
    p.tasks.push(scoped);
    assert!(of("task.near-duplicate", &p).is_empty());
}

// ---------------------------------------------------------------- organisation, recipients, signer

#[test]
fn organisation_unit_missing() {
    let base = tinh();
    let id = base.organisation[1].id.clone();
    fires(
        "organisation.unit-missing",
        E,
        base,
        |p| p.organisation[1].unit.clear(),
        (Part::Organisation, Some(&id), Some("unit")),
    );
}

#[test]
fn organisation_duties_missing() {
    let base = bo();
    let id = base.organisation[0].id.clone();
    fires(
        "organisation.duties-missing",
        W,
        base,
        |p| p.organisation[0].duties.clear(),
        (Part::Organisation, Some(&id), Some("duties")),
    );
}

#[test]
fn recipients_missing() {
    fires(
        "recipients.missing",
        E,
        tinh(),
        |p| p.recipients.clear(),
        (Part::Recipients, None, None),
    );
}

#[test]
fn recipients_blank() {
    fires(
        "recipients.blank",
        E,
        tinh(),
        |p| p.recipients.insert(1, Recipient(" ".into())),
        (Part::Recipients, Some("1"), None),
    );
}

#[test]
fn recipients_luu_missing() {
    let base = tinh();
    let last = (base.recipients.len() - 2).to_string();
    fires(
        "recipients.luu-missing",
        E,
        base,
        |p| drop(p.recipients.pop()),
        (Part::Recipients, Some(&last), None),
    );
    let base = tinh();
    let last = (base.recipients.len() - 1).to_string();
    let f = fires(
        "recipients.luu-missing",
        E,
        base,
        |p| p.recipients.last_mut().unwrap().0 = "Lưu: KGVX.".into(),
        (Part::Recipients, Some(&last), None),
    );
    assert!(f.message.contains("VT"), "{}", f.message);
}

#[test]
fn recipients_luu_not_last() {
    fires(
        "recipients.luu-not-last",
        E,
        tinh(),
        |p| {
            let luu = p.recipients.pop().unwrap();
            p.recipients.insert(0, luu);
        },
        (Part::Recipients, Some("0"), None),
    );
}

#[test]
fn recipients_luu_unit_missing() {
    let base = bo();
    let last = (base.recipients.len() - 1).to_string();
    fires(
        "recipients.luu-unit-missing",
        W,
        base,
        |p| p.recipients.last_mut().unwrap().0 = "Lưu: VT.".into(),
        (Part::Recipients, Some(&last), None),
    );
}

#[test]
fn recipients_punctuation() {
    fires(
        "recipients.punctuation",
        H,
        tinh(),
        |p| p.recipients[1].0 = "- Thường trực Tỉnh ủy;".into(),
        (Part::Recipients, Some("1"), None),
    );
}

#[test]
fn signer_position_missing() {
    fires(
        "signer.position-missing",
        E,
        tinh(),
        |p| p.signer.position.clear(),
        (Part::Signer, None, Some("position")),
    );
}

#[test]
fn signer_name_missing() {
    fires(
        "signer.name-missing",
        E,
        bo(),
        |p| p.signer.name.clear(),
        (Part::Signer, None, Some("name")),
    );
}

#[test]
fn signer_name_title() {
    fires(
        "signer.name-title",
        W,
        tinh(),
        |p| p.signer.name = "TS. Trần Minh Khải".into(),
        (Part::Signer, None, Some("name")),
    );
}

#[test]
fn signer_capacity_level() {
    fires(
        "signer.capacity-level",
        E,
        tinh(),
        |p| p.signer.capacities.clear(),
        (Part::Signer, None, Some("capacities")),
    );
    fires(
        "signer.capacity-level",
        E,
        bo(),
        |p| {
            p.signer.capacities = vec![SigningCapacity {
                authority: SigningAuthority::ThayMat,
                on_behalf_of: "BỘ".into(),
            }]
        },
        (Part::Signer, None, Some("capacities[0]")),
    );
    // The chairman signing "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" is fine.
    let mut p = tinh();
    p.signer.capacities.truncate(1);
    p.signer.position = "CHỦ TỊCH".into();
    assert!(validate_with(&p, &ctx()).is_empty());
}

#[test]
fn signer_position_level() {
    fires(
        "signer.position-level",
        E,
        tinh(),
        |p| p.signer.position = "CHỦ TỊCH".into(),
        (Part::Signer, None, Some("position")),
    );
    fires(
        "signer.position-level",
        E,
        bo(),
        |p| {
            p.signer.capacities.clear();
            p.signer.position = "THỨ TRƯỞNG".into();
        },
        (Part::Signer, None, Some("position")),
    );
    // The minister signing alone is fine.
    let mut p = bo();
    p.signer.capacities.clear();
    p.signer.position = "BỘ TRƯỞNG".into();
    assert!(validate_with(&p, &ctx()).is_empty());
}

#[test]
fn signer_collective_line_missing() {
    // Issued practice: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" without "TM. ỦY BAN NHÂN DÂN" is a
    // warning that explains both forms, not an error.
    let f = fires(
        "signer.collective-line-missing",
        W,
        tinh(),
        |p| {
            p.signer.capacities = vec![SigningCapacity {
                authority: SigningAuthority::KyThay,
                on_behalf_of: "CHỦ TỊCH".into(),
            }];
            p.signer.position = "PHÓ CHỦ TỊCH".into();
        },
        (Part::Signer, None, Some("capacities")),
    );
    assert!(f.message.contains("TM. ỦY BAN NHÂN DÂN") && f.message.contains("KT. CHỦ TỊCH"));
    let mut p = tinh();
    p.signer.capacities.remove(0);
    let all = validate_with(&p, &ctx());
    assert!(all.iter().all(|f| f.severity != E), "{}", show(&all));
}

#[test]
fn signer_capacity_unusual() {
    fires(
        "signer.capacity-unusual",
        W,
        bo(),
        |p| p.signer.capacities[0].authority = SigningAuthority::ThuaLenh,
        (Part::Signer, None, Some("capacities[0].authority")),
    );
}

#[test]
fn signer_not_uppercase() {
    fires(
        "signer.not-uppercase",
        H,
        tinh(),
        |p| p.signer.position = "Phó Chủ tịch".into(),
        (Part::Signer, None, Some("position")),
    );
    fires(
        "signer.not-uppercase",
        H,
        tinh(),
        |p| p.signer.capacities[1].on_behalf_of = "Chủ tịch".into(),
        (Part::Signer, None, Some("capacities[1].on_behalf_of")),
    );
}

// ---------------------------------------------------------------- text

#[test]
fn text_not_nfc() {
    let base = tinh();
    let id = base.tasks[0].id.clone();
    fires(
        "text.not-nfc",
        W,
        base,
        |p| {
            p.tasks[0].lead_unit =
                "So\u{31b}\u{309} Khoa ho\u{323}c va\u{300} Co\u{302}ng nghe\u{323}\u{302}".into()
        },
        (Part::Task, Some(&id), Some("lead_unit")),
    );
}

#[test]
fn text_double_space() {
    fires(
        "text.double-space",
        H,
        tinh(),
        |p| {
            p.sections[0].content[1] =
                Block::paragraph("Kế hoạch được xây dựng  trên cơ sở các văn bản.")
        },
        (Part::Section, Some("I"), Some("content[1].text")),
    );
}

#[test]
fn text_untrimmed() {
    fires(
        "text.untrimmed",
        H,
        tinh(),
        |p| p.header.subject = format!("{} ", p.header.subject),
        (Part::Header, None, Some("subject")),
    );
    // Spaces between styled runs are not leading or trailing spaces.
    let mut p = tinh();
    p.sections[0].content[1] = Block::Paragraph {
        text: RichText(vec![
            Run {
                text: "Về hạ tầng:".into(),
                bold: true,
                italic: false,
            },
            Run::plain(" 100% xã có cáp quang."),
        ]),
    };
    assert!(validate_with(&p, &ctx()).is_empty());
}

#[test]
fn text_unbalanced() {
    let base = tinh();
    let id = base.tasks[2].id.clone();
    fires(
        "text.unbalanced",
        W,
        base,
        |p| p.tasks[2].content.push_str(" (giai đoạn 1"),
        (Part::Task, Some(&id), Some("content")),
    );
    fires(
        "text.unbalanced",
        W,
        tinh(),
        |p| p.sections[0].content[1] = Block::paragraph("Phong trào “Bình dân học vụ số."),
        (Part::Section, Some("I"), Some("content[1].text")),
    );
}

#[test]
fn text_legacy_encoding() {
    let base = tinh();
    let id = base.tasks[1].id.clone();
    let f = fires(
        "text.legacy-encoding",
        E,
        base,
        |p| p.tasks[1].content = "X©y dùng c¬ së d÷ liÖu ®Êt ®ai cña tØnh".into(),
        (Part::Task, Some(&id), Some("content")),
    );
    assert!(
        f.hint.contains("Xây dựng cơ sở dữ liệu đất đai của tỉnh"),
        "{}",
        f.hint
    );
    let f = fires(
        "text.legacy-encoding",
        E,
        tinh(),
        |p| p.organisation[0].unit = "Sôû Khoa hoïc vaø Coâng ngheä".into(),
        (Part::Organisation, Some("tc-01"), Some("unit")),
    );
    assert!(f.hint.contains("Sở Khoa học và Công nghệ"), "{}", f.hint);
}

#[test]
fn text_renamed_body() {
    let base = tinh();
    let id = base.tasks[3].id.clone();
    let f = fires(
        "text.renamed-body",
        W,
        base,
        |p| p.tasks[3].lead_unit = "Sở Thông tin và Truyền thông".into(),
        (Part::Task, Some(&id), Some("lead_unit")),
    );
    assert!(f.hint.contains("Sở Khoa học và Công nghệ"), "{}", f.hint);
    // In a legal basis's issuer and in section text too …
    let f = fires(
        "text.renamed-body",
        W,
        tinh(),
        |p| p.opening.legal_bases[4].issuer = "Bộ Thông tin và Truyền thông".into(),
        (Part::LegalBasis, Some("4"), Some("issuer")),
    );
    assert!(f.hint.contains("Bộ Khoa học và Công nghệ"), "{}", f.hint);
    fires(
        "text.renamed-body",
        W,
        tinh(),
        |p| p.sections[0].content[1] = Block::paragraph("Phối hợp với tỉnh Hà Giang trước đây."),
        (Part::Section, Some("I"), Some("content[1].text")),
    );
    // "Uỷ ban" is "Ủy ban"; "Ban Dân tộc" is another body than "Ủy ban Dân tộc".
    let mut p = tinh();
    p.tasks[3].coordinating_units = vec!["Uỷ ban Dân tộc".into(), "Ban Dân tộc tỉnh".into()];
    let found = of("text.renamed-body", &p);
    assert_eq!(found.len(), 2, "{}", show(&found));
    assert!(
        found[0].hint.contains("Bộ Dân tộc và Tôn giáo"),
        "{}",
        found[0].hint
    );
    assert!(
        found[1].hint.contains("Sở Dân tộc và Tôn giáo"),
        "{}",
        found[1].hint
    );
    // A new name that merely contains an old one's words is not flagged.
    let mut p = tinh();
    p.tasks[3].coordinating_units = vec!["Cổng Thông tin và Truyền thông tỉnh".into()];
    assert!(of("text.renamed-body", &p).is_empty());
    // … nor when the text itself says what it is now.
    let mut p = tinh();
    p.opening.legal_bases[4].issuer =
        "Bộ Thông tin và Truyền thông (nay là Bộ Khoa học và Công nghệ)".into();
    p.tasks[3]
        .coordinating_units
        .push("Sở Khoa học và Công nghệ (trước đây là Sở Thông tin và Truyền thông)".into());
    assert!(
        validate_with(&p, &ctx()).is_empty(),
        "{}",
        show(&validate_with(&p, &ctx()))
    );
}

// ---------------------------------------------------------------- coverage of this file

#[test]
fn every_documented_rule_has_a_test_here() {
    let documented: BTreeSet<String> = include_str!("../src/validate/mod.rs")
        .lines()
        .filter_map(|l| l.strip_prefix("//! | `"))
        .filter_map(|l| l.split('`').next())
        .map(str::to_owned)
        .collect();
    let this = include_str!("validate_rules.rs");
    let untested: Vec<&String> = documented
        .iter()
        .filter(|rule| !this.contains(&format!("\"{rule}\",")))
        .collect();
    assert!(untested.is_empty(), "rules without a test: {untested:?}");
}
