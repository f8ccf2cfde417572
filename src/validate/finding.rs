use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One problem found in a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Finding {
    /// Stable rule id, e.g. "task.lead-unit-missing".
    pub rule: String,
    pub severity: Severity,
    pub location: Location,
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// How to fix it, in Vietnamese.
    pub hint: String,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Lỗi: the plan must not go to the leadership like this.
    Error,
    /// Cảnh báo: probably wrong; check.
    Warning,
    /// Gợi ý: could be better.
    Hint,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
            Severity::Hint => "gợi ý",
        }
    }
}

/// Where a finding points, precise enough for the app to jump to the field: the part of
/// the plan, the item in it (section/indicator/task id, or index in a list), the field.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub struct Location {
    pub part: Part,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The serde name of the field, e.g. "lead_unit", "targets[1].value".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl Location {
    pub fn new(part: Part, id: Option<&str>, field: Option<&str>) -> Self {
        Location {
            part,
            id: id.map(str::to_owned),
            field: field.map(str::to_owned),
        }
    }
}

/// The parts of a plan. Findings are sorted in document order by `validate` (header,
/// căn cứ, the opening's other lines, sections in tree order, …), not by this type's
/// derived `Ord`, which compares ids as strings.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    Header,
    Opening,
    /// `id` is the index of the legal basis.
    LegalBasis,
    /// `id` is the section id.
    Section,
    /// `id` is the indicator id (or the national indicator id when it is missing).
    Indicator,
    /// `id` is the task id.
    Task,
    /// `id` is the responsibility id.
    Organisation,
    /// `id` is the index of the recipient.
    Recipients,
    Signer,
    /// The annual part as a whole (its year, its parent plan).
    Annual,
    /// `id` is the id of a target of last year in the evaluation.
    EvaluationTarget,
    /// `id` is the id of a task of last year in the evaluation.
    EvaluationTask,
}
