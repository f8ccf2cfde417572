//! Edits: the unit of change the app and the CLI send. Each is applied in one
//! transaction, so an acknowledged edit is on disk and a failed one leaves nothing.

use rusqlite::Transaction;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::parts::{self, Kind};
use super::{Result, StoreError};
use crate::model::{
    Block, DocumentHeader, DocumentSettings, Indicator, Opening, PlanMeta, Recipient,
    Responsibility, Section, SectionOrigin, Signer, Task, MAX_SECTION_DEPTH,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "op", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Edit {
    SetMeta {
        meta: PlanMeta,
    },
    SetHeader {
        header: DocumentHeader,
    },
    SetOpening {
        opening: Opening,
    },
    SetSigner {
        signer: Signer,
    },
    SetRecipients {
        recipients: Vec<Recipient>,
    },
    SetSettings {
        settings: DocumentSettings,
    },
    /// Changes the title and content of a section (not its children).
    UpdateSection {
        id: String,
        title: String,
        content: Vec<Block>,
    },
    /// Inserts a custom section (with its custom children) at `index` under `parent`.
    InsertSection {
        parent: Option<String>,
        index: usize,
        section: Section,
    },
    /// Moves a custom section.
    MoveSection {
        id: String,
        parent: Option<String>,
        index: usize,
    },
    /// Deletes a custom section and its children.
    DeleteSection {
        id: String,
    },
    /// Replaces the item with the same id in place, or inserts it at `index` (the end
    /// when absent).
    PutItem {
        item: Item,
        #[serde(default)]
        index: Option<usize>,
    },
    MoveItem {
        list: List,
        id: String,
        index: usize,
    },
    DeleteItem {
        list: List,
        id: String,
    },
}

/// An item of one of the plan's ordered lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "list", content = "value", rename_all = "kebab-case")]
pub enum Item {
    Indicator(Indicator),
    Task(Task),
    Responsibility(Responsibility),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum List {
    Indicator,
    Task,
    Responsibility,
}

impl List {
    fn kind(self) -> Kind {
        match self {
            List::Indicator => Kind::Indicator,
            List::Task => Kind::Task,
            List::Responsibility => Kind::Responsibility,
        }
    }
}

impl Item {
    fn kind_id_body(&self) -> Result<(Kind, &str, String)> {
        Ok(match self {
            Item::Indicator(i) => (Kind::Indicator, &i.id, parts::body(i)?),
            Item::Task(t) => (Kind::Task, &t.id, parts::body(t)?),
            Item::Responsibility(r) => (Kind::Responsibility, &r.id, parts::body(r)?),
        })
    }
}

pub(super) fn apply(tx: &Transaction, edit: &Edit) -> Result<()> {
    check_ranges(edit)?;
    match edit {
        Edit::SetMeta { meta } => parts::put_singleton(tx, Kind::Meta, meta),
        Edit::SetHeader { header } => parts::put_singleton(tx, Kind::Header, header),
        Edit::SetOpening { opening } => parts::put_singleton(tx, Kind::Opening, opening),
        Edit::SetSigner { signer } => parts::put_singleton(tx, Kind::Signer, signer),
        Edit::SetRecipients { recipients } => {
            parts::put_singleton(tx, Kind::Recipients, recipients)
        }
        Edit::SetSettings { settings } => parts::put_singleton(tx, Kind::Settings, settings),
        Edit::UpdateSection { id, title, content } => {
            let mut section: Section = parts::read_item(tx, Kind::Section, id)?;
            section.title = title.clone();
            section.content = content.clone();
            parts::update_item(tx, Kind::Section, id, &parts::body(&section)?)
        }
        Edit::InsertSection {
            parent,
            index,
            section,
        } => {
            if let Some(framework) = section
                .walk()
                .into_iter()
                .find(|s| s.origin != SectionOrigin::Custom)
            {
                return Err(StoreError::BadData(format!(
                    "mục «{}» của Khung không thể thêm lần nữa",
                    framework.id
                )));
            }
            require_section(tx, parent.as_deref())?;
            require_depth(tx, parent.as_deref(), section.height())?;
            parts::insert_section_tree(tx, section, parent.as_deref(), Some(*index))
        }
        Edit::MoveSection { id, parent, index } => {
            let section = custom_section(tx, id)?;
            require_section(tx, parent.as_deref())?;
            if let Some(target) = parent {
                if target == id || descendants(tx, id)?.contains(target) {
                    return Err(StoreError::BadData(format!(
                        "không thể chuyển mục «{id}» vào chính nó"
                    )));
                }
            }
            require_depth(tx, parent.as_deref(), subtree_height(tx, id)?)?;
            let body = parts::body(&section)?;
            parts::remove_item(tx, Kind::Section, id)?;
            parts::insert_item(
                tx,
                Kind::Section,
                id,
                parent.as_deref(),
                Some(*index),
                &body,
            )
        }
        Edit::DeleteSection { id } => {
            custom_section(tx, id)?;
            for child in descendants(tx, id)? {
                tx.execute(
                    "DELETE FROM part WHERE kind = 'section' AND id = ?1",
                    [&child],
                )?;
            }
            parts::remove_item(tx, Kind::Section, id)
        }
        Edit::PutItem { item, index } => {
            let (kind, id, body) = item.kind_id_body()?;
            if parts::slot(tx, kind, id)?.is_some() {
                parts::update_item(tx, kind, id, &body)
            } else {
                parts::insert_item(tx, kind, id, None, *index, &body)
            }
        }
        Edit::MoveItem { list, id, index } => {
            let kind = list.kind();
            let body: serde_json::Value = parts::read_item(tx, kind, id)?;
            parts::remove_item(tx, kind, id)?;
            parts::insert_item(tx, kind, id, None, Some(*index), &body.to_string())
        }
        Edit::DeleteItem { list, id } => parts::remove_item(tx, list.kind(), id),
    }
}

fn require_section(tx: &Transaction, id: Option<&str>) -> Result<()> {
    match id {
        Some(id) if parts::slot(tx, Kind::Section, id)?.is_none() => Err(StoreError::MissingItem {
            what: Kind::Section.noun(),
            id: id.to_owned(),
        }),
        _ => Ok(()),
    }
}

fn custom_section(tx: &Transaction, id: &str) -> Result<Section> {
    let section: Section = parts::read_item(tx, Kind::Section, id)?;
    if section.origin == SectionOrigin::Framework {
        return Err(StoreError::FrameworkSectionLocked(id.to_owned()));
    }
    Ok(section)
}

/// All sections below `id`, at any depth (each once, even in a damaged file whose
/// parent links form a cycle).
fn descendants(tx: &Transaction, id: &str) -> Result<Vec<String>> {
    Ok(levels_below(tx, id)?.into_iter().flatten().collect())
}

/// The sections below `id`, level by level.
fn levels_below(tx: &Transaction, id: &str) -> Result<Vec<Vec<String>>> {
    let mut seen = std::collections::HashSet::from([id.to_owned()]);
    let mut levels = Vec::new();
    let mut level = vec![id.to_owned()];
    while !level.is_empty() {
        let mut next = Vec::new();
        for parent in &level {
            for child in parts::child_sections(tx, parent)? {
                if seen.insert(child.clone()) {
                    next.push(child);
                }
            }
        }
        levels.push(std::mem::take(&mut level));
        level = next;
    }
    levels.remove(0);
    Ok(levels)
}

/// Levels of the stored section `id` and its descendants.
fn subtree_height(tx: &Transaction, id: &str) -> Result<usize> {
    Ok(1 + levels_below(tx, id)?.len())
}

/// Refuses to put `height` levels of sections under `parent` when the tree would grow
/// deeper than [`MAX_SECTION_DEPTH`].
fn require_depth(tx: &Transaction, parent: Option<&str>, height: usize) -> Result<()> {
    let mut depth = 0;
    let mut next = parent.map(str::to_owned);
    while let Some(id) = next {
        depth += 1;
        if depth + height > MAX_SECTION_DEPTH {
            return Err(StoreError::TooDeep);
        }
        next = parts::slot(tx, Kind::Section, &id)?.and_then(|slot| slot.parent);
    }
    if height > MAX_SECTION_DEPTH {
        return Err(StoreError::TooDeep);
    }
    Ok(())
}

/// Numbers and dates in an edit must lie in their real range, so what is stored always
/// reads back and prints.
fn check_ranges(edit: &Edit) -> Result<()> {
    match edit {
        Edit::SetMeta { meta } => meta.check_ranges()?,
        Edit::SetHeader { header } => header.check_ranges()?,
        Edit::SetOpening { opening } => opening.check_ranges()?,
        Edit::SetSettings { settings } => settings.check_ranges()?,
        Edit::PutItem {
            item: Item::Task(task),
            ..
        } => task.check_ranges()?,
        Edit::PutItem {
            item: Item::Indicator(indicator),
            ..
        } => indicator.check_ranges()?,
        _ => {}
    }
    Ok(())
}
