//! The generated figures and references of the body ([`Field`] runs): computed from
//! the plan when the document is built, so what the body states always agrees with the
//! task list and the appendices.

use super::appendix::Labels;
use super::format::amount;
use crate::model::{AppendixRef, Field, Plan, Run, TaskScope};

pub(super) struct Figures<'a> {
    plan: &'a Plan,
    labels: &'a Labels,
}

impl<'a> Figures<'a> {
    pub fn new(plan: &'a Plan, labels: &'a Labels) -> Self {
        Figures { plan, labels }
    }

    /// The runs with every field's text filled in.
    pub fn resolve(&self, runs: &[Run]) -> Vec<Run> {
        runs.iter()
            .map(|run| match &run.field {
                Some(field) => Run {
                    text: self.text(field),
                    ..run.clone()
                },
                None => run.clone(),
            })
            .collect()
    }

    pub fn text(&self, field: &Field) -> String {
        match field {
            Field::Appendix { appendix } => {
                self.label(appendix).unwrap_or_else(|| "Phụ lục".to_owned())
            }
            Field::TaskCount { area, source } => {
                let scope = TaskScope {
                    area: *area,
                    source: source.as_ref(),
                };
                format!("{:02}", self.plan.tasks_in(scope).count())
            }
            Field::Budget { area, source } => amount(self.plan.budget_million_vnd(TaskScope {
                area: *area,
                source: source.as_ref(),
            })),
            Field::IndicatorCount => format!("{:02}", self.plan.indicators.len()),
        }
    }

    /// The label of the appendix a reference points at, when the plan has it.
    pub fn label(&self, appendix: &AppendixRef) -> Option<String> {
        let l = self.labels;
        match appendix {
            AppendixRef::EvaluationTargets => l.evaluation_targets.clone(),
            AppendixRef::EvaluationTasks => l.evaluation_tasks.clone(),
            AppendixRef::Indicators => l.indicators.clone(),
            AppendixRef::Tasks => l.tasks.clone(),
            AppendixRef::Custom(id) => self
                .plan
                .appendices
                .iter()
                .position(|a| &a.id == id)
                .and_then(|i| l.custom.get(i).cloned()),
        }
    }
}
