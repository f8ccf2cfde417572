//! Display list → PDF bytes, through printpdf.
//!
//! - Fonts are subset here (printpdf 0.12 only subsets with its `text_layout` feature,
//!   which drags in a whole HTML layout engine): the glyphs a face uses are cut out with
//!   allsorts, renumbered, and handed to printpdf as the font to embed, named with the
//!   `ABCDEF+` subset tag the PDF spec asks for. printpdf then writes it as a CID font
//!   (Identity-H) with `/W` widths and a `/ToUnicode` map built from the text we attach to
//!   every glyph.
//! - Page content streams are written directly ([`super::stream`]), and so are the font
//!   dictionaries: printpdf learns which glyphs a font needs, and the text of each, only
//!   from its own text operations, which are no longer built. A face is embedded as a
//!   CID font (Identity-H) with `/W` widths and a `/ToUnicode` map built from the text
//!   we attach to every glyph; printpdf writes the rest of the document (pages, images,
//!   information), then lopdf adds the archive's parts and saves.
//! - Glyphs are placed by position: each run is one `TJ` whose numbers move every glyph
//!   to the x the layout computed (kerning, justification). `Tw` is never used — it only
//!   applies to the single-byte code 32, which a CID font does not have.
//! - A cluster whose text cannot be recovered from its glyphs' `/ToUnicode` entries (a
//!   missing character drawn as .notdef, a glyph shared by different texts) is wrapped in a
//!   marked-content span with `/ActualText`, so extraction still gives the original text.

use std::collections::BTreeMap;

use printpdf::{
    ParsedFont, PdfDocument, PdfPage, PdfSaveOptions, PdfWarnMsg, Pt, RawImage, RawImageData,
    RawImageFormat, XObjectId,
};

use super::archive::{make_pdfa, Conformance};
use super::display::{DisplayDocument, Metadata, Page, PageLabelRange, RasterImage, TextRun};
use super::fonts::{FaceId, FontSet};
use super::outline::add_navigation;
use super::signature_field::add_signature_field;
use super::stream::{page_content, FaceCodes};
use super::tags::{add_structure, NodeId, StructTree};
use lopdf::{dictionary, Object, Stream};

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

/// A face as pages use it: codes (subset glyph ids) given in order of first use, so a
/// page's content is written before the last page is known.
struct FaceUse<'f> {
    /// Name in the pages' `/Font` resources.
    resource: String,
    face: &'f super::fonts::Face,
    hmtx: Option<read_fonts::tables::hmtx::Hmtx<'f>>,
    /// Original glyph ids by code; code 0 is .notdef.
    ids: Vec<u16>,
    /// Code of each original glyph id, `NO_CODE` for glyphs not used (a table: this is
    /// looked up for every glyph drawn).
    codes: Vec<u16>,
    /// Advance of each code as `/W` gives it (1/1000 em, truncated).
    widths: Vec<i64>,
    /// Text the `/ToUnicode` map gives each code.
    unicode: Vec<String>,
}

/// [`FaceUse::codes`] of a glyph not used yet.
const NO_CODE: u16 = u16::MAX;

impl<'f> FaceUse<'f> {
    fn new(face: &'f super::fonts::Face, id: FaceId) -> FaceUse<'f> {
        use read_fonts::TableProvider;
        let hmtx = read_fonts::FontRef::new(face.data())
            .ok()
            .and_then(|f| f.hmtx().ok());
        let mut use_ = FaceUse {
            resource: format!("F{}", id.0),
            face,
            hmtx,
            ids: Vec::new(),
            codes: vec![NO_CODE; usize::from(face.num_glyphs())],
            widths: Vec::new(),
            unicode: Vec::new(),
        };
        use_.code_of(0);
        use_
    }

    /// The code of `gid`, given now if the glyph is new.
    fn code_of(&mut self, gid: u16) -> u16 {
        match self.codes.get(usize::from(gid)) {
            Some(&code) if code != NO_CODE => return code,
            Some(_) => {}
            // Not a glyph of the face: drawn as .notdef.
            None => return 0,
        }
        let code = self.ids.len() as u16;
        self.ids.push(gid);
        self.codes[usize::from(gid)] = code;
        self.unicode.push(String::new());
        let advance = self
            .hmtx
            .as_ref()
            .and_then(|h| h.advance(read_fonts::types::GlyphId::new(u32::from(gid))))
            .unwrap_or(0);
        let upm = f32::from(self.face.units_per_em().max(1));
        self.widths.push((f32::from(advance) * 1000.0 / upm) as i64);
        code
    }

    /// Records the glyphs of `run` and the text each stands for: the text of a cluster
    /// it shows alone, else the character the font maps to it (fixed at first use).
    fn learn(&mut self, run: &TextRun) {
        if run
            .glyphs
            .iter()
            .all(|g| self.code(g.gid) != 0 || g.gid == 0)
        {
            return;
        }
        let texts = extractable_texts(run);
        for (a, b) in clusters_of(run) {
            for g in &run.glyphs[a..b] {
                if self.code(g.gid) != 0 || g.gid == 0 {
                    continue;
                }
                let code = self.code_of(g.gid);
                let text = if b - a == 1 && !texts[a].is_empty() && g.gid != 0 {
                    texts[a].clone()
                } else {
                    self.face
                        .char_for_glyph(g.gid)
                        .map(String::from)
                        .unwrap_or_else(|| "\u{FFFD}".to_string())
                };
                self.unicode[usize::from(code)] = text;
            }
        }
    }
}

impl FaceCodes for FaceUse<'_> {
    fn resource(&self) -> &str {
        &self.resource
    }

    fn code(&self, gid: u16) -> u16 {
        match self.codes.get(usize::from(gid)) {
            Some(&code) if code != NO_CODE => code,
            _ => 0,
        }
    }

    fn width(&self, code: u16) -> i64 {
        self.widths.get(usize::from(code)).copied().unwrap_or(0)
    }

    fn unicode(&self, gid: u16) -> &str {
        let code = self.code(gid);
        self.unicode
            .get(usize::from(code))
            .map_or("", String::as_str)
    }
}

/// A page written: its settings (no items), content stream and what its MCIDs mark.
struct WrittenPage {
    shell: Page,
    content: Stream,
    mcids: Vec<NodeId>,
}

/// Writes a PDF page by page: each page's content stream is written and deflated as the
/// page comes, so a long plan's pages are never all held at once; fonts, navigation, the
/// structure tree and the archive's parts are added by [`PdfWriter::finish`].
pub struct PdfWriter<'f> {
    fonts: &'f FontSet,
    pdf: PdfDocument,
    metadata: Metadata,
    images: BTreeMap<String, XObjectId>,
    faces: BTreeMap<FaceId, FaceUse<'f>>,
    pages: Vec<WrittenPage>,
    deflater: Deflater,
    report: WriteReport,
}

impl<'f> PdfWriter<'f> {
    /// A writer for a document of `metadata` whose pages may show `images`.
    pub fn new(
        fonts: &'f FontSet,
        metadata: &Metadata,
        images: &BTreeMap<String, RasterImage>,
    ) -> Result<PdfWriter<'f>, WriteError> {
        let mut pdf = PdfDocument::new(&metadata.title);
        set_metadata(&mut pdf, metadata);
        let mut ids = BTreeMap::new();
        for (key, img) in images {
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
            ids.insert(key.clone(), pdf.add_image(&raw));
        }
        Ok(PdfWriter {
            fonts,
            pdf,
            metadata: metadata.clone(),
            images: ids,
            faces: BTreeMap::new(),
            pages: Vec::new(),
            deflater: Deflater::new(),
            report: WriteReport::default(),
        })
    }

    /// Writes the content of `page` (its marks as marked content).
    pub fn add_page(&mut self, page: &Page) -> Result<(), WriteError> {
        for run in page.text_runs() {
            let fonts = self.fonts;
            self.faces
                .entry(run.face)
                .or_insert_with(|| FaceUse::new(fonts.face_by_id(run.face), run.face))
                .learn(run);
        }
        let (faces, images) = (&self.faces, &self.images);
        let content = page_content(
            page,
            |run: &TextRun| faces.get(&run.face),
            |key: &str| images.get(key).map(|id| id.0.as_str()),
        )
        .map_err(|message| WriteError::Image {
            key: String::new(),
            message,
        })?;
        self.report.actual_text_spans += content.actual_text_spans;
        let mut stream = Stream::new(dictionary! {}, content.bytes);
        self.deflater
            .deflate(&mut stream)
            .map_err(WriteError::Printpdf)?;
        let mut shell = Page::new(page.width_pt, page.height_pt);
        shell.signature_space = page.signature_space;
        shell.bookmarks = page.bookmarks.clone();
        self.pages.push(WrittenPage {
            shell,
            content: stream,
            mcids: content.mcids,
        });
        Ok(())
    }

    /// The PDF of the pages written, with `page_labels` and the `structure` their marks
    /// refer to.
    pub fn finish(
        mut self,
        page_labels: Vec<PageLabelRange>,
        structure: &StructTree,
    ) -> Result<(Vec<u8>, WriteReport), WriteError> {
        let mut report = std::mem::take(&mut self.report);
        // Subset every face: glyph `i` of the subset is the face's code `i`.
        let mut subsets = Vec::with_capacity(self.faces.len());
        for (face_id, face) in &self.faces {
            let bytes =
                subset(face.face.data(), &face.ids).map_err(|message| WriteError::Subset {
                    face: face.face.postscript_name().to_string(),
                    message,
                })?;
            let mut warnings = Vec::new();
            let parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
                .ok_or_else(|| WriteError::SubsetParse(face.face.postscript_name().to_string()))?;
            report.glyphs_per_face.insert(*face_id, face.ids.len());
            subsets.push((face, bytes, parsed));
        }

        // printpdf writes the document around the pages; their content goes in below.
        let pages = self
            .pages
            .iter()
            .map(|page| {
                let mut pdf_page = PdfPage::new(printpdf::Mm(0.0), printpdf::Mm(0.0), Vec::new());
                let rect = printpdf::Rect {
                    x: Pt(0.0),
                    y: Pt(0.0),
                    width: Pt(page.shell.width_pt as f32),
                    height: Pt(page.shell.height_pt as f32),
                    mode: None,
                    winding_order: None,
                };
                pdf_page.media_box = rect.clone();
                pdf_page.trim_box = rect.clone();
                pdf_page.crop_box = rect;
                pdf_page
            })
            .collect();
        self.pdf.with_pages(pages);
        let mut warnings: Vec<PdfWarnMsg> = Vec::new();
        let mut lopdf_doc = self
            .pdf
            .to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
        report.warnings = warnings.iter().map(|w| format!("{w:?}")).collect();
        let page_ids: Vec<lopdf::ObjectId> = lopdf_doc.get_pages().into_values().collect();
        add_fonts(&mut lopdf_doc, &subsets, &page_ids).map_err(WriteError::Printpdf)?;
        let mut page_mcids = Vec::with_capacity(self.pages.len());
        let mut shells = Vec::with_capacity(self.pages.len());
        for (page, page_id) in self.pages.into_iter().zip(&page_ids) {
            let contents = lopdf_doc
                .get_dictionary(*page_id)
                .and_then(|d| d.get(b"Contents"))
                .and_then(Object::as_reference)
                .map_err(|e| WriteError::Printpdf(e.to_string()))?;
            lopdf_doc
                .objects
                .insert(contents, Object::Stream(page.content));
            page_mcids.push(page.mcids);
            shells.push(page.shell);
        }

        let signature_space = shells
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
        make_pdfa(&mut lopdf_doc, &self.metadata, Conformance::B).map_err(WriteError::Printpdf)?;
        let navigation = DisplayDocument {
            pages: shells,
            page_labels,
            ..DisplayDocument::default()
        };
        add_navigation(&mut lopdf_doc, &navigation).map_err(WriteError::Printpdf)?;
        add_structure(&mut lopdf_doc, structure, &page_ids, &page_mcids)
            .map_err(WriteError::Printpdf)?;
        compress_streams(&mut lopdf_doc, &mut self.deflater).map_err(WriteError::Printpdf)?;
        // printpdf writes PDF 1.3, but the file uses PDF 1.4+ features (soft masks for
        // transparent images) and Decree 30 asks for PDF 1.4 or later.
        lopdf_doc.version = "1.7".into();
        let mut bytes = Vec::new();
        // Saved with a cross-reference table, not object streams: lopdf copies every
        // object to pack them, which at 700 pages cost 50 MiB more at the peak than the
        // whole layout (the file is some 40% larger with the structure tree unpacked).
        lopdf_doc
            .save_to(&mut bytes)
            .map_err(|e| WriteError::Printpdf(e.to_string()))?;
        if bytes.is_empty() {
            return Err(WriteError::Printpdf(report.warnings.join("; ")));
        }
        Ok((bytes, report))
    }
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
    let mut writer = PdfWriter::new(fonts, &doc.metadata, &doc.images)?;
    for page in &doc.pages {
        writer.add_page(page)?;
    }
    writer.finish(doc.page_labels.clone(), &doc.structure)
}

/// Deflates every stream that may be compressed and is not yet. lopdf's
/// `Document::compress` (what printpdf calls) uses the best, slowest level: a fifth of an
/// export's time for files a few percent smaller. The default level is used instead.
fn compress_streams(pdf: &mut lopdf::Document, deflater: &mut Deflater) -> Result<(), String> {
    for object in pdf.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if stream.allows_compression && !stream.dict.has(b"Filter") {
            deflater.deflate(stream)?;
        }
    }
    Ok(())
}

/// One deflate state for all the streams of a file: a fresh encoder per page stream
/// allocates some 300 KiB that glibc does not give back in time (the peak memory grew
/// by that much per page).
struct Deflater(flate2::Compress);

impl Deflater {
    fn new() -> Deflater {
        Deflater(flate2::Compress::new(flate2::Compression::default(), true))
    }

    /// Deflates `stream` at the default level, when that makes it smaller.
    fn deflate(&mut self, stream: &mut Stream) -> Result<(), String> {
        use flate2::{FlushCompress, Status};
        self.0.reset();
        let input = &stream.content;
        let mut out = Vec::with_capacity(input.len() / 3 + 64);
        loop {
            let consumed = self.0.total_in() as usize;
            let status = self
                .0
                .compress_vec(&input[consumed..], &mut out, FlushCompress::Finish)
                .map_err(|e| e.to_string())?;
            match status {
                Status::StreamEnd => break,
                _ => out.reserve(out.capacity().max(64)),
            }
        }
        if out.len() + 19 < input.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(out);
        }
        Ok(())
    }
}

/// Embeds each face as a Type 0 font (Identity-H) over a `CIDFontType2` with the subset
/// program, `/W` widths and a `/ToUnicode` map, named in the `/Font` dictionary the
/// pages' resources share (printpdf gives every page the same one).
fn add_fonts(
    pdf: &mut lopdf::Document,
    subsets: &[(&FaceUse, Vec<u8>, ParsedFont)],
    page_ids: &[lopdf::ObjectId],
) -> Result<(), String> {
    let Some(first) = page_ids.first() else {
        return Ok(());
    };
    let resources = pdf
        .get_dictionary(*first)
        .and_then(|d| d.get(b"Resources"))
        .and_then(Object::as_reference)
        .map_err(|e| e.to_string())?;
    let font_dict = pdf
        .get_dictionary(resources)
        .and_then(|d| d.get(b"Font"))
        .and_then(Object::as_reference)
        .map_err(|e| e.to_string())?;
    let mut entries = Vec::with_capacity(subsets.len());
    for (face, program, parsed) in subsets {
        entries.push((
            face.resource.clone(),
            type0_font(pdf, face, program, parsed),
        ));
    }
    let dict = pdf
        .get_dictionary_mut(font_dict)
        .map_err(|e| e.to_string())?;
    for (name, id) in entries {
        dict.set(name, id);
    }
    Ok(())
}

/// The font objects of `face`; returns the Type 0 font's id.
fn type0_font(
    pdf: &mut lopdf::Document,
    face: &FaceUse,
    program: &[u8],
    parsed: &ParsedFont,
) -> lopdf::ObjectId {
    // Named with the subset tag the PDF spec asks for (ISO 32000-1, 9.6.4).
    let name = format!(
        "{}+{}",
        subset_tag(face.face.postscript_name(), &face.ids),
        face.face.postscript_name()
    );
    let m = &parsed.pdf_font_metrics;
    let upm = f32::from(m.units_per_em.max(1));
    let scaled = |v: f32| (v * 1000.0 / upm).round() as i64;
    let ascent = scaled(f32::from(parsed.font_metrics.ascent));
    let descent = scaled(f32::from(parsed.font_metrics.descent));
    // The slant in degrees, counter-clockwise (italic faces are negative), from hhea's
    // caret slope; the stem width estimated from the weight class as producers do.
    let italic_angle = if m.caret_slope_rise == 0 {
        0
    } else {
        (-f32::from(m.caret_slope_run).atan2(f32::from(m.caret_slope_rise)))
            .to_degrees()
            .round() as i64
    };
    const NONSYMBOLIC: i64 = 1 << 5;
    const ITALIC: i64 = 1 << 6;
    let flags = NONSYMBOLIC | if italic_angle != 0 { ITALIC } else { 0 };
    let stem_v = 50 + (f32::from(m.us_weight_class) / 65.0).powi(2).round() as i64;
    let mut program = Stream::new(
        dictionary! { "Length1" => program.len() as i64 },
        program.to_vec(),
    );
    program.allows_compression = true;
    let program = pdf.add_object(program);
    let descriptor = pdf.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(name.clone().into_bytes()),
        "Ascent" => ascent,
        "Descent" => descent,
        "CapHeight" => ascent,
        "ItalicAngle" => italic_angle,
        "Flags" => flags,
        "StemV" => stem_v,
        "FontBBox" => vec![
            scaled(f32::from(m.x_min)).into(),
            scaled(f32::from(m.y_min)).into(),
            scaled(f32::from(m.x_max)).into(),
            scaled(f32::from(m.y_max)).into(),
        ],
        "FontFile2" => program,
    });
    // /W: runs of consecutive codes, each with its widths.
    let codes: Vec<(u16, i64)> = (0u16..).zip(face.widths.iter().copied()).collect();
    let mut widths: Vec<Object> = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let mut run_start = 0;
    for (k, (code, w)) in codes.iter().enumerate() {
        if k > 0 && *code != codes[k - 1].0 + 1 {
            widths.push(i64::from(run_start).into());
            widths.push(std::mem::take(&mut run).into());
        }
        if run.is_empty() {
            run_start = *code;
        }
        run.push((*w).into());
    }
    if !run.is_empty() {
        widths.push(i64::from(run_start).into());
        widths.push(run.into());
    }
    let to_unicode = pdf.add_object(Stream::new(dictionary! {}, to_unicode_cmap(face)));
    let cid_font = dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(name.clone().into_bytes()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "W" => widths,
        "DW" => 1000,
        "FontDescriptor" => descriptor,
        "CIDToGIDMap" => "Identity",
    };
    pdf.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(name.clone().into_bytes()),
        "Encoding" => "Identity-H",
        "ToUnicode" => to_unicode,
        "DescendantFonts" => vec![Object::Dictionary(cid_font)],
    })
}

/// The `/ToUnicode` CMap of `face`: each code (subset glyph id) to its glyph's text.
fn to_unicode_cmap(face: &FaceUse) -> Vec<u8> {
    use std::fmt::Write;
    let entries: Vec<(u16, &str)> = (0u16..)
        .zip(&face.unicode)
        .filter(|(_, text)| !text.is_empty())
        .map(|(code, text)| (code, text.as_str()))
        .collect();
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in entries.chunks(100) {
        let _ = writeln!(out, "{} beginbfchar", chunk.len());
        for (code, text) in chunk {
            let _ = write!(out, "<{code:04X}> <");
            for unit in text.encode_utf16() {
                let _ = write!(out, "{unit:04X}");
            }
            out.push_str(">\n");
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
}

fn set_metadata(pdf: &mut PdfDocument, m: &Metadata) {
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
pub(super) fn extractable_texts(run: &TextRun) -> Vec<String> {
    run.glyph_texts()
        .into_iter()
        .map(|t| t.replace(['\u{2060}', '\u{FEFF}'], ""))
        .collect()
}

/// Glyph index ranges of the clusters of `run`, in order.
pub(super) fn clusters_of(run: &TextRun) -> impl Iterator<Item = (usize, usize)> + '_ {
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
