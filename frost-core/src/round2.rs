//! Signing round two: each signer's share of the signature
//! ([RFC 9591 §5.2](https://www.rfc-editor.org/rfc/rfc9591#section-5.2)).
//!
//! On receiving the coordinator's [`SigningPackage`], a signer checks it,
//! computes its [`SignatureShare`] with [`sign`], and sends the share back to
//! the coordinator. The share reveals nothing about the signing share on its
//! own; it may travel over any authenticated channel.

#![allow(non_snake_case)]

use alloc::vec::Vec;
use core::fmt;

use crate::ciphersuite::{Scalar, scalar_bytes};
use crate::interpolation::lagrange_coefficient_at_zero;
use crate::keys::KeyPackage;
use crate::round1::SigningNonces;
use crate::signing_package::group_commitment;
use crate::{Ciphersuite, Error, SigningPackage};

/// One signer's share `z_i` of the signature. Public once sent.
#[derive(Copy, Clone, PartialEq, Eq)]
pub struct SignatureShare<C: Ciphersuite>(pub(crate) Scalar<C>);

impl<C: Ciphersuite> SignatureShare<C> {
    /// Wraps a scalar.
    pub fn new(scalar: Scalar<C>) -> Self {
        Self(scalar)
    }

    /// The share as a scalar.
    pub fn to_scalar(&self) -> Scalar<C> {
        self.0
    }

    /// The bare scalar encoding, with no header: the bytes frost-core 3.x
    /// sends for a signature share.
    pub fn serialize(&self) -> Vec<u8> {
        scalar_bytes::<C>(&self.0)
    }

    /// Decodes a canonical scalar encoding of exactly the right length.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        crate::encoding::decode_scalar::<C>(bytes).map(Self).map_err(Into::into)
    }
}

impl<C: Ciphersuite> fmt::Debug for SignatureShare<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SignatureShare")
            .field(&crate::encoding::Hex(&self.serialize()))
            .finish()
    }
}

/// Computes this signer's signature share, consuming its nonces.
///
/// Refuses, before touching any secret: a package with fewer than
/// `min_signers` commitments ([`Error::TooFewSigners`]), one without this
/// signer's commitment ([`Error::MissingOwnCommitment`]) or with a different
/// one ([`Error::IncorrectOwnCommitment`]), and identity commitments
/// ([`Error::IdentityCommitment`], naming their owner).
///
/// `z_i = d_i + e_i * rho_i + lambda_i * s_i * c`.
///
/// The nonces are moved in, so signing twice with them does not compile:
///
/// ```
/// use frost_core::{Ciphersuite, SigningPackage, keys::KeyPackage, round1::SigningNonces};
/// fn sign_once<C: Ciphersuite>(p: &SigningPackage<C>, nonces: SigningNonces<C>, k: &KeyPackage<C>) {
///     let _ = frost_core::round2::sign(p, nonces, k);
/// }
/// ```
///
/// ```compile_fail
/// use frost_core::{Ciphersuite, SigningPackage, keys::KeyPackage, round1::SigningNonces};
/// fn sign_twice<C: Ciphersuite>(p: &SigningPackage<C>, nonces: SigningNonces<C>, k: &KeyPackage<C>) {
///     let _ = frost_core::round2::sign(p, nonces, k);
///     let _ = frost_core::round2::sign(p, nonces, k); // use of moved value
/// }
/// ```
pub fn sign<C: Ciphersuite>(
    signing_package: &SigningPackage<C>,
    signer_nonces: SigningNonces<C>,
    key_package: &KeyPackage<C>,
) -> Result<SignatureShare<C>, Error<C>> {
    let key_package = C::pre_sign(key_package)?;
    let id = key_package.identifier;
    let own = signing_package
        .signing_commitments
        .get(&id)
        .ok_or(Error::MissingOwnCommitment)?;
    if *own != signer_nonces.commitments {
        return Err(Error::IncorrectOwnCommitment);
    }
    signing_package.check(key_package.min_signers)?;

    let vk = key_package.verifying_key.0;
    let binding_factors = signing_package.binding_factors(&vk);
    let rho = binding_factors
        .iter()
        .find(|(i, _)| *i == id)
        .map(|(_, rho)| *rho)
        .ok_or(Error::MissingOwnCommitment)?;
    let R = group_commitment(signing_package, &binding_factors)?;
    let lambda = lagrange_coefficient_at_zero(id, signing_package.signing_commitments.keys().copied())?;
    let c = C::challenge(&effective_commitment::<C>(R), &vk, &signing_package.message);

    let mut nonce = signer_nonces.hiding.0 + signer_nonces.binding.0 * rho;
    if C::negate_nonces(&R) {
        nonce = -nonce;
    }
    let z = nonce + lambda * key_package.signing_share.0 * c;
    zeroize::Zeroize::zeroize(&mut nonce);
    // `signer_nonces` is dropped (and zeroized) here: it cannot sign again.
    Ok(SignatureShare(z))
}

/// The `R` that goes into the challenge and the signature: negated when the
/// suite has signers negate their nonces (an even-Y `R` for BIP340).
pub(crate) fn effective_commitment<C: Ciphersuite>(
    R: crate::ciphersuite::Element<C>,
) -> crate::ciphersuite::Element<C> {
    if C::negate_nonces(&R) { -R } else { R }
}
