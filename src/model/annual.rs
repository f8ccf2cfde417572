//! What an annual plan adds to a plan: the five-year plan it was derived from, where each
//! carried item came from, the evaluation of the previous year and the layout of the
//! document (Phần I / Phần II or plain).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Block, Comparator, IndicatorGroup, Task};

/// The annual part of a plan (absent in a five-year plan).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Annual {
    /// The five-year plan this plan was derived from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<ParentPlan>,
    /// The indicators carried from the five-year plan, with the phase's target.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried_indicators: Vec<CarriedItem>,
    /// The tasks carried from the five-year plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub carried_tasks: Vec<CarriedItem>,
    /// The evaluation of the previous year (Phần I).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evaluation: Option<Evaluation>,
    #[serde(default)]
    pub layout: AnnualLayout,
}

/// An item carried from the five-year plan: enough to compare next year, and to name it
/// when the drafter has removed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CarriedItem {
    /// The id in this plan.
    pub id: String,
    /// The id in the five-year plan.
    pub from: String,
    /// The name in the five-year plan.
    pub name: String,
    /// For an indicator: the five-year plan's target for the phase containing the year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase_target: Option<EvaluatedTarget>,
}

impl CarriedItem {
    /// A task carried under its own id.
    pub fn task(task: &Task) -> CarriedItem {
        CarriedItem {
            id: task.id.clone(),
            from: task.id.clone(),
            name: task.name.clone(),
            phase_target: None,
        }
    }
}

/// A plan this one refers to: enough to cite it and to tell whether it changed since.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ParentPlan {
    /// Số, ký hiệu, e.g. "125/KH-UBND".
    #[serde(default)]
    pub number: String,
    pub date: Option<NaiveDate>,
    /// Trích yếu of the parent plan.
    #[serde(default)]
    pub subject: String,
    /// SHA-256 of the parent plan's interchange JSON, hex.
    #[serde(default)]
    pub content_hash: String,
}

/// How the document of an annual plan is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AnnualLayout {
    /// "Phần I. ĐÁNH GIÁ …" then "Phần II. KẾ HOẠCH …", numbering afresh in each.
    #[default]
    Parts,
    /// The evaluation as section I, the plan's sections after it.
    Plain,
}

/// The evaluation of the previous year's implementation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// The year evaluated (the plan's year − 1).
    pub year: i32,
    /// The plan last year's targets and tasks came from: last year's annual plan, or the
    /// five-year plan when there was none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ParentPlan>,
    /// Last year's targets, in the order of its indicators.
    #[serde(default)]
    pub indicators: Vec<IndicatorEvaluation>,
    /// Last year's tasks.
    #[serde(default)]
    pub tasks: Vec<TaskEvaluation>,
    /// The narrative parts, by the ids of the evaluation guidance
    /// (`assets/framework/danh-gia-nam.json`).
    #[serde(default)]
    pub narrative: Vec<NarrativePart>,
}

/// One target of last year and what was achieved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorEvaluation {
    /// The indicator's id in last year's plan.
    pub id: String,
    pub group: IndicatorGroup,
    pub name: String,
    pub unit: String,
    /// Last year's target; `None` when the indicator had no target for the year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<EvaluatedTarget>,
    /// Kết quả thực hiện: a number ("92,5") or text where the target is not numeric.
    #[serde(default)]
    pub achieved: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TargetStatus>,
    /// Nguồn số liệu.
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluatedTarget {
    pub comparator: Comparator,
    pub value: String,
}

/// Đánh giá of a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TargetStatus {
    /// Hoàn thành
    Achieved,
    /// Chưa hoàn thành
    NotAchieved,
    /// Không thực hiện
    NotImplemented,
    /// Chưa có thông tin
    NoData,
}

impl TargetStatus {
    pub const ALL: [TargetStatus; 4] = [
        TargetStatus::Achieved,
        TargetStatus::NotAchieved,
        TargetStatus::NotImplemented,
        TargetStatus::NoData,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TargetStatus::Achieved => "Hoàn thành",
            TargetStatus::NotAchieved => "Chưa hoàn thành",
            TargetStatus::NotImplemented => "Không thực hiện",
            TargetStatus::NoData => "Chưa có thông tin",
        }
    }
}

/// One task of last year and how it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskEvaluation {
    /// The task's id in last year's plan.
    pub id: String,
    /// The area of section III (1..=9).
    pub area: u8,
    pub name: String,
    #[serde(default)]
    pub lead_unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TaskStatus>,
    /// Kết quả thực hiện.
    #[serde(default)]
    pub result: String,
    /// Chuyển tiếp: the task continues in this year's plan.
    #[serde(default)]
    pub carries_over: bool,
}

/// Tình hình thực hiện of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TaskStatus {
    /// Hoàn thành
    Completed,
    /// Đang thực hiện (đúng tiến độ)
    InProgress,
    /// Chậm tiến độ
    Late,
    /// Chưa triển khai
    NotStarted,
    /// Dừng thực hiện
    Stopped,
}

impl TaskStatus {
    pub const ALL: [TaskStatus; 5] = [
        TaskStatus::Completed,
        TaskStatus::InProgress,
        TaskStatus::Late,
        TaskStatus::NotStarted,
        TaskStatus::Stopped,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::Completed => "Hoàn thành",
            TaskStatus::InProgress => "Đang thực hiện",
            TaskStatus::Late => "Chậm tiến độ",
            TaskStatus::NotStarted => "Chưa triển khai",
            TaskStatus::Stopped => "Dừng thực hiện",
        }
    }
}

/// One narrative part of the evaluation (e.g. the results in "hạ tầng số", or "tồn tại,
/// hạn chế"), by its id in the evaluation guidance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NarrativePart {
    pub id: String,
    #[serde(default)]
    pub content: Vec<Block>,
}

/// An appendix of the drafter's own, printed after the generated ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomAppendix {
    pub id: String,
    /// Upper-cased when printed.
    pub title: String,
    /// Column headings; a "TT" column is not added.
    pub columns: Vec<String>,
    /// Rows of cells, one per column.
    #[serde(default)]
    pub rows: Vec<Vec<String>>,
}
