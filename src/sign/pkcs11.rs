//! A [`Signer`] over a hardware token (the USB "token ký số" Vietnamese CAs issue) or any
//! PKCS#11 module: the key never leaves the token, which is asked to sign. The module is
//! the vendor's shared library (e.g. SoftHSM's `libsofthsm2.so` in the tests).

use std::path::Path;

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::{Mechanism, MechanismType};
use cryptoki::object::{Attribute, AttributeType, CertificateType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::Slot;
use cryptoki::types::AuthPin;
use sha2::{Digest, Sha256};
use x509_cert::der::Decode;
use x509_cert::Certificate;

use super::{SignError, Signer};

/// The DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2, note 1), for tokens that only
/// offer raw `CKM_RSA_PKCS` and expect the caller to hash.
const SHA256_DIGEST_INFO: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05,
    0x00, 0x04, 0x20,
];

/// A logged-in session on a token, with the certificate whose private key it holds.
pub struct Pkcs11Signer {
    session: Session,
    key: ObjectHandle,
    /// The token hashes (`CKM_SHA256_RSA_PKCS`), or we do (`CKM_RSA_PKCS`).
    token_hashes: bool,
    certificate: Certificate,
    chain: Vec<Certificate>,
    // Declared last: dropped after the session that uses it.
    _module: Pkcs11,
}

impl std::fmt::Debug for Pkcs11Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkcs11Signer")
            .field(
                "subject",
                &self.certificate.tbs_certificate.subject.to_string(),
            )
            .finish_non_exhaustive()
    }
}

impl Pkcs11Signer {
    /// Loads `module`, finds the token (the one labelled `token_label`, or the only one
    /// present), logs in with `pin` and picks the first certificate whose private key
    /// is on the token.
    pub fn open(module: &Path, token_label: Option<&str>, pin: &str) -> Result<Self, SignError> {
        let pkcs11 = load(module)?;
        let slot = find_slot(&pkcs11, token_label)?;
        let session = pkcs11.open_ro_session(slot).map_err(token_error)?;
        match session.login(UserType::User, Some(&AuthPin::new(pin.into()))) {
            // Another session of this process logged in already: usable as is.
            Ok(()) | Err(CkError::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => {}
            Err(CkError::Pkcs11(RvError::PinIncorrect | RvError::PinLenRange, _)) => {
                return Err(SignError::WrongPin)
            }
            Err(CkError::Pkcs11(RvError::PinLocked, _)) => return Err(SignError::PinLocked),
            Err(e) => return Err(token_error(e)),
        }
        let (certificate, key, chain) = certificate_with_key(&session)?;
        let mechanisms = pkcs11.get_mechanism_list(slot).map_err(token_error)?;
        let token_hashes = mechanisms.contains(&MechanismType::SHA256_RSA_PKCS);
        if !token_hashes && !mechanisms.contains(&MechanismType::RSA_PKCS) {
            return Err(SignError::UnsupportedKey(
                "thiết bị không hỗ trợ ký RSA PKCS#1 v1.5".into(),
            ));
        }
        Ok(Pkcs11Signer {
            session,
            key,
            token_hashes,
            certificate,
            chain,
            _module: pkcs11,
        })
    }
}

/// The labels of the tokens plugged in, as `module` (the vendor's PKCS#11 library) sees
/// them: what the drafter chooses from before signing.
pub fn token_labels(module: &Path) -> Result<Vec<String>, SignError> {
    let pkcs11 = load(module)?;
    Ok(tokens(&pkcs11)?
        .into_iter()
        .map(|(_, label)| label)
        .collect())
}

/// Loads and initialises `module`.
fn load(module: &Path) -> Result<Pkcs11, SignError> {
    let pkcs11 = Pkcs11::new(module).map_err(|e| {
        SignError::Token(format!(
            "không nạp được thư viện «{}» ({e})",
            module.display()
        ))
    })?;
    match pkcs11.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
        Ok(()) | Err(CkError::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => Ok(pkcs11),
        Err(e) => Err(token_error(e)),
    }
}

fn token_error(e: CkError) -> SignError {
    SignError::Token(e.to_string())
}

/// The slots holding a token, with the token's label.
fn tokens(pkcs11: &Pkcs11) -> Result<Vec<(Slot, String)>, SignError> {
    let mut tokens = Vec::new();
    for slot in pkcs11
        .get_slots_with_initialized_token()
        .map_err(token_error)?
    {
        let info = pkcs11.get_token_info(slot).map_err(token_error)?;
        tokens.push((slot, info.label().trim().to_owned()));
    }
    Ok(tokens)
}

fn find_slot(pkcs11: &Pkcs11, label: Option<&str>) -> Result<Slot, SignError> {
    let tokens = tokens(pkcs11)?;
    let labels = || {
        tokens
            .iter()
            .map(|(_, l)| format!("«{l}»"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match label {
        Some(wanted) => tokens
            .iter()
            .find(|(_, l)| l == wanted.trim())
            .map(|(slot, _)| *slot)
            .ok_or_else(|| {
                SignError::Token(format!(
                    "không thấy thiết bị nhãn «{wanted}» (có: {})",
                    labels()
                ))
            }),
        None => match tokens.as_slice() {
            [(slot, _)] => Ok(*slot),
            [] => Err(SignError::Token(
                "không thấy thiết bị ký số nào; hãy cắm token và thử lại".into(),
            )),
            _ => Err(SignError::Token(format!(
                "có nhiều thiết bị ({}): hãy chọn một theo nhãn",
                labels()
            ))),
        },
    }
}

/// The first X.509 certificate on the token whose private key (same `CKA_ID`) is there
/// too, and the other certificates (the CA chain as the token carries it).
fn certificate_with_key(
    session: &Session,
) -> Result<(Certificate, ObjectHandle, Vec<Certificate>), SignError> {
    let handles = session
        .find_objects(&[
            Attribute::Class(ObjectClass::CERTIFICATE),
            Attribute::CertificateType(CertificateType::X_509),
        ])
        .map_err(token_error)?;
    let mut found = None;
    let mut others = Vec::new();
    for handle in handles {
        let attributes = session
            .get_attributes(handle, &[AttributeType::Value, AttributeType::Id])
            .map_err(token_error)?;
        let (mut value, mut id) = (None, None);
        for attribute in attributes {
            match attribute {
                Attribute::Value(v) => value = Some(v),
                Attribute::Id(i) => id = Some(i),
                _ => {}
            }
        }
        let Some(certificate) = value.and_then(|v| Certificate::from_der(&v).ok()) else {
            continue;
        };
        let key = match (&found, id) {
            (None, Some(id)) => session
                .find_objects(&[
                    Attribute::Class(ObjectClass::PRIVATE_KEY),
                    Attribute::Id(id),
                ])
                .map_err(token_error)?
                .into_iter()
                .next(),
            _ => None,
        };
        match key {
            Some(key) => found = Some((certificate, key)),
            None => others.push(certificate),
        }
    }
    let (certificate, key) = found.ok_or_else(|| {
        SignError::Token("trên thiết bị không có chứng thư số nào kèm khóa bí mật".into())
    })?;
    Ok((certificate, key, others))
}

impl Signer for Pkcs11Signer {
    fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    fn chain(&self) -> &[Certificate] {
        &self.chain
    }

    fn sign_sha256(&self, message: &[u8]) -> Result<Vec<u8>, SignError> {
        let result = if self.token_hashes {
            self.session
                .sign(&Mechanism::Sha256RsaPkcs, self.key, message)
        } else {
            let mut digest_info = SHA256_DIGEST_INFO.to_vec();
            digest_info.extend_from_slice(&Sha256::digest(message));
            self.session
                .sign(&Mechanism::RsaPkcs, self.key, &digest_info)
        };
        result.map_err(|e| SignError::Signing(e.to_string()))
    }
}
