//! Kills a process that is editing a plan file (SIGKILL) at random moments and checks
//! that every acknowledged edit survived and the file is sound.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use khcds::model::*;
use khcds::store::{Edit, Item, PlanFile, RevisionReason, StoreError};

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
