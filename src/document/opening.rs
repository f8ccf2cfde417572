//! The header block, the title, the opening lines and the closing block.

use chrono::NaiveDate;

use super::format::{place_and_date, upper};
use super::{Block, Columns, Paragraph, Rule};
use crate::layout::{Layout, Role};
use crate::model::{LegalBasesForm, Plan, Run};

const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

fn para(role: Role, text: impl Into<String>) -> Block {
    Block::Paragraph(Paragraph::new(role, text))
}

/// What a document is, as its header and its appendices name it.
pub(super) struct Identity {
    /// Tên loại văn bản as a sentence names it: "Kế hoạch", "Báo cáo".
    pub name: &'static str,
    /// Số and ký hiệu, without "Số: ".
    pub number: String,
    pub date: Option<NaiveDate>,
    /// Trích yếu.
    pub subject: String,
}

impl Identity {
    /// The plan's own.
    pub fn plan(plan: &Plan) -> Identity {
        let h = &plan.header;
        Identity {
            name: "Kế hoạch",
            number: h.number.trim().to_owned(),
            date: h.date,
            subject: h.subject.trim().to_owned(),
        }
    }
}

/// Header table (ô 1–4), the document's name ("KẾ HOẠCH") and the trích yếu with its
/// rule.
pub(super) fn header_and_title(plan: &Plan, layout: &Layout, identity: &Identity) -> Vec<Block> {
    let h = &plan.header;
    let mut issuer_cell = Vec::new();
    if !h.parent_body.trim().is_empty() {
        issuer_cell.push(para(Role::ParentBody, upper(h.parent_body.trim())));
    }
    issuer_cell.extend(
        issuer_lines(&upper(h.issuer.trim()))
            .into_iter()
            .map(|line| para(Role::Issuer, line)),
    );
    issuer_cell.push(Block::Rule(Rule {
        length_mm: layout.issuer_rule_mm(),
    }));
    let nation_cell = vec![
        para(Role::NationalTitle, NATIONAL_TITLE),
        para(Role::Motto, MOTTO),
        Block::Rule(Rule {
            length_mm: layout.motto_rule_mm(),
        }),
    ];
    let header = Columns {
        widths_mm: layout.header_columns_mm(),
        rows: vec![
            [issuer_cell, nation_cell],
            [
                vec![para(Role::Number, format!("Số: {}", identity.number))],
                vec![para(
                    Role::PlaceDate,
                    place_and_date(&h.place, identity.date),
                )],
            ],
        ],
    };
    vec![
        Block::Columns(header),
        para(Role::DocumentTitle, upper(identity.name)),
        para(Role::Subject, subject_lines(&identity.subject)),
        Block::Rule(Rule {
            length_mm: layout.subject_rule_mm(),
        }),
    ]
}

/// The issuer name broken into lines the way issued documents break it: the drafter's
/// own line breaks; otherwise "ỦY BAN NHÂN DÂN" above the province ("TỈNH BẮC NINH"), and
/// a long name before its last "VÀ" ("BỘ TÀI NGUYÊN" / "VÀ MÔI TRƯỜNG") rather than
/// wherever the column happens to wrap it.
fn issuer_lines(issuer: &str) -> Vec<String> {
    /// Longer names wrap in the header column (68 mm, 13 pt bold capitals).
    const ONE_LINE_CHARS: usize = 20;
    let lines: Vec<String> = issuer
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() != 1 {
        return if lines.is_empty() {
            vec![String::new()]
        } else {
            lines
        };
    }
    let line = &lines[0];
    for committee in ["ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN "] {
        if let Some(rest) = line.strip_prefix(committee) {
            return vec![committee.trim_end().to_owned(), rest.to_owned()];
        }
    }
    if line.chars().count() > ONE_LINE_CHARS {
        if let Some(at) = line.rfind(" VÀ ") {
            return vec![line[..at].to_owned(), line[at + 1..].to_owned()];
        }
    }
    lines
}

/// The trích yếu with its line breaks: where the drafter put them; otherwise, when it
/// is longer than a line, one break — before a phrase ("giai đoạn …", "năm …", "gắn
/// với …") when both lines then read well, else where the two lines come out about
/// equally long (issued plans centre a balanced pair rather than a full line over a
/// short remainder). A date or year range is never split (see [`glue`](super::glue)).
fn subject_lines(subject: &str) -> String {
    /// About the characters of a line of 14 pt bold text across the portrait text width.
    const ONE_LINE_CHARS: usize = 64;
    /// Words that open a phrase of a trích yếu, where issued plans break it.
    const PHRASES: [&str; 8] = [
        "giai đoạn ",
        "năm ",
        "gắn với ",
        "thực hiện ",
        "về ",
        "trên địa bàn ",
        "đến năm ",
        "của ",
    ];
    if subject.contains('\n') {
        return subject
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
    }
    let glued = super::glue::glue(subject);
    let total = glued.chars().count();
    if total <= ONE_LINE_CHARS {
        return glued;
    }
    // (is not a phrase start, imbalance, byte offset) of each space: a phrase start
    // where both lines fit and the shorter is at least a quarter, else the best balance.
    let best = glued
        .char_indices()
        .filter(|(_, c)| *c == ' ')
        .map(|(at, _)| {
            let left = glued[..at].chars().count();
            let right = total - left - 1;
            let phrase = PHRASES.iter().any(|p| glued[at + 1..].starts_with(p))
                && left.max(right) <= ONE_LINE_CHARS
                && left.min(right) * 4 >= total;
            (!phrase, left.abs_diff(right), at)
        })
        .min();
    match best {
        Some((_, _, at)) => format!("{}\n{}", &glued[..at], &glued[at + 1..]),
        None => glued,
    }
}

/// Strips the punctuation a drafter may have typed at the end of a line, so the
/// document can put its own (";" between căn cứ lines, "." after the last).
fn bare(text: &str) -> &str {
    text.trim()
        .trim_end_matches([';', '.', ',', ':'])
        .trim_end()
}

/// "Theo đề nghị của …" as typed, with or without those words.
fn proposal(proposed_by: &str) -> Option<String> {
    let who = bare(proposed_by);
    let who = ["Theo đề nghị của ", "theo đề nghị của "]
        .iter()
        .find_map(|p| who.strip_prefix(p))
        .unwrap_or(who)
        .trim();
    (!who.is_empty()).then(|| format!("Theo đề nghị của {who}"))
}

/// The opening in the form the drafter chose: "Căn cứ …;" lines, a lead-in and "- …;"
/// items, or one "Thực hiện …" paragraph naming them; then the drafter's own "Thực hiện
/// …" paragraph, "Theo đề nghị của …" and the issuing sentence.
pub(super) fn opening(plan: &Plan) -> Vec<Block> {
    let o = &plan.opening;
    let citations: Vec<String> = o
        .legal_bases
        .iter()
        .map(|b| bare(&b.citation()).to_owned())
        .collect();
    let implementing = o.implementing.as_ref().filter(|t| !t.is_blank());
    let proposal = proposal(&o.proposed_by);
    let mut blocks = Vec::new();
    // Lines the proposal joins: the căn cứ lines when nothing stands between them.
    let mut lines: Vec<String> = Vec::new();
    match o.legal_bases_form {
        LegalBasesForm::Lines => {
            lines.extend(citations.iter().map(|c| format!("Căn cứ {c}")));
        }
        LegalBasesForm::List if !citations.is_empty() => {
            let lead_in = bare(&o.lead_in);
            let lead_in = if lead_in.is_empty() {
                "Căn cứ các văn bản sau"
            } else {
                lead_in
            };
            blocks.push(para(Role::Body, format!("{lead_in}:")));
            let items: Vec<String> = citations.iter().map(|c| format!("- {c}")).collect();
            blocks.extend(punctuate(&items).into_iter().map(|t| para(Role::Body, t)));
        }
        LegalBasesForm::Implementing if !citations.is_empty() => {
            blocks.push(para(
                Role::Body,
                format!("Thực hiện {}.", citations.join("; ")),
            ));
        }
        LegalBasesForm::List | LegalBasesForm::Implementing => {}
    }
    if let Some(implementing) = implementing {
        // "Thực hiện …" stands alone as a body paragraph after the căn cứ lines.
        blocks.extend(
            punctuate(&lines)
                .into_iter()
                .map(|t| para(Role::LegalBasis, t)),
        );
        lines.clear();
        blocks.push(Block::Paragraph(Paragraph {
            role: Role::Body,
            runs: implementing.0.clone(),
            keep_with_next: false,
        }));
    }
    lines.extend(proposal);
    blocks.extend(
        punctuate(&lines)
            .into_iter()
            .map(|t| para(Role::LegalBasis, t)),
    );
    if !o.issuing_sentence.trim().is_empty() {
        blocks.push(para(Role::Body, o.issuing_sentence.trim()));
    }
    blocks
}

/// Ends every line with ";" and the last with ".".
fn punctuate(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{l}{}", if i + 1 == lines.len() { "." } else { ";" }))
        .collect()
}

/// Nơi nhận (left) and the signer (right): one unbreakable row.
pub(super) fn closing(plan: &Plan, layout: &Layout) -> Vec<Block> {
    let mut left = vec![Block::Paragraph(Paragraph {
        role: Role::RecipientsHeading,
        runs: vec![Run {
            text: "Nơi nhận:".into(),
            bold: true,
            italic: true,
            field: None,
        }],
        keep_with_next: true,
    })];
    let recipients: Vec<&str> = plan
        .recipients
        .iter()
        .map(|r| bare(&r.0))
        .filter(|r| !r.is_empty())
        .collect();
    for (i, r) in recipients.iter().enumerate() {
        let end = if i + 1 == recipients.len() { "." } else { ";" };
        left.push(para(Role::Recipient, format!("- {r}{end}")));
    }
    let s = &plan.signer;
    let mut right: Vec<Block> = s
        .capacities
        .iter()
        .map(|c| c.line())
        .chain(std::iter::once(s.position.clone()))
        .enumerate()
        .map(|(i, line)| {
            let role = if i == 0 {
                Role::SignerFirstLine
            } else {
                Role::SignerAuthority
            };
            para(role, upper(line.trim()))
        })
        .collect();
    // The signer name's style leaves the space for the signature and the seal above it.
    right.push(Block::Paragraph(Paragraph {
        role: Role::SignerName,
        runs: vec![Run {
            text: s.name.trim().to_owned(),
            bold: true,
            italic: false,
            field: None,
        }],
        keep_with_next: false,
    }));
    vec![Block::Columns(Columns {
        widths_mm: layout.closing_columns_mm(),
        rows: vec![[left, right]],
    })]
}

#[cfg(test)]
mod tests {
    use super::{issuer_lines, subject_lines};

    #[test]
    fn a_long_subject_breaks_into_balanced_lines() {
        assert_eq!(
            subject_lines("Chuyển đổi số tỉnh Hòa Sơn giai đoạn 2026 - 2030"),
            "Chuyển đổi số tỉnh Hòa Sơn giai đoạn 2026\u{a0}-\u{2060}\u{a0}2030"
        );
        assert_eq!(
            subject_lines(
                "Chuyển đổi số của Bộ Phát triển đô thị và Nông thôn năm 2026 gắn với triển khai Nghị quyết số 57-NQ/TW"
            ),
            "Chuyển đổi số của Bộ Phát triển đô thị và Nông thôn\nnăm 2026 gắn với triển khai Nghị quyết số 57-\u{2060}NQ/\u{2060}TW"
        );
        assert_eq!(
            subject_lines("Chuyển đổi số của Bộ Phát triển Đô thị và Nông thôn giai đoạn 2026 - 2030"),
            "Chuyển đổi số của Bộ Phát triển Đô thị và Nông thôn\ngiai đoạn 2026\u{a0}-\u{2060}\u{a0}2030"
        );
        assert_eq!(
            subject_lines("Chuyển đổi số tỉnh Hòa Sơn\n giai đoạn 2026 - 2030"),
            "Chuyển đổi số tỉnh Hòa Sơn\ngiai đoạn 2026 - 2030"
        );
    }

    #[test]
    fn issuer_names_break_where_issued_documents_break_them() {
        assert_eq!(
            issuer_lines("ỦY BAN NHÂN DÂN TỈNH BẮC NINH"),
            ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH"]
        );
        assert_eq!(
            issuer_lines("BỘ PHÁT TRIỂN ĐÔ THỊ VÀ NÔNG THÔN"),
            ["BỘ PHÁT TRIỂN ĐÔ THỊ", "VÀ NÔNG THÔN"]
        );
        assert_eq!(issuer_lines("BỘ TƯ PHÁP"), ["BỘ TƯ PHÁP"]);
        assert_eq!(issuer_lines("SỞ A\nPHÒNG B"), ["SỞ A", "PHÒNG B"]);
        assert_eq!(issuer_lines(""), [""]);
    }
}
