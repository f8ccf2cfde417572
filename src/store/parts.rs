//! A plan is stored as parts: one row per singleton (meta, header, opening, signer,
//! recipients, settings) and one row per ordered item (section, indicator, task, responsibility),
//! each with its JSON body. An edit touches a few rows, so autosave stays cheap however
//! large the plan grows.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::salvage::{assemble_tree, text_column, Lists, Loaded, Salvage, Singletons};
use super::{Result, StoreError};
use crate::model::{normalize_value, Plan, Section, MAX_SECTION_DEPTH};

/// The kinds of rows in the `part` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Meta,
    Header,
    Opening,
    Signer,
    Recipients,
    Settings,
    Section,
    Indicator,
    Task,
    Responsibility,
}

impl Kind {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Kind::Meta => "meta",
            Kind::Header => "header",
            Kind::Opening => "opening",
            Kind::Signer => "signer",
            Kind::Recipients => "recipients",
            Kind::Settings => "settings",
            Kind::Section => "section",
            Kind::Indicator => "indicator",
            Kind::Task => "task",
            Kind::Responsibility => "responsibility",
        }
    }

    /// How the item is named in messages ("Không tìm thấy chỉ tiêu «ct-01»").
    pub(super) fn noun(self) -> &'static str {
        match self {
            Kind::Section => "mục",
            Kind::Indicator => "chỉ tiêu",
            Kind::Task => "nhiệm vụ",
            Kind::Responsibility => "đơn vị trong phần tổ chức thực hiện",
            Kind::Meta => "phần thông tin chung (cấp, loại kế hoạch)",
            Kind::Header => "phần đầu văn bản (cơ quan, số, ngày, trích yếu)",
            Kind::Opening => "phần căn cứ",
            Kind::Signer => "phần người ký",
            Kind::Recipients => "phần nơi nhận",
            Kind::Settings => "phần trình bày (cỡ chữ, lề)",
        }
    }
}

/// Serialises a value as a part body, normalising every string to NFC on the way in.
pub(super) fn body<T: Serialize>(value: &T) -> Result<String> {
    let mut json = serde_json::to_value(value).map_err(|e| StoreError::BadData(e.to_string()))?;
    normalize_value(&mut json);
    Ok(json.to_string())
}

pub(super) fn parse<T: DeserializeOwned>(kind: Kind, id: &str, text: &str) -> Result<T> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::BadData(format!("{} «{id}»: {e}", kind.as_str())))
}

pub(super) fn put_singleton<T: Serialize>(tx: &Transaction, kind: Kind, value: &T) -> Result<()> {
    tx.execute(
        "INSERT INTO part (kind, id, parent, position, body) VALUES (?1, '', NULL, 0, ?2)
         ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body",
        params![kind.as_str(), body(value)?],
    )?;
    Ok(())
}

/// Where an ordered item sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Slot {
    pub parent: Option<String>,
    pub position: i64,
}

pub(super) fn slot(tx: &Transaction, kind: Kind, id: &str) -> Result<Option<Slot>> {
    Ok(tx
        .query_row(
            "SELECT parent, position FROM part WHERE kind = ?1 AND id = ?2",
            params![kind.as_str(), id],
            |r| {
                Ok(Slot {
                    parent: r.get(0)?,
                    position: r.get(1)?,
                })
            },
        )
        .optional()?)
}

pub(super) fn read_item<T: DeserializeOwned>(tx: &Transaction, kind: Kind, id: &str) -> Result<T> {
    let text: Option<String> = tx
        .query_row(
            "SELECT body FROM part WHERE kind = ?1 AND id = ?2",
            params![kind.as_str(), id],
            |r| r.get(0),
        )
        .optional()?;
    match text {
        Some(text) => parse(kind, id, &text),
        None => Err(StoreError::MissingItem {
            what: kind.noun(),
            id: id.to_owned(),
        }),
    }
}

/// Replaces the body of an existing item, keeping its place.
pub(super) fn update_item(tx: &Transaction, kind: Kind, id: &str, body: &str) -> Result<()> {
    let n = tx.execute(
        "UPDATE part SET body = ?3 WHERE kind = ?1 AND id = ?2",
        params![kind.as_str(), id, body],
    )?;
    if n == 0 {
        return Err(StoreError::MissingItem {
            what: kind.noun(),
            id: id.to_owned(),
        });
    }
    Ok(())
}

/// Inserts a new item at `index` among its siblings (at the end when past it).
pub(super) fn insert_item(
    tx: &Transaction,
    kind: Kind,
    id: &str,
    parent: Option<&str>,
    index: Option<usize>,
    body: &str,
) -> Result<()> {
    if id.trim().is_empty() {
        return Err(StoreError::BadData(format!("{} thiếu mã", kind.noun())));
    }
    if slot(tx, kind, id)?.is_some() {
        return Err(StoreError::DuplicateItem {
            what: kind.noun(),
            id: id.to_owned(),
        });
    }
    let count: i64 = tx.query_row(
        "SELECT count(*) FROM part WHERE kind = ?1 AND parent IS ?2",
        params![kind.as_str(), parent],
        |r| r.get(0),
    )?;
    let position = index.map_or(count, |i| (i as i64).min(count));
    tx.execute(
        "UPDATE part SET position = position + 1
         WHERE kind = ?1 AND parent IS ?2 AND position >= ?3",
        params![kind.as_str(), parent, position],
    )?;
    tx.execute(
        "INSERT INTO part (kind, id, parent, position, body) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![kind.as_str(), id, parent, position, body],
    )?;
    Ok(())
}

/// Removes an item and closes the gap among its siblings.
pub(super) fn remove_item(tx: &Transaction, kind: Kind, id: &str) -> Result<()> {
    let Some(slot) = slot(tx, kind, id)? else {
        return Err(StoreError::MissingItem {
            what: kind.noun(),
            id: id.to_owned(),
        });
    };
    tx.execute(
        "DELETE FROM part WHERE kind = ?1 AND id = ?2",
        params![kind.as_str(), id],
    )?;
    tx.execute(
        "UPDATE part SET position = position - 1
         WHERE kind = ?1 AND parent IS ?2 AND position > ?3",
        params![kind.as_str(), slot.parent, slot.position],
    )?;
    Ok(())
}

/// Ids of the direct children of a section, in order.
pub(super) fn child_sections(tx: &Transaction, parent: &str) -> Result<Vec<String>> {
    let mut stmt = tx.prepare_cached(
        "SELECT id FROM part WHERE kind = 'section' AND parent = ?1 ORDER BY position",
    )?;
    let ids = stmt
        .query_map([parent], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(ids)
}

/// Writes a section and its descendants (custom sections inserted by an edit).
pub(super) fn insert_section_tree(
    tx: &Transaction,
    section: &Section,
    parent: Option<&str>,
    index: Option<usize>,
) -> Result<()> {
    insert_item(
        tx,
        Kind::Section,
        &section.id,
        parent,
        index,
        &section_row(section)?,
    )?;
    append_descendants(tx, section)
}

/// Writes the rows below `section`, walking the tree without recursion.
fn append_descendants(tx: &Transaction, section: &Section) -> Result<()> {
    let mut stack = vec![section];
    while let Some(parent) = stack.pop() {
        for (position, child) in parent.children.iter().enumerate() {
            let row = section_row(child)?;
            append(
                tx,
                Kind::Section,
                &child.id,
                Some(&parent.id),
                position,
                &row,
            )?;
            stack.push(child);
        }
    }
    Ok(())
}

/// The stored body of a section: itself without its children (they are rows of their own).
fn section_row(section: &Section) -> Result<String> {
    body(&Section {
        id: section.id.clone(),
        origin: section.origin,
        title: section.title.clone(),
        content: section.content.clone(),
        children: Vec::new(),
    })
}

/// Inserts a row at a known free position: no counting or shifting of siblings, so a
/// whole plan is written in time linear in its size.
fn append(
    tx: &Transaction,
    kind: Kind,
    id: &str,
    parent: Option<&str>,
    position: usize,
    body: &str,
) -> Result<()> {
    if id.trim().is_empty() {
        return Err(StoreError::BadData(format!("{} thiếu mã", kind.noun())));
    }
    let inserted = tx
        .prepare_cached(
            "INSERT INTO part (kind, id, parent, position, body) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (kind, id) DO NOTHING",
        )?
        .execute(params![kind.as_str(), id, parent, position as i64, body])?;
    if inserted == 0 {
        return Err(StoreError::DuplicateItem {
            what: kind.noun(),
            id: id.to_owned(),
        });
    }
    Ok(())
}

/// Replaces the whole stored plan.
pub(super) fn save_plan(tx: &Transaction, plan: &Plan) -> Result<()> {
    plan.check_ranges()?;
    if plan.sections.iter().any(|s| s.height() > MAX_SECTION_DEPTH) {
        return Err(StoreError::TooDeep);
    }
    tx.execute("DELETE FROM part", [])?;
    put_singleton(tx, Kind::Meta, &plan.meta)?;
    put_singleton(tx, Kind::Header, &plan.header)?;
    put_singleton(tx, Kind::Opening, &plan.opening)?;
    put_singleton(tx, Kind::Signer, &plan.signer)?;
    put_singleton(tx, Kind::Recipients, &plan.recipients)?;
    put_singleton(tx, Kind::Settings, &plan.settings)?;
    for (position, section) in plan.sections.iter().enumerate() {
        append(
            tx,
            Kind::Section,
            &section.id,
            None,
            position,
            &section_row(section)?,
        )?;
        append_descendants(tx, section)?;
    }
    for (position, item) in plan.indicators.iter().enumerate() {
        append(tx, Kind::Indicator, &item.id, None, position, &body(item)?)?;
    }
    for (position, item) in plan.tasks.iter().enumerate() {
        append(tx, Kind::Task, &item.id, None, position, &body(item)?)?;
    }
    for (position, item) in plan.organisation.iter().enumerate() {
        append(
            tx,
            Kind::Responsibility,
            &item.id,
            None,
            position,
            &body(item)?,
        )?;
    }
    Ok(())
}

/// Reads the whole plan back.
pub(super) fn load_plan(conn: &rusqlite::Connection) -> Result<Loaded> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, id, parent, body FROM part ORDER BY kind, parent, position",
    )?;
    let mut rows = stmt.query([])?;
    let mut salvage = Salvage::default();
    let mut singletons = std::collections::HashMap::new();
    let (mut indicators, mut tasks, mut organisation) = (Vec::new(), Vec::new(), Vec::new());
    // Sections in sibling order, grouped by parent; the tree is assembled afterwards.
    let mut sections: Vec<(Option<String>, Section)> = Vec::new();
    while let Some(row) = rows.next()? {
        let (Some(kind), Some(id)) = (text_column(row, 0), text_column(row, 1)) else {
            salvage
                .problems
                .push("Một dòng dữ liệu bị hỏng nên không đọc được; đã bỏ qua.".into());
            continue;
        };
        let text = text_column(row, 3);
        let text = text.as_deref();
        match kind.as_str() {
            "section" => {
                if let Some(section) = salvage.item(Kind::Section, &id, text) {
                    sections.push((text_column(row, 2), section));
                }
            }
            "indicator" => indicators.extend(salvage.item(Kind::Indicator, &id, text)),
            "task" => tasks.extend(salvage.item(Kind::Task, &id, text)),
            "responsibility" => organisation.extend(salvage.item(Kind::Responsibility, &id, text)),
            _ => {
                singletons.insert(kind, text.map(str::to_owned));
            }
        }
    }
    let texts = Singletons::take(|name| singletons.remove(name).flatten());
    let sections = assemble_tree(sections, &mut salvage);
    let lists = Lists {
        sections,
        indicators,
        tasks,
        organisation,
    };
    Ok(salvage.finish(texts, lists))
}
