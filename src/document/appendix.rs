//! Phụ lục I (danh mục chỉ tiêu) and Phụ lục II (danh mục nhiệm vụ, dự án): landscape
//! page sections with their own page numbering and tables.

use super::format::{
    amount, bare_value, date_in_words, month_range, period_heading, roman, upper, value_with_unit,
};
use super::opening::Identity;
use super::{Block, Cell, PageSection, Paragraph, Row, RowKind, Rule, Table};
use crate::catalog;
use crate::framework::Framework;
use crate::layout::{Align, Layout, Orientation, Role};
use crate::model::{
    CustomAppendix, Evaluation, Indicator, IndicatorEvaluation, IndicatorGroup, Plan, Run, Task,
    TaskEvaluation, TaskScope,
};

/// The labels of the appendices the plan has, numbered in document order ("Phụ lục I",
/// "Phụ lục II" …; a single appendix is just "Phụ lục"): the evaluation of last year's
/// targets and tasks (annual plans), the indicators, the tasks, then the drafter's own.
pub(super) struct Labels {
    pub evaluation_targets: Option<String>,
    pub evaluation_tasks: Option<String>,
    pub indicators: Option<String>,
    pub tasks: Option<String>,
    pub custom: Vec<String>,
}

pub(super) fn labels(plan: &Plan) -> Labels {
    numbered(plan, false)
}

/// The labels of the yearly report's appendices: the evaluation's only.
pub(super) fn report_labels(plan: &Plan) -> Labels {
    numbered(plan, true)
}

fn numbered(plan: &Plan, evaluation_only: bool) -> Labels {
    let evaluation = evaluation_of(plan);
    let has = [
        evaluation.is_some_and(|e| !e.indicators.is_empty()),
        evaluation.is_some_and(|e| !e.tasks.is_empty()),
        !evaluation_only && !plan.indicators.is_empty(),
        !evaluation_only && !plan.tasks.is_empty(),
    ];
    let custom = if evaluation_only {
        0
    } else {
        plan.appendices.len()
    };
    let count = has.iter().filter(|h| **h).count() + custom;
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
        evaluation_targets: next(has[0]),
        evaluation_tasks: next(has[1]),
        indicators: next(has[2]),
        tasks: next(has[3]),
        custom: plan.appendices[..custom]
            .iter()
            .filter_map(|_| next(true))
            .collect(),
    }
}

fn evaluation_of(plan: &Plan) -> Option<&Evaluation> {
    plan.annual.as_ref()?.evaluation.as_ref()
}

/// The appendices of `labels` (a table is left out when it has no label), each attached
/// to the document `identity` names.
pub(super) fn appendices(
    plan: &Plan,
    framework: &Framework,
    layout: &Layout,
    labels: &Labels,
    identity: &Identity,
) -> Vec<PageSection> {
    let mut out = Vec::new();
    let mut push = |label: &str, title: String, table: Table| {
        let mut blocks = heading(plan, layout, identity, label, &title);
        blocks.push(Block::Table(table));
        out.push(PageSection {
            orientation: Orientation::Landscape,
            blocks,
        });
    };
    if let Some(evaluation) = evaluation_of(plan) {
        if let Some(label) = &labels.evaluation_targets {
            let title = format!(
                "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM {}",
                evaluation.year
            );
            push(
                label,
                title,
                evaluation_table(plan, evaluation, framework, layout),
            );
        }
        if let Some(label) = &labels.evaluation_tasks {
            let title = format!(
                "TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ, DỰ ÁN CHUYỂN ĐỔI SỐ NĂM {}",
                evaluation.year
            );
            push(
                label,
                title,
                task_status_table(plan, evaluation, framework, layout),
            );
        }
    }
    // "GIAI ĐOẠN 2026 - 2030", written as the trích yếu writes it (the kind's label uses
    // an en dash).
    let period = upper(&plan.meta.kind.label()).replace('–', " - ");
    if let Some(label) = &labels.indicators {
        let title = format!("DANH MỤC CHỈ TIÊU CHUYỂN ĐỔI SỐ {period}");
        push(label, title, indicator_table(plan, framework, layout));
    }
    if let Some(label) = &labels.tasks {
        let title = format!("DANH MỤC NHIỆM VỤ, DỰ ÁN CHUYỂN ĐỔI SỐ {period}");
        push(label, title, task_table(plan, framework, layout));
    }
    for (label, custom) in labels.custom.iter().zip(&plan.appendices) {
        push(
            label,
            upper(custom.title.trim()),
            custom_table(custom, layout),
        );
    }
    out
}

/// "Phụ lục I", the title, "(Kèm theo Kế hoạch số … ngày … của …)".
fn heading(
    plan: &Plan,
    layout: &Layout,
    identity: &Identity,
    label: &str,
    title: &str,
) -> Vec<Block> {
    let number = if identity.number.is_empty() {
        "     ".to_owned()
    } else {
        identity.number.clone()
    };
    let issuer = issuer_in_sentence(&plan.header.issuer);
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
                "(Kèm theo {} số {number} {}{of})",
                identity.name,
                date_in_words(identity.date)
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

/// A body cell of an appendix table.
fn data(align: Align, text: impl Into<String>) -> Cell {
    cell(Role::TableCell, align, text)
}

/// A row of data: it may end a page (only group rows keep with the next).
fn data_row(cells: Vec<Cell>) -> Row {
    Row {
        kind: RowKind::Data,
        keep_with_next: false,
        cells,
    }
}

fn header_row(titles: &[String]) -> Row {
    Row {
        kind: RowKind::Header,
        keep_with_next: false,
        cells: titles
            .iter()
            .map(|t| cell(Role::TableHeader, Align::Center, t.clone()))
            .collect(),
    }
}

fn group_row(number: &str, title: &str, columns: usize) -> Row {
    Row {
        kind: RowKind::Group,
        keep_with_next: true,
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
    let groups = ordered_groups(plan, framework, plan.indicators.iter().map(|i| &i.group));
    let rows = grouped_rows(
        &groups,
        &plan.indicators,
        |i| &i.group,
        width,
        |n, i| indicator_row(n, i, &periods),
    );
    Table {
        columns_mm,
        header: vec![header_row(&titles)],
        rows,
    }
}

/// Rows of items in groups (the plan's indicator groups, or the areas of III): a group
/// row (I, II, …) before each group that has items, then the items' rows, numbered
/// across groups.
fn grouped_rows<G: PartialEq, T>(
    groups: &[(G, String)],
    items: &[T],
    group_of: impl Fn(&T) -> &G,
    width: usize,
    row: impl Fn(usize, &T) -> Row,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut n = 0;
    let mut group_number = 0;
    for (group, title) in groups {
        let mut members = items.iter().filter(|i| group_of(i) == group).peekable();
        if members.peek().is_none() {
            continue;
        }
        group_number += 1;
        rows.push(group_row(&roman(group_number), title, width));
        for item in members {
            n += 1;
            rows.push(row(n, item));
        }
    }
    rows
}

/// One evaluated target: its target and result, the status and the source in the note.
fn evaluation_row(n: usize, i: &IndicatorEvaluation) -> Row {
    let target = i
        .target
        .as_ref()
        .filter(|t| !t.value.trim().is_empty())
        .map(|t| format!("{} {}", t.comparator.symbol(), t.value.trim()))
        .unwrap_or_default();
    let mut note = i.note.trim().to_owned();
    if !i.source.trim().is_empty() {
        if !note.is_empty() {
            note.push_str(". ");
        }
        note.push_str(&format!("Nguồn: {}", i.source.trim()));
    }
    data_row(vec![
        data(Align::Center, n.to_string()),
        data(Align::Left, i.name.trim().to_owned()),
        data(Align::Center, i.unit.trim().to_owned()),
        data(Align::Center, target),
        data(Align::Center, i.achieved.trim().to_owned()),
        data(
            Align::Center,
            i.status.map(|s| s.label().to_owned()).unwrap_or_default(),
        ),
        data(Align::Left, note),
    ])
}

/// Indicator groups in the Khung's order, then the drafter's own in order of appearance,
/// each with its title.
fn ordered_groups<'a>(
    plan: &Plan,
    framework: &Framework,
    used: impl Iterator<Item = &'a IndicatorGroup>,
) -> Vec<(IndicatorGroup, String)> {
    let level = plan.meta.level;
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
    for group in used {
        if let IndicatorGroup::Custom(title) = group {
            if !groups.iter().any(|(g, _)| g == group) {
                groups.push((group.clone(), title.clone()));
            }
        }
    }
    groups
}

/// Phụ lục "Kết quả thực hiện các chỉ tiêu năm Y-1", grouped as the plan's indicators are.
fn evaluation_table(
    plan: &Plan,
    evaluation: &Evaluation,
    framework: &Framework,
    layout: &Layout,
) -> Table {
    let titles: Vec<String> = vec![
        "TT".to_owned(),
        "Chỉ tiêu".to_owned(),
        "Đơn vị tính".to_owned(),
        format!("Chỉ tiêu năm {}", evaluation.year),
        "Kết quả thực hiện".to_owned(),
        "Đánh giá".to_owned(),
        "Ghi chú".to_owned(),
    ];
    let width = titles.len();
    let groups = ordered_groups(
        plan,
        framework,
        evaluation.indicators.iter().map(|i| &i.group),
    );
    let rows = grouped_rows(
        &groups,
        &evaluation.indicators,
        |i| &i.group,
        width,
        evaluation_row,
    );
    Table {
        columns_mm: layout.evaluation_columns_mm(),
        header: vec![header_row(&titles)],
        rows,
    }
}

/// Phụ lục "Tình hình thực hiện các nhiệm vụ, dự án năm Y-1", grouped by area of III.
fn task_status_table(
    plan: &Plan,
    evaluation: &Evaluation,
    framework: &Framework,
    layout: &Layout,
) -> Table {
    let titles: Vec<String> = [
        "TT",
        "Nhiệm vụ, dự án",
        "Đơn vị chủ trì",
        "Tình hình thực hiện",
        "Kết quả thực hiện",
        "Chuyển tiếp sang năm sau",
    ]
    .map(String::from)
    .to_vec();
    let groups = area_groups(plan, framework, evaluation.tasks.iter().map(|t| t.area));
    let rows = grouped_rows(
        &groups,
        &evaluation.tasks,
        |t| &t.area,
        titles.len(),
        task_status_row,
    );
    Table {
        columns_mm: layout.task_status_columns_mm(),
        header: vec![header_row(&titles)],
        rows,
    }
}

/// One task of last year: its lead unit, status, result and whether it carries over.
fn task_status_row(n: usize, t: &TaskEvaluation) -> Row {
    data_row(vec![
        data(Align::Center, n.to_string()),
        data(Align::Left, t.name.trim().to_owned()),
        data(Align::Left, t.lead_unit.trim().to_owned()),
        data(
            Align::Center,
            t.status.map(|s| s.label().to_owned()).unwrap_or_default(),
        ),
        data(Align::Left, t.result.trim().to_owned()),
        data(
            Align::Center,
            if t.carries_over { "Có" } else { "" }.to_owned(),
        ),
    ])
}

/// A drafter's own appendix: "TT" then their columns; cells beyond the columns are
/// joined into the last one by the writers' grid fitting.
fn custom_table(appendix: &CustomAppendix, layout: &Layout) -> Table {
    let mut titles = vec!["TT".to_owned()];
    titles.extend(appendix.columns.iter().map(|c| c.trim().to_owned()));
    let rows = appendix
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut cells = vec![cell(Role::TableCell, Align::Center, (i + 1).to_string())];
            cells.extend(
                row.iter()
                    .map(|text| cell(Role::TableCell, Align::Left, text.trim().to_owned())),
            );
            data_row(cells)
        })
        .collect();
    Table {
        columns_mm: layout.custom_columns_mm(appendix.columns.len()),
        header: vec![header_row(&titles)],
        rows,
    }
}

/// The areas of III the tasks fall in, in order, once each.
/// The areas of III that `of` names, in order, with their titles.
fn area_groups(
    plan: &Plan,
    framework: &Framework,
    of: impl Iterator<Item = u8>,
) -> Vec<(u8, String)> {
    let mut areas: Vec<u8> = of.collect();
    areas.sort_unstable();
    areas.dedup();
    areas
        .into_iter()
        .map(|area| (area, area_title(plan, framework, area)))
        .collect()
}

fn area_title(plan: &Plan, framework: &Framework, area: u8) -> String {
    framework
        .section(&format!("III.{area}"))
        .map(|s| s.heading.for_level(plan.meta.level).to_owned())
        .unwrap_or_else(|| format!("Lĩnh vực {area}"))
}

fn indicator_row(n: usize, i: &Indicator, periods: &[crate::model::Period]) -> Row {
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
    data_row(cells)
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
    let groups = area_groups(plan, framework, plan.tasks.iter().map(|t| t.area));
    let mut rows = grouped_rows(&groups, &plan.tasks, |t| &t.area, width, task_row);
    let total = plan.budget_million_vnd(TaskScope::ALL);
    rows.push(Row {
        kind: RowKind::Total,
        keep_with_next: false,
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

/// One task of the plan: name and content, result and effect, units, months, funding
/// and budget.
fn task_row(n: usize, t: &Task) -> Row {
    let mut name_cell = vec![vec![Run {
        text: t.name.trim().to_owned(),
        bold: true,
        italic: false,
        field: None,
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
            field: None,
        }]);
    }
    data_row(vec![
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
    ])
}
