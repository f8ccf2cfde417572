//! Rules of the yearly cycle: the evaluation of the previous year and what the annual
//! plan carries from the five-year plan.

use super::{at, quote, Part, Severity, Sink};
use crate::model::{
    Comparator, EvaluatedTarget, IndicatorEvaluation, Period, Plan, PlanKind, TargetStatus,
    TaskStatus,
};

/// Rules whose findings follow from the plan's year alone; when the year is outside the
/// five-year period they would repeat, item by item, what `annual.year-outside-parent`
/// says once.
pub(super) const FOLLOW_FROM_YEAR: &[&str] = &[
    "task.outside-period",
    "indicator.target-missing",
    "indicator.target-period-foreign",
    "indicator.below-national-minimum",
    "indicator.annual-below-national",
    "header.subject-period",
    "header.date-out-of-range",
];

/// Whether the plan is an annual plan of a year outside the five-year period.
pub(super) fn year_outside_period(plan: &Plan) -> bool {
    let (first, last) = PlanKind::FiveYear.years();
    matches!(plan.meta.kind, PlanKind::Annual { year } if !(first..=last).contains(&year))
}

pub(super) fn annual(plan: &Plan, out: &mut Sink) {
    let PlanKind::Annual { year } = plan.meta.kind else {
        return;
    };
    if year_outside_period(plan) {
        let (first, last) = PlanKind::FiveYear.years();
        out.push(
            "annual.year-outside-parent",
            Severity::Error,
            at(Part::Annual, None, Some("year")),
            format!("Năm {year} nằm ngoài giai đoạn {first} - {last} của kế hoạch 5 năm."),
            format!("Chọn một năm từ {first} đến {last}."),
        );
        return;
    }
    let Some(annual) = &plan.annual else {
        return;
    };
    if let Some(evaluation) = &annual.evaluation {
        for i in &evaluation.indicators {
            target(i, out);
        }
        for t in &evaluation.tasks {
            let late = matches!(t.status, Some(TaskStatus::Late | TaskStatus::NotStarted));
            let present = plan.tasks.iter().any(|p| {
                p.id == t.id
                    || p.name.trim() == t.name.trim()
                    || annual
                        .carried_tasks
                        .iter()
                        .any(|c| c.id == p.id && c.from == t.id)
            });
            if late && !present {
                out.push(
                    "annual.late-task-dropped",
                    Severity::Warning,
                    at(Part::EvaluationTask, Some(&t.id), Some("carries_over")),
                    format!(
                        "Nhiệm vụ {} năm {} {} nhưng không có trong kế hoạch năm {year}.",
                        quote(&t.name),
                        evaluation.year,
                        t.status.map(|s| s.label().to_lowercase()).unwrap_or_default()
                    ),
                    "Đưa nhiệm vụ vào kế hoạch năm nay, hoặc ghi rõ lý do dừng (tình hình «Dừng thực hiện»).",
                );
            }
        }
    }
    // Before the phase's last year a lower target is a step on the way (the sample
    // plans climb a straight line); in its last year it must reach the phase's target.
    let phase = Period::phase_of_year(year);
    let phase_ends = phase.end_year() == year;
    for carried in &annual.carried_indicators {
        let Some(indicator) = plan.indicators.iter().find(|i| i.id == carried.id) else {
            out.push(
                "annual.indicator-dropped",
                Severity::Warning,
                at(Part::Indicator, Some(&carried.id), None),
                format!(
                    "Chỉ tiêu {} của kế hoạch 5 năm không có trong kế hoạch năm {year}.",
                    quote(&carried.name)
                ),
                "Giữ chỉ tiêu với chỉ tiêu của năm, hoặc ghi rõ lý do không áp dụng.",
            );
            continue;
        };
        let (Some(phase_target), Some((n, target))) = (
            &carried.phase_target,
            indicator
                .targets
                .iter()
                .enumerate()
                .find(|(_, t)| t.period == Period::Year(year)),
        ) else {
            continue;
        };
        let (Some(annual_value), Some(phase_value)) =
            (target.numeric(), parse(&phase_target.value))
        else {
            continue;
        };
        let weaker = match phase_target.comparator {
            Comparator::AtLeast => annual_value < phase_value,
            Comparator::AtMost => annual_value > phase_value,
            Comparator::Exactly => false,
        };
        if phase_ends && weaker && target.comparator == phase_target.comparator {
            out.push(
                "annual.target-weaker-than-phase",
                Severity::Warning,
                at(
                    Part::Indicator,
                    Some(&indicator.id),
                    Some(&format!("targets[{n}].value")),
                ),
                format!(
                    "Chỉ tiêu năm {year} của {} ({} {}) thấp hơn chỉ tiêu giai đoạn {phase} của kế hoạch 5 năm ({} {}).",
                    quote(&indicator.name),
                    target.comparator.symbol(),
                    target.value.trim(),
                    phase_target.comparator.symbol(),
                    phase_target.value.trim()
                ),
                "Kiểm tra lộ trình: chỉ tiêu năm phải bảo đảm đạt chỉ tiêu của giai đoạn.",
            );
        }
    }
}

/// One evaluated target: evaluated, and its status agrees with the numbers.
fn target(i: &IndicatorEvaluation, out: &mut Sink) {
    let location = |field| at(Part::EvaluationTarget, Some(&i.id), Some(field));
    let Some(status) = i.status else {
        out.push(
            "annual.target-not-evaluated",
            Severity::Error,
            location("status"),
            format!(
                "Chỉ tiêu {} của năm trước chưa được đánh giá.",
                quote(&i.name)
            ),
            "Chọn Hoàn thành, Chưa hoàn thành, Không thực hiện hoặc Chưa có thông tin.",
        );
        return;
    };
    let needs_value = matches!(status, TargetStatus::Achieved | TargetStatus::NotAchieved);
    if needs_value && i.achieved.trim().is_empty() {
        out.push(
            "annual.achieved-missing",
            Severity::Warning,
            location("achieved"),
            format!(
                "Chỉ tiêu {} được đánh giá «{}» nhưng chưa ghi kết quả thực hiện.",
                quote(&i.name),
                status.label()
            ),
            "Ghi kết quả đạt được (số liệu hoặc mô tả) và nguồn số liệu.",
        );
        return;
    }
    let (Some(EvaluatedTarget { comparator, value }), Some(achieved)) =
        (&i.target, parse(&i.achieved))
    else {
        return;
    };
    let Some(target) = parse(value) else {
        return;
    };
    let reached = match comparator {
        Comparator::AtLeast => achieved >= target,
        Comparator::AtMost => achieved <= target,
        Comparator::Exactly => (achieved - target).abs() < 1e-9,
    };
    let contradicts = match status {
        TargetStatus::Achieved => !reached,
        TargetStatus::NotAchieved => reached,
        _ => false,
    };
    if contradicts {
        out.push(
            "annual.status-contradicts-target",
            Severity::Error,
            location("status"),
            format!(
                "Chỉ tiêu {}: kết quả {} so với chỉ tiêu {} {} không khớp với đánh giá «{}».",
                quote(&i.name),
                i.achieved.trim(),
                comparator.symbol(),
                value.trim(),
                status.label()
            ),
            if reached {
                "Kết quả đã đạt chỉ tiêu: đánh giá «Hoàn thành», hoặc sửa kết quả."
            } else {
                "Kết quả chưa đạt chỉ tiêu: đánh giá «Chưa hoàn thành», hoặc sửa kết quả."
            },
        );
    }
}

fn parse(text: &str) -> Option<f64> {
    crate::vocabulary::parse_number(text)
}
