//! Rules over every string of the plan: NFC, spaces, balanced brackets and quotes,
//! legacy-encoded Vietnamese, and bodies renamed in 2025.

use std::borrow::Cow;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::legacy;
use super::{at, quote, Part, Severity, Sink};
use crate::catalog::{self, Catalog};
use crate::model::{is_nfc, Block, FundingSource, IndicatorGroup, Plan, RichText, Section};

/// The field of a string, built into its serde path only when a finding needs it.
#[derive(Clone, Copy)]
pub(super) enum Field {
    /// `name`
    Name(&'static str),
    /// `name[i]`
    Index(&'static str, usize),
    /// `name[i].sub`
    IndexSub(&'static str, usize, &'static str),
    /// `name.sub`
    Sub(&'static str, &'static str),
    /// The item itself (a recipient line).
    Whole,
}

impl Field {
    fn path(self) -> Option<String> {
        match self {
            Field::Name(n) => Some(n.to_owned()),
            Field::Index(n, i) => Some(format!("{n}[{i}]")),
            Field::IndexSub(n, i, s) => Some(format!("{n}[{i}].{s}")),
            Field::Sub(n, s) => Some(format!("{n}.{s}")),
            Field::Whole => None,
        }
    }
}

/// Calls `f(part, id, field, text)` for every string a drafter types, in document order.
/// Rich text (paragraphs of runs) is passed as its plain text.
pub(super) fn each_string(plan: &Plan, mut f: impl FnMut(Part, Option<&str>, Field, &str)) {
    let h = &plan.header;
    for (name, text) in [
        ("parent_body", &h.parent_body),
        ("issuer", &h.issuer),
        ("number", &h.number),
        ("place", &h.place),
        ("subject", &h.subject),
    ] {
        f(Part::Header, None, Field::Name(name), text);
    }
    let o = &plan.opening;
    for (i, b) in o.legal_bases.iter().enumerate() {
        let id = i.to_string();
        for (name, text) in [
            ("number", &b.number),
            ("issuer", &b.issuer),
            ("title", &b.title),
        ] {
            f(Part::LegalBasis, Some(&id), Field::Name(name), text);
        }
    }
    if let Some(implementing) = &o.implementing {
        f(
            Part::Opening,
            None,
            Field::Name("implementing"),
            &plain(implementing),
        );
    }
    f(
        Part::Opening,
        None,
        Field::Name("proposed_by"),
        &o.proposed_by,
    );
    f(
        Part::Opening,
        None,
        Field::Name("issuing_sentence"),
        &o.issuing_sentence,
    );
    fn section(s: &Section, f: &mut impl FnMut(Part, Option<&str>, Field, &str)) {
        f(Part::Section, Some(&s.id), Field::Name("title"), &s.title);
        for (i, b) in s.content.iter().enumerate() {
            f(
                Part::Section,
                Some(&s.id),
                Field::IndexSub("content", i, "text"),
                &block_text(b),
            );
        }
        for child in &s.children {
            section(child, f);
        }
    }
    for s in &plan.sections {
        section(s, &mut f);
    }
    for ind in &plan.indicators {
        let id = Some(ind.id.as_str());
        if let IndicatorGroup::Custom(title) = &ind.group {
            f(Part::Indicator, id, Field::Name("group"), title);
        }
        f(Part::Indicator, id, Field::Name("name"), &ind.name);
        f(Part::Indicator, id, Field::Name("unit"), &ind.unit);
        for (i, t) in ind.targets.iter().enumerate() {
            f(
                Part::Indicator,
                id,
                Field::IndexSub("targets", i, "value"),
                &t.value,
            );
        }
        if let Some(b) = &ind.baseline {
            f(
                Part::Indicator,
                id,
                Field::Sub("baseline", "value"),
                &b.value,
            );
        }
        f(Part::Indicator, id, Field::Name("method"), &ind.method);
        f(
            Part::Indicator,
            id,
            Field::Name("lead_agency"),
            &ind.lead_agency,
        );
        if let Some(reason) = &ind.not_applicable {
            f(Part::Indicator, id, Field::Name("not_applicable"), reason);
        }
    }
    for t in &plan.tasks {
        let id = Some(t.id.as_str());
        for (name, text) in [
            ("name", &t.name),
            ("content", &t.content),
            ("expected_result", &t.expected_result),
            ("expected_effect", &t.expected_effect),
            ("lead_unit", &t.lead_unit),
        ] {
            f(Part::Task, id, Field::Name(name), text);
        }
        for (i, unit) in t.coordinating_units.iter().enumerate() {
            f(Part::Task, id, Field::Index("coordinating_units", i), unit);
        }
        f(
            Part::Task,
            id,
            Field::Name("approving_authority"),
            &t.approving_authority,
        );
        for (i, source) in t.funding.iter().enumerate() {
            if let FundingSource::Other(name) = source {
                f(Part::Task, id, Field::Index("funding", i), name);
            }
        }
    }
    for r in &plan.organisation {
        let id = Some(r.id.as_str());
        f(Part::Organisation, id, Field::Name("unit"), &r.unit);
        for (i, b) in r.duties.iter().enumerate() {
            f(
                Part::Organisation,
                id,
                Field::IndexSub("duties", i, "text"),
                &block_text(b),
            );
        }
    }
    for (i, r) in plan.recipients.iter().enumerate() {
        f(Part::Recipients, Some(&i.to_string()), Field::Whole, &r.0);
    }
    let s = &plan.signer;
    for (i, c) in s.capacities.iter().enumerate() {
        f(
            Part::Signer,
            None,
            Field::IndexSub("capacities", i, "on_behalf_of"),
            &c.on_behalf_of,
        );
    }
    f(Part::Signer, None, Field::Name("position"), &s.position);
    f(Part::Signer, None, Field::Name("name"), &s.name);
}

fn plain(text: &RichText) -> Cow<'_, str> {
    match text.0.as_slice() {
        [one] => Cow::Borrowed(one.text.as_str()),
        _ => Cow::Owned(text.to_plain()),
    }
}

fn block_text(b: &Block) -> Cow<'_, str> {
    plain(b.text())
}

/// Old names of the bodies renamed or merged in 2025, found in one pass.
///
/// An old name is its first word ("Bộ", "Sở", "Tỉnh", "Ban", "Ủy") and the rest ("Thông
/// tin và Truyền thông", "Hà Giang", "ban Dân tộc"). The automaton looks for the rests,
/// which are few (under 64, so it can use a SIMD prefilter) and rarely start a word of
/// ordinary text; each hit is then checked for its first word before it, whose first
/// letter may be lower case ("tỉnh Hà Giang") and whose "Ủy" may be spelt "Uỷ".
struct Renamed<'c> {
    matcher: Option<AhoCorasick>,
    /// Per pattern (a rest): (first word, old name, new name) of the names ending so.
    names: Vec<Vec<(&'c str, &'c str, &'c str)>>,
}

impl<'c> Renamed<'c> {
    fn new(catalog: &'c Catalog) -> Self {
        let mut rests: Vec<&str> = Vec::new();
        let mut names: Vec<Vec<(&str, &str, &str)>> = Vec::new();
        for r in &catalog.bodies.renamed {
            let old = r.old_name.trim();
            let Some((first, rest)) = old.split_once(' ') else {
                continue;
            };
            let entry = (first, old, r.new_name.trim());
            match rests.iter().position(|x| *x == rest) {
                Some(i) => names[i].push(entry),
                None => {
                    rests.push(rest);
                    names.push(vec![entry]);
                }
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&rests)
            .ok();
        Renamed { matcher, names }
    }

    /// (old, new) for each old name in `text` not followed by "(nay là …)".
    fn find(&self, text: &str) -> Vec<(&'c str, &'c str)> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let mut out: Vec<(&str, &str)> = Vec::new();
        for m in matcher.find_iter(text) {
            let after = &text[m.end()..];
            if after.chars().next().is_some_and(char::is_alphanumeric) {
                continue;
            }
            let Some(before) = text[..m.start()].strip_suffix(' ') else {
                continue;
            };
            for &(first, old, new) in &self.names[m.pattern().as_usize()] {
                let Some(start) = first_word_start(before, first) else {
                    continue;
                };
                if text[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                    || explained(&text[..start], after)
                {
                    continue;
                }
                if !out.contains(&(old, new)) {
                    out.push((old, new));
                }
            }
        }
        out
    }
}

/// Where `word` starts if `before` ends with it, its first letter in either case and
/// "Ủy" also spelt "Uỷ".
fn first_word_start(before: &str, word: &str) -> Option<usize> {
    let mut chars = word.chars();
    let first = chars.next()?;
    let tail = chars.as_str();
    let tails = [tail.to_owned(), tail.replace('ỷ', "y").replace('y', "ỷ")];
    for tail in &tails {
        let Some(head) = before.strip_suffix(tail.as_str()) else {
            continue;
        };
        let Some(c) = head.chars().next_back() else {
            continue;
        };
        let same = c == first
            || c.to_lowercase().eq(first.to_lowercase())
            || (matches!(first, 'Ủ' | 'ủ') && matches!(c, 'U' | 'u'));
        if same {
            return Some(head.len() - c.len_utf8());
        }
    }
    None
}

/// "… (nay là Bộ Khoa học và Công nghệ)" after the old name, or "(trước đây là …" before it.
fn explained(before: &str, after: &str) -> bool {
    let after = after.trim_start();
    let after = after
        .strip_prefix('(')
        .or_else(|| after.strip_prefix(','))
        .or_else(|| after.strip_prefix('-'))
        .or_else(|| after.strip_prefix('–'))
        .unwrap_or(after)
        .trim_start();
    let starts = |s: &str, p: &str| {
        s.get(..p.len())
            .is_some_and(|head| head.to_lowercase() == p)
    };
    if starts(after, "nay là") || starts(after, "nay đổi tên") || starts(after, "nay được")
    {
        return true;
    }
    let tail: String = before
        .chars()
        .rev()
        .take(20)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase();
    tail.trim_end().ends_with("trước đây là") || tail.trim_end().ends_with("trước là")
}

pub(super) fn hygiene(plan: &Plan, catalog: &Catalog, out: &mut Sink) {
    // The shipped catalogue's matcher is built once; another catalogue's on each call.
    static SHIPPED: OnceLock<Renamed<'static>> = OnceLock::new();
    let own;
    let renamed: &Renamed = if std::ptr::eq(catalog, catalog::current()) {
        SHIPPED.get_or_init(|| Renamed::new(catalog::current()))
    } else {
        own = Renamed::new(catalog);
        &own
    };
    each_string(plan, |part, id, field, text| {
        check(text, part, id, field, renamed, out)
    });
}

fn check(
    text: &str,
    part: Part,
    id: Option<&str>,
    field: Field,
    renamed: &Renamed,
    out: &mut Sink,
) {
    if text.is_empty() {
        return;
    }
    let scan = Scan::of(text);
    let location = || at(part, id, field.path().as_deref());
    if scan.maybe_not_nfc && !is_nfc(text) {
        out.push(
            "text.not-nfc",
            Severity::Warning,
            location(),
            "Văn bản có ký tự dấu tổ hợp (không phải Unicode dựng sẵn NFC): có thể hiển thị, tìm kiếm và so sánh sai.",
            "Gõ hoặc dán lại đoạn này bằng bảng mã Unicode dựng sẵn (khi nhập từ JSON, khcds tự chuẩn hóa).",
        );
    }
    if !text.trim().is_empty() && text.trim() != text {
        out.push(
            "text.untrimmed",
            Severity::Hint,
            location(),
            "Có dấu cách thừa ở đầu hoặc cuối.",
            "Xóa dấu cách ở đầu và cuối.",
        );
    }
    if text.contains("  ") {
        out.push(
            "text.double-space",
            Severity::Hint,
            location(),
            "Có hai dấu cách liền nhau.",
            "Xóa dấu cách thừa.",
        );
    }
    if let Some((encoding, converted)) = scan.signature.then(|| legacy::detect(text)).flatten() {
        out.push(
            "text.legacy-encoding",
            Severity::Error,
            location(),
            format!(
                "Văn bản có dấu hiệu gõ bằng bảng mã {} cũ nên hiển thị sai tiếng Việt: {}.",
                encoding.label(),
                quote(text)
            ),
            format!("Chuyển sang Unicode: «{}».", converted.trim()),
        );
    } else if let Some(problem) = scan.marks.then(|| unbalanced(text)).flatten() {
        out.push(
            "text.unbalanced",
            Severity::Warning,
            location(),
            problem,
            "Bổ sung hoặc xóa dấu ngoặc, dấu nháy cho cân đối.",
        );
    }
    for (old, new) in renamed.find(text) {
        out.push(
            "text.renamed-body",
            Severity::Warning,
            location(),
            format!("«{old}» đã được sắp xếp lại năm 2025; tên hiện nay là «{new}»."),
            format!(
                "Thay bằng «{new}»; nếu trích dẫn văn bản ban hành trước khi đổi tên, giữ tên cũ và ghi thêm «(nay là {new})»."
            ),
        );
    }
}

const STRAIGHT_QUOTE: char = '\u{22}';

/// One cheap pass over the characters, so that the costlier checks run only where they
/// can find something (most strings are plain NFC Vietnamese without brackets).
#[derive(Default)]
struct Scan {
    /// A character outside the ranges known to be NFC as they stand (ASCII, Latin up to
    /// U+02FF, precomposed Vietnamese U+1E00–U+1EFF, punctuation U+2002–U+207F).
    maybe_not_nfc: bool,
    /// A TCVN3 or VNI signature character.
    signature: bool,
    /// A bracket or quote.
    marks: bool,
}

/// Byte flags for [`Scan::of`]: an ASCII bracket or quote, or a lead byte of a character
/// outside the ranges known to be NFC as they stand.
const MARK: u8 = 1;
const UNSAFE: u8 = 2;

const fn byte_flags() -> [u8; 256] {
    let mut t = [0u8; 256];
    t[b'(' as usize] = MARK;
    t[b')' as usize] = MARK;
    t[b'[' as usize] = MARK;
    t[b']' as usize] = MARK;
    t[0x22] = MARK;
    // Safe leads: ASCII, 0xC2..=0xCB (U+0080..U+02FF), 0xE1 and 0xE2 (checked with the
    // next byte); continuation bytes carry no flag.
    let mut b = 0xC0;
    while b <= 0xFF {
        if !matches!(b, 0xC2..=0xCB | 0xE1 | 0xE2) {
            t[b] = UNSAFE;
        }
        b += 1;
    }
    t
}

static FLAGS: [u8; 256] = byte_flags();

/// Bit n set when U+0080 + n (index 0, lead 0xC2) or U+00C0 + n (index 1, lead 0xC3) is a
/// TCVN3/VNI signature character.
const fn latin1_masks() -> [u64; 2] {
    let mut masks = [0u64; 2];
    let mut n = 0u32;
    while n < 64 {
        if legacy::signature_code(0x80 + n) {
            masks[0] |= 1 << n;
        }
        if legacy::signature_code(0xC0 + n) {
            masks[1] |= 1 << n;
        }
        n += 1;
    }
    masks
}

const LATIN1_MASKS: [u64; 2] = latin1_masks();

impl Scan {
    /// One branch-free pass over the bytes, looking at each byte with the one or two
    /// before it: no character is decoded.
    fn of(text: &str) -> Scan {
        let (mut marks, mut signature, mut unsafe_) = (false, false, false);
        let (mut p1, mut p2) = (0u8, 0u8);
        for &c in text.as_bytes() {
            let flags = FLAGS[usize::from(c)];
            marks |= flags & MARK != 0;
            unsafe_ |= flags & UNSAFE != 0;
            let bit = c & 0x3F;
            // Second byte of U+0080..U+00FF: signature characters, « and ».
            signature |= (p1 == 0xC2) & ((LATIN1_MASKS[0] >> bit) & 1 == 1);
            signature |= (p1 == 0xC3) & ((LATIN1_MASKS[1] >> bit) & 1 == 1);
            marks |= (p1 == 0xC2) & ((c == 0xAB) | (c == 0xBB));
            // U+1E00..U+1EFF (precomposed Vietnamese) is E1 B8..BB; other E1 are not
            // known to be NFC.
            unsafe_ |= (p1 == 0xE1) & !(0xB8..=0xBB).contains(&c);
            // U+2000..U+207F (punctuation, “ ”) is E2 80..81, except U+2000 and U+2001.
            unsafe_ |= (p1 == 0xE2) & (c > 0x81);
            unsafe_ |= (p2 == 0xE2) & (p1 == 0x80) & (c <= 0x81);
            marks |= (p2 == 0xE2) & (p1 == 0x80) & ((c == 0x9C) | (c == 0x9D));
            p2 = p1;
            p1 = c;
        }
        Scan {
            maybe_not_nfc: unsafe_,
            signature,
            marks,
        }
    }
}

/// What is unbalanced in `text`, if anything: ( ) and [ ] nest; “ ” and « » pair; the
/// straight double quote comes in pairs. A ")" closing a list marker ("a)", "1)", "đ)")
/// needs no "(".
fn unbalanced(text: &str) -> Option<String> {
    const MARKS: [char; 9] = ['(', ')', '[', ']', '“', '”', '«', '»', STRAIGHT_QUOTE];
    // Most text has no bracket or quote at all.
    if !text.contains(MARKS) {
        return None;
    }
    let mut stack: Vec<char> = Vec::new();
    let mut straight = 0usize;
    for (at, c) in text.match_indices(MARKS) {
        let c = c.chars().next().unwrap_or(' ');
        match c {
            '(' | '[' | '“' | '«' => stack.push(c),
            STRAIGHT_QUOTE => straight += 1,
            _ => {
                let open = match c {
                    ')' => '(',
                    ']' => '[',
                    '”' => '“',
                    _ => '«',
                };
                if let Some(pos) = stack.iter().rposition(|&o| o == open) {
                    if pos + 1 != stack.len() {
                        return Some(format!(
                            "Dấu «{open}» được đóng bằng «{c}» trước khi đóng dấu bên trong."
                        ));
                    }
                    stack.pop();
                } else if !(c == ')' && list_marker(&text[..at])) {
                    return Some(format!("Dấu «{c}» không có dấu mở tương ứng."));
                }
            }
        }
    }
    if let Some(open) = stack.last() {
        return Some(format!("Dấu «{open}» chưa được đóng."));
    }
    if straight % 2 == 1 {
        return Some("Số dấu nháy kép (\u{22}) là số lẻ: thiếu dấu đóng hoặc mở.".to_owned());
    }
    None
}

/// Whether the text before a ")" ends with a list marker: one to three letters or
/// digits at the start of a word ("a", "đ", "1", "10").
fn list_marker(before: &str) -> bool {
    let word: Vec<char> = before
        .chars()
        .rev()
        .take_while(|c| !c.is_whitespace())
        .take(4)
        .collect();
    (1..=3).contains(&word.len()) && word.iter().all(|c| c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::{unbalanced, Scan, STRAIGHT_QUOTE};

    #[test]
    fn the_byte_scan_agrees_with_the_character_checks() {
        for text in [
            "Cộng hòa xã hội chủ nghĩa Việt Nam – 2026…",
            "Vie\u{302}\u{323}t Nam",
            "Phong trào “Bình dân học vụ số”",
            "«Bốn đúng»",
            "Céng hoµ",
            "Số liệu (năm 2025) [ước tính] \u{22}mới\u{22} ≥ 95% 😀 中文",
            "Khoảng\u{2000}trắng\u{2001}cũ",
            "Ω Ångström \u{2126} \u{212b}",
        ] {
            let scan = Scan::of(text);
            assert_eq!(
                scan.marks,
                text.contains(['(', ')', '[', ']', '“', '”', '«', '»', STRAIGHT_QUOTE]),
                "{text}"
            );
            assert_eq!(
                scan.signature,
                text.chars().any(super::legacy::is_signature),
                "{text}"
            );
            if !crate::model::is_nfc(text) {
                assert!(scan.maybe_not_nfc, "{text}");
            }
        }
    }

    #[test]
    fn brackets_and_quotes() {
        for ok in [
            "Theo điểm a) và điểm đ) khoản 1; (1) hạ tầng, (2) dữ liệu",
            "Phong trào “Bình dân học vụ số” [xem Phụ lục]",
            "«Bốn đúng» (đúng, đủ, sạch, sống)",
            "1) Mục tiêu; 10) Giải pháp",
        ] {
            assert_eq!(unbalanced(ok), None, "{ok}");
        }
        for bad in [
            "Nâng cấp hệ thống (giai đoạn 2",
            "giai đoạn 2026-2030)",
            "“Bình dân học vụ số",
            "phong trào \u{22}Bình dân học vụ số",
            "([sai)]",
        ] {
            assert!(unbalanced(bad).is_some(), "{bad}");
        }
    }
}
