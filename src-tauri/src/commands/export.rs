//! Export of the open plan on a worker thread, with progress events, and opening what
//! was exported.

use std::path::{Path, PathBuf};

use khcds::workflow::{export, ErrorKind, ExportFormat};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

use super::error::{CmdResult, CommandError};
use crate::state::AppState;

pub const EXPORT_EVENT: &str = "export-progress";

/// Payload of the `export-progress` event.
#[derive(Debug, Clone, Serialize)]
pub struct ExportProgress {
    pub job: u64,
    pub percent: u8,
    pub message: String,
    pub done: bool,
    pub path: Option<PathBuf>,
    /// Why the export failed (a Vietnamese sentence), and the kind of failure.
    pub error: Option<String>,
    pub error_kind: Option<ErrorKind>,
}

/// Starts exporting the open plan to `path` in `format` ("docx", "pdf", "json") on a
/// worker thread; progress, completion and failure arrive as `export-progress` events
/// carrying the returned job number. The request is checked and a revision saved first.
/// `draft` marks every page "DỰ THẢO".
#[tauri::command]
pub async fn export_plan<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    format: String,
    path: String,
    draft: Option<bool>,
) -> CmdResult<u64> {
    let format = ExportFormat::parse(&format)?;
    let path = PathBuf::from(path.trim());
    let job = {
        let mut guard = state.file();
        let file = guard.as_mut().ok_or_else(CommandError::no_plan)?;
        export::prepare(file, format, &path)?.draft(draft.unwrap_or(false))
    };
    let number = state.next_job();
    let export_dir = path.parent().map(Path::to_path_buf);
    state.update_prefs(|p| {
        p.settings.export_format = format.id().to_owned();
        p.settings.export_dir = export_dir;
    })?;
    let worker_app = app.clone();
    std::thread::Builder::new()
        .name(format!("export-{number}"))
        .spawn(move || run(worker_app, number, job))
        .map_err(|e| CommandError::io(format!("Không khởi động được việc xuất: {e}")))?;
    Ok(number)
}

fn run<R: Runtime>(app: AppHandle<R>, job: u64, prepared: export::Export) {
    let event = |percent: u8, message: &str| ExportProgress {
        job,
        percent,
        message: message.to_owned(),
        done: false,
        path: None,
        error: None,
        error_kind: None,
    };
    let emit = |percent: u8, message: &str| {
        let _ = app.emit(EXPORT_EVENT, event(percent, message));
    };
    emit(5, "Đang chuẩn bị…");
    let last = match prepared.run(&emit) {
        Ok(path) => {
            app.state::<AppState>().remember_export(&path);
            ExportProgress {
                done: true,
                path: Some(path),
                ..event(100, "Đã xuất xong.")
            }
        }
        Err(e) => {
            let e = CommandError::from(e);
            ExportProgress {
                done: true,
                error: Some(e.message),
                error_kind: Some(e.kind),
                ..event(100, "Xuất không thành công.")
            }
        }
    };
    let _ = app.emit(EXPORT_EVENT, last);
}

/// Opens a file exported in this session, or its folder (`folder = true`), with the
/// system's default application; says so when there is none. Other paths are refused.
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
        return Err(CommandError::new(
            ErrorKind::NotExported,
            "Chỉ mở được tệp vừa xuất trong phiên làm việc này.",
        ));
    }
    if crate::handler::has_application(&path, folder) == Some(false) {
        return Err(CommandError::io(if folder {
            format!(
                "Máy chưa có chương trình quản lý tệp để mở thư mục của «{}». Hãy mở thư mục đó bằng tay.",
                path.display()
            )
        } else {
            format!(
                "Máy chưa có chương trình nào mở được «{}». Hãy cài một chương trình đọc loại tệp này (ví dụ LibreOffice cho tệp Word, một trình đọc PDF cho tệp PDF), hoặc bấm “Mở thư mục”.",
                path.display()
            )
        }));
    }
    let result = if folder {
        app.opener().reveal_item_in_dir(&path)
    } else {
        app.opener().open_path(path.to_string_lossy(), None::<&str>)
    };
    result.map_err(|e| CommandError::io(format!("Không mở được «{}»: {e}", path.display())))
}
