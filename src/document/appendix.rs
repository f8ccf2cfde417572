//! Phụ lục I (danh mục chỉ tiêu) and Phụ lục II (danh mục nhiệm vụ, dự án): landscape
//! page sections with their own page numbering and tables.

use super::format::{
    amount, bare_value, date_in_words, month_range, period_heading, roman, upper, value_with_unit,
};
use super::{Block, Cell, PageSection, Paragraph, Row, RowKind, Rule, Table};
use crate::catalog;
use crate::framework::Framework;
use crate::layout::{Align, Layout, Orientation, Role};
use crate::model::{Indicator, IndicatorGroup, Plan, Run};

/// The labels of the appendices the plan has ("Phụ lục I", "Phụ lục II"; a single
/// appendix is just "Phụ lục").
pub(super) struct Labels {
    pub indicators: Option<String>,
    pub tasks: Option<String>,
}

pub(super) fn labels(plan: &Plan) -> Labels {
    let has = [!plan.indicators.is_empty(), !plan.tasks.is_empty()];
    let count = has.iter().filter(|h| **h).count();
    let mut n = 0;
    let mut next = |present: bool| {
        present.then(|| {
            n += 1;
            if count > 1 {
                format!("Phụ lục {}", roman(n))
            } else {
                "Phụ lục".to_owned()
            }
        })
    };
    Labels {
        indicators: next(has[0]),
        tasks: next(has[1]),
    }
}

pub(super) fn appendices(plan: &Plan, framework: &Framework, layout: &Layout) -> Vec<PageSection> {
    let labels = labels(plan);
    let mut out = Vec::new();
    // "GIAI ĐOẠN 2026 - 2030", written as the trích yếu writes it (the kind's label uses
    // an en dash).
    let period = upper(&plan.meta.kind.label()).replace('–', " - ");
    if let Some(label) = labels.indicators {
        let title = format!("DANH MỤC CHỈ TIÊU CHUYỂN ĐỔI SỐ {period}");
        let mut blocks = heading(plan, layout, &label, &title);
        blocks.push(Block::Table(indicator_table(plan, framework, layout)));
        out.push(PageSection {
            orientation: Orientation::Landscape,
            blocks,
        });
    }
    if let Some(label) = labels.tasks {
        let title = format!("DANH MỤC NHIỆM VỤ, DỰ ÁN CHUYỂN ĐỔI SỐ {period}");
        let mut blocks = heading(plan, layout, &label, &title);
        blocks.push(Block::Table(task_table(plan, framework, layout)));
        out.push(PageSection {
            orientation: Orientation::Landscape,
            blocks,
        });
    }
    out
}

/// "Phụ lục I", the title, "(Kèm theo Kế hoạch số … ngày … của …)".
fn heading(plan: &Plan, layout: &Layout, label: &str, title: &str) -> Vec<Block> {
    let h = &plan.header;
    let number = if h.number.trim().is_empty() {
        "     ".to_owned()
    } else {
        h.number.trim().to_owned()
    };
    let issuer = issuer_in_sentence(&h.issuer);
    let of = if issuer.is_empty() {
        String::new()
    } else {
        format!(" của {issuer}")
    };
    vec![
        Block::Paragraph(Paragraph::new(Role::AppendixLabel, label)),
        Block::Paragraph(Paragraph::new(Role::AppendixTitle, title)),
        Block::Paragraph(Paragraph::new(
            Role::AppendixNote,
            format!(
                "(Kèm theo Kế hoạch số {number} {}{of})",
                date_in_words(h.date)
            ),
        )),
        Block::Rule(Rule {
            length_mm: layout.appendix_note_rule_mm(),
        }),
    ]
}

/// The issuer as written inside a sentence: the catalogue's official name when the
/// issuer is a ministry or a province's committee; otherwise lower case with the place
/// name capitalised ("ỦY BAN NHÂN DÂN TỈNH HÒA SƠN" → "Ủy ban nhân dân tỉnh Hòa Sơn").
fn issuer_in_sentence(issuer: &str) -> String {
    let issuer = issuer.trim();
    let catalog = catalog::current();
    if let Some(name) = catalog
        .bodies
        .ministries
        .names
        .iter()
        .find(|n| n.to_uppercase() == issuer.to_uppercase())
    {
        return name.clone();
    }
    let upper_issuer = issuer.to_uppercase();
    for prefix in ["ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN "] {
        if let Some(place) = upper_issuer.strip_prefix(prefix) {
            if let Some(name) = catalog
                .bodies
                .provinces
                .names
                .iter()
                .find(|n| n.to_uppercase() == place)
            {
                return format!("Ủy ban nhân dân {}", lower_first(name));
            }
            for kind in ["TỈNH ", "THÀNH PHỐ "] {
                if let Some(name) = place.strip_prefix(kind) {
                    return format!(
                        "Ủy ban nhân dân {}{}",
                        kind.to_lowercase(),
                        title_case(name)
                    );
                }
            }
        }
    }
    let lower = issuer.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn title_case(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut chars = lower.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

fn cell(role: Role, align: Align, text: impl Into<String>) -> Cell {
    Cell {
        span: 1,
        role,
        align,
        paragraphs: vec![vec![Run::plain(text)]],
    }
}

fn header_row(titles: &[String]) -> Row {
    Row {
        kind: RowKind::Header,
        cells: titles
            .iter()
            .map(|t| cell(Role::TableHeader, Align::Center, t.clone()))
            .collect(),
    }
}

fn group_row(number: &str, title: &str, columns: usize) -> Row {
    Row {
        kind: RowKind::Group,
        cells: vec![
            cell(Role::TableGroup, Align::Center, number),
            Cell {
                span: columns - 1,
                ..cell(Role::TableGroup, Align::Left, title)
            },
        ],
    }
}

fn indicator_table(plan: &Plan, framework: &Framework, layout: &Layout) -> Table {
    let periods = plan.meta.kind.periods();
    let columns_mm = layout.indicator_columns_mm(periods.len());
    let mut titles = vec![
        "TT".to_owned(),
        "Chỉ tiêu".to_owned(),
        "Đơn vị tính".to_owned(),
    ];
    titles.extend(
        periods
            .iter()
            .map(|p| format!("Mục tiêu {}", lower_first(&period_heading(*p)))),
    );
    titles.extend([
        "Hiện trạng (năm)".to_owned(),
        "Phương pháp đo lường, nguồn số liệu".to_owned(),
        "Cơ quan chủ trì theo dõi, đánh giá".to_owned(),
    ]);
    let width = titles.len();
    let level = plan.meta.level;
    // Groups in the Khung's order, then the drafter's own in order of appearance.
    let mut groups: Vec<(IndicatorGroup, String)> = [
        IndicatorGroup::DigitalServices,
        IndicatorGroup::DataDrivenGovernance,
        IndicatorGroup::DigitalEconomy,
        IndicatorGroup::DigitalSociety,
    ]
    .into_iter()
    .filter_map(|g| {
        let section = framework.section(g.section_id()?)?;
        Some((g, section.heading.for_level(level).to_owned()))
    })
    .collect();
    for i in &plan.indicators {
        if let IndicatorGroup::Custom(title) = &i.group {
            if !groups.iter().any(|(g, _)| g == &i.group) {
                groups.push((i.group.clone(), title.clone()));
            }
        }
    }
    let mut rows = Vec::new();
    let mut n = 0;
    let mut group_number = 0;
    for (group, title) in &groups {
        let members: Vec<&Indicator> = plan
            .indicators
            .iter()
            .filter(|i| &i.group == group)
            .collect();
        if members.is_empty() {
            continue;
        }
        group_number += 1;
        rows.push(group_row(&roman(group_number), title, width));
        for i in members {
            n += 1;
            rows.push(indicator_row(n, i, &periods));
        }
    }
    Table {
        columns_mm,
        header: vec![header_row(&titles)],
        rows,
    }
}

fn indicator_row(n: usize, i: &Indicator, periods: &[crate::model::Period]) -> Row {
    let data = |align, text: String| cell(Role::TableCell, align, text);
    let mut cells = vec![
        data(Align::Center, n.to_string()),
        data(Align::Left, i.name.trim().to_owned()),
        data(Align::Center, i.unit.trim().to_owned()),
    ];
    for period in periods {
        let text = match (
            &i.not_applicable,
            i.targets.iter().find(|t| t.period == *period),
        ) {
            (Some(_), _) => "—".to_owned(),
            (None, Some(t)) if !t.value.trim().is_empty() => {
                format!(
                    "{} {}",
                    t.comparator.symbol(),
                    bare_value(&t.value, &i.unit)
                )
            }
            _ => String::new(),
        };
        cells.push(data(Align::Center, text));
    }
    let baseline = i
        .baseline
        .as_ref()
        .map(|b| match b.year {
            Some(y) => format!("{} ({y})", value_with_unit(b.value.trim(), &i.unit)),
            None => value_with_unit(b.value.trim(), &i.unit),
        })
        .unwrap_or_default();
    cells.push(data(Align::Center, baseline));
    let method = match &i.not_applicable {
        Some(reason) => format!("Không áp dụng: {}", reason.trim()),
        None => i.method.trim().to_owned(),
    };
    cells.push(data(Align::Left, method));
    cells.push(data(Align::Left, i.lead_agency.trim().to_owned()));
    Row {
        kind: RowKind::Data,
        cells,
    }
}

fn task_table(plan: &Plan, framework: &Framework, layout: &Layout) -> Table {
    let titles: Vec<String> = [
        "TT",
        "Tên nhiệm vụ, dự án và nội dung chính",
        "Kết quả, sản phẩm dự kiến và hiệu quả",
        "Đơn vị chủ trì",
        "Đơn vị phối hợp",
        "Thời gian thực hiện",
        "Nguồn kinh phí",
        "Kinh phí dự kiến (triệu đồng)",
    ]
    .map(String::from)
    .to_vec();
    let width = titles.len();
    let level = plan.meta.level;
    let mut rows = Vec::new();
    let mut n = 0;
    let mut areas: Vec<u8> = plan.tasks.iter().map(|t| t.area).collect();
    areas.sort_unstable();
    areas.dedup();
    for (g, area) in areas.iter().enumerate() {
        let title = framework
            .section(&format!("III.{area}"))
            .map(|s| s.heading.for_level(level).to_owned())
            .unwrap_or_else(|| format!("Lĩnh vực {area}"));
        rows.push(group_row(&roman(g + 1), &title, width));
        for t in plan.tasks.iter().filter(|t| t.area == *area) {
            n += 1;
            let mut name_cell = vec![vec![Run {
                text: t.name.trim().to_owned(),
                bold: true,
                italic: false,
            }]];
            if !t.content.trim().is_empty() {
                name_cell.push(vec![Run::plain(t.content.trim())]);
            }
            let mut result_cell = vec![vec![Run::plain(t.expected_result.trim())]];
            if !t.expected_effect.trim().is_empty() {
                result_cell.push(vec![Run {
                    text: format!("Hiệu quả: {}", t.expected_effect.trim()),
                    bold: false,
                    italic: true,
                }]);
            }
            let data = |align, text: String| cell(Role::TableCell, align, text);
            rows.push(Row {
                kind: RowKind::Data,
                cells: vec![
                    data(Align::Center, n.to_string()),
                    Cell {
                        paragraphs: name_cell,
                        ..data(Align::Left, String::new())
                    },
                    Cell {
                        paragraphs: result_cell,
                        ..data(Align::Left, String::new())
                    },
                    data(Align::Left, t.lead_unit.trim().to_owned()),
                    data(Align::Left, t.coordinating_units.join("; ")),
                    data(Align::Center, month_range(t.start, t.end)),
                    data(
                        Align::Left,
                        t.funding
                            .iter()
                            .map(|f| f.label())
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                    data(
                        Align::Right,
                        t.budget_million_vnd.map(amount).unwrap_or_default(),
                    ),
                ],
            });
        }
    }
    let total: f64 = plan
        .tasks
        .iter()
        .filter_map(|t| t.budget_million_vnd)
        .filter(|b| b.is_finite())
        .sum();
    rows.push(Row {
        kind: RowKind::Total,
        cells: vec![
            Cell {
                span: width - 1,
                ..cell(Role::TableGroup, Align::Center, "Tổng cộng")
            },
            cell(Role::TableGroup, Align::Right, amount(total)),
        ],
    });
    Table {
        columns_mm: layout.task_columns_mm(),
        header: vec![header_row(&titles)],
        rows,
    }
}
