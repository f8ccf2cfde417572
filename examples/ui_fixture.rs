//! The engine for the UI tests (`ui/tests`, mocked IPC), so the mock serves what the
//! engine produces instead of re-implementing it.
//!
//! - Without arguments: one JSON object with the vocabulary, the sample plan with its
//!   findings and page preview, and the same plan with a few defects (a blank place
//!   name, a task of III.3 without name or lead unit) with its findings.
//! - `serve`: a session per page over JSON lines on stdin/stdout. Each request
//!   `{"id", "session", "op", …}` (with `path`, the file the drafter chose, checked as the
//!   app checks it) gets `{"id", "ok": …}` or `{"id", "error": {kind,
//!   message}}`. Ops: `create` (a new plan file from `level`, `kind`, `year`, `sample`, or
//!   from a whole `plan`), `apply` (one step of edits: what `apply_edit` returns, with the
//!   plan after it), `state` (the plan, its findings and filled parts), `derive` (the
//!   annual plan of `year` from the session's five-year plan, which becomes the
//!   session's plan). The files live in a temporary folder removed at the end.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;

use khcds::model::{Level, Plan, PlanKind};
use khcds::pdf::{preview::preview, FontSet};
use khcds::store::PlanFile;
use khcds::workflow::new_plan::plan_path;
use khcds::workflow::{self, derive, edit, open, KindChoice, NewPlan};
use serde_json::{json, Value};

fn with_findings(plan: &Plan) -> Value {
    json!({ "plan": plan, "findings": khcds::validate::validate(plan) })
}

fn fixture() -> Value {
    let plan = khcds::sample::sample_plan(Level::Tinh, PlanKind::FiveYear, 1);
    let mut defective = plan.clone();
    defective.header.place.clear();
    if let Some(task) = defective.tasks.iter_mut().find(|t| t.area == 3) {
        task.name.clear();
        task.lead_unit.clear();
    }
    json!({
        "vocabulary": khcds::vocabulary::vocabulary(),
        "sample": with_findings(&plan),
        "preview": preview(&plan, &FontSet::bundled()),
        "defective": with_findings(&defective),
    })
}

/// The plan files of the pages under test, one per session.
struct Sessions {
    dir: tempfile::TempDir,
    files: HashMap<String, PlanFile>,
    created: usize,
}

type Reply = Result<Value, workflow::Error>;

impl Sessions {
    fn next_path(&mut self) -> PathBuf {
        self.created += 1;
        self.dir
            .path()
            .join(format!("ke-hoach-{}.khcds", self.created))
    }

    fn file(&mut self, session: &str) -> Result<&mut PlanFile, workflow::Error> {
        self.files
            .get_mut(session)
            .ok_or(workflow::RequestError::MissingPath("tệp kế hoạch").into())
    }

    fn state(&mut self, session: &str) -> Reply {
        Ok(json!(open::read(self.file(session)?)?))
    }

    fn handle(&mut self, session: &str, req: &Value) -> Reply {
        let text = |key: &str| req[key].as_str().unwrap_or_default().to_owned();
        // The path the drafter chose is checked as the app checks it; the file itself
        // goes to the temporary folder.
        if let Some(path) = req["path"].as_str() {
            plan_path(std::path::Path::new(path))?;
        }
        match req["op"].as_str().unwrap_or_default() {
            "create" => {
                let path = self.next_path();
                let file = if req["plan"].is_object() {
                    let plan: Plan = serde_json::from_value(req["plan"].clone())
                        .map_err(|e| workflow::RequestError::Edit(e.to_string()))?;
                    PlanFile::create(&path, &plan)?
                } else {
                    let level: Level = text("level")
                        .parse()
                        .map_err(workflow::RequestError::UnknownLevel)?;
                    let request = NewPlan {
                        kind: KindChoice::parse(&text("kind"))?,
                        year: req["year"].as_i64().map(|y| y as i32),
                        sample: req["sample"].as_bool().unwrap_or(false),
                        ..NewPlan::new(&path, level)
                    };
                    workflow::new_plan::create(&request)?.0
                };
                self.files.insert(session.to_owned(), file);
                self.state(session)
            }
            "apply" => {
                let edits = edit::parse(req["edit"].clone())?;
                let file = self.file(session)?;
                let applied = edit::apply(file, &edits)?;
                let mut out = json!(applied);
                out["plan"] = json!(file.load()?);
                Ok(out)
            }
            "state" => self.state(session),
            "derive" => {
                let parent = self.file(session)?.load()?;
                let request = derive::DeriveAnnual {
                    path: self.next_path(),
                    year: req["year"].as_i64().unwrap_or_default() as i32,
                    from: PathBuf::new(),
                    previous: None,
                };
                derive::derive_annual_from(&parent, &request)?;
                let file = open::open(&request.path)?;
                self.files.insert(session.to_owned(), file);
                self.state(session)
            }
            other => Err(workflow::RequestError::Edit(format!("«{other}»")).into()),
        }
    }
}

fn serve() -> std::io::Result<()> {
    let mut sessions = Sessions {
        dir: tempfile::tempdir()?,
        files: HashMap::new(),
        created: 0,
    };
    let mut out = std::io::stdout().lock();
    for line in std::io::stdin().lock().lines() {
        let req: Value = serde_json::from_str(&line?).unwrap_or(Value::Null);
        let session = req["session"].to_string();
        let reply = match sessions.handle(&session, &req) {
            Ok(value) => json!({ "id": req["id"], "ok": value }),
            Err(e) => {
                json!({ "id": req["id"], "error": { "kind": e.kind(), "message": e.to_string() } })
            }
        };
        writeln!(out, "{reply}")?;
        out.flush()?;
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    if std::env::args().nth(1).as_deref() == Some("serve") {
        return serve();
    }
    println!("{}", fixture());
    Ok(())
}
