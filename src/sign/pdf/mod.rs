//! PAdES baseline B-B signatures on PDF files (ETSI EN 319 142-1; ISO 32000-1 §12.8):
//! a CAdES-detached CMS in a new revision appended to the file (an incremental update,
//! so earlier signatures stay valid), shown as Decree 30 wants it, and their
//! verification.
//!
//! - [`parse`]: what the existing file tells (trailer, cross-reference kind, fields).
//! - [`field`]: which signature field to fill, and the form updates.
//! - [`appearance`]: the signature and seal images in the field.
//! - [`incremental`] and [`syntax`]: writing the revision.
//! - [`cms`]: the CAdES signature, made and checked.
//! - [`verify`]: checking every signature of a file.

mod appearance;
mod cms;
mod field;
mod incremental;
mod parse;
mod syntax;
mod verify;

use chrono::{DateTime, Utc};
use der::Encode;
use lopdf::{dictionary, Object};
use sha2::{Digest, Sha256};

use crate::sign::{vietnam_time, CertificateSummary, SignError, Signer, VerifyReport};
use appearance::{Appearance, Frame, Picture};
use incremental::{SignatureEntries, Update};
use parse::Revision;

/// Room in /Contents beyond the certificates: the RSA signature (up to 8192-bit keys),
/// the signed attributes and the CMS structure, with a margin.
const CMS_OVERHEAD: usize = 4096;

/// How to sign.
#[derive(Debug, Clone)]
pub struct PdfSignOptions {
    pub signing_time: DateTime<Utc>,
    /// The signer's signature image (PNG, usually blue on transparent), optional.
    pub signature_image: Option<Vec<u8>>,
    /// The agency's seal image (PNG, red on transparent, drawn at true size), optional.
    pub seal_image: Option<Vec<u8>>,
    /// `/Reason`, e.g. "Phê duyệt".
    pub reason: Option<String>,
    /// `/Location`, e.g. "Hòa Sơn".
    pub location: Option<String>,
}

/// Signs `pdf` with `signer`: fills the document's empty signature field (the one our
/// export puts in the closing block), else adds a field (see [`field::choose`]), and
/// returns the file with the new revision appended.
///
/// Without images the appearance is empty: a text appearance would need a font with
/// Vietnamese glyphs embedded in the update.
pub fn sign(
    pdf: &[u8],
    signer: &dyn Signer,
    options: &PdfSignOptions,
) -> Result<Vec<u8>, SignError> {
    let signature_picture = options
        .signature_image
        .as_deref()
        .map(|png| Picture::decode(png, "chữ ký"))
        .transpose()?;
    let seal_picture = options
        .seal_image
        .as_deref()
        .map(|png| Picture::decode(png, "con dấu"))
        .transpose()?;
    let has_images = signature_picture.is_some() || seal_picture.is_some();

    let revision = Revision::load(pdf)?;
    let mut update = Update::new(&revision);
    let target = field::choose(&revision, &mut update, has_images)?;
    let signature_id = update.new_id();
    let mut field_dict = target.dict.clone();
    field_dict.set("V", signature_id);
    if let Some(rect) = target.rect {
        let appearance = Appearance::lay_out(
            Frame::from_rect(rect),
            signature_picture.as_ref(),
            seal_picture.as_ref(),
        );
        let form = appearance.write(&mut update);
        field_dict.set("Rect", appearance.rect.rect());
        field_dict.set("AP", dictionary! { "N" => form });
    }
    update.put(target.id, Object::Dictionary(field_dict));
    field::register(&revision, &mut update, &target)?;

    let certificate = signer.certificate();
    let certificates_size: usize = std::iter::once(certificate)
        .chain(signer.chain())
        .map(|c| c.encoded_len().map_or(0, |l| u32::from(l) as usize))
        .sum();
    update.put_signature(
        signature_id,
        SignatureEntries {
            dict: signature_entries(certificate, options),
            contents_capacity: certificates_size + CMS_OVERHEAD,
        },
    );
    let mut prepared = update.write(pdf)?;
    let digest = Sha256::digest(prepared.signed_bytes()?);
    let cms = cms::cades_detached(signer, &digest)?;
    prepared.finish(&cms)
}

/// Checks every signature of `pdf`: `Err(NotSigned)` without any, `Err(MalformedDocument)`
/// for a file that is not a readable PDF.
pub fn verify(pdf: &[u8]) -> Result<VerifyReport, SignError> {
    verify::verify(pdf)
}

/// The signature dictionary's entries (§12.8.1, Table 252) but /ByteRange and /Contents.
fn signature_entries(
    certificate: &x509_cert::Certificate,
    options: &PdfSignOptions,
) -> lopdf::Dictionary {
    let mut dict = dictionary! {
        "Type" => "Sig",
        "Filter" => "Adobe.PPKLite",
        "SubFilter" => "ETSI.CAdES.detached",
        // PAdES B-B: the signing time is /M, not a CMS attribute (EN 319 142-1 §5.2.1).
        "M" => Object::string_literal(
            vietnam_time(options.signing_time)
                .format("D:%Y%m%d%H%M%S+07'00'")
                .to_string(),
        ),
        "Name" => syntax::text_string(&CertificateSummary::of(certificate).common_name),
    };
    if let Some(reason) = &options.reason {
        dict.set("Reason", syntax::text_string(reason));
    }
    if let Some(location) = &options.location {
        dict.set("Location", syntax::text_string(location));
    }
    dict
}
