//! Figures and appendix references the body states: generated from the plan when they
//! are inserted as fields, checked when they are typed.

use khcds::document::{self, Block};
use khcds::model::{
    AppendixRef, Block as ContentBlock, Field, FundingSource, Level, Plan, PlanKind, RichText, Run,
    TaskScope,
};
use khcds::sample::sample_plan;
use khcds::validate::{validate, Finding, Part};

fn body_texts(plan: &Plan) -> Vec<String> {
    document::build(plan).sections[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text()),
            _ => None,
        })
        .collect()
}

fn findings(rule: &str, plan: &Plan) -> Vec<Finding> {
    validate(plan)
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

fn section_mut<'a>(plan: &'a mut Plan, id: &str) -> &'a mut khcds::model::Section {
    fn find<'a>(
        list: &'a mut [khcds::model::Section],
        id: &str,
    ) -> Option<&'a mut khcds::model::Section> {
        for s in list {
            if s.id == id {
                return Some(s);
            }
            if let Some(found) = find(&mut s.children, id) {
                return Some(found);
            }
        }
        None
    }
    find(&mut plan.sections, id).unwrap()
}

#[test]
fn generated_counts_and_totals_follow_the_task_list() {
    let mut plan = sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    // The sentence of VI, with the figures the plan gives.
    let vi_agrees = |plan: &Plan| {
        let texts = body_texts(plan);
        let vi = texts.iter().find(|t| t.starts_with("Danh mục ")).unwrap();
        let total = document::format::amount(plan.budget_million_vnd(TaskScope::ALL));
        assert!(
            vi.contains(&format!("Danh mục {} nhiệm vụ", plan.tasks.len())),
            "{vi}"
        );
        assert!(vi.contains(&total), "{vi}");
        assert!(vi.contains("chi tiết tại Phụ lục II"), "{vi}");
        texts
    };
    vi_agrees(&plan);

    // A task added: the body follows, and no finding (nothing was typed).
    let mut extra = plan.tasks[0].clone();
    extra.id = "nv-moi".into();
    extra.name = "Nhiệm vụ bổ sung hoàn toàn mới".into();
    extra.budget_million_vnd = Some(1234.5);
    plan.tasks.push(extra);
    let texts = vi_agrees(&plan);
    assert!(findings("section.figure-mismatch", &plan).is_empty());

    // Per area, the VI summary lines agree with the tasks of each area.
    let area3 = texts
        .iter()
        .find(|t| t.starts_with("- Hạ tầng số: "))
        .unwrap();
    let n3 = plan.tasks.iter().filter(|t| t.area == 3).count();
    assert!(area3.contains(&format!("{n3:02} nhiệm vụ")), "{area3}");
}

#[test]
fn figures_per_funding_source_count_every_task_the_source_pays_for() {
    let mut plan = sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    let local = FundingSource::LocalBudget;
    let of_local = |plan: &Plan| {
        let tasks: Vec<_> = plan
            .tasks
            .iter()
            .filter(|t| t.funding.contains(&local))
            .collect();
        let budget: f64 = tasks.iter().filter_map(|t| t.budget_million_vnd).sum();
        (tasks.len(), document::format::amount(budget))
    };
    let sentence = |plan: &Plan| {
        body_texts(plan)
            .into_iter()
            .find(|t| t.starts_with("- Theo nguồn kinh phí"))
            .expect("the sample states the budget per source")
    };
    let (n, budget) = of_local(&plan);
    let text = sentence(&plan);
    assert!(
        text.contains(&format!(
            "một phần {n:02} nhiệm vụ, dự án với kinh phí dự kiến {budget} triệu"
        )),
        "{text}"
    );
    // A task shared with another source counts for both; the total counts it once.
    let shared = plan
        .tasks
        .iter()
        .position(|t| t.funding.len() > 1 && t.funding.contains(&local))
        .expect("a task with two sources");
    let other = plan.tasks[shared]
        .funding
        .iter()
        .find(|s| **s != local)
        .unwrap()
        .clone();
    let budget = plan.tasks[shared].budget_million_vnd.unwrap();
    let of_other = TaskScope {
        area: None,
        source: Some(&other),
    };
    assert!(plan.budget_million_vnd(of_other) >= budget);
    assert!(plan.tasks_in(of_other).any(|t| t.funding.contains(&local)));
    // Moving the task off the local budget moves its figures.
    plan.tasks[shared].funding.retain(|s| *s != local);
    let (n2, budget2) = of_local(&plan);
    assert_eq!(n2, n - 1);
    assert!(sentence(&plan).contains(&format!("một phần {n2:02} nhiệm vụ")));
    assert!(sentence(&plan).contains(&budget2));
    assert!(validate(&plan)
        .iter()
        .all(|f| f.rule != "section.figure-mismatch"));

    // The field is kept by the interchange format.
    let field = Field::Budget {
        area: Some(3),
        source: Some(FundingSource::Other("Quỹ của tỉnh".into())),
    };
    let json = serde_json::to_string(&field).unwrap();
    assert_eq!(
        serde_json::from_str::<Field>(&json).unwrap(),
        field,
        "{json}"
    );
}

#[test]
fn the_sample_prints_each_task_of_section_three_once() {
    for level in [Level::Tinh, Level::Bo] {
        let plan = sample_plan(level, PlanKind::FiveYear, 1);
        let texts = body_texts(&plan);
        for task in &plan.tasks {
            let lead = format!("- {}", task.name.trim().trim_end_matches('.'));
            let n = texts
                .iter()
                .filter(|t| {
                    t.strip_prefix(&lead)
                        .is_some_and(|rest| rest.starts_with([':', '.', ';']))
                })
                .count();
            assert_eq!(n, 1, "{lead}");
        }
    }
}

#[test]
fn appendix_references_are_generated_in_sequence() {
    // In the annual sample the evaluation's appendices come first: the plan's own
    // indicators and tasks are III and IV, and the body says so.
    let plan = sample_plan(Level::Tinh, PlanKind::Annual { year: 2026 }, 1);
    let texts = body_texts(&plan);
    let joined = texts.join("\n");
    assert!(
        joined.contains("Chi tiết các chỉ tiêu tại Phụ lục III"),
        "{joined}"
    );
    assert!(joined.contains("chi tiết tại Phụ lục IV"));
    assert!(findings("section.appendix-unknown", &plan).is_empty());
}

fn typed(plan: &mut Plan, id: &str, text: &str) {
    section_mut(plan, id)
        .content
        .push(ContentBlock::paragraph(text));
}

#[test]
fn a_typed_count_or_total_that_disagrees_is_a_warning_at_its_paragraph() {
    let mut plan = sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    let n = plan.tasks.len();
    typed(
        &mut plan,
        "VI",
        &format!("Danh mục {n} nhiệm vụ, dự án kèm theo."),
    );
    assert!(
        findings("section.figure-mismatch", &plan).is_empty(),
        "agrees: silent"
    );
    typed(
        &mut plan,
        "VI",
        &format!("Danh mục {} nhiệm vụ, dự án kèm theo.", n + 3),
    );
    typed(&mut plan, "VI", "Tổng kinh phí dự kiến 1.000,5 triệu đồng.");
    let f = findings("section.figure-mismatch", &plan);
    assert_eq!(f.len(), 2, "{f:#?}");
    let count = section_mut(&mut plan, "VI").content.len();
    assert_eq!(f[0].location.part, Part::Section);
    assert_eq!(f[0].location.id.as_deref(), Some("VI"));
    assert_eq!(
        f[0].location.field.as_deref(),
        Some(format!("content[{}].text", count - 2).as_str())
    );
    assert!(f[1].message.contains("1.000,5"), "{}", f[1].message);
}

#[test]
fn a_typed_total_of_a_funding_source_is_checked_against_that_source() {
    let mut plan = sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    let local = plan.budget_million_vnd(TaskScope {
        area: None,
        source: Some(&FundingSource::LocalBudget),
    });
    let amount = document::format::amount(local);
    typed(
        &mut plan,
        "IV.5",
        &format!("Tổng kinh phí từ ngân sách địa phương là {amount} triệu đồng."),
    );
    assert!(findings("section.figure-mismatch", &plan).is_empty());
    typed(
        &mut plan,
        "IV.5",
        "Tổng kinh phí từ ngân sách địa phương là 1.000 triệu đồng.",
    );
    let f = findings("section.figure-mismatch", &plan);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(
        f[0].message.contains("ngân sách địa phương") && f[0].message.contains(&amount),
        "{}",
        f[0].message
    );
}

#[test]
fn a_typed_reference_to_a_missing_appendix_is_a_warning() {
    let mut plan = sample_plan(Level::Bo, PlanKind::FiveYear, 1);
    typed(&mut plan, "IV.5", "Chi tiết tại Phụ lục V kèm theo.");
    let f = findings("section.appendix-unknown", &plan);
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("Phụ lục V"));
    // A field to the same table is generated and never stale.
    section_mut(&mut plan, "IV.5").content.pop();
    section_mut(&mut plan, "IV.5")
        .content
        .push(ContentBlock::Paragraph {
            text: RichText(vec![
                Run::plain("Chi tiết tại "),
                Run::field(Field::Appendix {
                    appendix: AppendixRef::Tasks,
                }),
                Run::plain("."),
            ]),
        });
    assert!(findings("section.appendix-unknown", &plan).is_empty());
    assert!(body_texts(&plan).contains(&"Chi tiết tại Phụ lục II.".to_owned()));
}
