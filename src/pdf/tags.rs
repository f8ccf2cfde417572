//! The document's logical structure, for a tagged PDF (ISO 32000-1 §14.7–14.8): a tree of
//! standard structure types built from the document model's roles while the paginator
//! lays the blocks out, and the [`Mark`] that ties each display item to a node of it (or
//! says it is an artifact: page numbers, rules, borders, repeated header rows).
//!
//! The writer turns marks into marked content (`BDC` … `EMC` with an `/MCID`) and the
//! tree into `/StructTreeRoot` with its `/ParentTree` ([`add_structure`]).
//!
//! Shape of the tree: Document → one `Sect` per page section (the plan, each appendix) →
//! `H1`–`H5` (the DOCX's outline levels: part and appendix labels and Heading 1, Heading
//! 2–4, the run-in headings),
//! `P`, `L` → `LI` → `LBody` for "-" items (a "+" item's list nested in the `LBody` of
//! the "-" item before it), `Table` → `TR` → `TH`/`TD` → `P`, and a `Div` per header or
//! closing block.

use lopdf::{dictionary, Document, Object, ObjectId};
use serde::{Deserialize, Serialize};

use crate::document::Paragraph;

/// Index of a node in [`StructTree::nodes`].
pub type NodeId = u32;

/// A standard structure type (ISO 32000-1 §14.8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StructKind {
    Document,
    Sect,
    Div,
    /// `H1`–`H6`.
    H(u8),
    P,
    L,
    LI,
    LBody,
    Table,
    TR,
    TH,
    TD,
}

impl StructKind {
    /// The structure type's name in the PDF.
    pub fn name(self) -> &'static str {
        match self {
            StructKind::Document => "Document",
            StructKind::Sect => "Sect",
            StructKind::Div => "Div",
            StructKind::H(1) => "H1",
            StructKind::H(2) => "H2",
            StructKind::H(3) => "H3",
            StructKind::H(4) => "H4",
            StructKind::H(5) => "H5",
            StructKind::H(_) => "H6",
            StructKind::P => "P",
            StructKind::L => "L",
            StructKind::LI => "LI",
            StructKind::LBody => "LBody",
            StructKind::Table => "Table",
            StructKind::TR => "TR",
            StructKind::TH => "TH",
            StructKind::TD => "TD",
        }
    }
}

/// A structure element and its child elements, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StructNode {
    pub kind: StructKind,
    pub children: Vec<NodeId>,
}

/// The structure tree; node 0 is the `Document` root. Empty for a display list drawn
/// without a document model (then the PDF is not tagged).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct StructTree {
    pub nodes: Vec<StructNode>,
}

/// Why something is drawn when it is not content (ISO 32000-1 §14.8.2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Artifact {
    /// Page numbers and the draft mark, in the top margin.
    PageHeader,
    /// Header rows repeated on a table's continuation pages.
    Repeated,
    /// Rules and table borders.
    Layout,
}

/// What a display item is: content of a structure node (with the node's type, the tag
/// of its marked content), or an artifact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mark {
    Content(NodeId, StructKind),
    Artifact(Artifact),
}

/// How deep a paragraph sits in a list: "- " items 0, "+ " items 1, others none.
fn list_depth(text: &str) -> Option<usize> {
    let mut chars = text.chars();
    let depth = match chars.next()? {
        '-' => 0,
        '+' => 1,
        _ => return None,
    };
    chars.next().filter(|c| c.is_whitespace()).map(|_| depth)
}

impl StructTree {
    /// The root every section hangs from.
    pub const ROOT: NodeId = 0;

    /// A tree holding only the `Document` root.
    pub fn new() -> StructTree {
        StructTree {
            nodes: vec![StructNode {
                kind: StructKind::Document,
                children: Vec::new(),
            }],
        }
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn kind(&self, node: NodeId) -> StructKind {
        self.nodes[node as usize].kind
    }

    /// Adds a `kind` node as the last child of `parent`.
    pub fn add(&mut self, parent: NodeId, kind: StructKind) -> NodeId {
        let id = self.nodes.len() as NodeId;
        self.nodes.push(StructNode {
            kind,
            children: Vec::new(),
        });
        self.nodes[parent as usize].children.push(id);
        id
    }

    /// The mark of `node`'s content.
    pub fn mark(&self, node: NodeId) -> Mark {
        Mark::Content(node, self.kind(node))
    }

    /// The last child of `parent` when it is of `kind`.
    fn last_child(&self, parent: NodeId, kind: StructKind) -> Option<NodeId> {
        self.nodes[parent as usize]
            .children
            .last()
            .copied()
            .filter(|c| self.kind(*c) == kind)
    }

    /// Adds paragraph `p` under `parent` and returns the node its text is marked with:
    /// a heading, a list item's body (continuing the list just before it), or a `P`.
    pub fn paragraph(&mut self, parent: NodeId, p: &Paragraph) -> NodeId {
        if let Some(level) = p.role.heading_level() {
            return self.add(parent, StructKind::H(level));
        }
        let first = p.runs.iter().find(|r| !r.text.is_empty());
        let Some(depth) = first.and_then(|r| list_depth(&r.text)) else {
            return self.add(parent, StructKind::P);
        };
        // A "+" item goes into a list inside the body of the "-" item before it.
        let outer_body = self
            .last_child(parent, StructKind::L)
            .and_then(|l| self.last_child(l, StructKind::LI))
            .and_then(|li| self.last_child(li, StructKind::LBody));
        let container = match (depth, outer_body) {
            (1, Some(body)) => body,
            _ => parent,
        };
        let list = self
            .last_child(container, StructKind::L)
            .unwrap_or_else(|| self.add(container, StructKind::L));
        let item = self.add(list, StructKind::LI);
        self.add(item, StructKind::LBody)
    }
}

/// Writes `tree` into `pdf`: a structure element per node, `/StructTreeRoot` with its
/// `/ParentTree`, `/StructParents` on each page and `/MarkInfo`. `mcids[i]` lists, for
/// page `i` (object `page_ids[i]`), the node each MCID of its content stream marks.
pub fn add_structure(
    pdf: &mut Document,
    tree: &StructTree,
    page_ids: &[ObjectId],
    mcids: &[Vec<NodeId>],
) -> Result<(), String> {
    if tree.is_empty() {
        return Ok(());
    }
    // Marked content of each node, in reading order: (page, mcid).
    let mut content: Vec<Vec<(usize, i64)>> = vec![Vec::new(); tree.nodes.len()];
    for (page, nodes) in mcids.iter().enumerate() {
        for (mcid, node) in nodes.iter().enumerate() {
            content[*node as usize].push((page, mcid as i64));
        }
    }
    // Nodes with neither content nor children (an empty cell's paragraph) are left out.
    let mut keep = vec![false; tree.nodes.len()];
    for id in (0..tree.nodes.len()).rev() {
        keep[id] = !content[id].is_empty()
            || tree.nodes[id].children.iter().any(|c| keep[*c as usize])
            || matches!(
                tree.nodes[id].kind,
                StructKind::TD | StructKind::TH | StructKind::Document
            );
    }
    let ids: Vec<ObjectId> = (0..tree.nodes.len()).map(|_| pdf.new_object_id()).collect();
    let root_id = pdf.new_object_id();
    let mut parents: Vec<ObjectId> = vec![root_id; tree.nodes.len()];
    for (id, node) in tree.nodes.iter().enumerate() {
        for c in &node.children {
            parents[*c as usize] = ids[id];
        }
    }
    for (id, node) in tree.nodes.iter().enumerate() {
        if !keep[id] {
            continue;
        }
        let first_page = content[id].first().map(|(p, _)| *p);
        let mut kids: Vec<Object> = content[id]
            .iter()
            .map(|&(page, mcid)| {
                if Some(page) == first_page {
                    Object::Integer(mcid)
                } else {
                    Object::Dictionary(dictionary! {
                        "Type" => "MCR",
                        "Pg" => page_ids[page],
                        "MCID" => mcid,
                    })
                }
            })
            .collect();
        kids.extend(
            node.children
                .iter()
                .filter(|c| keep[**c as usize])
                .map(|c| Object::Reference(ids[*c as usize])),
        );
        // `/Type /StructElem` is optional and left out: tens of thousands of elements.
        let mut elem = dictionary! {
            "S" => node.kind.name(),
            "P" => parents[id],
            "K" => kids,
        };
        if let Some(page) = first_page {
            elem.set("Pg", page_ids[page]);
        }
        if node.kind == StructKind::TH {
            elem.set("A", dictionary! { "O" => "Table", "Scope" => "Column" });
        }
        pdf.objects.insert(ids[id], Object::Dictionary(elem));
    }
    let mut nums = Vec::with_capacity(2 * page_ids.len());
    for (page, page_id) in page_ids.iter().enumerate() {
        let marked: Vec<Object> = mcids
            .get(page)
            .map(|nodes| nodes.iter().map(|n| ids[*n as usize].into()).collect())
            .unwrap_or_default();
        nums.push(Object::Integer(page as i64));
        nums.push(marked.into());
        pdf.get_dictionary_mut(*page_id)
            .map_err(|e| e.to_string())?
            .set("StructParents", page as i64);
    }
    let parent_tree = pdf.add_object(dictionary! { "Nums" => nums });
    pdf.objects.insert(
        root_id,
        Object::Dictionary(dictionary! {
            "Type" => "StructTreeRoot",
            "K" => ids[StructTree::ROOT as usize],
            "ParentTree" => parent_tree,
            "ParentTreeNextKey" => page_ids.len() as i64,
        }),
    );
    let catalog = pdf.catalog_mut().map_err(|e| e.to_string())?;
    catalog.set("StructTreeRoot", root_id);
    catalog.set("MarkInfo", dictionary! { "Marked" => true });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Role;

    fn para(role: Role, text: &str) -> Paragraph {
        Paragraph::new(role, text)
    }

    #[test]
    fn items_make_lists_and_plus_items_nest() {
        let mut t = StructTree::new();
        let sect = t.add(StructTree::ROOT, StructKind::Sect);
        let h = t.paragraph(sect, &para(Role::Heading2, "1. Mục tiêu chung"));
        let a = t.paragraph(sect, &para(Role::Body, "- Một;"));
        let b = t.paragraph(sect, &para(Role::Body, "+ Một a;"));
        let c = t.paragraph(sect, &para(Role::Body, "+ Một b;"));
        let d = t.paragraph(sect, &para(Role::Body, "- Hai."));
        let p = t.paragraph(sect, &para(Role::Body, "-5% là giảm."));
        assert_eq!(t.kind(h), StructKind::H(2));
        assert_eq!(t.kind(p), StructKind::P);
        for n in [a, b, c, d] {
            assert_eq!(t.kind(n), StructKind::LBody);
        }
        // Sect: H2, L (two items), P; the first item's body holds the nested list.
        let kinds: Vec<_> = t.nodes[sect as usize]
            .children
            .iter()
            .map(|c| t.kind(*c))
            .collect();
        assert_eq!(kinds, [StructKind::H(2), StructKind::L, StructKind::P]);
        let nested = t.nodes[a as usize].children[0];
        assert_eq!(t.kind(nested), StructKind::L);
        assert_eq!(t.nodes[nested as usize].children.len(), 2);
    }

    #[test]
    fn a_plus_item_without_a_dash_item_starts_a_list() {
        let mut t = StructTree::new();
        let n = t.paragraph(StructTree::ROOT, &para(Role::Body, "+ Lẻ."));
        assert_eq!(t.kind(n), StructKind::LBody);
        assert_eq!(
            t.kind(t.nodes[StructTree::ROOT as usize].children[0]),
            StructKind::L
        );
    }
}
