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
