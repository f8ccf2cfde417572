//! The annual plan of year Y, derived from the five-year plan (and last year's annual
//! plan when there is one): what carries over, the year's targets, the tasks running in
//! Y, and the evaluation of Y − 1 ready to fill in.

use std::collections::{BTreeMap, BTreeSet};

use sha2::{Digest, Sha256};

use super::guidance::evaluation_guidance;
use crate::model::{
    Annual, AnnualLayout, CarriedItem, EvaluatedTarget, Evaluation, Indicator, IndicatorEvaluation,
    MonthYear, NarrativePart, ParentPlan, Period, Plan, PlanKind, Section, SectionOrigin, Target,
    Task, TaskEvaluation,
};

/// Why no annual plan could be derived. Nothing is written when this happens.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeriveError {
    #[error(
        "Kế hoạch gốc phải là kế hoạch 5 năm (giai đoạn 2026 - 2030); tệp đã chọn là kế hoạch {0}."
    )]
    ParentNotFiveYear(String),
    #[error("Năm {year} nằm ngoài giai đoạn {first} - {last} của kế hoạch 5 năm.")]
    YearOutsidePeriod { year: i32, first: i32, last: i32 },
    #[error(
        "Kế hoạch năm trước phải là kế hoạch năm {expected}; tệp đã chọn là kế hoạch {found}."
    )]
    PreviousOfAnotherYear { expected: i32, found: String },
    #[error(
        "Kế hoạch năm trước là của «{found}», không phải của «{expected}» như kế hoạch 5 năm."
    )]
    PreviousOfAnotherBody { expected: String, found: String },
}

/// Derives the annual plan of `year` from `five_year`, with the evaluation of the
/// previous year taken from `previous` (last year's annual plan) or, without it, from
/// the five-year plan's targets and tasks for that year.
pub fn derive_annual(
    five_year: &Plan,
    year: i32,
    previous: Option<&Plan>,
) -> Result<Plan, DeriveError> {
    check(five_year, year, previous)?;
    let phase = Period::phase_of_year(year);
    let indicators: Vec<Indicator> = five_year
        .indicators
        .iter()
        .map(|i| Indicator {
            targets: i
                .targets
                .iter()
                .filter(|t| t.period == phase)
                .map(|t| Target {
                    period: Period::Year(year),
                    ..t.clone()
                })
                .collect(),
            ..i.clone()
        })
        .collect();
    let tasks: Vec<Task> = five_year
        .tasks
        .iter()
        .filter_map(|t| task_in_year(t, year))
        .collect();
    let carried_indicators = indicators
        .iter()
        .map(|i| CarriedItem {
            id: i.id.clone(),
            from: i.id.clone(),
            name: i.name.clone(),
            phase_target: i.targets.first().map(|t| EvaluatedTarget {
                comparator: t.comparator,
                value: t.value.clone(),
            }),
        })
        .collect();
    let carried_tasks: Vec<CarriedItem> = tasks.iter().map(CarriedItem::task).collect();
    let parent = reference(five_year);
    let evaluation = evaluation(five_year, &parent, year - 1, previous, &carried_tasks);
    let mut header = five_year.header.clone();
    header.number = symbol_only(&header.number);
    header.date = None;
    header.subject = for_year(&header.subject, year);
    let mut opening = five_year.opening.clone();
    opening.issuing_sentence = for_year(&opening.issuing_sentence, year);
    Ok(Plan {
        meta: crate::model::PlanMeta {
            kind: PlanKind::Annual { year },
            ..five_year.meta.clone()
        },
        header,
        opening,
        sections: five_year.sections.iter().map(outline).collect(),
        indicators,
        tasks,
        organisation: five_year.organisation.clone(),
        recipients: five_year.recipients.clone(),
        signer: five_year.signer.clone(),
        settings: five_year.settings.clone(),
        annual: Some(Annual {
            parent: Some(parent),
            carried_indicators,
            carried_tasks,
            evaluation: Some(evaluation),
            layout: AnnualLayout::Parts,
        }),
        appendices: Vec::new(),
    })
}

fn check(five_year: &Plan, year: i32, previous: Option<&Plan>) -> Result<(), DeriveError> {
    if five_year.meta.kind != PlanKind::FiveYear {
        return Err(DeriveError::ParentNotFiveYear(five_year.meta.kind.label()));
    }
    let (first, last) = five_year.meta.kind.years();
    if !(first..=last).contains(&year) {
        return Err(DeriveError::YearOutsidePeriod { year, first, last });
    }
    if let Some(previous) = previous {
        if previous.meta.kind != (PlanKind::Annual { year: year - 1 }) {
            return Err(DeriveError::PreviousOfAnotherYear {
                expected: year - 1,
                found: previous.meta.kind.label(),
            });
        }
        let body = |p: &Plan| p.header.issuer.trim().to_uppercase();
        if body(previous) != body(five_year) || previous.meta.level != five_year.meta.level {
            return Err(DeriveError::PreviousOfAnotherBody {
                expected: five_year.header.issuer.trim().to_owned(),
                found: previous.header.issuer.trim().to_owned(),
            });
        }
    }
    Ok(())
}

/// The task as it runs in `year`: months clipped to the year, the budget shared out by
/// months (rounded to 0,1 triệu đồng, for the drafter to adjust). `None` when the task
/// does not run in the year. A missing start or end stands for the plan's own.
fn task_in_year(task: &Task, year: i32) -> Option<Task> {
    let (first, last) = PlanKind::FiveYear.years();
    let start = task.start.unwrap_or(MonthYear {
        year: first,
        month: 1,
    });
    let end = task.end.unwrap_or(MonthYear {
        year: last,
        month: 12,
    });
    let year_start = MonthYear { year, month: 1 };
    let year_end = MonthYear { year, month: 12 };
    if start > year_end || end < year_start || start > end {
        return None;
    }
    let clipped = (start.max(year_start), end.min(year_end));
    let months = |a: MonthYear, b: MonthYear| {
        f64::from((b.year - a.year) * 12 + i32::from(b.month) - i32::from(a.month) + 1)
    };
    let budget = task.budget_million_vnd.map(|b| {
        let share = b * months(clipped.0, clipped.1) / months(start, end);
        (share * 10.0).round() / 10.0
    });
    Some(Task {
        start: Some(clipped.0),
        end: Some(clipped.1),
        budget_million_vnd: budget,
        ..task.clone()
    })
}

/// The section tree without the five-year plan's own text: the drafter writes the
/// year's text; the indicators and tasks are generated into it.
fn outline(section: &Section) -> Section {
    Section {
        content: Vec::new(),
        children: section.children.iter().map(outline).collect(),
        title: match section.origin {
            SectionOrigin::Framework => String::new(),
            SectionOrigin::Custom => section.title.clone(),
        },
        ..section.clone()
    }
}

/// "125/KH-UBND" → "/KH-UBND": the annual plan gets its own number.
fn symbol_only(number: &str) -> String {
    match number.find('/') {
        Some(at) => number[at..].to_owned(),
        None => number.to_owned(),
    }
}

/// "Chuyển đổi số tỉnh Hòa Sơn giai đoạn 2026 - 2030" → "… năm 2027".
fn for_year(text: &str, year: i32) -> String {
    let mut out = text.to_owned();
    for period in [
        "giai đoạn 2026 - 2030",
        "giai đoạn 2026-2030",
        "giai đoạn 2026–2030",
    ] {
        out = out.replace(period, &format!("năm {year}"));
    }
    out
}

/// The plan as another plan refers to it.
pub fn reference(plan: &Plan) -> ParentPlan {
    let json = serde_json::to_vec(plan).unwrap_or_default();
    let digest = Sha256::digest(&json);
    ParentPlan {
        number: plan.header.number.trim().to_owned(),
        date: plan.header.date,
        subject: plan.header.subject.trim().to_owned(),
        content_hash: digest.iter().map(|b| format!("{b:02x}")).collect(),
    }
}

/// The evaluation of `year`, every target and task listed without a status yet.
fn evaluation(
    five_year: &Plan,
    five_year_ref: &ParentPlan,
    year: i32,
    previous: Option<&Plan>,
    carried_now: &[CarriedItem],
) -> Evaluation {
    let (source, period, tasks): (&Plan, Period, Vec<Task>) = match previous {
        Some(p) => (p, Period::Year(year), p.tasks.clone()),
        None => (
            five_year,
            Period::phase_of_year(year),
            five_year
                .tasks
                .iter()
                .filter_map(|t| task_in_year(t, year))
                .collect(),
        ),
    };
    // A task carries over when its five-year origin is carried into this year too.
    let origin_then: BTreeMap<&str, &str> = previous
        .and_then(|p| p.annual.as_ref())
        .map(|a| {
            a.carried_tasks
                .iter()
                .map(|c| (c.id.as_str(), c.from.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let origins_now: BTreeSet<&str> = carried_now.iter().map(|c| c.from.as_str()).collect();
    let indicators = source
        .indicators
        .iter()
        .filter(|i| i.not_applicable.is_none())
        .map(|i| IndicatorEvaluation {
            id: i.id.clone(),
            group: i.group.clone(),
            name: i.name.clone(),
            unit: i.unit.clone(),
            target: i
                .targets
                .iter()
                .find(|t| t.period == period)
                .map(|t| EvaluatedTarget {
                    comparator: t.comparator,
                    value: t.value.clone(),
                }),
            achieved: String::new(),
            status: None,
            source: i.method.clone(),
            note: String::new(),
        })
        .collect();
    let tasks = tasks
        .iter()
        .map(|t| {
            let origin = origin_then.get(t.id.as_str()).copied().unwrap_or(&t.id);
            TaskEvaluation {
                id: t.id.clone(),
                area: t.area,
                name: t.name.clone(),
                lead_unit: t.lead_unit.clone(),
                status: None,
                result: String::new(),
                carries_over: origins_now.contains(origin),
            }
        })
        .collect();
    Evaluation {
        year,
        source: Some(match previous {
            Some(p) => reference(p),
            None => five_year_ref.clone(),
        }),
        indicators,
        tasks,
        narrative: evaluation_guidance()
            .parts
            .iter()
            .map(|p| NarrativePart {
                id: p.id.clone(),
                content: Vec::new(),
            })
            .collect(),
    }
}
