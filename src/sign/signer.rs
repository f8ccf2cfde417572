//! What signs: anything holding a certificate and able to make an RSA signature with the
//! matching private key. A PKCS#12 file implements it now; a PKCS#11 token (the USB
//! tokens Vietnamese CAs issue) implements the same trait, since a token too is asked to
//! sign bytes and hands out its certificate, never its key.

use x509_cert::Certificate;

use super::SignError;

pub trait Signer {
    /// The signing certificate.
    fn certificate(&self) -> &Certificate;

    /// The certificates above it (intermediate CAs, then the root when present), as the
    /// key store holds them; may be empty.
    fn chain(&self) -> &[Certificate];

    /// RSASSA-PKCS1-v1_5 signature of `message` hashed with SHA-256 (the signer hashes,
    /// as a token with `CKM_SHA256_RSA_PKCS` does).
    fn sign_sha256(&self, message: &[u8]) -> Result<Vec<u8>, SignError>;
}
