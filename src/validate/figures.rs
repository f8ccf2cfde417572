//! Figures and references typed by hand in the body: a count of tasks, a total budget or
//! an appendix number that disagrees with the plan. The document generates these when
//! they are inserted as fields; typed ones go stale as soon as a task is added.

use super::{at, quote, Part, Severity, Sink};
use crate::document::format::amount;
use crate::model::{FundingSource, Plan, Section, TaskScope};

pub(super) fn typed_figures(plan: &Plan, out: &mut Sink) {
    let labels = crate::document::appendix_labels(plan);
    let tasks = plan.tasks.len();
    let total = plan.budget_million_vnd(TaskScope::ALL);
    for section in plan.sections.iter().flat_map(Section::walk) {
        for (i, block) in section.content.iter().enumerate() {
            // Generated runs stand apart so that no pattern runs across them.
            let text: String = block
                .text()
                .0
                .iter()
                .map(|r| {
                    if r.field.is_some() {
                        "\u{FFFC}"
                    } else {
                        &r.text
                    }
                })
                .collect();
            let field = format!("content[{i}].text");
            let location = || at(Part::Section, Some(&section.id), Some(&field));
            if let Some(n) = typed_task_count(&text).filter(|n| *n != tasks) {
                out.push(
                    "section.figure-mismatch",
                    Severity::Warning,
                    location(),
                    format!("Đoạn văn ghi {n} nhiệm vụ nhưng kế hoạch có {tasks} nhiệm vụ."),
                    "Chèn trường «Số nhiệm vụ» để số liệu luôn khớp với danh mục nhiệm vụ.",
                );
            }
            if let Some((v, source)) = typed_total(&text) {
                let of_source = source.as_ref().map(|s| {
                    let scope = TaskScope {
                        area: None,
                        source: Some(s),
                    };
                    (s.label().to_lowercase(), plan.budget_million_vnd(scope))
                });
                let (message, hint) = match &of_source {
                    Some((label, planned)) => (
                        format!(
                            "Đoạn văn ghi tổng kinh phí từ {label} {} triệu đồng nhưng tổng kinh phí các nhiệm vụ sử dụng {label} là {} triệu đồng.",
                            amount(v),
                            amount(*planned)
                        ),
                        "Chèn trường «Kinh phí» theo nguồn để số liệu luôn khớp với danh mục nhiệm vụ.",
                    ),
                    None => (
                        format!(
                            "Đoạn văn ghi tổng kinh phí {} triệu đồng nhưng tổng kinh phí các nhiệm vụ là {} triệu đồng.",
                            amount(v),
                            amount(total)
                        ),
                        "Chèn trường «Tổng kinh phí» để số liệu luôn khớp với danh mục nhiệm vụ.",
                    ),
                };
                let planned = of_source.map_or(total, |(_, p)| p);
                if (v - planned).abs() > 0.05 {
                    out.push(
                        "section.figure-mismatch",
                        Severity::Warning,
                        location(),
                        message,
                        hint,
                    );
                }
            }
            for label in typed_appendices(&text) {
                if !labels.contains(&label) {
                    out.push(
                        "section.appendix-unknown",
                        Severity::Warning,
                        location(),
                        format!(
                            "Đoạn văn dẫn chiếu {} nhưng kế hoạch không có phụ lục này.",
                            quote(&label)
                        ),
                        "Chèn trường «Phụ lục» trỏ tới bảng cần dẫn chiếu: số phụ lục được đánh tự động.",
                    );
                }
            }
        }
    }
}

/// "Danh mục 51 nhiệm vụ", "tổng số 51 nhiệm vụ", "gồm 51 nhiệm vụ" → 51.
fn typed_task_count(text: &str) -> Option<usize> {
    let lower = text.to_lowercase();
    ["danh mục ", "tổng số ", "gồm "].iter().find_map(|lead| {
        lower.match_indices(lead).find_map(|(at, _)| {
            let rest = &lower[at + lead.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            rest[digits.len()..]
                .starts_with(" nhiệm vụ")
                .then(|| digits.parse().ok())
                .flatten()
        })
    })
}

/// The amount before "triệu đồng" after "tổng kinh phí" ("267.950" or "312.950,5"), and
/// the funding source the words between them name, if any ("tổng kinh phí từ ngân sách
/// địa phương là 180.600 triệu đồng").
fn typed_total(text: &str) -> Option<(f64, Option<FundingSource>)> {
    let lower = text.to_lowercase();
    let after = &lower[lower.find("tổng kinh phí")?..];
    let before_unit = &after[..after.find(" triệu đồng")?];
    let source = FundingSource::FIXED
        .into_iter()
        .find(|s| before_unit.contains(&s.label().to_lowercase()));
    let number: String = before_unit
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if !number.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let value = number.replace('.', "").replace(',', ".").parse().ok()?;
    Some((value, source))
}

/// "Phụ lục II" as typed; a bare "Phụ lục" names no particular appendix.
fn typed_appendices(text: &str) -> Vec<String> {
    text.match_indices("Phụ lục")
        .filter_map(|(at, m)| {
            let rest = &text[at + m.len()..];
            let numeral: String = rest
                .strip_prefix(' ')
                .unwrap_or("")
                .chars()
                .take_while(|c| "IVXLC".contains(*c))
                .collect();
            let ends_word = rest
                .chars()
                .nth(1 + numeral.chars().count())
                .is_none_or(|c| !c.is_alphanumeric());
            (!numeral.is_empty() && ends_word).then(|| format!("{m} {numeral}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_figures_are_read() {
        assert_eq!(
            typed_task_count("Danh mục 51 nhiệm vụ, dự án triển khai"),
            Some(51)
        );
        assert_eq!(typed_task_count("03 nhiệm vụ chậm tiến độ"), None);
        assert_eq!(
            typed_total("với tổng kinh phí dự kiến 267.950 triệu đồng, chi tiết"),
            Some((267950.0, None))
        );
        assert_eq!(
            typed_total("Tổng kinh phí khoảng 312.950,5 triệu đồng"),
            Some((312950.5, None))
        );
        assert_eq!(
            typed_total("Tổng kinh phí từ ngân sách địa phương là 180.600 triệu đồng"),
            Some((180600.0, Some(FundingSource::LocalBudget)))
        );
        assert_eq!(
            typed_appendices("chi tiết tại Phụ lục II kèm theo; Phụ lục Ia; Phụ lục"),
            ["Phụ lục II"]
        );
    }
}
