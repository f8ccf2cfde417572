//! The desktop shell: a thin Tauri 2 layer over the `khcds` engine.
//!
//! Commands live in [`commands`] (never at the crate root: `#[tauri::command]` there
//! clashes with the generated `__cmd__` macros). The open plan file sits in managed
//! [`state::AppState`] behind a mutex; every command takes it, calls one engine use case
//! and returns plain data or an error `{ kind, message }`.

pub mod commands;
pub mod handler;
pub mod prefs;
pub mod state;

use tauri::{Emitter, Manager, Runtime};

pub use state::AppState;

/// Registers plugins, state and commands on `builder`. Shared by [`run`] and the tests,
/// which pass `tauri::test::mock_builder()`.
pub fn setup<R: Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::plan::startup,
            commands::plan::new_plan,
            commands::plan::open_plan,
            commands::plan::close_plan,
            commands::plan::load_plan,
            commands::plan::quit,
            commands::edit::apply_edit,
            commands::edit::validate_plan,
            commands::reference::framework,
            commands::reference::catalog,
            commands::reference::vocabulary,
            commands::history::revisions,
            commands::history::snapshot,
            commands::history::restore_revision,
            commands::export::export_plan,
            commands::export::open_exported,
            commands::sign::sign_defaults,
            commands::sign::sign_exported,
            commands::sign::sign_tokens,
            commands::preview::preview,
            commands::prefs::recent_files,
            commands::prefs::forget_recent,
            commands::prefs::get_settings,
            commands::prefs::set_settings,
            commands::prefs::default_paths,
            commands::annual::evaluation_guidance,
            commands::annual::derive_annual,
        ])
}

/// The Tauri context of this app (config, capabilities, embedded `ui/app`).
pub fn context() -> tauri::Context<tauri::Wry> {
    tauri::generate_context!()
}

/// Runs the app. A `.khcds` path given as the first argument is opened at start.
pub fn run() {
    let open_at_start = std::env::args_os()
        .nth(1)
        .map(std::path::PathBuf::from)
        .filter(|p| p.extension().is_some_and(|e| e == khcds::store::EXTENSION));
    let builder = setup(tauri::Builder::default(), AppState::new(open_at_start))
        .setup(|app| {
            let dirs = state::Dirs::resolve(app.handle());
            app.state::<AppState>().set_dirs(dirs);
            Ok(())
        })
        .on_window_event(|window, event| {
            // The first close request goes to the UI, which saves pending typing and then
            // calls `quit`; a second one (e.g. the UI is stuck) closes at once.
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                let state = window.state::<AppState>();
                if !state.close_requested() {
                    api.prevent_close();
                    let _ = window.emit("close-requested", ());
                }
            }
        });
    if let Err(e) = builder.run(context()) {
        eprintln!("Không khởi động được chương trình: {e}");
        std::process::exit(1);
    }
}
