//! A participant's long-lived key share and its public counterpart.

use core::fmt;
use zeroize::Zeroizing;

use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::ciphersuite::{Element, Scalar, element_bytes, scalar_bytes};
use crate::{Ciphersuite, Error, Group};
use alloc::vec::Vec;

/// A participant's secret share of the group signing key: `f(i)` for the
/// participant's identifier `i` ([RFC 9591 §5](https://www.rfc-editor.org/rfc/rfc9591#section-5)).
///
/// Zeroized on drop; `Debug` does not print it.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningShare<C: Ciphersuite>(pub(crate) Scalar<C>);

impl<C: Ciphersuite> SigningShare<C> {
    /// Wraps a scalar as a signing share.
    pub fn from_scalar(scalar: Scalar<C>) -> Self {
        Self(scalar)
    }

    /// The share as a scalar. Handle the result as the secret it is.
    pub fn to_scalar(&self) -> Scalar<C> {
        self.0
    }

    /// The canonical scalar encoding. The bytes are secret.
    pub fn serialize(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(scalar_bytes::<C>(&self.0))
    }

    /// Decodes a canonical scalar encoding.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        crate::encoding::decode_scalar::<C>(bytes).map(Self).map_err(Into::into)
    }

    /// The public verifying share `f(i) * B`.
    pub fn verifying_share(&self) -> VerifyingShare<C> {
        VerifyingShare(C::Group::base_mul(&self.0))
    }
}

impl<C: Ciphersuite> Zeroize for SigningShare<C> {
    fn zeroize(&mut self) {
        self.0.zeroize();
    }
}

impl<C: Ciphersuite> Drop for SigningShare<C> {
    fn drop(&mut self) {
        self.zeroize();
    }
}

impl<C: Ciphersuite> ZeroizeOnDrop for SigningShare<C> {}

impl<C: Ciphersuite> fmt::Debug for SigningShare<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningShare(<redacted>)")
    }
}

/// A participant's public verifying share, `f(i) * B`: what the coordinator
/// checks that participant's signature shares against.
#[derive(Copy, Clone, PartialEq, Eq)]
pub struct VerifyingShare<C: Ciphersuite>(pub(crate) Element<C>);

impl<C: Ciphersuite> VerifyingShare<C> {
    /// Wraps an element as a verifying share.
    pub fn from_element(element: Element<C>) -> Self {
        Self(element)
    }

    /// The share as a group element.
    pub fn to_element(&self) -> Element<C> {
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

impl<C: Ciphersuite> fmt::Debug for VerifyingShare<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("VerifyingShare")
            .field(&crate::encoding::Hex(&self.serialize()))
            .finish()
    }
}
