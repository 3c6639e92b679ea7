//! The coordinator's last step: checking signature shares and combining them
//! into one Schnorr signature
//! ([RFC 9591 §5.3–5.4](https://www.rfc-editor.org/rfc/rfc9591#section-5.3)).

#![allow(non_snake_case)]

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use crate::ciphersuite::{Element, Scalar};
use crate::interpolation::lagrange_coefficient_at_zero;
use crate::keys::{PublicKeyPackage, VerifyingShare};
use crate::round2::{SignatureShare, effective_commitment};
use crate::signing_package::group_commitment;
use crate::{Ciphersuite, Error, Group, Identifier, Signature, SigningPackage, VerifyingKey};

/// Combines the signers' shares into the group signature and verifies it.
///
/// The shares must come from exactly the signers in the package:
/// [`Error::MissingSignatureShare`] and [`Error::UnexpectedSignatureShare`]
/// name the ones that differ. Only if the combined signature fails to verify
/// are the shares checked one by one, and [`Error::InvalidSignatureShare`]
/// names every signer whose share is wrong, so the honest path costs one
/// verification rather than one per signer. If every share verifies and the
/// signature still does not, [`Error::UnattributableSignatureFailure`] says
/// that no participant can be blamed.
pub fn aggregate<C: Ciphersuite>(
    signing_package: &SigningPackage<C>,
    signature_shares: &BTreeMap<Identifier<C>, SignatureShare<C>>,
    public_key_package: &PublicKeyPackage<C>,
) -> Result<Signature<C>, Error<C>> {
    let pubkeys = C::pre_aggregate(public_key_package)?;
    signing_package.check(pubkeys.min_signers.unwrap_or(2))?;
    let commitments = &signing_package.signing_commitments;

    let missing: Vec<_> = commitments
        .keys()
        .filter(|id| !signature_shares.contains_key(id))
        .copied()
        .collect();
    if !missing.is_empty() {
        return Err(Error::MissingSignatureShare { culprits: missing });
    }
    let unexpected: Vec<_> = signature_shares
        .keys()
        .filter(|id| !commitments.contains_key(id))
        .copied()
        .collect();
    if !unexpected.is_empty() {
        return Err(Error::UnexpectedSignatureShare { culprits: unexpected });
    }
    if let Some(unknown) = commitments.keys().find(|id| !pubkeys.verifying_shares.contains_key(id)) {
        return Err(Error::UnknownParticipant { culprit: *unknown });
    }

    let vk = pubkeys.verifying_key;
    let binding_factors = signing_package.binding_factors(&vk.0);
    let R = group_commitment(signing_package, &binding_factors)?;
    let z = signature_shares.values().fold(C::Group::zero(), |acc, s| acc + s.0);
    let signature = Signature::new(effective_commitment::<C>(R), z);

    if vk.verify(&signing_package.message, &signature).is_ok() {
        return Ok(signature);
    }

    // Cheater detection, only on failure: name every bad share.
    let c = C::challenge(&signature.R, &vk.0, &signing_package.message);
    let negate = C::negate_nonces(&R);
    let mut culprits = Vec::new();
    for (id, rho) in &binding_factors {
        let lambda = lagrange_coefficient_at_zero(*id, commitments.keys().copied())?;
        let share = CheckedShare {
            commitments: &commitments[id],
            rho: *rho,
            lambda,
            verifying_share: &pubkeys.verifying_shares[id],
        };
        if !share.verifies(&signature_shares[id], c, negate) {
            culprits.push(*id);
        }
    }
    if culprits.is_empty() {
        Err(Error::UnattributableSignatureFailure)
    } else {
        Err(Error::InvalidSignatureShare { culprits })
    }
}

/// Checks one signer's share, for a coordinator that wants to check shares as
/// they arrive rather than after aggregation
/// ([RFC 9591 §5.4](https://www.rfc-editor.org/rfc/rfc9591#section-5.4)).
///
/// Fails with [`Error::InvalidSignatureShare`] naming `identifier`, or
/// [`Error::UnknownParticipant`] when the package has no commitment from it.
pub fn verify_signature_share<C: Ciphersuite>(
    identifier: Identifier<C>,
    verifying_share: &VerifyingShare<C>,
    signature_share: &SignatureShare<C>,
    signing_package: &SigningPackage<C>,
    verifying_key: &VerifyingKey<C>,
) -> Result<(), Error<C>> {
    let mut shares = BTreeMap::new();
    shares.insert(identifier, *verifying_share);
    let pubkeys = PublicKeyPackage {
        verifying_shares: shares,
        verifying_key: *verifying_key,
        min_signers: None,
    };
    let pubkeys = C::pre_aggregate(&pubkeys)?;
    let verifying_share = pubkeys
        .verifying_shares
        .get(&identifier)
        .ok_or(Error::UnknownParticipant { culprit: identifier })?;
    if !signing_package.signing_commitments.contains_key(&identifier) {
        return Err(Error::UnknownParticipant { culprit: identifier });
    }
    ShareVerifier::new(signing_package, &pubkeys.verifying_key)?.verify(
        signing_package,
        identifier,
        verifying_share,
        signature_share,
    )
}

/// What every share of one signing package is checked against, computed
/// once: the binding factors, the challenge, and whether nonces are negated.
/// A coordinator checking many shares of one package as they arrive (ROAST)
/// pays for these once rather than once per share.
pub(crate) struct ShareVerifier<C: Ciphersuite> {
    /// In identifier order, as [`SigningPackage::binding_factors`] returns them.
    binding_factors: Vec<(Identifier<C>, Scalar<C>)>,
    c: Scalar<C>,
    negate: bool,
}

impl<C: Ciphersuite> ShareVerifier<C> {
    /// Refuses identity commitments and an identity group commitment.
    /// `verifying_key` must have been through [`Ciphersuite::pre_aggregate`].
    pub(crate) fn new(signing_package: &SigningPackage<C>, verifying_key: &VerifyingKey<C>) -> Result<Self, Error<C>> {
        signing_package.check(0)?;
        let vk = verifying_key.0;
        let binding_factors = signing_package.binding_factors(&vk);
        let R = group_commitment(signing_package, &binding_factors)?;
        let c = C::challenge(&effective_commitment::<C>(R), &vk, &signing_package.message);
        Ok(Self {
            binding_factors,
            c,
            negate: C::negate_nonces(&R),
        })
    }

    /// Checks `identifier`'s share of `signing_package` (the package this
    /// verifier was made for) against its `verifying_share` (through
    /// [`Ciphersuite::pre_aggregate`]).
    pub(crate) fn verify(
        &self,
        signing_package: &SigningPackage<C>,
        identifier: Identifier<C>,
        verifying_share: &VerifyingShare<C>,
        signature_share: &SignatureShare<C>,
    ) -> Result<(), Error<C>> {
        let unknown = Error::UnknownParticipant { culprit: identifier };
        let commitments = signing_package
            .signing_commitments
            .get(&identifier)
            .ok_or(unknown.clone())?;
        let rho = self
            .binding_factors
            .binary_search_by(|(id, _)| id.cmp(&identifier))
            .map(|i| self.binding_factors[i].1)
            .map_err(|_| unknown)?;
        let lambda = lagrange_coefficient_at_zero(identifier, signing_package.signing_commitments.keys().copied())?;
        let share = CheckedShare {
            commitments,
            rho,
            lambda,
            verifying_share,
        };
        if share.verifies(signature_share, self.c, self.negate) {
            Ok(())
        } else {
            Err(Error::InvalidSignatureShare {
                culprits: alloc::vec![identifier],
            })
        }
    }
}

/// The public values one share is checked against.
struct CheckedShare<'a, C: Ciphersuite> {
    commitments: &'a crate::round1::SigningCommitments<C>,
    rho: Scalar<C>,
    lambda: Scalar<C>,
    verifying_share: &'a VerifyingShare<C>,
}

impl<C: Ciphersuite> CheckedShare<'_, C> {
    /// `z_i * B == ±(D_i + rho_i * E_i) + (c * lambda_i) * Y_i`.
    fn verifies(&self, share: &SignatureShare<C>, c: Scalar<C>, negate: bool) -> bool {
        let sign = if negate { -C::Group::one() } else { C::Group::one() };
        let scalars = [share.0, -sign, -(sign * self.rho), -(c * self.lambda)];
        let elements: [Element<C>; 4] = [
            C::Group::generator(),
            self.commitments.hiding.0,
            self.commitments.binding.0,
            self.verifying_share.0,
        ];
        C::Group::vartime_multiscalar_mul(&scalars, &elements) == C::Group::identity()
    }
}
