//! Turning the static text tables into model values.
//!
//! The tables use a tiny markup so that they stay readable:
//! - `{key}` is replaced by the level's wording (see [`Ctx`]): "{dv}" is "tỉnh" or "Bộ", …;
//! - a line starting with "- " or "+ " is a bullet, any other line a paragraph;
//! - `**…**` marks bold and `*…*` italic runs;
//! - `[[…]]` is a figure the document generates from the plan (see [`field`]).

use crate::model::{
    AppendixRef, Block, BulletLevel, Field, FundingSource, Level, PlanKind, RichText, Run,
};

/// What the text of one sample depends on: the level's vocabulary and the plan kind.
pub(super) struct Ctx {
    pub level: Level,
    pub kind: PlanKind,
    tokens: Vec<(&'static str, String)>,
}

impl Ctx {
    pub fn new(level: Level, kind: PlanKind, vocabulary: &[(&'static str, &'static str)]) -> Self {
        let (first, last) = kind.years();
        let mut tokens: Vec<(&'static str, String)> = vocabulary
            .iter()
            .map(|(k, v)| (*k, (*v).to_owned()))
            .collect();
        let (ky, moc) = match kind {
            PlanKind::FiveYear => ("giai đoạn 2026 - 2030".to_owned(), "2030".to_owned()),
            PlanKind::Annual { year } => (format!("năm {year}"), year.to_string()),
        };
        let (truoc, truoc_cap) = match kind {
            PlanKind::FiveYear => (
                "giai đoạn 2021 - 2025".to_owned(),
                "Giai đoạn 2021 - 2025".to_owned(),
            ),
            PlanKind::Annual { year } => (format!("năm {}", year - 1), format!("Năm {}", year - 1)),
        };
        tokens.push(("ky", ky));
        tokens.push(("truoc", truoc));
        tokens.push(("Truoc", truoc_cap));
        tokens.push(("moc", moc));
        tokens.push(("nam1", first.to_string()));
        tokens.push(("nam2", last.to_string()));
        Ctx {
            level,
            kind,
            tokens,
        }
    }

    pub fn is_annual(&self) -> bool {
        matches!(self.kind, PlanKind::Annual { .. })
    }

    /// Replaces every `{key}` by the level's wording; unknown keys stay as they are.
    pub fn fill(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 32);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let key = &after[..close];
                    match self.tokens.iter().find(|(k, _)| *k == key) {
                        Some((_, value)) => out.push_str(value),
                        None => {
                            out.push('{');
                            out.push_str(key);
                            out.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// One line of markup as a block.
    pub fn block(&self, line: &str) -> Block {
        let filled = self.fill(line);
        // A line that is all bold is a run-in heading ("**1. Mục đích**").
        let heading = filled
            .strip_prefix("**")
            .and_then(|t| t.strip_suffix("**"))
            .filter(|t| !t.contains('*'));
        if let Some(title) = heading {
            Block::heading(title)
        } else if let Some(rest) = filled.strip_prefix("- ") {
            Block::Bullet {
                level: BulletLevel::Dash,
                text: rich(rest),
            }
        } else if let Some(rest) = filled.strip_prefix("+ ") {
            Block::Bullet {
                level: BulletLevel::Plus,
                text: rich(rest),
            }
        } else {
            Block::Paragraph {
                text: rich(&filled),
            }
        }
    }

    pub fn blocks(&self, lines: &[&str]) -> Vec<Block> {
        lines.iter().map(|l| self.block(l)).collect()
    }
}

/// Parses `**bold**` and `*italic*` runs and `[[field]]` generated figures.
pub(super) fn rich(text: &str) -> RichText {
    let mut runs = Vec::new();
    let (mut bold, mut italic) = (false, false);
    let mut current = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let field = rest
            .strip_prefix("[[")
            .and_then(|r| r.split_once("]]"))
            .and_then(|(name, after)| Some((field(name)?, after)));
        if let Some((field, after)) = field {
            flush(&mut runs, &mut current, bold, italic);
            runs.push(Run {
                bold,
                italic,
                ..Run::field(field)
            });
            rest = after;
            continue;
        }
        rest = &rest[c.len_utf8()..];
        if c != '*' {
            current.push(c);
            continue;
        }
        flush(&mut runs, &mut current, bold, italic);
        if let Some(after) = rest.strip_prefix('*') {
            rest = after;
            bold = !bold;
        } else {
            italic = !italic;
        }
    }
    if !current.is_empty() || runs.is_empty() {
        runs.push(Run {
            text: current,
            bold,
            italic,
            field: None,
        });
    }
    RichText(runs)
}

fn flush(runs: &mut Vec<Run>, current: &mut String, bold: bool, italic: bool) {
    if !current.is_empty() {
        runs.push(Run {
            text: std::mem::take(current),
            bold,
            italic,
            field: None,
        });
    }
}

/// The generated figures of the markup: "phu-luc:nhiem-vu", "so-nhiem-vu",
/// "so-nhiem-vu:3" (area III.3), "so-nhiem-vu:local-budget" (a funding source by its
/// interchange id), "kinh-phi", "kinh-phi:3", "kinh-phi:local-budget", "so-chi-tieu".
fn field(name: &str) -> Option<Field> {
    let (kind, arg) = name.split_once(':').unwrap_or((name, ""));
    let area = arg.parse::<u8>().ok();
    let source = serde_json::from_value::<FundingSource>(serde_json::Value::from(arg)).ok();
    Some(match kind {
        "phu-luc" => Field::Appendix {
            appendix: match arg {
                "chi-tieu" => AppendixRef::Indicators,
                "nhiem-vu" => AppendixRef::Tasks,
                "danh-gia-chi-tieu" => AppendixRef::EvaluationTargets,
                "danh-gia-nhiem-vu" => AppendixRef::EvaluationTasks,
                _ => return None,
            },
        },
        "so-nhiem-vu" => Field::TaskCount { area, source },
        "kinh-phi" => Field::Budget { area, source },
        "so-chi-tieu" => Field::IndicatorCount,
        _ => return None,
    })
}

/// A target or baseline value as stored in the model: no grouping, decimal comma.
pub(super) fn value_text(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}").replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_gives_runs_and_bullets() {
        let ctx = Ctx::new(Level::Tinh, PlanKind::FiveYear, &[("dv", "tỉnh")]);
        let b = ctx.block("- **Về hạ tầng:** của {dv} *rất* tốt {khác}");
        let Block::Bullet { level, text } = b else {
            panic!("not a bullet")
        };
        assert_eq!(level, BulletLevel::Dash);
        assert_eq!(text.0.len(), 4);
        assert!(text.0[0].bold && text.0[2].italic);
        assert_eq!(text.to_plain(), "Về hạ tầng: của tỉnh rất tốt {khác}");
        assert_eq!(value_text(12.5), "12,5");
        assert_eq!(value_text(100.0), "100");
    }
}
