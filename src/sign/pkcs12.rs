//! A [`Signer`] over a PKCS#12 (.p12 / .pfx) file: the form in which Vietnamese CAs and
//! Windows export a certificate with its private key. Parsing and decryption (PBES2 and
//! the legacy 3DES / RC2 schemes) are p12-keystore's.

use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer as _};
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::Sha256;
use x509_cert::der::Decode;
use x509_cert::Certificate;

use super::certificate::PublicKey;
use super::{SignError, Signer};

/// A certificate and its RSA private key, decrypted from a PKCS#12 file.
pub struct Pkcs12Signer {
    key: SigningKey<Sha256>,
    certificate: Certificate,
    chain: Vec<Certificate>,
}

impl std::fmt::Debug for Pkcs12Signer {
    // Never prints the key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkcs12Signer")
            .field(
                "subject",
                &self.certificate.tbs_certificate.subject.to_string(),
            )
            .finish_non_exhaustive()
    }
}

impl Pkcs12Signer {
    /// Decrypts `data` (the bytes of a .p12/.pfx file) with `password`.
    pub fn open(data: &[u8], password: &str) -> Result<Self, SignError> {
        let store = p12_keystore::KeyStore::from_pkcs12(data, password).map_err(|e| match e {
            // A wrong password shows as a MAC mismatch, or, in files without a MAC, as
            // garbage after decryption (bad padding).
            p12_keystore::error::Error::MacError(_) | p12_keystore::error::Error::UnpadError => {
                SignError::WrongPassword
            }
            other => SignError::BadPkcs12(other.to_string()),
        })?;
        let (_, entry) = store.private_key_chain().ok_or(SignError::NoPrivateKey)?;
        let mut certificates = entry
            .chain()
            .iter()
            .map(|c| Certificate::from_der(c.as_der()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| SignError::BadPkcs12(e.to_string()))?;
        if certificates.is_empty() {
            return Err(SignError::BadPkcs12("không có chứng thư số".into()));
        }
        let certificate = certificates.remove(0);
        let private = RsaPrivateKey::from_pkcs8_der(entry.key())
            .map_err(|e| SignError::UnsupportedKey(format!("chỉ hỗ trợ khóa RSA ({e})")))?;
        match PublicKey::of(&certificate)? {
            PublicKey::Rsa(public) if public == RsaPublicKey::from(&private) => {}
            _ => return Err(SignError::KeyCertificateMismatch),
        }
        Ok(Pkcs12Signer {
            key: SigningKey::new(private),
            certificate,
            chain: certificates,
        })
    }

    /// Reads and decrypts the file at `path`.
    pub fn open_file(path: &std::path::Path, password: &str) -> Result<Self, SignError> {
        let data = std::fs::read(path).map_err(|e| SignError::io(path, e))?;
        Self::open(&data, password)
    }
}

impl Signer for Pkcs12Signer {
    fn certificate(&self) -> &Certificate {
        &self.certificate
    }

    fn chain(&self) -> &[Certificate] {
        &self.chain
    }

    fn sign_sha256(&self, message: &[u8]) -> Result<Vec<u8>, SignError> {
        self.key
            .try_sign(message)
            .map(|s| s.to_vec())
            .map_err(|e| SignError::Signing(e.to_string()))
    }
}
