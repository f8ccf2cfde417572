//! The yearly report (Báo cáo kết quả thực hiện Kế hoạch chuyển đổi số năm Y − 1), built
//! from the evaluation of the annual samples: a Báo cáo's header and title, the
//! evaluation numbered from I with its generated counts, the closing block, and the two
//! evaluation appendices attached to the report.

use khcds::annual::summary;
use khcds::document::{build_report, Block, Document};
use khcds::layout::Role;
use khcds::model::{Level, PlanKind};
use khcds::sample::sample_plan;

fn body(doc: &Document) -> Vec<(Role, String)> {
    doc.sections[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.role, read(&p.text()))),
            _ => None,
        })
        .collect()
}

fn read(text: &str) -> String {
    text.replace('\u{a0}', " ").replace('\u{2060}', "")
}

#[test]
fn the_report_of_an_annual_plan_is_a_bao_cao_of_its_evaluation() {
    for (level, abbreviation) in [(Level::Tinh, "UBND"), (Level::Bo, "BPTĐT")] {
        let plan = sample_plan(level, PlanKind::Annual { year: 2026 }, 1);
        let evaluation = plan.annual.as_ref().unwrap().evaluation.as_ref().unwrap();
        let doc = build_report(&plan).expect("an annual plan with an evaluation");
        let texts = doc.texts().iter().map(|t| read(t)).collect::<Vec<_>>();
        assert!(
            texts.contains(&format!("Số:      /BC-{abbreviation}")),
            "{texts:#?}"
        );
        let body = body(&doc);
        let role_of = |text: &str| body.iter().find(|(_, t)| t == text).map(|(r, _)| *r);
        assert_eq!(role_of("BÁO CÁO"), Some(Role::DocumentTitle));
        assert_eq!(
            role_of("Kết quả thực hiện Kế hoạch chuyển đổi số năm 2025"),
            Some(Role::Subject)
        );
        assert_eq!(
            role_of("Kết quả thực hiện nhiệm vụ chuyển đổi số năm 2025 như sau:"),
            Some(Role::Body)
        );
        let headings: Vec<&str> = body
            .iter()
            .filter(|(r, _)| *r == Role::Heading1)
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(
            headings,
            [
                "I. KẾT QUẢ ĐẠT ĐƯỢC",
                "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
                "III. BÀI HỌC KINH NGHIỆM"
            ]
        );
        assert!(!body.iter().any(|(r, _)| *r == Role::PartLabel));
        let sentence = summary::targets_sentence(evaluation, Some("Phụ lục I"));
        assert!(body.iter().any(|(_, t)| *t == sentence), "{sentence}");
        assert!(body
            .iter()
            .any(|(_, t)| t.contains("(chi tiết tại Phụ lục II)")));
        let last = body.iter().rfind(|(r, _)| *r == Role::Body).unwrap();
        assert!(last.1.ends_with("./."), "{}", last.1);
        assert!(texts.contains(&"Nơi nhận:".to_owned()));
        assert!(texts.contains(&plan.signer.name));

        // The evaluation's appendices only, attached to the report.
        assert_eq!(doc.sections.len(), 3);
        for (section, label) in doc.sections[1..].iter().zip(["Phụ lục I", "Phụ lục II"]) {
            let heading: Vec<String> = section
                .blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Paragraph(p) => Some(read(&p.text())),
                    _ => None,
                })
                .collect();
            assert_eq!(heading[0], label);
            assert!(heading[1].ends_with("NĂM 2025"), "{}", heading[1]);
            assert!(
                heading[2].starts_with(&format!(
                    "(Kèm theo Báo cáo số      /BC-{abbreviation} ngày      tháng"
                )),
                "{}",
                heading[2]
            );
        }
        assert!(doc
            .properties
            .title
            .starts_with("Báo cáo kết quả thực hiện"));
    }
}

#[test]
fn a_plan_without_an_evaluation_has_no_report() {
    for kind in [PlanKind::FiveYear, PlanKind::Annual { year: 2026 }] {
        let mut plan = sample_plan(Level::Tinh, kind, 1);
        if let Some(annual) = plan.annual.as_mut() {
            annual.evaluation = None;
        }
        assert!(build_report(&plan).is_none());
    }
}
