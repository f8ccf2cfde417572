//! The "Căn cứ …" lines, the proposal line and the issuing sentence.

use chrono::NaiveDate;

use crate::model::{LegalBasis, LegalDocumentKind, Opening};

use super::profile::Profile;
use super::text::Ctx;

/// (catalogue id, kind, số ký hiệu, (year, month, day), issuer, trích yếu).
type LegalRow = (
    &'static str,
    LegalDocumentKind,
    &'static str,
    (i32, u32, u32),
    &'static str,
    &'static str,
);

/// The key legal bases of the Khung's section I, in the order plans cite them.
const LEGAL_BASES: &[LegalRow] = &[
    (
        "luat-chuyen-doi-so",
        LegalDocumentKind::Luat,
        "",
        (2025, 12, 11),
        "Quốc hội",
        "Chuyển đổi số",
    ),
    (
        "57-NQ/TW",
        LegalDocumentKind::NghiQuyet,
        "57-NQ/TW",
        (2024, 12, 22),
        "Bộ Chính trị",
        "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    ),
    (
        "71/NQ-CP",
        LegalDocumentKind::NghiQuyet,
        "71/NQ-CP",
        (2025, 4, 1),
        "Chính phủ",
        "sửa đổi, bổ sung, cập nhật Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    ),
    (
        "214/NQ-CP",
        LegalDocumentKind::NghiQuyet,
        "214/NQ-CP",
        (2025, 7, 23),
        "Chính phủ",
        "ban hành Kế hoạch hành động của Chính phủ về thúc đẩy tạo lập dữ liệu phục vụ chuyển đổi số toàn diện",
    ),
    (
        "36/QĐ-TTg",
        LegalDocumentKind::QuyetDinh,
        "36/QĐ-TTg",
        (2024, 1, 11),
        "Thủ tướng Chính phủ",
        "phê duyệt Quy hoạch hạ tầng thông tin và truyền thông thời kỳ 2021 - 2030, tầm nhìn đến năm 2050",
    ),
    (
        "1132/QĐ-TTg",
        LegalDocumentKind::QuyetDinh,
        "1132/QĐ-TTg",
        (2024, 10, 9),
        "Thủ tướng Chính phủ",
        "phê duyệt Chiến lược hạ tầng số đến năm 2025, định hướng đến năm 2030",
    ),
    (
        "2629/QĐ-TTg",
        LegalDocumentKind::QuyetDinh,
        "2629/QĐ-TTg",
        (2025, 12, 1),
        "Thủ tướng Chính phủ",
        "phê duyệt Chương trình phát triển Chính phủ số",
    ),
];

/// Date of the five-year plan an annual plan implements.
fn five_year_date(profile: &Profile) -> Option<NaiveDate> {
    let (y, m, d) = profile.five_year_date;
    NaiveDate::from_ymd_opt(y, m, d)
}

pub(super) fn build(profile: &Profile, ctx: &Ctx, plan_date: NaiveDate) -> Opening {
    let mut legal_bases: Vec<LegalBasis> = LEGAL_BASES
        .iter()
        .map(|(id, kind, number, (y, m, d), issuer, title)| LegalBasis {
            kind: *kind,
            number: (*number).to_owned(),
            date: NaiveDate::from_ymd_opt(*y, *m, *d),
            issuer: (*issuer).to_owned(),
            title: (*title).to_owned(),
            catalog_id: Some((*id).to_owned()),
        })
        .collect();
    if ctx.is_annual() {
        // An annual plan rests on the five-year plan of the same body.
        legal_bases.push(LegalBasis {
            kind: LegalDocumentKind::KeHoach,
            number: profile.number.to_owned(),
            date: five_year_date(profile),
            issuer: ctx.fill("{cqbh}"),
            title: format!(
                "về {} giai đoạn 2026 - 2030",
                lower_first(&ctx.fill(profile.subject))
            ),
            catalog_id: None,
        });
    }
    // A plan cannot rest on a document issued after it.
    legal_bases.retain(|b| !matches!(b.date, Some(d) if d > plan_date));
    Opening {
        legal_bases,
        implementing: None,
        proposed_by: profile.proposed_by.to_owned(),
        issuing_sentence: ctx.fill(profile.issuing_sentence),
        ..Opening::default()
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
