//! Rules over every string of the plan: NFC, spaces, balanced brackets and quotes,
//! legacy-encoded Vietnamese, and bodies renamed in 2025.

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, MatchKind};

use super::legacy;
use super::{at, quote, Part, Severity, Sink};
use crate::catalog::Catalog;
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
struct Renamed<'c> {
    matcher: Option<AhoCorasick>,
    /// (old name as found, old name, new name), by pattern index.
    names: Vec<(&'c str, &'c str)>,
}

impl<'c> Renamed<'c> {
    fn new(catalog: &'c Catalog) -> Self {
        let mut patterns: Vec<String> = Vec::new();
        let mut names = Vec::new();
        for r in &catalog.bodies.renamed {
            let old = r.old_name.trim();
            if old.is_empty() {
                continue;
            }
            // As written, and with a lower-case first letter ("tỉnh Hà Giang", "sở …").
            let mut chars = old.chars();
            let first = chars.next().unwrap_or(' ');
            let lower: String = first.to_lowercase().chain(chars).collect();
            for p in [old.to_owned(), lower] {
                if !patterns.contains(&p) {
                    patterns.push(p);
                    names.push((old, r.new_name.trim()));
                }
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
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
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            if explained(&text[..m.start()], &text[m.end()..]) {
                continue;
            }
            let pair = self.names[m.pattern().as_usize()];
            if !out.contains(&pair) {
                out.push(pair);
            }
        }
        out
    }
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
    let renamed = Renamed::new(catalog);
    each_string(plan, |part, id, field, text| {
        check(text, part, id, field, &renamed, out)
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
    let location = || at(part, id, field.path().as_deref());
    if !is_nfc(text) {
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
    if let Some((encoding, converted)) = legacy::detect(text) {
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
    } else if let Some(problem) = unbalanced(text) {
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

/// What is unbalanced in `text`, if anything: ( ) and [ ] nest; “ ” and « » pair; the
/// straight double quote comes in pairs. A ")" closing a list marker ("a)", "1)", "đ)")
/// needs no "(".
fn unbalanced(text: &str) -> Option<String> {
    let mut stack: Vec<char> = Vec::new();
    let mut word_len = 0usize;
    let mut word_alnum = true;
    let mut straight = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' | '“' | '«' => stack.push(c),
            ')' | ']' | '”' | '»' => {
                let open = match c {
                    ')' => '(',
                    ']' => '[',
                    '”' => '“',
                    _ => '«',
                };
                if let Some(pos) = stack.iter().rposition(|&o| o == open) {
                    if pos + 1 != stack.len() {
                        return Some(format!(
                            "Dấu «{}» được đóng bằng «{c}» trước khi đóng dấu bên trong.",
                            open
                        ));
                    }
                    stack.pop();
                } else if !(c == ')' && word_alnum && (1..=3).contains(&word_len)) {
                    return Some(format!("Dấu «{c}» không có dấu mở tương ứng."));
                }
            }
            STRAIGHT_QUOTE => straight += 1,
            _ => {}
        }
        if c.is_whitespace() {
            word_len = 0;
            word_alnum = true;
        } else {
            word_len += 1;
            word_alnum &= c.is_alphanumeric();
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

#[cfg(test)]
mod tests {
    use super::unbalanced;

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
