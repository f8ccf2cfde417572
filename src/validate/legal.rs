//! The "Căn cứ" lines: the key documents of the Khung's section I cited, citations well
//! formed and dated, superseded documents replaced.

use chrono::Datelike;

use super::{at, blank, quote, Context, Part, Severity, Sink};
use crate::catalog::LegalDocument;
use crate::document::format::numeric_date;
use crate::model::{Block, LegalBasis, LegalDocumentKind, Plan};

/// A number or code compared loosely: no spaces, case-insensitive.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A law's name without "Luật", for comparing names.
fn law_name(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_prefix("Luật ")
        .or_else(|| s.strip_prefix("luật "))
        .unwrap_or(s);
    norm(s)
}

/// Whether the plan's basis cites the catalogue document.
fn cites(b: &LegalBasis, doc: &LegalDocument) -> bool {
    b.catalog_id.as_deref() == Some(doc.id.as_str())
        || (!blank(&doc.number) && !blank(&b.number) && norm(&b.number) == norm(&doc.number))
        || (doc.kind == LegalDocumentKind::Luat
            && b.kind == LegalDocumentKind::Luat
            && law_name(&b.title) == law_name(&doc.title))
}

/// The catalogue entry a basis refers to: by catalogue id, else by number, else (a law)
/// by name.
fn catalogued<'c>(b: &LegalBasis, ctx: &Context<'c>) -> Option<&'c LegalDocument> {
    if let Some(doc) = b
        .catalog_id
        .as_deref()
        .and_then(|id| ctx.catalog.legal_document(id))
    {
        return Some(doc);
    }
    ctx.catalog.legal_documents.iter().find(|doc| cites(b, doc))
}

/// The type code a kind's number carries ("NQ" in "71/NQ-CP"), `None` for kinds whose
/// number takes any form.
fn type_codes(kind: LegalDocumentKind) -> Option<&'static [&'static str]> {
    Some(match kind {
        LegalDocumentKind::NghiQuyet => &["NQ"],
        LegalDocumentKind::NghiDinh => &["NĐ"],
        LegalDocumentKind::QuyetDinh => &["QĐ"],
        LegalDocumentKind::ChiThi => &["CT"],
        LegalDocumentKind::KetLuan => &["KL"],
        LegalDocumentKind::KeHoach => &["KH"],
        LegalDocumentKind::ThongTu => &["TT", "TTLT"],
        LegalDocumentKind::ChuongTrinh => &["CTr"],
        LegalDocumentKind::Luat | LegalDocumentKind::CongVan | LegalDocumentKind::Khac => {
            return None
        }
    })
}

/// An issuer's code: "CP", "TTg", "BKHCN", "UBND", "BCĐTW", "KTS&XHS".
fn is_code(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(|c| c.is_alphanumeric() || c == '&')
}

/// "CP", "BKHCN-CĐSQG": codes joined by "-".
fn is_codes(s: &str) -> bool {
    !s.is_empty() && s.split('-').all(is_code)
}

/// Digits, padded to two when below 10.
fn number_problem(n: &str) -> Option<&'static str> {
    if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) {
        return Some("số");
    }
    if n.len() == 1 {
        return Some("padding");
    }
    None
}

/// The shapes of a số, ký hiệu: state "71/NQ-CP", "73/2019/NĐ-CP"; party "57-NQ/TW";
/// National Assembly "148/2025/QH15"; a công văn "5473/BTTTT-KTS&XHS".
/// Returns `None` when well formed, else what is wrong.
fn number_format(kind: LegalDocumentKind, number: &str) -> Option<String> {
    let example = match kind {
        LegalDocumentKind::NghiQuyet => "71/NQ-CP, 57-NQ/TW hoặc 33/2021/QH15",
        LegalDocumentKind::NghiDinh => "73/2019/NĐ-CP",
        LegalDocumentKind::QuyetDinh => "2629/QĐ-TTg, 20/2020/QĐ-TTg hoặc 229-QĐ/TW",
        LegalDocumentKind::ThongTu => "21/2023/TT-BTTTT",
        LegalDocumentKind::KeHoach => "02-KH/BCĐTW hoặc 125/KH-UBND",
        LegalDocumentKind::KetLuan => "130-KL/TW",
        LegalDocumentKind::ChiThi => "05-CT/TW hoặc 05/CT-TTg",
        LegalDocumentKind::ChuongTrinh => "10/CTr-UBND",
        LegalDocumentKind::Luat => "148/2025/QH15",
        LegalDocumentKind::CongVan => "5473/BTTTT-KTS&XHS",
        LegalDocumentKind::Khac => "01-QC/BCĐTW",
    };
    let bad = || Some(format!("không đúng dạng (ví dụ: {example})"));
    if number.chars().any(char::is_whitespace) {
        return Some("có dấu cách (số, ký hiệu viết liền, ví dụ «71/NQ-CP»)".to_owned());
    }
    let codes = type_codes(kind);
    let code_ok = |c: &str| codes.is_none_or(|list| list.contains(&c));
    let parts: Vec<&str> = number.split('/').collect();
    let mut digits = None;
    let well_formed = match parts.as_slice() {
        // 57-NQ/TW (party documents)
        [head, issuer] if head.contains('-') => {
            let (n, code) = head.split_once('-').unwrap_or((head, ""));
            digits = Some(n);
            kind != LegalDocumentKind::CongVan && is_code(code) && code_ok(code) && is_codes(issuer)
        }
        // 71/NQ-CP, or a công văn 5473/BTTTT-KTS&XHS
        [n, symbol] => {
            digits = Some(n);
            match kind {
                LegalDocumentKind::CongVan | LegalDocumentKind::Khac => is_codes(symbol),
                LegalDocumentKind::NghiDinh
                | LegalDocumentKind::ThongTu
                | LegalDocumentKind::Luat => false,
                _ => symbol
                    .split_once('-')
                    .is_some_and(|(code, issuer)| code_ok(code) && is_codes(issuer)),
            }
        }
        // 73/2019/NĐ-CP, 148/2025/QH15
        [n, year, symbol] => {
            digits = Some(n);
            let year_ok = year.len() == 4 && year.chars().all(|c| c.is_ascii_digit());
            let assembly = symbol
                .strip_prefix("QH")
                .is_some_and(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_digit()));
            year_ok
                && match kind {
                    LegalDocumentKind::Luat => assembly,
                    LegalDocumentKind::NghiQuyet | LegalDocumentKind::Khac if assembly => true,
                    _ => symbol
                        .split_once('-')
                        .is_some_and(|(code, issuer)| code_ok(code) && is_codes(issuer)),
                }
        }
        _ => false,
    };
    if !well_formed {
        return bad();
    }
    match digits.and_then(number_problem) {
        Some("padding") => Some(format!(
            "chưa ghi số 0 trước số nhỏ hơn 10 (ví dụ «0{}»)",
            number
        )),
        Some(_) => bad(),
        None => None,
    }
}

/// The year in "73/2019/NĐ-CP" or "148/2025/QH15".
fn number_year(number: &str) -> Option<i32> {
    let parts: Vec<&str> = number.split('/').collect();
    match parts.as_slice() {
        [_, year, _] if year.len() == 4 => year.parse().ok(),
        _ => None,
    }
}

fn describe(b: &LegalBasis) -> String {
    let citation = b.citation();
    if blank(&citation) || citation == b.kind.label() {
        format!("«{} (chưa ghi số, tên)»", b.kind.label())
    } else {
        quote(&citation)
    }
}

/// The legal bases listed in the Khung's section I ("CĂN CỨ LẬP KẾ HOẠCH"), where some
/// plans give them instead of (or besides) the opening: its lines that start with a
/// citation ("- Luật Chuyển đổi số;", "Căn cứ Nghị quyết số 57-NQ/TW …"), not the
/// sentences that merely mention one.
fn listed_in_section_i(plan: &Plan) -> String {
    plan.sections
        .iter()
        .filter(|s| s.id == BASES_SECTION)
        .flat_map(|s| s.walk())
        .flat_map(|s| &s.content)
        .map(|b| (matches!(b, Block::Bullet { .. }), b.text().to_plain()))
        .filter(|(bullet, t)| lists_a_basis(*bullet, t))
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The Khung's section "I. CĂN CỨ LẬP KẾ HOẠCH".
const BASES_SECTION: &str = "I";

/// A line of a list of legal bases: an item ("- Luật Chuyển đổi số;", a bullet or a
/// line ending ";") or a "Căn cứ …" line that starts with a citation — not a sentence
/// that mentions a law ("Luật Chuyển đổi số có hiệu lực từ …").
fn lists_a_basis(bullet: bool, line: &str) -> bool {
    use LegalDocumentKind::*;
    let line = line.trim();
    let item = line.starts_with(['-', '+', '•']);
    let line = line.trim_start_matches(['-', '+', '•']).trim_start();
    let (based, line) = match line
        .strip_prefix("Căn cứ ")
        .or_else(|| line.strip_prefix("căn cứ "))
    {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    if !(bullet || item || based || line.ends_with(';')) {
        return false;
    }
    // Every kind but a law (cited by its name) and "Văn bản" (no fixed opening).
    let numbered = LegalDocumentKind::ALL
        .iter()
        .filter(|k| !matches!(k, Luat | Khac))
        .any(|k| line.starts_with(&format!("{} số ", k.label())));
    let law = line
        .strip_prefix("Luật ")
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_uppercase);
    numbered || law
}

/// Whether free text (a "Thực hiện …" paragraph, section I) names the document: by its
/// number, or a law by its name.
fn text_cites(text_norm: &str, doc: &LegalDocument) -> bool {
    (!blank(&doc.number) && text_norm.contains(&norm(&doc.number)))
        || (doc.kind == LegalDocumentKind::Luat
            && !blank(&doc.title)
            && text_norm.contains(&format!("luật{}", law_name(&doc.title))))
}

pub(super) fn legal_bases(plan: &Plan, ctx: &Context, out: &mut Sink) {
    let o = &plan.opening;
    let implementing = o
        .implementing
        .as_ref()
        .map(|t| t.to_plain())
        .unwrap_or_default();
    let section_text = listed_in_section_i(plan);
    let none = o.legal_bases.is_empty() && blank(&implementing) && blank(&section_text);
    if none {
        out.push(
            "legal.none",
            Severity::Error,
            at(Part::Opening, None, Some("legal_bases")),
            "Kế hoạch chưa có căn cứ ban hành.",
            "Thêm các căn cứ (Luật Chuyển đổi số, Nghị quyết số 57-NQ/TW, …) từ danh mục văn bản, hoặc đoạn «Thực hiện …».",
        );
    }
    // The plan's date; an undated plan is compared with today.
    let plan_date = plan.header.date.unwrap_or(ctx.today);
    let dated = plan.header.date.is_some();
    let free_text_norm = norm(&format!("{implementing}\n{section_text}"));
    // With no căn cứ at all, "legal.none" says it once.
    let suggestions = if none {
        &[][..]
    } else {
        &ctx.framework.legal_bases[..]
    };
    for suggested in suggestions {
        let Some(doc) = ctx.catalog.legal_document(&suggested.catalog_id) else {
            continue;
        };
        // Not yet issued (the Khung leaves its number blank), or issued after the plan.
        let Some(issued) = doc.date else { continue };
        if issued > plan_date || (blank(&doc.number) && doc.kind != LegalDocumentKind::Luat) {
            continue;
        }
        let cited = o.legal_bases.iter().any(|b| cites(b, doc)) || text_cites(&free_text_norm, doc);
        if !cited {
            out.push(
                "legal.key-document-missing",
                Severity::Warning,
                at(Part::Opening, None, Some("legal_bases")),
                format!(
                    "Chưa có căn cứ «{}» mà mục I của Khung lưu ý.",
                    suggested.khung_text.trim().trim_end_matches([';', '.'])
                ),
                "Thêm căn cứ này từ danh mục văn bản; nếu cơ quan không dựa vào văn bản này, có thể bỏ qua cảnh báo.",
            );
        }
    }
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (i, b) in o.legal_bases.iter().enumerate() {
        let id = i.to_string();
        let loc = |field: &str| at(Part::LegalBasis, Some(&id), Some(field));
        let what = describe(b);
        let law = b.kind == LegalDocumentKind::Luat;
        let optional_number = matches!(
            b.kind,
            LegalDocumentKind::Luat | LegalDocumentKind::ChuongTrinh | LegalDocumentKind::Khac
        );
        if blank(&b.number) {
            if !optional_number {
                out.push(
                    "legal.number-missing",
                    Severity::Error,
                    loc("number"),
                    format!("Căn cứ {what} chưa có số, ký hiệu."),
                    "Ghi số, ký hiệu của văn bản, ví dụ «71/NQ-CP».",
                );
            }
        } else if let Some(problem) = number_format(b.kind, b.number.trim()) {
            out.push(
                "legal.number-format",
                Severity::Warning,
                loc("number"),
                format!(
                    "Số, ký hiệu «{}» của căn cứ {} {problem}.",
                    b.number.trim(),
                    b.kind.label().to_lowercase()
                ),
                "Ghi số, ký hiệu đúng như trên văn bản: chữ số Ả Rập, «/», viết tắt tên loại và cơ quan ban hành, không có dấu cách.",
            );
        }
        match b.date {
            None if !law => out.push(
                "legal.date-missing",
                Severity::Error,
                loc("date"),
                format!("Căn cứ {what} chưa có ngày ban hành."),
                "Ghi ngày ban hành của văn bản như trên văn bản gốc, dạng ngày/tháng/năm (ví dụ 22/12/2024).",
            ),
            Some(d) if d > plan_date => out.push(
                "legal.date-after-plan",
                Severity::Error,
                loc("date"),
                if dated {
                    format!(
                        "Căn cứ {what} ghi ngày {}, sau ngày ban hành kế hoạch ({}).",
                        numeric_date(d),
                        numeric_date(plan_date)
                    )
                } else {
                    format!("Căn cứ {what} ghi ngày {}, sau ngày hôm nay.", numeric_date(d))
                },
                "Kế hoạch không thể căn cứ văn bản ban hành sau nó: kiểm tra lại ngày hoặc bỏ căn cứ này.",
            ),
            _ => {}
        }
        if let (Some(d), Some(y)) = (b.date, number_year(b.number.trim())) {
            if d.year() != y {
                out.push(
                    "legal.date-number-mismatch",
                    Severity::Warning,
                    loc("date"),
                    format!(
                        "Căn cứ {what}: số, ký hiệu ghi năm {y} nhưng ngày ban hành là {}.",
                        numeric_date(d)
                    ),
                    "Kiểm tra lại số, ký hiệu hoặc ngày ban hành.",
                );
            }
        }
        if !law && blank(&b.issuer) {
            out.push(
                "legal.issuer-missing",
                Severity::Error,
                loc("issuer"),
                format!("Căn cứ {what} chưa ghi cơ quan ban hành."),
                "Ghi cơ quan, người có thẩm quyền ban hành, ví dụ «Chính phủ», «Thủ tướng Chính phủ».",
            );
        }
        if blank(&b.title) {
            if law {
                out.push(
                    "legal.law-name-missing",
                    Severity::Error,
                    loc("title"),
                    "Căn cứ là luật nhưng chưa ghi tên luật.",
                    "Ghi tên luật, ví dụ «Chuyển đổi số» (căn cứ in thành «Luật Chuyển đổi số»).",
                );
            } else {
                out.push(
                    "legal.title-missing",
                    Severity::Warning,
                    loc("title"),
                    format!("Căn cứ {what} chưa có trích yếu."),
                    "Ghi trích yếu nội dung của văn bản như trên văn bản gốc.",
                );
            }
        }
        let doc = catalogued(b, ctx);
        if let Some(doc) = doc.filter(|d| b.catalog_id.as_deref() == Some(d.id.as_str())) {
            let number_differs =
                !blank(&b.number) && !blank(&doc.number) && norm(&b.number) != norm(&doc.number);
            if number_differs {
                out.push(
                    "legal.catalog-mismatch",
                    Severity::Warning,
                    loc("number"),
                    format!(
                        "Số, ký hiệu «{}» khác với danh mục văn bản («{}»).",
                        b.number.trim(),
                        doc.number
                    ),
                    format!("Kiểm tra lại; theo danh mục là «{}».", doc.number),
                );
            }
            if let (Some(mine), Some(theirs)) = (b.date, doc.date) {
                if mine != theirs {
                    out.push(
                        "legal.catalog-mismatch",
                        Severity::Warning,
                        loc("date"),
                        format!(
                            "Ngày ban hành {} của căn cứ {what} khác với danh mục văn bản ({}).",
                            numeric_date(mine),
                            numeric_date(theirs)
                        ),
                        format!(
                            "Kiểm tra lại; theo danh mục là ngày {}.",
                            numeric_date(theirs)
                        ),
                    );
                }
            }
        }
        // Superseded only once its successor is in force on the plan's date: a plan
        // issued before the new law takes effect still rests on the old one.
        let successor = doc
            .and_then(|d| d.superseded_by.as_deref())
            .map(|id| (id, ctx.catalog.legal_document(id)));
        if let Some((new_id, new_doc)) = successor {
            let in_force_from = new_doc.and_then(|d| d.in_force_from());
            if in_force_from.is_none_or(|from| from <= plan_date) {
                let replacement = new_doc
                    .map(|d| d.to_legal_basis().citation())
                    .unwrap_or_else(|| new_id.to_owned());
                out.push(
                    "legal.superseded",
                    Severity::Warning,
                    loc(if law { "title" } else { "number" }),
                    match in_force_from {
                        Some(from) => format!(
                            "Căn cứ {what} đã được thay thế từ ngày {}.",
                            numeric_date(from)
                        ),
                        None => format!("Căn cứ {what} đã được thay thế."),
                    },
                    format!("Căn cứ văn bản thay thế: «{replacement}»."),
                );
            }
        }
        let key = match (&b.catalog_id, doc) {
            (_, Some(d)) => format!("catalog:{}", d.id),
            (Some(c), None) => format!("catalog:{c}"),
            (None, None) if !blank(&b.number) => format!("number:{}", norm(&b.number)),
            (None, None) => format!("title:{:?}:{}", b.kind, norm(&b.title)),
        };
        if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
            out.push(
                "legal.duplicate",
                Severity::Warning,
                at(Part::LegalBasis, Some(&id), None),
                format!(
                    "Căn cứ {what} trùng với căn cứ thứ {} trong danh sách.",
                    first + 1
                ),
                "Bỏ căn cứ trùng lặp.",
            );
        } else {
            seen.push((key, i));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use LegalDocumentKind::*;

    #[test]
    fn numbers_of_each_kind() {
        for (kind, n) in [
            (NghiQuyet, "57-NQ/TW"),
            (NghiQuyet, "71/NQ-CP"),
            (NghiQuyet, "33/2021/QH15"),
            (NghiQuyet, "12/2025/NQ-HĐND"),
            (QuyetDinh, "2629/QĐ-TTg"),
            (QuyetDinh, "20/2020/QĐ-TTg"),
            (QuyetDinh, "229-QĐ/TW"),
            (QuyetDinh, "06/QĐ-TTg"),
            (QuyetDinh, "757/QĐ-BKHCN"),
            (NghiDinh, "73/2019/NĐ-CP"),
            (ThongTu, "21/2023/TT-BTTTT"),
            (KeHoach, "02-KH/BCĐTW"),
            (KeHoach, "125/KH-UBND"),
            (KetLuan, "130-KL/TW"),
            (CongVan, "5473/BTTTT-KTS&XHS"),
            (Khac, "01-QC/BCĐTW"),
            (Khac, "230-QĐ/TW"),
            (Luat, "148/2025/QH15"),
        ] {
            assert_eq!(number_format(kind, n), None, "{kind:?} {n}");
        }
        for (kind, n) in [
            (NghiQuyet, "71/QĐ-CP"),
            (NghiQuyet, "71 /NQ-CP"),
            (NghiDinh, "73/NĐ-CP"),
            (QuyetDinh, "2629/QD-TTg"),
            (QuyetDinh, "6/QĐ-TTg"),
            (QuyetDinh, "2629/QĐ"),
            (QuyetDinh, "QĐ-TTg"),
            (Luat, "Luật 148"),
            (KeHoach, "abc/KH-UBND"),
        ] {
            assert!(number_format(kind, n).is_some(), "{kind:?} {n}");
        }
    }
}
