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

/// The PKCS#11 module of SoftHSM2, the software token the tests sign with.
pub const SOFTHSM_MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";

/// A SoftHSM2 token holding an identity's key and certificate (and the CA certificate),
/// as a CA ships a USB token. Programs using it need `SOFTHSM2_CONF` set to `conf`.
pub struct Token {
    pub dir: tempfile::TempDir,
    pub conf: PathBuf,
    pub label: &'static str,
    pub pin: &'static str,
}

/// Whether SoftHSM2 is installed; required (a failure, not a skip) under
/// `KHCDS_REQUIRE_PDF_TOOLS=1`, as scripts/test sets.
pub fn have_softhsm() -> bool {
    let found = Path::new(SOFTHSM_MODULE).exists()
        && Command::new("softhsm2-util")
            .arg("--version")
            .output()
            .is_ok();
    if !found && std::env::var("KHCDS_REQUIRE_PDF_TOOLS").is_ok_and(|v| v == "1") {
        panic!("SoftHSM2 is required (KHCDS_REQUIRE_PDF_TOOLS=1): run ./scripts/install-test-deps");
    }
    found
}

/// A new token "Token thử nghiệm" (PIN 123456) with `id`'s key and certificates.
pub fn token(id: &Identity) -> Token {
    let dir = tempfile::tempdir().unwrap();
    let tokens = dir.path().join("tokens");
    std::fs::create_dir(&tokens).unwrap();
    let conf = dir.path().join("softhsm2.conf");
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
            tokens.display()
        ),
    )
    .unwrap();
    let (label, pin) = ("Token thử nghiệm", "123456");
    let util = |args: &[&str]| {
        let out = Command::new("softhsm2-util")
            .args(args)
            .env("SOFTHSM2_CONF", &conf)
            .output()
            .unwrap();
        assert!(out.status.success(), "softhsm2-util {args:?}: {out:?}");
    };
    util(&[
        "--init-token",
        "--free",
        "--label",
        label,
        "--pin",
        pin,
        "--so-pin",
        "12345678",
    ]);
    let key = id.dir.path().join("signer.key");
    util(&[
        "--import",
        key.to_str().unwrap(),
        "--token",
        label,
        "--label",
        "Nguyễn Văn An",
        "--id",
        "01",
        "--pin",
        pin,
    ]);

    // Certificates: with OpenSC's pkcs11-tool (softhsm2-util imports keys only); in a
    // child process, so the tests never change their own environment.
    for (pem, object_id, name) in [
        (&id.cert_pem, "01", "Nguyễn Văn An"),
        (&id.ca_pem, "02", "CA"),
    ] {
        openssl(
            dir.path(),
            &[
                "x509",
                "-in",
                pem.to_str().unwrap(),
                "-outform",
                "DER",
                "-out",
                "cert.der",
            ],
        );
        let out = Command::new("pkcs11-tool")
            .args([
                "--module",
                SOFTHSM_MODULE,
                "--token-label",
                label,
                "--login",
                "--pin",
                pin,
            ])
            .args([
                "--write-object",
                "cert.der",
                "--type",
                "cert",
                "--id",
                object_id,
            ])
            .args(["--label", name])
            .current_dir(dir.path())
            .env("SOFTHSM2_CONF", &conf)
            .output()
            .unwrap();
        assert!(out.status.success(), "pkcs11-tool: {out:?}");
    }
    Token {
        dir,
        conf,
        label,
        pin,
    }
}
