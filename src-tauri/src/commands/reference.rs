//! What the engine knows besides the plan: the Khung, the catalogue, the vocabulary.

use std::collections::BTreeMap;

use khcds::catalog::Catalog;
use khcds::framework::Framework;
use khcds::vocabulary::Vocabulary;
use serde::Serialize;

use super::error::CmdResult;

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
    pub citations: BTreeMap<String, String>,
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

/// Labels, choices and wording rules, as the engine defines them (see
/// `khcds::vocabulary`): the UI keeps no copy of its own.
#[tauri::command]
pub async fn vocabulary() -> CmdResult<Vocabulary> {
    Ok(khcds::vocabulary::vocabulary())
}
