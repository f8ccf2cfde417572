//! The yearly report — Báo cáo kết quả thực hiện Kế hoạch chuyển đổi số năm Y − 1 — built
//! from the evaluation an annual plan opens with, in the layout of a Báo cáo (Nghị định
//! 30/2020/NĐ-CP, Mẫu 1.3): the plan's issuer and signer; "BÁO CÁO" and its trích yếu;
//! the evaluation's sections numbered from I with the counts generated from the
//! statuses; "./." and the closing block; the evaluation's appendices, numbered on their
//! own and attached to the report. The report's số and date are left blank: the văn thư
//! gives them when it is issued.

use super::build::finish;
use super::opening::{self, Identity};
use super::{appendix, body, Block, Document, Paragraph, Properties};
use crate::framework;
use crate::layout::{Layout, Role};
use crate::model::{Plan, PlanKind};

/// The report of the evaluation of `plan` (an annual plan), or `None` when the plan
/// holds no evaluation.
pub fn build_report(plan: &Plan) -> Option<Document> {
    let evaluation = plan.annual.as_ref()?.evaluation.as_ref()?;
    let framework = framework::current();
    let layout = Layout::from_settings(&plan.settings);
    let year = evaluation.year;
    let identity = Identity {
        name: "Báo cáo",
        number: report_number(&plan.header.number),
        date: None,
        subject: format!("Kết quả thực hiện Kế hoạch chuyển đổi số năm {year}"),
    };
    let mut blocks = opening::header_and_title(plan, &layout, &identity);
    blocks.push(Block::Paragraph(Paragraph::new(
        Role::Body,
        format!("Kết quả thực hiện nhiệm vụ chuyển đổi số năm {year} như sau:"),
    )));
    blocks.extend(body::report_sections(plan, framework, evaluation));
    blocks.extend(opening::closing(plan, &layout));
    let labels = appendix::report_labels(plan);
    let appendices = appendix::appendices(plan, framework, &layout, &labels, &identity);
    let properties = Properties {
        title: format!("Báo cáo {}", identity.subject.to_lowercase()),
        subject: identity.subject.clone(),
        author: plan.header.issuer.trim().to_owned(),
        created: None,
        keywords: format!(
            "báo cáo chuyển đổi số; {}; {}",
            plan.meta.level.label(),
            PlanKind::Annual { year }.label()
        ),
        draft_mark: None,
    };
    Some(finish(layout, blocks, appendices, properties))
}

/// The report's số and ký hiệu: the number blank, the ký hiệu of a báo cáo with the
/// issuer's abbreviation from the plan's ("131/KH-UBND" → "     /BC-UBND").
fn report_number(plan_number: &str) -> String {
    let issuer = plan_number
        .split_once("KH-")
        .map(|(_, abbreviation)| abbreviation.trim())
        .filter(|a| !a.is_empty());
    match issuer {
        Some(abbreviation) => format!("     /BC-{abbreviation}"),
        None => "     /BC".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::report_number;

    #[test]
    fn the_report_takes_the_issuers_abbreviation() {
        assert_eq!(report_number("131/KH-UBND"), "     /BC-UBND");
        assert_eq!(report_number("52/KH-BPTDT"), "     /BC-BPTDT");
        assert_eq!(report_number(""), "     /BC");
    }
}
