//! The commands the UI invokes. Each validates its input, makes one engine call under
//! the state's lock and returns plain data, or the engine's Vietnamese error message.
//!
//! Commands are `async` so they run off the main (UI) thread.

pub mod annual;
pub mod export;
pub mod sign;

use std::path::{Path, PathBuf};
use std::time::Instant;

use khcds::catalog::Catalog;
use khcds::framework::Framework;
use khcds::model::{normalize_value, Level, Plan, PlanKind};
use khcds::store::{Edit, PlanFile, RevisionInfo, RevisionReason, EXTENSION};
use khcds::validate::{self, Finding};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use crate::prefs::{RecentFile, Settings, SignFiles};
use crate::state::AppState;
use export::{Format, FormatInfo};

type CmdResult<T> = Result<T, String>;

/// The open plan as the UI sees it.
#[derive(Debug, Clone, Serialize)]
pub struct PlanView {
    pub path: PathBuf,
    pub file_name: String,
    pub plan: Plan,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecentView {
    pub path: PathBuf,
    pub title: String,
    pub description: String,
    pub opened_at: String,
    pub exists: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Startup {
    pub version: &'static str,
    pub formats: Vec<FormatInfo>,
    pub recent: Vec<RecentView>,
    pub settings: Settings,
    pub plans_dir: PathBuf,
    /// The plan opened at start: the sample the first time, or the file named on the
    /// command line, or the plan still open when the UI reloads.
    pub plan: Option<PlanView>,
    /// Something to tell the drafter (e.g. why the sample could not be opened).
    pub notice: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Applied {
    pub findings: Vec<Finding>,
    /// Time to apply the edit durably, milliseconds.
    pub apply_ms: f64,
    /// Time to reload and validate the plan, milliseconds.
    pub validate_ms: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RevisionView {
    pub id: i64,
    pub created_at: String,
    pub reason: String,
    pub reason_label: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Paths {
    pub plans_dir: PathBuf,
    /// A free file name for a new plan in `plans_dir`.
    pub new_plan: PathBuf,
    /// Where an export of the open plan goes by default, if a plan is open.
    pub export: Option<PathBuf>,
}

/// Payload of the `export-progress` event.
#[derive(Debug, Clone, Serialize)]
pub struct ExportProgress {
    pub job: u64,
    pub percent: u8,
    pub message: String,
    pub done: bool,
    pub path: Option<PathBuf>,
    pub error: Option<String>,
}

pub const EXPORT_EVENT: &str = "export-progress";

// ---------------------------------------------------------------------------------
// Opening and closing

#[tauri::command]
pub async fn startup<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Startup> {
    let dirs = state.dirs();
    let mut notice = None;
    let already_open = state.file().is_some();
    if !already_open {
        if let Some(path) = state.take_open_at_start() {
            if let Err(e) = open_into(&app, &state, &path) {
                notice = Some(e);
            }
        } else {
            let first_run = {
                let prefs = state.prefs();
                prefs.recent.is_empty() && !prefs.first_run_done
            };
            if first_run {
                let sample = dirs.plans.join("ke-hoach-mau.khcds");
                let result = (|| {
                    if !sample.exists() {
                        std::fs::create_dir_all(&dirs.plans).map_err(|e| {
                            format!("Không tạo được thư mục «{}»: {e}", dirs.plans.display())
                        })?;
                        let plan = khcds::sample::sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
                        drop(PlanFile::create(&sample, &plan).map_err(|e| e.to_string())?);
                    }
                    open_into(&app, &state, &sample)
                })();
                if let Err(e) = result {
                    notice = Some(format!("Chưa mở được kế hoạch mẫu: {e}"));
                }
                state.update_prefs(|p| p.first_run_done = true)?;
            }
        }
    }
    let plan = current_view(&state)?;
    Ok(Startup {
        version: env!("CARGO_PKG_VERSION"),
        formats: Format::ALL.iter().map(|f| f.info()).collect(),
        recent: recent_views(&state),
        settings: state.prefs().settings.clone(),
        plans_dir: dirs.plans,
        plan,
        notice,
    })
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
    let path = plan_path(&path)?;
    let level: Level = level.parse()?;
    let kind = match (kind.as_str(), year) {
        ("five-year", _) => PlanKind::FiveYear,
        ("annual", Some(y)) if (2026..=2030).contains(&y) => PlanKind::Annual { year: y },
        ("annual", Some(y)) => {
            return Err(format!(
                "Năm {y} nằm ngoài giai đoạn 2026–2030; hãy chọn một năm từ 2026 đến 2030."
            ))
        }
        ("annual", None) => return Err("Kế hoạch hằng năm cần chọn năm.".into()),
        (other, _) => {
            return Err(format!(
                "Loại kế hoạch «{other}» không hợp lệ (five-year hoặc annual)."
            ))
        }
    };
    if path.exists() {
        return Err(khcds::store::StoreError::AlreadyExists(path).to_string());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("Không tạo được thư mục «{}»: {e}", dir.display()))?;
    }
    let plan = if sample {
        khcds::sample::sample_plan(level, kind, 1)
    } else {
        khcds::framework::current().empty_plan(level, kind)
    };
    drop(PlanFile::create(&path, &plan).map_err(|e| e.to_string())?);
    open_into(&app, &state, &path)
}

#[tauri::command]
pub async fn open_plan<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> CmdResult<PlanView> {
    let path = plan_path(&path)?;
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
    current_view(&state)?.ok_or_else(no_plan)
}

// ---------------------------------------------------------------------------------
// Editing

/// Applies one edit (the store's `Edit`, as JSON) durably and returns the findings of
/// the plan after it. Text is normalised to NFC first.
#[tauri::command]
pub async fn apply_edit(state: State<'_, AppState>, edit: serde_json::Value) -> CmdResult<Applied> {
    let mut edit = edit;
    normalize_value(&mut edit);
    let edit: Edit =
        serde_json::from_value(edit).map_err(|e| format!("Thao tác sửa không hợp lệ: {e}"))?;
    check_edit(&edit)?;
    let mut guard = state.file();
    let file = guard.as_mut().ok_or_else(no_plan)?;
    let started = Instant::now();
    file.apply(&edit).map_err(|e| e.to_string())?;
    let applied = started.elapsed();
    let plan = file.load().map_err(|e| e.to_string())?;
    let findings = validate::validate(&plan);
    Ok(Applied {
        findings,
        apply_ms: applied.as_secs_f64() * 1000.0,
        validate_ms: (started.elapsed() - applied).as_secs_f64() * 1000.0,
    })
}

#[tauri::command]
pub async fn validate_plan(state: State<'_, AppState>) -> CmdResult<Vec<Finding>> {
    let guard = state.file();
    let file = guard.as_ref().ok_or_else(no_plan)?;
    Ok(validate::validate(&file.load().map_err(|e| e.to_string())?))
}

#[tauri::command]
pub async fn framework() -> CmdResult<Framework> {
    Ok(khcds::framework::current().clone())
}

/// The catalogue, with each legal document's citation as the engine writes it.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogView {
    #[serde(flatten)]
    pub catalog: Catalog,
    /// Legal document id → "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về …".
    pub citations: std::collections::BTreeMap<String, String>,
}

#[tauri::command]
pub async fn catalog() -> CmdResult<CatalogView> {
    let catalog = khcds::catalog::current().clone();
    let citations = catalog
        .legal_documents
        .iter()
        .map(|d| (d.id.clone(), d.to_legal_basis().citation()))
        .collect();
    Ok(CatalogView { catalog, citations })
}

// ---------------------------------------------------------------------------------
// Revisions

#[tauri::command]
pub async fn revisions(state: State<'_, AppState>) -> CmdResult<Vec<RevisionView>> {
    let guard = state.file();
    let file = guard.as_ref().ok_or_else(no_plan)?;
    let mut list: Vec<RevisionView> = file
        .revisions()
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(revision_view)
        .collect();
    list.reverse();
    Ok(list)
}

#[tauri::command]
pub async fn snapshot(state: State<'_, AppState>, label: String) -> CmdResult<i64> {
    let label = khcds::model::normalize_nfc(label.trim());
    if label.chars().count() > 200 {
        return Err("Ghi chú phiên bản dài quá 200 ký tự.".into());
    }
    let mut guard = state.file();
    let file = guard.as_mut().ok_or_else(no_plan)?;
    file.snapshot(RevisionReason::Manual, &label)
        .map_err(|e| e.to_string())
}

#[tauri::command]
pub async fn restore_revision(state: State<'_, AppState>, id: i64) -> CmdResult<PlanView> {
    {
        let mut guard = state.file();
        let file = guard.as_mut().ok_or_else(no_plan)?;
        file.restore(id).map_err(|e| e.to_string())?;
    }
    current_view(&state)?.ok_or_else(no_plan)
}

// ---------------------------------------------------------------------------------
// Export

/// Starts exporting the open plan to `path` in `format` on a worker thread; progress,
/// completion and failure arrive as `export-progress` events carrying the returned job
/// number. A revision is saved first.
#[tauri::command]
pub async fn export_plan<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: String,
    path: String,
) -> CmdResult<u64> {
    let format = Format::parse(&format)?;
    let info = format.info();
    format.check_available()?;
    let path = PathBuf::from(path.trim());
    if path.as_os_str().is_empty() {
        return Err("Hãy chọn nơi lưu tệp xuất.".into());
    }
    if path.extension().and_then(|e| e.to_str()) != Some(info.extension) {
        return Err(format!(
            "Tệp xuất {} phải có đuôi .{}.",
            info.label, info.extension
        ));
    }
    match path.parent() {
        Some(dir) if dir.is_dir() => {}
        _ => {
            return Err(format!(
                "Thư mục «{}» không tồn tại.",
                path.parent().unwrap_or(Path::new("")).display()
            ))
        }
    }
    let plan = {
        let mut guard = state.file();
        let file = guard.as_mut().ok_or_else(no_plan)?;
        file.snapshot(RevisionReason::BeforeExport, "")
            .map_err(|e| e.to_string())?;
        file.load().map_err(|e| e.to_string())?
    };
    let job = state.next_job();
    let export_dir = path.parent().map(Path::to_path_buf);
    state.update_prefs(|p| {
        p.settings.export_format = info.id.to_owned();
        p.settings.export_dir = export_dir;
    })?;
    let worker_app = app.clone();
    std::thread::Builder::new()
        .name(format!("export-{job}"))
        .spawn(move || run_export(worker_app, job, format, plan, path))
        .map_err(|e| format!("Không khởi động được việc xuất: {e}"))?;
    Ok(job)
}

fn run_export<R: Runtime>(app: AppHandle<R>, job: u64, format: Format, plan: Plan, path: PathBuf) {
    let emit = |percent: u8, message: &str| {
        let _ = app.emit(
            EXPORT_EVENT,
            ExportProgress {
                job,
                percent,
                message: message.to_owned(),
                done: false,
                path: None,
                error: None,
            },
        );
    };
    emit(5, "Đang chuẩn bị…");
    let result = export::render(format, &plan, &emit).and_then(|bytes| {
        emit(80, "Đang ghi tệp…");
        khcds::atomic_file::write(&path, &bytes)
            .map_err(|e| format!("Không ghi được tệp «{}»: {e}", path.display()))
    });
    let event = match result {
        Ok(()) => {
            app.state::<AppState>().remember_export(&path);
            ExportProgress {
                job,
                percent: 100,
                message: "Đã xuất xong.".into(),
                done: true,
                path: Some(path),
                error: None,
            }
        }
        Err(error) => ExportProgress {
            job,
            percent: 100,
            message: "Xuất không thành công.".into(),
            done: true,
            path: None,
            error: Some(error),
        },
    };
    let _ = app.emit(EXPORT_EVENT, event);
}

/// Opens a file exported in this session, or its folder (`folder = true`), with the
/// system's default application. Other paths are refused.
#[tauri::command]
pub async fn open_exported<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
    folder: bool,
) -> CmdResult<()> {
    use tauri_plugin_opener::OpenerExt;
    let path = PathBuf::from(path);
    if !state.was_exported(&path) {
        return Err("Chỉ mở được tệp vừa xuất trong phiên làm việc này.".into());
    }
    let result = if folder {
        app.opener().reveal_item_in_dir(&path)
    } else {
        app.opener().open_path(path.to_string_lossy(), None::<&str>)
    };
    result.map_err(|e| format!("Không mở được «{}»: {e}", path.display()))
}

// ---------------------------------------------------------------------------------
// Signing

/// What the sign form starts with: the signed copy's name beside the export, and the
/// certificate and images used last time (when they still exist).
#[derive(Debug, Clone, Serialize)]
pub struct SignDefaults {
    pub output: PathBuf,
    pub files: SignFiles,
}

#[tauri::command]
pub async fn sign_defaults(state: State<'_, AppState>, path: String) -> CmdResult<SignDefaults> {
    let document = exported_document(&state, &path)?;
    let last = state.prefs().settings.sign_files.clone();
    let existing = |p: Option<PathBuf>| p.filter(|p| p.is_file());
    Ok(SignDefaults {
        output: sign::signed_name(&document),
        files: SignFiles {
            p12: existing(last.p12),
            signature_image: existing(last.signature_image),
            seal_image: existing(last.seal_image),
        },
    })
}

/// Signs a file exported in this session with the drafter's PKCS#12 file; the signed
/// copy can then be opened like an export. The files chosen are remembered, the
/// password is not.
#[allow(clippy::too_many_arguments)] // one per field of the sign form
#[tauri::command]
pub async fn sign_exported(
    state: State<'_, AppState>,
    path: String,
    output: String,
    p12: String,
    password: String,
    signature_image: Option<String>,
    seal_image: Option<String>,
    reason: Option<String>,
) -> CmdResult<sign::SignedView> {
    let document = exported_document(&state, &path)?;
    let chosen = |p: Option<String>| {
        p.map(|p| PathBuf::from(p.trim()))
            .filter(|p| !p.as_os_str().is_empty())
    };
    let p12 = chosen(Some(p12)).ok_or("Hãy chọn tệp chứng thư số (.p12, .pfx).")?;
    let output = chosen(Some(output)).ok_or("Hãy chọn nơi lưu bản đã ký.")?;
    let input = sign::SignInput {
        document,
        output,
        p12,
        signature_image: chosen(signature_image),
        seal_image: chosen(seal_image),
        reason,
    };
    let view = sign::sign(&input, &password)?;
    state.remember_export(&view.path);
    state.update_prefs(|p| {
        p.settings.sign_files = SignFiles {
            p12: Some(input.p12.clone()),
            signature_image: input.signature_image.clone(),
            seal_image: input.seal_image.clone(),
        }
    })?;
    Ok(view)
}

/// `path` if it is a Word or PDF file exported in this session.
fn exported_document(state: &AppState, path: &str) -> CmdResult<PathBuf> {
    let path = PathBuf::from(path);
    if !state.was_exported(&path) {
        return Err("Chỉ ký được tệp vừa xuất trong phiên làm việc này.".into());
    }
    match path.extension().and_then(|e| e.to_str()) {
        Some("docx" | "pdf") => Ok(path),
        _ => Err("Chỉ ký số được văn bản Word (.docx) hoặc PDF.".into()),
    }
}

// ---------------------------------------------------------------------------------
// Recent files, settings, paths

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
    Format::parse(&settings.export_format)?;
    let saved = settings.clone();
    state.update_prefs(|p| p.settings = saved)?;
    Ok(settings)
}

#[tauri::command]
pub async fn default_paths(state: State<'_, AppState>, format: Option<String>) -> CmdResult<Paths> {
    let dirs = state.dirs();
    let mut new_plan = dirs.plans.join("ke-hoach-moi.khcds");
    let mut n = 2;
    while new_plan.exists() {
        new_plan = dirs.plans.join(format!("ke-hoach-moi-{n}.khcds"));
        n += 1;
    }
    let format = Format::parse(format.as_deref().unwrap_or("json"))?;
    let export = state.file().as_ref().map(|f| {
        let dir = state
            .prefs()
            .settings
            .export_dir
            .clone()
            .filter(|d| d.is_dir())
            .or_else(|| f.path().parent().map(Path::to_path_buf))
            .unwrap_or_else(|| dirs.plans.clone());
        let stem = f
            .path()
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "ke-hoach".into());
        dir.join(format!("{stem}.{}", format.info().extension))
    });
    Ok(Paths {
        plans_dir: dirs.plans,
        new_plan,
        export,
    })
}

/// Quits after the UI has saved what was pending (see the close handler in `lib.rs`).
/// The plan file is closed (and its lock released) on the way out.
#[tauri::command]
pub async fn quit<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> CmdResult<()> {
    *state.file() = None;
    app.exit(0);
    Ok(())
}

// ---------------------------------------------------------------------------------
// Helpers

fn no_plan() -> String {
    "Chưa mở kế hoạch nào.".into()
}

/// Checks a plan path typed or picked by the drafter.
fn plan_path(path: &str) -> CmdResult<PathBuf> {
    let path = PathBuf::from(path.trim());
    if path.as_os_str().is_empty() {
        return Err("Hãy chọn tệp kế hoạch.".into());
    }
    if path.extension().and_then(|e| e.to_str()) != Some(EXTENSION) {
        return Err(format!("Tệp kế hoạch phải có đuôi .{EXTENSION}."));
    }
    Ok(path)
}

/// Input checks the engine leaves to its callers.
fn check_edit(edit: &Edit) -> CmdResult<()> {
    use khcds::store::Item;
    let id = match edit {
        Edit::PutItem { item, .. } => match item {
            Item::Indicator(i) => &i.id,
            Item::Task(t) => &t.id,
            Item::Responsibility(r) => &r.id,
        },
        Edit::InsertSection { section, .. } => &section.id,
        _ => return Ok(()),
    };
    if id.trim().is_empty() {
        return Err("Mã của mục không được để trống.".into());
    }
    if let Edit::PutItem {
        item: Item::Task(task),
        ..
    } = edit
    {
        if !(1..=9).contains(&task.area) {
            return Err(format!(
                "Nhiệm vụ «{}» phải thuộc một lĩnh vực từ III.1 đến III.9.",
                task.name
            ));
        }
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Opens `path` (closing the current plan only once the new one is open) and records
/// it in the recent files.
fn open_into<R: Runtime>(app: &AppHandle<R>, state: &AppState, path: &Path) -> CmdResult<PlanView> {
    let already = state
        .file()
        .as_ref()
        .is_some_and(|f| same_file(f.path(), path));
    if !already {
        let file = PlanFile::open(path).map_err(|e| e.to_string())?;
        *state.file() = Some(file);
    }
    let view = current_view(state)?.ok_or_else(no_plan)?;
    let description = format!(
        "{}, {}",
        view.plan.meta.level.label(),
        view.plan.meta.kind.label()
    );
    let title = if view.plan.header.subject.trim().is_empty() {
        view.file_name.clone()
    } else {
        view.plan.header.subject.clone()
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

fn current_view(state: &AppState) -> CmdResult<Option<PlanView>> {
    let guard = state.file();
    let Some(file) = guard.as_ref() else {
        return Ok(None);
    };
    let plan = file.load().map_err(|e| e.to_string())?;
    let findings = validate::validate(&plan);
    let path = file.path().to_path_buf();
    Ok(Some(PlanView {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path,
        plan,
        findings,
    }))
}

fn recent_views(state: &AppState) -> Vec<RecentView> {
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

fn revision_view(r: RevisionInfo) -> RevisionView {
    RevisionView {
        id: r.id,
        created_at: r.created_at,
        reason: serde_json::to_value(r.reason)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        reason_label: r.reason.label().to_owned(),
        label: r.label,
    }
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
