use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{FundingSource, Task};

/// A figure or a reference the document computes from the plan when it is built: the
/// drafter inserts it (from the editor) instead of typing it, so it never goes stale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Field {
    /// The label of one of the plan's appendices ("Phụ lục II").
    Appendix { appendix: AppendixRef },
    /// The number of tasks, of one area of section III when `area` is set, paid for by
    /// `source` when set (see [`TaskScope`]).
    TaskCount {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        area: Option<u8>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<FundingSource>,
    },
    /// The total estimated budget in triệu đồng ("267.950") of the tasks, of one area
    /// when `area` is set, paid for by `source` when set (see [`TaskScope`]).
    Budget {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        area: Option<u8>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<FundingSource>,
    },
    /// The number of indicators.
    IndicatorCount,
}

/// Which appendix a reference points at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AppendixRef {
    /// Results of last year's targets (annual plans).
    EvaluationTargets,
    /// Status of last year's tasks (annual plans).
    EvaluationTasks,
    /// The indicators of the plan.
    Indicators,
    /// The tasks of the plan.
    Tasks,
    /// A drafter's own appendix, by its id.
    Custom(String),
}

/// Which tasks a figure counts: all of them, those of one area of section III, those a
/// funding source pays for, or both. A task's budget is not split between its sources:
/// the figure of a source is that of every task it pays for in whole or in part, so the
/// figures of two sources may add up to more than the total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TaskScope<'a> {
    pub area: Option<u8>,
    pub source: Option<&'a FundingSource>,
}

impl TaskScope<'_> {
    /// Every task of the plan.
    pub const ALL: TaskScope<'static> = TaskScope {
        area: None,
        source: None,
    };

    pub fn contains(&self, task: &Task) -> bool {
        self.area.is_none_or(|a| task.area == a)
            && self.source.is_none_or(|s| task.funding.contains(s))
    }
}
