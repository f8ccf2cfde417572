//! Offline validation of a plan against the Khung and the 2026 guidance: pure functions
//! from a plan to findings, fast enough to run on every keystroke.

mod finding;

pub use finding::{Finding, Location, Part, Severity};

use crate::framework::{self, Framework};
use crate::model::Plan;

/// All findings for `plan`, in document order.
pub fn validate(plan: &Plan) -> Vec<Finding> {
    validate_against(plan, framework::current())
}

pub fn validate_against(plan: &Plan, framework: &Framework) -> Vec<Finding> {
    let mut findings = Vec::new();
    completeness::sections(plan, framework, &mut findings);
    findings.sort_by(|a, b| a.location.cmp(&b.location));
    findings
}

mod completeness {
    use super::{Finding, Location, Part, Severity};
    use crate::framework::Framework;
    use crate::model::{Plan, Section};

    /// Every Khung section must have content, itself or through its sub-sections.
    pub(super) fn sections(plan: &Plan, framework: &Framework, out: &mut Vec<Finding>) {
        fn has_content(s: &Section) -> bool {
            !s.is_empty() || s.children.iter().any(has_content)
        }
        let present: Vec<&Section> = plan.sections.iter().flat_map(|s| s.walk()).collect();
        for fs in framework.walk() {
            let heading = fs.heading.for_level(plan.meta.level);
            match present.iter().find(|s| s.id == fs.id) {
                None => out.push(Finding {
                    rule: "completeness.section-missing".into(),
                    severity: Severity::Error,
                    location: Location::new(Part::Section, Some(&fs.id), None),
                    message: format!("Thiếu mục {} {heading} của Khung.", fs.number),
                    hint: "Khôi phục mục này từ Khung (mục của Khung không được xóa).".into(),
                }),
                Some(s) if !has_content(s) => out.push(Finding {
                    rule: "completeness.section-empty".into(),
                    severity: Severity::Error,
                    location: Location::new(Part::Section, Some(&fs.id), Some("content")),
                    message: format!("Mục {} {heading} chưa có nội dung.", fs.number),
                    hint: "Soạn nội dung theo hướng dẫn của Khung bên cạnh, hoặc chèn gợi ý."
                        .into(),
                }),
                Some(_) => {}
            }
        }
    }
}
