//! The group's public key, against which every FROST signature verifies.

use alloc::vec::Vec;
use core::fmt;

use crate::ciphersuite::{Element, Scalar, element_bytes};
use crate::{Ciphersuite, Error, Group, Signature};

/// The group public key `PK = s * B`: what the outside world verifies
/// signatures against, never knowing a threshold produced them.
#[derive(Copy, Clone, PartialEq, Eq)]
pub struct VerifyingKey<C: Ciphersuite>(pub(crate) Element<C>);

impl<C: Ciphersuite> VerifyingKey<C> {
    /// Wraps a group element.
    pub fn new(element: Element<C>) -> Self {
        Self(element)
    }

    /// The key as a group element.
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

    /// Checks a Schnorr signature on `message`: `z * B == R + c * PK` with
    /// `c = H2(ser(R) || ser(PK) || message)`
    /// ([RFC 9591 Appendix B](https://www.rfc-editor.org/rfc/rfc9591#appendix-B)).
    ///
    /// Elements are validated on decoding (prime-order subgroup only), so the
    /// cofactored and cofactorless equations agree for Ed25519 and Ed448.
    pub fn verify(&self, message: &[u8], signature: &Signature<C>) -> Result<(), Error<C>> {
        let key = C::pre_verify(self);
        let c = C::challenge(&signature.R, &key.0, message);
        if schnorr_equation_holds::<C>(signature, c, &key.0) {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }
}

/// `z * B - c * PK == R`, one multiscalar multiplication on public data: the
/// verification equation of signatures, batch items and DKG proofs.
pub(crate) fn schnorr_equation_holds<C: Ciphersuite>(signature: &Signature<C>, c: Scalar<C>, key: &Element<C>) -> bool {
    C::Group::vartime_multiscalar_mul(&[signature.z, -c], &[C::Group::generator(), *key]) == signature.R
}

impl<C: Ciphersuite> fmt::Debug for VerifyingKey<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("VerifyingKey")
            .field(&crate::encoding::Hex(&self.serialize()))
            .finish()
    }
}
