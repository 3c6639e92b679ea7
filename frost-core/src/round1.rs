//! Signing round one: nonces and their commitments
//! ([RFC 9591 §5.1](https://www.rfc-editor.org/rfc/rfc9591#section-5.1)).
//!
//! Each signer calls [`commit`] once per signing session. It keeps the
//! [`SigningNonces`] secret and sends the [`SigningCommitments`] to the
//! coordinator. The nonces are consumed by [`crate::round2::sign`]: a value of
//! that type can sign once, and cannot be cloned, so the same nonces can
//! never sign two messages.

use alloc::vec::Vec;
use core::fmt;

use rand_core::CryptoRng;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::ciphersuite::{Element, MAX_ENCODING_LEN, Scalar, element_bytes};
use crate::encoding::{Reader, Writer, decode_all};
use crate::keys::SigningShare;
use crate::{Ciphersuite, DecodeError, Error, Group};

/// One secret signing nonce. Zeroized on drop; `Debug` does not print it.
pub struct Nonce<C: Ciphersuite>(pub(crate) Scalar<C>);

impl<C: Ciphersuite> Nonce<C> {
    /// RFC 9591 `nonce_generate`: `H3(random_bytes || ser(secret))`, hedging
    /// a weak RNG with the signing share.
    fn generate<R: CryptoRng + ?Sized>(secret: &SigningShare<C>, rng: &mut R) -> Self {
        let mut random_bytes = [0u8; 32];
        rng.fill_bytes(&mut random_bytes);
        let nonce = Self::from_randomness(secret, &random_bytes);
        random_bytes.zeroize();
        nonce
    }

    fn from_randomness(secret: &SigningShare<C>, random_bytes: &[u8; 32]) -> Self {
        let n = C::Group::SCALAR_LEN;
        let mut secret_bytes = [0u8; MAX_ENCODING_LEN];
        C::Group::serialize_scalar(&secret.0, &mut secret_bytes[..n]);
        let nonce = Self(C::H3(&[random_bytes, &secret_bytes[..n]]));
        secret_bytes.zeroize();
        nonce
    }

    /// The nonce's scalar encoding (test vectors only).
    #[cfg(feature = "internals")]
    #[doc(hidden)]
    pub fn serialize(&self) -> Vec<u8> {
        crate::ciphersuite::scalar_bytes::<C>(&self.0)
    }
}

impl<C: Ciphersuite> Drop for Nonce<C> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<C: Ciphersuite> ZeroizeOnDrop for Nonce<C> {}

impl<C: Ciphersuite> fmt::Debug for Nonce<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Nonce(<redacted>)")
    }
}

/// A public commitment `nonce * B` to one nonce.
#[derive(Copy, Clone, PartialEq, Eq)]
pub struct NonceCommitment<C: Ciphersuite>(pub(crate) Element<C>);

impl<C: Ciphersuite> NonceCommitment<C> {
    /// Wraps a group element.
    pub fn new(element: Element<C>) -> Self {
        Self(element)
    }

    /// The commitment as a group element.
    pub fn value(&self) -> Element<C> {
        self.0
    }

    /// The canonical element encoding.
    pub fn serialize(&self) -> Vec<u8> {
        element_bytes::<C>(&self.0)
    }

    /// Decodes an element encoding, refusing the identity and invalid points.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        crate::encoding::decode_element::<C>(bytes)
            .map(Self)
            .map_err(Into::into)
    }
}

impl<C: Ciphersuite> fmt::Debug for NonceCommitment<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("NonceCommitment")
            .field(&crate::encoding::Hex(&self.serialize()))
            .finish()
    }
}

/// A signer's secret nonce pair for one signing session, with the
/// commitments it was published as.
///
/// Not `Clone`: [`crate::round2::sign`] takes it by value, so it signs at most
/// once. Zeroized on drop; `Debug` does not print the nonces.
pub struct SigningNonces<C: Ciphersuite> {
    pub(crate) hiding: Nonce<C>,
    pub(crate) binding: Nonce<C>,
    pub(crate) commitments: SigningCommitments<C>,
}

impl<C: Ciphersuite> SigningNonces<C> {
    pub(crate) fn from_nonces(hiding: Nonce<C>, binding: Nonce<C>) -> Self {
        let commitments = SigningCommitments {
            hiding: NonceCommitment(C::Group::base_mul(&hiding.0)),
            binding: NonceCommitment(C::Group::base_mul(&binding.0)),
        };
        Self {
            hiding,
            binding,
            commitments,
        }
    }

    /// The commitments these nonces were published as.
    pub fn commitments(&self) -> &SigningCommitments<C> {
        &self.commitments
    }

    /// Encodes the nonces for storage across a restart, consuming them.
    ///
    /// **Never sign twice with the same nonces**: two signature shares made
    /// with the same nonces on different messages reveal the signing share.
    /// This function takes the nonces by value so that only the bytes remain;
    /// store them where they cannot be copied or rolled back (a backup
    /// restored after signing would bring them back), [`SigningNonces::restore`]
    /// them once, and delete them. The bytes are secret and are zeroized when
    /// dropped. They are the frost-core 3.x `SigningNonces` encoding.
    pub fn persist(self) -> Zeroizing<Vec<u8>> {
        let mut w = Writer::<C>::new();
        w.header();
        w.scalar(&self.hiding.0);
        w.scalar(&self.binding.0);
        self.commitments.write(&mut w);
        Zeroizing::new(w.finish())
    }

    /// Decodes nonces stored by [`SigningNonces::persist`], refusing bytes
    /// whose commitments do not match the nonces. See the warning there.
    pub fn restore(bytes: &[u8]) -> Result<Self, Error<C>> {
        let (hiding, binding, commitments) = decode_all(bytes, |r: &mut Reader<'_, C>| {
            r.header()?;
            let hiding = Nonce(r.scalar()?);
            let binding = Nonce(r.scalar()?);
            Ok((hiding, binding, SigningCommitments::read(r)?))
        })?;
        let nonces = Self::from_nonces(hiding, binding);
        if nonces.commitments != commitments {
            return Err(DecodeError::InvalidValue.into());
        }
        Ok(nonces)
    }

    /// The hiding nonce (test vectors only).
    #[cfg(feature = "internals")]
    #[doc(hidden)]
    pub fn hiding(&self) -> &Nonce<C> {
        &self.hiding
    }

    /// The binding nonce (test vectors only).
    #[cfg(feature = "internals")]
    #[doc(hidden)]
    pub fn binding(&self) -> &Nonce<C> {
        &self.binding
    }
}

impl<C: Ciphersuite> fmt::Debug for SigningNonces<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningNonces")
            .field("hiding", &self.hiding)
            .field("binding", &self.binding)
            .field("commitments", &self.commitments)
            .finish()
    }
}

/// A signer's published commitments for one session: `D = d * B` (hiding)
/// and `E = e * B` (binding). Sent to the coordinator.
#[derive(Copy, Clone, PartialEq, Eq)]
pub struct SigningCommitments<C: Ciphersuite> {
    pub(crate) hiding: NonceCommitment<C>,
    pub(crate) binding: NonceCommitment<C>,
}

impl<C: Ciphersuite> SigningCommitments<C> {
    /// Assembles commitments from their parts.
    pub fn new(hiding: NonceCommitment<C>, binding: NonceCommitment<C>) -> Self {
        Self { hiding, binding }
    }

    /// The hiding nonce commitment `D`.
    pub fn hiding(&self) -> &NonceCommitment<C> {
        &self.hiding
    }

    /// The binding nonce commitment `E`.
    pub fn binding(&self) -> &NonceCommitment<C> {
        &self.binding
    }

    /// The wire encoding: header, hiding, binding.
    pub fn serialize(&self) -> Vec<u8> {
        let mut w = Writer::new();
        self.write(&mut w);
        w.finish()
    }

    /// Decodes [`SigningCommitments::serialize`] output strictly.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        decode_all(bytes, Self::read)
    }

    pub(crate) fn write(&self, w: &mut Writer<C>) {
        w.header();
        w.element(&self.hiding.0);
        w.element(&self.binding.0);
    }

    pub(crate) fn read(r: &mut Reader<'_, C>) -> Result<Self, DecodeError> {
        r.header()?;
        Ok(Self {
            hiding: NonceCommitment(r.element()?),
            binding: NonceCommitment(r.element()?),
        })
    }

    /// Encoded length, for bounding allocations while decoding.
    pub(crate) fn encoded_len() -> usize {
        5 + 2 * C::Group::ELEMENT_LEN
    }
}

impl<C: Ciphersuite> fmt::Debug for SigningCommitments<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningCommitments")
            .field("hiding", &self.hiding)
            .field("binding", &self.binding)
            .finish()
    }
}

/// Draws a fresh nonce pair for one signing session and commits to it.
///
/// Keep the [`SigningNonces`] secret until [`crate::round2::sign`] consumes
/// them; send the [`SigningCommitments`] to the coordinator.
pub fn commit<C: Ciphersuite, R: CryptoRng + ?Sized>(
    signing_share: &SigningShare<C>,
    rng: &mut R,
) -> (SigningNonces<C>, SigningCommitments<C>) {
    let hiding = Nonce::generate(signing_share, rng);
    let binding = Nonce::generate(signing_share, rng);
    let nonces = SigningNonces::from_nonces(hiding, binding);
    let commitments = nonces.commitments;
    (nonces, commitments)
}

/// [`commit`] with the RNG output given explicitly (test vectors only).
#[cfg(feature = "internals")]
#[doc(hidden)]
pub fn commit_with_randomness<C: Ciphersuite>(
    signing_share: &SigningShare<C>,
    hiding_randomness: &[u8; 32],
    binding_randomness: &[u8; 32],
) -> (SigningNonces<C>, SigningCommitments<C>) {
    let nonces = SigningNonces::from_nonces(
        Nonce::from_randomness(signing_share, hiding_randomness),
        Nonce::from_randomness(signing_share, binding_randomness),
    );
    let commitments = nonces.commitments;
    (nonces, commitments)
}
