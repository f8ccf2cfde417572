//! The Python that runs the test tools (tests/tools/*.py): the project's virtualenv,
//! made by ./scripts/install-test-deps from tests/requirements.txt (pinned lxml,
//! python-docx, cryptography, pyHanko). Every test that runs one of them asks here;
//! LibreOffice's UNO verifier is the exception (Debian's /usr/bin/python3, see sign_docx).
#![allow(dead_code)] // each test binary uses its own subset

use std::path::PathBuf;

/// `$KHCDS_PYTHON` (scripts/test sets it), else `.venv/bin/python` of the repository.
pub fn python() -> PathBuf {
    std::env::var_os("KHCDS_PYTHON")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python"))
}

/// [`python`], failing the test with the install hint when it is not there.
pub fn require_python() -> PathBuf {
    let python = python();
    assert!(
        python.is_file(),
        "the test tools' Python is not at {}: run ./scripts/install-test-deps (it makes .venv/)",
        python.display()
    );
    python
}
