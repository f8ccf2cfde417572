//! Opening and closing: the first screen, new plans, open, close, quit.

use std::path::{Path, PathBuf};

use khcds::model::Level;
use khcds::vocabulary::{self, FormatEntry};
use khcds::workflow::new_plan::{create, plan_path};
use khcds::workflow::{self, open, KindChoice, NewPlan, PlanState};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};

use super::error::{CmdResult, CommandError};
use super::prefs::{recent_views, RecentView};
use crate::prefs::{RecentFile, Settings};
use crate::state::AppState;

/// The open plan as the UI sees it: the file, the plan, its findings and which sections
/// have content.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    pub path: PathBuf,
    pub file_name: String,
    #[serde(flatten)]
    pub state: PlanState,
}

#[derive(Debug, Clone, Serialize)]
pub struct Startup {
    pub version: &'static str,
    pub formats: Vec<FormatEntry>,
    pub recent: Vec<RecentView>,
    pub settings: Settings,
    pub plans_dir: PathBuf,
    /// The plan opened at start: the sample the first time, or the file named on the
    /// command line, or the plan still open when the UI reloads.
    pub plan: Option<PlanView>,
    /// Something to tell the drafter (e.g. why the sample could not be opened).
    pub notice: Option<String>,
}

#[tauri::command]
pub async fn startup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Startup> {
    let dirs = state.dirs();
    let mut notice = None;
    if state.file().is_none() {
        if let Some(path) = state.take_open_at_start() {
            if let Err(e) = open_into(&app, &state, &path) {
                notice = Some(e.message);
            }
        } else if first_run(&state) {
            let sample = dirs.plans.join("ke-hoach-mau.khcds");
            let result = if sample.exists() {
                Ok(())
            } else {
                let request = NewPlan {
                    sample: true,
                    ..NewPlan::new(&sample, Level::Tinh)
                };
                create(&request).map(drop)
            };
            let result = result
                .map_err(CommandError::from)
                .and_then(|()| open_into(&app, &state, &sample));
            if let Err(e) = result {
                notice = Some(format!("Chưa mở được kế hoạch mẫu: {}", e.message));
            }
            state.update_prefs(|p| p.first_run_done = true)?;
        }
    }
    Ok(Startup {
        version: env!("CARGO_PKG_VERSION"),
        formats: vocabulary::vocabulary().export_formats,
        recent: recent_views(&state),
        settings: state.prefs().settings.clone(),
        plans_dir: dirs.plans,
        plan: current_view(&state)?,
        notice,
    })
}

fn first_run(state: &AppState) -> bool {
    let prefs = state.prefs();
    prefs.recent.is_empty() && !prefs.first_run_done
}

/// Creates a plan file at `path` (level "bo"/"tinh", kind "five-year"/"annual" with
/// `year`, empty or from the sample) and opens it.
#[tauri::command]
pub async fn new_plan<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
    level: String,
    kind: String,
    year: Option<i32>,
    sample: bool,
) -> CmdResult<PlanView> {
    let path = PathBuf::from(path.trim());
    plan_path(&path)?;
    let level: Level = level
        .parse()
        .map_err(|_| workflow::RequestError::UnknownLevel(level.clone()))?;
    let request = NewPlan {
        kind: KindChoice::parse(&kind)?,
        year,
        sample,
        ..NewPlan::new(&path, level)
    };
    drop(create(&request)?);
    open_into(&app, &state, &path)
}

#[tauri::command]
pub async fn open_plan<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<PlanView> {
    let path = PathBuf::from(path.trim());
    if path.as_os_str().is_empty() {
        return Err(workflow::RequestError::MissingPath("tệp kế hoạch").into());
    }
    open_into(&app, &state, &path)
}

#[tauri::command]
pub async fn close_plan<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<()> {
    *state.file() = None;
    set_title(&app, None);
    Ok(())
}

#[tauri::command]
pub async fn load_plan(state: State<'_, AppState>) -> CmdResult<PlanView> {
    current_view(&state)?.ok_or_else(CommandError::no_plan)
}

/// Quits after the UI has saved what was pending (see the close handler in `lib.rs`).
/// The plan file is closed (and its lock released) on the way out.
#[tauri::command]
pub async fn quit<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> CmdResult<()> {
    *state.file() = None;
    app.exit(0);
    Ok(())
}

/// Opens `path` (closing the current plan only once the new one is open) and records
/// it in the recent files.
pub(super) fn open_into<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    path: &Path,
) -> CmdResult<PlanView> {
    let already = state
        .file()
        .as_ref()
        .is_some_and(|f| workflow::output::same_file(f.path(), path));
    if !already {
        let file = open::open(path)?;
        *state.file() = Some(file);
    }
    let view = current_view(state)?.ok_or_else(CommandError::no_plan)?;
    let meta = &view.state.plan.meta;
    let description = format!("{}, {}", meta.level.label(), meta.kind.label());
    let subject = view.state.plan.header.subject.trim();
    let title = if subject.is_empty() {
        view.file_name.clone()
    } else {
        subject.to_owned()
    };
    state.update_prefs(|p| {
        p.touch_recent(RecentFile {
            path: view.path.clone(),
            title,
            description,
            opened_at: now(),
        })
    })?;
    set_title(app, Some(&view.file_name));
    Ok(view)
}

/// The open plan, if any, read and validated now.
pub(super) fn current_view(state: &AppState) -> CmdResult<Option<PlanView>> {
    let guard = state.file();
    let Some(file) = guard.as_ref() else {
        return Ok(None);
    };
    let path = file.path().to_path_buf();
    Ok(Some(PlanView {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        state: open::read(file)?,
        path,
    }))
}

fn set_title<R: Runtime>(app: &AppHandle<R>, file_name: Option<&str>) {
    if let Some(window) = app.get_webview_window("main") {
        let title = match file_name {
            Some(name) => format!("{name} — Soạn Kế hoạch chuyển đổi số"),
            None => "Soạn Kế hoạch chuyển đổi số 2026–2030".to_owned(),
        };
        let _ = window.set_title(&title);
    }
}

/// Local time, RFC 3339, as the store writes revision times.
fn now() -> String {
    chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}
