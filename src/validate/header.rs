//! The header block (Nghị định 30, ô 1–5) and the opening's lines after the căn cứ.

use chrono::{Datelike, Duration};

use super::{at, blank, kind_label, plan_years, Context, Part, Severity, Sink};
use crate::document::format::numeric_date;
use crate::model::{Level, Plan, PlanKind};

/// Ministry-level bodies that are not called "Bộ": their plans' codes and issuer names.
const MINISTRY_LEVEL_CODES: &[&str] = &["NHNN", "TTCP", "VPCP"];
const MINISTRY_LEVEL_NAMES: &[&str] = &[
    "NGÂN HÀNG NHÀ NƯỚC",
    "THANH TRA CHÍNH PHỦ",
    "VĂN PHÒNG CHÍNH PHỦ",
];

/// Upper case with the two spellings of "Ủy" made one, for comparisons.
pub(super) fn canonical_upper(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
        .replace("UỶ", "ỦY")
}

fn is_uppercase(s: &str) -> bool {
    s.to_uppercase() == s
}

pub(super) fn header(plan: &Plan, ctx: &Context, out: &mut Sink) {
    let h = &plan.header;
    let level = plan.meta.level;
    let loc = |field: &str| at(Part::Header, None, Some(field));
    if !blank(&h.parent_body) && !is_uppercase(&h.parent_body) {
        out.push(
            "header.issuer-not-uppercase",
            Severity::Hint,
            loc("parent_body"),
            "Tên cơ quan chủ quản chưa viết in hoa như khi in.",
            format!("Ghi «{}».", h.parent_body.trim().to_uppercase()),
        );
    }
    if blank(&h.issuer) {
        out.push(
            "header.issuer-missing",
            Severity::Error,
            loc("issuer"),
            "Chưa có tên cơ quan ban hành.",
            match level {
                Level::Tinh => "Ghi tên cơ quan ban hành, ví dụ «ỦY BAN NHÂN DÂN TỈNH …».",
                Level::Bo => "Ghi tên cơ quan ban hành, ví dụ «BỘ KHOA HỌC VÀ CÔNG NGHỆ».",
            },
        );
    } else {
        if !is_uppercase(&h.issuer) {
            out.push(
                "header.issuer-not-uppercase",
                Severity::Hint,
                loc("issuer"),
                "Tên cơ quan ban hành chưa viết in hoa (Nghị định 30 trình bày bằng chữ in hoa).",
                format!("Ghi «{}».", h.issuer.trim().to_uppercase()),
            );
        }
        let issuer = canonical_upper(&h.issuer);
        let fits = match level {
            Level::Tinh => issuer.starts_with("ỦY BAN NHÂN DÂN"),
            Level::Bo => {
                issuer.starts_with("BỘ ")
                    || MINISTRY_LEVEL_NAMES.iter().any(|n| issuer.starts_with(n))
            }
        };
        if !fits {
            out.push(
                "header.issuer-level",
                Severity::Warning,
                loc("issuer"),
                match level {
                    Level::Tinh => "Kế hoạch cấp tỉnh do Ủy ban nhân dân tỉnh, thành phố ban hành, nhưng tên cơ quan ban hành không bắt đầu bằng «ỦY BAN NHÂN DÂN».",
                    Level::Bo => "Kế hoạch cấp bộ do bộ, cơ quan ngang bộ ban hành, nhưng tên cơ quan ban hành không phải tên một bộ, cơ quan ngang bộ.",
                },
                "Kiểm tra lại tên cơ quan ban hành hoặc cấp của kế hoạch.",
            );
        }
    }
    number(plan, out);
    if blank(&h.place) {
        out.push(
            "header.place-missing",
            Severity::Error,
            loc("place"),
            "Chưa có địa danh.",
            match level {
                Level::Tinh => "Ghi tên tỉnh, thành phố nơi cơ quan đóng trụ sở.",
                Level::Bo => "Ghi «Hà Nội» (nơi bộ đóng trụ sở).",
            },
        );
    }
    let (_, last) = plan_years(plan);
    match h.date {
        None => out.push(
            "header.date-missing",
            Severity::Warning,
            loc("date"),
            "Chưa có ngày ban hành.",
            "Ngày ban hành (dạng ngày/tháng/năm, ví dụ 05/01/2026) được ghi khi ký; trong khi chưa có ngày, căn cứ được so với ngày hôm nay và giá trị hiện trạng với năm đầu của kế hoạch.",
        ),
        Some(d) if !(2025..=last).contains(&d.year()) => out.push(
            "header.date-out-of-range",
            Severity::Error,
            loc("date"),
            format!(
                "Ngày ban hành {} không hợp lý với kế hoạch {}.",
                numeric_date(d),
                kind_label(plan.meta.kind)
            ),
            format!("Kế hoạch {} được ban hành trong khoảng năm 2025 – {last}: kiểm tra lại năm.", kind_label(plan.meta.kind)),
        ),
        Some(d) if d > ctx.today + Duration::days(30) => out.push(
            "header.date-future",
            Severity::Warning,
            loc("date"),
            format!(
                "Ngày ban hành {} còn hơn 30 ngày nữa mới đến.",
                numeric_date(d)
            ),
            "Kiểm tra lại ngày; ngày ban hành là ngày ký.",
        ),
        _ => {}
    }
    if blank(&h.subject) {
        out.push(
            "header.subject-missing",
            Severity::Error,
            loc("subject"),
            "Chưa có trích yếu của kế hoạch.",
            match plan.meta.kind {
                PlanKind::FiveYear => {
                    "Ghi trích yếu, ví dụ «Chuyển đổi số tỉnh … giai đoạn 2026 - 2030».".to_owned()
                }
                PlanKind::Annual { year } => {
                    format!("Ghi trích yếu, ví dụ «Chuyển đổi số tỉnh … năm {year}».")
                }
            },
        );
    } else {
        let names_period = match plan.meta.kind {
            PlanKind::FiveYear => h.subject.contains("2026") && h.subject.contains("2030"),
            PlanKind::Annual { year } => h.subject.contains(&year.to_string()),
        };
        if !names_period {
            out.push(
                "header.subject-period",
                Severity::Warning,
                loc("subject"),
                format!(
                    "Trích yếu chưa nêu kỳ của kế hoạch ({}).",
                    kind_label(plan.meta.kind)
                ),
                match plan.meta.kind {
                    PlanKind::FiveYear => "Thêm «giai đoạn 2026 - 2030» vào trích yếu.".to_owned(),
                    PlanKind::Annual { year } => format!("Thêm «năm {year}» vào trích yếu."),
                },
            );
        }
    }
}

/// Số, ký hiệu: "125/KH-UBND", "05/KH-BKHCN", or "/KH-UBND" before numbering.
fn number(plan: &Plan, out: &mut Sink) {
    let level = plan.meta.level;
    let example = match level {
        Level::Tinh => "125/KH-UBND",
        Level::Bo => "45/KH-BKHCN",
    };
    let loc = || at(Part::Header, None, Some("number"));
    let n = plan.header.number.trim();
    if n.is_empty() {
        out.push(
            "header.number-missing",
            Severity::Error,
            loc(),
            "Chưa có số, ký hiệu của kế hoạch.",
            format!(
                "Ghi ký hiệu, ví dụ «/{}»; số do văn thư cấp khi ban hành.",
                example.split_once('/').map_or(example, |(_, k)| k)
            ),
        );
        return;
    }
    let parsed = n
        .split_once('/')
        .filter(|_| !n.chars().any(char::is_whitespace))
        .and_then(|(digits, symbol)| {
            let code = symbol.strip_prefix("KH-")?;
            let ok = digits.chars().all(|c| c.is_ascii_digit())
                && code.chars().next().is_some_and(char::is_uppercase)
                && code.chars().all(|c| c.is_alphanumeric() || c == '&');
            ok.then_some((digits, code))
        });
    let Some((digits, code)) = parsed else {
        out.push(
            "header.number-format",
            Severity::Error,
            loc(),
            format!("Số, ký hiệu «{n}» không đúng dạng «số/KH-…» (ví dụ «{example}»)."),
            "Ghi liền, không có dấu cách: số (để trống đến khi văn thư cấp số), «/KH-» và chữ viết tắt tên cơ quan ban hành.",
        );
        return;
    };
    let fits = match level {
        Level::Tinh => code == "UBND",
        Level::Bo => code.starts_with('B') || MINISTRY_LEVEL_CODES.contains(&code),
    };
    if !fits {
        out.push(
            "header.number-level",
            Severity::Error,
            loc(),
            match level {
                Level::Tinh => format!("Ký hiệu «KH-{code}» không phải ký hiệu kế hoạch của Ủy ban nhân dân tỉnh («KH-UBND»)."),
                Level::Bo => format!("Ký hiệu «KH-{code}» không phải ký hiệu kế hoạch của một bộ («KH-B…», ví dụ «KH-BKHCN»)."),
            },
            format!("Ghi theo dạng «{example}»."),
        );
    }
    if digits.len() == 1 {
        out.push(
            "header.number-padding",
            Severity::Error,
            loc(),
            format!("Số {digits} nhỏ hơn 10 phải ghi thêm số 0 phía trước."),
            format!("Ghi «0{n}»."),
        );
    }
}

/// The opening's lines after the căn cứ.
pub(super) fn opening(plan: &Plan, out: &mut Sink) {
    let o = &plan.opening;
    // Issued plans often end their "Thực hiện …" paragraph with the issuing sentence
    // ("…, Ủy ban nhân dân tỉnh ban hành Kế hoạch … như sau:").
    let issued_in_implementing = o.implementing.as_ref().is_some_and(|t| {
        let t = t.to_plain();
        t.contains("ban hành") && t.trim_end().ends_with(':')
    });
    if blank(&o.issuing_sentence) && !issued_in_implementing {
        out.push(
            "opening.issuing-sentence-missing",
            Severity::Warning,
            at(Part::Opening, None, Some("issuing_sentence")),
            "Chưa có câu ban hành kế hoạch.",
            match plan.meta.level {
                Level::Tinh => {
                    "Ghi, ví dụ: «Ủy ban nhân dân tỉnh ban hành Kế hoạch chuyển đổi số … như sau:»."
                }
                Level::Bo => "Ghi, ví dụ: «Bộ … ban hành Kế hoạch chuyển đổi số … như sau:».",
            },
        );
    }
    if blank(&o.proposed_by) {
        out.push(
            "opening.proposed-by-missing",
            Severity::Hint,
            at(Part::Opening, None, Some("proposed_by")),
            "Chưa ghi cơ quan đề nghị («Theo đề nghị của …»).",
            match plan.meta.level {
                Level::Tinh => "Ghi, ví dụ: «Giám đốc Sở Khoa học và Công nghệ».",
                Level::Bo => "Ghi người đứng đầu đơn vị tham mưu, ví dụ «Cục trưởng Cục …».",
            },
        );
    }
}
