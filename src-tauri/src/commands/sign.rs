//! The sign step after an export: the drafter signs the Word or PDF file just exported
//! with the agency's PKCS#12 file. The password opens the key and is dropped; it is never
//! stored, logged or sent back. The engine verifies the signed file before writing it.

use std::path::PathBuf;

use khcds::workflow::{sign, ErrorKind, KeySource, SignDocument};
use serde::Serialize;
use tauri::State;

use super::error::{CmdResult, CommandError};
use crate::prefs::SignFiles;
use crate::state::AppState;

/// What the sign form starts with: the signed copy's name beside the export, and the
/// certificate and images used last time (when they still exist).
#[derive(Debug, Clone, Serialize)]
pub struct SignDefaults {
    pub output: PathBuf,
    pub files: SignFiles,
}

/// What the UI shows once a document is signed.
#[derive(Debug, Clone, Serialize)]
pub struct SignedView {
    pub path: PathBuf,
    pub format: String,
    /// The signer's name (CN of the certificate).
    pub signer: String,
    pub issuer: String,
    /// "23/11/2026 10:15:02 (UTC+07:00)".
    pub signing_time: String,
    /// "23/11/2031": when the certificate expires.
    pub valid_until: String,
    /// Images were chosen for a Word document, which shows none.
    pub images_ignored: bool,
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
    location: Option<String>,
) -> CmdResult<SignedView> {
    let document = exported_document(&state, &path)?;
    let chosen = |p: Option<String>| {
        p.map(|p| PathBuf::from(p.trim()))
            .filter(|p| !p.as_os_str().is_empty())
    };
    let missing = |what| khcds::workflow::RequestError::MissingPath(what);
    let request = SignDocument {
        document,
        output: chosen(Some(output)).ok_or(missing("nơi lưu bản đã ký"))?,
        key: KeySource::Pkcs12(chosen(Some(p12)).ok_or(missing("tệp chứng thư số (.p12, .pfx)"))?),
        reason,
        location,
        signature_image: chosen(signature_image),
        seal_image: chosen(seal_image),
    };
    let signed = sign::sign(&request, || Ok(password))?;
    state.remember_export(&signed.path);
    state.update_prefs(|p| {
        p.settings.sign_files = SignFiles {
            p12: match &request.key {
                KeySource::Pkcs12(file) => Some(file.clone()),
                KeySource::Pkcs11 { .. } => None,
            },
            signature_image: request.signature_image.clone(),
            seal_image: request.seal_image.clone(),
        }
    })?;
    let time = khcds::sign::vietnam_time(signed.signing_time);
    Ok(SignedView {
        path: signed.path,
        format: signed.format.label().to_owned(),
        signer: signed.signer.common_name,
        issuer: signed.signer.issuer,
        signing_time: time.format("%d/%m/%Y %H:%M:%S (UTC%:z)").to_string(),
        valid_until: signed.signer.not_after.format("%d/%m/%Y").to_string(),
        images_ignored: signed.images_ignored,
    })
}

/// `path` if it is a file exported in this session (the engine checks it is a Word or
/// PDF document).
fn exported_document(state: &AppState, path: &str) -> CmdResult<PathBuf> {
    let path = PathBuf::from(path);
    if state.was_exported(&path) {
        Ok(path)
    } else {
        Err(CommandError::new(
            ErrorKind::NotExported,
            "Chỉ ký được tệp vừa xuất trong phiên làm việc này.",
        ))
    }
}
