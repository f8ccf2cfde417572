//! Managed state: the open plan file, the app's directories and its prefs.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

use khcds::store::PlanFile;
use tauri::{Manager, Runtime};

use crate::commands::error::CommandError;
use crate::prefs::Prefs;

/// Where the app keeps things.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dirs {
    /// Settings and recent files (`prefs.json`). `KHCDS_DATA_DIR` overrides it.
    pub data: PathBuf,
    /// Where new plans go by default and the sample is created the first time:
    /// `~/KeHoachCDS` (as the CLI and `scripts/app`), or `KHCDS_HOME`.
    pub plans: PathBuf,
}

impl Dirs {
    pub fn resolve<R: Runtime>(app: &tauri::AppHandle<R>) -> Dirs {
        let env_dir = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let home = app
            .path()
            .home_dir()
            .ok()
            .or_else(|| env_dir("HOME"))
            .unwrap_or_else(|| PathBuf::from("."));
        Dirs {
            data: env_dir("KHCDS_DATA_DIR").unwrap_or_else(|| {
                app.path()
                    .app_data_dir()
                    .unwrap_or_else(|_| home.join(".local/share/khcds"))
            }),
            plans: env_dir("KHCDS_HOME").unwrap_or_else(|| home.join("KeHoachCDS")),
        }
    }

    pub fn prefs_file(&self) -> PathBuf {
        self.data.join("prefs.json")
    }
}

/// Everything the commands share.
pub struct AppState {
    file: Mutex<Option<PlanFile>>,
    prefs: Mutex<Prefs>,
    dirs: OnceLock<Dirs>,
    /// Files written by exports in this session: the only ones `open_exported` opens.
    exported: Mutex<Vec<PathBuf>>,
    /// A plan named on the command line, opened by the first `startup`.
    open_at_start: Mutex<Option<PathBuf>>,
    next_job: std::sync::atomic::AtomicU64,
    closing: std::sync::atomic::AtomicBool,
}

impl AppState {
    pub fn new(open_at_start: Option<PathBuf>) -> AppState {
        AppState {
            file: Mutex::new(None),
            prefs: Mutex::new(Prefs::default()),
            dirs: OnceLock::new(),
            exported: Mutex::new(Vec::new()),
            open_at_start: Mutex::new(open_at_start),
            next_job: std::sync::atomic::AtomicU64::new(1),
            closing: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// With known directories (tests); prefs are read from them.
    pub fn with_dirs(dirs: Dirs) -> AppState {
        let state = AppState::new(None);
        state.set_dirs(dirs);
        state
    }

    /// Sets the directories once and reads the prefs from there.
    pub fn set_dirs(&self, dirs: Dirs) {
        let prefs = Prefs::load(&dirs.prefs_file());
        if self.dirs.set(dirs).is_ok() {
            *lock(&self.prefs) = prefs;
        }
    }

    pub fn dirs(&self) -> Dirs {
        self.dirs.get().cloned().unwrap_or_else(|| Dirs {
            data: std::env::temp_dir().join("khcds-data"),
            plans: std::env::temp_dir().join("KeHoachCDS"),
        })
    }

    pub fn file(&self) -> MutexGuard<'_, Option<PlanFile>> {
        lock(&self.file)
    }

    pub fn prefs(&self) -> MutexGuard<'_, Prefs> {
        lock(&self.prefs)
    }

    /// Changes the prefs and writes them to disk.
    pub fn update_prefs<T>(&self, change: impl FnOnce(&mut Prefs) -> T) -> Result<T, CommandError> {
        let mut prefs = self.prefs();
        let out = change(&mut prefs);
        prefs
            .save(&self.dirs().prefs_file())
            .map_err(CommandError::io)?;
        Ok(out)
    }

    pub fn take_open_at_start(&self) -> Option<PathBuf> {
        lock(&self.open_at_start).take()
    }

    pub fn remember_export(&self, path: &Path) {
        let mut exported = lock(&self.exported);
        if !exported.iter().any(|p| p == path) {
            exported.push(path.to_owned());
        }
    }

    pub fn was_exported(&self, path: &Path) -> bool {
        lock(&self.exported).iter().any(|p| p == path)
    }

    /// Records a close request; true when one was already made.
    pub fn close_requested(&self) -> bool {
        self.closing.swap(true, std::sync::atomic::Ordering::SeqCst)
    }

    pub fn next_job(&self) -> u64 {
        self.next_job
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }
}

/// A poisoned lock only means another command panicked; the data is still usable.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
