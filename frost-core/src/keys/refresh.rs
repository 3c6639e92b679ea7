//! Share refresh: new shares of the same group key, with the same threshold,
//! for all participants or a subset of them.
//!
//! Every participant adds to its signing share its share of a fresh random
//! polynomial whose constant term is zero. The group key (the constant term
//! of the sum) does not change, every verifying share does, and shares of
//! different epochs do not combine: a signature needs `min_signers` shares
//! of one epoch. Participants left out of a refresh get no new share, and
//! the new [`PublicKeyPackage`] lists only the others: that is how a
//! participant is removed. The threshold cannot change
//! ([`Error::MinSignersChanged`]); to change it, run a new key generation.
//!
//! **What refresh does not do.** It does not disarm shares an attacker
//! already holds: `min_signers` shares of one epoch still reconstruct the
//! group signing key, however many refreshes follow. Refresh helps only
//! against an attacker who has collected fewer than `min_signers` shares of
//! any one epoch, and only if every participant **deletes its old
//! [`KeyPackage`]** (and every backup of it) once the refresh is done; a
//! removed participant's old share stays valid for the old epoch too.
//!
//! Two ways to refresh, like the two ways to generate keys:
//!
//! - **Trusted dealer**: the dealer calls [`compute_refreshing_shares`] and
//!   sends each [`RefreshingShare`] to its participant over an
//!   authenticated, confidential channel, with the new public key package
//!   to everyone; each participant calls [`refresh_share`].
//! - **DKG**: the rounds of [`crate::keys::dkg`], with its package types:
//!   [`refresh_dkg_part1`] (broadcast the round-1 package),
//!   [`refresh_dkg_part2`] (send each round-2 package to its recipient over
//!   an authenticated, confidential channel), then [`refresh_dkg_shares`],
//!   which checks every received share against its sender's commitment and
//!   returns the new key package and public key package. Compare
//!   [`dkg::round1::transcript_digest`] out of band, as for the DKG.
//!
//! On the wire a refresh commitment leaves out its constant term, whose
//! commitment is the identity (which SEC1 suites cannot even encode): a
//! round-1 package and a [`RefreshingShare`] carry `min_signers - 1`
//! coefficient commitments, the layout frost-core 3.x uses. A package that
//! carries a constant term anyway is refused
//! ([`Error::NonZeroRefreshConstant`], naming its sender). The round-1 proof
//! of knowledge is about the first non-constant coefficient: a proof of
//! knowledge of a zero constant would prove nothing. (frost-core 3.x sends
//! an unchecked proof there, so the two do not refresh together.)

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::fmt;
use zeroize::Zeroizing;

use rand_core::CryptoRng;

use crate::encoding::{Reader, Writer, decode_all};
use crate::keys::commitment::{SecretPolynomial, evaluate_commitment};
use crate::keys::dkg::{self, Kind, round1, round2};
use crate::keys::{
    KeyPackage, PublicKeyPackage, SecretShare, SigningShare, VerifiableSecretSharingCommitment, VerifyingShare,
    validate_num_of_signers,
};
use crate::{Ciphersuite, Error, Group, Identifier};

/// A trusted dealer's refresh share for one participant: its share of a
/// random polynomial with a zero constant term, and the commitment to that
/// polynomial, which [`refresh_share`] checks it against.
///
/// Secret: send it only to its participant, over an authenticated and
/// confidential channel. Zeroized on drop; `Debug` does not print the share.
#[derive(Clone, PartialEq, Eq)]
pub struct RefreshingShare<C: Ciphersuite> {
    /// The share, with the whole commitment, constant term first.
    share: SecretShare<C>,
}

impl<C: Ciphersuite> RefreshingShare<C> {
    /// Assembles a refreshing share. `commitment` is the whole commitment,
    /// constant term first; [`refresh_share`] refuses it unless that term
    /// is the identity.
    pub fn new(
        identifier: Identifier<C>,
        signing_share: SigningShare<C>,
        commitment: VerifiableSecretSharingCommitment<C>,
    ) -> Self {
        Self {
            share: SecretShare::new(identifier, signing_share, commitment),
        }
    }

    /// The receiving participant.
    pub fn identifier(&self) -> &Identifier<C> {
        &self.share.identifier
    }

    /// The share of the zero-constant polynomial.
    pub fn signing_share(&self) -> &SigningShare<C> {
        &self.share.signing_share
    }

    /// The commitment to the polynomial, constant term (the identity) first.
    pub fn commitment(&self) -> &VerifiableSecretSharingCommitment<C> {
        &self.share.commitment
    }

    /// The wire encoding, frost-core 3.x's: a [`SecretShare`] whose
    /// commitment leaves out the constant term (header, identifier, share,
    /// a count of `min_signers - 1`, the elements). The bytes are secret.
    ///
    /// A share whose constant term is not the identity cannot be encoded
    /// faithfully: its constant term is left out like any other, and the
    /// receiver's [`refresh_share`] then refuses the share as inconsistent.
    pub fn serialize(&self) -> Zeroizing<Vec<u8>> {
        let mut w = Writer::<C>::new();
        w.header();
        w.identifier(&self.share.identifier);
        w.scalar(&self.share.signing_share.0);
        VerifiableSecretSharingCommitment(self.share.commitment.0.iter().skip(1).copied().collect()).write(&mut w);
        Zeroizing::new(w.finish())
    }

    /// Decodes [`RefreshingShare::serialize`] output strictly, restoring
    /// the identity constant term.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        decode_all(bytes, |r: &mut Reader<'_, C>| {
            r.header()?;
            let identifier = r.identifier()?;
            let signing_share = SigningShare(r.scalar()?);
            let commitment = VerifiableSecretSharingCommitment::read(r)?;
            Ok(Self::new(
                identifier,
                signing_share,
                VerifiableSecretSharingCommitment(Kind::Refresh.full_commitment(&commitment.0)),
            ))
        })
    }
}

impl<C: Ciphersuite> fmt::Debug for RefreshingShare<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RefreshingShare")
            .field("identifier", &self.share.identifier)
            .field("signing_share", &self.share.signing_share)
            .field("commitment", &self.share.commitment)
            .finish()
    }
}

/// What [`compute_refreshing_shares`] returns: each participant's
/// refreshing share, keyed by identifier, and the new public key package.
pub type RefreshOutput<C> = (BTreeMap<Identifier<C>, RefreshingShare<C>>, PublicKeyPackage<C>);

/// Trusted dealer: draws a random polynomial with a zero constant term of
/// the group's threshold, and shares it among `identifiers`.
///
/// Returns one [`RefreshingShare`] per participant, to send to it over an
/// authenticated, confidential channel, and the new [`PublicKeyPackage`]
/// (same group key and threshold, new verifying shares, only `identifiers`
/// listed), to give to everyone. Participants of `public_key_package` left
/// out of `identifiers` are removed from the group.
///
/// The threshold is the package's `min_signers`, so a refresh cannot
/// change it. Refuses: a package without `min_signers`
/// ([`Error::InvalidMinSigners`]; pre-3.0 packages: rebuild it with
/// [`PublicKeyPackage::new`] and the original threshold), a repeated
/// identifier ([`Error::DuplicatedIdentifier`]), fewer identifiers than the
/// threshold ([`Error::TooFewSigners`]), and identifiers the package does not
/// know ([`Error::UnknownParticipant`]).
pub fn compute_refreshing_shares<C: Ciphersuite, R: CryptoRng + ?Sized>(
    public_key_package: &PublicKeyPackage<C>,
    identifiers: &[Identifier<C>],
    rng: &mut R,
) -> Result<RefreshOutput<C>, Error<C>> {
    let min_signers = public_key_package.min_signers.ok_or(Error::InvalidMinSigners)?;
    let sorted = crate::keys::sorted_distinct(identifiers)?;
    if sorted.len() < usize::from(min_signers) {
        return Err(Error::TooFewSigners {
            min_signers,
            got: sorted.len(),
        });
    }
    let polynomial = SecretPolynomial::random(C::Group::zero(), usize::from(min_signers) - 1, rng);
    let commitment = polynomial.commit();
    let mut shares = BTreeMap::new();
    let mut verifying_shares = BTreeMap::new();
    for id in sorted {
        let old = public_key_package
            .verifying_shares
            .get(&id)
            .ok_or(Error::UnknownParticipant { culprit: id })?;
        let signing_share = SigningShare(polynomial.evaluate(id.to_scalar()));
        verifying_shares.insert(id, VerifyingShare(old.0 + signing_share.verifying_share().0));
        shares.insert(id, RefreshingShare::new(id, signing_share, commitment.clone()));
    }
    Ok((
        shares,
        PublicKeyPackage::new(verifying_shares, public_key_package.verifying_key, min_signers),
    ))
}

/// Trusted dealer, each participant: checks its [`RefreshingShare`] and adds
/// it to its current signing share, returning the refreshed [`KeyPackage`].
///
/// Delete `current_key_package` once the new one is stored, and check the
/// new one against the dealer's new public key package
/// ([`KeyPackage::check_against`]).
///
/// Refuses: a commitment whose constant term is not the identity
/// ([`Error::NonZeroRefreshConstant`]: it would change the group key), one
/// whose length is not the current threshold ([`Error::MinSignersChanged`]),
/// and a share for another participant or inconsistent with the commitment
/// ([`Error::InvalidSecretShare`]). None of these names a culprit: the
/// dealer sent them.
pub fn refresh_share<C: Ciphersuite>(
    refreshing_share: RefreshingShare<C>,
    current_key_package: &KeyPackage<C>,
) -> Result<KeyPackage<C>, Error<C>> {
    let commitment = &refreshing_share.share.commitment.0;
    if commitment.first().is_some_and(|c| c.0 != C::Group::identity()) {
        return Err(Error::NonZeroRefreshConstant { culprits: Vec::new() });
    }
    let min_signers = current_key_package.min_signers;
    if commitment.len() != usize::from(min_signers) {
        return Err(Error::MinSignersChanged {
            expected: min_signers,
            got: u16::try_from(commitment.len()).unwrap_or(u16::MAX),
        });
    }
    let own = current_key_package.identifier;
    let zero_share = &refreshing_share.share.signing_share;
    if refreshing_share.share.identifier != own
        || zero_share.verifying_share().0 != evaluate_commitment::<C>(commitment, own)
    {
        return Err(Error::InvalidSecretShare { culprits: Vec::new() });
    }
    let signing_share = SigningShare(current_key_package.signing_share.0 + zero_share.0);
    let verifying_share = signing_share.verifying_share();
    KeyPackage::new(
        own,
        signing_share,
        verifying_share,
        current_key_package.verifying_key,
        min_signers,
    )
}

/// DKG refresh, round one: draws this participant's polynomial with a zero
/// constant term, commits to it and proves knowledge of its first
/// coefficient; the counterpart of [`dkg::part1`].
///
/// `max_signers` is the number of participants in this refresh (at least
/// `min_signers`; fewer than before removes the others), `min_signers`
/// the group's unchanged threshold. Keep the [`round1::SecretPackage`] for
/// [`refresh_dkg_part2`]; broadcast the [`round1::Package`].
pub fn refresh_dkg_part1<C: Ciphersuite, R: CryptoRng + ?Sized>(
    identifier: Identifier<C>,
    max_signers: u16,
    min_signers: u16,
    rng: &mut R,
) -> Result<(round1::SecretPackage<C>, round1::Package<C>), Error<C>> {
    validate_num_of_signers::<C>(min_signers, max_signers)?;
    let polynomial = SecretPolynomial::random(C::Group::zero(), usize::from(min_signers) - 1, rng);
    let proof_nonce = SigningShare::<C>(C::Group::random_scalar(rng));
    Ok(dkg::part1_from(
        identifier,
        max_signers,
        min_signers,
        polynomial,
        &proof_nonce,
        Kind::Refresh,
    ))
}

/// DKG refresh, round two: verifies every received round-1 package and
/// computes each other participant's share; the counterpart of
/// [`dkg::part2`], with the same refusals, plus a package that carries a
/// constant term ([`Error::NonZeroRefreshConstant`], naming every sender of
/// one) and a secret package from [`dkg::part1`]
/// ([`Error::ProtocolMismatch`]).
///
/// Keep the [`round2::SecretPackage`] for [`refresh_dkg_shares`]; send each
/// [`round2::Package`] only to its recipient, over an authenticated,
/// confidential channel.
pub fn refresh_dkg_part2<C: Ciphersuite>(
    secret_package: round1::SecretPackage<C>,
    round1_packages: &BTreeMap<Identifier<C>, round1::Package<C>>,
) -> Result<dkg::Part2Output<C>, Error<C>> {
    dkg::part2_of(Kind::Refresh, secret_package, round1_packages)
}

/// DKG refresh, round three: checks every received share against its
/// sender's commitment, and adds the sum to the old share; the counterpart
/// of [`dkg::part3`], with the same refusals and culprits.
///
/// Returns the new [`KeyPackage`] and the new [`PublicKeyPackage`], which
/// is the same for every participant and lists only the participants of
/// this refresh. Delete `old_key_package` once the new one is stored.
///
/// Also refuses: a threshold other than the old one
/// ([`Error::MinSignersChanged`]), an old key package of another participant
/// or inconsistent with the old public key package
/// ([`Error::InconsistentKeyPackage`]), and a participant the old package
/// does not know ([`Error::UnknownParticipant`], naming it).
pub fn refresh_dkg_shares<C: Ciphersuite>(
    round2_secret_package: &round2::SecretPackage<C>,
    round1_packages: &BTreeMap<Identifier<C>, round1::Package<C>>,
    round2_packages: &BTreeMap<Identifier<C>, round2::Package<C>>,
    old_public_key_package: &PublicKeyPackage<C>,
    old_key_package: &KeyPackage<C>,
) -> Result<(KeyPackage<C>, PublicKeyPackage<C>), Error<C>> {
    let min_signers = round2_secret_package.min_signers;
    if min_signers != old_key_package.min_signers {
        return Err(Error::MinSignersChanged {
            expected: old_key_package.min_signers,
            got: min_signers,
        });
    }
    old_key_package.check_against(old_public_key_package)?;
    let own = round2_secret_package.identifier;
    if old_key_package.identifier != own {
        return Err(Error::InconsistentKeyPackage);
    }
    if let Some(unknown) = round1_packages
        .keys()
        .find(|id| !old_public_key_package.verifying_shares.contains_key(id))
    {
        return Err(Error::UnknownParticipant { culprit: *unknown });
    }
    let zero = dkg::part3_of(Kind::Refresh, round2_secret_package, round1_packages, round2_packages)?;
    // Every commitment's constant term is the implicit identity, so the sum
    // of the zero polynomials has none either: the group key is unchanged.
    debug_assert!(zero.group_constant == C::Group::identity());

    let verifying_key = old_key_package.verifying_key;
    let signing_share = SigningShare(old_key_package.signing_share.0 + zero.signing_share.0);
    let verifying_share = signing_share.verifying_share();
    let verifying_shares = zero
        .verifying_shares
        .iter()
        .map(|(id, delta)| {
            let old = old_public_key_package
                .verifying_shares
                .get(id)
                .ok_or(Error::UnknownParticipant { culprit: *id })?;
            Ok((*id, VerifyingShare(old.0 + delta.0)))
        })
        .collect::<Result<BTreeMap<_, _>, Error<C>>>()?;
    let key_package = KeyPackage::new(own, signing_share, verifying_share, verifying_key, min_signers)?;
    Ok((
        key_package,
        PublicKeyPackage::new(verifying_shares, verifying_key, min_signers),
    ))
}
