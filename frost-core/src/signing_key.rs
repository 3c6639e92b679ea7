//! The group signing key, which exists in one place only under a trusted
//! dealer (before splitting) or after an explicit [`crate::keys::reconstruct`].

#![allow(non_snake_case)] // `R` as in RFC 9591.

use alloc::vec::Vec;
use core::fmt;
use zeroize::Zeroizing;

use rand_core::CryptoRng;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::ciphersuite::{Scalar, is_zero, scalar_bytes};
use crate::{Ciphersuite, DecodeError, Error, Group, Signature, VerifyingKey};

/// A whole (not shared) Schnorr signing key. Zeroized on drop; `Debug` does
/// not print it.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningKey<C: Ciphersuite>(pub(crate) Scalar<C>);

impl<C: Ciphersuite> SigningKey<C> {
    /// A fresh random non-zero key.
    pub fn new<R: CryptoRng + ?Sized>(rng: &mut R) -> Self {
        loop {
            let scalar = C::Group::random_scalar(rng);
            if !is_zero::<C>(&scalar) {
                return Self(scalar);
            }
        }
    }

    /// Wraps a scalar, refusing zero.
    pub fn from_scalar(scalar: Scalar<C>) -> Result<Self, Error<C>> {
        if is_zero::<C>(&scalar) {
            Err(DecodeError::InvalidValue.into())
        } else {
            Ok(Self(scalar))
        }
    }

    /// The key as a scalar. Handle the result as the secret it is.
    pub fn to_scalar(&self) -> Scalar<C> {
        self.0
    }

    /// The canonical scalar encoding. The bytes are secret.
    pub fn serialize(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(scalar_bytes::<C>(&self.0))
    }

    /// Decodes a canonical, non-zero scalar encoding.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        let scalar = crate::encoding::decode_scalar::<C>(bytes)?;
        Self::from_scalar(scalar)
    }

    /// The matching verifying key `sk * B`.
    pub fn verifying_key(&self) -> VerifyingKey<C> {
        VerifyingKey::new(C::Group::base_mul(&self.0))
    }

    /// A single-signer Schnorr signature with a fresh random nonce, verifiable
    /// by [`VerifyingKey::verify`] exactly like a threshold signature.
    ///
    /// The suite's hooks apply as in threshold signing: the key may be
    /// replaced ([`Ciphersuite::pre_single_sign`]) and the nonce negated
    /// ([`Ciphersuite::negate_nonces`]), which BIP340's even-Y rule needs.
    pub fn sign<R: CryptoRng + ?Sized>(&self, rng: &mut R, message: &[u8]) -> Signature<C> {
        let key = C::pre_single_sign(self);
        let mut k = Self::new(rng);
        let mut R = C::Group::base_mul(&k.0);
        if C::negate_nonces(&R) {
            k.0 = -k.0;
            R = -R;
        }
        let c = C::challenge(&R, &key.verifying_key().0, message);
        let z = k.0 + c * key.0;
        k.zeroize();
        Signature::new(R, z)
    }
}

impl<C: Ciphersuite> Zeroize for SigningKey<C> {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

impl<C: Ciphersuite> Drop for SigningKey<C> {
    fn drop(&mut self) {
        self.zeroize();
    }
}

impl<C: Ciphersuite> ZeroizeOnDrop for SigningKey<C> {}

impl<C: Ciphersuite> fmt::Debug for SigningKey<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey(<redacted>)")
    }
}
