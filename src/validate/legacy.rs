//! Vietnamese typed with the legacy TCVN3 (ABC, ".VnTime" fonts) or VNI-Windows
//! ("VNI-Times" fonts) encodings, pasted as if it were Latin-1: "Céng hoµ x· héi" or
//! "Coäng hoøa xaõ hoäi" instead of "Cộng hòa xã hội". Detection and conversion to
//! Unicode, so the finding can offer the corrected text.
//!
//! The tables are written here by hand on purpose: no maintained crate decodes this kind
//! of mojibake under a licence this MIT project can ship. The candidates found when this
//! was written were `skey-engine` (an input-method engine, GPL-3.0-only) and
//! `bamboo-core` (an input-method engine, MIT, that only *encodes* Unicode into the
//! legacy sets); `encoding_rs` has neither charset. The data is small: 67 one-to-one
//! TCVN3 characters, and VNI's letters, marks and tones, composed through Unicode NFC.

use unicode_normalization::UnicodeNormalization;

/// The legacy encoding a text was typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN 5712:1993 VN3, the "ABC" fonts (.VnTime, .VnArial).
    Tcvn3,
    /// VNI-Windows (VNI-Times, VNI-Helve).
    Vni,
}

impl Legacy {
    pub fn label(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI",
        }
    }
}

/// TCVN3 (ABC) as read in Latin-1 → Unicode. TCVN3 has no code for upper-case toned
/// vowels (the ".VnTimeH" fonts draw the lower-case codes as capitals), so only
/// Ă Â Đ Ê Ô Ơ Ư have capitals here; [`convert`] restores upper case for words typed in
/// capitals.
pub const TCVN3: &[(char, char)] = &[
    ('µ', 'à'),
    ('¸', 'á'),
    ('¶', 'ả'),
    ('·', 'ã'),
    ('¹', 'ạ'),
    ('¨', 'ă'),
    ('»', 'ằ'),
    ('¾', 'ắ'),
    ('¼', 'ẳ'),
    ('½', 'ẵ'),
    ('Æ', 'ặ'),
    ('©', 'â'),
    ('Ç', 'ầ'),
    ('Ê', 'ấ'),
    ('È', 'ẩ'),
    ('É', 'ẫ'),
    ('Ë', 'ậ'),
    ('®', 'đ'),
    ('Ì', 'è'),
    ('Ð', 'é'),
    ('Î', 'ẻ'),
    ('Ï', 'ẽ'),
    ('Ñ', 'ẹ'),
    ('ª', 'ê'),
    ('Ò', 'ề'),
    ('Õ', 'ế'),
    ('Ó', 'ể'),
    ('Ô', 'ễ'),
    ('Ö', 'ệ'),
    ('×', 'ì'),
    ('Ý', 'í'),
    ('Ø', 'ỉ'),
    ('Ü', 'ĩ'),
    ('Þ', 'ị'),
    ('ß', 'ò'),
    ('ã', 'ó'),
    ('á', 'ỏ'),
    ('â', 'õ'),
    ('ä', 'ọ'),
    ('«', 'ô'),
    ('å', 'ồ'),
    ('è', 'ố'),
    ('æ', 'ổ'),
    ('ç', 'ỗ'),
    ('é', 'ộ'),
    ('¬', 'ơ'),
    ('ê', 'ờ'),
    ('í', 'ớ'),
    ('ë', 'ở'),
    ('ì', 'ỡ'),
    ('î', 'ợ'),
    ('ï', 'ù'),
    ('ó', 'ú'),
    ('ñ', 'ủ'),
    ('ò', 'ũ'),
    ('ô', 'ụ'),
    ('\u{ad}', 'ư'),
    ('õ', 'ừ'),
    ('ø', 'ứ'),
    ('ö', 'ử'),
    ('÷', 'ữ'),
    ('ù', 'ự'),
    ('ú', 'ỳ'),
    ('ý', 'ý'),
    ('û', 'ỷ'),
    ('ü', 'ỹ'),
    ('þ', 'ỵ'),
    ('¡', 'Ă'),
    ('¢', 'Â'),
    ('§', 'Đ'),
    ('£', 'Ê'),
    ('¤', 'Ô'),
    ('¥', 'Ơ'),
    ('¦', 'Ư'),
];

/// VNI letters typed as one character: đ, ư, ơ and the toned i and ỵ.
pub const VNI_LETTERS: &[(char, char)] = &[
    ('ñ', 'đ'),
    ('Ñ', 'Đ'),
    ('ö', 'ư'),
    ('Ö', 'Ư'),
    ('ô', 'ơ'),
    ('Ô', 'Ơ'),
    ('í', 'í'),
    ('Í', 'Í'),
    ('ì', 'ì'),
    ('Ì', 'Ì'),
    ('æ', 'ỉ'),
    ('Æ', 'Ỉ'),
    ('ó', 'ĩ'),
    ('Ó', 'Ĩ'),
    ('ò', 'ị'),
    ('Ò', 'Ị'),
    ('î', 'ỵ'),
    ('Î', 'Ỵ'),
];

/// A VNI mark typed after its vowel: (mark, shape modifier, tone), both as Unicode
/// combining characters ('\0' for none). The lower- and upper-case forms are the same mark.
pub const VNI_MARKS: &[(char, char, char)] = &[
    // Tones alone.
    ('ù', '\0', '\u{301}'),
    ('ø', '\0', '\u{300}'),
    ('û', '\0', '\u{309}'),
    ('õ', '\0', '\u{303}'),
    ('ï', '\0', '\u{323}'),
    // Circumflex (â, ê, ô), with or without a tone.
    ('â', '\u{302}', '\0'),
    ('á', '\u{302}', '\u{301}'),
    ('à', '\u{302}', '\u{300}'),
    ('å', '\u{302}', '\u{309}'),
    ('ã', '\u{302}', '\u{303}'),
    ('ä', '\u{302}', '\u{323}'),
    // Breve (ă), with or without a tone.
    ('ê', '\u{306}', '\0'),
    ('é', '\u{306}', '\u{301}'),
    ('è', '\u{306}', '\u{300}'),
    ('ú', '\u{306}', '\u{309}'),
    ('ü', '\u{306}', '\u{303}'),
    ('ë', '\u{306}', '\u{323}'),
];

fn lookup(table: &[(char, char)], c: char) -> Option<char> {
    table.iter().find(|(k, _)| *k == c).map(|(_, v)| *v)
}

fn vni_mark(c: char) -> Option<(char, char)> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    VNI_MARKS
        .iter()
        .find(|(k, _, _)| *k == lower)
        .map(|(_, m, t)| (*m, *t))
}

/// Characters of TCVN3 or VNI that Vietnamese written in Unicode never uses.
pub(super) fn is_signature(c: char) -> bool {
    signature_code(c as u32)
}

/// [`is_signature`] by code point, usable in constants.
#[rustfmt::skip]
pub(super) const fn signature_code(c: u32) -> bool {
    matches!(c,
        0xA1..=0xAE // ¡ ¢ £ ¤ ¥ ¦ § ¨ © ª « ¬ soft hyphen ®
        | 0xB5..=0xB9 | 0xBB..=0xBE // µ ¶ · ¸ ¹ » ¼ ½ ¾
        | 0xC4..=0xC7 | 0xCB | 0xCE..=0xD1 // Ä Å Æ Ç Ë Î Ï Ð Ñ
        | 0xD6..=0xD8 | 0xDB | 0xDC | 0xDE | 0xDF // Ö × Ø Û Ü Þ ß
        | 0xE4..=0xE7 | 0xEB | 0xEE | 0xEF | 0xF1 // ä å æ ç ë î ï ñ
        | 0xF6..=0xF8 | 0xFB | 0xFC | 0xFE) // ö ÷ ø û ü þ
}

/// Signature characters that are letters in no language a plan would quote
/// (unlike "ü" or "ø" in a foreign name): one of them is enough in a short text.
#[rustfmt::skip]
fn is_strong_signature(c: char) -> bool {
    matches!(c as u32,
        0xA1..=0xAE | 0xB5..=0xB9 | 0xBB..=0xBE // ¡ … ®, µ ¶ · ¸ ¹, » ¼ ½ ¾
        | 0xD0 | 0xD7 | 0xDE | 0xF7 | 0xFE) // Ð × Þ ÷ þ
}

/// Characters found only in TCVN3 text (VNI never produces them).
#[rustfmt::skip]
fn is_tcvn3_only(c: char) -> bool {
    matches!(c as u32,
        0xA1..=0xAE | 0xB5..=0xB9 | 0xBB..=0xBE // ¡ … ®, µ ¶ · ¸ ¹, » ¼ ½ ¾
        | 0xC7 | 0xD0 | 0xD7 | 0xDE | 0xDF // Ç Ð × Þ ß
        | 0xE7 | 0xF7 | 0xFE) // ç ÷ þ
}

/// A vowel a VNI mark can follow ("ô" and "ö" are VNI's ơ and ư).
fn is_vni_base(c: char) -> bool {
    matches!(
        c,
        'a' | 'e' | 'o' | 'u' | 'y' | 'ô' | 'ö' | 'A' | 'E' | 'O' | 'U' | 'Y' | 'Ô' | 'Ö'
    )
}

fn letterish(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphabetic() || is_signature(c))
}

/// Whether `text` has a signature character at all. Every one is in U+00A1..U+00FE,
/// two bytes in UTF-8 starting with 0xC2 or 0xC3, so this scans bytes without decoding
/// or classifying characters (most text has none and stops here).
fn has_signature(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(2).any(|w| match w[0] {
        0xC2 => (0xA1..=0xBF).contains(&w[1]) && is_signature(char::from(w[1])),
        0xC3 => (0x80..=0xBF).contains(&w[1]) && is_signature(char::from(w[1] + 0x40)),
        _ => false,
    })
}

/// Whether `text` looks like TCVN3 or VNI mojibake, and its conversion to Unicode.
pub fn detect(text: &str) -> Option<(Legacy, String)> {
    if !has_signature(text) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut signatures, mut strong, mut tcvn3_votes, mut vni_votes) = (0usize, 0, 0, 0);
    let (mut words, mut marked_words) = (0usize, 0usize);
    let mut in_word = false;
    let mut word_marked = false;
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let is_letter = c.is_alphabetic() || is_signature(c);
        if is_letter && !in_word {
            words += 1;
            word_marked = false;
        }
        in_word = is_letter;
        if !is_signature(c) {
            continue;
        }
        // Inside a word; guillemets and the middle dot count only between letters.
        let inside = match c {
            '«' | '»' | '·' => letterish(prev) && letterish(next),
            _ => letterish(prev) || letterish(next),
        };
        if !inside {
            continue;
        }
        signatures += 1;
        if is_strong_signature(c) {
            strong += 1;
        }
        if !word_marked {
            word_marked = true;
            marked_words += 1;
        }
        if is_tcvn3_only(c) {
            tcvn3_votes += 2;
        } else if matches!(c, 'Ä' | 'Å' | 'Û')
            || (vni_mark(c).is_some() && prev.is_some_and(is_vni_base))
        {
            vni_votes += 1;
        } else {
            tcvn3_votes += 1;
        }
    }
    let words = words.max(1);
    let looks_legacy = (signatures >= 2 && marked_words * 5 >= words)
        || (strong >= 1 && marked_words * 2 >= words);
    if !looks_legacy {
        return None;
    }
    let legacy = if vni_votes > tcvn3_votes {
        Legacy::Vni
    } else {
        Legacy::Tcvn3
    };
    Some((legacy, convert_spans(text, legacy)))
}

/// How a word reads: surely Unicode Vietnamese (a letter beyond Latin-1 that no legacy
/// table produces: "trọng"), surely legacy (a signature character: "chuyÓn"), or either
/// ("tâm", "sè", "do").
#[derive(Clone, Copy, PartialEq, Eq)]
enum WordKind {
    Unicode,
    Legacy,
    Either,
}

fn word_kind(word: &str) -> WordKind {
    if word.chars().any(is_signature) {
        WordKind::Legacy
    } else if word.chars().any(|c| {
        c.is_alphabetic()
            && u32::from(c) > 0xFF
            && lookup(TCVN3, c).is_none()
            && lookup(VNI_LETTERS, c).is_none()
    }) {
        WordKind::Unicode
    } else {
        WordKind::Either
    }
}

/// Punctuation that ends a phrase: a pasted legacy span rarely runs across it.
fn ends_phrase(word: &str) -> bool {
    word.ends_with([',', ';', ':', '.', '!', '?', ')'])
}

/// Converts only the legacy spans of `text`: the words with a signature character, and
/// the ambiguous words joined to them without punctuation between. Correct Unicode
/// around a pasted span ("trọng tâm: chuyÓn ®æi sè") stays as typed.
fn convert_spans(text: &str, legacy: Legacy) -> String {
    let words: Vec<&str> = text.split_inclusive(char::is_whitespace).collect();
    let kinds: Vec<WordKind> = words.iter().map(|w| word_kind(w.trim_end())).collect();
    let mut marked: Vec<bool> = kinds.iter().map(|k| *k == WordKind::Legacy).collect();
    let joins = |earlier: &str| !ends_phrase(earlier.trim_end());
    for i in 1..words.len() {
        if !marked[i] && kinds[i] == WordKind::Either && marked[i - 1] && joins(words[i - 1]) {
            marked[i] = true;
        }
    }
    for i in (0..words.len().saturating_sub(1)).rev() {
        if !marked[i] && kinds[i] == WordKind::Either && marked[i + 1] && joins(words[i]) {
            marked[i] = true;
        }
    }
    // Each run of marked words converts as one span, so that a span typed in capitals
    // gets its capitals back.
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < words.len() {
        let run = marked[i..].iter().take_while(|m| **m == marked[i]).count();
        let span: String = words[i..i + run].concat();
        if marked[i] {
            out.push_str(&convert(&span, legacy));
        } else {
            out.push_str(&span);
        }
        i += run;
    }
    out
}

/// `text` converted from the legacy encoding to Unicode (NFC).
pub fn convert(text: &str, legacy: Legacy) -> String {
    let converted = match legacy {
        Legacy::Tcvn3 => text
            .chars()
            .map(|c| lookup(TCVN3, c).unwrap_or(c))
            .collect::<String>(),
        Legacy::Vni => convert_vni(text),
    };
    restore_capitals(text, &converted)
}

fn convert_vni(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if is_vni_base(c) {
            if let Some((modifier, tone)) = next.and_then(vni_mark) {
                let horn = matches!(c, 'ô' | 'ö' | 'Ô' | 'Ö');
                let valid = match modifier {
                    '\u{302}' => matches!(c, 'a' | 'e' | 'o' | 'A' | 'E' | 'O'),
                    '\u{306}' => matches!(c, 'a' | 'A'),
                    _ => true,
                };
                if valid {
                    let base = match c {
                        'ô' => 'o',
                        'Ô' => 'O',
                        'ö' => 'u',
                        'Ö' => 'U',
                        other => other,
                    };
                    let mut composed = String::from(base);
                    if horn {
                        composed.push('\u{31b}');
                    }
                    for m in [modifier, tone] {
                        if m != '\0' {
                            composed.push(m);
                        }
                    }
                    out.extend(composed.nfc());
                    i += 2;
                    continue;
                }
            }
        }
        out.push(lookup(VNI_LETTERS, c).unwrap_or(c));
        i += 1;
    }
    out
}

/// Words typed in capitals keep their capitals: TCVN3 has lower-case codes only for
/// toned vowels. A text with no lower-case ASCII letter and at least two capitals is
/// upper-cased whole; otherwise each word with two capitals and no lower-case ASCII is.
fn restore_capitals(original: &str, converted: &str) -> String {
    let caps = |s: &str| s.chars().filter(char::is_ascii_uppercase).count();
    let lowers = |s: &str| s.chars().filter(char::is_ascii_lowercase).count();
    if lowers(original) == 0 && caps(original) >= 2 {
        return converted.to_uppercase();
    }
    let originals: Vec<&str> = original.split(' ').collect();
    let parts: Vec<&str> = converted.split(' ').collect();
    if originals.len() != parts.len() {
        return converted.to_owned();
    }
    originals
        .iter()
        .zip(&parts)
        .map(|(o, p)| {
            if caps(o) >= 2 && lowers(o) == 0 {
                p.to_uppercase()
            } else {
                (*p).to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_is_detected_and_converted() {
        let (legacy, text) = detect("Céng hoµ x· héi chñ nghÜa ViÖt Nam").unwrap();
        assert_eq!(legacy, Legacy::Tcvn3);
        assert_eq!(text, "Cộng hoà xã hội chủ nghĩa Việt Nam");
        let (_, text) = detect("§éc lËp - Tù do - H¹nh phóc").unwrap();
        assert_eq!(text, "Độc lập - Tự do - Hạnh phúc");
        let (_, text) = detect("Së Th«ng tin vµ TruyÒn th«ng").unwrap();
        assert_eq!(text, "Sở Thông tin và Truyền thông");
        let (_, text) = detect("UBND TØNH H¦NG Y£N").unwrap();
        assert_eq!(text, "UBND TỈNH HƯNG YÊN");
        let (_, text) = detect("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM").unwrap();
        assert_eq!(text, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        let (_, text) = detect("ng\u{AD}êi d©n, doanh nghiÖp").unwrap();
        assert_eq!(text, "người dân, doanh nghiệp");
    }

    #[test]
    fn only_the_legacy_span_is_converted() {
        let (_, text) = detect("trọng tâm: chuyÓn ®æi sè").unwrap();
        assert_eq!(text, "trọng tâm: chuyển đổi số");
        let (_, text) = detect("chuyÓn ®æi sè, phát triển").unwrap();
        assert_eq!(text, "chuyển đổi số, phát triển");
    }

    #[test]
    fn vni_is_detected_and_converted() {
        let (legacy, text) = detect("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam").unwrap();
        assert_eq!(legacy, Legacy::Vni);
        assert_eq!(text, "Cộng hòa xã hội chủ nghĩa Việt Nam");
        let (_, text) = detect("Ñoäc laäp - Töï do - Haïnh phuùc").unwrap();
        assert_eq!(text, "Độc lập - Tự do - Hạnh phúc");
        let (_, text) = detect("ngöôøi daân, doanh nghieäp").unwrap();
        assert_eq!(text, "người dân, doanh nghiệp");
        let (_, text) = detect("CHUYEÅN ÑOÅI SOÁ").unwrap();
        assert_eq!(text, "CHUYỂN ĐỔI SỐ");
    }

    #[test]
    fn unicode_vietnamese_and_foreign_names_are_left_alone() {
        for text in [
            "Cộng hòa xã hội chủ nghĩa Việt Nam; Độc lập - Tự do - Hạnh phúc",
            "Phát triển Chính quyền số: 100% thủ tục hành chính được thực hiện trực tuyến toàn trình",
            "Hợp tác với chuyên gia Jürgen Müller trong khuôn khổ dự án của Đan Mạch về hạ tầng số và dữ liệu mở",
            "Phong trào «Bình dân học vụ số» · 9.860 km²",
            "Khóa học © 2025 của Trường Đại học Bách khoa",
        ] {
            assert_eq!(detect(text), None, "{text}");
        }
    }
}
