//! The numbered body: the plan's sections with their content, the indicators written
//! out in section II, the tasks in III, the responsibilities in V, and "./." at the end.

use super::appendix;
use super::format::{letter, roman, upper};
use super::{Block, Paragraph};
use crate::framework::Framework;
use crate::layout::Role;
use crate::model::{
    Block as ContentBlock, Indicator, IndicatorGroup, Period, Plan, PlanKind, Run, Section,
};
use crate::vocabulary::{comparator_phrase, value_with_unit, Generated};

/// Where a section sits, for its number: depth (1 = mục) and the numbers above it.
struct Numbering {
    depth: usize,
    /// The khoản number ("2") when inside one, for "2.1."-style numbers.
    khoan: Option<usize>,
}

pub(super) fn sections(plan: &Plan, framework: &Framework) -> Vec<Block> {
    let mut out = Vec::new();
    for (i, section) in plan.sections.iter().enumerate() {
        section_blocks(
            plan,
            framework,
            section,
            i + 1,
            &Numbering {
                depth: 1,
                khoan: None,
            },
            &mut out,
        );
    }
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
    out
}

fn section_blocks(
    plan: &Plan,
    framework: &Framework,
    section: &Section,
    position: usize,
    at: &Numbering,
    out: &mut Vec<Block>,
) {
    let level = plan.meta.level;
    let title = if section.title.trim().is_empty() {
        framework
            .section(&section.id)
            .map(|f| f.heading.for_level(level).to_owned())
            .unwrap_or_default()
    } else {
        section.title.trim().to_owned()
    };
    let (number, role, title) = match at.depth {
        1 => (
            format!("{}.", roman(position)),
            Role::Heading1,
            upper(&title),
        ),
        2 => (format!("{position}."), Role::Heading2, title),
        3 => (
            format!("{}.{position}.", at.khoan.unwrap_or(1)),
            Role::Heading3,
            title,
        ),
        _ => (format!("{})", letter(position)), Role::Heading4, title),
    };
    out.push(Block::Paragraph(Paragraph::new(
        role,
        format!("{number} {title}").trim_end().to_owned(),
    )));
    out.extend(section.content.iter().map(content_block));
    out.extend(generated_content(plan, &section.id));
    let khoan = if at.depth == 2 {
        Some(position)
    } else {
        at.khoan
    };
    for (i, child) in section.children.iter().enumerate() {
        let child_at = Numbering {
            depth: at.depth + 1,
            khoan,
        };
        section_blocks(plan, framework, child, i + 1, &child_at, out);
    }
    match section.id.as_str() {
        "II.2" => out.extend(custom_indicator_groups(plan)),
        "V" => out.extend(responsibilities(plan, section.children.len())),
        _ => {}
    }
}

/// A drafter's paragraph or "-"/"+" item as a body paragraph.
fn content_block(block: &ContentBlock) -> Block {
    let (role, runs) = match block {
        ContentBlock::Paragraph { text } => (Role::Body, text.0.clone()),
        ContentBlock::Heading { text } => (Role::RunInHeading, text.0.clone()),
        ContentBlock::Bullet { level, text } => {
            let mut runs = vec![Run::plain(format!("{} ", level.mark()))];
            runs.extend(text.0.iter().cloned());
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
fn generated_content(plan: &Plan, id: &str) -> Vec<Block> {
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
        let labels = appendix::labels(plan);
        let mentions_appendix = plan
            .sections
            .iter()
            .flat_map(|s| s.walk())
            .filter(|s| s.id == "VI")
            .flat_map(|s| &s.content)
            .any(|b| b.text().to_plain().contains("Phụ lục"));
        if let (Some(label), false) = (labels.tasks, mentions_appendix) {
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
fn responsibilities(plan: &Plan, already: usize) -> Vec<Block> {
    let mut out = Vec::new();
    for (i, r) in plan.organisation.iter().enumerate() {
        out.push(Block::Paragraph(Paragraph::new(
            Role::Heading2,
            format!("{}. {}", already + i + 1, r.unit.trim()),
        )));
        out.extend(r.duties.iter().map(content_block));
    }
    out
}
