//! Where a line may not break: inside a document number ("57-NQ/TW", "…/TTr-SKHCN"), a
//! date ("ngày 26 tháng 12 năm 2025") or a range of dates, months or years ("01/2026 -
//! 12/2027", "2026 - 2030").
//!
//! Decided here, once, on the final text of the document model, with the characters
//! Unicode gives for it (UAX #14): U+2060 WORD JOINER after a hyphen (class WJ: no break
//! on either side) and U+00A0 NO-BREAK SPACE for the spaces of a range. Both are in the
//! DOCX text as they are: LibreOffice honours them and draws the hyphen at its own
//! width, and our PDF engine breaks by the same classes, so both writers keep these
//! together and break every other line alike. (U+2011 NON-BREAKING HYPHEN, or Word's
//! `w:noBreakHyphen`, was measured wider in LibreOffice's rendering than a hyphen, which
//! would move line breaks between the DOCX and our PDF; and the bundled font has no
//! glyph for it.) A "/" before a letter gets a joiner too: LibreOffice never breaks
//! there, UAX #14 (our PDF engine) would; before a digit neither breaks.

use super::{runs_mut, PageSection};

const NO_BREAK_SPACE: char = '\u{A0}';
const WORD_JOINER: char = '\u{2060}';

/// Glues the text of every block. Table cells get only the document-number glue: their
/// columns are narrow, and a range there is better split after its hyphen than cut
/// between digits.
pub(super) fn apply(sections: &mut [PageSection]) {
    for section in sections {
        runs_mut(&mut section.blocks, &mut |run, in_table| {
            run.text = if in_table {
                glue_numbers(&run.text)
            } else {
                glue(&run.text)
            };
        });
    }
}

/// A word made of digits and "/" only, with at least one digit: "2026", "01/2026",
/// "22/12/2024".
fn is_numeric_date(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit()) && word.chars().all(|c| c.is_ascii_digit() || c == '/')
}

/// A document number or symbol: one word holding both "/" and "-" ("57-NQ/TW",
/// "125/KH-UBND", "…/TTr-SKHCN", "73/2019/NĐ-CP").
fn is_document_number(word: &str) -> bool {
    word.contains('/') && word.contains('-')
}

/// Both glues: document numbers, and ranges "A - B" of numeric dates, months or years.
pub(super) fn glue(text: &str) -> String {
    let numbers = glue_numbers(&glue_dates_in_words(text));
    if !numbers.contains(" - ") {
        return numbers;
    }
    let mut out = String::with_capacity(numbers.len() + 8);
    let mut rest = numbers.as_str();
    while let Some(at) = rest.find(" - ") {
        let (before, after) = (&rest[..at], &rest[at + 3..]);
        let left = before.rsplit(char::is_whitespace).next().unwrap_or("");
        let right = after.split(char::is_whitespace).next().unwrap_or("");
        let right = right.trim_end_matches([',', ';', '.', ')', ':']);
        out.push_str(before);
        if is_numeric_date(left.trim_start_matches('(')) && is_numeric_date(right) {
            out.extend([NO_BREAK_SPACE, '-', WORD_JOINER, NO_BREAK_SPACE]);
        } else {
            out.push_str(" - ");
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// "ngày 26 tháng 12 năm 2025" kept on one line: its spaces made no-break.
fn glue_dates_in_words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("ngày ") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        match date_in_words_len(tail) {
            Some(len) => {
                out.extend(
                    tail[..len]
                        .chars()
                        .map(|c| if c == ' ' { NO_BREAK_SPACE } else { c }),
                );
                rest = &tail[len..];
            }
            None => {
                out.push_str("ngày ");
                rest = &tail["ngày ".len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The byte length of "ngày D tháng M năm YYYY" at the start of `text`, if it is one.
fn date_in_words_len(text: &str) -> Option<usize> {
    let mut at = 0;
    for (word, digits) in [("ngày ", 1..=2), (" tháng ", 1..=2), (" năm ", 4..=4)] {
        at += text[at..].starts_with(word).then_some(word.len())?;
        let n = text[at..].bytes().take_while(u8::is_ascii_digit).count();
        if !digits.contains(&n) {
            return None;
        }
        at += n;
    }
    Some(at)
}

/// Hyphens inside document numbers joined to what follows; everything else as it is.
fn glue_numbers(text: &str) -> String {
    if !text.contains('-') || !text.contains('/') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 4);
    let mut word_start = 0;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace() || i == text.len() {
            let word = &text[word_start..i];
            if is_document_number(word) {
                // A joiner after each "-", and after each "/" before a letter (UAX #14
                // allows a break there, LibreOffice does not); idempotent.
                let mut chars = word.chars().peekable();
                while let Some(c) = chars.next() {
                    out.push(c);
                    let next = chars.peek().copied();
                    let joins = match c {
                        '-' => true,
                        '/' => next.is_some_and(|n| !n.is_ascii_digit()),
                        _ => false,
                    };
                    if joins && next.is_some() && next != Some(WORD_JOINER) {
                        out.push(WORD_JOINER);
                    }
                }
            } else {
                out.push_str(word);
            }
            if i < text.len() {
                out.push(c);
            }
            word_start = i + c.len_utf8();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_ranges_are_glued() {
        assert_eq!(
            glue("Nghị quyết số 57-NQ/TW ngày 22/12/2024"),
            "Nghị quyết số 57-\u{2060}NQ/\u{2060}TW ngày 22/12/2024"
        );
        assert_eq!(
            glue("Tờ trình số …/TTr-SKHCN;"),
            "Tờ trình số …/\u{2060}TTr-\u{2060}SKHCN;"
        );
        assert_eq!(
            glue("thời gian: 01/2026 - 12/2027."),
            "thời gian: 01/2026\u{a0}-\u{2060}\u{a0}12/2027."
        );
        assert_eq!(
            glue("giai đoạn 2026 - 2030, (2026 - 2027)"),
            "giai đoạn 2026\u{a0}-\u{2060}\u{a0}2030, (2026\u{a0}-\u{2060}\u{a0}2027)"
        );
        // Words, and a hyphen without a "/", stay as typed.
        assert_eq!(
            glue("Độc lập - Tự do - Hạnh phúc"),
            "Độc lập - Tự do - Hạnh phúc"
        );
        assert_eq!(glue("kinh tế - xã hội 2026"), "kinh tế - xã hội 2026");
        assert_eq!(glue("- Lưu: VT, KTTH."), "- Lưu: VT, KTTH.");
        assert_eq!(glue(""), "");
        assert_eq!(
            glue("Hà Nội, ngày 05 tháng 3 năm 2026"),
            "Hà Nội, ngày\u{a0}05\u{a0}tháng\u{a0}3\u{a0}năm\u{a0}2026"
        );
        assert_eq!(
            glue("ngày      tháng      năm 20…"),
            "ngày      tháng      năm 20…"
        );
        // Gluing twice changes nothing.
        let once = glue("Số 57-NQ/TW, 2026 - 2030");
        assert_eq!(glue(&once), once);
    }
}
