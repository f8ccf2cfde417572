//! The sample plans (`khcds new --sample`): complete, valid and deterministic, for both
//! levels and both kinds, and growing with `scale`.

use std::collections::HashSet;

use chrono::NaiveDate;
use khcds::framework;
use khcds::model::{is_nfc, Comparator, Level, Period, Plan, PlanKind, SectionOrigin};
use khcds::sample::{fictional_note, sample_plan, FICTIONAL_NOTE};

/// The Khung's section ids in order, for when the framework data is still a placeholder.
const KHUNG_IDS: &[&str] = &[
    "I", "II", "II.1", "II.2", "II.2.1", "II.2.1.a", "II.2.1.b", "II.2.2", "II.2.3", "III",
    "III.1", "III.2", "III.3", "III.4", "III.5", "III.6", "III.7", "III.8", "III.9", "IV", "IV.1",
    "IV.2", "IV.3", "IV.4", "IV.5", "IV.6", "V", "VI",
];

fn cases() -> Vec<(Level, PlanKind)> {
    let mut out = Vec::new();
    for level in [Level::Tinh, Level::Bo] {
        for kind in [
            PlanKind::FiveYear,
            PlanKind::Annual { year: 2026 },
            PlanKind::Annual { year: 2028 },
        ] {
            out.push((level, kind));
        }
    }
    out
}

fn label(level: Level, kind: PlanKind) -> String {
    format!("{} {}", level.label(), kind.label())
}

fn number(text: &str) -> f64 {
    text.replace(',', ".")
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {text:?}"))
}

fn check_plan(plan: &Plan, level: Level, kind: PlanKind) {
    let what = label(level, kind);
    let fw = framework::current();
    let (first, last) = kind.years();

    // Header, opening, closing.
    assert_eq!(plan.meta.level, level);
    assert_eq!(plan.meta.kind, kind);
    assert_eq!(plan.meta.framework_version, fw.version);
    let date = plan.header.date.expect("the sample is dated");
    assert!(
        date <= NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        "{what}: dated in the future"
    );
    assert!(
        plan.header.number.contains("/KH-"),
        "{what}: {}",
        plan.header.number
    );
    match kind {
        PlanKind::FiveYear => assert!(plan.header.subject.ends_with("giai đoạn 2026 - 2030")),
        PlanKind::Annual { year } => {
            assert!(plan.header.subject.ends_with(&format!("năm {year}")))
        }
    }
    let catalog_ids: Vec<&str> = plan
        .opening
        .legal_bases
        .iter()
        .filter_map(|b| b.catalog_id.as_deref())
        .collect();
    for id in [
        "luat-chuyen-doi-so",
        "57-NQ/TW",
        "71/NQ-CP",
        "214/NQ-CP",
        "2629/QĐ-TTg",
        "36/QĐ-TTg",
        "1132/QĐ-TTg",
    ] {
        assert!(
            catalog_ids.contains(&id),
            "{what}: legal basis {id} missing"
        );
    }
    for basis in &plan.opening.legal_bases {
        assert!(basis.date.is_some_and(|d| d <= date), "{what}: {basis:?}");
    }
    assert!(!plan.opening.proposed_by.is_empty());
    assert!(!plan.opening.issuing_sentence.is_empty());
    let last_recipient = &plan.recipients.last().expect("recipients").0;
    assert!(
        last_recipient.starts_with("Lưu: VT"),
        "{what}: {last_recipient}"
    );
    for r in &plan.recipients {
        assert!(
            !r.0.starts_with("- ") && !r.0.ends_with(';'),
            "{what}: {r:?}"
        );
    }
    assert!(!plan.signer.name.is_empty() && !plan.signer.capacities.is_empty());
    assert!(
        (6..=10).contains(&plan.organisation.len()),
        "{what}: {} units in V",
        plan.organisation.len()
    );
    assert!(plan.organisation.iter().all(|r| !r.duties.is_empty()));

    // Sections: the framework's, in order, none empty; the custom one before II.
    let expected: Vec<String> = if fw.sections.is_empty() {
        KHUNG_IDS.iter().map(|s| s.to_string()).collect()
    } else {
        fw.walk().iter().map(|s| s.id.clone()).collect()
    };
    let walked: Vec<_> = plan.sections.iter().flat_map(|s| s.walk()).collect();
    let framework_ids: Vec<String> = walked
        .iter()
        .filter(|s| s.origin == SectionOrigin::Framework)
        .map(|s| s.id.clone())
        .collect();
    assert_eq!(framework_ids, expected, "{what}: framework sections");
    for s in &walked {
        let has_text = !s.is_empty() || s.walk().iter().skip(1).any(|c| !c.is_empty());
        assert!(has_text, "{what}: section {} is empty", s.id);
        if s.origin == SectionOrigin::Framework {
            assert!(s.title.is_empty(), "{what}: {} has a title", s.id);
        }
    }
    let custom = plan
        .sections
        .iter()
        .position(|s| s.origin == SectionOrigin::Custom && !s.title.is_empty())
        .expect("a custom section");
    let two = plan.sections.iter().position(|s| s.id == "II").expect("II");
    assert!(custom < two, "{what}: the custom section comes before II");
    let styled = walked
        .iter()
        .flat_map(|s| &s.content)
        .flat_map(|b| &b.text().0)
        .filter(|r| r.bold || r.italic)
        .count();
    assert!(styled >= 3, "{what}: bold/italic runs");

    // Indicators.
    let annual = matches!(kind, PlanKind::Annual { .. });
    assert!(
        plan.indicators.len() >= 25,
        "{what}: {} indicators",
        plan.indicators.len()
    );
    let mut ids = HashSet::new();
    for ind in &plan.indicators {
        assert!(ids.insert(ind.id.as_str()), "{what}: duplicate {}", ind.id);
        let periods: Vec<Period> = ind.targets.iter().map(|t| t.period).collect();
        assert_eq!(periods, kind.periods(), "{what}: periods of {}", ind.id);
        for t in &ind.targets {
            let v = number(&t.value);
            if ind.unit == "%" {
                assert!((0.0..=100.0).contains(&v), "{what}: {} = {v}", ind.id);
            }
        }
        if let [a, b] = ind.targets.as_slice() {
            let (a, b) = (number(&a.value), number(&b.value));
            match ind.targets[0].comparator {
                Comparator::AtLeast => assert!(b >= a, "{what}: {} weaker later", ind.id),
                Comparator::AtMost => assert!(b <= a, "{what}: {} weaker later", ind.id),
                Comparator::Exactly => {}
            }
        }
        let baseline = ind.baseline.as_ref().expect("baseline");
        assert!(baseline.year.is_some_and(|y| y <= 2025));
        number(&baseline.value);
        assert!(
            !ind.method.is_empty() && !ind.lead_agency.is_empty(),
            "{what}: {}",
            ind.id
        );
    }
    for n in &fw.indicators {
        let found: Vec<_> = plan
            .indicators
            .iter()
            .filter(|i| i.national.as_deref() == Some(n.id.as_str()))
            .collect();
        assert_eq!(found.len(), 1, "{what}: minimum indicator {}", n.id);
        let ind = found[0];
        assert_eq!(ind.group, n.group);
        assert_eq!(ind.name, n.name.for_level(level));
        assert_eq!(ind.unit, n.unit);
        assert!(ind.not_applicable.is_none());
        for t in &ind.targets {
            let phase = match t.period {
                Period::Year(y) => Period::phase_of_year(y),
                p => p,
            };
            let Some(national) = n.target(phase) else {
                continue;
            };
            assert_eq!(t.comparator, national.comparator, "{what}: {}", n.id);
            let v = number(&t.value);
            match national.comparator {
                Comparator::AtLeast => assert!(v >= national.value, "{what}: {} {v}", n.id),
                Comparator::AtMost => assert!(v <= national.value, "{what}: {} {v}", n.id),
                Comparator::Exactly => assert_eq!(v, national.value, "{what}: {}", n.id),
            }
        }
    }

    // Tasks.
    assert!(plan.tasks.len() >= 40, "{what}: {} tasks", plan.tasks.len());
    for area in 1..=9u8 {
        let count = plan.tasks.iter().filter(|t| t.area == area).count();
        assert!(count >= 3, "{what}: area {area} has {count} tasks");
    }
    let mut task_ids = HashSet::new();
    let mut names = HashSet::new();
    let mut served = HashSet::new();
    for t in &plan.tasks {
        assert!(task_ids.insert(t.id.as_str()), "{what}: duplicate {}", t.id);
        assert!(
            names.insert(t.name.as_str()),
            "{what}: duplicate name {}",
            t.name
        );
        let (start, end) = (t.start.expect("start"), t.end.expect("end"));
        assert!(start <= end, "{what}: {} ends before it starts", t.id);
        assert!(
            start.year >= first && end.year <= last,
            "{what}: {} outside the plan",
            t.id
        );
        for field in [
            &t.content,
            &t.expected_result,
            &t.expected_effect,
            &t.lead_unit,
            &t.approving_authority,
        ] {
            assert!(!field.is_empty(), "{what}: {} has an empty field", t.id);
        }
        assert!(!t.coordinating_units.contains(&t.lead_unit));
        assert!(!t.funding.is_empty(), "{what}: {} funding", t.id);
        let budget = t.budget_million_vnd.expect("budget");
        assert!(
            budget > 0.0 && budget <= 50_000.0,
            "{what}: {} budget {budget}",
            t.id
        );
        for id in &t.indicators {
            assert!(
                ids.contains(id.as_str()),
                "{what}: {} links unknown {id}",
                t.id
            );
            served.insert(id.as_str());
        }
        if annual {
            assert_eq!(start.year, first);
        }
    }
    for ind in &plan.indicators {
        assert!(
            served.contains(ind.id.as_str()),
            "{what}: {} is served by no task",
            ind.id
        );
    }
    let section_ids: Vec<&str> = walked.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        section_ids.iter().collect::<HashSet<_>>().len(),
        section_ids.len()
    );
    let unit_ids: HashSet<&str> = plan.organisation.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(unit_ids.len(), plan.organisation.len());

    // Every string NFC.
    let json = serde_json::to_value(plan).unwrap();
    let mut strings = 0;
    walk_strings(&json, &mut |s| {
        strings += 1;
        assert!(is_nfc(s), "{what}: not NFC: {s}");
    });
    assert!(strings > 500);
    // The plan survives the JSON round trip.
    let back: Plan = serde_json::from_value(json).unwrap();
    assert_eq!(&back, plan);
}

fn walk_strings(value: &serde_json::Value, f: &mut impl FnMut(&str)) {
    match value {
        serde_json::Value::String(s) => f(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| walk_strings(v, f)),
        serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| {
            f(k);
            walk_strings(v, f)
        }),
        _ => {}
    }
}

/// Characters a reader sees, as (body: sections and section V; appendices: indicators
/// and tasks). A printed A4 page at 14 pt holds about 2 300 characters of body text;
/// the appendix tables, landscape at 12–13 pt in narrow columns, hold less.
fn text_chars(plan: &Plan) -> (usize, usize) {
    let sections: usize = plan
        .sections
        .iter()
        .flat_map(|s| s.walk())
        .flat_map(|s| &s.content)
        .map(|b| b.text().to_plain().chars().count())
        .sum();
    let organisation: usize = plan
        .organisation
        .iter()
        .flat_map(|r| &r.duties)
        .map(|b| b.text().to_plain().chars().count())
        .sum();
    let indicators: usize = plan
        .indicators
        .iter()
        .map(|i| {
            i.name.chars().count() + i.method.chars().count() + i.lead_agency.chars().count() + 20
        })
        .sum();
    let tasks: usize = plan
        .tasks
        .iter()
        .map(|t| {
            [
                &t.name,
                &t.content,
                &t.expected_result,
                &t.expected_effect,
                &t.lead_unit,
            ]
            .iter()
            .map(|s| s.chars().count())
            .sum::<usize>()
                + t.coordinating_units
                    .iter()
                    .map(|u| u.chars().count())
                    .sum::<usize>()
                + 40
        })
        .sum();
    (sections + organisation, indicators + tasks)
}

#[test]
fn samples_are_complete_valid_and_deterministic() {
    assert!(FICTIONAL_NOTE.contains("hư cấu") && is_nfc(FICTIONAL_NOTE));
    for (level, kind) in cases() {
        assert!(is_nfc(fictional_note(level)));
        let plan = sample_plan(level, kind, 1);
        check_plan(&plan, level, kind);
        assert_eq!(plan, sample_plan(level, kind, 1), "deterministic");
        assert_eq!(
            serde_json::to_string(&plan).unwrap(),
            serde_json::to_string(&sample_plan(level, kind, 1)).unwrap()
        );
        assert_eq!(plan, sample_plan(level, kind, 0), "scale 0 is scale 1");
        let json = serde_json::to_string(&plan).unwrap();
        let (body, appendix) = text_chars(&plan);
        println!(
            "{}: {} indicators, {} tasks, {} sections, JSON {} KiB, body ~{body} characters (~{} pages), appendices ~{appendix} characters",
            label(level, kind),
            plan.indicators.len(),
            plan.tasks.len(),
            plan.sections.iter().map(|s| s.walk().len()).sum::<usize>(),
            json.len() / 1024,
            body / 2300,
        );
    }
}

#[test]
fn scale_multiplies_the_content_and_stays_valid() {
    for level in [Level::Tinh, Level::Bo] {
        let one = sample_plan(level, PlanKind::FiveYear, 1);
        let ten = sample_plan(level, PlanKind::FiveYear, 10);
        check_plan(&ten, level, PlanKind::FiveYear);
        assert!(ten.tasks.len() >= 8 * one.tasks.len());
        assert!(ten.indicators.len() > one.indicators.len());
        let json = serde_json::to_string(&ten).unwrap();
        let (b1, a1) = text_chars(&one);
        let (b10, a10) = text_chars(&ten);
        println!(
            "{} scale 10: {} indicators, {} tasks, JSON {} KiB, body ~{b10} characters (~{} pages), appendices ~{a10} characters; {:.1}× the text of scale 1",
            level.label(),
            ten.indicators.len(),
            ten.tasks.len(),
            json.len() / 1024,
            b10 / 2300,
            (b10 + a10) as f64 / (b1 + a1) as f64
        );
        assert!(2 * b10 > 3 * b1 && a10 > 5 * a1);
        assert!(json.len() > 5 * serde_json::to_string(&one).unwrap().len());
        assert!(json.len() < 20 * 1024 * 1024);
        assert_eq!(ten, sample_plan(level, PlanKind::FiveYear, 10));
    }
    // The annual plan scales too, and huge scales are capped without panicking.
    let annual = sample_plan(Level::Tinh, PlanKind::Annual { year: 2027 }, 3);
    check_plan(&annual, Level::Tinh, PlanKind::Annual { year: 2027 });
    let capped = sample_plan(Level::Bo, PlanKind::FiveYear, u32::MAX);
    assert_eq!(capped, sample_plan(Level::Bo, PlanKind::FiveYear, 50));
    check_plan(&capped, Level::Bo, PlanKind::FiveYear);
}
