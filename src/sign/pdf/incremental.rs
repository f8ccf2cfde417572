//! Writing a new revision after the existing bytes (ISO 32000-1 §7.5.6): changed and new
//! objects, a cross-reference section of the kind the file already uses (table, or stream
//! per §7.5.8), a trailer with `/Prev`, and the signature dictionary whose `/ByteRange`
//! and `/Contents` are placeholders filled once the offsets are known (§12.8.1).

use std::io::Write;
use std::ops::Range;

use lopdf::{Dictionary, Object, ObjectId};

use super::parse::Revision;
use super::syntax::{write_hex_string, write_object};
use crate::sign::SignError;

/// Room for "0 a b c" in the `/ByteRange` placeholder: offsets of up to 10 digits.
const BYTE_RANGE_WIDTH: usize = 36;

/// The entries of the signature dictionary besides `/ByteRange` and `/Contents`.
pub struct SignatureEntries {
    /// `/M`, `/Name`, `/Reason`, `/Location`… (§12.8.1, Table 252).
    pub dict: Dictionary,
    /// Bytes reserved for the DER CMS (the hex string is twice as long).
    pub contents_capacity: usize,
}

/// The objects of the update being assembled.
pub struct Update<'a> {
    revision: &'a Revision,
    next_id: u32,
    objects: Vec<(ObjectId, Body)>,
}

enum Body {
    Object(Object),
    Signature(SignatureEntries),
}

impl<'a> Update<'a> {
    pub fn new(revision: &'a Revision) -> Update<'a> {
        let declared = revision
            .doc
            .trailer
            .get(b"Size")
            .and_then(Object::as_i64)
            .ok()
            .and_then(|s| u32::try_from(s).ok())
            .unwrap_or(0);
        Update {
            revision,
            next_id: declared.max(revision.doc.max_id.saturating_add(1)),
            objects: Vec::new(),
        }
    }

    /// A fresh object number.
    pub fn new_id(&mut self) -> ObjectId {
        let id = (self.next_id, 0);
        self.next_id += 1;
        id
    }

    /// Adds `object`, or replaces object `id` of the earlier revisions.
    pub fn put(&mut self, id: ObjectId, object: Object) {
        self.objects.retain(|(i, _)| *i != id);
        self.objects.push((id, Body::Object(object)));
    }

    /// Adds the signature dictionary, with placeholders.
    pub fn put_signature(&mut self, id: ObjectId, entries: SignatureEntries) {
        self.objects.push((id, Body::Signature(entries)));
    }

    /// The whole file: `base` then the update. Fails when no signature was put.
    pub fn write(mut self, base: &[u8]) -> Result<Prepared, SignError> {
        let mut out = base.to_vec();
        if !matches!(out.last(), Some(b'\n' | b'\r')) {
            out.push(b'\n');
        }
        let mut offsets: Vec<(ObjectId, usize)> = Vec::new();
        let mut placeholders = None;
        for (id, body) in &self.objects {
            offsets.push((*id, out.len()));
            begin_object(&mut out, *id);
            match body {
                Body::Object(object) => write_object(&mut out, object),
                Body::Signature(entries) => {
                    placeholders = Some(write_signature(&mut out, entries));
                }
            }
            out.extend_from_slice(b"\nendobj\n");
        }
        let (byte_range, contents) = placeholders
            .ok_or_else(|| SignError::Signing("thiếu từ điển chữ ký trong bản cập nhật".into()))?;
        let xref_at = out.len();
        let trailer = self.trailer();
        if self.revision.xref_stream {
            let id = self.new_id();
            offsets.push((id, xref_at));
            write_xref_stream(&mut out, id, &offsets, trailer, self.next_id);
        } else {
            write_xref_table(&mut out, &offsets, trailer, self.next_id);
        }
        let _ = write!(out, "startxref\n{xref_at}\n%%EOF\n");
        Ok(Prepared {
            bytes: out,
            byte_range,
            contents,
        })
    }

    /// The trailer entries carried over (§7.5.6: the update's trailer has the previous
    /// one's entries and `/Prev`).
    fn trailer(&self) -> Dictionary {
        let previous = &self.revision.doc.trailer;
        let mut trailer = Dictionary::new();
        for key in [b"Root".as_slice(), b"Info", b"ID"] {
            if let Ok(value) = previous.get(key) {
                trailer.set(key, value.clone());
            }
        }
        trailer.set("Prev", self.revision.last_xref as i64);
        trailer
    }
}

/// Writes the signature dictionary; returns where its `/ByteRange` array and
/// `/Contents` hex string are.
fn write_signature(out: &mut Vec<u8>, entries: &SignatureEntries) -> (Range<usize>, Range<usize>) {
    out.extend_from_slice(b"<<");
    for (key, value) in entries.dict.iter() {
        write_object(out, &Object::Name(key.clone()));
        out.push(b' ');
        write_object(out, value);
        out.push(b'\n');
    }
    out.extend_from_slice(b"/ByteRange ");
    let byte_range_start = out.len();
    out.push(b'[');
    out.extend(std::iter::repeat_n(b' ', BYTE_RANGE_WIDTH));
    out.push(b']');
    let byte_range = byte_range_start..out.len();
    out.extend_from_slice(b"\n/Contents ");
    let contents_start = out.len();
    write_hex_string(out, &vec![0; entries.contents_capacity]);
    let contents = contents_start..out.len();
    out.extend_from_slice(b"\n>>");
    (byte_range, contents)
}

/// A classic cross-reference section (§7.5.4) for `offsets`, in subsections of
/// consecutive numbers, then the trailer.
fn write_xref_table(
    out: &mut Vec<u8>,
    offsets: &[(ObjectId, usize)],
    mut trailer: Dictionary,
    size: u32,
) {
    let mut sorted = offsets.to_vec();
    sorted.sort();
    out.extend_from_slice(b"xref\n");
    for run in consecutive_runs(&sorted) {
        let _ = writeln!(out, "{} {}", run[0].0 .0, run.len());
        for ((_, generation), offset) in run {
            // Each entry is exactly 20 bytes (§7.5.4).
            let _ = write!(out, "{offset:010} {generation:05} n\r\n");
        }
    }
    trailer.set("Size", i64::from(size));
    out.extend_from_slice(b"trailer\n");
    write_object(out, &Object::Dictionary(trailer));
    out.push(b'\n');
}

/// A cross-reference stream (§7.5.8) for `offsets`, its own entry included; it carries
/// the trailer entries.
fn write_xref_stream(
    out: &mut Vec<u8>,
    id: ObjectId,
    offsets: &[(ObjectId, usize)],
    mut dict: Dictionary,
    size: u32,
) {
    let mut sorted = offsets.to_vec();
    sorted.sort();
    let mut index = Vec::new();
    let mut data = Vec::new();
    for run in consecutive_runs(&sorted) {
        index.push(Object::Integer(i64::from(run[0].0 .0)));
        index.push(Object::Integer(run.len() as i64));
        for ((_, generation), offset) in run {
            // Type 1 (in use), 8-byte offset, 2-byte generation.
            data.push(1);
            data.extend_from_slice(&(*offset as u64).to_be_bytes());
            data.extend_from_slice(&generation.to_be_bytes());
        }
    }
    dict.set("Type", "XRef");
    dict.set("Size", i64::from(size));
    dict.set("Index", index);
    dict.set("W", vec![1.into(), 8.into(), 2.into()]);
    begin_object(out, id);
    write_object(out, &Object::Stream(lopdf::Stream::new(dict, data)));
    out.extend_from_slice(b"\nendobj\n");
}

fn begin_object(out: &mut Vec<u8>, (number, generation): ObjectId) {
    let _ = writeln!(out, "{number} {generation} obj");
}

/// `sorted` split into runs of consecutive object numbers.
fn consecutive_runs(sorted: &[(ObjectId, usize)]) -> Vec<&[(ObjectId, usize)]> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=sorted.len() {
        if i == sorted.len() || sorted[i].0 .0 != sorted[i - 1].0 .0 + 1 {
            runs.push(&sorted[start..i]);
            start = i;
        }
    }
    runs
}

/// The file with its placeholders, ready for the CMS.
pub struct Prepared {
    bytes: Vec<u8>,
    byte_range: Range<usize>,
    contents: Range<usize>,
}

impl Prepared {
    /// `/ByteRange`: everything but the `/Contents` hex string, delimiters included.
    pub fn byte_range(&self) -> [usize; 4] {
        let end = self.bytes.len();
        [
            0,
            self.contents.start,
            self.contents.end,
            end - self.contents.end,
        ]
    }

    /// Writes the `/ByteRange`; returns the bytes it covers, to digest.
    pub fn signed_bytes(&mut self) -> Result<Vec<u8>, SignError> {
        let [a, b, c, d] = self.byte_range();
        let text = format!("{a} {b} {c} {d}");
        let field = &mut self.bytes[self.byte_range.start + 1..self.byte_range.end - 1];
        field
            .get_mut(..text.len())
            .ok_or_else(|| SignError::UnsupportedPdf("tệp quá lớn".into()))?
            .copy_from_slice(text.as_bytes());
        let mut signed = self.bytes[..b].to_vec();
        signed.extend_from_slice(&self.bytes[c..c + d]);
        Ok(signed)
    }

    /// Puts `cms` into `/Contents`; fails when it does not fit the reserved room.
    pub fn finish(mut self, cms: &[u8]) -> Result<Vec<u8>, SignError> {
        let room = (self.contents.len() - 2) / 2;
        if cms.len() > room {
            return Err(SignError::Signing(format!(
                "chữ ký ({} byte) lớn hơn chỗ dành sẵn trong tệp ({room} byte)",
                cms.len()
            )));
        }
        let mut hex = Vec::with_capacity(cms.len() * 2 + 2);
        write_hex_string(&mut hex, cms);
        // Without the closing '>': the rest of the reserved zeros stay as padding.
        let start = self.contents.start;
        self.bytes[start..start + hex.len() - 1].copy_from_slice(&hex[..hex.len() - 1]);
        Ok(self.bytes)
    }
}
