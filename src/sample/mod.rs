//! Sample plans for demos, tests and benchmarks (`khcds new --sample [--scale N]`).
//!
//! **Everything in these samples is fictional.** The province "tỉnh Hòa Sơn" and the
//! ministry "Bộ Phát triển Đô thị và Nông thôn" do not exist; their numbers, dates of
//! issue, signers, units' situation and figures are invented for the demo. Only the
//! national documents cited in the "Căn cứ" lines and the Khung's own indicators are real.
//!
//! The generator is deterministic (no randomness, no clock): the same level, kind and
//! scale always give the same plan. The text lives in static tables (`province.rs`,
//! `ministry.rs`, `sections.rs`, `tasks.rs`) written with a small markup (see `text.rs`);
//! the section tree and the minimum indicators come from [`crate::framework::current`].
//!
//! `scale` multiplies the content for benchmarks: tasks are repeated per sector
//! (distinct ids and names), sections grow with them and extra sector indicators are
//! added, keeping every id unique and every link valid.

mod evaluation;
mod indicators;
mod ministry;
mod opening;
mod profile;
mod province;
mod scale;
mod sections;
mod tasks;
mod text;

use chrono::NaiveDate;

use crate::framework;
use crate::model::{
    DocumentHeader, Level, Plan, PlanKind, PlanMeta, Recipient, Responsibility, Signer,
    SigningCapacity,
};

use profile::Profile;
use text::Ctx;

/// Printed by the CLI next to a generated sample.
pub const FICTIONAL_NOTE: &str = "Kế hoạch mẫu của một tỉnh giả định (tỉnh Hòa Sơn) hoặc một bộ \
giả định (Bộ Phát triển Đô thị và Nông thôn); tên cơ quan, người ký, số liệu là hư cấu.";

/// The largest scale the generator honours; larger values are treated as this one.
pub const MAX_SCALE: u32 = 50;

/// The note for one level's sample.
pub fn fictional_note(level: Level) -> &'static str {
    profile_for(level).note
}

/// A complete, valid sample plan of the given level and kind.
///
/// `scale` 1 is the normal sample (about 10–15 printed pages of body plus appendices);
/// `scale` N repeats tasks N times and grows sections and indicators with them.
/// `scale` 0 is treated as 1 and values above [`MAX_SCALE`] as [`MAX_SCALE`].
pub fn sample_plan(level: Level, kind: PlanKind, scale: u32) -> Plan {
    let scale = scale.clamp(1, MAX_SCALE) as usize;
    let profile = profile_for(level);
    let ctx = Ctx::new(level, kind, profile.vocabulary);
    let date = issue_date(profile, kind);

    let mut indicators = indicators::build(profile, &ctx, scale);
    let mut tasks = tasks::build(profile, &ctx, scale);
    indicators::link(&mut indicators, &mut tasks);
    let sections = sections::build(profile, &ctx, scale);
    let indicators: Vec<_> = indicators.into_iter().map(|d| d.indicator).collect();
    let tasks: Vec<_> = tasks.into_iter().map(|d| d.task).collect();

    let mut plan = Plan {
        meta: PlanMeta {
            level,
            kind,
            framework_version: framework::current().version.clone(),
        },
        header: DocumentHeader {
            parent_body: String::new(),
            issuer: profile.issuer.to_owned(),
            number: match kind {
                PlanKind::FiveYear => profile.number.to_owned(),
                PlanKind::Annual { .. } => profile.annual_number.to_owned(),
            },
            place: profile.place.to_owned(),
            date: Some(date),
            subject: subject(profile, kind),
        },
        opening: opening::build(profile, &ctx, date),
        sections,
        indicators,
        tasks,
        organisation: profile
            .organisation
            .iter()
            .enumerate()
            .map(|(i, (unit, duties))| Responsibility {
                id: format!("tc-{:02}", i + 1),
                unit: ctx.fill(unit),
                duties: ctx.blocks(duties),
            })
            .collect(),
        recipients: profile
            .recipients
            .iter()
            .map(|r| Recipient(ctx.fill(r)))
            .collect(),
        signer: Signer {
            capacities: profile
                .signer_capacities
                .iter()
                .map(|(authority, on_behalf_of)| SigningCapacity {
                    authority: *authority,
                    on_behalf_of: (*on_behalf_of).to_owned(),
                })
                .collect(),
            position: profile.signer_position.to_owned(),
            name: profile.signer_name.to_owned(),
        },
        settings: Default::default(),
        annual: None,
        appendices: Vec::new(),
    };
    if let PlanKind::Annual { year } = kind {
        // The annual sample implements the five-year sample and evaluates the year before.
        let five_year = sample_plan(level, PlanKind::FiveYear, scale as u32);
        plan.annual = Some(evaluation::annual_part(&ctx, year, &plan, &five_year));
    }
    plan
}

fn profile_for(level: Level) -> &'static Profile {
    match level {
        Level::Tinh => &province::PROFILE,
        Level::Bo => &ministry::PROFILE,
    }
}

/// Trích yếu: "Chuyển đổi số tỉnh Hòa Sơn giai đoạn 2026 - 2030" or "… năm 2026".
fn subject(profile: &Profile, kind: PlanKind) -> String {
    match kind {
        PlanKind::FiveYear => format!("{} giai đoạn 2026 - 2030", profile.subject),
        PlanKind::Annual { year } => format!("{} năm {year}", profile.subject),
    }
}

/// The five-year plan is issued in late December 2025; an annual plan at the end of
/// the year before, but never after 15 January 2026 (the samples must not be dated in
/// the future of the project's reference date).
fn issue_date(profile: &Profile, kind: PlanKind) -> NaiveDate {
    let latest = NaiveDate::from_ymd_opt(2026, 1, 12).expect("valid date");
    let (y, m, d) = match kind {
        PlanKind::FiveYear => profile.five_year_date,
        PlanKind::Annual { year } => (year.clamp(1971, 2100) - 1, 12, 29),
    };
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap_or(latest)
        .min(latest)
}
