//! `word/styles.xml`: one paragraph style per [`Role`], written from the layout rules.
//!
//! Paragraphs in the document refer to their role's style and carry direct formatting
//! only where they differ from it (a bold run in body text, a centred table cell, the
//! indents of a rule). A drafter who edits the file in Word keeps the look by applying
//! the same styles. Every style names Times New Roman in all four font slots and states
//! its size, weight, slant, alignment, indent, spacing and exact line pitch, so nothing
//! depends on an application's defaults.

use std::fmt::Write;

use crate::layout::{
    mm_to_twips, pt_to_twips, Align, Layout, ParagraphStyle, Role, FONT_FAMILY, RULE_GAP_PT,
    RULE_THICKNESS_PT, SECTION_END_PT, WIDOW_CONTROL,
};

/// Every role, in the order the styles are listed.
pub(super) const ROLES: [Role; 29] = [
    Role::ParentBody,
    Role::Issuer,
    Role::Number,
    Role::NationalTitle,
    Role::Motto,
    Role::PlaceDate,
    Role::DocumentTitle,
    Role::Subject,
    Role::PartLabel,
    Role::LegalBasis,
    Role::Heading1,
    Role::Heading2,
    Role::Heading3,
    Role::Heading4,
    Role::RunInHeading,
    Role::Body,
    Role::GroupLabel,
    Role::RecipientsHeading,
    Role::Recipient,
    Role::SignerFirstLine,
    Role::SignerAuthority,
    Role::SignerName,
    Role::AppendixLabel,
    Role::AppendixTitle,
    Role::AppendixNote,
    Role::TableHeader,
    Role::TableCell,
    Role::TableGroup,
    Role::PageNumber,
];

/// The style of drawn rules: an empty paragraph whose bottom border is the rule.
pub(super) const RULE_STYLE: &str = "KhRule";
/// The style of the empty paragraph that carries a section break.
pub(super) const SECTION_END_STYLE: &str = "KhSectionEnd";

/// The style id of a role (ASCII, stable: tests and templates refer to it).
pub(super) fn style_id(role: Role) -> &'static str {
    match role {
        Role::ParentBody => "KhParentBody",
        Role::Issuer => "KhIssuer",
        Role::Number => "KhNumber",
        Role::NationalTitle => "KhNationalTitle",
        Role::Motto => "KhMotto",
        Role::PlaceDate => "KhPlaceDate",
        Role::DocumentTitle => "KhDocumentTitle",
        Role::Subject => "KhSubject",
        Role::PartLabel => "KhPart",
        Role::LegalBasis => "KhLegalBasis",
        Role::Heading1 => "Heading1",
        Role::Heading2 => "Heading2",
        Role::Heading3 => "Heading3",
        Role::Heading4 => "Heading4",
        Role::RunInHeading => "Heading5",
        Role::Body => "KhBody",
        Role::GroupLabel => "KhGroupLabel",
        Role::RecipientsHeading => "KhRecipientsHeading",
        Role::Recipient => "KhRecipient",
        Role::SignerFirstLine => "KhSignerFirstLine",
        Role::SignerAuthority => "KhSignerAuthority",
        Role::SignerName => "KhSignerName",
        Role::AppendixLabel => "KhAppendixLabel",
        Role::AppendixTitle => "KhAppendixTitle",
        Role::AppendixNote => "KhAppendixNote",
        Role::TableHeader => "KhTableHeader",
        Role::TableCell => "KhTableCell",
        Role::TableGroup => "KhTableGroup",
        Role::PageNumber => "KhPageNumber",
    }
}

/// The name Word shows in its style gallery.
fn style_name(role: Role) -> &'static str {
    match role {
        Role::ParentBody => "KH Cơ quan chủ quản",
        Role::Issuer => "KH Cơ quan ban hành",
        Role::Number => "KH Số, ký hiệu",
        Role::NationalTitle => "KH Quốc hiệu",
        Role::Motto => "KH Tiêu ngữ",
        Role::PlaceDate => "KH Địa danh, ngày tháng",
        Role::DocumentTitle => "KH Tên loại văn bản",
        Role::Subject => "KH Trích yếu",
        Role::PartLabel => "KH Phần",
        Role::LegalBasis => "KH Căn cứ",
        Role::Heading1 => "heading 1",
        Role::Heading2 => "heading 2",
        Role::Heading3 => "heading 3",
        Role::Heading4 => "heading 4",
        Role::RunInHeading => "heading 5",
        Role::Body => "KH Nội dung",
        Role::GroupLabel => "KH Nhóm chỉ tiêu",
        Role::RecipientsHeading => "KH Nơi nhận",
        Role::Recipient => "KH Nơi nhận - dòng",
        Role::SignerFirstLine => "KH Quyền hạn người ký",
        Role::SignerAuthority => "KH Quyền hạn, chức vụ",
        Role::SignerName => "KH Họ tên người ký",
        Role::AppendixLabel => "KH Phụ lục",
        Role::AppendixTitle => "KH Tên phụ lục",
        Role::AppendixNote => "KH Kèm theo",
        Role::TableHeader => "KH Bảng - tiêu đề cột",
        Role::TableCell => "KH Bảng - ô",
        Role::TableGroup => "KH Bảng - nhóm",
        Role::PageNumber => "KH Số trang",
    }
}

/// The style that follows a paragraph of `role` when the drafter presses Enter in Word.
fn next_role(role: Role) -> Role {
    match role {
        Role::Heading1
        | Role::Heading2
        | Role::Heading3
        | Role::Heading4
        | Role::RunInHeading
        | Role::GroupLabel => Role::Body,
        other => other,
    }
}

pub(super) fn jc(align: Align) -> &'static str {
    match align {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
        Align::Justify => "both",
    }
}

/// Half-points, as `w:sz` wants them.
pub(super) fn half_points(pt: f32) -> i32 {
    (pt * 2.0).round() as i32
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn fonts() -> String {
    format!(
        r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}"/>"#,
        f = FONT_FAMILY
    )
}

fn spacing(before_pt: f32, after_pt: f32, line_pt: f32) -> String {
    format!(
        r#"<w:spacing w:before="{}" w:after="{}" w:line="{}" w:lineRule="exact"/>"#,
        pt_to_twips(before_pt).max(0),
        pt_to_twips(after_pt).max(0),
        pt_to_twips(line_pt).max(1)
    )
}

fn run_properties(size_pt: f32, bold: bool, italic: bool) -> String {
    let sz = half_points(size_pt);
    format!(
        "<w:rPr>{}{}{}<w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/></w:rPr>",
        fonts(),
        if bold { "<w:b/><w:bCs/>" } else { "" },
        if italic { "<w:i/><w:iCs/>" } else { "" },
    )
}

/// A paragraph style. A built-in style (the headings: Word's "heading 1" … "heading 5",
/// which its navigation pane, table of contents, screen readers and converters such as
/// pandoc recognise by name) is not marked custom and keeps Word's UI priority.
fn paragraph_style(out: &mut String, id: &str, name: &str, next: &str, ppr: &str, rpr: &str) {
    let (custom, priority) = if name.starts_with("heading ") {
        ("", r#"<w:uiPriority w:val="9"/>"#)
    } else {
        (r#" w:customStyle="1""#, "")
    };
    let _ = write!(
        out,
        r#"<w:style w:type="paragraph"{custom} w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:next w:val="{next}"/>{priority}<w:qFormat/><w:pPr>{ppr}</w:pPr>{rpr}</w:style>"#
    );
}

fn role_ppr(style: &ParagraphStyle, outline: Option<u8>) -> String {
    let mut ppr = String::new();
    if style.keep_with_next {
        ppr.push_str("<w:keepNext/>");
    }
    ppr.push_str(&spacing(
        style.space_before_pt,
        style.space_after_pt,
        style.line_pitch_pt,
    ));
    let indent = mm_to_twips(style.first_line_indent_mm);
    let _ = write!(
        ppr,
        r#"<w:ind w:left="0" w:right="0" w:firstLine="{}"/>"#,
        indent.max(0)
    );
    let _ = write!(ppr, r#"<w:jc w:val="{}"/>"#, jc(style.align));
    if let Some(level) = outline {
        let _ = write!(ppr, r#"<w:outlineLvl w:val="{level}"/>"#);
    }
    ppr
}

/// The whole `word/styles.xml`.
pub(super) fn styles_xml(layout: &Layout) -> String {
    let body = layout.style(Role::Body);
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    let _ = write!(out, r#"<w:styles xmlns:w="{W_NS}">"#);
    // Document defaults: the font, the body size, Vietnamese, no spacing, widow control.
    let sz = half_points(layout.body_size_pt);
    let _ = write!(
        out,
        r#"<w:docDefaults><w:rPrDefault><w:rPr>{}<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>{}{}</w:pPr></w:pPrDefault></w:docDefaults>"#,
        fonts(),
        if WIDOW_CONTROL {
            "<w:widowControl/>"
        } else {
            r#"<w:widowControl w:val="0"/>"#
        },
        spacing(0.0, 0.0, Layout::line_pitch_pt(layout.body_size_pt)),
    );
    // Normal: plain body-size text, left aligned; every role style is based on it.
    let _ = write!(
        out,
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr>{}<w:jc w:val="left"/></w:pPr>{}</w:style>"#,
        spacing(0.0, 0.0, body.line_pitch_pt),
        run_properties(layout.body_size_pt, false, false),
    );
    out.push_str(r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#);
    out.push_str(r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#);
    for role in ROLES {
        let style = layout.style(role);
        paragraph_style(
            &mut out,
            style_id(role),
            style_name(role),
            style_id(next_role(role)),
            &role_ppr(&style, role.heading_level().map(|level| level - 1)),
            &run_properties(style.size_pt, style.bold, style.italic),
        );
    }
    // Rules: an empty paragraph RULE_GAP_PT high whose bottom border is the line; the
    // indents that centre it are set on each paragraph.
    let _ = write!(
        out,
        r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="{RULE_STYLE}"><w:name w:val="KH Đường kẻ"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="{}" w:space="0" w:color="000000"/></w:pBdr>{}<w:jc w:val="center"/></w:pPr>{}</w:style>"#,
        (RULE_THICKNESS_PT * 8.0).round() as i32,
        spacing(0.0, 0.0, RULE_GAP_PT),
        run_properties(1.0, false, false),
    );
    // The paragraph that carries a section break takes no room.
    let _ = write!(
        out,
        r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="{SECTION_END_STYLE}"><w:name w:val="KH Ngắt phần"/><w:basedOn w:val="Normal"/><w:pPr>{}</w:pPr>{}</w:style>"#,
        spacing(0.0, 0.0, SECTION_END_PT),
        run_properties(SECTION_END_PT, false, false),
    );
    out.push_str("</w:styles>");
    out
}
