//! The numbered body: the plan's sections with their content, the indicators written
//! out in section II, the tasks in III, the responsibilities in V, and "./." at the end.

use super::figures::Figures;
use super::format::{letter, roman, upper};
use super::{appendix, evaluation};
use super::{Block, Paragraph};
use crate::framework::Framework;
use crate::layout::Role;
use crate::model::{
    AnnualLayout, AppendixRef, Block as ContentBlock, Evaluation, Field, Indicator, IndicatorGroup,
    Level, Period, Plan, PlanKind, Run, Section, SectionOrigin,
};
use crate::vocabulary::{comparator_phrase, value_with_unit, Generated};

/// Where a section sits, for its number: depth (1 = mục) and the numbers above it.
/// Depth counts from the enclosing part ("Phần"), so numbering restarts in each part.
struct Numbering {
    depth: usize,
    /// The khoản number ("2") when inside one, for "2.1."-style numbers.
    khoan: Option<usize>,
}

const TOP: Numbering = Numbering {
    depth: 1,
    khoan: None,
};

/// What every part of the body reads.
struct Cx<'a> {
    plan: &'a Plan,
    framework: &'a Framework,
    figures: Figures<'a>,
}

pub(super) fn sections(plan: &Plan, framework: &Framework) -> Vec<Block> {
    let mut out = Vec::new();
    let labels = appendix::labels(plan);
    let cx = &Cx {
        plan,
        framework,
        figures: Figures::new(plan, &labels),
    };
    match plan
        .annual
        .as_ref()
        .and_then(|a| Some((a.layout, a.evaluation.as_ref()?)))
    {
        Some((AnnualLayout::Parts, evaluation)) => {
            let year = evaluation.year + 1;
            out.extend(part_heading(
                "Phần I",
                &format!("ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM {}", evaluation.year),
            ));
            let tree = evaluation::sections(plan, evaluation, &labels);
            section_list(cx, &tree, &TOP, 0, &mut out);
            out.extend(part_heading(
                "Phần II",
                &format!("KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM {year}"),
            ));
            section_list(cx, &plan.sections, &TOP, 0, &mut out);
        }
        Some((AnnualLayout::Plain, evaluation)) => {
            let wrapper = Section {
                id: "danh-gia".to_owned(),
                origin: SectionOrigin::Custom,
                title: format!("ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM {}", evaluation.year),
                content: Vec::new(),
                children: evaluation::sections(plan, evaluation, &labels),
            };
            section_blocks(cx, &wrapper, 1, &TOP, &mut out);
            section_list(cx, &plan.sections, &TOP, 1, &mut out);
        }
        None => section_list(cx, &plan.sections, &TOP, 0, &mut out),
    }
    end_body(&mut out);
    out
}

/// The body of the yearly report: the evaluation's sections numbered from I, and the
/// appendix references to the report's own appendices.
pub(super) fn report_sections(
    plan: &Plan,
    framework: &Framework,
    evaluation: &Evaluation,
) -> Vec<Block> {
    let mut out = Vec::new();
    let labels = appendix::report_labels(plan);
    let cx = &Cx {
        plan,
        framework,
        figures: Figures::new(plan, &labels),
    };
    let tree = evaluation::sections(plan, evaluation, &labels);
    section_list(cx, &tree, &TOP, 0, &mut out);
    end_body(&mut out);
    out
}

/// Ends the body with "./.", kept on the page of the closing block.
fn end_body(out: &mut [Block]) {
    if let Some(Block::Paragraph(last)) = out.last_mut() {
        // The body ends with "./." and stays on the page of the closing block. The
        // sentence's own closing punctuation gives way to it ("… đồng." → "… đồng./.").
        while last
            .runs
            .last()
            .is_some_and(|r| r.text.trim_end().is_empty())
        {
            last.runs.pop();
        }
        match last.runs.last_mut() {
            Some(run) => {
                let kept = run.text.trim_end().trim_end_matches(['.', ';', ',', ':']);
                run.text.truncate(kept.trim_end().len());
                run.text.push_str("./.");
            }
            None => last.runs.push(Run::plain("./.")),
        }
        last.keep_with_next = true;
    }
}

/// "Phần I" and its title on the next line, both bold and centred (the trích yếu's
/// style: with the title's 24 pt before, LibreOffice and our paginator broke the page
/// differently); the label is a level of the outline.
fn part_heading(label: &str, title: &str) -> [Block; 2] {
    [
        Block::Paragraph(Paragraph::new(Role::PartLabel, label)),
        Block::Paragraph(Paragraph::new(Role::Subject, upper(title.trim()))),
    ]
}

/// A custom section titled "Phần …" is a part: "Phần II. KẾ HOẠCH …" → ("Phần II",
/// "KẾ HOẠCH …").
fn part_title(section: &Section) -> Option<(String, String)> {
    if section.origin != SectionOrigin::Custom {
        return None;
    }
    let title = section.title.trim();
    let rest = title
        .strip_prefix("Phần ")
        .or_else(|| title.strip_prefix("PHẦN "))?;
    let (number, after) = rest
        .split_once(|c: char| !c.is_alphanumeric())
        .unwrap_or((rest, ""));
    if number.is_empty()
        || !number
            .chars()
            .all(|c| "IVXLC".contains(c) || c.is_ascii_digit())
    {
        return None;
    }
    let after = after.trim_start_matches(['.', ':', '-', '–', ' ']);
    Some((format!("Phần {number}"), after.trim().to_owned()))
}

/// Siblings in order; a part among them prints its own heading and numbers its children
/// afresh, and does not count as a numbered sibling. `before` is how many numbered
/// siblings precede the list (the plain layout's evaluation).
fn section_list(cx: &Cx, list: &[Section], at: &Numbering, before: usize, out: &mut Vec<Block>) {
    let mut position = before;
    for section in list {
        if let Some((label, title)) = part_title(section) {
            out.extend(part_heading(&label, &title));
            out.extend(
                section
                    .content
                    .iter()
                    .map(|b| content_block(&cx.figures, b)),
            );
            section_list(cx, &section.children, &TOP, 0, out);
            continue;
        }
        position += 1;
        section_blocks(cx, section, position, at, out);
    }
}

/// The number and role of a heading: I. → 1. → 1.1. → a) → "-" → "+" (Nghị định 30 and
/// the Khung), so no two levels in a row look alike.
fn heading_number(at: &Numbering, position: usize) -> (String, Role) {
    match at.depth {
        1 => (format!("{}.", roman(position)), Role::Heading1),
        2 => (format!("{position}."), Role::Heading2),
        3 => (
            format!("{}.{position}.", at.khoan.unwrap_or(1)),
            Role::Heading3,
        ),
        4 => (format!("{})", letter(position)), Role::Heading4),
        5 => ("-".to_owned(), Role::Heading4),
        _ => ("+".to_owned(), Role::Heading4),
    }
}

fn section_blocks(
    cx: &Cx,
    section: &Section,
    position: usize,
    at: &Numbering,
    out: &mut Vec<Block>,
) {
    let plan = cx.plan;
    let title = section_title(section, cx.framework, plan.meta.level);
    let (number, role) = heading_number(at, position);
    let title = if at.depth == 1 { upper(&title) } else { title };
    out.push(Block::Paragraph(Paragraph::new(
        role,
        format!("{number} {title}").trim_end().to_owned(),
    )));
    out.extend(
        section
            .content
            .iter()
            .map(|b| content_block(&cx.figures, b)),
    );
    out.extend(generated_content(cx, &section.id));
    let khoan = if at.depth == 2 {
        Some(position)
    } else {
        at.khoan
    };
    let child_at = Numbering {
        depth: at.depth + 1,
        khoan,
    };
    section_list(cx, &section.children, &child_at, 0, out);
    match section.id.as_str() {
        "II.2" => out.extend(custom_indicator_groups(plan)),
        "V" => out.extend(responsibilities(cx, section.children.len())),
        _ => {}
    }
}

/// A drafter's paragraph, run-in heading or "-"/"+" item as a body paragraph, its
/// figures generated.
fn content_block(figures: &Figures, block: &ContentBlock) -> Block {
    let (role, runs) = match block {
        ContentBlock::Paragraph { text } => (Role::Body, figures.resolve(&text.0)),
        ContentBlock::Heading { text } => (Role::RunInHeading, figures.resolve(&text.0)),
        ContentBlock::Bullet { level, text } => {
            let mut runs = vec![Run::plain(format!("{} ", level.mark()))];
            runs.extend(figures.resolve(&text.0));
            (Role::Body, runs)
        }
    };
    Block::Paragraph(Paragraph {
        role,
        runs,
        keep_with_next: false,
    })
}

/// What the document adds after a Khung section's own content (see
/// `vocabulary::Generated`; II.2 and V get theirs after their sub-sections).
fn generated_content(cx: &Cx, id: &str) -> Vec<Block> {
    let plan = cx.plan;
    let generated = Generated::in_section(id);
    if let Some(Generated::Indicators { group }) = &generated {
        return indicator_lines(plan, |i| &i.group == group);
    }
    if let Some(Generated::Tasks { area }) = generated {
        return plan
            .tasks
            .iter()
            .filter(|t| t.area == area)
            .map(|t| {
                let mut text = format!("- {}", t.name.trim().trim_end_matches('.'));
                let content = t.content.trim();
                if !content.is_empty() {
                    text.push_str(": ");
                    text.push_str(content);
                }
                if !text.ends_with(['.', ';', '!', '?']) {
                    text.push('.');
                }
                Block::Paragraph(Paragraph::new(Role::Body, text))
            })
            .collect();
    }
    if generated == Some(Generated::TaskAppendix) {
        let mentions_appendix = plan
            .sections
            .iter()
            .flat_map(|s| s.walk())
            .filter(|s| s.id == "VI")
            .flat_map(|s| &s.content)
            .any(|b| {
                b.text().to_plain().contains("Phụ lục")
                    || b.text().0.iter().any(|r| {
                        matches!(
                            r.field,
                            Some(Field::Appendix {
                                appendix: AppendixRef::Tasks
                            })
                        )
                    })
            });
        let label = cx.figures.label(&AppendixRef::Tasks);
        if let (Some(label), false) = (label, mentions_appendix) {
            return vec![Block::Paragraph(Paragraph::new(
                Role::Body,
                format!("Danh mục nhiệm vụ, dự án chi tiết tại {label} kèm theo Kế hoạch này."),
            ))];
        }
    }
    Vec::new()
}

/// Indicators of the drafter's own groups, each group under its title, at the end of II.2.
fn custom_indicator_groups(plan: &Plan) -> Vec<Block> {
    let mut titles: Vec<&str> = Vec::new();
    for i in &plan.indicators {
        if let IndicatorGroup::Custom(title) = &i.group {
            if !titles.contains(&title.as_str()) {
                titles.push(title);
            }
        }
    }
    let mut out = Vec::new();
    for title in titles {
        out.push(Block::Paragraph(Paragraph::new(
            Role::GroupLabel,
            title.trim(),
        )));
        out.extend(indicator_lines(
            plan,
            |i| matches!(&i.group, IndicatorGroup::Custom(t) if t == title),
        ));
    }
    out
}

fn indicator_lines(plan: &Plan, select: impl Fn(&Indicator) -> bool) -> Vec<Block> {
    plan.indicators
        .iter()
        .filter(|i| select(i) && i.not_applicable.is_none())
        .map(|i| {
            Block::Paragraph(Paragraph::new(
                Role::Body,
                indicator_sentence(i, plan.meta.kind),
            ))
        })
        .collect()
}

/// "- Tỷ lệ …: đạt tối thiểu 95% đến năm 2027; đạt tối thiểu 99% đến năm 2030."
pub(super) fn indicator_sentence(indicator: &Indicator, kind: PlanKind) -> String {
    let targets: Vec<String> = kind
        .periods()
        .into_iter()
        .filter_map(|period| {
            let t = indicator.targets.iter().find(|t| t.period == period)?;
            let value = t.value.trim();
            if value.is_empty() {
                return None;
            }
            let phrase = comparator_phrase(t.comparator);
            let when = match period {
                Period::Year(y) => format!("trong năm {y}"),
                p => format!("đến năm {}", p.end_year()),
            };
            Some(format!(
                "{phrase} {} {when}",
                value_with_unit(value, &indicator.unit)
            ))
        })
        .collect();
    let name = indicator.name.trim().trim_end_matches(['.', ';']);
    if targets.is_empty() {
        format!("- {name}.")
    } else {
        format!("- {name}: {}.", targets.join("; "))
    }
}

/// Section V: one numbered khoản per unit, then its duties.
fn responsibilities(cx: &Cx, already: usize) -> Vec<Block> {
    let plan = cx.plan;
    let mut out = Vec::new();
    for (i, r) in plan.organisation.iter().enumerate() {
        out.push(Block::Paragraph(Paragraph::new(
            Role::Heading2,
            format!("{}. {}", already + i + 1, r.unit.trim()),
        )));
        out.extend(r.duties.iter().map(|b| content_block(&cx.figures, b)));
    }
    out
}

/// The title a section prints: the drafter's own, or the Khung's heading for the level.
pub fn section_title(section: &Section, framework: &Framework, level: Level) -> String {
    if section.title.trim().is_empty() {
        framework
            .section(&section.id)
            .map(|f| f.heading.for_level(level).to_owned())
            .unwrap_or_default()
    } else {
        section.title.trim().to_owned()
    }
}
