//! Signing with a hardware token through PKCS#11, against SoftHSM2: the key stays on the
//! token, the certificate and chain are read from it, and a wrong PIN or label is a
//! clear Vietnamese error. One test function: the PKCS#11 module is process-wide state.

mod sign_support;

use std::path::Path;

use khcds::sign::{
    CertificateSummary, DigestAlgorithm, Pkcs11Signer, PublicKey, SignError, Signer,
};
use sign_support::SOFTHSM_MODULE;

#[test]
fn a_softhsm_token_signs_and_its_errors_are_clear() {
    if !sign_support::have_softhsm() {
        eprintln!("skipped: SoftHSM2 is not installed");
        return;
    }
    let id = sign_support::identity();
    let token = sign_support::token(&id);
    std::env::set_var("SOFTHSM2_CONF", &token.conf);
    let module = Path::new(SOFTHSM_MODULE);

    let err = Pkcs11Signer::open(module, Some(token.label), "000000").unwrap_err();
    assert!(matches!(err, SignError::WrongPin), "{err:?}");
    assert_eq!(err.to_string(), "Mã PIN của thiết bị ký số không đúng.");

    let err = Pkcs11Signer::open(module, Some("Token khác"), token.pin).unwrap_err();
    assert!(
        err.to_string().contains("«Token thử nghiệm»"),
        "names the tokens present: {err}"
    );
    let err = Pkcs11Signer::open(Path::new("/khong/co/module.so"), None, token.pin).unwrap_err();
    assert!(err.to_string().contains("/khong/co/module.so"), "{err}");

    // The only token is found without its label, too.
    let signer = Pkcs11Signer::open(module, None, token.pin).unwrap();
    let who = CertificateSummary::of(signer.certificate());
    assert_eq!(who.common_name, "Nguyễn Văn An");
    assert_eq!(signer.chain().len(), 1, "the CA certificate on the token");
    let message = "Kế hoạch chuyển đổi số tỉnh Hòa Sơn".as_bytes();
    let signature = signer.sign_sha256(message).unwrap();
    let key = PublicKey::of(signer.certificate()).unwrap();
    assert!(key.verifies(DigestAlgorithm::Sha256, message, &signature));
    assert!(!key.verifies(DigestAlgorithm::Sha256, b"khac", &signature));
}
