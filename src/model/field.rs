use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A figure or a reference the document computes from the plan when it is built: the
/// drafter inserts it (from the editor) instead of typing it, so it never goes stale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Field {
    /// The label of one of the plan's appendices ("Phụ lục II").
    Appendix { appendix: AppendixRef },
    /// The number of tasks, of one area of section III when `area` is set.
    TaskCount {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        area: Option<u8>,
    },
    /// The total estimated budget in triệu đồng ("267.950"), of one area when set.
    Budget {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        area: Option<u8>,
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
