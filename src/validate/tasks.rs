//! Tasks and projects by the "6 rõ" rule: rõ người, rõ việc, rõ thời gian, rõ trách
//! nhiệm, rõ sản phẩm, rõ thẩm quyền; plus funding, links and near duplicates.

use std::collections::HashSet;

use super::{at, blank, kind_label, plan_years, quote, similar, Part, Severity, Sink};
use crate::model::{FundingSource, MonthYear, Plan, Task};

/// A task as the drafter finds it: its name, or — unnamed — its group of section
/// "Nhiệm vụ, giải pháp".
fn name(t: &Task) -> String {
    if blank(&t.name) {
        format!("chưa có tên (nhóm nhiệm vụ số {})", t.area)
    } else {
        quote(&t.name)
    }
}

fn month(m: MonthYear) -> String {
    format!("{:02}/{}", m.month, m.year)
}

pub(super) fn tasks(plan: &Plan, out: &mut Sink) {
    let indicator_ids: HashSet<&str> = plan.indicators.iter().map(|i| i.id.as_str()).collect();
    let (first, last) = plan_years(plan);
    let period_start = MonthYear {
        year: first,
        month: 1,
    };
    let period_end = MonthYear {
        year: last,
        month: 12,
    };
    let period = format!(
        "{} ({} – {})",
        kind_label(plan.meta.kind),
        month(period_start),
        month(period_end)
    );
    for t in &plan.tasks {
        let id = Some(t.id.as_str());
        let loc = |field: &str| at(Part::Task, id, Some(field));
        let missing = |out: &mut Sink, rule, field: &str, message: String, hint: &str| {
            out.push(rule, Severity::Error, loc(field), message, hint)
        };
        if blank(&t.name) {
            missing(
                out,
                "task.name-missing",
                "name",
                format!("Một nhiệm vụ của nhóm nhiệm vụ số {} chưa có tên (rõ việc).", t.area),
                "Ghi tên nhiệm vụ, dự án ngắn gọn, mở đầu bằng động từ (Xây dựng, Triển khai, Nâng cấp, …).",
            );
        }
        if !(1..=9).contains(&t.area) {
            missing(
                out,
                "task.area-invalid",
                "area",
                format!(
                    "Nhiệm vụ {} thuộc nhóm số {}, không có trong mục III (nhóm 1 đến 9).",
                    name(t),
                    t.area
                ),
                "Chọn một trong 9 nhóm nhiệm vụ, giải pháp của mục III.",
            );
        }
        if blank(&t.content) {
            missing(
                out,
                "task.content-missing",
                "content",
                format!("Nhiệm vụ {} chưa có nội dung thực hiện (rõ việc).", name(t)),
                "Mô tả nội dung chính: làm gì, phạm vi đến đâu.",
            );
        }
        if blank(&t.expected_result) {
            missing(
                out,
                "task.expected-result-missing",
                "expected_result",
                format!(
                    "Nhiệm vụ {} chưa có kết quả, sản phẩm dự kiến (rõ sản phẩm).",
                    name(t)
                ),
                "Nêu sản phẩm cụ thể, kiểm đếm được (văn bản, hệ thống, cơ sở dữ liệu, số người được đào tạo, …).",
            );
        }
        if blank(&t.expected_effect) {
            out.push(
                "task.expected-effect-missing",
                Severity::Warning,
                loc("expected_effect"),
                format!("Nhiệm vụ {} chưa nêu hiệu quả đem lại.", name(t)),
                "Nêu hiệu quả dự kiến, như mục VI của Khung yêu cầu.",
            );
        }
        if blank(&t.lead_unit) {
            missing(
                out,
                "task.lead-unit-missing",
                "lead_unit",
                format!(
                    "Nhiệm vụ {} chưa có đơn vị chủ trì (rõ người, rõ trách nhiệm).",
                    name(t)
                ),
                "Giao một đơn vị chủ trì chịu trách nhiệm chính về nhiệm vụ.",
            );
        } else if let Some(i) = t
            .coordinating_units
            .iter()
            .position(|u| u.trim().eq_ignore_ascii_case(t.lead_unit.trim()))
        {
            out.push(
                "task.lead-unit-coordinating",
                Severity::Warning,
                loc(&format!("coordinating_units[{i}]")),
                format!(
                    "Đơn vị chủ trì «{}» của nhiệm vụ {} cũng có trong danh sách đơn vị phối hợp.",
                    t.lead_unit.trim(),
                    name(t)
                ),
                "Bỏ đơn vị chủ trì khỏi danh sách đơn vị phối hợp.",
            );
        }
        schedule(t, period_start, period_end, &period, out);
        if blank(&t.approving_authority) {
            missing(
                out,
                "task.approving-authority-missing",
                "approving_authority",
                format!(
                    "Nhiệm vụ {} chưa xác định cấp có thẩm quyền phê duyệt (rõ thẩm quyền).",
                    name(t)
                ),
                "Ghi cấp phê duyệt, ví dụ «UBND tỉnh», «Chủ tịch UBND tỉnh», «Bộ trưởng».",
            );
        }
        if t.funding.is_empty() {
            missing(
                out,
                "task.funding-missing",
                "funding",
                format!("Nhiệm vụ {} chưa có nguồn kinh phí.", name(t)),
                "Chọn nguồn kinh phí: ngân sách trung ương, ngân sách địa phương, chi thường xuyên, đầu tư công, xã hội hóa, …",
            );
        }
        for (i, f) in t.funding.iter().enumerate() {
            if matches!(f, FundingSource::Other(n) if blank(n)) {
                missing(
                    out,
                    "task.funding-missing",
                    &format!("funding[{i}]"),
                    format!(
                        "Nguồn kinh phí «khác» của nhiệm vụ {} chưa ghi tên.",
                        name(t)
                    ),
                    "Ghi tên nguồn kinh phí.",
                );
            }
        }
        match t.budget_million_vnd {
            None => out.push(
                "task.budget-missing",
                Severity::Hint,
                loc("budget_million_vnd"),
                format!("Nhiệm vụ {} chưa có kinh phí dự kiến.", name(t)),
                "Ghi kinh phí dự kiến (triệu đồng) để kế hoạch rõ nguồn lực thực hiện.",
            ),
            Some(v) if !v.is_finite() || v < 0.0 => missing(
                out,
                "task.budget-invalid",
                "budget_million_vnd",
                format!(
                    "Kinh phí dự kiến của nhiệm vụ {} không hợp lệ ({v}).",
                    name(t)
                ),
                "Ghi số tiền không âm, đơn vị triệu đồng.",
            ),
            Some(_) => {}
        }
        for (i, ind) in t.indicators.iter().enumerate() {
            if !indicator_ids.contains(ind.as_str()) {
                missing(
                    out,
                    "task.indicator-unknown",
                    &format!("indicators[{i}]"),
                    format!(
                        "Nhiệm vụ {} gắn với một chỉ tiêu không còn trong kế hoạch (chỉ tiêu thứ {} trong danh sách chỉ tiêu của nhiệm vụ).",
                        name(t),
                        i + 1
                    ),
                    "Chọn lại chỉ tiêu hoặc bỏ liên kết.",
                );
            }
        }
        if t.indicators.is_empty() {
            out.push(
                "task.no-indicator",
                Severity::Hint,
                loc("indicators"),
                format!("Nhiệm vụ {} chưa gắn với chỉ tiêu nào.", name(t)),
                format!(
                    "Chọn chỉ tiêu mà nhiệm vụ góp phần thực hiện để theo dõi, đánh giá (nhiệm vụ vẫn thuộc nhóm {} của mục III).",
                    t.area
                ),
            );
        }
    }
    let names: Vec<&str> = plan.tasks.iter().map(|t| t.name.as_str()).collect();
    for (earlier, later) in similar::near_duplicates(&names) {
        let (a, b) = (&plan.tasks[earlier], &plan.tasks[later]);
        out.push(
            "task.near-duplicate",
            Severity::Warning,
            at(Part::Task, Some(&b.id), Some("name")),
            format!(
                "Nhiệm vụ {} (nhóm nhiệm vụ số {}) gần trùng với nhiệm vụ {} (nhóm nhiệm vụ số {}).",
                name(b),
                b.area,
                name(a),
                a.area
            ),
            "Gộp hai nhiệm vụ, hoặc ghi rõ phạm vi, sản phẩm khác nhau: không giao nhiệm vụ trùng lặp.",
        );
    }
}

/// Rõ thời gian: start and end given, in order, within the plan's period.
fn schedule(
    t: &Task,
    period_start: MonthYear,
    period_end: MonthYear,
    period: &str,
    out: &mut Sink,
) {
    let id = Some(t.id.as_str());
    match t.start {
        None => out.push(
            "task.start-missing",
            Severity::Error,
            at(Part::Task, id, Some("start")),
            format!("Nhiệm vụ {} chưa có thời gian bắt đầu (rõ thời gian).", name(t)),
            "Ghi tháng, năm bắt đầu thực hiện.",
        ),
        Some(s) if s < period_start || s > period_end => out.push(
            "task.outside-period",
            Severity::Error,
            at(Part::Task, id, Some("start")),
            format!(
                "Thời gian bắt đầu {} của nhiệm vụ {} nằm ngoài kỳ kế hoạch {period}.",
                month(s),
                name(t)
            ),
            "Đặt thời gian trong kỳ kế hoạch; phần việc ngoài kỳ đưa vào kế hoạch của kỳ tương ứng.",
        ),
        Some(_) => {}
    }
    match t.end {
        None => out.push(
            "task.end-missing",
            Severity::Error,
            at(Part::Task, id, Some("end")),
            format!("Nhiệm vụ {} chưa có thời hạn hoàn thành (rõ thời gian).", name(t)),
            "Ghi tháng, năm hoàn thành.",
        ),
        Some(e) if t.start.is_some_and(|s| e < s) => out.push(
            "task.end-before-start",
            Severity::Error,
            at(Part::Task, id, Some("end")),
            format!(
                "Thời hạn hoàn thành {} của nhiệm vụ {} trước thời gian bắt đầu {}.",
                month(e),
                name(t),
                t.start.map(month).unwrap_or_default()
            ),
            "Sửa lại thời gian bắt đầu hoặc thời hạn hoàn thành.",
        ),
        Some(e) if e < period_start || e > period_end => out.push(
            "task.outside-period",
            Severity::Error,
            at(Part::Task, id, Some("end")),
            format!(
                "Thời hạn hoàn thành {} của nhiệm vụ {} nằm ngoài kỳ kế hoạch {period}.",
                month(e),
                name(t)
            ),
            "Đặt thời gian trong kỳ kế hoạch; phần việc ngoài kỳ đưa vào kế hoạch của kỳ tương ứng.",
        ),
        Some(_) => {}
    }
}
