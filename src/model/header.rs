use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::RichText;

/// The header block and title of the document (Nghị định 30, ô 1–5).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentHeader {
    /// Cơ quan chủ quản, e.g. "BỘ KHOA HỌC VÀ CÔNG NGHỆ" above a unit; empty when none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub parent_body: String,
    /// Tên cơ quan ban hành, e.g. "ỦY BAN NHÂN DÂN TỈNH …".
    pub issuer: String,
    /// Số and ký hiệu as typed, e.g. "0155/KH-UBND" or "/KH-UBND" before numbering.
    pub number: String,
    /// Địa danh, e.g. "Hà Nội".
    pub place: String,
    /// Ngày ban hành; empty until the document is issued.
    pub date: Option<NaiveDate>,
    /// Trích yếu, e.g. "Chuyển đổi số tỉnh … giai đoạn 2026–2030".
    pub subject: String,
}

/// Dates of documents lie between the founding of the state and the end of the century.
fn check_date(field: String, date: Option<NaiveDate>) -> Result<(), super::OutOfRange> {
    use chrono::Datelike;
    match date {
        Some(d) => super::settings::check_range(
            field,
            f64::from(d.year()),
            1945.0,
            2100.0,
            "năm 1945–2100",
        ),
        None => Ok(()),
    }
}

impl DocumentHeader {
    pub fn check_ranges(&self) -> Result<(), super::OutOfRange> {
        check_date("Ngày ban hành".into(), self.date)
    }
}

impl Opening {
    pub fn check_ranges(&self) -> Result<(), super::OutOfRange> {
        self.legal_bases.iter().try_for_each(|b| {
            check_date(
                format!("Ngày của văn bản căn cứ «{}»", b.citation()),
                b.date,
            )
        })
    }
}

/// What comes before the body: the legal bases ("Căn cứ …") or an implementing
/// paragraph ("Thực hiện …"), the optional proposal line and the issuing sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Opening {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legal_bases: Vec<LegalBasis>,
    /// How the legal bases are written.
    #[serde(default, skip_serializing_if = "LegalBasesForm::is_lines")]
    pub legal_bases_form: LegalBasesForm,
    /// The sentence above the list form, e.g. "Căn cứ các văn bản sau:"; empty for that
    /// default.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lead_in: String,
    /// "Thực hiện …" paragraph, used instead of or after the legal bases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementing: Option<RichText>,
    /// Who proposed it: the text after "Theo đề nghị của ".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub proposed_by: String,
    /// e.g. "Ủy ban nhân dân tỉnh ban hành Kế hoạch chuyển đổi số … như sau:".
    pub issuing_sentence: String,
}

/// The forms issued plans give their legal bases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LegalBasesForm {
    /// One "Căn cứ …;" line each, the last ending ".".
    #[default]
    Lines,
    /// A lead-in sentence, then one "- …;" item each.
    List,
    /// One paragraph naming them all: "Thực hiện …; …."
    Implementing,
}

impl LegalBasesForm {
    pub fn is_lines(&self) -> bool {
        *self == LegalBasesForm::Lines
    }
}

/// One "Căn cứ …" line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    pub kind: LegalDocumentKind,
    /// Số, ký hiệu, e.g. "57-NQ/TW"; empty for a law, which is cited by name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    pub date: Option<NaiveDate>,
    /// e.g. "Bộ Chính trị", "Thủ tướng Chính phủ".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub issuer: String,
    /// Trích yếu, e.g. "về đột phá phát triển khoa học, công nghệ, …".
    pub title: String,
    /// The catalogue entry this was picked from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LegalDocumentKind {
    Luat,
    NghiQuyet,
    NghiDinh,
    QuyetDinh,
    ChiThi,
    KetLuan,
    KeHoach,
    ThongTu,
    CongVan,
    ChuongTrinh,
    Khac,
}

impl LegalDocumentKind {
    /// Every kind, in the order the editor offers them.
    pub const ALL: [LegalDocumentKind; 11] = [
        LegalDocumentKind::Luat,
        LegalDocumentKind::NghiQuyet,
        LegalDocumentKind::NghiDinh,
        LegalDocumentKind::QuyetDinh,
        LegalDocumentKind::ChiThi,
        LegalDocumentKind::KetLuan,
        LegalDocumentKind::KeHoach,
        LegalDocumentKind::ThongTu,
        LegalDocumentKind::CongVan,
        LegalDocumentKind::ChuongTrinh,
        LegalDocumentKind::Khac,
    ];

    /// The name of the kind as it opens a citation ("Nghị quyết số …").
    pub fn label(self) -> &'static str {
        match self {
            LegalDocumentKind::Luat => "Luật",
            LegalDocumentKind::NghiQuyet => "Nghị quyết",
            LegalDocumentKind::NghiDinh => "Nghị định",
            LegalDocumentKind::QuyetDinh => "Quyết định",
            LegalDocumentKind::ChiThi => "Chỉ thị",
            LegalDocumentKind::KetLuan => "Kết luận",
            LegalDocumentKind::KeHoach => "Kế hoạch",
            LegalDocumentKind::ThongTu => "Thông tư",
            LegalDocumentKind::CongVan => "Công văn",
            LegalDocumentKind::ChuongTrinh => "Chương trình",
            LegalDocumentKind::Khac => "Văn bản",
        }
    }
}

impl LegalBasis {
    /// The citation as written after "Căn cứ ": "Nghị quyết số 57-NQ/TW ngày 22/12/2024
    /// của Bộ Chính trị về …"; a law is cited by its name alone.
    pub fn citation(&self) -> String {
        let mut out = String::from(self.kind.label());
        if self.kind == LegalDocumentKind::Luat {
            out.push(' ');
            out.push_str(&self.title);
            return out;
        }
        if !self.number.is_empty() {
            out.push_str(" số ");
            out.push_str(&self.number);
        }
        if let Some(date) = self.date {
            out.push_str(" ngày ");
            out.push_str(&crate::document::format::numeric_date(date));
        }
        if !self.issuer.is_empty() {
            out.push_str(" của ");
            out.push_str(&self.issuer);
        }
        if !self.title.is_empty() {
            out.push(' ');
            out.push_str(&self.title);
        }
        out
    }
}
