//! Display list → PDF bytes, through printpdf.
//!
//! - Fonts are subset here (printpdf 0.12 only subsets with its `text_layout` feature,
//!   which drags in a whole HTML layout engine): the glyphs a face uses are cut out with
//!   allsorts, renumbered, and handed to printpdf as the font to embed, named with the
//!   `ABCDEF+` subset tag the PDF spec asks for. printpdf then writes it as a CID font
//!   (Identity-H) with `/W` widths and a `/ToUnicode` map built from the text we attach to
//!   every glyph.
//! - Glyphs are placed by position: each run is one `TJ` whose numbers move every glyph
//!   to the x the layout computed (kerning, justification). `Tw` is never used — it only
//!   applies to the single-byte code 32, which a CID font does not have.
//! - A cluster whose text cannot be recovered from its glyphs' `/ToUnicode` entries (a
//!   missing character drawn as .notdef, a glyph shared by different texts) is wrapped in a
//!   marked-content span with `/ActualText`, so extraction still gives the original text.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use printpdf::{
    Codepoint, Color as PdfColor, DictItem, FontId, LinePoint, Op, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, PdfWarnMsg, Point, Polygon, PolygonRing, Pt, RawImage,
    RawImageData, RawImageFormat, Rgb, TextItem, TextMatrix, WindingOrder, XObjectId,
    XObjectTransform,
};

use super::archive::{make_pdfa, Conformance};
use super::display::{Color, DisplayDocument, Item, TextRun};
use super::fonts::{FaceId, FontSet};
use super::outline::add_navigation;
use super::signature_field::add_signature_field;
use super::tags::{add_structure, Artifact, Mark, NodeId, StructTree};
use lopdf::Object;

/// Why a PDF could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot subset font {face}: {message}")]
    Subset { face: String, message: String },
    #[error("cannot read the subset of font {0}")]
    SubsetParse(String),
    #[error("image {key:?}: {message}")]
    Image { key: String, message: String },
    #[error("printpdf reported: {0}")]
    Printpdf(String),
}

/// What the writer produced beside the bytes (for logs and tests).
#[derive(Debug, Clone, Default)]
pub struct WriteReport {
    /// Glyphs embedded per face.
    pub glyphs_per_face: BTreeMap<FaceId, usize>,
    /// Clusters that needed `/ActualText`.
    pub actual_text_spans: usize,
    /// printpdf's non-fatal warnings.
    pub warnings: Vec<String>,
}

/// Per-face data of the subset font.
struct SubsetFace {
    font_id: FontId,
    /// Original glyph id → glyph id in the subset.
    remap: HashMap<u16, u16>,
    /// Advance of each subset glyph as printpdf writes it in `/W` (1/1000 em, truncated).
    pdf_widths: HashMap<u16, i64>,
    /// Text the `/ToUnicode` map gives each original glyph.
    unicode: HashMap<u16, String>,
}

/// Writes `doc` with `fonts` into PDF bytes.
pub fn write_pdf(doc: &DisplayDocument, fonts: &FontSet) -> Result<Vec<u8>, WriteError> {
    write_pdf_with_report(doc, fonts).map(|(bytes, _)| bytes)
}

/// [`write_pdf`], also returning what was embedded.
pub fn write_pdf_with_report(
    doc: &DisplayDocument,
    fonts: &FontSet,
) -> Result<(Vec<u8>, WriteReport), WriteError> {
    let mut report = WriteReport::default();
    let mut pdf = PdfDocument::new(&doc.metadata.title);
    set_metadata(&mut pdf, doc);

    // 1. Which glyphs each face needs, and the text each glyph stands for.
    let mut used: BTreeMap<FaceId, BTreeSet<u16>> = BTreeMap::new();
    let mut unicode: BTreeMap<FaceId, HashMap<u16, String>> = BTreeMap::new();
    for page in &doc.pages {
        for run in page.text_runs() {
            let set = used.entry(run.face).or_default();
            let uni = unicode.entry(run.face).or_default();
            let texts = extractable_texts(run);
            for (a, b) in clusters_of(run) {
                for g in &run.glyphs[a..b] {
                    set.insert(g.gid);
                }
                // A glyph that alone shows a cluster's text maps to that text.
                if b - a == 1 && !texts[a].is_empty() && run.glyphs[a].gid != 0 {
                    uni.entry(run.glyphs[a].gid)
                        .or_insert_with(|| texts[a].to_string());
                }
            }
        }
    }
    // Glyphs never seen alone get the character the font maps to them.
    for (face_id, set) in &used {
        let face = fonts.face_by_id(*face_id);
        let uni = unicode.entry(*face_id).or_default();
        for gid in set {
            uni.entry(*gid).or_insert_with(|| {
                face.char_for_glyph(*gid)
                    .map(String::from)
                    .unwrap_or_else(|| "\u{FFFD}".to_string())
            });
        }
    }

    // 2. Subset and register every face.
    let mut faces: BTreeMap<FaceId, SubsetFace> = BTreeMap::new();
    for (face_id, set) in &used {
        let face = fonts.face_by_id(*face_id);
        let ids: Vec<u16> = std::iter::once(0)
            .chain(set.iter().copied().filter(|g| *g != 0))
            .collect();
        let bytes = subset(face.data(), &ids).map_err(|message| WriteError::Subset {
            face: face.postscript_name().to_string(),
            message,
        })?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| WriteError::SubsetParse(face.postscript_name().to_string()))?;
        parsed.font_name = Some(format!(
            "{}+{}",
            subset_tag(face.postscript_name(), &ids),
            face.postscript_name()
        ));
        let upm = parsed.pdf_font_metrics.units_per_em as f32;
        let remap: HashMap<u16, u16> = ids
            .iter()
            .enumerate()
            .map(|(new, old)| (*old, new as u16))
            .collect();
        let pdf_widths = (0..ids.len() as u16)
            .map(|new| {
                let w = parsed.get_glyph_width(new).unwrap_or(0);
                // Same arithmetic as printpdf's /W entries, so our TJ offsets cancel exactly.
                (new, (f32::from(w) * 1000.0 / upm) as i64)
            })
            .collect();
        let font_id = pdf.add_font(&parsed);
        report.glyphs_per_face.insert(*face_id, ids.len());
        faces.insert(
            *face_id,
            SubsetFace {
                font_id,
                remap,
                pdf_widths,
                unicode: unicode.remove(face_id).unwrap_or_default(),
            },
        );
    }

    // 3. Images.
    let mut images: BTreeMap<&str, XObjectId> = BTreeMap::new();
    for (key, img) in &doc.images {
        let expected = img.width_px as usize * img.height_px as usize * 4;
        if img.width_px == 0 || img.height_px == 0 || img.rgba.len() != expected {
            return Err(WriteError::Image {
                key: key.clone(),
                message: format!(
                    "{}×{} px needs {expected} RGBA bytes, got {}",
                    img.width_px,
                    img.height_px,
                    img.rgba.len()
                ),
            });
        }
        let raw = RawImage {
            pixels: RawImageData::U8(img.rgba.clone()),
            width: img.width_px as usize,
            height: img.height_px as usize,
            data_format: RawImageFormat::RGBA8,
            tag: Vec::new(),
        };
        images.insert(key.as_str(), pdf.add_image(&raw));
    }

    // 4. Pages. A tagged document's items go in marked content, by their marks.
    let tagged = !doc.structure.is_empty();
    let mut pages = Vec::with_capacity(doc.pages.len());
    let mut page_mcids: Vec<Vec<NodeId>> = Vec::with_capacity(doc.pages.len());
    for page in &doc.pages {
        let h = page.height_pt;
        let mut ops = Vec::new();
        let mut marks = page.marks.iter().peekable();
        let mut mcids = Vec::new();
        let mut open = false;
        for (index, item) in page.items.iter().enumerate() {
            let mut mark = None;
            while let Some((_, m)) = marks.next_if(|(at, _)| *at <= index) {
                mark = Some(*m);
            }
            if let Some(mark) = mark.filter(|_| tagged) {
                if open {
                    ops.push(Op::EndMarkedContent);
                }
                ops.push(begin_marked(mark, &doc.structure, &mut mcids));
                open = true;
            }
            match item {
                Item::Text(run) => {
                    let Some(face) = faces.get(&run.face) else {
                        continue;
                    };
                    report.actual_text_spans += text_ops(&mut ops, run, face, h);
                }
                Item::Line(l) => {
                    ops.push(Op::SaveGraphicsState);
                    ops.push(Op::SetOutlineColor {
                        col: pdf_color(l.color),
                    });
                    ops.push(Op::SetOutlineThickness {
                        pt: Pt(l.thickness as f32),
                    });
                    ops.push(Op::DrawLine {
                        line: printpdf::Line {
                            points: vec![point(l.x1, h - l.y1), point(l.x2, h - l.y2)],
                            is_closed: false,
                        },
                    });
                    ops.push(Op::RestoreGraphicsState);
                }
                Item::Rect(r) => {
                    let mode = match (r.fill.is_some(), r.stroke.is_some()) {
                        (true, true) => printpdf::PaintMode::FillStroke,
                        (true, false) => printpdf::PaintMode::Fill,
                        (false, true) => printpdf::PaintMode::Stroke,
                        (false, false) => continue,
                    };
                    ops.push(Op::SaveGraphicsState);
                    if let Some(fill) = r.fill {
                        ops.push(Op::SetFillColor {
                            col: pdf_color(fill),
                        });
                    }
                    if let Some(stroke) = r.stroke {
                        ops.push(Op::SetOutlineColor {
                            col: pdf_color(stroke.color),
                        });
                        ops.push(Op::SetOutlineThickness {
                            pt: Pt(stroke.thickness as f32),
                        });
                    }
                    let (x0, x1) = (r.x, r.x + r.width);
                    let (y0, y1) = (h - r.y, h - r.y - r.height);
                    ops.push(Op::DrawPolygon {
                        polygon: Polygon {
                            rings: vec![PolygonRing {
                                points: vec![
                                    point(x0, y0),
                                    point(x1, y0),
                                    point(x1, y1),
                                    point(x0, y1),
                                ],
                            }],
                            mode,
                            winding_order: WindingOrder::NonZero,
                        },
                    });
                    ops.push(Op::RestoreGraphicsState);
                }
                Item::Image(im) => {
                    let Some(id) = images.get(im.key.as_str()) else {
                        return Err(WriteError::Image {
                            key: im.key.clone(),
                            message: "not in the document's images".into(),
                        });
                    };
                    ops.push(Op::UseXobject {
                        id: id.clone(),
                        transform: XObjectTransform {
                            translate_x: Some(Pt(im.x as f32)),
                            translate_y: Some(Pt((h - im.y - im.height) as f32)),
                            rotate: None,
                            scale_x: Some(im.width as f32),
                            scale_y: Some(im.height as f32),
                            dpi: None,
                            no_auto_scale: true,
                        },
                    });
                }
            }
        }
        if open {
            ops.push(Op::EndMarkedContent);
        }
        page_mcids.push(mcids);
        let mut pdf_page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), ops);
        let rect = printpdf::Rect {
            x: Pt(0.0),
            y: Pt(0.0),
            width: Pt(page.width_pt as f32),
            height: Pt(page.height_pt as f32),
            mode: None,
            winding_order: None,
        };
        pdf_page.media_box = rect.clone();
        pdf_page.trim_box = rect.clone();
        pdf_page.crop_box = rect;
        pages.push(pdf_page);
    }
    pdf.with_pages(pages);

    let mut warnings: Vec<PdfWarnMsg> = Vec::new();
    let options = PdfSaveOptions::default();
    // Saved through lopdf (what `PdfDocument::save` does inside) to add the empty
    // signature field, which printpdf cannot describe.
    let mut lopdf_doc = pdf.to_lopdf_document(&options, &mut warnings);
    report.warnings = warnings.iter().map(|w| format!("{w:?}")).collect();
    let signature_space = doc
        .pages
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.signature_space.map(|s| (i, p.height_pt, s)));
    if let Some((page_index, page_height, space)) = signature_space {
        add_signature_field(&mut lopdf_doc, page_index, page_height, &space)
            .map_err(WriteError::Printpdf)?;
    }
    // printpdf's information dictionary carries an empty /GTS_PDFXVersion: replaced.
    if let Ok(old_info) = lopdf_doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
    {
        lopdf_doc.objects.remove(&old_info);
    }
    make_pdfa(&mut lopdf_doc, &doc.metadata, Conformance::B).map_err(WriteError::Printpdf)?;
    add_navigation(&mut lopdf_doc, doc).map_err(WriteError::Printpdf)?;
    let page_ids: Vec<lopdf::ObjectId> = lopdf_doc.get_pages().into_values().collect();
    add_structure(&mut lopdf_doc, &doc.structure, &page_ids, &page_mcids)
        .map_err(WriteError::Printpdf)?;
    compress_streams(&mut lopdf_doc).map_err(|e| WriteError::Printpdf(e.to_string()))?;
    // printpdf writes PDF 1.3, but the file uses PDF 1.4+ features (soft masks for
    // transparent images) and Decree 30 asks for PDF 1.4 or later.
    lopdf_doc.version = "1.7".into();
    let mut bytes = Vec::new();
    // Object streams: the structure tree is an object per paragraph, table cell and
    // list item, which uncompressed would double the file.
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .max_objects_per_stream(500)
        .compression_level(6)
        .build();
    lopdf_doc
        .save_with_options(&mut bytes, options)
        .map_err(|e| WriteError::Printpdf(e.to_string()))?;
    if bytes.is_empty() {
        return Err(WriteError::Printpdf(report.warnings.join("; ")));
    }
    Ok((bytes, report))
}

/// Deflates every stream that may be compressed. lopdf's `Document::compress` (what
/// printpdf calls) uses the best, slowest level: a fifth of an export's time for files
/// a few percent smaller. The default level is used instead.
fn compress_streams(pdf: &mut lopdf::Document) -> std::io::Result<()> {
    use flate2::{write::ZlibEncoder, Compression};
    use std::io::Write;
    for object in pdf.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            continue;
        }
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(&stream.content)?;
        let compressed = encoder.finish()?;
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
    Ok(())
}

fn set_metadata(pdf: &mut PdfDocument, doc: &DisplayDocument) {
    let m = &doc.metadata;
    let created = m
        .creation_date
        .unwrap_or_else(|| chrono::Local::now().fixed_offset());
    let when = to_offset_date_time(created);
    let info = &mut pdf.metadata.info;
    info.document_title = m.title.clone();
    info.author = m.author.clone();
    info.subject = m.subject.clone();
    info.keywords = m.keywords.clone();
    info.creator = "khcds".to_string();
    info.producer = "khcds".to_string();
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
}

fn to_offset_date_time(t: chrono::DateTime<chrono::FixedOffset>) -> printpdf::OffsetDateTime {
    use chrono::{Datelike, Timelike};
    let off = t.offset().local_minus_utc();
    printpdf::OffsetDateTime::new_in_offset(
        printpdf::Date {
            year: t.year(),
            month: t.month() as u8,
            day: t.day() as u8,
        },
        printpdf::Time {
            hour: t.hour() as u8,
            minute: t.minute() as u8,
            second: t.second().min(59) as u8,
            millisecond: 0,
        },
        printpdf::Offset {
            hours: (off / 3600) as i8,
            minutes: ((off.abs() / 60) % 60) as i8,
            seconds: 0,
            milliseconds: 0,
        },
    )
}

/// Opens the marked content of `mark`: a structure node's next MCID on this page
/// (recorded in `mcids`), or an artifact of its kind.
fn begin_marked(mark: Mark, tree: &StructTree, mcids: &mut Vec<NodeId>) -> Op {
    let name = |s: &str| DictItem::Name(s.as_bytes().to_vec());
    let (tag, map) = match mark {
        Mark::Content(node) => {
            mcids.push(node);
            let mcid = DictItem::Int(mcids.len() as i64 - 1);
            (
                tree.kind(node).name(),
                [("MCID", mcid)].into_iter().collect(),
            )
        }
        Mark::Artifact(kind) => {
            let mut map: BTreeMap<&str, DictItem> = BTreeMap::new();
            match kind {
                Artifact::PageHeader => {
                    map.insert("Type", name("Pagination"));
                    map.insert("Subtype", name("Header"));
                }
                Artifact::Repeated => {
                    map.insert("Type", name("Pagination"));
                }
                Artifact::Layout => {
                    map.insert("Type", name("Layout"));
                }
            }
            ("Artifact", map)
        }
    };
    Op::BeginMarkedContentWithProperties {
        tag: tag.into(),
        properties: DictItem::Dict {
            map: map.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        },
    }
}

fn pdf_color(c: Color) -> PdfColor {
    PdfColor::Rgb(Rgb {
        r: c.r.clamp(0.0, 1.0) as f32,
        g: c.g.clamp(0.0, 1.0) as f32,
        b: c.b.clamp(0.0, 1.0) as f32,
        icc_profile: None,
    })
}

fn point(x: f64, y: f64) -> LinePoint {
    LinePoint {
        p: Point {
            x: Pt(x as f32),
            y: Pt(y as f32),
        },
        bezier: false,
    }
}

/// Subsets `data` to `ids` (`ids[0]` must be 0, no duplicates). The subset's glyph `i` is
/// `ids[i]` (allsorts renumbers in input order; composite components are appended after).
fn subset(data: &[u8], ids: &[u16]) -> Result<Vec<u8>, String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{subset as allsorts_subset, CmapTarget, SubsetProfile};
    let font_file = ReadScope::new(data)
        .read::<FontData<'_>>()
        .map_err(|e| e.to_string())?;
    let provider = font_file.table_provider(0).map_err(|e| e.to_string())?;
    allsorts_subset(&provider, ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| e.to_string())
}

/// Six capital letters derived from the face and its glyph set (PDF 32000-1, 9.6.4): the
/// same subset gets the same tag, so output is reproducible.
fn subset_tag(name: &str, ids: &[u16]) -> String {
    // FNV-1a: stable across Rust versions, unlike `DefaultHasher`.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    name.bytes().for_each(&mut eat);
    for id in ids {
        id.to_le_bytes().into_iter().for_each(&mut eat);
    }
    (0..6)
        .map(|i| (b'A' + ((h >> (i * 8)) % 26) as u8) as char)
        .collect()
}

/// The text each glyph gives back when extracted ([`TextRun::glyph_texts`]), without
/// the invisible word joiners (U+2060, U+FEFF) the document model puts inside dates and
/// numbers to keep them on one line: they matter to line breaking only, and a joiner
/// mapped with its hyphen would make search for "01/2026 - 12/2027" fail (LibreOffice
/// drops them too).
fn extractable_texts(run: &TextRun) -> Vec<String> {
    run.glyph_texts()
        .into_iter()
        .map(|t| t.replace(['\u{2060}', '\u{FEFF}'], ""))
        .collect()
}

/// Glyph index ranges of the clusters of `run`, in order.
fn clusters_of(run: &TextRun) -> impl Iterator<Item = (usize, usize)> + '_ {
    let n = run.glyphs.len();
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= n {
            return None;
        }
        let mut j = i + 1;
        while j < n && run.glyphs[j].cluster == run.glyphs[i].cluster {
            j += 1;
        }
        let r = (i, j);
        i = j;
        Some(r)
    })
}

/// PDF text string: UTF-16BE with a byte order mark.
pub(super) fn pdf_text_string(s: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

/// Emits one text run; returns how many `/ActualText` spans it needed.
fn text_ops(ops: &mut Vec<Op>, run: &TextRun, face: &SubsetFace, page_height: f64) -> usize {
    if run.glyphs.is_empty() || !run.size_pt.is_finite() || run.size_pt <= 0.0 {
        return 0;
    }
    let size = run.size_pt;
    let texts = extractable_texts(run);
    // Clusters as glyph index ranges, and whether each needs /ActualText.
    let clusters: Vec<(usize, usize, bool)> = clusters_of(run)
        .map(|(i, j)| {
            let mapped: String = run.glyphs[i..j]
                .iter()
                .map(|g| face.unicode.get(&g.gid).map(String::as_str).unwrap_or(""))
                .collect();
            (i, j, mapped != texts[i])
        })
        .collect();

    ops.push(Op::SetFillColor {
        col: pdf_color(run.color),
    });
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(face.font_id.clone()),
        size: Pt(size as f32),
    });

    let mut actual = 0;
    // Pen position (points from run.x) that the PDF viewer has after the glyphs emitted so
    // far; None when the next glyph must be positioned with a new text matrix.
    let mut pen: Option<f64> = None;
    let mut pending: Vec<Codepoint> = Vec::new();
    // A move to make before the first glyph of the next `TJ` (when the previous glyph went
    // out in an earlier `TJ`, e.g. before an /ActualText span).
    let mut lead: f64 = 0.0;
    let flush = |ops: &mut Vec<Op>, pending: &mut Vec<Codepoint>, lead: &mut f64| {
        if !pending.is_empty() {
            let mut items = Vec::with_capacity(2);
            if *lead != 0.0 {
                items.push(TextItem::Offset(*lead as f32));
            }
            items.push(TextItem::GlyphIds(std::mem::take(pending)));
            ops.push(Op::ShowText { items });
        }
        *lead = 0.0;
    };
    for &(a, b, needs_actual) in &clusters {
        if needs_actual {
            flush(ops, &mut pending, &mut lead);
            let mut map = BTreeMap::new();
            map.insert(
                "ActualText".to_string(),
                DictItem::String {
                    data: pdf_text_string(&texts[a]),
                    literal: false,
                },
            );
            ops.push(Op::BeginMarkedContentWithProperties {
                tag: "Span".into(),
                properties: DictItem::Dict { map },
            });
            actual += 1;
        }
        for k in a..b {
            let g = &run.glyphs[k];
            let new_gid = face.remap.get(&g.gid).copied().unwrap_or(0);
            let raised = g.y_offset != 0.0;
            if raised || pen.is_none() {
                flush(ops, &mut pending, &mut lead);
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(
                        Pt((run.x + g.x) as f32),
                        Pt((page_height - run.baseline + g.y_offset) as f32),
                    ),
                });
                pen = Some(g.x);
            }
            // Move from where the viewer's pen is to this glyph's x: a TJ number after the
            // previous glyph (negative = move right), in 1/1000 em.
            if let Some(p) = pen {
                let delta = (p - g.x) * 1000.0 / size;
                let rounded = (delta * 100.0).round() / 100.0;
                if rounded != 0.0 {
                    match pending.last_mut() {
                        Some(prev) => prev.offset = rounded as f32,
                        None => lead = rounded,
                    }
                    pen = Some(p - rounded * size / 1000.0);
                }
            }
            let w = face.pdf_widths.get(&new_gid).copied().unwrap_or(0);
            pending.push(Codepoint {
                gid: new_gid,
                offset: 0.0,
                cid: Some(face.unicode.get(&g.gid).cloned().unwrap_or_default()),
            });
            pen = pen.map(|p| p + w as f64 * size / 1000.0);
            if raised {
                // The next glyph goes back to the baseline.
                flush(ops, &mut pending, &mut lead);
                pen = None;
            }
        }
        if needs_actual {
            flush(ops, &mut pending, &mut lead);
            ops.push(Op::EndMarkedContent);
        }
    }
    flush(ops, &mut pending, &mut lead);
    ops.push(Op::EndTextSection);
    actual
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_tags_are_six_capitals_and_stable() {
        let t = subset_tag("LiberationSerif", &[0, 3, 4]);
        assert_eq!(t.len(), 6);
        assert!(t.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(t, subset_tag("LiberationSerif", &[0, 3, 4]));
        assert_ne!(t, subset_tag("LiberationSerif", &[0, 3, 5]));
    }

    #[test]
    fn text_strings_are_utf16_with_bom() {
        assert_eq!(pdf_text_string("Đ"), vec![0xFE, 0xFF, 0x01, 0x10]);
    }
}
