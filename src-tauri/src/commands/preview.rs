//! The live preview: the open plan's pages as the PDF will print them
//! (`khcds::pdf::preview`), laid out on a blocking worker so the UI thread and the other
//! commands never wait for it.

use std::sync::OnceLock;

use khcds::pdf::preview::Preview;
use khcds::pdf::FontSet;
use tauri::State;

use super::error::{CmdResult, CommandError};
use crate::state::AppState;

/// The fonts of this system, loaded once: the same the PDF export uses.
fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(FontSet::load)
}

/// The pages of the open plan, with where each text comes from.
#[tauri::command]
pub async fn preview(state: State<'_, AppState>) -> CmdResult<Preview> {
    let plan = {
        let guard = state.file();
        let file = guard.as_ref().ok_or_else(CommandError::no_plan)?;
        file.load()?
    };
    tauri::async_runtime::spawn_blocking(move || khcds::pdf::preview::preview(&plan, fonts()))
        .await
        .map_err(|e| CommandError::io(format!("Không dựng được bản xem trước: {e}")))
}
