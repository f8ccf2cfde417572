//! PDF object syntax (ISO 32000-1 §7.3) for the objects of an incremental update. lopdf
//! parses objects but does not export its serializer, and the signature dictionary needs
//! byte-exact placeholders anyway, so the few forms are written here.

use std::io::Write;

use lopdf::{Dictionary, Object};

/// Appends `object` to `out`. Strings are written in hexadecimal (no escaping to get
/// wrong); streams with their dictionary's other entries and an exact /Length.
pub fn write_object(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => out.extend_from_slice(real(f64::from(*r)).as_bytes()),
        Object::Name(name) => write_name(out, name),
        Object::String(bytes, _) => write_hex_string(out, bytes),
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => write_dictionary(out, dict),
        Object::Stream(stream) => {
            let mut dict = stream.dict.clone();
            dict.set("Length", stream.content.len() as i64);
            write_dictionary(out, &dict);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((id, generation)) => {
            let _ = write!(out, "{id} {generation} R");
        }
    }
}

fn write_dictionary(out: &mut Vec<u8>, dict: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        write_name(out, key);
        out.push(b' ');
        write_object(out, value);
        out.push(b'\n');
    }
    out.extend_from_slice(b">>");
}

/// `/Name`, with `#xx` escapes for delimiters, whitespace and non-ASCII (§7.3.5).
fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if b.is_ascii_graphic() && !b"#()<>[]{}/%".contains(&b) {
            out.push(b);
        } else {
            let _ = write!(out, "#{b:02X}");
        }
    }
}

pub fn write_hex_string(out: &mut Vec<u8>, bytes: &[u8]) {
    out.push(b'<');
    for b in bytes {
        let _ = write!(out, "{b:02X}");
    }
    out.push(b'>');
}

/// A text string (§7.9.2.2): UTF-16BE with a byte order mark, so Vietnamese survives.
pub fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

/// A real number without exponent, as PDF requires (§7.3.3).
pub fn real(value: f64) -> String {
    let value = if value.is_finite() { value } else { 0.0 };
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn objects_are_written_in_pdf_syntax() {
        let mut out = Vec::new();
        let dict = dictionary! {
            "Type" => "Sig",
            "Rect" => vec![Object::Real(1.5), Object::Integer(-2)],
            "A b" => Object::Reference((12, 0)),
        };
        write_object(&mut out, &Object::Dictionary(dict));
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("/Type /Sig"), "{text}");
        assert!(text.contains("/Rect [1.5 -2]"), "{text}");
        assert!(text.contains("/A#20b 12 0 R"), "{text}");
        assert_eq!(real(f64::NAN), "0");
        assert_eq!(real(-0.00001), "0");
        assert_eq!(real(841.89), "841.89");
    }
}
