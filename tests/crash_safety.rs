//! Kills a process that is writing a plan file (SIGKILL) at random moments and checks
//! that every acknowledged edit survived, the file is sound, and it holds the old or the
//! new plan whole, for every kind of write. `scripts/soak` runs the same with 1,000+ kills.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use khcds::model::*;
use khcds::store::{Edit, Item, List, PlanFile, RevisionReason, StoreError};

const CHILD_ENV: &str = "KHCDS_CRASH_CHILD_FILE";
const ROUNDS: usize = 100;

fn crash_indicator(n: u64) -> Indicator {
    Indicator {
        id: format!("k-{n}"),
        group: IndicatorGroup::Custom("Kiểm thử".into()),
        name: format!("Chỉ tiêu ghi lần thứ {n}"),
        unit: "%".into(),
        targets: vec![],
        baseline: None,
        method: "x".repeat((n % 200) as usize),
        lead_agency: String::new(),
        national: None,
        not_applicable: None,
    }
}

/// The numbers of the crash-test indicators in the file, sorted.
fn written(path: &Path) -> Vec<u64> {
    let plan = PlanFile::open(path)
        .expect("reopens after kill")
        .load()
        .unwrap();
    let mut ns: Vec<u64> = plan
        .indicators
        .iter()
        .filter_map(|i| i.id.strip_prefix("k-")?.parse().ok())
        .collect();
    ns.sort_unstable();
    ns
}

/// The editing process: run by the parent test through this same test binary.
#[test]
#[ignore = "run as a child process by `acknowledged_edits_survive_sigkill`"]
fn crash_child() {
    let path = std::env::var(CHILD_ENV).expect("child needs the file path");
    let mut file = PlanFile::open(Path::new(&path)).unwrap();
    let start = file
        .load()
        .unwrap()
        .indicators
        .iter()
        .filter_map(|i| i.id.strip_prefix("k-")?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    println!("ready");
    let deadline = Instant::now() + Duration::from_secs(20);
    for n in start + 1.. {
        if Instant::now() > deadline {
            break;
        }
        let index = Some((n % 3) as usize);
        file.apply(&Edit::PutItem {
            item: Item::Indicator(crash_indicator(n)),
            index,
        })
        .unwrap();
        if n % 25 == 0 {
            file.snapshot(RevisionReason::Manual, &format!("lần {n}"))
                .unwrap();
        }
        println!("ack {n}");
    }
}

#[test]
fn acknowledged_edits_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.khcds");
    drop(PlanFile::create(&path, &common::rich_plan()).unwrap());
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = seed;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut total_acked = 0;
    for round in 0..ROUNDS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "crash_child",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Wait until the child holds the file, then let it edit for a random while.
        loop {
            let line = rx
                .recv_timeout(Duration::from_secs(30))
                .expect("child starts");
            // libtest may print "test crash_child ... " before the first line.
            if line.ends_with("ready") {
                break;
            }
        }
        if round % 10 == 0 {
            let err = PlanFile::open(&path).unwrap_err();
            assert!(matches!(err, StoreError::Locked(_)), "round {round}: {err}");
        }
        std::thread::sleep(Duration::from_micros(next() % 40_000));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        reader.join().unwrap();
        let last_ack = rx
            .try_iter()
            .filter_map(|l| l.rsplit_once("ack ")?.1.parse::<u64>().ok())
            .max();

        let check: String = {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(check, "ok", "round {round} (seed {seed})");
        let ns = written(&path);
        let expected_prefix: Vec<u64> = (1..=ns.len() as u64).collect();
        assert_eq!(
            ns, expected_prefix,
            "round {round}: edits are a gap-free prefix (seed {seed})"
        );
        if let Some(ack) = last_ack {
            assert!(
                ns.len() as u64 >= ack,
                "round {round}: edit {ack} was acknowledged but only {} survived (seed {seed})",
                ns.len()
            );
            total_acked = ack;
        }
    }
    assert!(
        total_acked > ROUNDS as u64,
        "the children made too few edits: {total_acked}"
    );
}

/// The kinds of write a drafter's plan goes through, each killed at random moments by
/// `every_kind_of_write_survives_sigkill` (and, many more times, by `scripts/soak`).
/// The app's autosave is `Edit`; the only migration today runs inside `Create` (on the
/// staging copy, before the file appears).
const KINDS: &[&str] = &[
    "edit",
    "create",
    "import-new",
    "import-replace",
    "snapshot",
    "restore",
    "checkpoint",
];

const KIND_ENV: &str = "KHCDS_CRASH_KIND";
/// How many kills `every_kind_of_write_survives_sigkill` makes; `scripts/soak` raises it.
const KILLS_ENV: &str = "KHCDS_CRASH_KILLS";

/// The two plans every write alternates between: whatever the moment of the kill, the
/// file must afterwards hold one of them whole.
fn plan_a() -> Plan {
    common::rich_plan()
}

fn plan_b() -> Plan {
    let mut plan = common::rich_plan();
    plan.header.place = "Nơi thứ hai".into();
    let task = plan.tasks[0].clone();
    plan.tasks = (0..300)
        .map(|i| Task {
            id: format!("nv-b-{i}"),
            content: "Nội dung của phương án B. ".repeat(20),
            ..task.clone()
        })
        .collect();
    plan
}

/// Writes of one kind over and over, until killed.
#[test]
#[ignore = "run as a child process by `every_kind_of_write_survives_sigkill`"]
fn write_child() {
    let path = std::path::PathBuf::from(std::env::var(CHILD_ENV).unwrap());
    let kind = std::env::var(KIND_ENV).unwrap();
    let plans = [plan_a(), plan_b()];
    let json = plans.each_ref().map(khcds::interchange::to_json);
    println!("ready");
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut n: usize = 0;
    while Instant::now() < deadline {
        n += 1;
        let plan = &plans[n % 2];
        match kind.as_str() {
            "edit" => {
                let mut file = PlanFile::open(&path).unwrap();
                // What an earlier kill left between a put and its delete.
                for left in file.load().unwrap().indicators {
                    if left.id.starts_with("k-") {
                        let id = left.id;
                        file.apply(&Edit::DeleteItem {
                            list: List::Indicator,
                            id,
                        })
                        .unwrap();
                    }
                }
                for i in 0..20 {
                    file.apply(&Edit::PutItem {
                        item: Item::Indicator(crash_indicator((n * 20 + i) as u64)),
                        index: Some(i % 3),
                    })
                    .unwrap();
                    file.apply(&Edit::DeleteItem {
                        list: List::Indicator,
                        id: format!("k-{}", n * 20 + i),
                    })
                    .unwrap();
                }
            }
            "create" | "import-new" => {
                let _ = std::fs::remove_file(&path);
                let plan = match kind.as_str() {
                    "create" => plan.clone(),
                    _ => khcds::interchange::from_json(&json[n % 2]).unwrap(),
                };
                drop(PlanFile::create(&path, &plan).unwrap());
            }
            "import-replace" | "checkpoint" => {
                let mut file = PlanFile::open(&path).unwrap();
                file.replace(plan, RevisionReason::BeforeImport).unwrap();
                // Closing checkpoints the WAL into the file: the checkpoint kind kills there.
                drop(file);
            }
            "snapshot" => {
                let mut file = PlanFile::open(&path).unwrap();
                file.snapshot(RevisionReason::Manual, &format!("lần {n}"))
                    .unwrap();
            }
            "restore" => {
                let mut file = PlanFile::open(&path).unwrap();
                let ids: Vec<i64> = file.revisions().unwrap().iter().map(|r| r.id).collect();
                file.restore(ids[n % ids.len()]).unwrap();
            }
            other => panic!("unknown kind {other}"),
        }
        println!("ack {n}");
    }
}

/// Prepares the file a kind of write starts from.
fn prepare(kind: &str, path: &Path) {
    if std::fs::metadata(path).is_ok() {
        return;
    }
    if kind == "create" || kind == "import-new" {
        return;
    }
    let mut file = PlanFile::create(path, &plan_a()).unwrap();
    if kind == "restore" {
        file.replace(&plan_b(), RevisionReason::BeforeImport)
            .unwrap();
        file.snapshot(RevisionReason::Manual, "B").unwrap();
    }
}

/// After a kill: the file (when it exists) opens, is sound, and holds a known plan whole.
fn assert_whole(kind: &str, path: &Path, detail: &str) {
    if !path.exists() {
        assert!(
            kind == "create" || kind == "import-new",
            "{kind}: the plan vanished ({detail})"
        );
        return;
    }
    let file = PlanFile::open(path).unwrap_or_else(|e| panic!("{kind}: {e} ({detail})"));
    let mut plan = file.load().unwrap();
    // An edit is a put then a delete of one indicator: killed between them, the plan
    // holds the put one; every other edit's pair is complete.
    let before = plan.indicators.len();
    plan.indicators.retain(|i| !i.id.starts_with("k-"));
    assert!(before - plan.indicators.len() <= 1, "{kind}: ({detail})");
    let known = plan == plan_a() || plan == plan_b();
    assert!(
        known,
        "{kind}: the plan is neither the old nor the new one ({detail})"
    );
    assert!(file.problems().unwrap().is_empty(), "{kind} ({detail})");
    file.revisions().unwrap();
}

#[test]
fn every_kind_of_write_survives_sigkill() {
    let kills: usize = std::env::var(KILLS_ENV)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(105);
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = seed;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let dir = tempfile::tempdir().unwrap();
    let mut acks = 0;
    for round in 0..kills {
        let kind = KINDS[round % KINDS.len()];
        let path = dir.path().join(format!("{kind}.khcds"));
        prepare(kind, &path);
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "write_child",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &path)
            .env(KIND_ENV, kind)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // libtest may print "test write_child ... " before the first line.
        assert!(
            lines.any(|l| l.is_ok_and(|l| l.ends_with("ready"))),
            "{kind}: child starts"
        );
        std::thread::sleep(Duration::from_micros(next() % 150_000));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        acks += lines
            .map_while(Result::ok)
            .filter(|l| l.starts_with("ack"))
            .count();
        assert_whole(kind, &path, &format!("round {round}, seed {seed}"));
    }
    println!("{kills} kills over {} kinds of write, {acks} writes acknowledged, 0 failures (seed {seed})", KINDS.len());
    // Most kills land mid-write (the point); some writes must also complete.
    assert!(acks >= kills / 10, "the children wrote too little: {acks}");
}
