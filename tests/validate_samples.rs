//! Validation of whole plans: the sample plans report no error (and nothing at all at
//! scale 1 and 10, both levels, five-year and annual 2026); an empty new plan reports
//! many located errors; findings are stable and in document order.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use khcds::model::{Level, Plan, PlanKind};
use khcds::sample::sample_plan;
use khcds::validate::{validate, validate_with, Context, Finding, Part, Severity};
use khcds::{catalog, framework};

fn ctx() -> Context<'static> {
    Context {
        framework: framework::current(),
        catalog: catalog::current(),
        today: NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
    }
}

fn show(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "{} {:?} {:?}/{:?}/{:?}: {} — {}",
                f.rule,
                f.severity,
                f.location.part,
                f.location.id,
                f.location.field,
                f.message,
                f.hint
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn sample_cases() -> Vec<(String, Plan)> {
    let mut out = Vec::new();
    for level in [Level::Tinh, Level::Bo] {
        for kind in [PlanKind::FiveYear, PlanKind::Annual { year: 2026 }] {
            for scale in [1, 10] {
                out.push((
                    format!("{} {} scale {scale}", level.label(), kind.label()),
                    sample_plan(level, kind, scale),
                ));
            }
        }
    }
    out
}

#[test]
fn sample_plans_report_nothing() {
    for (label, plan) in sample_cases() {
        let findings = validate_with(&plan, &ctx());
        assert!(findings.is_empty(), "{label}:\n{}", show(&findings));
        // With today's clock too (the samples are dated before today).
        let errors: Vec<Finding> = validate(&plan)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{label}:\n{}", show(&errors));
    }
}

#[test]
fn later_annual_sample_plans_report_no_error() {
    for level in [Level::Tinh, Level::Bo] {
        for year in 2027..=2030 {
            let plan = sample_plan(level, PlanKind::Annual { year }, 1);
            let errors: Vec<Finding> = validate_with(&plan, &ctx())
                .into_iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            assert!(errors.is_empty(), "{level:?} {year}:\n{}", show(&errors));
        }
    }
}

#[test]
fn an_empty_plan_reports_many_located_errors() {
    for level in [Level::Tinh, Level::Bo] {
        for kind in [PlanKind::FiveYear, PlanKind::Annual { year: 2026 }] {
            let plan = framework::current().empty_plan(level, kind);
            let findings = validate_with(&plan, &ctx());
            let errors: Vec<&Finding> = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .collect();
            assert!(errors.len() >= 60, "{}", show(&findings));
            let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
            for f in &errors {
                *by_rule.entry(f.rule.as_str()).or_default() += 1;
            }
            let fw = framework::current();
            let leaves = fw.walk().iter().filter(|s| s.children.is_empty()).count();
            assert_eq!(
                by_rule.get("completeness.section-empty"),
                Some(&leaves),
                "{by_rule:?}"
            );
            assert_eq!(
                by_rule.get("completeness.indicator-missing"),
                Some(&fw.indicators.len())
            );
            for rule in [
                "header.issuer-missing",
                "header.number-missing",
                "header.place-missing",
                "header.subject-missing",
                "legal.none",
                "recipients.missing",
                "signer.position-missing",
                "signer.name-missing",
                "signer.capacity-level",
            ]
            .iter()
            .filter(|r| level == Level::Tinh || **r != "signer.capacity-level")
            {
                assert!(by_rule.contains_key(rule), "{rule}: {by_rule:?}");
            }
            // Every error points somewhere: a section, an indicator or a header field.
            for f in &errors {
                let l = &f.location;
                match l.part {
                    Part::Section | Part::Indicator => assert!(l.id.is_some(), "{f:?}"),
                    Part::Header | Part::Opening | Part::Signer => {
                        assert!(l.field.is_some(), "{f:?}")
                    }
                    _ => {}
                }
                assert!(!f.message.is_empty() && !f.hint.is_empty());
            }
        }
    }
}

#[test]
fn findings_are_stable_and_in_document_order() {
    let fw = framework::current();
    let plan = fw.empty_plan(Level::Tinh, PlanKind::FiveYear);
    let a = validate_with(&plan, &ctx());
    let b = validate_with(&plan.clone(), &ctx());
    assert_eq!(a, b);
    // Parts come in document order.
    let rank = |p: Part| match p {
        Part::Header => 0,
        Part::LegalBasis => 1,
        Part::Opening => 1,
        Part::Annual | Part::EvaluationTarget | Part::EvaluationTask => 2,
        Part::Section => 3,
        Part::Indicator => 4,
        Part::Task => 5,
        Part::Organisation => 6,
        Part::Recipients => 7,
        Part::Signer => 8,
    };
    let ranks: Vec<i32> = a.iter().map(|f| rank(f.location.part)).collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
    // Sections in the Khung's tree order, not lexicographic ("II.2.1.a" before "III",
    // "IV.6" before "V"; "III.9" before "IV.1").
    let sections: Vec<&str> = a
        .iter()
        .filter(|f| f.rule == "completeness.section-empty")
        .map(|f| f.location.id.as_deref().unwrap())
        .collect();
    let khung: Vec<&str> = fw
        .walk()
        .iter()
        .filter(|s| s.children.is_empty())
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(sections, khung);
    // Minimum indicators in the Khung's order.
    let missing: Vec<&str> = a
        .iter()
        .filter(|f| f.rule == "completeness.indicator-missing")
        .map(|f| f.location.id.as_deref().unwrap())
        .collect();
    let national: Vec<&str> = fw.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(missing, national);
    // Header fields in declaration order.
    let header: Vec<&str> = a
        .iter()
        .filter(|f| f.location.part == Part::Header)
        .map(|f| f.location.field.as_deref().unwrap())
        .collect();
    assert_eq!(header, ["issuer", "number", "place", "date", "subject"]);
}

#[test]
fn a_custom_section_and_tasks_sort_where_they_stand() {
    let mut plan = sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    // Break the 10th task's end and the 2nd task's name, a custom section and section I.
    plan.tasks[9].end = None;
    plan.tasks[1].lead_unit.clear();
    let custom = plan
        .sections
        .iter_mut()
        .find(|s| s.id.starts_with("custom-"))
        .expect("the sample has a custom section");
    custom.title.clear();
    let custom_id = custom.id.clone();
    plan.sections[0].content.clear();
    plan.header.place.clear();
    let findings = validate_with(&plan, &ctx());
    let order: Vec<(Part, Option<&str>, Option<&str>)> = findings
        .iter()
        .map(|f| {
            (
                f.location.part,
                f.location.id.as_deref(),
                f.location.field.as_deref(),
            )
        })
        .collect();
    let t2 = plan.tasks[1].id.as_str();
    let t10 = plan.tasks[9].id.as_str();
    assert_eq!(
        order,
        vec![
            (Part::Header, None, Some("place")),
            (Part::Section, Some("I"), Some("content")),
            (Part::Section, Some(custom_id.as_str()), Some("title")),
            (Part::Task, Some(t2), Some("lead_unit")),
            (Part::Task, Some(t10), Some("end")),
        ],
        "{}",
        show(&findings)
    );
}
