//! Generates the Tauri context and one permission per app command, so the capability
//! file grants exactly the commands the UI uses.

/// Every command of `src/commands/`: keep in step with `invoke_handler` in `lib.rs`.
pub const COMMANDS: &[&str] = &[
    "startup",
    "new_plan",
    "open_plan",
    "close_plan",
    "load_plan",
    "apply_edit",
    "validate_plan",
    "framework",
    "catalog",
    "vocabulary",
    "revisions",
    "snapshot",
    "restore_revision",
    "export_plan",
    "open_exported",
    "sign_defaults",
    "sign_exported",
    "sign_tokens",
    "preview",
    "recent_files",
    "forget_recent",
    "get_settings",
    "set_settings",
    "default_paths",
    "quit",
    "evaluation_guidance",
    "derive_annual",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
