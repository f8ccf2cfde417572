//! The commands through Tauri's IPC, with the real config and capabilities
//! (`generate_context!`) on the mock runtime: no display needed.

#[path = "../../tests/sign_support/mod.rs"]
mod sign_support;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use khcds_app::state::{AppState, Dirs};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{Listener, WebviewWindow, WebviewWindowBuilder};

struct TestApp {
    app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    dirs: Dirs,
}

fn start(root: &Path) -> TestApp {
    let dirs = Dirs {
        data: root.join("data"),
        plans: root.join("KeHoachCDS"),
    };
    let app = khcds_app::setup(mock_builder(), AppState::with_dirs(dirs.clone()))
        .build(tauri::generate_context!())
        .expect("app builds");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("main window");
    TestApp { app, window, dirs }
}

impl TestApp {
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|body| body.deserialize::<Value>().expect("json response"))
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    /// The error of a command that must fail: `{ kind, message }`, as (kind, message).
    fn refusal(&self, cmd: &str, args: Value) -> (String, String) {
        match self.call(cmd, args) {
            Ok(v) => panic!("{cmd} should fail, gave {v}"),
            Err(e) => {
                let field = |name: &str| {
                    e[name]
                        .as_str()
                        .unwrap_or_else(|| panic!("{cmd}: no {name} in {e}"))
                        .to_owned()
                };
                (field("kind"), field("message"))
            }
        }
    }

    /// The message of a command that must fail.
    fn err(&self, cmd: &str, args: Value) -> String {
        self.refusal(cmd, args).1
    }

    /// A refusal of `kind`; its message.
    fn err_of(&self, kind: &str, cmd: &str, args: Value) -> String {
        let (got, message) = self.refusal(cmd, args);
        assert_eq!(got, kind, "{cmd}: {message}");
        message
    }

    fn new_plan(&self, name: &str, extra: Value) -> Value {
        let mut args = json!({
            "path": self.dirs.plans.join(name),
            "level": "tinh", "kind": "five-year", "year": null, "sample": false
        });
        args.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        self.ok("new_plan", args)
    }
}

fn rules(findings: &Value) -> Vec<(String, String)> {
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["location"]["id"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[test]
fn first_launch_creates_and_opens_the_sample_then_remembers_it() {
    let root = tempfile::tempdir().unwrap();
    let t = start(root.path());
    let s = t.ok("startup", json!({}));
    let sample = t.dirs.plans.join("ke-hoach-mau.khcds");
    assert!(sample.is_file(), "sample created in ~/KeHoachCDS");
    assert_eq!(s["plan"]["path"], json!(sample));
    assert_eq!(s["plan"]["plan"]["meta"]["level"], "tinh");
    assert_eq!(s["recent"].as_array().unwrap().len(), 1);
    assert_eq!(s["formats"].as_array().unwrap().len(), 3);
    assert!(t.dirs.prefs_file().is_file(), "prefs written");
    // A reload of the UI gets the same open plan.
    let again = t.ok("startup", json!({}));
    assert_eq!(again["plan"]["path"], json!(sample));
    drop(t);

    // The next launch starts on the start screen with the sample among the recent files.
    let t = start(root.path());
    let s = t.ok("startup", json!({}));
    assert!(s["plan"].is_null());
    assert_eq!(s["recent"][0]["path"], json!(sample));
    assert_eq!(s["recent"][0]["exists"], true);
}

#[test]
fn new_plan_checks_its_inputs_in_vietnamese() {
    let root = tempfile::tempdir().unwrap();
    let t = start(root.path());
    let base = |path: &str| json!({"path": path, "level": "tinh", "kind": "five-year", "year": null, "sample": false});
    let dir = t.dirs.plans.clone();
    let p = |n: &str| dir.join(n).to_string_lossy().into_owned();
    assert!(t
        .err("new_plan", base(&p("a.docx")))
        .contains("đuôi .khcds"));
    let mut bad_level = base(&p("a.khcds"));
    bad_level["level"] = json!("xa");
    assert!(t
        .err_of("invalid", "new_plan", bad_level)
        .contains("Cấp không hợp lệ"));
    let mut annual = base(&p("a.khcds"));
    annual["kind"] = json!("annual");
    assert!(t
        .err_of("invalid", "new_plan", annual.clone())
        .contains("cần chọn năm"));
    annual["year"] = json!(2031);
    assert!(t
        .err_of("invalid", "new_plan", annual.clone())
        .contains("ngoài giai đoạn 2026–2030"));
    annual["year"] = json!(2027);
    let view = t.ok("new_plan", annual.clone());
    assert_eq!(
        view["plan"]["meta"]["kind"],
        json!({"type": "annual", "year": 2027})
    );
    assert!(!view["findings"].as_array().unwrap().is_empty());
    assert!(t
        .err_of("already_exists", "new_plan", annual)
        .contains("đã tồn tại"));
    // Missing arguments are refused by the IPC layer before the command runs.
    assert!(t.call("new_plan", json!({"path": p("b.khcds")})).is_err());
}

#[test]
fn edits_are_applied_normalised_and_return_live_findings() {
    let root = tempfile::tempdir().unwrap();
    let t = start(root.path());
    assert_eq!(
        t.err_of(
            "no_plan",
            "apply_edit",
            json!({"edit": {"op": "set-recipients", "recipients": []}})
        ),
        "Chưa mở kế hoạch nào."
    );
    let view = t.new_plan("ke-hoach.khcds", json!({}));
    assert!(
        rules(&view["findings"]).contains(&("completeness.section-empty".into(), "II.1".into()))
    );
    assert_eq!(view["filled"]["II.1"], false);

    // Decomposed Vietnamese (as some input methods send it) is stored precomposed.
    let nfd = "Xa\u{302}y du\u{31b}\u{323}ng chi\u{301}nh quye\u{302}\u{300}n so\u{302}\u{301}";
    let applied = t.ok(
        "apply_edit",
        json!({"edit": {"op": "update-section", "id": "II.1", "title": "",
            "content": [{"type": "paragraph", "text": [{"text": nfd, "bold": true}]}]}}),
    );
    assert!(!rules(&applied["findings"])
        .contains(&("completeness.section-empty".into(), "II.1".into())));
    assert_eq!(applied["filled"]["II.1"], true);
    assert_eq!(
        applied["filled"]["II"], true,
        "a sub-section fills its parent"
    );
    assert!(applied["apply_ms"].as_f64().unwrap() >= 0.0);
    let plan = t.ok("load_plan", json!({}));
    let text = plan["plan"]["sections"][1]["children"][0]["content"][0]["text"][0]["text"]
        .as_str()
        .unwrap();
    assert_eq!(text, "Xây dựng chính quyền số");

    // Items: put, move, delete; the UI's ids are checked.
    let task = json!({"id": "nv-1", "area": 3, "name": "Trung tâm dữ liệu", "start": "2026-03", "end": null});
    t.ok(
        "apply_edit",
        json!({"edit": {"op": "put-item", "item": {"list": "task", "value": task}}}),
    );
    assert_eq!(
        t.ok("load_plan", json!({}))["plan"]["tasks"][0]["name"],
        "Trung tâm dữ liệu"
    );
    let bad_area = json!({"id": "nv-2", "area": 12, "name": "X", "start": null, "end": null});
    assert!(t
        .err_of(
            "invalid",
            "apply_edit",
            json!({"edit": {"op": "put-item", "item": {"list": "task", "value": bad_area}}})
        )
        .contains("III.1 đến III.9"));
    let no_id = json!({"id": " ", "area": 1, "name": "X", "start": null, "end": null});
    assert!(t
        .err(
            "apply_edit",
            json!({"edit": {"op": "put-item", "item": {"list": "task", "value": no_id}}})
        )
        .contains("không được để trống"));
    // Malformed edits and engine refusals come back as Vietnamese messages.
    assert!(t
        .err("apply_edit", json!({"edit": {"op": "explode"}}))
        .starts_with("Thao tác sửa không hợp lệ"));
    assert!(t
        .err_of(
            "conflict",
            "apply_edit",
            json!({"edit": {"op": "delete-item", "list": "task", "id": "nv-9"}})
        )
        .contains("Không tìm thấy"));
    assert!(t
        .err(
            "apply_edit",
            json!({"edit": {"op": "delete-section", "id": "II.1"}})
        )
        .contains("Không thể xóa mục «II.1» của Khung"));
    let findings = t.ok("validate_plan", json!({}));
    assert_eq!(findings, t.ok("load_plan", json!({}))["findings"]);

    // A step of several edits ("Thêm tất cả chỉ tiêu tối thiểu") is one transaction:
    // all applied, or none when one of them fails.
    let indicator = |id: &str| {
        json!({"op": "put-item", "item": {"list": "indicator",
        "value": {"id": id, "group": "digital-society", "name": id, "unit": "%"}}})
    };
    let applied = t.ok(
        "apply_edit",
        json!({"edit": [indicator("ct-1"), indicator("ct-2")]}),
    );
    assert_eq!(applied["filled"]["II.2.3"], true);
    assert!(t
        .err_of(
            "conflict",
            "apply_edit",
            json!({"edit": [indicator("ct-3"), {"op": "delete-item", "list": "task", "id": "nv-9"}]})
        )
        .contains("Không tìm thấy"));
    let indicators = &t.ok("load_plan", json!({}))["plan"]["indicators"];
    assert_eq!(indicators.as_array().unwrap().len(), 2, "ct-3 not applied");
    assert_eq!(
        applied["filled"]["header"], false,
        "the parts outside the sections too"
    );
}

#[test]
fn revisions_snapshot_and_restore() {
    let root = tempfile::tempdir().unwrap();
    let t = start(root.path());
    t.new_plan("ke-hoach.khcds", json!({}));
    let header = json!({"issuer": "ỦY BAN NHÂN DÂN TỈNH HÒA SƠN", "number": "/KH-UBND", "place": "Hòa Sơn", "date": "2026-01-15", "subject": "Chuyển đổi số"});
    t.ok(
        "apply_edit",
        json!({"edit": {"op": "set-header", "header": header}}),
    );
    let id = t.ok("snapshot", json!({"label": "Bản trình lãnh đạo"}));
    let mut changed = header.clone();
    changed["issuer"] = json!("KHÁC");
    t.ok(
        "apply_edit",
        json!({"edit": {"op": "set-header", "header": changed}}),
    );
    let revs = t.ok("revisions", json!({}));
    assert_eq!(revs[0]["label"], "Bản trình lãnh đạo");
    assert_eq!(revs[0]["reason_label"], "lưu thủ công");
    let view = t.ok("restore_revision", json!({"id": id}));
    assert_eq!(
        view["plan"]["header"]["issuer"],
        "ỦY BAN NHÂN DÂN TỈNH HÒA SƠN"
    );
    let revs = t.ok("revisions", json!({}));
    assert_eq!(revs[0]["reason"], "before-restore", "newest first");
    assert_eq!(
        t.err_of("conflict", "restore_revision", json!({"id": 999})),
        "Không có phiên bản lưu số 999."
    );
    assert!(t
        .err("snapshot", json!({"label": "x".repeat(201)}))
        .contains("200 ký tự"));
}

#[test]
fn export_runs_off_the_ui_thread_and_reports_progress() {
    let root = tempfile::tempdir().unwrap();
    let t = start(root.path());
    t.new_plan("ke-hoach.khcds", json!({"sample": true}));
    let (tx, rx) = mpsc::channel::<Value>();
    t.app.listen_any("export-progress", move |e| {
        let _ = tx.send(serde_json::from_str(e.payload()).unwrap());
    });
    let out = root.path().join("xuat.json");
    let job = t.ok("export_plan", json!({"format": "json", "path": out}));
    let mut seen = Vec::new();
    loop {
        let p = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("progress event");
        assert_eq!(p["job"], job);
        seen.push(p["percent"].as_u64().unwrap());
        if p["done"] == true {
            assert!(p["error"].is_null(), "{p}");
            assert_eq!(p["path"], json!(out));
            break;
        }
    }
    assert!(
        seen.len() >= 3 && seen.windows(2).all(|w| w[0] <= w[1]),
        "{seen:?}"
    );
    // The Word and PDF writers of the engine, through the same command.
    for (format, magic) in [("docx", &b"PK"[..]), ("pdf", &b"%PDF-"[..])] {
        let path = root.path().join(format!("xuat.{format}"));
        export_and_wait(&t, format, &path);
        assert!(std::fs::read(&path).unwrap().starts_with(magic), "{format}");
    }
    let text = std::fs::read_to_string(&out).unwrap();
    let plan = khcds::interchange::from_json(&text).expect("a valid interchange document");
    assert_eq!(plan.meta.level, khcds::model::Level::Tinh);
    let revs = t.ok("revisions", json!({}));
    assert_eq!(revs[0]["reason"], "before-export");
    let settings = t.ok("get_settings", json!({}));
    assert_eq!(settings["export_dir"], json!(root.path()));
    // Default export path: the chosen folder, the plan's name.
    let paths = t.ok("default_paths", json!({"format": "json"}));
    assert_eq!(paths["export"], json!(root.path().join("ke-hoach.json")));

    assert!(t
        .err(
            "export_plan",
            json!({"format": "json", "path": root.path().join("x.txt")})
        )
        .contains("đuôi .json"));
    assert!(t
        .err(
            "export_plan",
            json!({"format": "odt", "path": root.path().join("x.odt")})
        )
        .contains("không được hỗ trợ"));
    assert!(t
        .err(
            "export_plan",
            json!({"format": "json", "path": root.path().join("khong-co/x.json")})
        )
        .contains("không tồn tại"));
    // Never over the plan, under its own name or any other.
    let plan_path = t.dirs.plans.join("ke-hoach.khcds");
    let link = root.path().join("lien-ket.json");
    std::fs::hard_link(&plan_path, &link).unwrap();
    for path in [plan_path.clone(), link] {
        assert!(t
            .err_of(
                "overwrite",
                "export_plan",
                json!({"format": "json", "path": path})
            )
            .starts_with("Không ghi được"));
    }
    assert!(khcds::store::is_plan_file(&plan_path));
    // Only files exported in this session can be opened from the app.
    assert!(t
        .err_of(
            "not_exported",
            "open_exported",
            json!({"path": "/etc/passwd", "folder": false})
        )
        .contains("Chỉ mở được tệp vừa xuất"));
}

/// Exports the open plan as `format` to `path` and waits for the end.
fn export_and_wait(t: &TestApp, format: &str, path: &Path) {
    let (tx, rx) = mpsc::channel::<Value>();
    let id = t.app.listen_any("export-progress", move |e| {
        let _ = tx.send(serde_json::from_str(e.payload()).unwrap());
    });
    let job = t.ok("export_plan", json!({"format": format, "path": path}));
    loop {
        let p = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("progress event");
        if p["job"] == job && p["done"] == true {
            assert!(p["error"].is_null(), "{p}");
            break;
        }
    }
    t.app.unlisten(id);
}

#[test]
fn sign_step_signs_the_export_and_remembers_files_not_the_password() {
    let root = tempfile::tempdir().unwrap();
    let id = sign_support::identity();
    let t = start(root.path());
    t.new_plan("ke-hoach.khcds", json!({"sample": true}));
    let pdf = root.path().join("ke-hoach.pdf");
    // Only a file exported in this session can be signed.
    assert!(t
        .err("sign_defaults", json!({"path": pdf}))
        .contains("Chỉ ký được tệp vừa xuất"));
    export_and_wait(&t, "pdf", &pdf);

    let defaults = t.ok("sign_defaults", json!({"path": pdf}));
    assert_eq!(
        defaults["output"],
        json!(root.path().join("ke-hoach-da-ky.pdf"))
    );
    assert!(defaults["files"]["p12"].is_null());
    let args = |password: &str, accept_holder: bool| {
        json!({
            "path": pdf, "output": defaults["output"],
            "key": {"kind": "p12", "file": id.p12}, "secret": password,
            "signatureImage": null, "sealImage": null, "reason": "Phê duyệt",
            "location": "Hòa Sơn", "acceptHolder": accept_holder
        })
    };
    assert!(t
        .err_of("wrong_password", "sign_exported", args("sai", false))
        .contains("Mật khẩu của tệp chứng thư số không đúng"));
    // The test certificate is Nguyễn Văn An's; the sample plan is signed by someone else:
    // nothing is signed until the drafter accepts that holder.
    let mismatch = t.err_of(
        "holder_mismatch",
        "sign_exported",
        args(sign_support::PASSWORD, false),
    );
    assert!(mismatch.contains("Nguyễn Văn An"), "{mismatch}");
    assert!(!root.path().join("ke-hoach-da-ky.pdf").exists());
    let signed = t.ok("sign_exported", args(sign_support::PASSWORD, true));
    assert_eq!(signed["signer"], "Nguyễn Văn An");
    assert!(signed["signing_time"]
        .as_str()
        .unwrap()
        .ends_with("(UTC+07:00)"));
    let bytes = std::fs::read(root.path().join("ke-hoach-da-ky.pdf")).unwrap();
    let (_, report) = khcds::sign::verify_document(&bytes).unwrap();
    assert!(report.is_valid(), "{report:?}");

    // The certificate file is offered next time; the password is stored nowhere.
    let again = t.ok("sign_defaults", json!({"path": pdf}));
    assert_eq!(again["files"]["p12"], json!(id.p12));
    for entry in std::fs::read_dir(&t.dirs.data).unwrap() {
        let text = std::fs::read(entry.unwrap().path()).unwrap();
        let text = String::from_utf8_lossy(&text);
        assert!(!text.contains(sign_support::PASSWORD));
    }

    // A Word export signs too; the image fields are simply not used.
    let docx = root.path().join("ke-hoach.docx");
    export_and_wait(&t, "docx", &docx);
    let out = root.path().join("ke-hoach-da-ky.docx");
    t.ok(
        "sign_exported",
        json!({
            "path": docx, "output": out, "key": {"kind": "p12", "file": id.p12},
            "secret": sign_support::PASSWORD, "signatureImage": null, "sealImage": null,
            "reason": null, "acceptHolder": true
        }),
    );
    let (_, report) = khcds::sign::verify_document(&std::fs::read(&out).unwrap()).unwrap();
    assert!(report.is_valid(), "{report:?}");
    // The signed copy must keep the document's type.
    assert!(t
        .err(
            "sign_exported",
            json!({
                "path": docx, "output": root.path().join("x.pdf"),
                "key": {"kind": "p12", "file": id.p12}, "secret": sign_support::PASSWORD,
                "signatureImage": null, "sealImage": null, "reason": null
            })
        )
        .contains("cùng loại"));
}

#[test]
fn refused_files_locked_foreign_and_reopening() {
    let root = tempfile::tempdir().unwrap();
    let t = start(root.path());
    let view = t.new_plan("a.khcds", json!({}));
    let a: PathBuf = serde_json::from_value(view["path"].clone()).unwrap();
    // Opening the open file again is fine (the app holds the lock).
    t.ok("open_plan", json!({"path": a}));
    let b = t.dirs.plans.join("b.khcds");
    khcds::store::PlanFile::create(
        &b,
        &khcds::framework::current()
            .empty_plan(khcds::model::Level::Bo, khcds::model::PlanKind::FiveYear),
    )
    .unwrap();
    let held = khcds::store::PlanFile::open(&b).unwrap();
    assert!(t
        .err_of("locked", "open_plan", json!({"path": b}))
        .contains("đang được mở bởi một chương trình khác"));
    // The failed open left the current plan open.
    assert_eq!(t.ok("load_plan", json!({}))["path"], json!(a));
    drop(held);
    assert_eq!(
        t.ok("open_plan", json!({"path": b}))["plan"]["meta"]["level"],
        "bo"
    );
    let foreign = t.dirs.plans.join("c.khcds");
    std::fs::write(&foreign, "không phải tệp kế hoạch").unwrap();
    assert!(t
        .err_of("not_a_plan", "open_plan", json!({"path": foreign}))
        .contains("không phải là tệp kế hoạch"));
    assert!(t
        .err_of(
            "not_found",
            "open_plan",
            json!({"path": t.dirs.plans.join("khong-co.khcds")})
        )
        .contains("Không tìm thấy"));
    let recent = t.ok("recent_files", json!({}));
    assert_eq!(recent[0]["path"], json!(b));
    let recent = t.ok("forget_recent", json!({"path": b}));
    assert_eq!(recent[0]["path"], json!(a));
    t.ok("close_plan", json!({}));
    assert_eq!(
        t.err_of("no_plan", "load_plan", json!({})),
        "Chưa mở kế hoạch nào."
    );
}

#[test]
fn settings_framework_and_catalogue() {
    let root = tempfile::tempdir().unwrap();
    let t = start(root.path());
    let s = t.ok(
        "set_settings",
        json!({"settings": {"export_format": "json", "export_dir": null, "autosave_delay_ms": 5}}),
    );
    assert_eq!(s["autosave_delay_ms"], 100, "clamped");
    let saved: Value =
        serde_json::from_str(&std::fs::read_to_string(t.dirs.prefs_file()).unwrap()).unwrap();
    assert_eq!(saved["settings"]["autosave_delay_ms"], 100);
    assert!(t
        .err(
            "set_settings",
            json!({"settings": {"export_format": "odt"}})
        )
        .contains("không được hỗ trợ"));
    assert_eq!(
        t.ok("vocabulary", json!({})),
        serde_json::to_value(khcds::vocabulary::vocabulary()).unwrap(),
        "the engine's vocabulary, whole"
    );
    let fw = t.ok("framework", json!({}));
    assert_eq!(fw["sections"][0]["id"], "I");
    let cat = t.ok("catalog", json!({}));
    let first = cat["legal_documents"][0]["id"].as_str().unwrap().to_owned();
    assert!(cat["citations"][&first].as_str().is_some());
    let paths = t.ok("default_paths", json!({"format": null}));
    assert_eq!(
        paths["new_plan"],
        json!(t.dirs.plans.join("ke-hoach-moi.khcds"))
    );
}

#[test]
fn capabilities_grant_only_what_the_ui_uses() {
    let root = tempfile::tempdir().unwrap();
    let t = start(root.path());
    // Granted: an app command and event listening.
    t.ok("framework", json!({}));
    // Not granted: opener commands from the web side (the app opens exports itself,
    // after checking the path), nor file-system access of any kind.
    for (cmd, args) in [
        ("plugin:opener|open_path", json!({"path": "/etc/passwd"})),
        ("plugin:dialog|message", json!({"message": "x"})),
    ] {
        let refused = t.call(cmd, args).expect_err(cmd);
        assert!(refused.to_string().contains("not allowed"), "{refused}");
    }
}
