//! What signing and verifying need from an existing PDF: its last revision (trailer and
//! cross-reference kind, read by lopdf, which follows /Prev chains, cross-reference
//! streams and object streams), where its last cross-reference section starts, and its
//! signature fields (ISO 32000-1 §7.5.5, §12.7.2, §12.7.4.5).

use lopdf::xref::XrefType;
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::sign::SignError;

/// How deep the field tree is followed (`/Kids`): real forms are 2–3 levels deep; a
/// hostile file may loop.
const MAX_FIELD_DEPTH: usize = 16;

/// The last revision of a PDF.
pub struct Revision {
    pub doc: Document,
    /// Byte offset of the last cross-reference section (`startxref`): the new revision's
    /// `/Prev`.
    pub last_xref: usize,
    /// Whether the last revision uses a cross-reference stream (PDF 1.5) rather than a
    /// table: the update must use the same kind (§7.5.8.4).
    pub xref_stream: bool,
}

impl Revision {
    /// Reads `pdf`. Junk and truncated files give `MalformedDocument`.
    pub fn load(pdf: &[u8]) -> Result<Revision, SignError> {
        let last_xref = last_xref_offset(pdf)?;
        // lopdf has nesting limits; a panic on an input it did not foresee is turned into an
        // error rather than taking the app down.
        let doc = std::panic::catch_unwind(|| Document::load_mem(pdf))
            .map_err(|_| malformed("cấu trúc tệp PDF không đọc được"))?
            .map_err(|e| malformed(&format!("cấu trúc tệp PDF không đọc được ({e})")))?;
        if doc.trailer.has(b"Encrypt") {
            return Err(SignError::UnsupportedPdf(
                "tệp PDF được mã hóa (đặt mật khẩu)".into(),
            ));
        }
        let xref_stream = matches!(
            doc.reference_table.cross_reference_type,
            XrefType::CrossReferenceStream
        );
        Ok(Revision {
            doc,
            last_xref,
            xref_stream,
        })
    }

    /// The catalog's object id.
    pub fn root(&self) -> Result<ObjectId, SignError> {
        self.doc
            .trailer
            .get(b"Root")
            .and_then(Object::as_reference)
            .map_err(|_| malformed("tệp PDF không có /Root"))
    }

    /// The dictionary `object` is or refers to.
    pub fn dictionary<'a>(&'a self, object: &'a Object) -> Option<&'a Dictionary> {
        self.doc
            .dereference(object)
            .ok()
            .and_then(|(_, o)| o.as_dict().ok())
    }

    /// The value of `key` in `dict`, references followed.
    pub fn get<'a>(&'a self, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
        dict.get(key)
            .ok()
            .and_then(|o| self.doc.dereference(o).ok())
            .map(|(_, o)| o)
    }

    /// The pages, in order.
    pub fn pages(&self) -> Vec<ObjectId> {
        self.doc.get_pages().into_values().collect()
    }

    /// The catalog's `/AcroForm`, when there is one.
    pub fn acro_form(&self) -> Option<&Dictionary> {
        let catalog = self.doc.catalog().ok()?;
        self.dictionary(catalog.get(b"AcroForm").ok()?)
    }

    /// Every signature field (terminal fields of type /Sig, the type possibly inherited),
    /// in the order of the form's field tree.
    pub fn signature_fields(&self) -> Vec<SignatureField> {
        let mut out = Vec::new();
        if let Some(fields) = self
            .acro_form()
            .and_then(|form| self.get(form, b"Fields"))
            .and_then(|f| f.as_array().ok())
        {
            self.collect_fields(fields, None, 0, &mut out);
        }
        out
    }

    fn collect_fields(
        &self,
        kids: &[Object],
        inherited_type: Option<&[u8]>,
        depth: usize,
        out: &mut Vec<SignatureField>,
    ) {
        if depth > MAX_FIELD_DEPTH {
            return;
        }
        for kid in kids {
            let Ok(id) = kid.as_reference() else { continue };
            let Ok(dict) = self.doc.get_dictionary(id) else {
                continue;
            };
            let field_type = dict
                .get(b"FT")
                .and_then(Object::as_name)
                .ok()
                .or(inherited_type);
            // Kids that are fields (have /T) make this a non-terminal field.
            let child_fields: Vec<Object> = self
                .get(dict, b"Kids")
                .and_then(|k| k.as_array().ok())
                .map(|k| {
                    k.iter()
                        .filter(|o| self.dictionary(o).is_some_and(|d| d.has(b"T")))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            if !child_fields.is_empty() {
                self.collect_fields(&child_fields, field_type, depth + 1, out);
            } else if field_type == Some(b"Sig".as_slice()) {
                out.push(SignatureField {
                    id,
                    dict: dict.clone(),
                    value: self.get(dict, b"V").and_then(|v| v.as_dict().ok()).cloned(),
                });
            }
        }
    }

    /// The page whose `/Annots` holds `widget`, or the widget's `/P`.
    pub fn page_of(&self, widget: ObjectId, dict: &Dictionary) -> Option<ObjectId> {
        let pages = self.pages();
        pages
            .iter()
            .copied()
            .find(|page| {
                self.doc
                    .get_dictionary(*page)
                    .ok()
                    .and_then(|p| self.get(p, b"Annots"))
                    .and_then(|a| a.as_array().ok())
                    .is_some_and(|a| a.contains(&Object::Reference(widget)))
            })
            .or_else(|| {
                let p = dict.get(b"P").and_then(Object::as_reference).ok()?;
                pages.contains(&p).then_some(p)
            })
    }
}

/// A terminal signature field, merged with its widget annotation (as every signing tool
/// writes them).
pub struct SignatureField {
    pub id: ObjectId,
    pub dict: Dictionary,
    /// The signature dictionary (`/V`), when the field is signed.
    pub value: Option<Dictionary>,
}

impl SignatureField {
    /// The widget's `/Rect`, normalised to [x0 y0 x1 y1] with x0 ≤ x1, y0 ≤ y1.
    pub fn rect(&self) -> Option<[f32; 4]> {
        let array = self.dict.get(b"Rect").and_then(Object::as_array).ok()?;
        let v: Vec<f32> = array.iter().filter_map(|o| o.as_float().ok()).collect();
        let [a, b, c, d] = v.as_slice() else {
            return None;
        };
        Some([a.min(*c), b.min(*d), a.max(*c), b.max(*d)])
    }

    /// The field's name (`/T`), decoded.
    pub fn name(&self) -> Option<String> {
        let t = self.dict.get(b"T").and_then(Object::as_str).ok()?;
        lopdf::decode_text_string(&Object::String(t.to_vec(), lopdf::StringFormat::Literal)).ok()
    }
}

/// The offset after the last `startxref` keyword (§7.5.5).
fn last_xref_offset(pdf: &[u8]) -> Result<usize, SignError> {
    const KEYWORD: &[u8] = b"startxref";
    let tail_start = pdf.len().saturating_sub(2048);
    let tail = &pdf[tail_start..];
    let at = tail
        .windows(KEYWORD.len())
        .rposition(|w| w == KEYWORD)
        .ok_or_else(|| malformed("không tìm thấy startxref (tệp bị cắt cụt?)"))?;
    let digits: String = tail[at + KEYWORD.len()..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|b| char::from(*b))
        .collect();
    digits
        .parse::<usize>()
        .ok()
        .filter(|offset| *offset < pdf.len())
        .ok_or_else(|| malformed("giá trị startxref sai"))
}

pub fn malformed(detail: &str) -> SignError {
    SignError::MalformedDocument(detail.to_string())
}
