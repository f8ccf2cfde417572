//! What each subcommand does, over the engine.

use std::path::Path;

use khcds::framework::{self, Framework};
use khcds::model::{Level, Plan};
use khcds::validate::{Finding, Part, Severity};
use khcds::workflow::{self, export, history, KindChoice, NewPlan, PlanState, RequestError};
use khcds::{interchange, sample, vocabulary};
use serde_json::Value;

use super::{signing, Command, Failure, KindArg, LevelArg, TextOrJson};

pub(super) fn dispatch(command: Command) -> Result<(), Failure> {
    match command {
        Command::New {
            from: Some(from),
            previous,
            kind,
            year,
            output,
            ..
        } => derive(&from, previous.as_deref(), kind, year, &output),
        Command::New {
            level,
            kind,
            year,
            sample,
            scale,
            output,
            ..
        } => {
            let level = match level {
                Some(LevelArg::Bo) => Level::Bo,
                Some(LevelArg::Tinh) => Level::Tinh,
                None => {
                    return Err(Failure::io(
                        "Cần cấp của kế hoạch: thêm --level bo hoặc --level tinh.",
                    ))
                }
            };
            let kind = match kind {
                KindArg::FiveYear => KindChoice::FiveYear,
                KindArg::Annual => KindChoice::Annual,
            };
            new(&NewPlan {
                kind,
                year,
                sample,
                scale,
                ..NewPlan::new(output, level)
            })
        }
        Command::Info { file } => info(&file),
        Command::Validate { file, format } => validate(&file, format),
        Command::Framework { format } => print_framework(framework::current(), format),
        Command::Export {
            file,
            format,
            document,
            draft,
            output,
        } => {
            let written =
                export::export_file(&file, format.0, document.0, draft, output.as_deref())?;
            println!("Đã xuất {}.", written.display());
            Ok(())
        }
        Command::Import { file, output } => import(&file, &output),
        Command::Revisions { file } => revisions(&file),
        Command::Snapshot { file, message } => {
            let id = history::snapshot(&mut workflow::open::open(&file)?, &message)?;
            println!("Đã lưu phiên bản số {id}.");
            Ok(())
        }
        Command::Restore { file, revision } => {
            let restored = history::restore(&mut workflow::open::open(&file)?, revision)?;
            println!(
                "Đã khôi phục phiên bản số {}; bản trước khi khôi phục đã được lưu lại.",
                restored.id
            );
            if !restored.dropped.is_empty() {
                println!(
                    "Cảnh báo: phiên bản này có phần bị hỏng, không khôi phục nguyên vẹn được:"
                );
                for part in restored.dropped {
                    println!("  - {part}");
                }
            }
            Ok(())
        }
        Command::Schema => {
            print!("{}", interchange::json_schema());
            Ok(())
        }
        Command::Sign(args) => signing::sign(args),
        Command::Verify { file, format } => signing::verify(&file, format),
        Command::Vocabulary { format: _ } => print_json(&vocabulary::vocabulary()),
        Command::PlanState { file } => {
            print_json(&workflow::open::read(&workflow::open::open(&file)?)?)
        }
    }
}

fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    println!(
        "{}",
        serde_json::to_string_pretty(value).map_err(Failure::io)?
    );
    Ok(())
}

fn new(request: &NewPlan) -> Result<(), Failure> {
    let (_, plan) = workflow::new_plan::create(request).map_err(|e| match e {
        // The rule is the engine's; the words name this tool's flags.
        workflow::Error::Request(RequestError::YearOnlyForAnnual) => {
            Failure::io("--year chỉ dùng cho kế hoạch hằng năm (--kind annual).")
        }
        workflow::Error::Request(RequestError::AnnualNeedsYear) => {
            Failure::io("Kế hoạch hằng năm cần năm: thêm --year, ví dụ --year 2026.")
        }
        other => other.into(),
    })?;
    println!(
        "Đã tạo {} ({} {}).",
        request.path.display(),
        plan.meta.level.label(),
        plan.meta.kind.label()
    );
    if request.sample {
        println!("{}", sample::FICTIONAL_NOTE);
    }
    Ok(())
}

/// `new --kind annual --year Y --from FIVE_YEAR [--previous LAST_YEAR]`.
fn derive(
    from: &Path,
    previous: Option<&Path>,
    kind: KindArg,
    year: Option<i32>,
    output: &Path,
) -> Result<(), Failure> {
    let (KindArg::Annual, Some(year)) = (kind, year) else {
        return Err(Failure::io(
            "--from dùng để lập kế hoạch hằng năm: thêm --kind annual --year, ví dụ --year 2027.",
        ));
    };
    let plan = workflow::derive::derive_annual_file(&workflow::derive::DeriveAnnual {
        path: output.to_owned(),
        year,
        from: from.to_owned(),
        previous: previous.map(Path::to_owned),
    })?;
    println!(
        "Đã tạo {} ({} {}, từ {}).",
        output.display(),
        plan.meta.level.label(),
        plan.meta.kind.label(),
        from.display()
    );
    Ok(())
}

fn info(file: &Path) -> Result<(), Failure> {
    let store = workflow::open::open(file)?;
    let plan = store.load()?;
    let h = &plan.header;
    let or_dash = |s: &str| {
        if s.trim().is_empty() {
            "—".to_owned()
        } else {
            s.to_owned()
        }
    };
    println!("Tệp:              {}", file.display());
    if store.is_read_only() {
        println!("                  (chỉ đọc: không sửa được tệp này)");
    }
    for problem in store.problems()? {
        println!("Cảnh báo:         {problem}");
    }
    println!("Cấp:              {}", plan.meta.level.label());
    println!("Loại:             Kế hoạch {}", plan.meta.kind.label());
    println!("Khung:            {}", plan.meta.framework_version);
    println!("Cơ quan ban hành: {}", or_dash(&h.issuer));
    println!("Số, ký hiệu:      {}", or_dash(&h.number));
    println!(
        "Địa danh, ngày:   {}, {}",
        or_dash(&h.place),
        h.date
            .map(khcds::document::format::numeric_date)
            .unwrap_or_else(|| "—".into())
    );
    println!("Trích yếu:        {}", or_dash(&h.subject));
    let filled = vocabulary::filled_sections(&plan);
    let sections = filled.len();
    let filled = filled.values().filter(|&&f| f).count();
    println!("Mục:              {sections} ({filled} mục đã có nội dung)");
    println!("Căn cứ:           {}", plan.opening.legal_bases.len());
    println!("Chỉ tiêu:         {}", plan.indicators.len());
    let budget: f64 = plan.tasks.iter().filter_map(|t| t.budget_million_vnd).sum();
    println!(
        "Nhiệm vụ, dự án:  {} (kinh phí dự kiến {} triệu đồng)",
        plan.tasks.len(),
        khcds::document::format::amount(budget)
    );
    println!("Phiên bản đã lưu: {}", history::revisions(&store)?.len());
    Ok(())
}

fn validate(file: &Path, format: TextOrJson) -> Result<(), Failure> {
    let PlanState { plan, findings, .. } = workflow::open::read(&workflow::open::open(file)?)?;
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings, hints) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Hint),
    );
    match format {
        TextOrJson::Json => {
            let body = serde_json::json!({ "findings": findings });
            let text = serde_json::to_string_pretty(&body).map_err(Failure::io)?;
            println!("{text}");
        }
        TextOrJson::Text => {
            for f in &findings {
                print_finding(&plan, f);
            }
            if findings.is_empty() {
                println!("Không có lỗi, cảnh báo hay gợi ý nào.");
            } else {
                println!("Tổng cộng: {errors} lỗi, {warnings} cảnh báo, {hints} gợi ý.");
            }
        }
    }
    if errors > 0 {
        return Err(Failure::invalid(format!(
            "kế hoạch còn {errors} lỗi cần sửa trước khi trình ký."
        )));
    }
    Ok(())
}

/// "[lỗi] Nhiệm vụ «Tên» · Thời gian kết thúc: message" and the hint below it.
/// Items and fields are named as the drafter sees them, never by an internal id or a
/// serde field name.
fn print_finding(plan: &Plan, f: &Finding) {
    let loc = &f.location;
    let id = loc.id.as_deref().unwrap_or("");
    let index = || {
        id.parse::<usize>()
            .map(|i| (i + 1).to_string())
            .unwrap_or_default()
    };
    let (name, item) = located(plan, loc.part, id);
    let named = |part: &str| match name {
        Some(name) => format!("{part} «{name}»"),
        None => part.to_owned(),
    };
    let mut place = match loc.part {
        Part::Header => "Phần đầu văn bản".to_owned(),
        Part::Opening => "Phần mở đầu".to_owned(),
        Part::LegalBasis if id.is_empty() => "Căn cứ".to_owned(),
        Part::LegalBasis => format!("Căn cứ thứ {}", index()),
        // A Khung section's id is its number in the Khung.
        Part::Section if framework::current().section(id).is_some() => format!("Mục {id}"),
        Part::Section => named("Mục"),
        Part::Indicator => named("Chỉ tiêu"),
        Part::Task => named("Nhiệm vụ"),
        Part::Organisation => named("Tổ chức thực hiện, đơn vị"),
        Part::Recipients if id.is_empty() => "Nơi nhận".to_owned(),
        Part::Recipients => format!("Nơi nhận, dòng {}", index()),
        Part::Signer => "Người ký".to_owned(),
        Part::Annual => "Kế hoạch năm".to_owned(),
        Part::EvaluationTarget => named("Đánh giá chỉ tiêu năm trước"),
        Part::EvaluationTask => named("Đánh giá nhiệm vụ năm trước"),
    };
    if let Some(field) = loc
        .field
        .as_deref()
        .and_then(|path| interchange::field_label(path, &item))
    {
        place.push_str(" · ");
        place.push_str(&field);
    }
    // The rule's id is for tools (`--format json`), not for the drafter.
    println!("[{}] {place}: {}", f.severity.label(), f.message);
    println!("    Cách sửa: {}", f.hint);
}

/// The item `id` of `part`: the name the drafter gave it (a task's or indicator's name,
/// a unit, a section's title), and its JSON, in which a finding's field path points.
fn located<'a>(plan: &'a Plan, part: Part, id: &str) -> (Option<&'a str>, Value) {
    let evaluation = plan.annual.as_ref().and_then(|a| a.evaluation.as_ref());
    let (name, item) = match part {
        Part::Header => (None, json(&plan.header)),
        Part::Opening => (None, json(&plan.opening)),
        Part::LegalBasis => {
            let basis = id
                .parse()
                .ok()
                .and_then(|i: usize| plan.opening.legal_bases.get(i));
            (None, basis.map(json).unwrap_or_default())
        }
        Part::Recipients => (None, json(&plan.recipients)),
        Part::Signer => (None, json(&plan.signer)),
        Part::Annual => (None, json(&plan.annual)),
        Part::Section => {
            let mut sections = plan.sections.iter().flat_map(|s| s.walk());
            named(sections.find(|s| s.id == id), |s| &s.title)
        }
        Part::Indicator => named(plan.indicators.iter().find(|i| i.id == id), |i| &i.name),
        Part::Task => named(plan.tasks.iter().find(|t| t.id == id), |t| &t.name),
        Part::Organisation => named(plan.organisation.iter().find(|r| r.id == id), |r| &r.unit),
        Part::EvaluationTarget => named(
            evaluation.and_then(|e| e.indicators.iter().find(|i| i.id == id)),
            |i| &i.name,
        ),
        Part::EvaluationTask => named(
            evaluation.and_then(|e| e.tasks.iter().find(|t| t.id == id)),
            |t| &t.name,
        ),
    };
    (name.map(str::trim).filter(|n| !n.is_empty()), item)
}

/// An item found (or not) with its name and JSON.
fn named<'a, T: serde::Serialize>(
    item: Option<&'a T>,
    name: impl Fn(&'a T) -> &'a String,
) -> (Option<&'a str>, Value) {
    item.map_or((None, Value::Null), |item| {
        (Some(name(item).as_str()), json(item))
    })
}

fn json(item: &impl serde::Serialize) -> Value {
    serde_json::to_value(item).unwrap_or_default()
}

fn print_framework(framework: &Framework, format: TextOrJson) -> Result<(), Failure> {
    if format == TextOrJson::Json {
        let text = serde_json::to_string_pretty(framework).map_err(Failure::io)?;
        println!("{text}");
        return Ok(());
    }
    println!("{}", framework.title);
    println!("{}\n", framework.source);
    for section in framework.walk() {
        let depth = section.id.matches('.').count();
        println!(
            "{}{} {}",
            "  ".repeat(depth),
            section.number,
            section.heading.verbatim()
        );
        for indicator in framework
            .indicators
            .iter()
            .filter(|i| i.group.section_id() == Some(section.id.as_str()))
        {
            let targets: Vec<String> = indicator
                .targets
                .iter()
                .map(|t| format!("{}: {} {}", t.period, t.comparator.symbol(), t.value))
                .collect();
            println!(
                "{}  • {} ({}) — {}",
                "  ".repeat(depth),
                indicator.name.verbatim(),
                indicator.unit,
                targets.join("; ")
            );
        }
    }
    Ok(())
}

fn import(file: &Path, output: &Path) -> Result<(), Failure> {
    if workflow::import::import_file(file, output)?.replaced {
        println!(
            "Đã nhập vào {}; nội dung cũ được lưu thành một phiên bản.",
            output.display()
        );
    } else {
        println!("Đã tạo {} từ {}.", output.display(), file.display());
    }
    Ok(())
}

fn revisions(file: &Path) -> Result<(), Failure> {
    let list = history::revisions(&workflow::open::open(file)?)?;
    if list.is_empty() {
        println!("Chưa có phiên bản nào được lưu.");
    }
    for rev in list {
        let label = if rev.label.is_empty() {
            String::new()
        } else {
            format!(" — {}", rev.label)
        };
        println!(
            "{:>4}  {}  {}{}",
            rev.id,
            rev.created_at,
            rev.reason.label(),
            label
        );
    }
    Ok(())
}
