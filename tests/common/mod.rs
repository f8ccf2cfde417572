//! Shared helpers for the integration tests.
#![allow(dead_code)] // each test binary uses its own subset

use chrono::NaiveDate;
use khcds::model::*;
use std::path::Path;
use std::process::{Command, Output};

/// A small plan that uses every part of the model, independent of the sample generator.
pub fn rich_plan() -> Plan {
    let mut plan = khcds::framework::current().empty_plan(Level::Tinh, PlanKind::FiveYear);
    plan.header = DocumentHeader {
        parent_body: String::new(),
        issuer: "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM".into(),
        number: "07/KH-UBND".into(),
        place: "Thử Nghiệm".into(),
        date: NaiveDate::from_ymd_opt(2025, 12, 29),
        subject: "Chuyển đổi số tỉnh Thử Nghiệm giai đoạn 2026 - 2030".into(),
    };
    plan.opening = Opening {
        legal_bases: vec![LegalBasis {
            kind: LegalDocumentKind::NghiQuyet,
            number: "57-NQ/TW".into(),
            date: NaiveDate::from_ymd_opt(2024, 12, 22),
            issuer: "Bộ Chính trị".into(),
            title: "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia".into(),
            catalog_id: Some("57-NQ/TW".into()),
        }],
        implementing: Some(RichText::plain("Thực hiện chỉ đạo của Thủ tướng Chính phủ")),
        proposed_by: "Giám đốc Sở Khoa học và Công nghệ".into(),
        issuing_sentence: "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:".into(),
        ..Opening::default()
    };
    plan.sections.insert(
        0,
        Section {
            id: "custom-muc-dich".into(),
            origin: SectionOrigin::Custom,
            title: "MỤC ĐÍCH, YÊU CẦU".into(),
            content: vec![Block::paragraph("Mục đích của kế hoạch.")],
            children: vec![Section {
                id: "custom-yeu-cau".into(),
                origin: SectionOrigin::Custom,
                title: "Yêu cầu".into(),
                content: vec![
                    Block::dash("Bám sát Khung;"),
                    Block::Bullet {
                        level: BulletLevel::Plus,
                        text: RichText(vec![
                            Run {
                                text: "Rõ người, ".into(),
                                bold: true,
                                italic: false,
                                field: None,
                            },
                            Run {
                                text: "rõ việc.".into(),
                                bold: false,
                                italic: true,
                                field: None,
                            },
                        ]),
                    },
                ],
                children: vec![],
            }],
        },
    );
    plan.indicators = (1..=3)
        .map(|i| Indicator {
            id: format!("ct-{i:02}"),
            group: if i == 3 {
                IndicatorGroup::Custom("Chỉ tiêu riêng".into())
            } else {
                IndicatorGroup::DigitalServices
            },
            name: format!("Tỷ lệ thử nghiệm số {i}"),
            unit: "%".into(),
            targets: vec![
                Target {
                    period: Period::Phase2025To2027,
                    comparator: Comparator::AtLeast,
                    value: "95".into(),
                },
                Target {
                    period: Period::Phase2028To2030,
                    comparator: Comparator::AtLeast,
                    value: "99,5".into(),
                },
            ],
            baseline: Some(Baseline {
                value: "80".into(),
                year: Some(2024),
            }),
            method: "Số liệu trên Hệ thống thông tin giải quyết thủ tục hành chính".into(),
            lead_agency: "Sở Khoa học và Công nghệ".into(),
            national: None,
            not_applicable: None,
        })
        .collect();
    plan.tasks = (1..=4)
        .map(|i| Task {
            id: format!("nv-{i:03}"),
            area: i as u8,
            name: format!("Nhiệm vụ thử nghiệm {i}"),
            content: "Nội dung".into(),
            expected_result: "Sản phẩm".into(),
            expected_effect: "Hiệu quả".into(),
            lead_unit: "Sở Khoa học và Công nghệ".into(),
            coordinating_units: vec!["Sở Tài chính".into(), "Sở Nội vụ".into()],
            start: MonthYear::new(2026, 1),
            end: MonthYear::new(2027, 12),
            approving_authority: "UBND tỉnh".into(),
            funding: vec![
                FundingSource::LocalBudget,
                FundingSource::Other("Tài trợ".into()),
            ],
            budget_million_vnd: Some(1250.5),
            indicators: vec!["ct-01".into()],
        })
        .collect();
    plan.organisation = vec![Responsibility {
        id: "tc-01".into(),
        unit: "Sở Khoa học và Công nghệ".into(),
        duties: vec![Block::dash("Chủ trì, theo dõi, đôn đốc.")],
    }];
    plan.recipients = vec![
        Recipient("Bộ Khoa học và Công nghệ".into()),
        Recipient("Lưu: VT, KGVX.".into()),
    ];
    plan.signer = Signer {
        capacities: vec![
            SigningCapacity {
                authority: SigningAuthority::ThayMat,
                on_behalf_of: "ỦY BAN NHÂN DÂN".into(),
            },
            SigningCapacity {
                authority: SigningAuthority::KyThay,
                on_behalf_of: "CHỦ TỊCH".into(),
            },
        ],
        position: "PHÓ CHỦ TỊCH".into(),
        name: "Nguyễn Văn Thử".into(),
    };
    plan
}

/// SHA-free fingerprint of a file's bytes, for "left untouched" checks.
pub fn file_bytes(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).expect("file readable")
}

/// Names of the files in a directory, sorted.
pub fn dir_listing(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Runs the `khcds` binary of this build.
pub fn khcds(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_khcds"))
        .args(args)
        .output()
        .expect("khcds runs")
}

/// A path as the `&str` argument `khcds` takes.
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// What a run printed, standard output then standard error.
pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
