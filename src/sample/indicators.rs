//! The indicators of II.2 and Phụ lục I: one for every minimum indicator of the Khung
//! (read from the framework data), the profile's own ones, and the scaled extras; then
//! the links between indicators and tasks.

use crate::framework::{self, NationalIndicator};
use crate::model::{Baseline, Comparator, Indicator, IndicatorGroup, Level, Period, Target};

use super::profile::Profile;
use super::scale;
use super::tasks::TaskDraft;
use super::text::{value_text, Ctx};

pub(super) struct IndicatorDraft {
    pub indicator: Indicator,
    /// Tasks listing this topic serve the indicator ("" when none is known).
    pub topic: &'static str,
    /// For a scaled extra indicator: the tasks of this sector serve it.
    pub sector: Option<usize>,
}

/// How the sample fills a minimum indicator of the Khung, found by words of its name
/// (the framework's ids are not fixed here): (topic, pattern, baseline in % for a
/// province, for a ministry, measurement method, lead agency). A pattern is a list of
/// alternatives separated by "|", each a list of words joined by "&", matched on the
/// lowercased name; the first matching row wins.
const HINTS: &[(&str, &str, f64, f64, &str, &str)] = &[
    ("ai-canhan", "cá thể|chủ động", 0.0, 0.0,
        "Thống kê dịch vụ công trực tuyến thiết yếu được cung cấp ở mức chủ động, cá thể hóa trên Hệ thống thông tin giải quyết thủ tục hành chính", "{vp}"),
    ("ai-dvc", "dịch vụ công& ai ", 10.0, 15.0,
        "Thống kê dịch vụ công trực tuyến toàn trình có tích hợp trợ lý ảo, tự động điền biểu mẫu, kiểm tra hồ sơ", "{cds}"),
    ("hailong", "hài lòng", 88.0, 90.0,
        "Kết quả đánh giá trên Cổng Dịch vụ công quốc gia và khảo sát mức độ hài lòng hằng năm", "{nv}"),
    ("dvc", "toàn trình", 86.0, 92.0,
        "Số liệu trên Hệ thống thông tin giải quyết thủ tục hành chính của {dv} và Cổng Dịch vụ công quốc gia", "{vp}"),
    ("motlan", "một lần", 60.0, 65.0,
        "Rà soát danh mục thủ tục hành chính; đối chiếu dữ liệu khai thác từ các cơ sở dữ liệu quốc gia, chuyên ngành", "{vp}"),
    ("chukyso", "chữ ký số|chữ ký điện tử", 32.0, 35.0,
        "Số liệu của các tổ chức cung cấp dịch vụ chứng thực chữ ký số và tài khoản định danh điện tử mức độ 2", "{cds}"),
    ("dulieumo", "dữ liệu mở", 20.0, 25.0,
        "Thống kê lượt truy cập, tải về, tích hợp trên Cổng dữ liệu mở; danh mục sáng kiến sử dụng dữ liệu mở", "{cds}"),
    ("taisudung", "tái sử dụng|sử dụng lại", 35.0, 40.0,
        "Số liệu khai thác dữ liệu số hóa trên Hệ thống thông tin giải quyết thủ tục hành chính", "{vp}"),
    ("sohoa", "số hóa|số hoá", 78.0, 85.0,
        "Số liệu số hóa hồ sơ, kết quả giải quyết thủ tục hành chính trên Hệ thống thông tin giải quyết thủ tục hành chính", "{vp}"),
    ("tslcd", "truyền số liệu chuyên dùng", 60.0, 70.0,
        "Rà soát danh mục ứng dụng, nền tảng theo Quyết định số 33/2025/QĐ-TTg triển khai trên Mạng truyền số liệu chuyên dùng", "{cds}"),
    ("ttnb", "thủ tục hành chính nội bộ", 70.0, 75.0,
        "Thống kê thủ tục hành chính nội bộ được công bố và thực hiện trên môi trường điện tử", "{vp}"),
    ("chungchi", "chứng chỉ", 20.0, 30.0,
        "Thống kê chứng chỉ quản trị dữ liệu của cán bộ chuyên trách", "{nv}"),
    ("qtdl", "quản trị dữ liệu", 0.0, 0.0,
        "Tự đánh giá và kết quả đánh giá mức độ trưởng thành về quản trị dữ liệu theo Bộ chỉ số của quốc gia", "{cds}"),
    ("kynangso", "kỹ năng số", 85.0, 90.0,
        "Số liệu đào tạo, bồi dưỡng trên nền tảng “Bình dân học vụ số” và báo cáo của các cơ quan, đơn vị", "{nv}"),
    ("ict", "kỹ năng về công nghệ thông tin|kỹ năng công nghệ thông tin", 70.0, 80.0,
        "Khảo sát theo Khung kiến thức, kỹ năng số cơ bản do Bộ Khoa học và Công nghệ ban hành", "{cds}"),
    ("ketnoi", "kết nối, chia sẻ|chia sẻ dữ liệu", 55.0, 60.0,
        "Giám sát kết nối trên Nền tảng tích hợp, chia sẻ dữ liệu của {dv} và Nền tảng tích hợp, chia sẻ dữ liệu quốc gia", "{cds}"),
    ("ioc", "giám sát, điều hành|điều hành thông minh", 0.0, 0.0,
        "Kiểm tra, đánh giá chức năng của Trung tâm giám sát, điều hành thông minh", "{cds}"),
    ("phananh", "phản hồi|phản ánh|góp ý", 5.0, 5.0,
        "Thống kê trên hệ thống tiếp nhận, xử lý phản ánh, kiến nghị", "{vp}"),
    ("trolyao", "trợ lý ảo", 10.0, 15.0,
        "Thống kê tài khoản, lượt sử dụng trợ lý ảo của cán bộ, công chức", "{cds}"),
    ("ai-dieuhanh", "ứng dụng ai|trí tuệ nhân tạo", 20.0, 30.0,
        "Khảo sát, thống kê ứng dụng trí tuệ nhân tạo tại các cơ quan, đơn vị", "{cds}"),
    ("giamsat-nv", "nhiệm vụ", 60.0, 70.0,
        "Thống kê trên Hệ thống theo dõi nhiệm vụ của {dv}", "{vp}"),
    ("dieuhanh", "chỉ đạo, điều hành|quản trị nội bộ|hồ sơ công việc|báo cáo", 80.0, 85.0,
        "Thống kê trên Hệ thống quản lý văn bản và điều hành, Hệ thống thông tin báo cáo", "{vp}"),
    ("ppp", "hợp tác công tư|ppp", 0.0, 0.0,
        "Danh mục dự án hợp tác công tư được phê duyệt chủ trương đầu tư", "{tc}"),
    ("attt", "an toàn thông tin|an ninh mạng", 82.0, 85.0,
        "Hồ sơ đề xuất cấp độ được phê duyệt; kết quả kiểm tra, đánh giá an toàn thông tin định kỳ", "{cds}"),
    ("cloud", "đám mây", 45.0, 40.0,
        "Rà soát hạ tầng của các hệ thống thông tin đang vận hành", "{cds}"),
    ("taikhoan", "tài khoản", 87.0, 87.0,
        "Số liệu thống kê của Ngân hàng Nhà nước Việt Nam", "{tc}"),
    ("sosuckhoe", "sức khỏe|sức khoẻ", 82.0, 82.0,
        "Số liệu trên ứng dụng định danh điện tử quốc gia (VNeID) và hệ thống thông tin của ngành y tế", "{yte}"),
    ("5g", "5g", 38.0, 38.0,
        "Số liệu đo kiểm, báo cáo của các doanh nghiệp viễn thông", "{cds}"),
    ("ipv6", "ipv6", 45.0, 60.0,
        "Số liệu thống kê của Trung tâm Internet Việt Nam (VNNIC)", "{cds}"),
    ("truyenthong", "truyền thông|truyền hình", 85.0, 85.0,
        "Số liệu của các cơ quan báo chí, nền tảng truyền hình số quốc gia và khảo sát định kỳ", "{vh}"),
    ("nentang", "nền tảng", 70.0, 70.0,
        "Đối chiếu danh mục nền tảng số quốc gia, nền tảng số dùng chung được triển khai với kế hoạch", "{cds}"),
];

/// Every indicator of the plan, ordered by group (2.1 a, 2.1 b, 2.2, 2.3, own groups),
/// with ids "ct-01", "ct-02", ….
pub(super) fn build(profile: &Profile, ctx: &Ctx, scale: usize) -> Vec<IndicatorDraft> {
    let mut drafts: Vec<IndicatorDraft> = Vec::new();
    for n in &framework::current().indicators {
        let mut draft = national(n, ctx);
        // The Khung repeats some indicators in two groups (chữ ký số in 2.1 a and 2.3):
        // the plan gives both the same figures, the stronger of the two per period.
        if let Some(twin) = drafts.iter_mut().find(|d| {
            d.indicator.name == draft.indicator.name && d.indicator.unit == draft.indicator.unit
        }) {
            for (mine, theirs) in draft
                .indicator
                .targets
                .iter_mut()
                .zip(&mut twin.indicator.targets)
            {
                if mine.comparator == theirs.comparator {
                    let (a, b) = (
                        mine.numeric().unwrap_or(0.0),
                        theirs.numeric().unwrap_or(0.0),
                    );
                    let strongest = match mine.comparator {
                        Comparator::AtMost => a.min(b),
                        _ => a.max(b),
                    };
                    mine.value = value_text(strongest);
                    theirs.value = mine.value.clone();
                }
            }
            draft.indicator.baseline = twin.indicator.baseline.clone();
        }
        drafts.push(draft);
    }
    drafts.extend(profile.indicators.iter().map(|row| {
        let &(group, name, unit, cmp, base, base_year, t1, t2, method, lead, topic) = row;
        let comparator = if cmp == "<=" {
            Comparator::AtMost
        } else {
            Comparator::AtLeast
        };
        IndicatorDraft {
            indicator: Indicator {
                id: String::new(),
                group: if group == 'e' {
                    IndicatorGroup::DigitalEconomy
                } else {
                    IndicatorGroup::Custom(profile.custom_group.to_owned())
                },
                name: ctx.fill(name),
                unit: unit.to_owned(),
                targets: own_targets(ctx, comparator, (base, base_year), t1, t2),
                baseline: Some(Baseline {
                    value: value_text(base),
                    year: Some(base_year),
                }),
                method: ctx.fill(method),
                lead_agency: ctx.fill(lead),
                national: None,
                not_applicable: None,
            },
            topic,
            sector: None,
        }
    }));
    drafts.extend(scale::extra_indicators(profile, ctx, scale));
    drafts.sort_by_key(|d| match d.indicator.group {
        IndicatorGroup::DigitalServices => 0,
        IndicatorGroup::DataDrivenGovernance => 1,
        IndicatorGroup::DigitalEconomy => 2,
        IndicatorGroup::DigitalSociety => 3,
        IndicatorGroup::Custom(_) => 4,
    });
    for (i, d) in drafts.iter_mut().enumerate() {
        d.indicator.id = format!("ct-{:02}", i + 1);
    }
    drafts
}

/// Links each indicator to the tasks of its topic or sector; an indicator no task
/// serves is given to the first task of the area that matches its group.
pub(super) fn link(indicators: &mut [IndicatorDraft], tasks: &mut [TaskDraft]) {
    for ind in indicators.iter() {
        let mut served = false;
        for t in tasks.iter_mut() {
            let by_topic = !ind.topic.is_empty() && t.topics.contains(&ind.topic);
            let by_sector = ind.sector.is_some() && ind.sector == t.sector;
            if by_topic || by_sector {
                t.task.indicators.push(ind.indicator.id.clone());
                served = true;
            }
        }
        if !served {
            let area = match ind.indicator.group {
                IndicatorGroup::DigitalServices => 7,
                IndicatorGroup::DataDrivenGovernance => 5,
                IndicatorGroup::DigitalEconomy => 8,
                IndicatorGroup::DigitalSociety => 9,
                IndicatorGroup::Custom(_) => 1,
            };
            let at = tasks.iter().position(|t| t.task.area == area).unwrap_or(0);
            if let Some(t) = tasks.get_mut(at) {
                t.task.indicators.push(ind.indicator.id.clone());
            }
        }
    }
}

fn national(n: &NationalIndicator, ctx: &Ctx) -> IndicatorDraft {
    let name = n.name.for_level(ctx.level);
    let lower = name.to_lowercase();
    let hint = HINTS.iter().find(|h| matches(&lower, h.1));
    let pct = n.unit.trim() == "%";
    let hinted = hint.map_or(50.0, |h| if ctx.level == Level::Tinh { h.2 } else { h.3 });
    let (comparator, t1, t2) = national_targets(n, pct.then_some(hinted));
    let baseline = if pct {
        match comparator {
            Comparator::AtLeast => hinted.min(t1),
            _ => hinted,
        }
    } else if t1 <= 10.0 {
        (t1 - 1.0).max(0.0)
    } else {
        (t1 * 0.5).round()
    };
    let targets = ctx
        .kind
        .periods()
        .into_iter()
        .map(|period| Target {
            period,
            comparator,
            value: value_text(match period {
                Period::Phase2025To2027 => t1,
                Period::Phase2028To2030 => t2,
                Period::Year(y) => {
                    if Period::phase_of_year(y) == Period::Phase2025To2027 {
                        t1
                    } else {
                        t2
                    }
                }
            }),
        })
        .collect();
    IndicatorDraft {
        indicator: Indicator {
            id: String::new(),
            group: n.group.clone(),
            name: name.to_owned(),
            unit: n.unit.clone(),
            targets,
            baseline: Some(Baseline {
                value: value_text(baseline),
                year: Some(2025),
            }),
            method: ctx.fill(hint.map_or(
                "Số liệu thống kê, báo cáo định kỳ của các cơ quan, đơn vị; đối chiếu trên các hệ thống thông tin",
                |h| h.4,
            )),
            lead_agency: ctx.fill(hint.map_or("{cds}", |h| h.5)),
            national: Some(n.id.clone()),
            not_applicable: None,
        },
        topic: hint.map_or("", |h| h.0),
        sector: None,
    }
}

fn matches(name: &str, pattern: &str) -> bool {
    pattern
        .split('|')
        .any(|alt| alt.split('&').all(|word| name.contains(word)))
}

/// The plan's targets for 2025–2027 and 2028–2030: the national value, a little more
/// where a percentage leaves room. A first period the Khung leaves open gets a realistic
/// step (halfway from the baseline for a percentage), a second one the first target;
/// the later target is never weaker.
fn national_targets(n: &NationalIndicator, pct_baseline: Option<f64>) -> (Comparator, f64, f64) {
    let first = n.target(Period::Phase2025To2027);
    let second = n.target(Period::Phase2028To2030);
    let comparator = first
        .or(second)
        .map_or(Comparator::AtLeast, |t| t.comparator);
    let pct = pct_baseline.is_some();
    let ambitious = |v: f64| match comparator {
        Comparator::AtLeast if pct && v < 90.0 => (v + 5.0).min(100.0),
        _ => v,
    };
    let step_before = |v: f64| match (comparator, pct_baseline) {
        (Comparator::AtLeast, Some(base)) if base < v => (base + (v - base) / 2.0).round(),
        (Comparator::AtLeast, Some(_)) => v,
        (Comparator::AtLeast, None) if v <= 5.0 => (v - 1.0).max(1.0).min(v),
        (Comparator::AtLeast, None) => (v * 0.5).round(),
        (Comparator::AtMost, _) => (v * 1.3).round(),
        (Comparator::Exactly, _) => v,
    };
    let (t1, t2) = match (first, second) {
        (Some(a), Some(b)) => (ambitious(a.value), ambitious(b.value)),
        (Some(a), None) => (ambitious(a.value), ambitious(a.value)),
        (None, Some(b)) => (step_before(ambitious(b.value)), ambitious(b.value)),
        (None, None) => {
            let v = if pct { 100.0 } else { 1.0 };
            (v, v)
        }
    };
    let t2 = match comparator {
        Comparator::AtLeast => t2.max(t1),
        Comparator::AtMost => t2.min(t1),
        Comparator::Exactly => t2,
    };
    (comparator, t1, t2)
}

/// Targets of an indicator of the plan's own: the two phase values, or for an annual
/// plan the value on the straight line from the baseline through them.
pub(super) fn own_targets(
    ctx: &Ctx,
    comparator: Comparator,
    (base, base_year): (f64, i32),
    t1: f64,
    t2: f64,
) -> Vec<Target> {
    let integral = [base, t1, t2].iter().all(|v| v.fract() == 0.0);
    ctx.kind
        .periods()
        .into_iter()
        .map(|period| {
            let value = match period {
                Period::Phase2025To2027 => t1,
                Period::Phase2028To2030 => t2,
                Period::Year(y) if y <= 2027 => {
                    let span = f64::from((2027 - base_year).max(1));
                    let frac = (f64::from(y - base_year) / span).clamp(0.0, 1.0);
                    base + (t1 - base) * frac
                }
                Period::Year(y) => {
                    let frac = (f64::from(y - 2027) / 3.0).clamp(0.0, 1.0);
                    t1 + (t2 - t1) * frac
                }
            };
            let value = match (integral, comparator) {
                (true, Comparator::AtMost) => value.floor(),
                (true, _) => value.ceil(),
                (false, _) => value,
            };
            Target {
                period,
                comparator,
                value: value_text(value),
            }
        })
        .collect()
}
