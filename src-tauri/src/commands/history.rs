//! Saved revisions of the open plan.

use khcds::store::RevisionInfo;
use khcds::workflow::history;
use serde::Serialize;
use tauri::State;

use super::error::{CmdResult, CommandError};
use super::plan::{current_view, PlanView};
use crate::state::AppState;

#[derive(Debug, Clone, Serialize)]
pub struct RevisionView {
    pub id: i64,
    pub created_at: String,
    pub reason: khcds::store::RevisionReason,
    pub reason_label: String,
    pub label: String,
}

impl From<RevisionInfo> for RevisionView {
    fn from(r: RevisionInfo) -> Self {
        RevisionView {
            id: r.id,
            created_at: r.created_at,
            reason: r.reason,
            reason_label: r.reason.label().to_owned(),
            label: r.label,
        }
    }
}

/// The revisions, newest first.
#[tauri::command]
pub async fn revisions(state: State<'_, AppState>) -> CmdResult<Vec<RevisionView>> {
    let guard = state.file();
    let file = guard.as_ref().ok_or_else(CommandError::no_plan)?;
    Ok(history::revisions(file)?
        .into_iter()
        .rev()
        .map(Into::into)
        .collect())
}

#[tauri::command]
pub async fn snapshot(state: State<'_, AppState>, label: String) -> CmdResult<i64> {
    let mut guard = state.file();
    let file = guard.as_mut().ok_or_else(CommandError::no_plan)?;
    Ok(history::snapshot(file, &label)?)
}

/// The plan after a restore, and one Vietnamese sentence per damaged part of the
/// revision that could not be brought back as it was.
#[derive(Debug, Clone, Serialize)]
pub struct RestoredView {
    pub view: PlanView,
    pub dropped: Vec<String>,
}

/// Brings back revision `id`, after saving the current plan as a revision.
#[tauri::command]
pub async fn restore_revision(state: State<'_, AppState>, id: i64) -> CmdResult<RestoredView> {
    let restored = {
        let mut guard = state.file();
        let file = guard.as_mut().ok_or_else(CommandError::no_plan)?;
        history::restore(file, id)?
    };
    let view = current_view(&state)?.ok_or_else(CommandError::no_plan)?;
    Ok(RestoredView {
        view,
        dropped: restored.dropped,
    })
}
