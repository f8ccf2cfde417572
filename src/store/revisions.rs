//! Revision snapshots: the whole plan as JSON, taken on demand and automatically before
//! anything that replaces or publishes the plan (import, restore, export).

use rusqlite::{params, OptionalExtension, Transaction};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::parts::{self, Kind};
use super::salvage::{Lists, Loaded, Salvage, Singletons};
use super::{Result, StoreError};
use crate::model::{Section, MAX_SECTION_DEPTH};

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
    let plan = serde_json::to_string(&parts::load_plan(tx)?.plan)
        .map_err(|e| StoreError::BadData(e.to_string()))?;
    // A damaged latest row (plan not text) is simply not equal to this plan.
    let latest: Option<(i64, Option<String>)> = tx
        .query_row(
            "SELECT id, plan FROM revision ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get_ref(1)?.as_str().ok().map(str::to_owned))),
        )
        .optional()?;
    if let Some((id, text)) = latest {
        if text.as_deref() == Some(plan.as_str())
            && (reason != RevisionReason::Manual || label.is_empty())
        {
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

/// The readable revisions, oldest first, and one sentence per damaged row (skipped:
/// a damaged revision never hides the others or the current plan).
pub(super) fn list(conn: &rusqlite::Connection) -> Result<(Vec<RevisionInfo>, Vec<String>)> {
    let mut stmt =
        conn.prepare("SELECT id, created_at, reason, label FROM revision ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let (mut good, mut damaged) = (Vec::new(), Vec::new());
    while let Some(row) = rows.next()? {
        let text = |i: usize| {
            row.get_ref(i)
                .ok()
                .and_then(|v| v.as_str().ok())
                .map(str::to_owned)
        };
        let id: Option<i64> = row.get(0).ok();
        let info = (|| {
            Some(RevisionInfo {
                id: id?,
                created_at: text(1)?,
                reason: RevisionReason::parse(&text(2)?).ok()?,
                label: text(3)?,
            })
        })();
        match (info, id) {
            (Some(info), _) => good.push(info),
            (None, Some(id)) => damaged.push(format!(
                "Phiên bản lưu số {id} bị hỏng nên không đọc được; đã bỏ qua."
            )),
            (None, None) => {
                damaged.push("Một phiên bản lưu bị hỏng nên không đọc được; đã bỏ qua.".into())
            }
        }
    }
    Ok((good, damaged))
}

/// The plan of revision `id`. A revision with a damaged part is still restorable: the
/// part reads as its default or is left out, as when opening a damaged file.
pub(super) fn read(tx: &Transaction, id: i64) -> Result<Loaded> {
    let text: Option<String> = tx
        .query_row("SELECT plan FROM revision WHERE id = ?1", [id], |r| {
            Ok(r.get_ref(0)?.as_str().ok().map(str::to_owned))
        })
        .optional()?
        .ok_or(StoreError::NoSuchRevision(id))?;
    let unreadable = || StoreError::BadData(format!("phiên bản lưu số {id} bị hỏng hoàn toàn"));
    let value: serde_json::Value = text
        .and_then(|t| serde_json::from_str(&t).ok())
        .ok_or_else(unreadable)?;
    let serde_json::Value::Object(mut fields) = value else {
        return Err(unreadable());
    };
    let mut salvage = Salvage::default();
    let texts = Singletons::take(|name| fields.remove(name).map(|v| v.to_string()));
    let mut items = |name: &str| match fields.remove(name) {
        Some(serde_json::Value::Array(items)) => items,
        _ => Vec::new(),
    };
    let (sections, indicators, tasks, organisation) = (
        items("sections"),
        items("indicators"),
        items("tasks"),
        items("organisation"),
    );
    let mut sections: Vec<Section> = read_items(&mut salvage, Kind::Section, sections);
    let before = sections.len();
    sections.retain(|s| s.height() <= MAX_SECTION_DEPTH);
    if sections.len() < before {
        salvage.problems.push(StoreError::TooDeep.to_string());
    }
    let lists = Lists {
        sections,
        indicators: read_items(&mut salvage, Kind::Indicator, indicators),
        tasks: read_items(&mut salvage, Kind::Task, tasks),
        organisation: read_items(&mut salvage, Kind::Responsibility, organisation),
    };
    Ok(salvage.finish(texts, lists))
}

/// The readable items of a list in a revision, named by id (or place) when damaged.
fn read_items<T: serde::de::DeserializeOwned>(
    salvage: &mut Salvage,
    kind: Kind,
    values: Vec<serde_json::Value>,
) -> Vec<T> {
    values
        .into_iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let id = match v.get("id").and_then(|id| id.as_str()) {
                Some(id) => id.to_owned(),
                None => format!("thứ {}", i + 1),
            };
            salvage.item(kind, &id, Some(&v.to_string()))
        })
        .collect()
}
