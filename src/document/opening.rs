//! The header block, the title, the opening lines and the closing block.

use super::format::{place_and_date, upper};
use super::{Block, Columns, Paragraph, Rule};
use crate::layout::{Layout, Role};
use crate::model::{Plan, Run};

const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";

fn para(role: Role, text: impl Into<String>) -> Block {
    Block::Paragraph(Paragraph::new(role, text))
}

/// Header table (ô 1–4), "KẾ HOẠCH" and the trích yếu with its rule.
pub(super) fn header_and_title(plan: &Plan, layout: &Layout) -> Vec<Block> {
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
                vec![para(Role::Number, format!("Số: {}", h.number.trim()))],
                vec![para(Role::PlaceDate, place_and_date(&h.place, h.date))],
            ],
        ],
    };
    vec![
        Block::Columns(header),
        para(Role::DocumentTitle, "KẾ HOẠCH"),
        para(Role::Subject, h.subject.trim()),
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

/// Strips the punctuation a drafter may have typed at the end of a line, so the
/// document can put its own (";" between căn cứ lines, "." after the last).
fn bare(text: &str) -> &str {
    text.trim()
        .trim_end_matches([';', '.', ',', ':'])
        .trim_end()
}

/// Căn cứ lines, the "Thực hiện …" paragraph, "Theo đề nghị của …", the issuing sentence.
pub(super) fn opening(plan: &Plan) -> Vec<Block> {
    let o = &plan.opening;
    let mut bases: Vec<String> = o
        .legal_bases
        .iter()
        .map(|b| format!("Căn cứ {}", bare(&b.citation())))
        .collect();
    let proposal = (!o.proposed_by.trim().is_empty())
        .then(|| format!("Theo đề nghị của {}", bare(&o.proposed_by)));
    let mut blocks = Vec::new();
    if let Some(implementing) = o.implementing.as_ref().filter(|t| !t.is_blank()) {
        // "Thực hiện …" stands alone as a body paragraph after the căn cứ lines.
        let count = bases.len();
        blocks.extend(
            punctuate(&mut bases, count)
                .into_iter()
                .map(|t| para(Role::LegalBasis, t)),
        );
        blocks.push(Block::Paragraph(Paragraph {
            role: Role::Body,
            runs: implementing.0.clone(),
            keep_with_next: false,
        }));
        if let Some(p) = proposal {
            blocks.push(para(Role::LegalBasis, format!("{p}.")));
        }
    } else {
        bases.extend(proposal);
        let count = bases.len();
        blocks.extend(
            punctuate(&mut bases, count)
                .into_iter()
                .map(|t| para(Role::LegalBasis, t)),
        );
    }
    if !o.issuing_sentence.trim().is_empty() {
        blocks.push(para(Role::Body, o.issuing_sentence.trim()));
    }
    blocks
}

/// Ends every line with ";" and the last with ".".
fn punctuate(lines: &mut [String], count: usize) -> Vec<String> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("{l}{}", if i + 1 == count { "." } else { ";" }))
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
        .map(|c| para(Role::SignerAuthority, upper(c.line().trim())))
        .collect();
    right.push(para(Role::SignerAuthority, upper(s.position.trim())));
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
    use super::issuer_lines;

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
