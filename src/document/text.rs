//! The characters the document's text holds, decided once for both writers: NFC (the
//! precomposed Vietnamese letters both writers measure and draw), every line separator as
//! `'\n'` (a line break inside the paragraph), a tab as a space, and no control
//! characters or noncharacters (no glyph; XML 1.0 forbids most of them).
//!
//! Why a tab becomes a space: the decree's layout sets no tab stops, and a tab pasted
//! from another document would jump to Word's default stop in the DOCX while the PDF
//! can only draw a space — the two would break lines differently.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::{runs_mut, PageSection, Properties};

/// Characters that end a line: CR, LF, VT, FF, NEL, LINE and PARAGRAPH SEPARATOR.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{B}' | '\u{C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Characters left out: the other C0 and C1 controls and DEL, and the noncharacters
/// (U+FDD0–U+FDEF and the last two code points of every plane).
fn is_dropped(c: char) -> bool {
    let u = c as u32;
    (c.is_control() && !is_break(c) && c != '\t')
        || (0xFDD0..=0xFDEF).contains(&u)
        || u & 0xFFFE == 0xFFFE
}

/// `text` as the document holds it (see the module). Borrowed when it already is.
pub fn final_text(text: &str) -> Cow<'_, str> {
    let normal = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect::<String>())
    };
    let needs_work = normal
        .chars()
        .any(|c| c == '\t' || is_dropped(c) || (is_break(c) && c != '\n'));
    if !needs_work {
        return normal;
    }
    let mut out = String::with_capacity(normal.len());
    let mut chars = normal.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {} // "\r\n" is one break
            c if is_break(c) => out.push('\n'),
            '\t' => out.push(' '),
            c if is_dropped(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Makes every text of the document final: the runs of every block and the properties.
pub(super) fn apply(sections: &mut [PageSection], properties: &mut Properties) {
    let finalise = |text: &mut String| {
        if let Cow::Owned(done) = final_text(text) {
            *text = done;
        }
    };
    for section in sections {
        runs_mut(&mut section.blocks, &mut |run, _| finalise(&mut run.text));
    }
    let p = properties;
    for text in [&mut p.title, &mut p.subject, &mut p.author, &mut p.keywords] {
        finalise(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_removed() {
        let text = "a\u{0}b\u{1F}c\u{7F}d\u{9F}e\u{FFFE}f\u{FFFF}g\u{FDD0}h\u{1FFFF}i";
        assert_eq!(final_text(text), "abcdefghi");
    }

    #[test]
    fn breaks_become_newlines_and_tabs_spaces() {
        assert_eq!(
            final_text("một\r\nhai\rba\u{B}bốn\tnăm\u{85}sáu\u{2028}bảy\u{2029}"),
            "một\nhai\nba\nbốn năm\nsáu\nbảy\n"
        );
    }

    #[test]
    fn text_becomes_nfc_and_final_text_is_borrowed() {
        let decomposed = "Vi\u{65}\u{323}\u{302}t\tNam";
        assert_eq!(final_text(decomposed), "Việt Nam");
        assert!(matches!(
            final_text("Việt Nam\n57-\u{2060}NQ"),
            Cow::Borrowed(_)
        ));
    }
}
