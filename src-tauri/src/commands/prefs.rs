//! Recent files, settings and default paths.

use std::path::{Path, PathBuf};

use khcds::workflow::export::{self, DocumentKind};
use khcds::workflow::ExportFormat;
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
    /// The documents the open plan is exported as (none when no plan is open).
    pub documents: Vec<DocumentChoice>,
}

/// A document to export: its id ("ke-hoach", "bao-cao") and its Vietnamese label.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentChoice {
    pub id: &'static str,
    pub label: String,
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

/// A free name for a new plan, where an export of `document` (the plan unless said) in
/// `format` goes by default — the last export folder (or the plan's), the plan's name,
/// never the plan itself — and the documents the open plan is exported as.
#[tauri::command]
pub async fn default_paths(
    state: State<'_, AppState>,
    format: Option<String>,
    document: Option<String>,
) -> CmdResult<Paths> {
    let dirs = state.dirs();
    let mut new_plan = dirs.plans.join("ke-hoach-moi.khcds");
    let mut n = 2;
    while new_plan.exists() {
        new_plan = dirs.plans.join(format!("ke-hoach-moi-{n}.khcds"));
        n += 1;
    }
    let format = ExportFormat::parse(format.as_deref().unwrap_or("json"))?;
    let kind = document
        .as_deref()
        .map_or(Ok(DocumentKind::Plan), DocumentKind::parse)?;
    let (export, documents) = match state.file().as_ref() {
        Some(f) => {
            let documents = DocumentKind::offered(&f.load()?)
                .into_iter()
                .map(|(kind, label)| DocumentChoice {
                    id: kind.id(),
                    label,
                })
                .collect();
            let default = export::document_output(f.path(), format, kind);
            let export = match state.prefs().settings.export_dir.clone() {
                Some(dir) if dir.is_dir() => {
                    let in_dir = dir.join(default.file_name().unwrap_or_default());
                    if khcds::workflow::output::same_file(&in_dir, f.path()) {
                        default
                    } else {
                        in_dir
                    }
                }
                _ => default,
            };
            (Some(export), documents)
        }
        None => (None, Vec::new()),
    };
    Ok(Paths {
        plans_dir: dirs.plans,
        new_plan,
        export,
        documents,
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
