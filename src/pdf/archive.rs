//! PDF/A-2 (ISO 19005-2) for the archive: the document information and the same values
//! as XMP metadata with the `pdfaid` identification, an sRGB output intent, the language
//! (vi-VN), and no PDF/X keys (printpdf writes an empty `/GTS_PDFXVersion`, which made
//! readers report the file as PDF/X).
//!
//! The sRGB profile is moxcms's `ColorProfile::new_srgb` (already in the build through
//! the image crate; pure Rust, no profile file to vendor), written without its CICP tag
//! (an ICC 4.4 addition) and with the description and copyright tags ICC requires.

use chrono::{DateTime, FixedOffset};
use lopdf::{dictionary, Dictionary, Document, Object, Stream};

use super::display::Metadata;
use super::outline::text_string;

/// The document's language: Vietnamese as written in Viet Nam.
pub const LANGUAGE: &str = "vi-VN";

/// Name written as `/Creator`, `/Producer`, `xmp:CreatorTool` and `pdf:Producer`.
const PRODUCER: &str = "khcds";

/// PDF/A-2 conformance level: `B` (visual appearance) or `A` (also tagged, accessible).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conformance {
    A,
    B,
}

impl Conformance {
    fn letter(self) -> &'static str {
        match self {
            Conformance::A => "A",
            Conformance::B => "B",
        }
    }
}

/// Makes `doc` (as printpdf produced it) a PDF/A-2 file of `conformance`: new document
/// information from `meta`, XMP metadata, the sRGB output intent and `/Lang`.
pub fn make_pdfa(
    doc: &mut Document,
    meta: &Metadata,
    conformance: Conformance,
) -> Result<(), String> {
    let when = meta
        .creation_date
        .unwrap_or_else(|| chrono::Local::now().fixed_offset());
    let info = doc.add_object(info_dictionary(meta, when));
    doc.trailer.set("Info", info);
    let xmp = xmp_packet(meta, when, conformance);
    // The metadata stream stays uncompressed (PDF/A-2 §6.6.2.1: no /Filter).
    let metadata = doc.add_object(
        Stream::new(
            dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
            xmp.into_bytes(),
        )
        .with_compression(false),
    );
    let profile = srgb_profile()?;
    let icc = doc.add_object(Stream::new(dictionary! { "N" => 3 }, profile));
    let intent = dictionary! {
        "Type" => "OutputIntent",
        "S" => "GTS_PDFA1",
        "OutputConditionIdentifier" => Object::string_literal("sRGB IEC61966-2.1"),
        "Info" => Object::string_literal("sRGB IEC61966-2.1"),
        "RegistryName" => Object::string_literal("http://www.color.org"),
        "DestOutputProfile" => icc,
    };
    let catalog = doc.catalog_mut().map_err(|e| e.to_string())?;
    catalog.set("Metadata", metadata);
    catalog.set("OutputIntents", vec![Object::Dictionary(intent)]);
    catalog.set("Lang", Object::string_literal(LANGUAGE));
    // Readers show the title, not the file name (PDF/UA, and what an archive expects).
    catalog.set(
        "ViewerPreferences",
        dictionary! { "DisplayDocTitle" => true },
    );
    Ok(())
}

/// The sRGB ICC profile bytes.
fn srgb_profile() -> Result<Vec<u8>, String> {
    use moxcms::{ColorProfile, LocalizableString, ProfileText};
    let mut profile = ColorProfile::new_srgb();
    profile.cicp = None;
    let text = |s: &str| {
        Some(ProfileText::Localizable(vec![LocalizableString::new(
            "en".into(),
            "US".into(),
            s.into(),
        )]))
    };
    profile.description = text("sRGB IEC61966-2.1");
    profile.copyright = text("No copyright, use freely");
    let mut bytes = profile.encode().map_err(|e| format!("{e:?}"))?;
    if bytes.len() < 128 {
        return Err("sRGB profile too short".into());
    }
    // Header: version 4.2 (ISO 32000-1 cites ICC.1:2004-10; the tags written are all
    // v4.0 types), a fixed creation date instead of "now" (same plan, same bytes), and
    // no profile ID (all zero = not computed), which the version change would falsify.
    bytes[8..12].copy_from_slice(&[4, 0x20, 0, 0]);
    let date: [u16; 6] = [2026, 1, 1, 0, 0, 0];
    for (i, v) in date.iter().enumerate() {
        bytes[24 + 2 * i..26 + 2 * i].copy_from_slice(&v.to_be_bytes());
    }
    bytes[84..100].fill(0);
    Ok(bytes)
}

/// `D:YYYYMMDDHHmmSS+HH'mm'` (ISO 32000-1 §7.9.4).
fn pdf_date(t: DateTime<FixedOffset>) -> String {
    let off = t.offset().local_minus_utc();
    let sign = if off < 0 { '-' } else { '+' };
    let off = off.abs();
    format!(
        "D:{}{sign}{:02}'{:02}'",
        t.format("%Y%m%d%H%M%S"),
        off / 3600,
        (off / 60) % 60
    )
}

fn keywords(meta: &Metadata) -> String {
    meta.keywords.join(", ")
}

/// The document information dictionary; empty values are left out (they would have to
/// be empty in the XMP too).
fn info_dictionary(meta: &Metadata, when: DateTime<FixedOffset>) -> Dictionary {
    let mut info = Dictionary::new();
    for (key, value) in [
        ("Title", meta.title.clone()),
        ("Author", meta.author.clone()),
        ("Subject", meta.subject.clone()),
        ("Keywords", keywords(meta)),
        ("Creator", PRODUCER.to_string()),
        ("Producer", PRODUCER.to_string()),
    ] {
        if !value.is_empty() {
            info.set(key, text_string(&value));
        }
    }
    let date = Object::string_literal(pdf_date(when));
    info.set("CreationDate", date.clone());
    info.set("ModDate", date);
    info
}

/// The XMP packet: the document information again, plus `pdfaid` (ISO 19005-2 §6.6).
fn xmp_packet(meta: &Metadata, when: DateTime<FixedOffset>, conformance: Conformance) -> String {
    use quick_xml::escape::escape;
    let date = when.to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let mut fields = String::new();
    let alt = |v: &str| {
        format!(
            "<rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt>",
            escape(v)
        )
    };
    if !meta.title.is_empty() {
        fields += &format!("<dc:title>{}</dc:title>", alt(&meta.title));
    }
    if !meta.author.is_empty() {
        fields += &format!(
            "<dc:creator><rdf:Seq><rdf:li>{}</rdf:li></rdf:Seq></dc:creator>",
            escape(meta.author.as_str())
        );
    }
    if !meta.subject.is_empty() {
        fields += &format!("<dc:description>{}</dc:description>", alt(&meta.subject));
    }
    let keywords = keywords(meta);
    if !keywords.is_empty() {
        fields += &format!("<pdf:Keywords>{}</pdf:Keywords>", escape(keywords.as_str()));
    }
    format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
         <rdf:Description rdf:about=\"\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" \
         xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" \
         xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\
         <dc:format>application/pdf</dc:format>{fields}\
         <dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>\
         <pdf:Producer>{PRODUCER}</pdf:Producer>\
         <xmp:CreatorTool>{PRODUCER}</xmp:CreatorTool>\
         <xmp:CreateDate>{date}</xmp:CreateDate>\
         <xmp:ModifyDate>{date}</xmp:ModifyDate>\
         <xmp:MetadataDate>{date}</xmp:MetadataDate>\
         <pdfaid:part>2</pdfaid:part>\
         <pdfaid:conformance>{}</pdfaid:conformance>\
         </rdf:Description></rdf:RDF></x:xmpmeta>\n\
         <?xpacket end=\"w\"?>",
        conformance.letter()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srgb_profile_is_an_icc_v4_rgb_display_profile() {
        let icc = srgb_profile().unwrap();
        assert_eq!(&icc[36..40], b"acsp");
        assert_eq!(&icc[12..16], b"mntr");
        assert_eq!(&icc[16..20], b"RGB ");
        assert_eq!(&icc[20..24], b"XYZ ");
        assert_eq!(&icc[8..10], &[4, 0x20]);
        assert_eq!(icc, srgb_profile().unwrap(), "reproducible");
        assert_eq!(
            u32::from_be_bytes(icc[0..4].try_into().unwrap()) as usize,
            icc.len()
        );
    }

    #[test]
    fn dates_are_written_with_their_offset() {
        let t = FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 4, 1, 0, 0, 0)
            .unwrap();
        assert_eq!(pdf_date(t), "D:20260401000000+07'00'");
        let xmp = xmp_packet(&Metadata::default(), t, Conformance::B);
        assert!(xmp.contains("<xmp:CreateDate>2026-04-01T00:00:00+07:00</xmp:CreateDate>"));
        assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    }

    use chrono::TimeZone;
}
