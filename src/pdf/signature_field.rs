//! The empty signature field of an exported plan (ISO 32000-1 §12.7.4.5, §12.5.6.19): a
//! `/FT /Sig` field merged with its widget annotation over the signature space of the
//! closing block, listed in the catalog's `/AcroForm`. Signing software (ours, Adobe,
//! Ban Cơ yếu's client) fills it, so the signature appears where a leader signs on paper.

use lopdf::{dictionary, Document, Object, ObjectId};

use super::display::SignatureSpace;

/// The field's name (`/T`); signing tools show it.
pub const SIGNATURE_FIELD_NAME: &str = "Signature1";

/// Adds the field over `space` (display-list coordinates, y down) on page `page_index`
/// (from 0) of `doc`, a page `page_height` points tall.
pub fn add_signature_field(
    doc: &mut Document,
    page_index: usize,
    page_height: f64,
    space: &SignatureSpace,
) -> Result<(), String> {
    let page_id: ObjectId = doc
        .get_pages()
        .into_values()
        .nth(page_index)
        .ok_or_else(|| format!("no page {} for the signature field", page_index + 1))?;
    let (x0, x1) = (space.x, space.x + space.width);
    let (y0, y1) = (page_height - space.y - space.height, page_height - space.y);
    let rect: Vec<Object> = [x0, y0, x1, y1]
        .into_iter()
        .map(|v| Object::Real(v as f32))
        .collect();
    // An empty appearance: PDF/A asks every widget for one; signing replaces it.
    let appearance = doc.add_object(lopdf::Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), Object::Real((x1 - x0) as f32), Object::Real((y1 - y0) as f32)],
        },
        Vec::new(),
    ));
    let field_id = doc.add_object(dictionary! {
        "FT" => "Sig",
        "T" => Object::string_literal(SIGNATURE_FIELD_NAME),
        "Type" => "Annot",
        "Subtype" => "Widget",
        "Rect" => rect,
        // Print: the signature appearance is printed with the page (§12.5.3).
        "F" => 4,
        "P" => page_id,
        "AP" => dictionary! { "N" => appearance },
    });
    doc.get_dictionary_mut(page_id)
        .map_err(|e| e.to_string())?
        .set("Annots", vec![Object::Reference(field_id)]);
    let form_id = doc.add_object(dictionary! {
        "Fields" => vec![Object::Reference(field_id)],
    });
    doc.catalog_mut()
        .map_err(|e| e.to_string())?
        .set("AcroForm", form_id);
    Ok(())
}
