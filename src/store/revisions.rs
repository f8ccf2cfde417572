//! Revision snapshots: the whole plan as JSON, taken on demand and automatically before
//! anything that replaces or publishes the plan (import, restore, export).

use rusqlite::{params, OptionalExtension, Transaction};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{parts, Result, StoreError};
use crate::model::Plan;

/// Automatic snapshots kept per file; manual ones are never pruned.
const AUTOMATIC_KEPT: i64 = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RevisionReason {
    Manual,
    BeforeImport,
    BeforeRestore,
    BeforeExport,
}

impl RevisionReason {
    fn as_str(self) -> &'static str {
        match self {
            RevisionReason::Manual => "manual",
            RevisionReason::BeforeImport => "before-import",
            RevisionReason::BeforeRestore => "before-restore",
            RevisionReason::BeforeExport => "before-export",
        }
    }

    fn parse(s: &str) -> Result<Self> {
        Ok(match s {
            "manual" => RevisionReason::Manual,
            "before-import" => RevisionReason::BeforeImport,
            "before-restore" => RevisionReason::BeforeRestore,
            "before-export" => RevisionReason::BeforeExport,
            other => {
                return Err(StoreError::BadData(format!(
                    "lý do lưu phiên bản «{other}»"
                )))
            }
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            RevisionReason::Manual => "lưu thủ công",
            RevisionReason::BeforeImport => "tự động trước khi nhập",
            RevisionReason::BeforeRestore => "tự động trước khi khôi phục",
            RevisionReason::BeforeExport => "tự động trước khi xuất",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RevisionInfo {
    pub id: i64,
    /// Local time, RFC 3339.
    pub created_at: String,
    pub reason: RevisionReason,
    pub label: String,
}

/// Saves the current plan as a revision, unless the latest revision already holds
/// exactly this plan; returns the id of the revision that holds it.
pub(super) fn snapshot(tx: &Transaction, reason: RevisionReason, label: &str) -> Result<i64> {
    let plan = serde_json::to_string(&parts::load_plan(tx)?)
        .map_err(|e| StoreError::BadData(e.to_string()))?;
    let latest: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, plan FROM revision ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((id, text)) = latest {
        if text == plan && (reason != RevisionReason::Manual || label.is_empty()) {
            return Ok(id);
        }
    }
    let now = chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string();
    tx.execute(
        "INSERT INTO revision (created_at, reason, label, plan) VALUES (?1, ?2, ?3, ?4)",
        params![now, reason.as_str(), label, plan],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "DELETE FROM revision WHERE reason != 'manual' AND id NOT IN
           (SELECT id FROM revision WHERE reason != 'manual' ORDER BY id DESC LIMIT ?1)",
        [AUTOMATIC_KEPT],
    )?;
    Ok(id)
}

pub(super) fn list(conn: &rusqlite::Connection) -> Result<Vec<RevisionInfo>> {
    let mut stmt =
        conn.prepare("SELECT id, created_at, reason, label FROM revision ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    rows.map(|row| {
        let (id, created_at, reason, label) = row?;
        Ok(RevisionInfo {
            id,
            created_at,
            reason: RevisionReason::parse(&reason)?,
            label,
        })
    })
    .collect()
}

pub(super) fn read(tx: &Transaction, id: i64) -> Result<Plan> {
    let text: String = tx
        .query_row("SELECT plan FROM revision WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or(StoreError::NoSuchRevision(id))?;
    serde_json::from_str(&text).map_err(|e| StoreError::BadData(format!("phiên bản {id}: {e}")))
}
