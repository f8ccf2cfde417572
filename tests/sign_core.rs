//! The signer: PKCS#12 files as CAs issue them, and the errors a drafter meets.

mod sign_support;

use khcds::sign::{
    CertificateSummary, DigestAlgorithm, Pkcs12Signer, PublicKey, SignError, Signer,
};

#[test]
fn modern_and_legacy_pkcs12_files_sign_and_name_the_signer() {
    let id = sign_support::identity();
    for path in [&id.p12, &id.p12_legacy] {
        let signer = Pkcs12Signer::open_file(path, sign_support::PASSWORD).unwrap();
        let summary = CertificateSummary::of(signer.certificate());
        assert_eq!(summary.common_name, "Nguyễn Văn An");
        assert!(
            summary.subject.contains("Ủy ban nhân dân tỉnh Hòa Sơn"),
            "{summary:?}"
        );
        assert!(summary.issuer.contains("CA thử nghiệm"), "{summary:?}");
        assert_eq!(signer.chain().len(), 1, "the CA travels with the key");
        assert!(summary.not_before < summary.not_after);

        let message = "Kế hoạch chuyển đổi số".as_bytes();
        let signature = signer.sign_sha256(message).unwrap();
        let key = PublicKey::of(signer.certificate()).unwrap();
        assert!(key.verifies(DigestAlgorithm::Sha256, message, &signature));
        assert!(!key.verifies(DigestAlgorithm::Sha256, b"Ke hoach", &signature));
        assert!(!key.verifies(DigestAlgorithm::Sha1, message, &signature));
        // The key is not printed by Debug.
        assert!(!format!("{signer:?}").contains("PRIVATE"));
    }
}

#[test]
fn wrong_password_is_named_as_such() {
    let id = sign_support::identity();
    for path in [&id.p12, &id.p12_legacy] {
        let err = Pkcs12Signer::open_file(path, "sai mật khẩu").unwrap_err();
        assert!(matches!(err, SignError::WrongPassword), "{err:?}");
        assert_eq!(err.to_string(), "Mật khẩu của tệp chứng thư số không đúng.");
    }
}

#[test]
fn certificate_without_key_and_junk_files_are_refused_clearly() {
    let id = sign_support::identity();
    let err = Pkcs12Signer::open_file(&id.p12_cert_only, sign_support::PASSWORD).unwrap_err();
    assert!(matches!(err, SignError::NoPrivateKey), "{err:?}");
    assert!(err.to_string().contains("không chứa khóa bí mật"));

    for junk in [&b""[..], b"not a p12", &[0x30, 0x82, 0xff, 0xff][..]] {
        let err = Pkcs12Signer::open(junk, "x").unwrap_err();
        assert!(matches!(err, SignError::BadPkcs12(_)), "{err:?}");
    }
    let pem = std::fs::read(&id.cert_pem).unwrap();
    assert!(matches!(
        Pkcs12Signer::open(&pem, "x").unwrap_err(),
        SignError::BadPkcs12(_)
    ));
    let missing = id.dir.path().join("khong-co.p12");
    let err = Pkcs12Signer::open_file(&missing, "x").unwrap_err();
    assert!(err.to_string().contains("khong-co.p12"), "{err}");
}
