//! The ZIP package: its parts read with limits (a hostile file must not exhaust memory),
//! found by name as OPC compares names, and written back with parts changed or added
//! while every other entry is copied byte for byte.

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::content_types;
use crate::sign::SignError;

/// Limits on what a package may decompress to: far above any plan (a few MiB), far below
/// what would exhaust a desktop's memory. A ZIP bomb stops at the limit, not after.
const MAX_PART_SIZE: u64 = 128 << 20;
const MAX_TOTAL_SIZE: u64 = 512 << 20;
const MAX_PARTS: usize = 10_000;

/// One part: its name (`/word/document.xml`) and content.
pub struct Part {
    pub name: String,
    pub data: Vec<u8>,
}

pub struct Package {
    parts: Vec<Part>,
    index: HashMap<String, usize>,
}

impl Package {
    /// Reads every part of `bytes`; not a ZIP with `[Content_Types].xml` → `UnknownFormat`.
    pub fn read(bytes: &[u8]) -> Result<Package, SignError> {
        let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|_| SignError::UnknownFormat)?;
        // The zip reader keeps one entry per name; a second entry of the same name is
        // what an attacker shows Word while we verify the other (OPC forbids it).
        if central_directory_entries(bytes).is_some_and(|n| n != zip.len() as u64) {
            return Err(malformed(
                "gói có hai mục cùng tên, nên không còn nguyên vẹn như khi tạo".into(),
            ));
        }
        if zip.len() > MAX_PARTS {
            return Err(malformed(format!(
                "có {} mục, quá giới hạn {MAX_PARTS}",
                zip.len()
            )));
        }
        let mut package = Package {
            parts: Vec::with_capacity(zip.len()),
            index: HashMap::new(),
        };
        let mut total = 0;
        for i in 0..zip.len() {
            let file = zip.by_index(i).map_err(|e| malformed(e.to_string()))?;
            if file.is_dir() {
                continue;
            }
            let name = format!("/{}", file.name().trim_start_matches('/'));
            let limit = MAX_PART_SIZE.min(MAX_TOTAL_SIZE - total);
            let mut data = Vec::new();
            file.take(limit + 1)
                .read_to_end(&mut data)
                .map_err(|e| malformed(format!("phần {name} không giải nén được: {e}")))?;
            if data.len() as u64 > limit {
                return Err(malformed(format!(
                    "phần {name} giải nén ra quá {} MiB (tệp nén bất thường)",
                    limit >> 20
                )));
            }
            total += data.len() as u64;
            if package
                .index
                .insert(equivalence_key(&name), package.parts.len())
                .is_some()
            {
                return Err(malformed(format!("phần {name} có hai lần")));
            }
            package.parts.push(Part { name, data });
        }
        if package.part(content_types::NAME).is_none() {
            return Err(SignError::UnknownFormat);
        }
        Ok(package)
    }

    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// The part named `name`, compared as OPC does: percent-encoding decoded, ASCII case
    /// ignored (ECMA-376 Part 2 §6.2.2.3 / §9.1.1.1.2).
    pub fn part(&self, name: &str) -> Option<&Part> {
        self.index
            .get(&equivalence_key(name))
            .map(|&i| &self.parts[i])
    }

    /// The part as UTF-8 text (a byte-order mark dropped).
    pub fn text(&self, name: &str) -> Option<Result<&str, SignError>> {
        self.part(name).map(|part| {
            let data = part
                .data
                .strip_prefix(b"\xEF\xBB\xBF")
                .unwrap_or(&part.data);
            std::str::from_utf8(data)
                .map_err(|_| malformed(format!("phần {} không phải văn bản UTF-8", part.name)))
        })
    }
}

/// The number of entries the central directory declares (ZIP APPNOTE §4.3.16, with the
/// ZIP64 record of §4.3.14 when the 16-bit count overflows). Read by hand because the
/// zip reader merges entries of the same name and reports only what it kept.
fn central_directory_entries(bytes: &[u8]) -> Option<u64> {
    const END: &[u8] = b"PK\x05\x06";
    const MIN_END: usize = 22;
    let earliest = bytes.len().saturating_sub(MIN_END + u16::MAX as usize);
    let end = (earliest..=bytes.len().checked_sub(MIN_END)?)
        .rev()
        .find(|&at| bytes[at..].starts_with(END))?;
    let le16 = |at: usize| Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?));
    let le64 = |at: usize| Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?));
    let count = le16(end + 10)?;
    if count != u16::MAX {
        return Some(u64::from(count));
    }
    // ZIP64: the locator sits just before the end record and points at the record.
    let locator = end.checked_sub(20)?;
    if !bytes[locator..].starts_with(b"PK\x06\x07") {
        return Some(u64::from(count));
    }
    let record = usize::try_from(le64(locator + 8)?).ok()?;
    if !bytes.get(record..)?.starts_with(b"PK\x06\x06") {
        return None;
    }
    le64(record + 32)
}

/// The key under which equivalent part names meet.
pub fn equivalence_key(name: &str) -> String {
    let bytes = name.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).to_ascii_lowercase()
}

/// `original` with the parts in `changes` replaced (same place, same entry name) or,
/// when new, added at the end; every other entry is copied with its compressed bytes.
pub fn rewrite(original: &[u8], changes: &[(String, Vec<u8>)]) -> Result<Vec<u8>, SignError> {
    let failed = |e: zip::result::ZipError| SignError::Signing(e.to_string());
    let mut zip = ZipArchive::new(Cursor::new(original)).map_err(|_| SignError::UnknownFormat)?;
    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(original.len() + 16 * 1024)));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .unix_permissions(0o644);
    let mut written = vec![false; changes.len()];
    for i in 0..zip.len() {
        let file = zip.by_index_raw(i).map_err(failed)?;
        let key = equivalence_key(&format!("/{}", file.name().trim_start_matches('/')));
        match changes
            .iter()
            .position(|(name, _)| equivalence_key(name) == key)
        {
            Some(change) => {
                let entry = file.name().to_owned();
                let options = options.last_modified_time(file.last_modified().unwrap_or_default());
                drop(file);
                out.start_file(entry, options).map_err(failed)?;
                out.write_all(&changes[change].1)
                    .map_err(|e| SignError::Signing(e.to_string()))?;
                written[change] = true;
            }
            None => out.raw_copy_file(file).map_err(failed)?,
        }
    }
    for ((name, data), _) in changes.iter().zip(&written).filter(|(_, done)| !**done) {
        out.start_file(name.trim_start_matches('/'), options)
            .map_err(failed)?;
        out.write_all(data)
            .map_err(|e| SignError::Signing(e.to_string()))?;
    }
    Ok(out.finish().map_err(failed)?.into_inner())
}

fn malformed(detail: String) -> SignError {
    SignError::MalformedDocument(detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            zip.start_file(*name, SimpleFileOptions::default()).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn parts_are_found_as_opc_compares_names() {
        let bytes = zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/My%20Doc.xml", b"x"),
        ]);
        let package = Package::read(&bytes).unwrap();
        assert!(package.part("/WORD/my doc.xml").is_some());
        assert!(package.part("/word/My%20doc.XML").is_some());
        assert!(package.part("/word/other.xml").is_none());
    }

    #[test]
    fn junk_and_packages_without_content_types_are_unknown() {
        assert!(matches!(
            Package::read(b"PK not really"),
            Err(SignError::UnknownFormat)
        ));
        let bytes = zip_of(&[("a.txt", b"x")]);
        assert!(matches!(
            Package::read(&bytes),
            Err(SignError::UnknownFormat)
        ));
        let twice = zip_of(&[("[Content_Types].xml", b""), ("A.xml", b""), ("a.xml", b"")]);
        assert!(matches!(
            Package::read(&twice),
            Err(SignError::MalformedDocument(_))
        ));
    }

    #[test]
    fn two_entries_of_one_name_are_refused() {
        let mut bytes = zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b"forged"),
            ("word/documenT.xml", b"signed"),
        ]);
        // Give the second entry the first one's exact name, in its local header and in
        // the central directory: the zip reader then keeps only one of them.
        let from = b"word/documenT.xml";
        let mut at = 0;
        while let Some(i) = bytes[at..].windows(from.len()).position(|w| w == from) {
            bytes[at + i..at + i + from.len()].copy_from_slice(b"word/document.xml");
            at += i + from.len();
        }
        assert_eq!(ZipArchive::new(Cursor::new(&bytes[..])).unwrap().len(), 2);
        assert!(matches!(
            Package::read(&bytes),
            Err(SignError::MalformedDocument(m)) if m.contains("hai mục cùng tên")
        ));
    }

    #[test]
    fn rewrite_replaces_adds_and_copies_the_rest() {
        let bytes = zip_of(&[
            ("[Content_Types].xml", b"old"),
            ("word/document.xml", b"body"),
        ]);
        let out = rewrite(
            &bytes,
            &[
                ("/[Content_Types].xml".into(), b"new".to_vec()),
                ("/_xmlsignatures/sig1.xml".into(), b"sig".to_vec()),
            ],
        )
        .unwrap();
        let package = Package::read(&out).unwrap();
        let names: Vec<&str> = package.parts().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "/[Content_Types].xml",
                "/word/document.xml",
                "/_xmlsignatures/sig1.xml"
            ]
        );
        assert_eq!(package.part("/[Content_Types].xml").unwrap().data, b"new");
        assert_eq!(package.part("/word/document.xml").unwrap().data, b"body");
    }
}
