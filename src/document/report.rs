//! The yearly report — Báo cáo kết quả thực hiện Kế hoạch chuyển đổi số năm Y − 1 — built
//! from the evaluation an annual plan opens with, in the layout of a Báo cáo (Nghị định
//! 30/2020/NĐ-CP, Mẫu 1.3): the plan's issuer and signer; "BÁO CÁO" and its trích yếu;
//! the evaluation's sections numbered from I with the counts generated from the
//! statuses; "./." and the closing block; the evaluation's appendices, numbered on their
//! own and attached to the report. The report's số and date are left blank: the văn thư
//! gives them when it is issued.

use super::build::finish;
use super::format::numeric_date;
use super::opening::{self, Identity};
use super::{appendix, body, Block, Document, Paragraph, Properties};
use crate::framework;
use crate::layout::{Layout, Role};
use crate::model::{Evaluation, Plan, PlanKind};

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
        opening_sentence(evaluation),
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

/// "Thực hiện Kế hoạch số 12/KH-UBND ngày 15/01/2025 về chuyển đổi số … năm 2025, kết
/// quả thực hiện như sau:" when the plan evaluated is last year's annual plan (its trích
/// yếu names the year); otherwise the result of the year's tasks, without a citation.
fn opening_sentence(evaluation: &Evaluation) -> String {
    let year = evaluation.year;
    let cited = evaluation
        .source
        .as_ref()
        .filter(|s| !s.number.trim().is_empty() && s.subject.contains(&format!("năm {year}")));
    match cited {
        Some(source) => {
            let date = source
                .date
                .map(|d| format!(" ngày {}", numeric_date(d)))
                .unwrap_or_default();
            let mut subject = source.subject.trim().chars();
            let subject: String = subject
                .next()
                .map(|first| first.to_lowercase().chain(subject).collect())
                .unwrap_or_default();
            format!(
                "Thực hiện Kế hoạch số {}{date} về {subject}, kết quả thực hiện như sau:",
                source.number.trim()
            )
        }
        None => format!("Kết quả thực hiện nhiệm vụ chuyển đổi số năm {year} như sau:"),
    }
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
    use super::{opening_sentence, report_number};
    use crate::model::{Evaluation, ParentPlan};

    #[test]
    fn the_opening_cites_last_years_plan_only() {
        let mut evaluation = Evaluation {
            year: 2025,
            source: Some(ParentPlan {
                number: "12/KH-UBND".into(),
                date: chrono::NaiveDate::from_ymd_opt(2025, 1, 15),
                subject: "Chuyển đổi số tỉnh Hòa Sơn năm 2025".into(),
                content_hash: String::new(),
            }),
            ..Default::default()
        };
        assert_eq!(
            opening_sentence(&evaluation),
            "Thực hiện Kế hoạch số 12/KH-UBND ngày 15/01/2025 về chuyển đổi số tỉnh Hòa Sơn năm 2025, kết quả thực hiện như sau:"
        );
        // The five-year plan the year's targets came from is not the plan of 2025.
        evaluation.source.as_mut().unwrap().subject =
            "Chuyển đổi số tỉnh Hòa Sơn giai đoạn 2026 - 2030".into();
        assert_eq!(
            opening_sentence(&evaluation),
            "Kết quả thực hiện nhiệm vụ chuyển đổi số năm 2025 như sau:"
        );
    }

    #[test]
    fn the_report_takes_the_issuers_abbreviation() {
        assert_eq!(report_number("131/KH-UBND"), "     /BC-UBND");
        assert_eq!(report_number("52/KH-BPTDT"), "     /BC-BPTDT");
        assert_eq!(report_number(""), "     /BC");
    }
}
