//! Targets: clear, measurable, not weaker than the Khung's minimum, not going backwards,
//! with a measurement method, a lead agency and a baseline that is not in the future.

use std::collections::{HashMap, HashSet};

use chrono::Datelike;

use super::{at, blank, kind_label, plan_years, quote, similar, Context, Part, Severity, Sink};
use crate::framework::NationalTarget;
use crate::model::{Comparator, Indicator, IndicatorGroup, Period, Plan, PlanKind};
use crate::vocabulary::{parse_number, period_label, value_with_unit};

const EPS: f64 = 1e-9;

/// A number as the plan writes it: "95", "99,5".
fn number(v: f64) -> String {
    if v.fract().abs() < EPS {
        format!("{}", v.round() as i64)
    } else {
        format!("{v}").replace('.', ",")
    }
}

fn bound(c: Comparator, value: &str, unit: &str) -> String {
    format!("{} {}", c.symbol(), value_with_unit(value, unit))
}

fn group_label(g: &IndicatorGroup) -> String {
    match g {
        IndicatorGroup::DigitalServices => "2.1 a) Cung cấp dịch vụ số".to_owned(),
        IndicatorGroup::DataDrivenGovernance => {
            "2.1 b) Quản lý, điều hành dựa trên dữ liệu".to_owned()
        }
        IndicatorGroup::DigitalEconomy => "2.2 Kinh tế số".to_owned(),
        IndicatorGroup::DigitalSociety => "2.3 Xã hội số".to_owned(),
        IndicatorGroup::Custom(t) => quote(t),
    }
}

/// Whether target `x` (with `cmp`) is weaker than the national `nt`; `None` when they go
/// opposite ways and cannot be compared.
fn weaker(cmp: Comparator, x: f64, nt: &NationalTarget) -> Option<bool> {
    let v = nt.value;
    match (nt.comparator, cmp) {
        (Comparator::AtLeast, Comparator::AtMost) | (Comparator::AtMost, Comparator::AtLeast) => {
            None
        }
        (Comparator::AtLeast, _) => Some(x < v - EPS),
        (Comparator::AtMost, _) => Some(x > v + EPS),
        (Comparator::Exactly, Comparator::AtLeast) => Some(x < v - EPS),
        (Comparator::Exactly, Comparator::AtMost) => Some(x > v + EPS),
        (Comparator::Exactly, Comparator::Exactly) => Some((x - v).abs() > EPS),
    }
}

/// An indicator of the drafter's own (not linked to the Khung) whose name nearly repeats
/// another's: a copied indicator counted twice. Two Khung minimums may share a name
/// (the Khung lists some under two groups); a copied Khung one is
/// `indicator.national-duplicate`'s.
fn copies(plan: &Plan, out: &mut Sink) {
    let names: Vec<&str> = plan.indicators.iter().map(|i| i.name.as_str()).collect();
    for (earlier, later) in similar::near_duplicates(&names) {
        let (a, b) = (&plan.indicators[earlier], &plan.indicators[later]);
        if a.national.is_some() && b.national.is_some() {
            continue;
        }
        out.push(
            "indicator.duplicate",
            Severity::Warning,
            at(Part::Indicator, Some(&b.id), Some("name")),
            format!(
                "Chỉ tiêu {} (nhóm {}) trùng hoặc gần trùng với chỉ tiêu {} (nhóm {}).",
                name(b),
                group_label(&b.group),
                name(a),
                group_label(&a.group)
            ),
            "Giữ một chỉ tiêu: gộp hai chỉ tiêu, hoặc ghi rõ phạm vi, cách đo khác nhau.",
        );
    }
}

pub(super) fn indicators(plan: &Plan, ctx: &Context, out: &mut Sink) {
    copies(plan, out);
    let percent: HashSet<&str> = ctx
        .catalog
        .units
        .iter()
        .filter(|u| u.percentage)
        .map(|u| u.symbol.trim())
        .collect();
    let served: HashSet<&str> = plan
        .tasks
        .iter()
        .flat_map(|t| t.indicators.iter().map(String::as_str))
        .collect();
    let mut answered: HashMap<&str, &Indicator> = HashMap::new();
    for ind in &plan.indicators {
        let national = national_checks(plan, ctx, ind, &mut answered, out);
        if ind.not_applicable.is_some() {
            continue;
        }
        own_checks(plan, ind, percent.contains(ind.unit.trim()), out);
        if let Some(n) = national {
            versus_national(plan, ind, n, out);
        }
        if plan.meta.kind == PlanKind::FiveYear {
            progression(ind, percent.contains(ind.unit.trim()), out);
        }
        if !served.contains(ind.id.as_str()) {
            out.push(
                "indicator.no-task",
                Severity::Warning,
                at(Part::Indicator, Some(&ind.id), None),
                format!("Chưa có nhiệm vụ nào thực hiện chỉ tiêu {}.", name(ind)),
                "Gắn chỉ tiêu với nhiệm vụ, dự án thực hiện nó (danh sách chỉ tiêu của nhiệm vụ), để chỉ tiêu gắn với nguồn lực thực thi.",
            );
        }
    }
}

/// An indicator as the drafter finds it: its name, or — unnamed — its group.
fn name(ind: &Indicator) -> String {
    if blank(&ind.name) {
        format!("chưa có tên (nhóm {})", group_label(&ind.group))
    } else {
        quote(&ind.name)
    }
}

/// The link to the Khung's minimum indicator; returns it when targets can be compared.
fn national_checks<'f>(
    plan: &Plan,
    ctx: &Context<'f>,
    ind: &'f Indicator,
    answered: &mut HashMap<&'f str, &'f Indicator>,
    out: &mut Sink,
) -> Option<&'f crate::framework::NationalIndicator> {
    let nat_id = ind.national.as_deref()?;
    let id = Some(ind.id.as_str());
    let Some(n) = ctx.framework.indicator(nat_id) else {
        out.push(
            "indicator.national-unknown",
            Severity::Error,
            at(Part::Indicator, id, Some("national")),
            format!(
                "Chỉ tiêu {} gắn với một chỉ tiêu tối thiểu không có trong Khung hiện hành.",
                name(ind)
            ),
            "Chọn lại chỉ tiêu tối thiểu tương ứng của Khung hoặc bỏ liên kết.",
        );
        return None;
    };
    let level = plan.meta.level;
    if let Some(other) = answered.get(nat_id) {
        out.push(
            "indicator.national-duplicate",
            Severity::Warning,
            at(Part::Indicator, id, Some("national")),
            format!(
                "Chỉ tiêu tối thiểu {} của Khung đã được thể hiện ở chỉ tiêu {}.",
                quote(n.name.for_level(level)),
                name(other)
            ),
            "Giữ một chỉ tiêu cho mỗi chỉ tiêu tối thiểu; gộp hai chỉ tiêu hoặc bỏ liên kết ở chỉ tiêu trùng.",
        );
    } else {
        answered.insert(nat_id, ind);
    }
    if ind.not_applicable.is_some() {
        return None;
    }
    if ind.group != n.group {
        out.push(
            "indicator.group-mismatch",
            Severity::Warning,
            at(Part::Indicator, id, Some("group")),
            format!(
                "Chỉ tiêu {} thuộc nhóm {}, nhưng chỉ tiêu tối thiểu tương ứng của Khung thuộc nhóm {}.",
                name(ind),
                group_label(&ind.group),
                group_label(&n.group)
            ),
            format!("Chuyển chỉ tiêu về nhóm {}.", group_label(&n.group)),
        );
    }
    if ind.unit.trim() != n.unit.trim() && !blank(&ind.unit) {
        out.push(
            "indicator.unit-differs",
            Severity::Warning,
            at(Part::Indicator, id, Some("unit")),
            format!(
                "Chỉ tiêu {} dùng đơn vị «{}», khác đơn vị «{}» của chỉ tiêu tối thiểu trong Khung, nên không so sánh được với mức tối thiểu.",
                name(ind),
                ind.unit.trim(),
                n.unit.trim()
            ),
            format!("Dùng đơn vị «{}» như Khung.", n.unit.trim()),
        );
        return None;
    }
    Some(n)
}

fn own_checks(plan: &Plan, ind: &Indicator, percentage: bool, out: &mut Sink) {
    let id = Some(ind.id.as_str());
    let periods = plan.meta.kind.periods();
    if blank(&ind.name) {
        out.push(
            "indicator.name-missing",
            Severity::Error,
            at(Part::Indicator, id, Some("name")),
            format!(
                "Một chỉ tiêu của nhóm {} chưa có tên.",
                group_label(&ind.group)
            ),
            "Ghi tên chỉ tiêu rõ ràng, đo lường được, ví dụ «Tỷ lệ hồ sơ … được …».",
        );
    }
    if blank(&ind.unit) {
        out.push(
            "indicator.unit-missing",
            Severity::Error,
            at(Part::Indicator, id, Some("unit")),
            format!("Chỉ tiêu {} chưa có đơn vị tính.", name(ind)),
            "Chọn đơn vị tính (%, hệ thống, cấp độ, …) để chỉ tiêu định lượng được.",
        );
    }
    for period in &periods {
        if !ind.targets.iter().any(|t| t.period == *period) {
            out.push(
                "indicator.target-missing",
                Severity::Error,
                at(Part::Indicator, id, Some("targets")),
                format!(
                    "Chỉ tiêu {} chưa có giá trị mục tiêu cho {}.",
                    name(ind),
                    period_label(*period)
                ),
                "Nhập giá trị mục tiêu bằng số, kèm chiều so sánh (≥, =, ≤).",
            );
        }
    }
    for (i, t) in ind.targets.iter().enumerate() {
        if !periods.contains(&t.period) {
            out.push(
                "indicator.target-period-foreign",
                Severity::Warning,
                at(Part::Indicator, id, Some(&format!("targets[{i}].period"))),
                format!(
                    "Chỉ tiêu {} có giá trị cho {}, không thuộc kỳ của kế hoạch {}.",
                    name(ind),
                    period_label(t.period),
                    kind_label(plan.meta.kind)
                ),
                "Xóa giá trị này hoặc chuyển sang kỳ của kế hoạch.",
            );
            continue;
        }
        let field = format!("targets[{i}].value");
        if blank(&t.value) {
            out.push(
                "indicator.target-missing",
                Severity::Error,
                at(Part::Indicator, id, Some(&field)),
                format!(
                    "Chỉ tiêu {} chưa có giá trị mục tiêu cho {}.",
                    name(ind),
                    period_label(t.period)
                ),
                "Nhập giá trị mục tiêu bằng số.",
            );
            continue;
        }
        match t.numeric() {
            None => out.push(
                "indicator.target-not-numeric",
                Severity::Error,
                at(Part::Indicator, id, Some(&field)),
                format!(
                    "Giá trị mục tiêu «{}» của chỉ tiêu {} ({}) không phải là số.",
                    t.value.trim(),
                    name(ind),
                    period_label(t.period)
                ),
                "Ghi một số, ví dụ «95» hoặc «99,5»; phần diễn giải đưa vào tên chỉ tiêu hoặc phương pháp đo lường.",
            ),
            Some(v) if percentage && !(0.0..=100.0).contains(&v) => out.push(
                "indicator.percentage-out-of-range",
                Severity::Error,
                at(Part::Indicator, id, Some(&field)),
                format!(
                    "Giá trị {}% của chỉ tiêu {} ({}) nằm ngoài khoảng 0–100.",
                    t.value.trim(),
                    name(ind),
                    period_label(t.period)
                ),
                "Tỷ lệ phần trăm phải từ 0 đến 100: kiểm tra lại giá trị hoặc đơn vị tính.",
            ),
            Some(_) => {}
        }
    }
    baseline(plan, ind, percentage, out);
    if blank(&ind.method) {
        out.push(
            "indicator.method-missing",
            Severity::Error,
            at(Part::Indicator, id, Some("method")),
            format!("Chỉ tiêu {} chưa có phương pháp đo lường.", name(ind)),
            "Nêu cách đo và nguồn số liệu (ví dụ: số liệu trên Hệ thống thông tin giải quyết thủ tục hành chính): chỉ tiêu phải rõ phương pháp đánh giá, đo lường.",
        );
    }
    if blank(&ind.lead_agency) {
        out.push(
            "indicator.lead-agency-missing",
            Severity::Error,
            at(Part::Indicator, id, Some("lead_agency")),
            format!(
                "Chỉ tiêu {} chưa có cơ quan chủ trì theo dõi, đánh giá.",
                name(ind)
            ),
            "Giao một cơ quan chủ trì theo dõi, đánh giá chỉ tiêu.",
        );
    }
}

fn baseline(plan: &Plan, ind: &Indicator, percentage: bool, out: &mut Sink) {
    let id = Some(ind.id.as_str());
    let Some(b) = ind.baseline.as_ref().filter(|b| !blank(&b.value)) else {
        out.push(
            "indicator.baseline-missing",
            Severity::Hint,
            at(
                Part::Indicator,
                id,
                Some(if ind.baseline.is_some() { "baseline.value" } else { "baseline" }),
            ),
            format!("Chỉ tiêu {} chưa có giá trị hiện trạng.", name(ind)),
            "Ghi giá trị hiện trạng (năm 2025 hoặc năm gần nhất có số liệu) để đánh giá mức độ tiến bộ.",
        );
        return;
    };
    match parse_number(&b.value) {
        None => out.push(
            "indicator.baseline-not-numeric",
            Severity::Warning,
            at(Part::Indicator, id, Some("baseline.value")),
            format!(
                "Giá trị hiện trạng «{}» của chỉ tiêu {} không phải là số.",
                b.value.trim(),
                name(ind)
            ),
            "Ghi một số, ví dụ «86» hoặc «46,8».",
        ),
        Some(v) if percentage && !(0.0..=100.0).contains(&v) => out.push(
            "indicator.percentage-out-of-range",
            Severity::Error,
            at(Part::Indicator, id, Some("baseline.value")),
            format!(
                "Giá trị hiện trạng {}% của chỉ tiêu {} nằm ngoài khoảng 0–100.",
                b.value.trim(),
                name(ind)
            ),
            "Tỷ lệ phần trăm phải từ 0 đến 100: kiểm tra lại giá trị hoặc đơn vị tính.",
        ),
        Some(_) => {}
    }
    let (first, _) = plan_years(plan);
    match b.year {
        None => out.push(
            "indicator.baseline-year-missing",
            Severity::Hint,
            at(Part::Indicator, id, Some("baseline.year")),
            format!(
                "Giá trị hiện trạng của chỉ tiêu {} chưa ghi năm.",
                name(ind)
            ),
            "Ghi năm của số liệu hiện trạng.",
        ),
        Some(year) => {
            let by_date = plan.header.date.filter(|d| d.year() < first);
            let (limit, why) = match by_date {
                Some(d) => (
                    d.year(),
                    format!(
                        "năm ban hành kế hoạch ({})",
                        crate::document::format::numeric_date(d)
                    ),
                ),
                None => (first, format!("năm đầu của kế hoạch ({first})")),
            };
            if year > limit {
                out.push(
                    "indicator.baseline-in-future",
                    Severity::Error,
                    at(Part::Indicator, id, Some("baseline.year")),
                    format!(
                        "Giá trị hiện trạng của chỉ tiêu {} ghi năm {year}, sau {why}.",
                        name(ind)
                    ),
                    format!("Hiện trạng là số liệu đã có: ghi năm {limit} hoặc trước đó."),
                );
            }
        }
    }
}

fn versus_national(
    plan: &Plan,
    ind: &Indicator,
    n: &crate::framework::NationalIndicator,
    out: &mut Sink,
) {
    let id = Some(ind.id.as_str());
    let periods = plan.meta.kind.periods();
    let unit = n.unit.trim();
    for (i, t) in ind.targets.iter().enumerate() {
        if !periods.contains(&t.period) {
            continue;
        }
        let Some(x) = t.numeric() else { continue };
        // (national target, due by the plan's period?) pairs to compare with.
        let applicable: Vec<(&NationalTarget, bool)> = match t.period {
            Period::Year(y) => n
                .targets
                .iter()
                .filter_map(|nt| {
                    let end = nt.period.end_year();
                    if end <= y {
                        Some((nt, true))
                    } else if nt.period == Period::phase_of_year(y) {
                        Some((nt, false))
                    } else {
                        None
                    }
                })
                .collect(),
            phase => n.target(phase).map(|nt| (nt, true)).into_iter().collect(),
        };
        for (nt, due) in applicable {
            let national = bound(nt.comparator, &number(nt.value), unit);
            let mine = bound(t.comparator, t.value.trim(), unit);
            match weaker(t.comparator, x, nt) {
                None => out.push(
                    "indicator.comparator-differs",
                    Severity::Warning,
                    at(Part::Indicator, id, Some(&format!("targets[{i}].comparator"))),
                    format!(
                        "Mục tiêu {} ({mine}) của chỉ tiêu {} ngược chiều với mức tối thiểu {national} mà Khung đặt cho {}.",
                        period_label(t.period),
                        name(ind),
                        period_label(nt.period)
                    ),
                    format!("Dùng chiều so sánh «{}» như Khung.", nt.comparator.symbol()),
                ),
                Some(false) => {}
                Some(true) if due => out.push(
                    "indicator.below-national-minimum",
                    Severity::Error,
                    at(Part::Indicator, id, Some(&format!("targets[{i}].value"))),
                    format!(
                        "Mục tiêu {} ({mine}) của chỉ tiêu {} chưa đạt mức tối thiểu {national} mà Khung đặt cho {}.",
                        period_label(t.period),
                        name(ind),
                        period_label(nt.period)
                    ),
                    format!(
                        "Điều chỉnh mục tiêu cho đạt mức của Khung ({national}): chỉ tiêu của kế hoạch không được thấp hơn mức tối thiểu quốc gia."
                    ),
                ),
                Some(true) => out.push(
                    "indicator.annual-below-national",
                    Severity::Hint,
                    at(Part::Indicator, id, Some(&format!("targets[{i}].value"))),
                    format!(
                        "Mục tiêu {} ({mine}) của chỉ tiêu {} thấp hơn mức tối thiểu {national} mà Khung đặt cho {}.",
                        period_label(t.period),
                        name(ind),
                        period_label(nt.period)
                    ),
                    format!(
                        "Có thể chấp nhận nếu đây là bước trung gian; bảo đảm lộ trình đạt {national} vào năm {}.",
                        nt.period.end_year()
                    ),
                ),
            }
        }
    }
}

/// The 2028–2030 target is not weaker than the 2025–2027 one.
fn progression(ind: &Indicator, percentage: bool, out: &mut Sink) {
    let find = |p: Period| ind.targets.iter().position(|t| t.period == p);
    let (Some(a), Some(b)) = (find(Period::Phase2025To2027), find(Period::Phase2028To2030)) else {
        return;
    };
    let (t1, t2) = (&ind.targets[a], &ind.targets[b]);
    let (Some(v1), Some(v2)) = (t1.numeric(), t2.numeric()) else {
        return;
    };
    let id = Some(ind.id.as_str());
    if t1.comparator != t2.comparator {
        out.push(
            "indicator.comparator-inconsistent",
            Severity::Warning,
            at(
                Part::Indicator,
                id,
                Some(&format!("targets[{b}].comparator")),
            ),
            format!(
                "Hai giai đoạn của chỉ tiêu {} dùng chiều so sánh khác nhau («{}» và «{}»).",
                name(ind),
                t1.comparator.symbol(),
                t2.comparator.symbol()
            ),
            "Dùng cùng một chiều so sánh cho cả hai giai đoạn.",
        );
        return;
    }
    let (worse, word) = match t1.comparator {
        Comparator::AtMost => (v2 > v1 + EPS, "cao hơn"),
        _ => (v2 < v1 - EPS, "thấp hơn"),
    };
    if !worse {
        return;
    }
    let (rule, severity) = if percentage {
        ("indicator.target-regression", Severity::Error)
    } else {
        ("indicator.target-regression-count", Severity::Warning)
    };
    out.push(
        rule,
        severity,
        at(Part::Indicator, id, Some(&format!("targets[{b}].value"))),
        format!(
            "Mục tiêu giai đoạn 2028–2030 ({}) của chỉ tiêu {} {word} mục tiêu giai đoạn 2025–2027 ({}).",
            value_with_unit(t2.value.trim(), &ind.unit),
            name(ind),
            value_with_unit(t1.value.trim(), &ind.unit)
        ),
        if percentage {
            format!(
                "Mục tiêu giai đoạn sau không được kém giai đoạn trước: đặt mục tiêu 2028–2030 không kém mức {} của giai đoạn 2025–2027.",
                value_with_unit(t1.value.trim(), &ind.unit)
            )
        } else {
            "Kiểm tra lại: nếu chỉ tiêu đếm riêng từng giai đoạn thì có thể giữ; nếu là mức lũy kế, mục tiêu giai đoạn sau không được kém giai đoạn trước.".to_owned()
        },
    );
}
