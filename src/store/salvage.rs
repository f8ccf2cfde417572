//! Reading a damaged plan: a damaged part never makes the rest unreachable. A damaged
//! singleton reads as its default, a damaged item is left out, a section that cannot be
//! placed in the tree (missing parent, a cycle, deeper than [`MAX_SECTION_DEPTH`]) goes
//! to the top level; each is named in a Vietnamese sentence. The section tree is built
//! without recursion, whatever the file says.

use serde::de::DeserializeOwned;

use super::parts::{parse, Kind};
use crate::model::{Level, Plan, PlanKind, PlanMeta, Section, MAX_SECTION_DEPTH};

/// A plan as read back, with what could not be read: a damaged part never makes the
/// rest unreachable. A damaged singleton reads as its default, a damaged item is left
/// out, a section that cannot be placed in the tree goes to the top level.
pub struct Loaded {
    pub plan: Plan,
    /// One Vietnamese sentence per damaged part, naming it.
    pub problems: Vec<String>,
}

/// Collects what could not be read while a plan is put together.
#[derive(Default)]
pub(super) struct Salvage {
    pub problems: Vec<String>,
    /// How many items of each list have been offered so far: the place of the next one,
    /// by which an item whose name cannot be read is named.
    offered: Vec<(Kind, usize)>,
}

impl Salvage {
    /// A singleton part, or its default (noted) when absent or unreadable.
    pub fn singleton<T: DeserializeOwned>(
        &mut self,
        kind: Kind,
        text: Option<&str>,
        default: impl FnOnce() -> T,
    ) -> T {
        match text.map(|t| parse(kind, "", t)) {
            Some(Ok(value)) => value,
            _ => {
                self.problems.push(format!(
                    "{} bị hỏng hoặc bị thiếu; đang dùng nội dung mặc định, hãy nhập lại.",
                    capitalise(kind.noun())
                ));
                default()
            }
        }
    }

    /// A part a plan may lack (the annual part, the appendices): `None` when absent, or
    /// (noted) when unreadable.
    pub fn optional<T: DeserializeOwned>(&mut self, kind: Kind, text: Option<&str>) -> Option<T> {
        let text = text?;
        let value = parse(kind, "", text).ok();
        if value.is_none() {
            self.problems.push(format!(
                "{} bị hỏng nên không đọc được; đã bỏ qua, hãy nhập lại.",
                capitalise(kind.noun())
            ));
        }
        value
    }

    /// A list item, or `None` (noted) when unreadable. Items are offered in their list's
    /// order, so an item whose name cannot be read is named by its place.
    pub fn item<T: DeserializeOwned>(
        &mut self,
        kind: Kind,
        id: &str,
        text: Option<&str>,
    ) -> Option<T> {
        let position = self.next_position(kind);
        let value = text.and_then(|t| parse(kind, id, t).ok());
        if value.is_none() {
            self.problems.push(format!(
                "{} bị hỏng nên không đọc được; đã bỏ qua.",
                capitalise(&described(kind, id, position, text))
            ));
        }
        value
    }

    /// The place (from 1) in its list of the item of `kind` offered now.
    fn next_position(&mut self, kind: Kind) -> usize {
        let index = match self.offered.iter().position(|(k, _)| *k == kind) {
            Some(index) => index,
            None => {
                self.offered.push((kind, 0));
                self.offered.len() - 1
            }
        };
        self.offered[index].1 += 1;
        self.offered[index].1
    }
}

/// A damaged item as the drafter sees it, never by its internal id: a Khung section by
/// its number, another item by the name still readable in its text (a task's or
/// indicator's name, a section's title, a unit), else by its place in the list.
fn described(kind: Kind, id: &str, position: usize, text: Option<&str>) -> String {
    if kind == Kind::Section && crate::framework::current().section(id).is_some() {
        return format!("mục {id}");
    }
    let (noun, field, place) = match kind {
        Kind::Section => ("mục tự thêm", "title", ""),
        Kind::Responsibility => ("đơn vị", "unit", " trong phần tổ chức thực hiện"),
        _ => (kind.noun(), "name", ""),
    };
    let value: Option<serde_json::Value> = text.and_then(|t| serde_json::from_str(t).ok());
    let name = value
        .as_ref()
        .and_then(|v| v.get(field)?.as_str())
        .map(str::trim)
        .filter(|name| !name.is_empty());
    match (name, kind) {
        (Some(name), _) => format!("{noun} «{name}»{place}"),
        // Sections are offered parent by parent: their place in that order means nothing
        // to the drafter.
        (None, Kind::Section) => format!("một {noun} (không đọc được tên)"),
        (None, _) => format!("{noun} thứ {position}{place}"),
    }
}

/// The texts of a plan's singleton parts, as stored.
pub(super) struct Singletons {
    pub meta: Option<String>,
    pub header: Option<String>,
    pub opening: Option<String>,
    pub signer: Option<String>,
    pub recipients: Option<String>,
    pub settings: Option<String>,
    pub annual: Option<String>,
    pub appendices: Option<String>,
}

impl Singletons {
    /// Takes each singleton's text out of `source` by its kind's stored name.
    pub fn take(mut source: impl FnMut(&str) -> Option<String>) -> Self {
        Singletons {
            meta: source(Kind::Meta.as_str()),
            header: source(Kind::Header.as_str()),
            opening: source(Kind::Opening.as_str()),
            signer: source(Kind::Signer.as_str()),
            recipients: source(Kind::Recipients.as_str()),
            settings: source(Kind::Settings.as_str()),
            annual: source(Kind::Annual.as_str()),
            appendices: source(Kind::Appendices.as_str()),
        }
    }
}

/// The lists of a plan, as read.
pub(super) struct Lists {
    pub sections: Vec<Section>,
    pub indicators: Vec<crate::model::Indicator>,
    pub tasks: Vec<crate::model::Task>,
    pub organisation: Vec<crate::model::Responsibility>,
}

impl Salvage {
    /// The plan from its parts, damaged singletons replaced by their defaults.
    pub fn finish(mut self, texts: Singletons, lists: Lists) -> Loaded {
        let plan = Plan {
            meta: self.singleton(Kind::Meta, texts.meta.as_deref(), fallback_meta),
            header: self.singleton(Kind::Header, texts.header.as_deref(), Default::default),
            opening: self.singleton(Kind::Opening, texts.opening.as_deref(), Default::default),
            signer: self.singleton(Kind::Signer, texts.signer.as_deref(), Default::default),
            recipients: self.singleton(
                Kind::Recipients,
                texts.recipients.as_deref(),
                Default::default,
            ),
            settings: self.singleton(Kind::Settings, texts.settings.as_deref(), Default::default),
            sections: lists.sections,
            indicators: lists.indicators,
            tasks: lists.tasks,
            organisation: lists.organisation,
            annual: self.optional(Kind::Annual, texts.annual.as_deref()),
            appendices: self
                .optional(Kind::Appendices, texts.appendices.as_deref())
                .unwrap_or_default(),
        };
        Loaded {
            plan,
            problems: self.problems,
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The meta part of a plan whose own could not be read: a province's five-year plan.
fn fallback_meta() -> PlanMeta {
    PlanMeta {
        level: Level::Tinh,
        kind: PlanKind::FiveYear,
        framework_version: crate::framework::current().version.clone(),
    }
}

/// A column as text, `None` when it holds anything else (a damaged row).
pub(super) fn text_column(row: &rusqlite::Row, index: usize) -> Option<String> {
    row.get_ref(index)
        .ok()
        .and_then(|v| v.as_str().ok())
        .map(str::to_owned)
}

/// Builds the section tree from rows listed parent by parent in sibling order, without
/// recursion. A section deeper than [`MAX_SECTION_DEPTH`], or whose parent is missing
/// or its own descendant, is placed at the top level (and noted), so nothing is lost and
/// the tree stays shallow enough for every recursive reader.
pub(super) fn assemble_tree(
    rows: Vec<(Option<String>, Section)>,
    salvage: &mut Salvage,
) -> Vec<Section> {
    use std::collections::HashMap;
    let mut children: HashMap<Option<&str>, Vec<usize>> = HashMap::new();
    for (index, (parent, _)) in rows.iter().enumerate() {
        children.entry(parent.as_deref()).or_default().push(index);
    }
    // Breadth-first from the roots: (row, its parent in the tree, depth).
    let mut order: Vec<(usize, Option<usize>)> = Vec::with_capacity(rows.len());
    let mut placed = vec![false; rows.len()];
    let mut queue = std::collections::VecDeque::new();
    let (mut too_deep, mut orphans) = (0, 0);
    let mut next_root = 0;
    for root in children.remove(&None).unwrap_or_default() {
        placed[root] = true;
        queue.push_back((root, None, 1));
    }
    loop {
        while let Some((index, parent, depth)) = queue.pop_front() {
            let (parent, depth) = if depth > MAX_SECTION_DEPTH {
                too_deep += 1;
                (None, 1)
            } else {
                (parent, depth)
            };
            order.push((index, parent));
            let own = children
                .remove(&Some(rows[index].1.id.as_str()))
                .unwrap_or_default();
            for child in own {
                if !std::mem::replace(&mut placed[child], true) {
                    queue.push_back((child, Some(index), depth + 1));
                }
            }
        }
        // Rows the walk never reached: their parent is missing or inside a cycle.
        match (next_root..rows.len()).find(|&i| !placed[i]) {
            Some(index) => {
                orphans += 1;
                next_root = index + 1;
                placed[index] = true;
                queue.push_back((index, None, 1));
            }
            None => break,
        }
    }
    if too_deep > 0 {
        salvage.problems.push(format!(
            "Có {too_deep} mục lồng nhau quá {MAX_SECTION_DEPTH} cấp; các mục đó được đưa lên cấp đầu."
        ));
    }
    if orphans > 0 {
        salvage.problems.push(format!(
            "Có {orphans} mục không gắn được vào cây mục lục; các mục đó được đưa lên cấp đầu."
        ));
    }
    // Children come after their parent in `order`: build bottom-up from the end.
    let mut sections: Vec<Option<Section>> = rows.into_iter().map(|(_, s)| Some(s)).collect();
    let mut attached: Vec<Vec<Section>> = vec![Vec::new(); sections.len()];
    let mut roots = Vec::new();
    for &(index, parent) in order.iter().rev() {
        let mut section = sections[index].take().expect("each row is placed once");
        let mut own = std::mem::take(&mut attached[index]);
        own.reverse();
        section.children = own;
        match parent {
            Some(parent) => attached[parent].push(section),
            None => roots.push(section),
        }
    }
    roots.reverse();
    roots
}
