//! Commands of the annual plan's evaluation editor: the engine's evaluation guidance and
//! status labels, so the UI never keeps its own copy of either.

use khcds::annual::EvaluationGuidance;
use khcds::model::{TargetStatus, TaskStatus};
use serde::Serialize;

/// One status as the UI offers it: the id the plan stores and its Vietnamese label
/// (the shape of the other choices the UI receives).
#[derive(Debug, Clone, Serialize)]
pub struct StatusChoice<T> {
    pub id: T,
    pub label: &'static str,
}

/// What the evaluation editor shows beside the data.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationView {
    #[serde(flatten)]
    pub guidance: EvaluationGuidance,
    pub target_statuses: Vec<StatusChoice<TargetStatus>>,
    pub task_statuses: Vec<StatusChoice<TaskStatus>>,
}

fn choices<T: Copy>(all: &[T], label: impl Fn(T) -> &'static str) -> Vec<StatusChoice<T>> {
    all.iter()
        .map(|&id| StatusChoice {
            id,
            label: label(id),
        })
        .collect()
}

/// The evaluation's sections, narrative parts and guidance, and the status choices.
/// Cannot fail: all of it is compiled into the engine.
#[tauri::command]
pub async fn evaluation_guidance() -> EvaluationView {
    EvaluationView {
        guidance: khcds::annual::evaluation_guidance().clone(),
        target_statuses: choices(&TargetStatus::ALL, TargetStatus::label),
        task_statuses: choices(&TaskStatus::ALL, TaskStatus::label),
    }
}
