//! Which signature field a new signature fills, and the form and page updates that make
//! a new field part of the document (ISO 32000-1 §12.7.2, §12.7.4.5, §12.8).

use lopdf::{dictionary, Dictionary, Object, ObjectId};

use super::incremental::Update;
use super::parse::{malformed, Revision};
use crate::sign::SignError;

/// `/SigFlags`: SignaturesExist | AppendOnly (§12.7.2, Table 219).
const SIG_FLAGS: i64 = 3;

/// The field a signature goes into.
pub struct Target {
    pub id: ObjectId,
    /// The field's dictionary as it will be written, without /V and /AP yet.
    pub dict: Dictionary,
    /// Where the signature shows; `None` for an invisible signature.
    pub rect: Option<[f32; 4]>,
    is_new: bool,
}

/// The first empty signature field (the one our export leaves in the closing block, or
/// one another tool prepared); else a new field. A new field is visible when `visible`
/// and the document has a visible signature already — it then takes that signature's
/// place, so the seal of a second signer (the văn thư) lands on the leader's signature as
/// Decree 30 wants. Otherwise the new field is invisible (`/Rect [0 0 0 0]`, §12.7.4.5)
/// on the first page: a PDF not made by us has no place that is known to be free.
pub fn choose(
    revision: &Revision,
    update: &mut Update,
    visible: bool,
) -> Result<Target, SignError> {
    let fields = revision.signature_fields();
    if let Some(empty) = fields.iter().find(|f| f.value.is_none()) {
        if revision.page_of(empty.id, &empty.dict).is_some() {
            return Ok(Target {
                id: empty.id,
                dict: empty.dict.clone(),
                rect: empty.rect().filter(|r| r[2] > r[0] && r[3] > r[1]),
                is_new: false,
            });
        }
    }
    let shown = fields.iter().find_map(|f| {
        let rect = f.rect().filter(|r| r[2] > r[0] && r[3] > r[1])?;
        Some((revision.page_of(f.id, &f.dict)?, rect))
    });
    let (page, rect) = match shown {
        Some((page, rect)) if visible => (page, Some(rect)),
        _ => (
            *revision
                .pages()
                .first()
                .ok_or_else(|| malformed("tệp PDF không có trang nào"))?,
            None,
        ),
    };
    let names: Vec<String> = fields.iter().filter_map(|f| f.name()).collect();
    let name = (1..)
        .map(|n| format!("Signature{n}"))
        .find(|n| !names.contains(n))
        .unwrap_or_default();
    let id = update.new_id();
    add_to_page(revision, update, page, id)?;
    Ok(Target {
        id,
        dict: dictionary! {
            "FT" => "Sig",
            "T" => super::syntax::text_string(&name),
            "Type" => "Annot",
            "Subtype" => "Widget",
            "Rect" => vec![0.into(), 0.into(), 0.into(), 0.into()],
            // Print (§12.5.3).
            "F" => 4,
            "P" => page,
        },
        rect,
        is_new: true,
    })
}

/// Adds the widget `widget` to the `/Annots` of `page`.
fn add_to_page(
    revision: &Revision,
    update: &mut Update,
    page: ObjectId,
    widget: ObjectId,
) -> Result<(), SignError> {
    let mut page_dict = revision
        .doc
        .get_dictionary(page)
        .map_err(|_| malformed("trang PDF hỏng"))?
        .clone();
    match page_dict.get(b"Annots") {
        // An indirect array is rewritten as its own object.
        Ok(Object::Reference(annots_id)) => {
            let mut annots = revision
                .doc
                .get_object(*annots_id)
                .and_then(Object::as_array)
                .cloned()
                .unwrap_or_default();
            annots.push(widget.into());
            update.put(*annots_id, Object::Array(annots));
        }
        existing => {
            let mut annots = existing
                .and_then(Object::as_array)
                .cloned()
                .unwrap_or_default();
            annots.push(widget.into());
            page_dict.set("Annots", annots);
            update.put(page, Object::Dictionary(page_dict));
        }
    }
    Ok(())
}

/// Sets `/SigFlags` in the catalog's `/AcroForm`, listing `target` in its `/Fields`
/// when new; creates the form when the document has none.
pub fn register(
    revision: &Revision,
    update: &mut Update,
    target: &Target,
) -> Result<(), SignError> {
    let root = revision.root()?;
    let mut catalog = revision
        .doc
        .get_dictionary(root)
        .map_err(|_| malformed("từ điển /Root hỏng"))?
        .clone();
    let form_ref = catalog.get(b"AcroForm").and_then(Object::as_reference).ok();
    let mut form = revision.acro_form().cloned().unwrap_or_default();
    let mut fields = revision
        .get(&form, b"Fields")
        .and_then(|f| f.as_array().ok())
        .cloned()
        .unwrap_or_default();
    if target.is_new {
        fields.push(target.id.into());
    }
    form.set("Fields", fields);
    form.set("SigFlags", SIG_FLAGS);
    match form_ref {
        Some(id) => update.put(id, Object::Dictionary(form)),
        None => {
            catalog.set("AcroForm", form);
            update.put(root, Object::Dictionary(catalog));
        }
    }
    Ok(())
}
