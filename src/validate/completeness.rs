//! Every Khung section present and filled; every minimum indicator answered.

use std::collections::HashMap;

use super::{at, blank, quote, Part, Severity, Sink};
use crate::framework::Framework;
use crate::model::{Plan, Section, SectionOrigin};
use crate::vocabulary::section_has_content;

/// Every Khung section must have content: its own, a sub-section's, or generated.
pub(super) fn sections(plan: &Plan, framework: &Framework, out: &mut Sink) {
    let has_content = section_has_content;
    let present: HashMap<&str, &Section> = plan
        .sections
        .iter()
        .flat_map(|s| s.walk())
        .map(|s| (s.id.as_str(), s))
        .collect();
    for fs in framework.walk() {
        let heading = fs.heading.for_level(plan.meta.level);
        match present.get(fs.id.as_str()) {
            None => out.push(
                "completeness.section-missing",
                Severity::Error,
                at(Part::Section, Some(&fs.id), None),
                format!("Thiếu mục {} {heading} của Khung.", fs.number),
                "Khôi phục mục này từ Khung (mục của Khung không được xóa).",
            ),
            // A section with Khung sub-sections is filled by them: when it is empty, so
            // are they, and each of them is reported instead.
            Some(s)
                if !has_content(plan, s)
                    && s.children
                        .iter()
                        .all(|c| c.origin != SectionOrigin::Framework) =>
            {
                out.push(
                    "completeness.section-empty",
                    Severity::Error,
                    at(Part::Section, Some(&fs.id), Some("content")),
                    format!("Mục {} {heading} chưa có nội dung.", fs.number),
                    "Soạn nội dung theo hướng dẫn của Khung bên cạnh, hoặc chèn gợi ý.",
                )
            }
            Some(_) => {}
        }
    }
    for s in plan.sections.iter().flat_map(|s| s.walk()) {
        match s.origin {
            SectionOrigin::Framework if framework.section(&s.id).is_none() => out.push(
                "section.unknown",
                Severity::Error,
                at(Part::Section, Some(&s.id), Some("id")),
                format!(
                    "Mục «{}» được đánh dấu là mục của Khung nhưng Khung không có mục này.",
                    s.id
                ),
                "Chuyển mục này thành mục tự thêm (có tiêu đề riêng) hoặc xóa mục.",
            ),
            SectionOrigin::Custom if blank(&s.title) => out.push(
                "section.title-missing",
                Severity::Error,
                at(Part::Section, Some(&s.id), Some("title")),
                "Mục tự thêm chưa có tiêu đề.",
                "Đặt tiêu đề cho mục, ví dụ «Mục đích, yêu cầu».",
            ),
            SectionOrigin::Custom if !has_content(plan, s) => out.push(
                "section.custom-empty",
                Severity::Warning,
                at(Part::Section, Some(&s.id), Some("content")),
                format!("Mục tự thêm {} chưa có nội dung.", quote(&s.title)),
                "Soạn nội dung cho mục hoặc xóa mục nếu không cần.",
            ),
            _ => {}
        }
    }
}

/// Every minimum indicator of 2.1 a), 2.1 b) and 2.3 answered by an indicator of the
/// plan, or marked not applicable with a reason.
pub(super) fn national_indicators(plan: &Plan, framework: &Framework, out: &mut Sink) {
    for n in &framework.indicators {
        if plan
            .indicators
            .iter()
            .any(|i| i.national.as_deref() == Some(n.id.as_str()))
        {
            continue;
        }
        let group = match n.group.section_id() {
            Some("II.2.1.a") => "2.1 a)",
            Some("II.2.1.b") => "2.1 b)",
            Some("II.2.2") => "2.2",
            Some("II.2.3") => "2.3",
            _ => "II.2",
        };
        out.push(
            "completeness.indicator-missing",
            Severity::Error,
            at(Part::Indicator, Some(&n.id), None),
            format!(
                "Thiếu chỉ tiêu tối thiểu {} của nhóm {group} theo Khung.",
                quote(n.name.for_level(plan.meta.level))
            ),
            "Thêm chỉ tiêu này (chèn từ Khung) với giá trị không thấp hơn mức tối thiểu, hoặc đánh dấu «không áp dụng» và nêu lý do.",
        );
    }
    for i in &plan.indicators {
        if matches!(&i.not_applicable, Some(reason) if blank(reason)) {
            out.push(
                "completeness.not-applicable-reason-missing",
                Severity::Error,
                at(Part::Indicator, Some(&i.id), Some("not_applicable")),
                format!(
                    "Chỉ tiêu {} được đánh dấu không áp dụng nhưng chưa nêu lý do.",
                    quote(&i.name)
                ),
                "Nêu lý do chỉ tiêu không áp dụng với cơ quan, địa phương (ví dụ: không có thủ tục hành chính thuộc phạm vi).",
            );
        }
    }
}
