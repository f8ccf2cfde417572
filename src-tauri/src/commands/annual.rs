//! Commands of the yearly cycle: deriving an annual plan from the open five-year plan,
//! and the evaluation editor's guidance and status labels (the engine's, so the UI never
//! keeps its own copy of either).

use std::path::PathBuf;

use khcds::annual::EvaluationGuidance;
use khcds::model::{TargetStatus, TaskStatus};
use khcds::workflow::derive::{derive_annual_from, DeriveAnnual};
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use super::error::{CmdResult, CommandError};
use super::plan::{open_into, PlanView};
use crate::state::AppState;

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

/// Derives the annual plan of `year` from the open five-year plan (and last year's
/// annual plan, when given) into a new file at `path`, and opens it.
#[tauri::command]
pub async fn derive_annual<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    year: i32,
    previous: Option<String>,
    path: String,
) -> CmdResult<PlanView> {
    let (from, parent) = {
        let guard = state.file();
        let file = guard.as_ref().ok_or_else(CommandError::no_plan)?;
        (file.path().to_path_buf(), file.load()?)
    };
    let request = DeriveAnnual {
        path: PathBuf::from(path.trim()),
        year,
        from,
        previous: previous
            .map(|p| PathBuf::from(p.trim()))
            .filter(|p| !p.as_os_str().is_empty()),
    };
    derive_annual_from(&parent, &request)?;
    open_into(&app, &state, &request.path)
}
