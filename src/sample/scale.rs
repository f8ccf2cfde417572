//! Growing the sample for benchmarks: with `scale` N every task gets N − 1 copies, one
//! per sector of the profile (then per round of sectors), with their own lead unit,
//! schedule and budget; sectors get extra indicators, situation paragraphs and
//! technology bullets. Names stay distinct and every link stays valid.

use crate::model::{Block, Comparator, Indicator, IndicatorGroup, MonthYear};

use super::indicators::{own_targets, IndicatorDraft};
use super::profile::Profile;
use super::tasks::{round_budget, units, TaskDraft};
use super::text::{value_text, Ctx};

/// Group of the extra indicators.
const EXTRA_GROUP: &str = "Chỉ tiêu chuyển đổi số theo ngành, lĩnh vực";

/// Extra indicator names, `{s}` being the sector.
const EXTRA_INDICATORS: &[&str] = &[
    "Tỷ lệ hồ sơ thủ tục hành chính lĩnh vực {s} được giải quyết trực tuyến toàn trình",
    "Tỷ lệ dữ liệu chuyên ngành lĩnh vực {s} được chuẩn hóa, kết nối với Kho dữ liệu dùng chung",
    "Tỷ lệ quy trình nghiệp vụ lĩnh vực {s} được thực hiện trên nền tảng số",
    "Tỷ lệ báo cáo định kỳ lĩnh vực {s} được tổng hợp tự động từ dữ liệu",
];

/// Situation paragraphs of section I, one per extra sector: `{s}` sector, `{u}` its
/// lead unit, `{a}` `{b}` `{c}` figures.
const SITUATION: &[&str] = &[
    "**Lĩnh vực {s}:** {Truoc}, {u} đã đưa vào sử dụng {a} phần mềm, cơ sở dữ liệu chuyên ngành; {b}% hồ sơ công việc được xử lý trên môi trường điện tử; dữ liệu chuyên ngành mới được số hóa khoảng {c}%, chưa kết nối đầy đủ với Kho dữ liệu dùng chung. Thời gian tới cần tái cấu trúc quy trình nghiệp vụ, làm sạch dữ liệu và chuyển các hệ thống lên nền tảng điện toán đám mây.",
    "**Lĩnh vực {s} (tiếp theo):** nhân lực phụ trách công nghệ thông tin của {u} có {a} người, trong đó {b}% được đào tạo chuyên sâu; {c}% thủ tục hành chính của lĩnh vực được cung cấp trực tuyến toàn trình. Hạn chế chủ yếu là dữ liệu còn phân tán, chưa được cập nhật thường xuyên và chưa được khai thác hiệu quả cho chỉ đạo, điều hành.",
    "**Lĩnh vực {s} (đánh giá bổ sung):** các hệ thống thông tin của lĩnh vực đã được xác định cấp độ an toàn thông tin; tuy nhiên {c}% hệ thống chưa được kiểm tra, đánh giá định kỳ, {a} hệ thống còn vận hành trên máy chủ riêng lẻ tại đơn vị, tỷ lệ sử dụng nền tảng dùng chung mới đạt {b}%.",
];

/// Sector duties added to each area of III, `{s}` sector, `{u}` its lead unit.
const AREA_DUTIES: [&str; 9] = [
    "Lĩnh vực {s}: {u} phân công lãnh đạo phụ trách chuyển đổi số, báo cáo tiến độ thực hiện hằng quý về Ban Chỉ đạo.",
    "Lĩnh vực {s}: {u} rà soát quy trình, quy định chuyên ngành để bảo đảm giá trị pháp lý của hồ sơ, dữ liệu điện tử.",
    "Lĩnh vực {s}: {u} chuyển các hệ thống thông tin chuyên ngành lên hạ tầng dùng chung, kết nối Mạng truyền số liệu chuyên dùng.",
    "Lĩnh vực {s}: {u} cử công chức tham gia đào tạo chuyên sâu, bồi dưỡng kỹ năng số theo vị trí việc làm.",
    "Lĩnh vực {s}: {u} hoàn thiện, làm sạch cơ sở dữ liệu chuyên ngành và kết nối với Kho dữ liệu dùng chung.",
    "Lĩnh vực {s}: {u} phê duyệt cấp độ, kiểm tra, đánh giá an toàn thông tin các hệ thống chuyên ngành.",
    "Lĩnh vực {s}: {u} tái cấu trúc quy trình, cung cấp dịch vụ công trực tuyến toàn trình và ứng dụng trợ lý ảo.",
    "Lĩnh vực {s}: {u} đo lường, thúc đẩy ứng dụng nền tảng số của doanh nghiệp, người dân trong lĩnh vực.",
    "Lĩnh vực {s}: {u} tuyên truyền, hướng dẫn người dân, doanh nghiệp sử dụng các dịch vụ số của lĩnh vực.",
];

const TECHNOLOGIES: &[&str] = &[
    "trí tuệ nhân tạo",
    "dữ liệu lớn",
    "Internet vạn vật",
    "chuỗi khối",
    "điện toán đám mây",
    "bản sao số",
];

const USES: &[&str] = &[
    "giải quyết thủ tục hành chính",
    "phân tích, dự báo",
    "thanh tra, kiểm tra",
    "quản lý hồ sơ, tài liệu",
    "tổng hợp báo cáo",
];

/// The sector and round of copy `k` (1-based) of base item `i`: each item walks
/// through all sectors before a sector comes back in the next round.
fn sector_of(i: usize, k: usize, sectors: usize) -> (usize, usize) {
    let j = k - 1;
    ((i + j) % sectors, j / sectors)
}

/// The copies of the base tasks for scale > 1 (ids are set by the caller).
pub(super) fn task_copies(
    base: &[TaskDraft],
    profile: &Profile,
    ctx: &Ctx,
    scale: usize,
) -> Vec<TaskDraft> {
    let n = profile.sectors.len().max(1);
    let (first, last) = ctx.kind.years();
    let mut out = Vec::with_capacity(base.len() * scale.saturating_sub(1));
    for k in 1..scale {
        for (i, b) in base.iter().enumerate() {
            let (s, round) = sector_of(i, k, n);
            let (sector, lead) = profile.sectors.get(s).copied().unwrap_or(("chung", ""));
            let lead = if lead.is_empty() {
                b.task.lead_unit.clone()
            } else {
                lead.to_owned()
            };
            let suffix = if round == 0 {
                format!(" – lĩnh vực {sector}")
            } else {
                format!(" – lĩnh vực {sector} (đợt {})", round + 1)
            };
            let mut task = b.task.clone();
            task.name.push_str(&suffix);
            task.content.push_str(&format!(
                " Phạm vi: lĩnh vực {sector}, do {lead} chủ trì thực hiện."
            ));
            task.expected_result
                .push_str(&format!(" (lĩnh vực {sector})"));
            let coordinating = std::iter::once(b.task.lead_unit.as_str())
                .chain(b.task.coordinating_units.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join("; ");
            task.coordinating_units = units(&coordinating, &lead);
            task.lead_unit = lead;
            let shift = ((k + i) % 6) as i32;
            let limit = MonthYear {
                year: last,
                month: 12,
            };
            let end = task.end.map(|e| add_months(e, shift).min(limit));
            let start = task.start.map(|s| {
                let s = add_months(s, shift);
                match end {
                    Some(e) if s > e => e,
                    _ => s,
                }
            });
            task.start = start.map(|s| {
                s.max(MonthYear {
                    year: first,
                    month: 1,
                })
            });
            task.end = end;
            let factor = 0.4 + 0.15 * ((i + k) % 5) as f64;
            task.budget_million_vnd = task.budget_million_vnd.map(|v| round_budget(v * factor));
            out.push(TaskDraft {
                task,
                topics: b.topics.clone(),
                sector: Some(s),
                row: b.row,
            });
        }
    }
    out
}

fn add_months(m: MonthYear, months: i32) -> MonthYear {
    let index = m.year * 12 + i32::from(m.month) - 1 + months;
    MonthYear {
        year: index.div_euclid(12),
        month: (index.rem_euclid(12) + 1) as u8,
    }
}

/// Three sector indicators per step of scale, as long as names stay distinct.
pub(super) fn extra_indicators(profile: &Profile, ctx: &Ctx, scale: usize) -> Vec<IndicatorDraft> {
    let n = profile.sectors.len();
    let count = (3 * scale.saturating_sub(1)).min(EXTRA_INDICATORS.len() * n);
    (0..count)
        .map(|j| {
            let s = j % n;
            let (sector, lead) = profile.sectors[s];
            let base = 30.0 + ((j * 7) % 40) as f64;
            let t1 = (base + 25.0).min(100.0);
            let t2 = (t1 + 20.0).min(100.0);
            IndicatorDraft {
                indicator: Indicator {
                    id: String::new(),
                    group: IndicatorGroup::Custom(EXTRA_GROUP.to_owned()),
                    name: EXTRA_INDICATORS[j / n].replace("{s}", sector),
                    unit: "%".to_owned(),
                    targets: own_targets(ctx, Comparator::AtLeast, (base, 2025), t1, t2),
                    baseline: Some(crate::model::Baseline {
                        value: value_text(base),
                        year: Some(2025),
                    }),
                    method: format!(
                        "Thống kê trên hệ thống thông tin chuyên ngành lĩnh vực {sector}"
                    ),
                    lead_agency: lead.to_owned(),
                    national: None,
                    not_applicable: None,
                },
                topic: "",
                sector: Some(s),
            }
        })
        .collect()
}

/// Extra paragraphs of section I, one per step of scale.
pub(super) fn situation_paragraphs(profile: &Profile, ctx: &Ctx, scale: usize) -> Vec<Block> {
    let n = profile.sectors.len().max(1);
    (1..scale)
        .filter_map(|k| {
            let (s, round) = sector_of(0, k, n);
            let (sector, lead) = profile.sectors.get(s)?;
            let text = SITUATION[round % SITUATION.len()]
                .replace("{s}", sector)
                .replace("{u}", lead)
                .replace("{a}", &(3 + (k * 5) % 9).to_string())
                .replace("{b}", &(55 + (k * 7) % 40).to_string())
                .replace("{c}", &(40 + (k * 11) % 50).to_string());
            Some(ctx.block(&text))
        })
        .collect()
}

/// Duties of the sectors' lead units in area `area` of III, one per step of scale.
pub(super) fn area_duties(profile: &Profile, ctx: &Ctx, area: u8, scale: usize) -> Vec<Block> {
    let Some(template) = AREA_DUTIES.get(usize::from(area).wrapping_sub(1)) else {
        return Vec::new();
    };
    let n = profile.sectors.len().max(1);
    let mut out: Vec<Block> = (1..scale)
        .filter_map(|k| {
            let (s, round) = sector_of(0, k, n);
            let (sector, lead) = profile.sectors.get(s)?;
            let mut text = format!("- {}", template.replace("{s}", sector).replace("{u}", lead));
            if round > 0 {
                text.insert_str(text.len() - 1, &format!(" (đợt {})", round + 1));
            }
            Some(ctx.block(&text))
        })
        .collect();
    if !out.is_empty() {
        out.insert(
            0,
            ctx.block("**Nhiệm vụ của các cơ quan quản lý ngành, lĩnh vực:**"),
        );
    }
    out
}

/// Extra bullets of IV.4, one per step of scale.
pub(super) fn technology_bullets(profile: &Profile, ctx: &Ctx, scale: usize) -> Vec<Block> {
    let n = profile.sectors.len().max(1);
    (1..scale)
        .filter_map(|k| {
            let (s, _) = sector_of(0, k, n);
            let (sector, lead) = profile.sectors.get(s)?;
            Some(ctx.block(&format!(
                "- Lĩnh vực {sector}: thí điểm ứng dụng {} trong {}, do {lead} chủ trì, đánh giá hiệu quả trước khi nhân rộng.",
                TECHNOLOGIES[k % TECHNOLOGIES.len()],
                USES[k % USES.len()],
            )))
        })
        .collect()
}
