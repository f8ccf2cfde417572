//! Navigation for readers: the outline (bookmarks) from the headings the paginator
//! recorded on each page, and page labels that read as the printed page numbers (each
//! appendix restarts at 1).

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId};

use super::display::DisplayDocument;
use super::write::pdf_text_string;

/// Adds `/Outlines` (opened in the reader's side pane) and `/PageLabels` to `pdf`, whose
/// pages are those of `display`, in order.
pub fn add_navigation(pdf: &mut Document, display: &DisplayDocument) -> Result<(), String> {
    let page_ids: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    let outline = add_outline(pdf, display, &page_ids);
    let labels = page_labels(display);
    let catalog = pdf.catalog_mut().map_err(|e| e.to_string())?;
    if let Some(root) = outline {
        catalog.set("Outlines", root);
        catalog.set("PageMode", "UseOutlines");
    }
    if let Some(labels) = labels {
        catalog.set("PageLabels", labels);
    }
    Ok(())
}

/// One entry while the tree is built: its object and children.
struct Node {
    id: ObjectId,
    level: u8,
    children: Vec<usize>,
}

fn add_outline(
    pdf: &mut Document,
    display: &DisplayDocument,
    page_ids: &[ObjectId],
) -> Option<ObjectId> {
    // Entries in document order with their destinations.
    let mut nodes: Vec<Node> = Vec::new();
    let mut dicts: Vec<Dictionary> = Vec::new();
    let mut top: Vec<usize> = Vec::new();
    // Open ancestors: indices into `nodes`.
    let mut path: Vec<usize> = Vec::new();
    for (page, page_id) in display.pages.iter().zip(page_ids) {
        for b in &page.bookmarks {
            let level = b.level.max(1);
            while path.last().is_some_and(|&p| nodes[p].level >= level) {
                path.pop();
            }
            let i = nodes.len();
            nodes.push(Node {
                id: pdf.new_object_id(),
                level,
                children: Vec::new(),
            });
            dicts.push(dictionary! {
                "Title" => text_string(&b.title),
                "Dest" => vec![
                    Object::Reference(*page_id),
                    "XYZ".into(),
                    Object::Null,
                    Object::Real((page.height_pt - b.y) as f32),
                    Object::Null,
                ],
            });
            match path.last() {
                Some(&p) => nodes[p].children.push(i),
                None => top.push(i),
            }
            path.push(i);
        }
    }
    if nodes.is_empty() {
        return None;
    }
    let root = pdf.new_object_id();
    link(&nodes, &mut dicts, &top, root);
    for i in 0..nodes.len() {
        let children = nodes[i].children.clone();
        link(&nodes, &mut dicts, &children, nodes[i].id);
    }
    for (node, dict) in nodes.iter().zip(dicts) {
        pdf.objects.insert(node.id, Object::Dictionary(dict));
    }
    let mut root_dict = dictionary! {
        "Type" => "Outlines",
        "Count" => top.len() as i64,
    };
    if let (Some(first), Some(last)) = (top.first(), top.last()) {
        root_dict.set("First", nodes[*first].id);
        root_dict.set("Last", nodes[*last].id);
    }
    pdf.objects.insert(root, Object::Dictionary(root_dict));
    Some(root)
}

/// Sets `/Parent`, `/Prev`, `/Next` of `children` and `/First`, `/Last`, `/Count` of
/// their parent's dictionary (when the parent is an entry; top-level items are closed,
/// so only the first level shows until one is opened: a negative count).
fn link(nodes: &[Node], dicts: &mut [Dictionary], children: &[usize], parent: ObjectId) {
    for (k, &c) in children.iter().enumerate() {
        dicts[c].set("Parent", parent);
        if k > 0 {
            dicts[c].set("Prev", nodes[children[k - 1]].id);
        }
        if let Some(&next) = children.get(k + 1) {
            dicts[c].set("Next", nodes[next].id);
        }
    }
    if let Some(p) = nodes.iter().position(|n| n.id == parent) {
        if let (Some(first), Some(last)) = (children.first(), children.last()) {
            dicts[p].set("First", nodes[*first].id);
            dicts[p].set("Last", nodes[*last].id);
            dicts[p].set("Count", -(children.len() as i64));
        }
    }
}

/// `/PageLabels`: decimal numbers from 1 in each range, after its prefix.
fn page_labels(display: &DisplayDocument) -> Option<Dictionary> {
    if display.page_labels.is_empty() {
        return None;
    }
    let mut nums = Vec::new();
    for range in &display.page_labels {
        let mut label = dictionary! { "S" => "D" };
        if !range.prefix.is_empty() {
            label.set("P", text_string(&range.prefix));
        }
        nums.push(Object::Integer(range.first_page as i64));
        nums.push(Object::Dictionary(label));
    }
    Some(dictionary! { "Nums" => nums })
}

/// PDF text string (UTF-16BE with a byte order mark) as an object.
pub(super) fn text_string(s: &str) -> Object {
    Object::String(pdf_text_string(s), lopdf::StringFormat::Hexadecimal)
}
