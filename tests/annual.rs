//! The yearly cycle: deriving an annual plan, its evaluation in the document, the
//! evaluation's rules, its edits and opening files written before it existed.

use khcds::annual::{derive_annual, summary, DeriveError};
use khcds::document::{self, Block, Document};
use khcds::layout::Role;
use khcds::model::{
    AnnualLayout, Block as ContentBlock, Comparator, CustomAppendix, Level, MonthYear, Period,
    Plan, PlanKind, Section, SectionOrigin, TargetStatus, TaskStatus,
};
use khcds::sample::sample_plan;
use khcds::store::{AnnualEdit, Edit, PlanFile};
use khcds::validate::{validate, Finding, Part, Severity};

fn five_year() -> Plan {
    sample_plan(Level::Tinh, PlanKind::FiveYear, 1)
}

fn body(doc: &Document) -> Vec<(Role, String)> {
    doc.sections[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some((p.role, p.text())),
            _ => None,
        })
        .collect()
}

fn first_table(blocks: &[Block]) -> &document::Table {
    blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("the appendix has its table")
}

fn findings(rule: &str, plan: &Plan) -> Vec<Finding> {
    validate(plan)
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

// ---------------------------------------------------------------- derivation

#[test]
fn derivation_carries_the_body_indicators_with_the_phase_target_and_the_tasks_of_the_year() {
    let parent = five_year();
    let plan = derive_annual(&parent, 2028, None).unwrap();
    assert_eq!(plan.meta.kind, PlanKind::Annual { year: 2028 });
    assert_eq!(plan.meta.level, parent.meta.level);
    assert_eq!(plan.header.issuer, parent.header.issuer);
    assert_eq!(plan.header.place, parent.header.place);
    assert_eq!(plan.header.number, "/KH-UBND");
    assert_eq!(plan.header.date, None);
    assert!(
        plan.header.subject.ends_with("năm 2028"),
        "{}",
        plan.header.subject
    );
    assert_eq!(plan.opening.legal_bases, parent.opening.legal_bases);
    assert_eq!(plan.signer, parent.signer);
    assert_eq!(plan.recipients, parent.recipients);
    assert_eq!(plan.organisation, parent.organisation);

    // Every indicator, with the 2028–2030 target as the target of 2028.
    assert_eq!(plan.indicators.len(), parent.indicators.len());
    for (mine, theirs) in plan.indicators.iter().zip(&parent.indicators) {
        assert_eq!(mine.id, theirs.id);
        let phase = theirs
            .targets
            .iter()
            .find(|t| t.period == Period::Phase2028To2030);
        match phase {
            Some(p) => {
                assert_eq!(mine.targets.len(), 1);
                assert_eq!(mine.targets[0].period, Period::Year(2028));
                assert_eq!(mine.targets[0].value, p.value);
                assert_eq!(mine.targets[0].comparator, p.comparator);
            }
            None => assert!(mine.targets.is_empty()),
        }
    }

    // Exactly the tasks running in 2028, months clipped, budget shared by months.
    let running: Vec<_> = parent
        .tasks
        .iter()
        .filter(|t| t.start.is_none_or(|s| s.year <= 2028) && t.end.is_none_or(|e| e.year >= 2028))
        .collect();
    assert!(!running.is_empty() && running.len() < parent.tasks.len());
    assert_eq!(plan.tasks.len(), running.len());
    for (mine, theirs) in plan.tasks.iter().zip(running) {
        assert_eq!(mine.id, theirs.id);
        assert_eq!(mine.name, theirs.name);
        assert_eq!(mine.content, theirs.content);
        assert_eq!(mine.expected_result, theirs.expected_result);
        assert_eq!(mine.lead_unit, theirs.lead_unit);
        assert_eq!(mine.coordinating_units, theirs.coordinating_units);
        assert_eq!(mine.approving_authority, theirs.approving_authority);
        assert_eq!(mine.funding, theirs.funding);
        let (start, end) = (mine.start.unwrap(), mine.end.unwrap());
        assert_eq!((start.year, end.year), (2028, 2028));
        assert_eq!(
            start,
            theirs.start.unwrap().max(MonthYear::new(2028, 1).unwrap())
        );
        assert_eq!(
            end,
            theirs.end.unwrap().min(MonthYear::new(2028, 12).unwrap())
        );
        if let (Some(year), Some(all)) = (mine.budget_million_vnd, theirs.budget_million_vnd) {
            assert!(year <= all + 0.05, "{} > {}", year, all);
        }
    }

    let annual = plan.annual.as_ref().unwrap();
    let parent_ref = annual.parent.as_ref().unwrap();
    assert_eq!(parent_ref.number, parent.header.number);
    assert_eq!(parent_ref.date, parent.header.date);
    assert_eq!(parent_ref.content_hash.len(), 64);
    assert_eq!(annual.carried_indicators.len(), plan.indicators.len());
    assert_eq!(annual.carried_tasks.len(), plan.tasks.len());
    assert!(annual.carried_tasks.iter().all(|c| c.id == c.from));

    // Last year (2027) evaluated against the 2025–2027 phase, nothing decided yet.
    let evaluation = annual.evaluation.as_ref().unwrap();
    assert_eq!(evaluation.year, 2027);
    assert!(evaluation.indicators.iter().all(|i| i.status.is_none()));
    let with_target = evaluation
        .indicators
        .iter()
        .filter(|i| i.target.is_some())
        .count();
    assert!(with_target > 0);
    assert!(!evaluation.tasks.is_empty());
    assert!(evaluation.tasks.iter().any(|t| t.carries_over));
    assert_eq!(
        evaluation.narrative.len(),
        khcds::annual::evaluation_guidance().parts.len()
    );
    // Derived twice, the same plan (the hash included).
    assert_eq!(derive_annual(&parent, 2028, None).unwrap(), plan);
}

#[test]
fn with_last_years_plan_the_evaluation_lists_its_targets_and_tasks() {
    let parent = five_year();
    let y2027 = derive_annual(&parent, 2027, None).unwrap();
    let y2028 = derive_annual(&parent, 2028, Some(&y2027)).unwrap();
    let evaluation = y2028.annual.unwrap().evaluation.unwrap();
    assert_eq!(evaluation.year, 2027);
    let ids: Vec<_> = evaluation.tasks.iter().map(|t| &t.id).collect();
    let expected: Vec<_> = y2027.tasks.iter().map(|t| &t.id).collect();
    assert_eq!(ids, expected);
    for i in &evaluation.indicators {
        let last = y2027.indicators.iter().find(|l| l.id == i.id).unwrap();
        assert_eq!(
            i.target.as_ref().map(|t| t.value.clone()),
            last.targets.first().map(|t| t.value.clone())
        );
    }
    // A task of 2027 ending in 2027 does not carry over; one still running does.
    for t in &evaluation.tasks {
        let runs_on = y2028.tasks.iter().any(|n| n.id == t.id);
        assert_eq!(t.carries_over, runs_on, "{}", t.name);
    }
}

#[test]
fn derivation_refuses_a_wrong_year_parent_or_previous_plan() {
    let parent = five_year();
    assert_eq!(
        derive_annual(&parent, 2031, None).unwrap_err(),
        DeriveError::YearOutsidePeriod {
            year: 2031,
            first: 2026,
            last: 2030
        }
    );
    let annual = derive_annual(&parent, 2027, None).unwrap();
    let err = derive_annual(&annual, 2028, None).unwrap_err();
    assert!(matches!(err, DeriveError::ParentNotFiveYear(_)));
    let err = derive_annual(&parent, 2029, Some(&annual)).unwrap_err();
    assert!(matches!(
        err,
        DeriveError::PreviousOfAnotherYear { expected: 2028, .. }
    ));
    let ministry = sample_plan(Level::Bo, PlanKind::Annual { year: 2026 }, 1);
    let err = derive_annual(&parent, 2027, Some(&ministry)).unwrap_err();
    assert!(matches!(err, DeriveError::PreviousOfAnotherBody { .. }));
    for e in [
        err,
        DeriveError::ParentNotFiveYear("năm 2027".into()),
        DeriveError::YearOutsidePeriod {
            year: 2031,
            first: 2026,
            last: 2030,
        },
    ] {
        let text = e.to_string();
        assert!(
            text.contains("kế hoạch") || text.contains("Kế hoạch"),
            "{text}"
        );
    }
}

// ---------------------------------------------------------------- document

#[test]
fn the_annual_sample_prints_part_one_with_generated_counts_and_its_appendices() {
    for level in [Level::Tinh, Level::Bo] {
        let plan = sample_plan(level, PlanKind::Annual { year: 2026 }, 1);
        let evaluation = plan.annual.as_ref().unwrap().evaluation.as_ref().unwrap();
        let statuses: Vec<_> = evaluation.indicators.iter().map(|i| i.status).collect();
        for s in TargetStatus::ALL {
            assert!(statuses.contains(&Some(s)), "{s:?} used in the sample");
        }
        for s in TaskStatus::ALL {
            assert!(evaluation.tasks.iter().any(|t| t.status == Some(s)));
        }
        let doc = document::build(&plan);
        let body = body(&doc);
        let texts: Vec<&str> = body.iter().map(|(_, t)| t.as_str()).collect();
        let at = |text: &str| {
            texts
                .iter()
                .position(|t| *t == text)
                .unwrap_or_else(|| panic!("«{text}» in {texts:#?}"))
        };
        let p1 = at("Phần I");
        assert_eq!(texts[p1 + 1], "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2025");
        assert_eq!(texts[p1 + 2], "I. KẾT QUẢ ĐẠT ĐƯỢC");
        let p2 = at("Phần II");
        assert_eq!(texts[p2 + 1], "KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026");
        assert!(texts[p2 + 2].starts_with("I. "), "{}", texts[p2 + 2]);
        assert!(p1 < at("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"));
        assert!(at("III. BÀI HỌC KINH NGHIỆM") < p2);

        let sentence = summary::targets_sentence(evaluation, Some("Phụ lục I"));
        assert!(texts.contains(&sentence.as_str()), "{sentence}");
        let counts = summary::TargetCounts::of(evaluation);
        assert!(sentence.contains(&format!("{}/{}", counts.achieved, counts.total)));
        assert!(texts.iter().any(
            |t| t.starts_with("Năm 2025 triển khai") && t.contains("(chi tiết tại Phụ lục II)")
        ));

        // Phụ lục I: last year's targets; II: last year's tasks; III, IV the plan's.
        let labels: Vec<String> = doc.sections[1..]
            .iter()
            .map(|s| match &s.blocks[0] {
                Block::Paragraph(p) => p.text(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(
            labels,
            ["Phụ lục I", "Phụ lục II", "Phụ lục III", "Phụ lục IV"]
        );
        let table = first_table(&doc.sections[1].blocks);
        let header: Vec<String> = table.header[0]
            .cells
            .iter()
            .map(|c| c.paragraphs[0][0].text.clone())
            .collect();
        assert_eq!(
            header,
            [
                "TT",
                "Chỉ tiêu",
                "Đơn vị tính",
                "Chỉ tiêu năm 2025",
                "Kết quả thực hiện",
                "Đánh giá",
                "Ghi chú"
            ]
        );
        let data = table
            .rows
            .iter()
            .filter(|r| r.kind == document::RowKind::Data)
            .count();
        assert_eq!(data, evaluation.indicators.len());
        assert!(table.rows[0].kind == document::RowKind::Group);
        // Every "Phụ lục N" the body names exists.
        for t in &texts {
            for (i, _) in t.match_indices("Phụ lục ") {
                let rest = &t[i..];
                let label: String = rest
                    .split(|c: char| !(c.is_alphanumeric() || c == ' '))
                    .next()
                    .unwrap()
                    .split(' ')
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ");
                let label = label.trim_end_matches(" kèm").to_owned();
                assert!(labels.contains(&label), "«{label}» in «{t}»");
            }
        }
    }
}

#[test]
fn the_plain_layout_makes_the_evaluation_section_one() {
    let mut plan = sample_plan(Level::Tinh, PlanKind::Annual { year: 2026 }, 1);
    plan.annual.as_mut().unwrap().layout = AnnualLayout::Plain;
    let doc = document::build(&plan);
    let body = body(&doc);
    let h1: Vec<&str> = body
        .iter()
        .filter(|(r, _)| *r == Role::Heading1)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(h1[0], "I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2025");
    assert!(h1[1].starts_with("II. "), "{h1:?}");
    assert!(body
        .iter()
        .any(|(r, t)| *r == Role::Heading2 && t == "1. Kết quả đạt được"));
    assert!(!body.iter().any(|(_, t)| t == "Phần I"));
}

/// The heading paragraphs' numbers, in order: "I.", "1.", "2.1.", "a)", "-", "+".
fn numbers(doc: &Document) -> Vec<String> {
    body(doc)
        .into_iter()
        .filter(|(r, _)| {
            matches!(
                r,
                Role::Heading1 | Role::Heading2 | Role::Heading3 | Role::Heading4
            )
        })
        .map(|(_, t)| t.split(' ').next().unwrap().to_owned())
        .collect()
}

fn custom(id: &str, title: &str, children: Vec<Section>) -> Section {
    Section {
        id: id.to_owned(),
        origin: SectionOrigin::Custom,
        title: title.to_owned(),
        content: vec![ContentBlock::paragraph("Nội dung.")],
        children,
    }
}

#[test]
fn numbering_restarts_in_a_custom_part_and_no_two_levels_look_alike() {
    let mut plan = five_year();
    let khung = std::mem::take(&mut plan.sections);
    plan.sections = vec![
        custom(
            "custom-p1",
            "Phần I. Đánh giá",
            vec![custom("custom-a", "Kết quả", vec![])],
        ),
        custom("custom-p2", "Phần II. Kế hoạch", khung),
    ];
    let doc = document::build(&plan);
    let texts: Vec<String> = body(&doc).into_iter().map(|(_, t)| t).collect();
    assert!(texts.contains(&"Phần I".to_owned()));
    assert!(texts.contains(&"ĐÁNH GIÁ".to_owned()));
    assert!(texts.contains(&"KẾ HOẠCH".to_owned()));
    let nums = numbers(&doc);
    // Both parts start at "I."; the Khung keeps its I., 1., 2.1., a).
    let restarts: Vec<usize> = nums
        .iter()
        .enumerate()
        .filter(|(_, n)| *n == "I.")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(restarts.len(), 2, "{nums:?}");
    assert!(nums.contains(&"2.1.".to_owned()));
    assert!(nums.contains(&"a)".to_owned()));
    assert_no_repeated_style(&nums);
}

#[test]
fn a_custom_section_above_the_khung_shifts_every_level_without_repeating_a_style() {
    // The bug of the issue: a custom section (not a part) with the Khung under it.
    let mut plan = five_year();
    let khung = std::mem::take(&mut plan.sections);
    plan.sections = vec![custom("custom-top", "Kế hoạch năm", khung)];
    let nums = numbers(&document::build(&plan));
    assert_eq!(nums[0], "I.");
    assert!(
        nums.contains(&"-".to_owned()),
        "depth 5 is a dash: {nums:?}"
    );
    assert_no_repeated_style(&nums);
    // Deeper still: six levels.
    let mut plan = five_year();
    let khung = std::mem::take(&mut plan.sections);
    plan.sections = vec![custom("c1", "Một", vec![custom("c2", "Hai", khung)])];
    let nums = numbers(&document::build(&plan));
    assert!(nums.contains(&"+".to_owned()), "{nums:?}");
    assert_no_repeated_style(&nums);
}

/// A heading's number style: Roman, Arabic, dotted, letter, dash, plus.
fn style(n: &str) -> u8 {
    match n {
        "-" => 5,
        "+" => 6,
        _ if n.ends_with(')') => 4,
        _ if n.trim_end_matches('.').contains('.') => 3,
        _ if n.chars().next().is_some_and(|c| c.is_ascii_digit()) => 2,
        _ => 1,
    }
}

/// A child heading never uses its parent's style: going down a level always changes the
/// style ("a)" never directly under "a)").
fn assert_no_repeated_style(nums: &[String]) {
    for pair in nums.windows(2) {
        let (a, b) = (style(&pair[0]), style(&pair[1]));
        if b > a {
            assert!(b != a, "{pair:?}");
        }
        assert!(!(pair[0].ends_with(')') && pair[1].ends_with(')') && b > a));
    }
    // Letters only ever at one depth.
    let letters = nums.iter().filter(|n| n.ends_with(')')).count();
    assert!(letters > 0);
}

#[test]
fn custom_appendices_follow_in_sequence() {
    let mut plan = sample_plan(Level::Bo, PlanKind::Annual { year: 2026 }, 1);
    plan.appendices.push(CustomAppendix {
        id: "pl-kinh-phi".into(),
        title: "Kinh phí thực hiện năm 2025".into(),
        columns: vec!["Nguồn".into(), "Số tiền (triệu đồng)".into()],
        rows: vec![
            vec!["Ngân sách trung ương".into(), "12.000".into()],
            vec!["Chi thường xuyên".into(), "3.500".into()],
        ],
    });
    let doc = document::build(&plan);
    let last = doc.sections.last().unwrap();
    let texts: Vec<String> = last
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text()),
            _ => None,
        })
        .collect();
    assert_eq!(texts[0], "Phụ lục V");
    assert_eq!(texts[1], "KINH PHÍ THỰC HIỆN NĂM 2025");
    let t = first_table(&last.blocks);
    assert_eq!(t.columns_mm.len(), 3);
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[1].cells[0].paragraphs[0][0].text, "2");
}

// ---------------------------------------------------------------- validation

#[test]
fn the_clean_annual_samples_raise_no_annual_finding() {
    for level in [Level::Tinh, Level::Bo] {
        for year in [2026, 2027, 2028] {
            let plan = sample_plan(level, PlanKind::Annual { year }, 1);
            let annual: Vec<_> = validate(&plan)
                .into_iter()
                .filter(|f| f.rule.starts_with("annual."))
                .collect();
            assert!(annual.is_empty(), "{level:?} {year}: {annual:#?}");
        }
    }
}

fn sample_2026() -> Plan {
    sample_plan(Level::Tinh, PlanKind::Annual { year: 2026 }, 1)
}

fn evaluation(plan: &mut Plan) -> &mut khcds::model::Evaluation {
    plan.annual.as_mut().unwrap().evaluation.as_mut().unwrap()
}

#[test]
fn an_unevaluated_target_is_an_error_at_its_status() {
    let mut plan = sample_2026();
    let e = evaluation(&mut plan);
    e.indicators[2].status = None;
    let id = e.indicators[2].id.clone();
    let f = findings("annual.target-not-evaluated", &plan);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].location.part, Part::EvaluationTarget);
    assert_eq!(f[0].location.id.as_deref(), Some(id.as_str()));
    assert_eq!(f[0].location.field.as_deref(), Some("status"));
}

#[test]
fn an_achieved_status_without_a_value_is_a_warning() {
    let mut plan = sample_2026();
    let e = evaluation(&mut plan);
    let k = e
        .indicators
        .iter()
        .position(|i| i.status == Some(TargetStatus::Achieved))
        .unwrap();
    e.indicators[k].achieved.clear();
    let f = findings("annual.achieved-missing", &plan);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].location.field.as_deref(), Some("achieved"));
}

#[test]
fn a_status_contradicting_the_numbers_is_an_error() {
    let mut plan = sample_2026();
    let e = evaluation(&mut plan);
    let k = e
        .indicators
        .iter()
        .position(|i| {
            i.target
                .as_ref()
                .is_some_and(|t| t.comparator == Comparator::AtLeast)
                && i.status == Some(TargetStatus::Achieved)
                && i.target
                    .as_ref()
                    .unwrap()
                    .value
                    .parse::<f64>()
                    .is_ok_and(|v| v > 1.0)
        })
        .unwrap();
    let target: f64 = e.indicators[k]
        .target
        .as_ref()
        .unwrap()
        .value
        .parse()
        .unwrap();
    e.indicators[k].achieved = format!("{}", target - 1.0);
    let f = findings("annual.status-contradicts-target", &plan);
    assert_eq!(f.len(), 1, "Hoàn thành below a ≥ target");
    assert_eq!(f[0].location.field.as_deref(), Some("status"));
    // Chưa hoàn thành above it.
    let e = evaluation(&mut plan);
    e.indicators[k].achieved = format!("{}", target + 1.0);
    e.indicators[k].status = Some(TargetStatus::NotAchieved);
    assert_eq!(findings("annual.status-contradicts-target", &plan).len(), 1);
    // Agreeing again: silent.
    evaluation(&mut plan).indicators[k].status = Some(TargetStatus::Achieved);
    assert!(findings("annual.status-contradicts-target", &plan).is_empty());
}

#[test]
fn a_late_task_missing_this_year_is_a_warning() {
    let mut plan = sample_2026();
    let late = evaluation(&mut plan)
        .tasks
        .iter()
        .find(|t| t.status == Some(TaskStatus::Late))
        .unwrap()
        .clone();
    plan.tasks.retain(|t| t.id != late.id);
    let f = findings("annual.late-task-dropped", &plan);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].location.part, Part::EvaluationTask);
    assert_eq!(f[0].location.id.as_deref(), Some(late.id.as_str()));
    let start: String = late.name.chars().take(40).collect();
    assert!(f[0].message.contains(&start), "{}", f[0].message);
}

#[test]
fn a_dropped_five_year_indicator_is_a_warning_naming_it() {
    let mut plan = derive_annual(&five_year(), 2027, None).unwrap();
    let gone = plan.indicators.remove(0);
    let f = findings("annual.indicator-dropped", &plan);
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains(gone.name.trim()));
    assert!(!f[0].message.contains(&gone.id));
}

#[test]
fn a_target_weaker_than_the_phase_in_its_last_year_is_a_warning() {
    let mut plan = derive_annual(&five_year(), 2027, None).unwrap();
    let n = plan
        .indicators
        .iter()
        .position(|i| {
            i.targets.first().is_some_and(|t| {
                t.comparator == Comparator::AtLeast && t.numeric().is_some_and(|v| v > 1.0)
            })
        })
        .unwrap();
    assert!(findings("annual.target-weaker-than-phase", &plan).is_empty());
    let v = plan.indicators[n].targets[0].numeric().unwrap();
    plan.indicators[n].targets[0].value = format!("{}", v - 1.0);
    let f = findings("annual.target-weaker-than-phase", &plan);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].location.field.as_deref(), Some("targets[0].value"));
}

#[test]
fn a_year_outside_the_period_is_one_error() {
    let mut plan = derive_annual(&five_year(), 2030, None).unwrap();
    plan.meta.kind = PlanKind::Annual { year: 2031 };
    let all = validate(&plan);
    let year = findings("annual.year-outside-parent", &plan);
    assert_eq!(year.len(), 1);
    assert_eq!(year[0].location.part, Part::Annual);
    assert!(
        !all.iter().any(|f| f.rule == "task.outside-period"),
        "the year says it once"
    );
}

// ---------------------------------------------------------------- store

#[test]
fn evaluation_edits_are_stored_and_files_without_an_annual_part_open() {
    let dir = tempfile::tempdir().unwrap();
    // A plan as the previous version wrote it: no annual part, no appendices.
    let old = sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    let path = dir.path().join("old.khcds");
    drop(PlanFile::create(&path, &old).unwrap());
    let file = PlanFile::open(&path).unwrap();
    assert_eq!(file.load().unwrap(), old);
    let json = khcds::interchange::to_json(&old);
    assert!(!json.contains("\"annual\""));
    drop(file);

    let plan = derive_annual(&old, 2027, None).unwrap();
    let path = dir.path().join("2027.khcds");
    let mut file = PlanFile::create(&path, &plan).unwrap();
    assert_eq!(file.load().unwrap(), plan);
    let mut target = plan
        .annual
        .as_ref()
        .unwrap()
        .evaluation
        .as_ref()
        .unwrap()
        .indicators[0]
        .clone();
    target.status = Some(TargetStatus::NotAchieved);
    target.achieved = "40".into();
    let mut task = plan
        .annual
        .as_ref()
        .unwrap()
        .evaluation
        .as_ref()
        .unwrap()
        .tasks[0]
        .clone();
    task.status = Some(TaskStatus::Late);
    for edit in [
        AnnualEdit::Target {
            evaluation: target.clone(),
        },
        AnnualEdit::Task {
            evaluation: task.clone(),
        },
        AnnualEdit::Narrative {
            part: khcds::model::NarrativePart {
                id: "bai-hoc".into(),
                content: vec![ContentBlock::paragraph("Bài học.")],
            },
        },
        AnnualEdit::Layout {
            layout: AnnualLayout::Plain,
        },
        AnnualEdit::Appendices {
            appendices: vec![CustomAppendix {
                id: "pl-1".into(),
                title: "Phụ lục riêng".into(),
                columns: vec!["A".into()],
                rows: vec![vec!["x".into()]],
            }],
        },
    ] {
        file.apply(&Edit::Annual { edit }).unwrap();
    }
    drop(file);
    let loaded = PlanFile::open(&path).unwrap().load().unwrap();
    let annual = loaded.annual.as_ref().unwrap();
    let e = annual.evaluation.as_ref().unwrap();
    assert_eq!(e.indicators[0], target);
    assert_eq!(e.tasks[0], task);
    assert_eq!(
        e.narrative
            .iter()
            .find(|p| p.id == "bai-hoc")
            .unwrap()
            .content,
        vec![ContentBlock::paragraph("Bài học.")]
    );
    assert_eq!(annual.layout, AnnualLayout::Plain);
    assert_eq!(loaded.appendices.len(), 1);

    // An unknown target is refused with a Vietnamese message; nothing changes.
    let mut file = PlanFile::open(&path).unwrap();
    target.id = "khong-co".into();
    let err = file
        .apply(&Edit::Annual {
            edit: AnnualEdit::Target { evaluation: target },
        })
        .unwrap_err();
    assert!(err.to_string().contains("chỉ tiêu năm trước"), "{err}");
    assert_eq!(file.load().unwrap(), loaded);
    // Removing the annual part.
    file.apply(&Edit::Annual {
        edit: AnnualEdit::Set { annual: None },
    })
    .unwrap();
    assert!(file.load().unwrap().annual.is_none());
}

/// A file written by the version before the yearly cycle (`khcds new --level bo --kind
/// annual --year 2026`, schema version 1) opens, and takes an evaluation.
#[test]
fn a_file_of_the_previous_version_opens_and_takes_an_evaluation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cu.khcds");
    std::fs::copy("tests/fixtures/annual-2026-v1.khcds", &path).unwrap();
    let mut file = PlanFile::open(&path).unwrap();
    let plan = file.load().unwrap();
    assert_eq!(plan.meta.kind, PlanKind::Annual { year: 2026 });
    assert!(plan.annual.is_none() && plan.appendices.is_empty());
    let derived =
        derive_annual(&sample_plan(Level::Bo, PlanKind::FiveYear, 1), 2026, None).unwrap();
    file.apply(&Edit::Annual {
        edit: AnnualEdit::Set {
            annual: derived.annual.clone(),
        },
    })
    .unwrap();
    drop(file);
    let reopened = PlanFile::open(&path).unwrap().load().unwrap();
    assert_eq!(reopened.annual, derived.annual);
    assert!(!document::build(&reopened).texts().is_empty());
}

#[test]
fn an_annual_plan_round_trips_through_json() {
    let plan = sample_2026();
    let json = khcds::interchange::to_json(&plan);
    assert_eq!(khcds::interchange::from_json(&json).unwrap(), plan);
    assert!(json.contains("\"evaluation\""));
    assert!(json.contains("\"chua-co-thong-tin\"") || json.contains("\"no-data\""));
}

// ---------------------------------------------------------------- command line

#[test]
fn the_cli_derives_an_annual_plan_and_refuses_a_wrong_previous_plan_writing_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    drop(PlanFile::create(&path("5nam.khcds"), &five_year()).unwrap());
    let khcds = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_khcds"))
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    let ok = khcds(&[
        "new",
        "--kind",
        "annual",
        "--year",
        "2027",
        "--from",
        "5nam.khcds",
        "-o",
        "2027.khcds",
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let plan = PlanFile::open(&path("2027.khcds")).unwrap().load().unwrap();
    assert_eq!(plan, derive_annual(&five_year(), 2027, None).unwrap());

    let args = [
        "new",
        "--kind",
        "annual",
        "--year",
        "2029",
        "--from",
        "5nam.khcds",
    ];
    let bad = khcds(&[&args[..], &["--previous", "2027.khcds", "-o", "2029.khcds"]].concat());
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("Kế hoạch năm trước phải là kế hoạch năm 2028"),
        "{stderr}"
    );
    assert!(!path("2029.khcds").exists(), "nothing written");
}
