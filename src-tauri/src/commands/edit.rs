//! Editing the open plan, one engine `Edit` at a time.

use khcds::validate::{self, Finding};
use khcds::workflow::{edit as editing, Applied};
use tauri::State;

use super::error::{CmdResult, CommandError};
use crate::state::AppState;

/// Applies one step durably — one edit (the store's `Edit`, as JSON) or a list of them,
/// in one transaction — and returns the findings and filled parts of the plan after it.
/// Text is normalised to NFC first.
#[tauri::command]
pub async fn apply_edit(state: State<'_, AppState>, edit: serde_json::Value) -> CmdResult<Applied> {
    let edits = editing::parse(edit)?;
    let mut guard = state.file();
    let file = guard.as_mut().ok_or_else(CommandError::no_plan)?;
    Ok(editing::apply(file, &edits)?)
}

#[tauri::command]
pub async fn validate_plan(state: State<'_, AppState>) -> CmdResult<Vec<Finding>> {
    let guard = state.file();
    let file = guard.as_ref().ok_or_else(CommandError::no_plan)?;
    Ok(validate::validate(&file.load()?))
}
