//! Test identities, made at run time with the `openssl` command (no key in the tree): a
//! CA, a signer certificate it issues (RSA 2048, with a Vietnamese name), and the
//! PKCS#12 files drafters receive from a CA, in the modern (AES, PBKDF2) and the legacy
//! (3DES, RC2, as older Windows exports) encryptions.
#![allow(dead_code)] // each test binary uses a part of it

use std::path::{Path, PathBuf};
use std::process::Command;

/// The password of every generated PKCS#12 file.
pub const PASSWORD: &str = "mật-khẩu 123";

/// The files of one generated identity.
pub struct Identity {
    pub dir: tempfile::TempDir,
    /// Certificate and key, AES-256 / PBKDF2 (OpenSSL 3 default).
    pub p12: PathBuf,
    /// Same, legacy encryption (pbeWithSHAAnd3-KeyTripleDES-CBC, RC2-40 certificates).
    pub p12_legacy: PathBuf,
    /// The certificate without its key.
    pub p12_cert_only: PathBuf,
    /// Signer certificate, PEM.
    pub cert_pem: PathBuf,
    /// CA certificate, PEM.
    pub ca_pem: PathBuf,
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the openssl command is installed (scripts/install-test-deps)");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A CA and a signer "Nguyễn Văn An" of "UBND tỉnh Hòa Sơn", as PKCS#12 files.
pub fn identity() -> Identity {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pass = format!("pass:{PASSWORD}");
    openssl(
        d,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "3650",
            "-utf8",
            "-subj",
            "/C=VN/O=Thử nghiệm/CN=CA thử nghiệm",
        ],
    );
    openssl(
        d,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "signer.key",
            "-out",
            "signer.csr",
            "-utf8",
            "-subj",
            "/C=VN/ST=Hòa Sơn/O=Ủy ban nhân dân tỉnh Hòa Sơn/CN=Nguyễn Văn An",
        ],
    );
    std::fs::write(
        d.join("ext.cnf"),
        "keyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\n",
    )
    .unwrap();
    openssl(
        d,
        &[
            "x509",
            "-req",
            "-in",
            "signer.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "signer.pem",
            "-days",
            "1825",
            "-extfile",
            "ext.cnf",
        ],
    );
    let export = |out: &str, extra: &[&str]| {
        let mut args = vec![
            "pkcs12",
            "-export",
            "-inkey",
            "signer.key",
            "-in",
            "signer.pem",
            "-certfile",
            "ca.pem",
            "-name",
            "Nguyễn Văn An",
            "-out",
            out,
            "-passout",
            &pass,
        ];
        args.extend_from_slice(extra);
        openssl(d, &args);
    };
    export("signer.p12", &[]);
    export("signer-legacy.p12", &["-legacy"]);
    openssl(
        d,
        &[
            "pkcs12",
            "-export",
            "-nokeys",
            "-in",
            "signer.pem",
            "-out",
            "cert-only.p12",
            "-passout",
            &pass,
        ],
    );
    Identity {
        p12: d.join("signer.p12"),
        p12_legacy: d.join("signer-legacy.p12"),
        p12_cert_only: d.join("cert-only.p12"),
        cert_pem: d.join("signer.pem"),
        ca_pem: d.join("ca.pem"),
        dir,
    }
}
