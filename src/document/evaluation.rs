//! Phần I of an annual plan: the evaluation of the previous year as a section tree
//! (results, shortcomings and causes, lessons), numbered by the body like any other.
//! The counts are generated from the statuses; the narrative is the drafter's.

use super::appendix::Labels;
use crate::annual::{evaluation_guidance, summary};
use crate::model::{Block, Evaluation, Plan, Section, SectionOrigin};

pub(super) fn sections(plan: &Plan, evaluation: &Evaluation, labels: &Labels) -> Vec<Section> {
    let guidance = evaluation_guidance();
    let level = plan.meta.level;
    let narrative = |id: &str| -> Vec<Block> {
        evaluation
            .narrative
            .iter()
            .find(|p| p.id == id)
            .map(|p| {
                p.content
                    .iter()
                    .filter(|b| !b.text().is_blank())
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for (index, part) in guidance.sections.iter().enumerate() {
        let mut content = Vec::new();
        if index == 0 {
            content.push(Block::paragraph(summary::targets_sentence(
                evaluation,
                labels.evaluation_targets.as_deref(),
            )));
            if !evaluation.tasks.is_empty() {
                content.push(Block::paragraph(summary::tasks_sentence(
                    evaluation,
                    labels.evaluation_tasks.as_deref(),
                )));
            }
        }
        let parts: Vec<_> = guidance.parts_of(&part.id).collect();
        let mut children = Vec::new();
        if let [only] = parts.as_slice() {
            content.extend(narrative(&only.id));
        } else {
            for p in parts {
                let text = narrative(&p.id);
                if !text.is_empty() {
                    children.push(Section {
                        id: format!("danh-gia.{}", p.id),
                        origin: SectionOrigin::Custom,
                        title: p.heading.for_level(level).to_owned(),
                        content: text,
                        children: Vec::new(),
                    });
                }
            }
        }
        if content.is_empty() && children.is_empty() {
            continue;
        }
        out.push(Section {
            id: format!("danh-gia.{}", part.id),
            origin: SectionOrigin::Custom,
            title: part.heading.clone(),
            content,
            children,
        });
    }
    out
}
