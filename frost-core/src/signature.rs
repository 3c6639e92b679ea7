//! Schnorr signatures `(R, z)`, the output of FROST.
//!
//! `R` and `z` are the names RFC 9591 uses; we keep them.

#![allow(non_snake_case)]

use alloc::vec::Vec;
use core::fmt;

use crate::ciphersuite::{Element, Scalar, element_bytes, scalar_bytes};
use crate::{Ciphersuite, DecodeError, Error, Group};

/// A Schnorr signature: the commitment `R` and the response `z`.
///
/// FROST signatures are ordinary Schnorr signatures for the suite: Ed25519
/// and Ed448 ones verify with any RFC 8032 verifier.
#[derive(Copy, Clone, PartialEq, Eq)]
#[allow(non_snake_case)]
pub struct Signature<C: Ciphersuite> {
    pub(crate) R: Element<C>,
    pub(crate) z: Scalar<C>,
}

impl<C: Ciphersuite> Signature<C> {
    /// Builds a signature from its two parts.
    #[allow(non_snake_case)]
    pub fn new(R: Element<C>, z: Scalar<C>) -> Self {
        Self { R, z }
    }

    /// The commitment `R`.
    #[allow(non_snake_case)]
    pub fn R(&self) -> &Element<C> {
        &self.R
    }

    /// The response `z`.
    pub fn z(&self) -> &Scalar<C> {
        &self.z
    }

    /// The suite's signature encoding (`ser(R) || ser(z)` for RFC 9591 suites).
    pub fn serialize(&self) -> Vec<u8> {
        C::serialize_signature(self)
    }

    /// Decodes a signature, refusing any length other than the exact one.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        C::deserialize_signature(bytes)
    }

    /// `ser(R) || ser(z)`, the default behind [`crate::Ciphersuite::serialize_signature`].
    pub fn default_serialize(&self) -> Vec<u8> {
        let mut out = element_bytes::<C>(&self.R);
        out.extend_from_slice(&scalar_bytes::<C>(&self.z));
        out
    }

    /// Decodes `ser(R) || ser(z)`, the default behind
    /// [`crate::Ciphersuite::deserialize_signature`].
    pub fn default_deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        let n = C::Group::ELEMENT_LEN;
        if bytes.len() < n + C::Group::SCALAR_LEN {
            return Err(DecodeError::Truncated.into());
        }
        if bytes.len() > n + C::Group::SCALAR_LEN {
            return Err(DecodeError::TrailingBytes.into());
        }
        let R = crate::encoding::decode_element::<C>(&bytes[..n])?;
        let z = crate::encoding::decode_scalar::<C>(&bytes[n..])?;
        Ok(Self { R, z })
    }
}

impl<C: Ciphersuite> fmt::Debug for Signature<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Signature")
            .field(&crate::encoding::Hex(&self.serialize()))
            .finish()
    }
}
