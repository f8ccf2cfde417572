//! The sign step after an export: the drafter signs the Word or PDF file just exported
//! with the agency's PKCS#12 file or USB token. The password or PIN opens the key and is
//! dropped; it is never stored, logged or sent back. The engine verifies the signed file before writing it.

use std::path::PathBuf;

use khcds::workflow::{sign, ErrorKind, KeySource, SignDocument};
use serde::{Deserialize, Serialize};
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
            pkcs11_module: existing(last.pkcs11_module),
            signature_image: existing(last.signature_image),
            seal_image: existing(last.seal_image),
        },
    })
}

/// Where the key is, as the sign form sends it.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum KeyChoice {
    /// A certificate file (.p12, .pfx).
    P12 { file: String },
    /// A USB token: its vendor's PKCS#11 module and the token's label ("" = the only one).
    Pkcs11 {
        module: String,
        token: Option<String>,
    },
}

/// Signs a file exported in this session with a certificate file or a USB token; the
/// signed copy can then be opened like an export. A certificate whose holder is not the
/// plan's signer is refused (kind `holder_mismatch`) unless `accept_holder`. The files
/// and the token's module are remembered; the password or PIN never.
#[allow(clippy::too_many_arguments)] // one per field of the sign form
#[tauri::command]
pub async fn sign_exported(
    state: State<'_, AppState>,
    path: String,
    output: String,
    key: KeyChoice,
    secret: String,
    signature_image: Option<String>,
    seal_image: Option<String>,
    reason: Option<String>,
    location: Option<String>,
    accept_holder: Option<bool>,
) -> CmdResult<SignedView> {
    let document = exported_document(&state, &path)?;
    let chosen = |p: Option<String>| {
        p.map(|p| PathBuf::from(p.trim()))
            .filter(|p| !p.as_os_str().is_empty())
    };
    let missing = |what| khcds::workflow::RequestError::MissingPath(what);
    let key = match key {
        KeyChoice::P12 { file } => {
            KeySource::Pkcs12(chosen(Some(file)).ok_or(missing("tệp chứng thư số (.p12, .pfx)"))?)
        }
        KeyChoice::Pkcs11 { module, token } => KeySource::Pkcs11 {
            module: chosen(Some(module)).ok_or(missing("thư viện PKCS#11 của USB ký số"))?,
            token: token.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()),
        },
    };
    let expected_holder = if accept_holder.unwrap_or(false) {
        None
    } else {
        plan_signer(&state)
    };
    let request = SignDocument {
        document,
        output: chosen(Some(output)).ok_or(missing("nơi lưu bản đã ký"))?,
        key,
        reason,
        location,
        signature_image: chosen(signature_image),
        seal_image: chosen(seal_image),
        expected_holder,
    };
    let signed = sign::sign(&request, || Ok(secret))?;
    state.remember_export(&signed.path);
    state.update_prefs(|p| {
        let files = &mut p.settings.sign_files;
        match &request.key {
            KeySource::Pkcs12(file) => files.p12 = Some(file.clone()),
            KeySource::Pkcs11 { module, .. } => files.pkcs11_module = Some(module.clone()),
        }
        files.signature_image = request.signature_image.clone();
        files.seal_image = request.seal_image.clone();
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

/// One USB token as the sign form lists it.
#[derive(Debug, Clone, Serialize)]
pub struct TokenView {
    pub label: String,
}

/// The tokens present through the PKCS#11 `module`, by label.
#[tauri::command]
pub async fn sign_tokens(module: String) -> CmdResult<Vec<TokenView>> {
    let labels = khcds::sign::token_labels(std::path::Path::new(module.trim()))
        .map_err(khcds::workflow::Error::from)?;
    Ok(labels
        .into_iter()
        .map(|label| TokenView { label })
        .collect())
}

/// The signer named in the open plan, if any.
fn plan_signer(state: &AppState) -> Option<String> {
    let guard = state.file();
    let plan = guard.as_ref()?.load().ok()?;
    Some(plan.signer.name.trim().to_owned()).filter(|n| !n.is_empty())
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
