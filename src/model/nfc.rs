//! Unicode NFC on the way in: every string that enters a plan is normalised once,
//! so comparisons, validation and the writers never see decomposed Vietnamese.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

pub fn is_nfc(s: &str) -> bool {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => s.nfc().eq(s.chars()),
    }
}

/// NFC form of `s`, borrowing nothing when it is already NFC.
pub fn normalize_nfc(s: &str) -> String {
    if is_nfc(s) {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// Normalises every string (and object key) in a JSON value in place.
pub fn normalize_value(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::String(s) => {
            if !is_nfc(s) {
                *s = s.nfc().collect();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalize_value),
        Value::Object(map) => {
            if map.keys().any(|k| !is_nfc(k)) {
                let entries = std::mem::take(map);
                for (k, mut v) in entries {
                    normalize_value(&mut v);
                    map.insert(normalize_nfc(&k), v);
                }
            } else {
                map.values_mut().for_each(normalize_value);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_vietnamese_becomes_precomposed() {
        let nfd = "Vie\u{0302}\u{0323}t Nam";
        assert!(!is_nfc(nfd));
        assert_eq!(normalize_nfc(nfd), "Việt Nam");
        let mut v = serde_json::json!({"a": [nfd], "b": {"c": nfd}});
        normalize_value(&mut v);
        assert_eq!(
            v,
            serde_json::json!({"a": ["Việt Nam"], "b": {"c": "Việt Nam"}})
        );
    }
}
