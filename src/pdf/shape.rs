//! Shaping: text of one style and size → glyph ids with advances (kerning applied) and the
//! cluster each glyph came from, so the writer can give every glyph its text back.
//!
//! Uses harfrust, the HarfBuzz team's Rust port (rustybuzz is unmaintained since 2026,
//! RUSTSEC-2026-0206). LibreOffice shapes with HarfBuzz too, so advances agree.

use std::sync::{Arc, Mutex};

use harfrust::{
    Buffer, BufferFlags, ClusterLevel, Direction, Script, ShapeOptions, ShapePlan, ShaperFont,
};
use serde::{Deserialize, Serialize};

use super::fonts::Face;

/// One positioned glyph. Lengths are in points at the size the run was shaped at.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ShapedGlyph {
    pub gid: u16,
    /// Pen advance after this glyph (kerning included).
    pub advance: f64,
    /// Offset of this glyph from the pen position (mark positioning).
    pub x_offset: f64,
    pub y_offset: f64,
    /// Byte offset, in the shaped text, of the first character of this glyph's cluster.
    /// Non-decreasing along the run (monotone clusters, left-to-right).
    pub cluster: usize,
}

/// What the shaper may do beyond plain glyph mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShapeFeatures {
    /// Pair kerning (`kern`, GPOS). Off by default: Word does not kern a run without
    /// `w:kern`, and LibreOffice, opening our DOCX (which sets Word's compatibility
    /// options), does not either; kerned lines came out up to 0.2 pt shorter than
    /// LibreOffice's, so a line at the margin fitted here and wrapped there and every
    /// later page shifted (`tests/pdf_export_fidelity.rs` compares every page).
    pub kerning: bool,
    /// Standard ligatures (`liga`). HarfBuzz's default, as in LibreOffice; Liberation Serif
    /// has no `liga` lookup anyway (its fi/fl are discretionary).
    pub ligatures: bool,
}

impl Default for ShapeFeatures {
    fn default() -> Self {
        ShapeFeatures {
            kerning: false,
            ligatures: true,
        }
    }
}

/// Prepares paragraph text for shaping and line breaking: the document model's final
/// text ([`crate::document::final_text`]: NFC, so Vietnamese uses the precomposed glyphs;
/// line separators as `'\n'`, a mandatory break; a tab as a space; no control
/// characters, which have no glyph), for text that does not come from a document.
pub fn prepare_text(text: &str) -> String {
    crate::document::final_text(text).into_owned()
}

/// Shapes `text` (one style, one size, already [`prepare_text`]-ed and without `'\n'`)
/// left to right. Never fails: characters the font lacks come back as glyph 0 (.notdef)
/// with the .notdef advance, so layout stays stable and the writer can still extract the
/// original text through `/ActualText`.
pub fn shape(face: &Face, text: &str, size_pt: f64, features: ShapeFeatures) -> Vec<ShapedGlyph> {
    if text.is_empty() {
        return Vec::new();
    }
    let font = ShaperFont::new(&face.shaping);
    let mut buffer = Buffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    // No bidi: the documents are Vietnamese. Forcing LTR keeps cluster order monotone for
    // any stray right-to-left text, which then reads in logical order.
    buffer.set_direction(Direction::LeftToRight);
    buffer.set_cluster_level(ClusterLevel::MonotoneCharacters);
    buffer.set_flags(BufferFlags::BEGINNING_OF_TEXT | BufferFlags::END_OF_TEXT);
    let feats = feature_list(features);
    let plan = face.plans.get(face, buffer.script(), features, &feats);
    let options = ShapeOptions::new().features(&feats).plan(Some(&plan));
    if harfrust::shape(&font, &mut buffer, options).is_err() {
        return fallback_shape(face, text, size_pt);
    }
    let scale = size_pt / f64::from(face.units_per_em());
    // LibreOffice lays out a DOCX on its Word-compatible reference device (8640 dpi,
    // 1/120 pt per pixel) and keeps whole pixels per glyph advance: a line of 40 glyphs
    // then measures up to 0.1 pt differently from exact advances, enough to decide
    // whether the last word fits. Advances are rounded the same way.
    let device =
        |units: i32| (f64::from(units) * scale * DEVICE_PX_PER_PT).round() / DEVICE_PX_PER_PT;
    let infos = buffer.glyph_infos();
    let positions = buffer.glyph_positions();
    let mut out = Vec::with_capacity(infos.len());
    for (info, pos) in infos.iter().zip(positions) {
        let gid = u16::try_from(info.glyph_id)
            .ok()
            .filter(|g| *g < face.num_glyphs())
            .unwrap_or(0);
        out.push(ShapedGlyph {
            gid,
            advance: device(pos.x_advance),
            x_offset: device(pos.x_offset),
            y_offset: device(pos.y_offset),
            cluster: (info.cluster as usize).min(text.len()),
        });
    }
    // Monotone cluster level guarantees order for LTR; enforce it anyway so that later
    // slicing by cluster can never go backwards.
    let mut last = 0;
    for g in &mut out {
        if g.cluster < last {
            g.cluster = last;
        }
        last = g.cluster;
    }
    out
}

fn feature_list(features: ShapeFeatures) -> Vec<harfrust::Feature> {
    let mut feats = Vec::with_capacity(2);
    if !features.kerning {
        feats.push(harfrust::Feature::new(harfrust::Tag::new(b"kern"), 0, ..));
    }
    if !features.ligatures {
        feats.push(harfrust::Feature::new(harfrust::Tag::new(b"liga"), 0, ..));
    }
    feats
}

/// The shape plans of one face (left to right, no language), by script and features.
#[derive(Default)]
pub(crate) struct PlanCache(Mutex<Vec<CachedPlan>>);

/// A plan with the script and features it was built for.
type CachedPlan = (Option<Script>, ShapeFeatures, Arc<ShapePlan>);

impl PlanCache {
    fn get(
        &self,
        face: &Face,
        script: Option<Script>,
        features: ShapeFeatures,
        feats: &[harfrust::Feature],
    ) -> Arc<ShapePlan> {
        // A poisoned lock only means another thread panicked while inserting: the list
        // is still valid.
        let mut plans = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, _, plan)) = plans
            .iter()
            .find(|(s, f, _)| *s == script && *f == features)
        {
            return plan.clone();
        }
        let plan = Arc::new(ShapePlan::new(
            &face.shaping,
            Direction::LeftToRight,
            script,
            None,
            feats,
        ));
        plans.push((script, features, plan.clone()));
        plan
    }
}

/// Pixels per point of LibreOffice's reference device for Word documents (8640 dpi).
const DEVICE_PX_PER_PT: f64 = 120.0;

/// Glyph-per-character mapping with plain advances, used only if the shaper refuses the
/// buffer (malformed font tables).
fn fallback_shape(face: &Face, text: &str, size_pt: f64) -> Vec<ShapedGlyph> {
    let scale = size_pt / f64::from(face.units_per_em());
    use read_fonts::TableProvider;
    let charmap = face.shaping.charmap();
    let hmtx = read_fonts::FontRef::new(face.data())
        .ok()
        .and_then(|f| f.hmtx().ok());
    text.char_indices()
        .map(|(i, c)| {
            let gid = charmap
                .map_unicode(c as u32)
                .and_then(|g| u16::try_from(g.to_u32()).ok())
                .unwrap_or(0);
            let advance = hmtx
                .as_ref()
                .and_then(|h| h.advance(read_fonts::types::GlyphId::new(u32::from(gid))))
                .unwrap_or(0);
            ShapedGlyph {
                gid,
                advance: f64::from(advance) * scale,
                x_offset: 0.0,
                y_offset: 0.0,
                cluster: i,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::{FontSet, Style};

    #[test]
    fn prepare_text_normalises_and_cleans() {
        // "ệ" decomposed: e + combining circumflex + combining dot below.
        let nfd = "Vi\u{0065}\u{0323}\u{0302}t\tNam\r\nx\u{0007}y\u{000B}z";
        assert_eq!(prepare_text(nfd), "Việt Nam\nxy\nz");
    }

    #[test]
    fn shapes_vietnamese_with_precomposed_glyphs() {
        let fonts = FontSet::bundled();
        let face = fonts.face(Style::REGULAR);
        let text = prepare_text("Chuyển đổi số");
        let glyphs = shape(face, &text, 14.0, ShapeFeatures::default());
        assert_eq!(glyphs.len(), text.chars().count());
        assert!(glyphs.iter().all(|g| g.gid != 0));
        // Clusters are the byte offsets of the characters.
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let clusters: Vec<usize> = glyphs.iter().map(|g| g.cluster).collect();
        assert_eq!(clusters, offsets);
        // Liberation Serif's space is 512/2048 em (unkerned).
        let plain = ShapeFeatures {
            kerning: false,
            ligatures: true,
        };
        let space = shape(face, &text, 14.0, plain)[6];
        assert!((space.advance - 14.0 * 512.0 / 2048.0).abs() < 1e-9);
    }

    #[test]
    fn missing_glyphs_become_notdef_without_panicking() {
        let fonts = FontSet::bundled();
        let face = fonts.face(Style::BOLD);
        let glyphs = shape(face, "a😀b", 12.0, ShapeFeatures::default());
        assert_eq!(glyphs.len(), 3);
        assert_eq!(glyphs[1].gid, 0);
        assert!(glyphs[1].advance > 0.0);
        assert_eq!(glyphs[2].cluster, "a😀".len());
    }
}
