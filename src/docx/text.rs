//! Text as it may appear in a Word file: NFC, no characters XML 1.0 forbids, no control
//! characters; line breaks and tabs become Word's own break and tab elements.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// One piece of a run's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Piece<'a> {
    Text(&'a str),
    /// A manual line break (`w:br`): from "\n", "\r\n", "\r", U+000B, U+000C, U+2028, U+2029.
    Break,
    /// A tab (`w:tab`).
    Tab,
}

/// Whether `c` is kept as text. Dropped: C0 controls (tab and line breaks are handled
/// by [`pieces`]), DEL and C1 controls, non-characters (U+FDD0–U+FDEF and the last two
/// code points of every plane; U+FFFE/U+FFFF are not even allowed in XML).
fn keeps(c: char) -> bool {
    let u = c as u32;
    !(u < 0x20
        || (0x7F..=0x9F).contains(&u)
        || (0xFDD0..=0xFDEF).contains(&u)
        || u & 0xFFFE == 0xFFFE)
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{B}' | '\u{C}' | '\u{2028}' | '\u{2029}')
}

/// The text in NFC with every character kept by Word: forbidden ones removed, breaks
/// and tabs left in place (as '\n' and '\t') for [`pieces`].
pub(super) fn clean(text: &str) -> Cow<'_, str> {
    let normal = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect::<String>())
    };
    let needs_work = normal
        .chars()
        .any(|c| (!keeps(c) && c != '\t' && c != '\n') || (is_break(c) && c != '\n'));
    if !needs_work {
        return normal;
    }
    let mut out = String::with_capacity(normal.len());
    let mut chars = normal.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue; // "\r\n" is one break
        }
        if is_break(c) {
            out.push('\n');
        } else if c == '\t' || keeps(c) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Splits cleaned text into text, breaks and tabs.
pub(super) fn pieces(clean: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = clean;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match rest.find(['\n', '\t']) {
            Some(0) => {
                let piece = if rest.starts_with('\n') {
                    Piece::Break
                } else {
                    Piece::Tab
                };
                rest = &rest[1..];
                Some(piece)
            }
            Some(i) => {
                let (text, tail) = rest.split_at(i);
                rest = tail;
                Some(Piece::Text(text))
            }
            None => {
                let text = rest;
                rest = "";
                Some(Piece::Text(text))
            }
        }
    })
}

/// Escapes text for an XML element or attribute value (the parts this module writes
/// itself). `text` must already be [`clean`]; breaks and tabs become spaces.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_removed() {
        let text = "a\u{0}b\u{1F}c\u{7F}d\u{85}e\u{FFFE}f\u{FFFF}g\u{FDD0}h\u{1FFFF}i";
        assert_eq!(clean(text), "abcdefghi");
    }

    #[test]
    fn breaks_and_tabs_are_pieces() {
        let text = clean("một\r\nhai\rba\u{B}bốn\tnăm\u{2028}");
        let got: Vec<Piece> = pieces(&text).collect();
        assert_eq!(
            got,
            vec![
                Piece::Text("một"),
                Piece::Break,
                Piece::Text("hai"),
                Piece::Break,
                Piece::Text("ba"),
                Piece::Break,
                Piece::Text("bốn"),
                Piece::Tab,
                Piece::Text("năm"),
                Piece::Break,
            ]
        );
    }

    #[test]
    fn text_becomes_nfc() {
        let decomposed = "Vie\u{302}\u{323}t Nam";
        assert_eq!(clean(decomposed), "Việt Nam");
        assert!(matches!(clean("Việt Nam"), Cow::Borrowed(_)));
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("a<b>&\"c'\u{1}\n"), "a&lt;b&gt;&amp;&quot;c&apos; ");
    }
}
