//! Recent files, settings and default paths.

use std::path::{Path, PathBuf};

use khcds::workflow::{export, ExportFormat};
use serde::Serialize;
use tauri::State;

use super::error::CmdResult;
use crate::prefs::Settings;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize)]
pub struct RecentView {
    pub path: PathBuf,
    pub title: String,
    pub description: String,
    pub opened_at: String,
    pub exists: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Paths {
    pub plans_dir: PathBuf,
    /// A free file name for a new plan in `plans_dir`.
    pub new_plan: PathBuf,
    /// Where an export of the open plan goes by default, if a plan is open.
    pub export: Option<PathBuf>,
}

#[tauri::command]
pub async fn recent_files(state: State<'_, AppState>) -> CmdResult<Vec<RecentView>> {
    Ok(recent_views(&state))
}

#[tauri::command]
pub async fn forget_recent(state: State<'_, AppState>, path: String) -> CmdResult<Vec<RecentView>> {
    state.update_prefs(|p| p.forget(Path::new(&path)))?;
    Ok(recent_views(&state))
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> CmdResult<Settings> {
    Ok(state.prefs().settings.clone())
}

#[tauri::command]
pub async fn set_settings(state: State<'_, AppState>, settings: Settings) -> CmdResult<Settings> {
    let settings = settings.sanitised();
    ExportFormat::parse(&settings.export_format)?;
    let saved = settings.clone();
    state.update_prefs(|p| p.settings = saved)?;
    Ok(settings)
}

/// A free name for a new plan, and where an export in `format` goes by default: the
/// last export folder (or the plan's), the plan's name — never the plan itself.
#[tauri::command]
pub async fn default_paths(state: State<'_, AppState>, format: Option<String>) -> CmdResult<Paths> {
    let dirs = state.dirs();
    let mut new_plan = dirs.plans.join("ke-hoach-moi.khcds");
    let mut n = 2;
    while new_plan.exists() {
        new_plan = dirs.plans.join(format!("ke-hoach-moi-{n}.khcds"));
        n += 1;
    }
    let format = ExportFormat::parse(format.as_deref().unwrap_or("json"))?;
    let export = state.file().as_ref().map(|f| {
        let default = export::default_output(f.path(), format);
        match state.prefs().settings.export_dir.clone() {
            Some(dir) if dir.is_dir() => {
                let in_dir = dir.join(default.file_name().unwrap_or_default());
                if khcds::workflow::output::same_file(&in_dir, f.path()) {
                    default
                } else {
                    in_dir
                }
            }
            _ => default,
        }
    });
    Ok(Paths {
        plans_dir: dirs.plans,
        new_plan,
        export,
    })
}

pub(super) fn recent_views(state: &AppState) -> Vec<RecentView> {
    state
        .prefs()
        .recent
        .iter()
        .map(|r| RecentView {
            path: r.path.clone(),
            title: r.title.clone(),
            description: r.description.clone(),
            opened_at: r.opened_at.clone(),
            exists: r.path.is_file(),
        })
        .collect()
}
