//! Paragraph styles by role: what each element of the document looks like.

use super::{Layout, CLOSING_SPACE_BEFORE_PT};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

/// The role of a paragraph in the document; the layout gives each its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Cơ quan chủ quản (ô 2), above the issuer.
    ParentBody,
    /// Tên cơ quan ban hành (ô 2).
    Issuer,
    /// "Số: 125/KH-UBND" (ô 3).
    Number,
    /// Quốc hiệu (ô 1).
    NationalTitle,
    /// Tiêu ngữ (ô 1).
    Motto,
    /// Địa danh, ngày tháng năm (ô 4).
    PlaceDate,
    /// "KẾ HOẠCH" (ô 5a).
    DocumentTitle,
    /// Trích yếu (ô 5a).
    Subject,
    /// "Phần I", "Phần II" of an annual plan laid out in parts (its title follows as a
    /// [`Role::Subject`] paragraph): the trích yếu's look, and a level of the outline.
    PartLabel,
    /// "Căn cứ …" and "Theo đề nghị của …" lines.
    LegalBasis,
    /// Mục: "I. MỤC TIÊU".
    Heading1,
    /// Khoản: "1. Mục tiêu chung".
    Heading2,
    /// "2.1. Phát triển …".
    Heading3,
    /// Điểm: "a) Cung cấp dịch vụ số …".
    Heading4,
    /// A run-in heading of the drafter's: "1. Mục đích", "Tồn tại, hạn chế:".
    RunInHeading,
    /// Body paragraphs and "-"/"+" items.
    Body,
    /// The title of an indicator group of the drafter's own, in section II.
    GroupLabel,
    /// "Nơi nhận:".
    RecipientsHeading,
    /// "- Bộ Khoa học và Công nghệ;".
    Recipient,
    /// The first line of the signer block ("TM. ỦY BAN NHÂN DÂN", or the chức vụ of one
    /// who signs in their own right), level with "Nơi nhận:".
    SignerFirstLine,
    /// The signer's further lines: "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH".
    SignerAuthority,
    /// Họ và tên of the signer.
    SignerName,
    /// "Phụ lục I".
    AppendixLabel,
    /// The appendix title, upper case.
    AppendixTitle,
    /// "(Kèm theo Kế hoạch số … ngày … của …)".
    AppendixNote,
    /// Table header cells.
    TableHeader,
    /// Table body cells.
    TableCell,
    /// Group rows of appendix tables ("I. Chỉ tiêu …", "1. Thể chế, chính sách số").
    TableGroup,
    /// The page number in the top margin.
    PageNumber,
}

impl Role {
    /// The heading level of the role, 1 to 5, as both writers expose the structure (Word's
    /// outline level is one less; the PDF's tags are H1–H5): parts, appendix labels and
    /// Heading 1 at the top, run-in headings at the bottom. `None` for text that is not a
    /// heading.
    pub fn heading_level(self) -> Option<u8> {
        match self {
            Role::PartLabel | Role::AppendixLabel | Role::Heading1 => Some(1),
            Role::Heading2 => Some(2),
            Role::Heading3 => Some(3),
            Role::Heading4 => Some(4),
            Role::RunInHeading => Some(5),
            _ => None,
        }
    }
}

/// How a paragraph of a given role looks. Text case is not a style: the document
/// model already holds upper-case text where the decree asks for it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParagraphStyle {
    pub size_pt: f32,
    pub bold: bool,
    pub italic: bool,
    pub align: Align,
    pub first_line_indent_mm: f32,
    pub space_before_pt: f32,
    pub space_after_pt: f32,
    /// Exact distance between baselines.
    pub line_pitch_pt: f32,
    /// Stay on the same page as the next paragraph (headings).
    pub keep_with_next: bool,
}

/// First-line indent of body paragraphs.
pub const BODY_INDENT_MM: f32 = 12.7;
/// Space after body paragraphs.
pub const BODY_SPACE_AFTER_PT: f32 = 6.0;
/// Text size inside appendix tables.
pub const TABLE_SIZE_PT: f32 = 12.0;

impl Layout {
    pub fn style(&self, role: Role) -> ParagraphStyle {
        let body = self.body_size_pt;
        let plain = |size: f32| ParagraphStyle {
            size_pt: size,
            bold: false,
            italic: false,
            align: Align::Center,
            first_line_indent_mm: 0.0,
            space_before_pt: 0.0,
            space_after_pt: 0.0,
            line_pitch_pt: Layout::line_pitch_pt(size),
            keep_with_next: false,
        };
        let bold = |size: f32| ParagraphStyle {
            bold: true,
            ..plain(size)
        };
        let body_text = ParagraphStyle {
            align: Align::Justify,
            first_line_indent_mm: BODY_INDENT_MM,
            space_after_pt: BODY_SPACE_AFTER_PT,
            ..plain(body)
        };
        let heading = ParagraphStyle {
            bold: true,
            keep_with_next: true,
            ..body_text
        };
        match role {
            Role::ParentBody => plain(12.0),
            Role::Issuer => bold(13.0),
            Role::Number => ParagraphStyle {
                space_before_pt: 6.0,
                ..plain(13.0)
            },
            Role::NationalTitle => bold(12.0),
            Role::Motto => bold(13.0),
            Role::PlaceDate => ParagraphStyle {
                italic: true,
                space_before_pt: 6.0,
                ..plain(body)
            },
            Role::DocumentTitle => ParagraphStyle {
                space_before_pt: 24.0,
                keep_with_next: true,
                ..bold(body)
            },
            Role::Subject | Role::PartLabel => ParagraphStyle {
                keep_with_next: true,
                ..bold(body)
            },
            Role::LegalBasis => ParagraphStyle {
                italic: true,
                ..body_text
            },
            Role::Heading1
            | Role::Heading2
            | Role::Heading3
            | Role::Heading4
            | Role::RunInHeading => heading,
            Role::Body => body_text,
            Role::GroupLabel => ParagraphStyle {
                italic: true,
                keep_with_next: true,
                ..body_text
            },
            Role::RecipientsHeading => ParagraphStyle {
                italic: true,
                align: Align::Left,
                space_before_pt: CLOSING_SPACE_BEFORE_PT,
                ..bold(12.0)
            },
            Role::Recipient => ParagraphStyle {
                align: Align::Left,
                ..plain(11.0)
            },
            Role::SignerFirstLine => ParagraphStyle {
                space_before_pt: CLOSING_SPACE_BEFORE_PT,
                ..self.style(Role::SignerAuthority)
            },
            Role::SignerAuthority => ParagraphStyle {
                keep_with_next: true,
                ..bold(body)
            },
            Role::SignerName => ParagraphStyle {
                space_before_pt: self.signature_space_pt(),
                ..bold(body)
            },
            Role::AppendixLabel => bold(14.0),
            Role::AppendixTitle => ParagraphStyle {
                space_before_pt: 6.0,
                keep_with_next: true,
                ..bold(body)
            },
            Role::AppendixNote => ParagraphStyle {
                italic: true,
                keep_with_next: true,
                ..plain(body)
            },
            Role::TableHeader => bold(TABLE_SIZE_PT),
            Role::TableCell => ParagraphStyle {
                align: Align::Left,
                ..plain(TABLE_SIZE_PT)
            },
            Role::TableGroup => ParagraphStyle {
                align: Align::Left,
                ..bold(TABLE_SIZE_PT)
            },
            Role::PageNumber => plain(self.page_number_size_pt()),
        }
    }
}
