//! The annual sample's annual part: the five-year sample as its parent, the items carried
//! from it, and a fictional evaluation of the previous year using every status.

use super::text::Ctx;
use crate::annual::{evaluation_guidance, reference};
use crate::model::{
    Annual, AnnualLayout, CarriedItem, Comparator, EvaluatedTarget, Evaluation,
    IndicatorEvaluation, NarrativePart, Period, Plan, TargetStatus, TaskEvaluation, TaskStatus,
};

/// Last year's tasks that are not in this year's plan: (area, name, lead unit, status,
/// result). Fictional.
const DONE_TASKS: &[(u8, &str, &str, TaskStatus, &str)] = &[
    (
        1,
        "Kiện toàn {bcd}",
        "{vp}",
        TaskStatus::Completed,
        "Đã kiện toàn, ban hành quy chế hoạt động và chương trình công tác năm.",
    ),
    (
        2,
        "Ban hành Quy chế quản lý, vận hành, khai thác Nền tảng tích hợp, chia sẻ dữ liệu {cap}",
        "{cds}",
        TaskStatus::Completed,
        "Quy chế đã ban hành và áp dụng từ tháng 6.",
    ),
    (
        3,
        "Nâng cấp mạng nội bộ và kết nối mạng truyền số liệu chuyên dùng của {coso}",
        "{tt}",
        TaskStatus::Completed,
        "100% đơn vị kết nối mạng truyền số liệu chuyên dùng cấp II.",
    ),
    (
        4,
        "Tập huấn kỹ năng số cơ bản cho {cb}",
        "{nv}",
        TaskStatus::Completed,
        "Tổ chức 12 lớp tập huấn, hơn 1.500 lượt học viên.",
    ),
    (
        6,
        "Diễn tập thực chiến an toàn thông tin mạng năm {nam0}",
        "{tt}",
        TaskStatus::Completed,
        "Hoàn thành diễn tập, khắc phục các điểm yếu phát hiện.",
    ),
    (
        7,
        "Xây dựng ứng dụng phản ánh hiện trường trên nền tảng di động riêng",
        "{vp}",
        TaskStatus::Stopped,
        "Dừng thực hiện để dùng chức năng tương ứng của nền tảng quốc gia, tránh đầu tư trùng lặp.",
    ),
];

/// This year's tasks that started last year: the first task of an area, its status.
#[rustfmt::skip]
const CARRIED_STATUSES: &[(u8, TaskStatus, &str)] = &[
    (3, TaskStatus::InProgress, "Đã hoàn thành khảo sát, thiết kế; đang triển khai giai đoạn 1."),
    (5, TaskStatus::Late, "Chậm phê duyệt chủ trương đầu tư; chuyển tiếp sang năm sau."),
    (7, TaskStatus::NotStarted, "Chưa bố trí được kinh phí; chuyển tiếp sang năm sau."),
    (8, TaskStatus::InProgress, "Đang triển khai theo kế hoạch."),
];

/// The narrative, by part id. Fictional.
const NARRATIVE: &[(&str, &[&str])] = &[
    ("ket-qua.nhan-thuc", &[
        "{bcd} ban hành chương trình công tác năm {nam0}, họp định kỳ hằng quý; người đứng đầu {cqdv} trực tiếp chỉ đạo chuyển đổi số. Công tác tuyên truyền được đẩy mạnh trên cổng thông tin điện tử, mạng xã hội và hệ thống thông tin cơ sở.",
    ]),
    ("ket-qua.the-che", &[
        "Ban hành 08 văn bản quy phạm, quy chế, kế hoạch về chuyển đổi số, dữ liệu và an toàn thông tin mạng; rà soát, sửa đổi quy trình nội bộ giải quyết thủ tục hành chính trên môi trường điện tử.",
    ]),
    ("ket-qua.ha-tang", &[
        "Hạ tầng mạng truyền số liệu chuyên dùng kết nối đến 100% {coso}; Trung tâm dữ liệu được nâng cấp năng lực lưu trữ, tính toán; tỷ lệ phủ sóng di động băng rộng tiếp tục tăng so với năm trước.",
    ]),
    ("ket-qua.du-lieu", &[
        "Hoàn thành kết nối Nền tảng tích hợp, chia sẻ dữ liệu {cap} với Nền tảng quốc gia; số hóa kết quả giải quyết thủ tục hành chính còn hiệu lực đạt khoảng 85%.",
        "- Đưa vào khai thác cơ sở dữ liệu {ldl};",
        "- Công bố danh mục dữ liệu mở đầu tiên.",
    ]),
    ("ket-qua.nhan-luc", &[
        "Tổ chức tập huấn kỹ năng số, kỹ năng sử dụng trí tuệ nhân tạo cho {cb}; duy trì hoạt động của {tocn}",
    ]),
    ("ket-qua.attt", &[
        "Phê duyệt cấp độ cho 100% hệ thống thông tin đang vận hành; giám sát an toàn thông tin tập trung qua Trung tâm giám sát (SOC); không để xảy ra sự cố nghiêm trọng.",
    ]),
    ("ket-qua.chinh-quyen-so", &[
        "Tỷ lệ hồ sơ trực tuyến toàn trình trên tổng số hồ sơ giải quyết thủ tục hành chính tăng rõ rệt so với năm trước; 100% văn bản trao đổi giữa các cơ quan (trừ văn bản mật) dưới dạng điện tử, ký số.",
    ]),
    ("ket-qua.kinh-te-so", &[
        "Hỗ trợ doanh nghiệp nhỏ và vừa tiếp cận nền tảng số; thanh toán không dùng tiền mặt được mở rộng tại các cơ sở y tế, giáo dục và dịch vụ công.",
    ]),
    ("ket-qua.xa-hoi-so", &[
        "Tỷ lệ người dân trưởng thành có danh tính số và sử dụng dịch vụ công trực tuyến tiếp tục tăng; phong trào “Bình dân học vụ số” được triển khai rộng khắp.",
    ]),
    ("ton-tai", &[
        "- Một số chỉ tiêu chưa đạt, nhất là tỷ lệ hồ sơ trực tuyến toàn trình và tỷ lệ dữ liệu số hóa được tái sử dụng.",
        "- Một số nhiệm vụ chậm tiến độ hoặc chưa triển khai do chưa được bố trí kinh phí; một số chỉ tiêu chưa có phương pháp và số liệu đo lường.",
    ]),
    ("nguyen-nhan", &[
        "- Khách quan: việc sắp xếp tổ chức bộ máy làm thay đổi đầu mối triển khai; hướng dẫn kỹ thuật của một số nền tảng quốc gia ban hành muộn.",
        "- Chủ quan: một số cơ quan, đơn vị chưa quyết liệt; nhân lực chuyên trách còn thiếu; công tác theo dõi, đo lường chỉ tiêu chưa thường xuyên.",
    ]),
    ("bai-hoc", &[
        "Người đứng đầu phải trực tiếp chỉ đạo; nhiệm vụ phải bảo đảm “6 rõ” và được bố trí kinh phí ngay từ đầu năm; chỉ tiêu phải có phương pháp đo lường và cơ quan theo dõi cụ thể; ưu tiên dùng nền tảng quốc gia, nền tảng dùng chung thay vì đầu tư riêng lẻ.",
    ]),
];

pub(super) fn annual_part(ctx: &Ctx, year: i32, plan: &Plan, five_year: &Plan) -> Annual {
    let ctx_year = |text: &str| ctx.fill(text).replace("{nam0}", &(year - 1).to_string());
    let carried_indicators = plan
        .indicators
        .iter()
        .filter_map(|i| {
            let parent = five_year.indicators.iter().find(|p| p.id == i.id)?;
            Some(CarriedItem {
                id: i.id.clone(),
                from: parent.id.clone(),
                name: parent.name.clone(),
                phase_target: parent
                    .targets
                    .iter()
                    .find(|t| t.period == Period::phase_of_year(year))
                    .map(|t| EvaluatedTarget {
                        comparator: t.comparator,
                        value: t.value.clone(),
                    }),
            })
        })
        .collect();
    let carried_tasks = plan
        .tasks
        .iter()
        .filter(|t| five_year.tasks.iter().any(|p| p.id == t.id))
        .map(CarriedItem::task)
        .collect();
    let indicators = five_year
        .indicators
        .iter()
        .filter(|i| i.not_applicable.is_none())
        .filter_map(|i| {
            let t = i
                .targets
                .iter()
                .find(|t| t.period == Period::phase_of_year(year - 1))?;
            Some((i, t))
        })
        .enumerate()
        .map(|(k, (i, t))| {
            let (status, achieved, note) = outcome(k, t.comparator, &t.value, &i.unit);
            IndicatorEvaluation {
                id: i.id.clone(),
                group: i.group.clone(),
                name: i.name.clone(),
                unit: i.unit.clone(),
                target: Some(EvaluatedTarget {
                    comparator: t.comparator,
                    value: t.value.clone(),
                }),
                achieved,
                status: Some(status),
                source: if status == TargetStatus::NoData {
                    String::new()
                } else {
                    i.lead_agency.clone()
                },
                note: note.to_owned(),
            }
        })
        .collect();
    let mut tasks: Vec<TaskEvaluation> = CARRIED_STATUSES
        .iter()
        .filter_map(|(area, status, result)| {
            Some((plan.tasks.iter().find(|t| t.area == *area)?, status, result))
        })
        .map(|(t, status, result)| TaskEvaluation {
            id: t.id.clone(),
            area: t.area,
            name: t.name.clone(),
            lead_unit: t.lead_unit.clone(),
            status: Some(*status),
            result: (*result).to_owned(),
            carries_over: true,
        })
        .collect();
    tasks.extend(
        DONE_TASKS
            .iter()
            .enumerate()
            .map(|(k, (area, name, lead, status, result))| TaskEvaluation {
                id: format!("nv-{}-{:02}", year - 1, k + 1),
                area: *area,
                name: ctx_year(name),
                lead_unit: ctx_year(lead),
                status: Some(*status),
                result: ctx_year(result),
                carries_over: false,
            }),
    );
    tasks.sort_by_key(|t| t.area);
    let narrative = evaluation_guidance()
        .parts
        .iter()
        .map(|p| NarrativePart {
            id: p.id.clone(),
            content: NARRATIVE
                .iter()
                .find(|(id, _)| *id == p.id)
                .map(|(_, lines)| {
                    let filled: Vec<String> = lines.iter().map(|l| ctx_year(l)).collect();
                    let refs: Vec<&str> = filled.iter().map(String::as_str).collect();
                    ctx.blocks(&refs)
                })
                .unwrap_or_default(),
        })
        .collect();
    Annual {
        parent: Some(reference(five_year)),
        carried_indicators,
        carried_tasks,
        evaluation: Some(Evaluation {
            year: year - 1,
            source: Some(reference(five_year)),
            indicators,
            tasks,
            narrative,
        }),
        layout: AnnualLayout::Parts,
    }
}

/// A fictional outcome for the k-th target: mostly achieved, some not, one not
/// implemented, some without data, the achieved value agreeing with the status.
fn outcome(
    k: usize,
    comparator: Comparator,
    target: &str,
    unit: &str,
) -> (TargetStatus, String, &'static str) {
    let Some(t) = crate::vocabulary::parse_number(target) else {
        return (TargetStatus::Achieved, "Đã triển khai".to_owned(), "");
    };
    let percent = unit.trim() == "%";
    let clamp = |v: f64| {
        if percent {
            v.clamp(0.0, 100.0)
        } else {
            v.max(0.0)
        }
    };
    match k % 10 {
        7 if t > 0.0 => {
            let v = match comparator {
                Comparator::AtMost => clamp(t * 1.2 + 1.0),
                _ => clamp((t * 0.8).floor()),
            };
            (TargetStatus::NotAchieved, number(v), "")
        }
        8 => (
            TargetStatus::NoData,
            String::new(),
            "Chưa có số liệu thống kê chính thức",
        ),
        9 => (
            TargetStatus::NotImplemented,
            String::new(),
            "Chưa triển khai do điều chỉnh chủ trương đầu tư",
        ),
        _ => {
            let v = match comparator {
                Comparator::AtMost => clamp(t - (k % 3) as f64),
                _ => clamp(t + (k % 3) as f64),
            };
            let v = match comparator {
                Comparator::Exactly => t,
                _ => v,
            };
            (TargetStatus::Achieved, number(v), "")
        }
    }
}

/// "92", "92,5".
fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}").replace('.', ",")
    }
}
