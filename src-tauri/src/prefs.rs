//! Recent files and settings: one small JSON file in the app data directory, written
//! atomically (temporary file + rename) so a crash never leaves it half written.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many recent files are remembered.
pub const RECENT_KEPT: usize = 10;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Most recent first.
    pub recent: Vec<RecentFile>,
    pub settings: Settings,
    /// Set once the first launch has created and opened the sample plan.
    pub first_run_done: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecentFile {
    pub path: PathBuf,
    /// Trích yếu (or the file name) when last opened, to show in the list.
    pub title: String,
    /// "cấp tỉnh, giai đoạn 2026–2030".
    pub description: String,
    /// Local time, RFC 3339.
    pub opened_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The export format chosen last: "docx", "pdf" or "json".
    pub export_format: String,
    /// Where the last export went.
    pub export_dir: Option<PathBuf>,
    /// Autosave delay while typing, milliseconds.
    pub autosave_delay_ms: u32,
    /// The files chosen at the last signing (never the password).
    pub sign_files: SignFiles,
}

/// The certificate file and images a drafter signs with, offered again next time.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignFiles {
    pub p12: Option<PathBuf>,
    /// The USB token's PKCS#11 module (its vendor's library).
    pub pkcs11_module: Option<PathBuf>,
    pub signature_image: Option<PathBuf>,
    pub seal_image: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            export_format: "json".into(),
            export_dir: None,
            autosave_delay_ms: 400,
            sign_files: SignFiles::default(),
        }
    }
}

impl Settings {
    /// Keeps values in ranges the UI can live with.
    pub fn sanitised(mut self) -> Self {
        self.autosave_delay_ms = self.autosave_delay_ms.clamp(100, 5000);
        if self.export_format.trim().is_empty() {
            self.export_format = "json".into();
        }
        self
    }
}

impl Prefs {
    /// Reads the file; a missing or unreadable one gives the defaults (prefs are a
    /// convenience, never a reason not to start).
    pub fn load(path: &Path) -> Prefs {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, path: &Path) -> Result<(), String> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("Không tạo được thư mục «{}»: {e}", dir.display()))?;
        }
        let mut text = serde_json::to_string_pretty(self).expect("prefs serialise");
        text.push('\n');
        khcds::atomic_file::write(path, text.as_bytes())
            .map_err(|e| format!("Không lưu được thiết lập vào «{}»: {e}", path.display()))
    }

    /// Puts `file` first in the recent list, without duplicates.
    pub fn touch_recent(&mut self, file: RecentFile) {
        self.recent.retain(|r| r.path != file.path);
        self.recent.insert(0, file);
        self.recent.truncate(RECENT_KEPT);
    }

    pub fn forget(&mut self, path: &Path) {
        self.recent.retain(|r| r.path != path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recent(p: &str) -> RecentFile {
        RecentFile {
            path: p.into(),
            title: p.into(),
            description: String::new(),
            opened_at: String::new(),
        }
    }

    #[test]
    fn recent_list_is_most_recent_first_without_duplicates() {
        let mut prefs = Prefs::default();
        for p in ["a", "b", "a", "c"] {
            prefs.touch_recent(recent(p));
        }
        let paths: Vec<_> = prefs.recent.iter().map(|r| r.path.clone()).collect();
        assert_eq!(paths, vec![PathBuf::from("c"), "a".into(), "b".into()]);
        for i in 0..20 {
            prefs.touch_recent(recent(&i.to_string()));
        }
        assert_eq!(prefs.recent.len(), RECENT_KEPT);
    }

    #[test]
    fn round_trip_and_garbage_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/prefs.json");
        let mut prefs = Prefs::default();
        prefs.touch_recent(recent("/x/kế hoạch.khcds"));
        prefs.save(&path).unwrap();
        assert_eq!(Prefs::load(&path), prefs);
        std::fs::write(&path, "{not json").unwrap();
        assert_eq!(Prefs::load(&path), Prefs::default());
    }
}
