//! The `.khcds` plan file: round trip, edits, revisions, and refusal of bad files.

mod common;

use common::{dir_listing, file_bytes, rich_plan};
use khcds::model::*;
use khcds::store::{Edit, Item, List, PlanFile, RevisionReason, StoreError};

fn new_file(dir: &tempfile::TempDir) -> (std::path::PathBuf, PlanFile) {
    let path = dir.path().join("plan.khcds");
    let file = PlanFile::create(&path, &rich_plan()).expect("create");
    (path, file)
}

#[test]
fn a_created_plan_reads_back_identically() {
    let dir = tempfile::tempdir().unwrap();
    let (path, file) = new_file(&dir);
    assert_eq!(file.load().unwrap(), rich_plan());
    drop(file);
    assert_eq!(PlanFile::open(&path).unwrap().load().unwrap(), rich_plan());
    // Only the plan file remains: no staging file, no WAL after a clean close.
    assert_eq!(dir_listing(dir.path()), vec!["plan.khcds"]);
}

#[test]
fn create_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.khcds");
    std::fs::write(&path, b"keep me").unwrap();
    let err = PlanFile::create(&path, &rich_plan()).unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists(_)), "{err}");
    assert_eq!(file_bytes(&path), b"keep me");
}

#[test]
fn edits_change_exactly_what_they_name() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut file) = new_file(&dir);
    let mut expected = rich_plan();

    expected.header.number = "08/KH-UBND".into();
    file.apply(&Edit::SetHeader {
        header: expected.header.clone(),
    })
    .unwrap();

    let content = vec![Block::paragraph("Nội dung mới của mục yêu cầu.")];
    file.apply(&Edit::UpdateSection {
        id: "custom-yeu-cau".into(),
        title: "Yêu cầu chung".into(),
        content: content.clone(),
    })
    .unwrap();
    expected.sections[0].children[0].title = "Yêu cầu chung".into();
    expected.sections[0].children[0].content = content;

    let mut indicator = expected.indicators[0].clone();
    indicator.id = "ct-new".into();
    file.apply(&Edit::PutItem {
        item: Item::Indicator(indicator.clone()),
        index: Some(1),
    })
    .unwrap();
    expected.indicators.insert(1, indicator);

    expected.tasks[2].name = "Nhiệm vụ đã sửa".into();
    file.apply(&Edit::PutItem {
        item: Item::Task(expected.tasks[2].clone()),
        index: None,
    })
    .unwrap();

    file.apply(&Edit::MoveItem {
        list: List::Task,
        id: "nv-004".into(),
        index: 0,
    })
    .unwrap();
    let moved = expected.tasks.remove(3);
    expected.tasks.insert(0, moved);

    file.apply(&Edit::DeleteItem {
        list: List::Indicator,
        id: "ct-02".into(),
    })
    .unwrap();
    expected.indicators.retain(|i| i.id != "ct-02");

    assert_eq!(file.load().unwrap(), expected);
}

#[test]
fn custom_sections_insert_move_and_delete_with_their_children() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut file) = new_file(&dir);
    let extra = Section {
        id: "custom-phu".into(),
        origin: SectionOrigin::Custom,
        title: "Mục phụ".into(),
        content: vec![],
        children: vec![Section {
            id: "custom-phu-con".into(),
            origin: SectionOrigin::Custom,
            title: "Mục con".into(),
            content: vec![],
            children: vec![],
        }],
    };
    file.apply(&Edit::InsertSection {
        parent: Some("custom-muc-dich".into()),
        index: 0,
        section: extra.clone(),
    })
    .unwrap();
    let plan = file.load().unwrap();
    assert_eq!(plan.sections[0].children[0], extra);
    assert_eq!(plan.sections[0].children[1].id, "custom-yeu-cau");

    // A section cannot move into its own subtree.
    let err = file
        .apply(&Edit::MoveSection {
            id: "custom-phu".into(),
            parent: Some("custom-phu-con".into()),
            index: 0,
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::BadData(_)), "{err}");

    file.apply(&Edit::MoveSection {
        id: "custom-phu".into(),
        parent: None,
        index: 99,
    })
    .unwrap();
    let plan = file.load().unwrap();
    assert_eq!(plan.sections.last().unwrap(), &extra);
    assert_eq!(plan.sections[0].children.len(), 1);

    file.apply(&Edit::DeleteSection {
        id: "custom-phu".into(),
    })
    .unwrap();
    assert_eq!(file.load().unwrap(), rich_plan());
}

#[test]
fn invalid_edits_fail_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut file) = new_file(&dir);
    let missing = file
        .apply(&Edit::UpdateSection {
            id: "khong-co".into(),
            title: String::new(),
            content: vec![],
        })
        .unwrap_err();
    assert_eq!(
        missing.to_string(),
        "Không tìm thấy mục «khong-co» trong kế hoạch."
    );
    let framework_section = rich_plan()
        .sections
        .iter()
        .find(|s| s.origin == SectionOrigin::Framework)
        .map(|s| s.id.clone());
    if let Some(id) = framework_section {
        let err = file.apply(&Edit::DeleteSection { id }).unwrap_err();
        assert!(
            matches!(err, StoreError::FrameworkSectionLocked(_)),
            "{err}"
        );
    }
    let duplicate = Section {
        id: "custom-yeu-cau".into(),
        origin: SectionOrigin::Custom,
        title: "Trùng".into(),
        content: vec![],
        children: vec![],
    };
    let err = file
        .apply(&Edit::InsertSection {
            parent: None,
            index: 0,
            section: duplicate,
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::DuplicateItem { .. }), "{err}");
    let err = file
        .apply(&Edit::MoveItem {
            list: List::Task,
            id: "nv-999".into(),
            index: 0,
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::MissingItem { .. }), "{err}");
    assert_eq!(file.load().unwrap(), rich_plan());
}

#[test]
fn text_is_stored_in_nfc() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut file) = new_file(&dir);
    let mut header = rich_plan().header;
    header.place = "Vie\u{0302}\u{0323}t Tri\u{0300}".into();
    file.apply(&Edit::SetHeader { header }).unwrap();
    assert_eq!(file.load().unwrap().header.place, "Việt Trì");
}

#[test]
fn revisions_snapshot_restore_and_deduplicate() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut file) = new_file(&dir);
    let first = file.snapshot(RevisionReason::Manual, "bản đầu").unwrap();
    // Nothing changed: an automatic snapshot reuses the latest revision.
    assert_eq!(
        file.snapshot(RevisionReason::BeforeExport, "").unwrap(),
        first
    );

    let mut changed = rich_plan();
    changed.header.subject = "Trích yếu mới".into();
    file.apply(&Edit::SetHeader {
        header: changed.header.clone(),
    })
    .unwrap();
    file.restore(first).unwrap();
    assert_eq!(file.load().unwrap(), rich_plan());

    let revisions = file.revisions().unwrap();
    assert_eq!(revisions.len(), 2);
    assert_eq!(revisions[0].label, "bản đầu");
    assert_eq!(revisions[1].reason, RevisionReason::BeforeRestore);
    // The change made before the restore is kept in the automatic snapshot.
    file.restore(revisions[1].id).unwrap();
    assert_eq!(file.load().unwrap(), changed);

    let err = file.restore(999).unwrap_err();
    assert!(matches!(err, StoreError::NoSuchRevision(999)), "{err}");

    file.replace(&rich_plan(), RevisionReason::BeforeImport)
        .unwrap();
    assert_eq!(
        file.revisions().unwrap().last().unwrap().reason,
        RevisionReason::BeforeImport
    );
    assert_eq!(file.load().unwrap(), rich_plan());
}

/// Opening must fail with `expected` and leave the file and its directory as they were.
fn assert_refused(path: &std::path::Path, expected: fn(&StoreError) -> bool) {
    let before = file_bytes(path);
    let listing = dir_listing(path.parent().unwrap());
    let err = PlanFile::open(path).unwrap_err();
    assert!(expected(&err), "unexpected error: {err}");
    assert!(
        err.to_string().contains("Tệp"),
        "message should name the file: {err}"
    );
    assert_eq!(file_bytes(path), before, "file changed");
    assert_eq!(
        dir_listing(path.parent().unwrap()),
        listing,
        "side files appeared"
    );
}

#[test]
fn foreign_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.khcds");
    std::fs::write(&text, "Kế hoạch viết tay, không phải SQLite.\n".repeat(20)).unwrap();
    assert_refused(&text, |e| matches!(e, StoreError::NotAPlanFile(_)));

    let empty = dir.path().join("empty.khcds");
    std::fs::write(&empty, b"").unwrap();
    assert_refused(&empty, |e| matches!(e, StoreError::NotAPlanFile(_)));

    // A valid SQLite database of another application.
    let other = dir.path().join("other.khcds");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    assert_refused(&other, |e| matches!(e, StoreError::NotAPlanFile(_)));

    let missing = dir.path().join("missing.khcds");
    assert!(matches!(
        PlanFile::open(&missing).unwrap_err(),
        StoreError::NotFound(_)
    ));
}

#[test]
fn truncated_and_corrupt_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (path, file) = new_file(&dir);
    drop(file);
    let good = file_bytes(&path);

    let truncated = dir.path().join("truncated.khcds");
    std::fs::write(&truncated, &good[..good.len() / 2]).unwrap();
    assert_refused(&truncated, |e| matches!(e, StoreError::Corrupt { .. }));

    // Scribble over every page after the first: the header is intact, the content not.
    let mut bytes = good.clone();
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    for (i, b) in bytes[page..].iter_mut().enumerate() {
        *b = (i * 7 + 13) as u8;
    }
    let corrupt = dir.path().join("corrupt.khcds");
    std::fs::write(&corrupt, &bytes).unwrap();
    assert_refused(&corrupt, |e| matches!(e, StoreError::Corrupt { .. }));
}

#[test]
fn files_from_a_newer_version_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (path, file) = new_file(&dir);
    drop(file);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let err = PlanFile::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerVersion { found: 99, .. }),
        "{err}"
    );
    assert_refused(&path, |e| matches!(e, StoreError::NewerVersion { .. }));
}

#[test]
fn a_file_open_elsewhere_is_refused_as_locked() {
    let dir = tempfile::tempdir().unwrap();
    let (path, holder) = new_file(&dir);
    let err = PlanFile::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Locked(_)), "{err}");
    assert!(err.to_string().contains("đang được mở"), "{err}");
    drop(holder);
    PlanFile::open(&path).expect("opens once released");
}

/// A raw connection to a closed plan file, to damage it as a crash or a tool would.
fn raw(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

fn patch(path: &std::path::Path, at: usize, bytes: &[u8]) {
    let mut data = std::fs::read(path).unwrap();
    data[at..at + bytes.len()].copy_from_slice(bytes);
    std::fs::write(path, data).unwrap();
}

#[test]
fn a_kill_during_the_checkpoint_leaves_a_file_that_opens() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut file) = new_file(&dir);
    let mut plan = rich_plan();
    plan.tasks[0].content = "Nội dung mới rất dài. ".repeat(20_000);
    file.replace(&plan, RevisionReason::BeforeImport).unwrap();
    // The disk as a kill mid-checkpoint leaves it: the committed plan in the WAL, and a
    // first page already copied back, claiming pages the file does not have yet.
    let crashed = dir.path().join("crashed.khcds");
    std::fs::copy(&path, &crashed).unwrap();
    std::fs::copy(
        dir.path().join("plan.khcds-wal"),
        dir.path().join("crashed.khcds-wal"),
    )
    .unwrap();
    drop(file);
    let pages = (std::fs::metadata(&crashed).unwrap().len() / 4096 + 50) as u32;
    patch(&crashed, 28, &pages.to_be_bytes());
    let reopened = PlanFile::open(&crashed).expect("SQLite recovers it from the WAL");
    assert_eq!(reopened.load().unwrap(), plan);
}

#[test]
fn a_header_with_page_size_zero_is_refused_without_panic() {
    let dir = tempfile::tempdir().unwrap();
    let (path, file) = new_file(&dir);
    drop(file);
    for size in [[0u8, 0], [0, 3], [0x7f, 0xff]] {
        patch(&path, 16, &size);
        assert_refused(&path, |e| matches!(e, StoreError::Corrupt { .. }));
    }
}

#[test]
fn a_foreign_database_with_our_application_id_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    for version in [0, 1] {
        let path = dir.path().join(format!("foreign-{version}.khcds"));
        {
            let conn = raw(&path);
            conn.pragma_update(None, "application_id", 0x4B48_4344u32)
                .unwrap();
            conn.pragma_update(None, "user_version", version).unwrap();
            conn.execute_batch("CREATE TABLE notes (x); INSERT INTO notes VALUES (1);")
                .unwrap();
        }
        assert_refused(&path, |e| matches!(e, StoreError::NotAPlanFile(_)));
    }
}

#[test]
fn numbers_out_of_range_are_refused_at_edit_and_create() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut file) = new_file(&dir);
    let mut settings = DocumentSettings::default();
    settings.margins_mm.right = 1e39_f64 as f32;
    let err = file.apply(&Edit::SetSettings { settings }).unwrap_err();
    assert!(err.to_string().contains("Lề phải"), "{err}");
    let mut task = rich_plan().tasks[0].clone();
    task.area = 0;
    let err = file
        .apply(&Edit::PutItem {
            item: Item::Task(task),
            index: None,
        })
        .unwrap_err();
    assert!(err.to_string().contains("Lĩnh vực"), "{err}");
    assert_eq!(file.load().unwrap(), rich_plan());
    let mut plan = rich_plan();
    plan.settings.body_size_pt = 0;
    let err = PlanFile::create(&dir.path().join("b.khcds"), &plan).unwrap_err();
    assert!(err.to_string().contains("Cỡ chữ"), "{err}");
}

#[test]
fn a_file_with_a_damaged_part_opens_names_it_and_every_revision_restores() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut file) = new_file(&dir);
    let first = file.snapshot(RevisionReason::Manual, "đầu").unwrap();
    drop(file);
    {
        let conn = raw(&path);
        // What `"right": 1e39` used to become: a null the model cannot read back.
        let bad =
            r#"{"body_size_pt":14,"margins_mm":{"top":20,"bottom":20,"left":30,"right":null}}"#;
        conn.execute("UPDATE part SET body = ?1 WHERE kind = 'settings'", [bad])
            .unwrap();
        conn.execute(
            "UPDATE part SET body = 'không phải JSON' WHERE kind = 'task' AND id = ?1",
            [&rich_plan().tasks[1].id],
        )
        .unwrap();
        let revision: String = conn
            .query_row("SELECT plan FROM revision WHERE id = ?1", [first], |r| {
                r.get(0)
            })
            .unwrap();
        let damaged = revision.replace("\"right\":15.0", "\"right\":null");
        assert_ne!(damaged, revision);
        conn.execute(
            "UPDATE revision SET plan = ?1 WHERE id = ?2",
            rusqlite::params![damaged, first],
        )
        .unwrap();
    }
    let mut file = PlanFile::open(&path).expect("a damaged part does not lock the plan away");
    let problems = file.problems().unwrap().join("\n");
    assert!(problems.contains("trình bày"), "{problems}");
    assert!(problems.contains("Nhiệm vụ thứ 2 bị hỏng"), "{problems}");
    let plan = file.load().unwrap();
    assert_eq!(plan.settings, DocumentSettings::default());
    assert_eq!(plan.tasks.len(), rich_plan().tasks.len() - 1);
    assert_eq!(plan.header, rich_plan().header);
    file.snapshot(RevisionReason::BeforeExport, "").unwrap();
    drop(file);
    // `khcds restore` restores what it can and names the part it could not bring back.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_khcds"))
        .args([
            "restore".as_ref(),
            path.as_os_str(),
            first.to_string().as_ref(),
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("không khôi phục nguyên vẹn"), "{stdout}");
    assert!(stdout.contains("trình bày"), "{stdout}");
    let file = PlanFile::open(&path).unwrap();
    let restored = file.load().unwrap();
    assert_eq!(restored.tasks, rich_plan().tasks);
    assert_eq!(restored.settings, DocumentSettings::default());
    assert!(file.problems().unwrap().is_empty());
}

/// Damage notes name an item as the drafter sees it — its name, a Khung section's
/// number, or its place in the list when its name cannot be read — never by its internal
/// id, in the open plan and in a revision alike.
#[test]
fn a_damaged_item_is_named_as_the_drafter_sees_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut file) = new_file(&dir);
    let plan = rich_plan();
    let first = file.snapshot(RevisionReason::Manual, "đầu").unwrap();
    drop(file);
    let conn = raw(&path);
    // Readable JSON, a field of the wrong type: the name can still be read.
    let wrong_area =
        "UPDATE part SET body = json_set(body, '$.area', 'ba') WHERE kind = ?1 AND id = ?2";
    conn.execute(wrong_area, ["task", &plan.tasks[0].id])
        .unwrap();
    let unreadable = "UPDATE part SET body = 'không phải JSON' WHERE kind = ?1 AND id = ?2";
    conn.execute(unreadable, ["indicator", &plan.indicators[2].id])
        .unwrap();
    conn.execute(unreadable, ["section", "custom-yeu-cau"])
        .unwrap();
    conn.execute(unreadable, ["section", "II.2.1.a"]).unwrap();
    conn.execute(unreadable, ["responsibility", &plan.organisation[0].id])
        .unwrap();
    let revision: String = conn
        .query_row("SELECT plan FROM revision WHERE id = ?1", [first], |r| {
            r.get(0)
        })
        .unwrap();
    let mut damaged: serde_json::Value = serde_json::from_str(&revision).unwrap();
    damaged["tasks"][1]["area"] = "hai".into();
    damaged["indicators"][0] = "không phải chỉ tiêu".into();
    conn.execute(
        "UPDATE revision SET plan = ?1 WHERE id = ?2",
        rusqlite::params![damaged.to_string(), first],
    )
    .unwrap();
    drop(conn);

    let mut file = PlanFile::open(&path).unwrap();
    let problems = file.problems().unwrap();
    for expected in [
        format!("Nhiệm vụ «{}» bị hỏng", plan.tasks[0].name),
        "Chỉ tiêu thứ 3 bị hỏng".to_owned(),
        "Một mục tự thêm (không đọc được tên) bị hỏng".to_owned(),
        "Mục II.2.1.a bị hỏng".to_owned(),
        "Đơn vị thứ 1 trong phần tổ chức thực hiện bị hỏng".to_owned(),
    ] {
        assert!(
            problems.iter().any(|p| p.starts_with(&expected)),
            "{expected}: {problems:#?}"
        );
    }
    let dropped = file.restore(first).unwrap();
    for expected in [
        format!("Nhiệm vụ «{}» bị hỏng", plan.tasks[1].name),
        "Chỉ tiêu thứ 1 bị hỏng".to_owned(),
    ] {
        assert!(
            dropped.iter().any(|p| p.starts_with(&expected)),
            "{expected}: {dropped:#?}"
        );
    }
    let ids = plan.tasks.iter().map(|t| &t.id);
    let ids = ids.chain(plan.indicators.iter().map(|i| &i.id));
    let ids = ids.chain(plan.organisation.iter().map(|r| &r.id));
    for id in ids.chain([&"custom-yeu-cau".to_owned()]) {
        for note in problems.iter().chain(&dropped) {
            assert!(!note.contains(id.as_str()), "internal id {id} in: {note}");
        }
    }
}

#[test]
fn a_damaged_revision_row_is_skipped_and_never_blocks_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut file) = new_file(&dir);
    let good = file.snapshot(RevisionReason::Manual, "tốt").unwrap();
    let mut plan = rich_plan();
    plan.header.place = "Nơi khác".into();
    file.replace(&plan, RevisionReason::BeforeImport).unwrap();
    let bad = file.snapshot(RevisionReason::Manual, "sẽ hỏng").unwrap();
    drop(file);
    raw(&path)
        .execute(
            "UPDATE revision SET reason = 'ai biết', created_at = 42, plan = x'00ff' WHERE id = ?1",
            [bad],
        )
        .unwrap();
    let mut file = PlanFile::open(&path).unwrap();
    let ids: Vec<i64> = file.revisions().unwrap().iter().map(|r| r.id).collect();
    assert!(ids.contains(&good) && !ids.contains(&bad), "{ids:?}");
    let problems = file.problems().unwrap().join("\n");
    assert!(problems.contains(&format!("số {bad}")), "{problems}");
    file.snapshot(RevisionReason::BeforeExport, "")
        .expect("exports still snapshot");
    assert_eq!(file.load().unwrap(), plan);
    assert!(file.restore(bad).is_err());
    file.restore(good).unwrap();
    assert_eq!(file.load().unwrap(), rich_plan());
}

/// A chain of `depth` custom sections, each the only child of the one before.
fn chain(depth: usize) -> Section {
    let mut section = Section {
        id: format!("custom-{depth}"),
        origin: SectionOrigin::Custom,
        title: "Mục lồng".into(),
        content: vec![],
        children: vec![],
    };
    for level in (1..depth).rev() {
        section = Section {
            id: format!("custom-{level}"),
            children: vec![section],
            ..Section::clone(&rich_plan().sections[0])
        };
    }
    section
}

#[test]
fn sections_chained_100000_deep_open_without_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let (path, file) = new_file(&dir);
    drop(file);
    {
        let mut conn = raw(&path);
        let tx = conn.transaction().unwrap();
        for n in 0..100_000 {
            let parent = (n > 0).then(|| format!("deep-{}", n - 1));
            let body = format!(r#"{{"id":"deep-{n}","origin":"custom","title":"Mục {n}"}}"#);
            tx.execute(
                "INSERT INTO part (kind, id, parent, position, body) VALUES ('section', ?1, ?2, 0, ?3)",
                rusqlite::params![format!("deep-{n}"), parent, body],
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }
    let file = PlanFile::open(&path).expect("opens");
    let plan = file.load().unwrap();
    assert!(plan
        .sections
        .iter()
        .all(|s| s.height() <= MAX_SECTION_DEPTH));
    assert_eq!(
        plan.sections.iter().map(|s| s.walk().len()).sum::<usize>(),
        rich_plan()
            .sections
            .iter()
            .map(|s| s.walk().len())
            .sum::<usize>()
            + 100_000
    );
    let problems = file.problems().unwrap().join("\n");
    assert!(problems.contains("lồng nhau quá"), "{problems}");
    drop(plan);
}

#[test]
fn edits_cannot_nest_sections_beyond_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut file) = new_file(&dir);
    let too_deep = Edit::InsertSection {
        parent: None,
        index: 0,
        section: chain(MAX_SECTION_DEPTH + 1),
    };
    assert!(matches!(file.apply(&too_deep), Err(StoreError::TooDeep)));
    file.apply(&Edit::InsertSection {
        parent: None,
        index: 0,
        section: chain(MAX_SECTION_DEPTH - 1),
    })
    .unwrap();
    let deepest = format!("custom-{}", MAX_SECTION_DEPTH - 1);
    let second = Edit::InsertSection {
        parent: Some(deepest.clone()),
        index: 0,
        section: chain(2),
    };
    assert!(matches!(file.apply(&second), Err(StoreError::TooDeep)));
    // Moving the custom-muc-dich tree (two levels) under the deepest one: too deep.
    let err = file
        .apply(&Edit::MoveSection {
            id: "custom-muc-dich".into(),
            parent: Some(deepest),
            index: 0,
        })
        .unwrap_err();
    assert!(err.to_string().contains("quá"), "{err}");
}

#[test]
fn importing_is_linear_in_the_number_of_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let time = |n: usize| {
        let mut plan = rich_plan();
        let task = plan.tasks[0].clone();
        plan.tasks = (0..n)
            .map(|i| Task {
                id: format!("nv-{i}"),
                ..task.clone()
            })
            .collect();
        let path = dir.path().join(format!("{n}.khcds"));
        let start = std::time::Instant::now();
        let mut file = PlanFile::create(&path, &plan).unwrap();
        plan.tasks.reverse();
        file.replace(&plan, RevisionReason::BeforeImport).unwrap();
        start.elapsed().as_secs_f64()
    };
    time(1_000);
    let small = time(2_000);
    let large = time(16_000);
    // Linear: ×8; the quadratic import took ×60.
    assert!(
        large < small * 20.0,
        "2,000 tasks {small:.3} s, 16,000 tasks {large:.3} s"
    );
}

/// Runs the ignored test `name` of this binary in a child process with `env` set.
fn child(name: &str, env: &[(&str, &std::path::Path)]) -> std::process::Output {
    let mut command = std::process::Command::new(std::env::current_exe().unwrap());
    command.args([
        name,
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ]);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

const CHILD_FILE: &str = "KHCDS_STORE_CHILD_FILE";

/// Opens a read-only plan file and checks what a drafter can and cannot do with it.
/// Run by `a_read_only_plan_opens_for_reading_and_refuses_edits` as a user without
/// write access (root writes anywhere, so a root parent drops to `nobody` here).
#[test]
#[ignore = "run as a child process"]
fn read_only_child() {
    #[cfg(unix)]
    // SAFETY: plain system calls in a single-threaded child before any file is opened.
    unsafe {
        if libc::geteuid() == 0 {
            assert_eq!(libc::setgid(65534), 0);
            assert_eq!(libc::setuid(65534), 0);
        }
    }
    let path = std::path::PathBuf::from(std::env::var_os(CHILD_FILE).unwrap());
    let mut file = PlanFile::open(&path).expect("a read-only plan opens");
    assert!(file.is_read_only());
    assert_eq!(file.load().unwrap(), rich_plan());
    assert!(!file.revisions().unwrap().is_empty());
    file.snapshot(RevisionReason::BeforeExport, "")
        .expect("export's automatic snapshot is skipped");
    let err = file
        .apply(&Edit::DeleteItem {
            list: List::Task,
            id: rich_plan().tasks[0].id.clone(),
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly(_)), "{err}");
    assert!(err.to_string().contains("chỉ được phép đọc"), "{err}");
    assert!(file.snapshot(RevisionReason::Manual, "x").is_err());
    println!("child-ok");
}

#[test]
#[cfg(unix)]
fn a_read_only_plan_opens_for_reading_and_refuses_edits() {
    use std::os::unix::fs::PermissionsExt;
    let set = |p: &std::path::Path, mode| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    for read_only_file in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let (path, mut file) = new_file(&dir);
        file.snapshot(RevisionReason::Manual, "một").unwrap();
        drop(file);
        set(dir.path(), if read_only_file { 0o755 } else { 0o555 });
        set(&path, if read_only_file { 0o444 } else { 0o644 });
        let before = file_bytes(&path);
        let out = child("read_only_child", &[(CHILD_FILE, &path)]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        set(dir.path(), 0o755);
        assert!(
            stdout.contains("child-ok"),
            "read-only file {read_only_file}: {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(file_bytes(&path), before);
    }
}

/// Creates a plan under a file-size limit, so the disk "fills up" mid-write.
#[test]
#[ignore = "run as a child process"]
fn full_disk_child() {
    let path = std::path::PathBuf::from(std::env::var_os(CHILD_FILE).unwrap());
    #[cfg(unix)]
    // SAFETY: plain system calls in a single-threaded child: writes past the limit then
    // fail with EFBIG instead of killing the process with SIGXFSZ.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let limit = libc::rlimit {
            rlim_cur: 256 * 1024,
            rlim_max: 256 * 1024,
        };
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &limit), 0);
    }
    let mut plan = rich_plan();
    plan.tasks[0].content = "Nội dung dài. ".repeat(100_000);
    let err = PlanFile::create(&path, &plan).unwrap_err();
    println!("child-error: {err}");
}

#[test]
#[cfg(unix)]
fn a_create_that_fills_the_disk_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("full.khcds");
    let out = child("full_disk_child", &[(CHILD_FILE, &path)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let message = stdout
        .lines()
        .find_map(|l| l.split_once("child-error: ").map(|(_, m)| m.to_owned()))
        .unwrap_or_else(|| panic!("{stdout}\n{}", String::from_utf8_lossy(&out.stderr)));
    assert!(message.contains("Lỗi"), "{message}");
    assert!(
        !message.contains("error") && !message.contains("disk"),
        "{message}"
    );
    assert_eq!(dir_listing(dir.path()), Vec::<String>::new());
}

#[test]
fn a_plan_with_bytes_appended_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let (path, file) = new_file(&dir);
    drop(file);
    let mut bytes = file_bytes(&path);
    bytes.extend_from_slice(b"sao chep them");
    std::fs::write(&path, bytes).unwrap();
    assert_eq!(PlanFile::open(&path).unwrap().load().unwrap(), rich_plan());
}
