//! A plan is stored as parts: one row per singleton (meta, header, opening, signer,
//! recipients, settings) and one row per ordered item (section, indicator, task, responsibility),
//! each with its JSON body. An edit touches a few rows, so autosave stays cheap however
//! large the plan grows.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::{Result, StoreError};
use crate::model::{normalize_value, Plan, Section};

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
    /// The annual plan's parent, carried items and evaluation (absent in a five-year plan).
    Annual,
    /// The drafter's own appendices (absent when none).
    Appendices,
}

impl Kind {
    fn as_str(self) -> &'static str {
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
            Kind::Annual => "annual",
            Kind::Appendices => "appendices",
        }
    }

    /// How the item is named in messages ("Không tìm thấy chỉ tiêu «ct-01»").
    pub(super) fn noun(self) -> &'static str {
        match self {
            Kind::Section => "mục",
            Kind::Indicator => "chỉ tiêu",
            Kind::Task => "nhiệm vụ",
            Kind::Responsibility => "đơn vị trong phần tổ chức thực hiện",
            _ => "phần",
        }
    }
}

/// Serialises a value as a part body, normalising every string to NFC on the way in.
pub(super) fn body<T: Serialize>(value: &T) -> Result<String> {
    let mut json = serde_json::to_value(value).map_err(|e| StoreError::BadData(e.to_string()))?;
    normalize_value(&mut json);
    Ok(json.to_string())
}

fn parse<T: DeserializeOwned>(kind: Kind, id: &str, text: &str) -> Result<T> {
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

/// Removes a singleton that may be absent (the annual part, the appendices).
pub(super) fn remove_singleton(tx: &Transaction, kind: Kind) -> Result<()> {
    tx.execute(
        "DELETE FROM part WHERE kind = ?1 AND id = ''",
        params![kind.as_str()],
    )?;
    Ok(())
}

/// Writes an optional singleton, or removes it when there is nothing to store.
pub(super) fn put_optional<T: Serialize>(
    tx: &Transaction,
    kind: Kind,
    value: Option<&T>,
) -> Result<()> {
    match value {
        Some(value) => put_singleton(tx, kind, value),
        None => remove_singleton(tx, kind),
    }
}

/// Reads an optional singleton.
pub(super) fn read_optional<T: DeserializeOwned>(
    tx: &Transaction,
    kind: Kind,
) -> Result<Option<T>> {
    let text: Option<String> = tx
        .query_row(
            "SELECT body FROM part WHERE kind = ?1 AND id = ''",
            params![kind.as_str()],
            |r| r.get(0),
        )
        .optional()?;
    text.map(|t| parse(kind, "", &t)).transpose()
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

/// Writes a section and its descendants.
pub(super) fn insert_section_tree(
    tx: &Transaction,
    section: &Section,
    parent: Option<&str>,
    index: Option<usize>,
) -> Result<()> {
    let row = Section {
        children: Vec::new(),
        ..section.clone()
    };
    insert_item(tx, Kind::Section, &section.id, parent, index, &body(&row)?)?;
    for child in &section.children {
        insert_section_tree(tx, child, Some(&section.id), None)?;
    }
    Ok(())
}

/// Replaces the whole stored plan.
pub(super) fn save_plan(tx: &Transaction, plan: &Plan) -> Result<()> {
    tx.execute("DELETE FROM part", [])?;
    put_singleton(tx, Kind::Meta, &plan.meta)?;
    put_singleton(tx, Kind::Header, &plan.header)?;
    put_singleton(tx, Kind::Opening, &plan.opening)?;
    put_singleton(tx, Kind::Signer, &plan.signer)?;
    put_singleton(tx, Kind::Recipients, &plan.recipients)?;
    put_singleton(tx, Kind::Settings, &plan.settings)?;
    put_optional(tx, Kind::Annual, plan.annual.as_ref())?;
    put_optional(
        tx,
        Kind::Appendices,
        Some(&plan.appendices).filter(|a| !a.is_empty()),
    )?;
    for section in &plan.sections {
        insert_section_tree(tx, section, None, None)?;
    }
    for item in &plan.indicators {
        insert_item(tx, Kind::Indicator, &item.id, None, None, &body(item)?)?;
    }
    for item in &plan.tasks {
        insert_item(tx, Kind::Task, &item.id, None, None, &body(item)?)?;
    }
    for item in &plan.organisation {
        insert_item(tx, Kind::Responsibility, &item.id, None, None, &body(item)?)?;
    }
    Ok(())
}

/// Reads the whole plan back.
pub(super) fn load_plan(conn: &rusqlite::Connection) -> Result<Plan> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, id, parent, body FROM part ORDER BY kind, parent, position",
    )?;
    let mut rows = stmt.query([])?;
    let mut singletons = std::collections::HashMap::new();
    let (mut indicators, mut tasks, mut organisation) = (Vec::new(), Vec::new(), Vec::new());
    // Sections in sibling order, grouped by parent; the tree is assembled afterwards.
    let mut sections: Vec<(Option<String>, Section)> = Vec::new();
    while let Some(row) = rows.next()? {
        let kind: String = row.get(0)?;
        let id: String = row.get(1)?;
        let text: String = row.get(3)?;
        match kind.as_str() {
            "section" => sections.push((row.get(2)?, parse(Kind::Section, &id, &text)?)),
            "indicator" => indicators.push(parse(Kind::Indicator, &id, &text)?),
            "task" => tasks.push(parse(Kind::Task, &id, &text)?),
            "responsibility" => organisation.push(parse(Kind::Responsibility, &id, &text)?),
            _ => {
                singletons.insert(kind, text);
            }
        }
    }
    let annual = singletons
        .remove(Kind::Annual.as_str())
        .map(|t| parse(Kind::Annual, "", &t))
        .transpose()?;
    let appendices = singletons
        .remove(Kind::Appendices.as_str())
        .map(|t| parse(Kind::Appendices, "", &t))
        .transpose()?
        .unwrap_or_default();
    let mut singleton = |kind: Kind| {
        singletons
            .remove(kind.as_str())
            .ok_or_else(|| StoreError::BadData(format!("thiếu phần «{}»", kind.as_str())))
    };
    Ok(Plan {
        meta: parse(Kind::Meta, "", &singleton(Kind::Meta)?)?,
        header: parse(Kind::Header, "", &singleton(Kind::Header)?)?,
        opening: parse(Kind::Opening, "", &singleton(Kind::Opening)?)?,
        signer: parse(Kind::Signer, "", &singleton(Kind::Signer)?)?,
        recipients: parse(Kind::Recipients, "", &singleton(Kind::Recipients)?)?,
        settings: parse(Kind::Settings, "", &singleton(Kind::Settings)?)?,
        sections: assemble_tree(sections)?,
        indicators,
        tasks,
        organisation,
        annual,
        appendices,
    })
}

/// Builds the section tree from rows listed parent by parent in sibling order.
fn assemble_tree(rows: Vec<(Option<String>, Section)>) -> Result<Vec<Section>> {
    let mut children: std::collections::HashMap<Option<String>, Vec<Section>> =
        std::collections::HashMap::new();
    let total = rows.len();
    for (parent, section) in rows {
        children.entry(parent).or_default().push(section);
    }
    fn attach(
        list: Vec<Section>,
        children: &mut std::collections::HashMap<Option<String>, Vec<Section>>,
        placed: &mut usize,
    ) -> Vec<Section> {
        list.into_iter()
            .map(|mut s| {
                *placed += 1;
                let own = children.remove(&Some(s.id.clone())).unwrap_or_default();
                s.children = attach(own, children, placed);
                s
            })
            .collect()
    }
    let roots = children.remove(&None).unwrap_or_default();
    let mut placed = 0;
    let tree = attach(roots, &mut children, &mut placed);
    if placed != total {
        return Err(StoreError::BadData(
            "có mục không gắn được vào cây mục lục".into(),
        ));
    }
    Ok(tree)
}
