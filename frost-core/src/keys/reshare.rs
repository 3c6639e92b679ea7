//! Resharing: hand the group key to a new set of holders with a new
//! threshold, `t`-of-`n` to `t'`-of-`n'`, without changing the group key.
//!
//! Members leave, new ones join, a 2-of-3 grows into a 3-of-5: resharing
//! does all of these and keeps the group verifying key, so addresses and
//! funds stay where they are. At least `t` holders of the current key, the
//! **dealer set** `D`, each share their weighted share `lambda_i * s_i`
//! (`lambda_i` their Lagrange coefficient in `D`, so that these sum to the
//! group signing key) with a fresh polynomial of degree `t' - 1`; each new
//! member adds up the sub-shares it receives. No one holds the whole key
//! at any point.
//!
//! 1. Everyone agrees on the [`Parameters`]: the current
//!    [`PublicKeyPackage`], which every new member must hold
//!    **authentically** (it is what the dealers are checked against), the
//!    dealer set, the new identifiers (which may overlap with the old ones,
//!    drop some and add new ones) and the new threshold `t'`.
//! 2. Each dealer calls [`deal`] with its current [`KeyPackage`]. It
//!    **broadcasts** the [`round1::Package`] (the commitment to its
//!    polynomial and a proof of knowledge of its constant term) to every new
//!    member, and sends each new member its [`round2::Package`] over an
//!    authenticated, confidential channel. These are `keys::dkg`'s channels
//!    and `keys::dkg`'s message types, so whatever carries a DKG (for
//!    instance an encrypted, certified transport) carries a reshare.
//! 3. Each new member calls [`receive`] with every dealer's round-1 package
//!    and the round-2 package each dealer sent it. A dealer that is also a
//!    new member runs both sides: it keeps the round-2 package [`deal`]
//!    returned for itself and passes it to [`receive`] with the others.
//!    [`receive`] checks that each commitment has `t'` entries, that each
//!    dealer's constant term is `lambda_i * Y_i` for its current verifying
//!    share `Y_i`, that these sum to the unchanged group key, every proof of
//!    knowledge, and every sub-share against its dealer's commitment,
//!    naming every dealer that failed a check ([`Error::culprits`]). It
//!    returns the member's new [`KeyPackage`] and the new
//!    [`PublicKeyPackage`] (threshold `t'`), the same bytes for every
//!    member.
//! 4. Every new member (and any dealer that wants to) compares
//!    [`transcript_digest`] out of band: equal digests mean everyone saw the
//!    same broadcasts and holds the same new public key package.
//!
//! **What resharing cannot do.**
//!
//! - It does not take the key away from the old holders. The old shares
//!   still reconstruct the group signing key, and still sign, at the old
//!   threshold, unless their holders delete them (and every backup). So
//!   raising the threshold, lowering it, or removing a member is only as
//!   good as that deletion: any `t` old holders who keep their shares keep
//!   the key.
//! - With `t' = t` and the same members it is a refresh, and
//!   [`crate::keys::refresh`] is the cheaper tool for that.
//! - It needs `keys::dkg`'s two channels: a real broadcast, and
//!   authenticated confidential point-to-point channels. Nothing here
//!   encrypts or authenticates.
//!
//! Secrets are handled as in the DKG: the dealer's polynomial lives only
//! inside [`deal`] and is zeroized on return; sub-shares travel in
//! [`round2::Package`], zeroized on drop and redacted by `Debug`, and
//! [`receive`] consumes them by value.

#![allow(non_snake_case)] // `Y_i` as in the equations above.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::fmt;

use rand_core::CryptoRng;
use sha2::{Digest, Sha256};

use crate::ciphersuite::{Element, Scalar};
use crate::interpolation::lagrange_coefficient_at_zero;
use crate::keys::commitment::{SecretPolynomial, evaluate_commitment, evaluate_commitment_at_all};
use crate::keys::dkg::{self, round1, round2};
use crate::keys::{
    KeyPackage, PublicKeyPackage, SigningShare, VerifyingShare, sorted_distinct, validate_num_of_signers,
};
use crate::{Ciphersuite, Error, Group, Identifier};

/// The proof-of-knowledge context of a reshare, so that a dealer's proof
/// is not also a DKG proof.
const POK_CONTEXT: &[u8] = b"FROST-RESHARE-POK-v1";

/// What everyone in a reshare agrees on: the current public key package,
/// the dealer set, the new identifiers and the new threshold.
///
/// Built once with [`Parameters::new`], which checks them; [`deal`],
/// [`receive`] and [`transcript_digest`] take it.
#[derive(Clone)]
pub struct Parameters<C: Ciphersuite> {
    old: PublicKeyPackage<C>,
    /// Ascending, distinct, each known to `old`.
    dealers: Vec<Identifier<C>>,
    /// `lambda_i` of each dealer in the dealer set, in `dealers` order.
    lambdas: Vec<Scalar<C>>,
    /// Ascending, distinct.
    new_identifiers: Vec<Identifier<C>>,
    new_min_signers: u16,
}

impl<C: Ciphersuite> Parameters<C> {
    /// Checks and records a reshare's parameters.
    ///
    /// `public_key_package` is the current one, which must have reached the
    /// caller authentically. Refuses: a package without `min_signers`
    /// ([`Error::InvalidMinSigners`]; rebuild a pre-3.0 package with
    /// [`PublicKeyPackage::new`]), a repeated dealer or new identifier
    /// ([`Error::DuplicatedIdentifier`]), a dealer the package does not know
    /// ([`Error::UnknownParticipant`], naming it), fewer dealers than the
    /// current threshold ([`Error::TooFewSigners`]), `new_min_signers < 2`
    /// ([`Error::InvalidMinSigners`]) and fewer new identifiers than
    /// `new_min_signers` ([`Error::InvalidMaxSigners`]).
    pub fn new(
        public_key_package: &PublicKeyPackage<C>,
        dealers: &[Identifier<C>],
        new_identifiers: &[Identifier<C>],
        new_min_signers: u16,
    ) -> Result<Self, Error<C>> {
        let min_signers = public_key_package.min_signers.ok_or(Error::InvalidMinSigners)?;
        let dealers = sorted_distinct(dealers)?;
        if let Some(unknown) = dealers
            .iter()
            .find(|id| !public_key_package.verifying_shares.contains_key(id))
        {
            return Err(Error::UnknownParticipant { culprit: *unknown });
        }
        if dealers.len() < usize::from(min_signers) {
            return Err(Error::TooFewSigners {
                min_signers,
                got: dealers.len(),
            });
        }
        let new_identifiers = sorted_distinct(new_identifiers)?;
        let max_signers = u16::try_from(new_identifiers.len()).map_err(|_| Error::InvalidMaxSigners)?;
        validate_num_of_signers::<C>(new_min_signers, max_signers)?;
        let lambdas = dealers
            .iter()
            .map(|id| lagrange_coefficient_at_zero(*id, dealers.iter().copied()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            old: public_key_package.clone(),
            dealers,
            lambdas,
            new_identifiers,
            new_min_signers,
        })
    }

    /// The current public key package.
    pub fn public_key_package(&self) -> &PublicKeyPackage<C> {
        &self.old
    }

    /// The dealer set, ascending.
    pub fn dealers(&self) -> &[Identifier<C>] {
        &self.dealers
    }

    /// The new identifiers, ascending.
    pub fn new_identifiers(&self) -> &[Identifier<C>] {
        &self.new_identifiers
    }

    /// The new threshold `t'`.
    pub fn new_min_signers(&self) -> u16 {
        self.new_min_signers
    }

    /// `lambda_i`, for a dealer of the set.
    pub(crate) fn lambda(&self, dealer: &Identifier<C>) -> Option<Scalar<C>> {
        let i = self.dealers.binary_search(dealer).ok()?;
        self.lambdas.get(i).copied()
    }

    /// `Y_i`, for a dealer of the set (all are known to the package).
    fn old_verifying_share(&self, dealer: &Identifier<C>) -> Result<Element<C>, Error<C>> {
        self.old
            .verifying_shares
            .get(dealer)
            .map(|y| y.0)
            .ok_or(Error::UnknownParticipant { culprit: *dealer })
    }
}

impl<C: Ciphersuite> fmt::Debug for Parameters<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Parameters")
            .field("verifying_key", &self.old.verifying_key)
            .field("dealers", &self.dealers)
            .field("new_identifiers", &self.new_identifiers)
            .field("new_min_signers", &self.new_min_signers)
            .finish()
    }
}

/// What [`deal`] returns: the package to broadcast, and one sub-share per
/// new member, keyed by recipient.
pub type DealOutput<C> = (round1::Package<C>, BTreeMap<Identifier<C>, round2::Package<C>>);

/// A dealer's whole part: shares `lambda_i * s_i` with a fresh random
/// polynomial of degree `t' - 1`, commits to it and proves knowledge of the
/// constant term.
///
/// Broadcast the [`round1::Package`] to every new member; send each
/// [`round2::Package`] only to the new member it is keyed by, over an
/// authenticated, confidential channel. If this dealer is also a new
/// member, keep its own and pass it to [`receive`]. Keep `key_package`
/// until the reshare has succeeded, then delete it (see the module docs).
///
/// Refuses a key package inconsistent with the parameters' public key
/// package ([`Error::InconsistentKeyPackage`]) or whose holder is not a
/// dealer ([`Error::NotADealer`]).
pub fn deal<C: Ciphersuite, R: CryptoRng + ?Sized>(
    parameters: &Parameters<C>,
    key_package: &KeyPackage<C>,
    rng: &mut R,
) -> Result<DealOutput<C>, Error<C>> {
    key_package.check_against(&parameters.old)?;
    let own = key_package.identifier;
    let lambda = parameters.lambda(&own).ok_or(Error::NotADealer)?;
    let secret = SigningShare::<C>(lambda * key_package.signing_share.0);
    let polynomial = SecretPolynomial::random(secret.0, usize::from(parameters.new_min_signers) - 1, rng);
    let commitment = polynomial.commit();
    let proof_nonce = SigningShare::<C>(C::Group::random_scalar(rng));
    let proof = dkg::prove_knowledge(POK_CONTEXT, own, &secret.0, &commitment, &proof_nonce);
    let shares = parameters
        .new_identifiers
        .iter()
        .map(|id| {
            (
                *id,
                round2::Package::new(SigningShare(polynomial.evaluate(id.to_scalar()))),
            )
        })
        .collect();
    Ok((round1::Package::new(commitment, proof), shares))
}

/// A new member's whole part: checks every dealer's broadcast and
/// sub-share and returns this member's new [`KeyPackage`] and the new
/// [`PublicKeyPackage`] (threshold `t'`, the unchanged group key, every new
/// member listed).
///
/// `round1_packages` holds every dealer's broadcast package and
/// `round2_packages` the sub-share each dealer sent to `identifier`, both
/// keyed by dealer, this member's own included if it is a dealer. The
/// sub-shares are consumed.
///
/// Refuses, naming the dealers at fault: a missing or unexpected package
/// ([`Error::MissingPackage`], [`Error::UnexpectedPackage`]), a commitment
/// without exactly `t'` entries ([`Error::IncorrectCommitmentLength`]), a
/// constant term other than `lambda_i * Y_i`
/// ([`Error::InvalidReshareConstant`]), a proof of knowledge that fails
/// ([`Error::InvalidProofOfKnowledge`]) and a sub-share that does not match
/// its dealer's commitment ([`Error::InvalidSecretShare`]). Also refuses an
/// identifier outside the new set ([`Error::NotANewMember`]) and constant
/// terms that are each right but do not sum to the group key, which means
/// the current public key package is itself inconsistent
/// ([`Error::InconsistentPublicKeyPackage`]: no dealer is to blame).
///
/// Every new member obtains the same public key package; compare
/// [`transcript_digest`] out of band before using the new key package.
pub fn receive<C: Ciphersuite>(
    parameters: &Parameters<C>,
    identifier: Identifier<C>,
    round1_packages: &BTreeMap<Identifier<C>, round1::Package<C>>,
    round2_packages: BTreeMap<Identifier<C>, round2::Package<C>>,
) -> Result<(KeyPackage<C>, PublicKeyPackage<C>), Error<C>> {
    if parameters.new_identifiers.binary_search(&identifier).is_err() {
        return Err(Error::NotANewMember);
    }
    check_senders(&parameters.dealers, round1_packages)?;
    check_senders(&parameters.dealers, &round2_packages)?;
    let t_new = parameters.new_min_signers;
    let culprits: Vec<_> = round1_packages
        .iter()
        .filter(|(_, p)| p.commitment.len() != usize::from(t_new))
        .map(|(dealer, _)| *dealer)
        .collect();
    if !culprits.is_empty() {
        return Err(Error::IncorrectCommitmentLength {
            culprits,
            expected: usize::from(t_new),
        });
    }

    // The new share is the sum of the sub-shares. It is secret to this
    // member (each dealer knows only its own term), so it seeds the batch
    // weights below (DECISIONS 3).
    let signing_share = SigningShare::<C>(
        round2_packages
            .values()
            .fold(C::Group::zero(), |acc, p| acc + p.signing_share.0),
    );
    // Encoded once: the constants and proofs feed the fingerprint that
    // seeds both batches, and the challenges.
    let proofs = dkg::encode_proofs(round1_packages)?;
    let fingerprint = dkg::fingerprint(&proofs, round1_packages);

    check_constants(parameters, &signing_share.0, &fingerprint, round1_packages)?;
    let group_constant = round1_packages
        .values()
        .fold(C::Group::identity(), |acc, p| acc + p.commitment.0[0].0);
    if group_constant != parameters.old.verifying_key.0 {
        return Err(Error::InconsistentPublicKeyPackage);
    }

    let challenges: Vec<_> = proofs.iter().map(|p| p.challenge(POK_CONTEXT)).collect();
    dkg::verify_proofs(&proofs, &challenges, &signing_share.0, &fingerprint)?;

    let group = group_commitment(round1_packages);
    let verifying_share = signing_share.verifying_share();
    check_sub_shares(&verifying_share, &group, round1_packages, &round2_packages, identifier)?;
    drop(round2_packages);
    let verifying_shares: BTreeMap<_, _> = parameters
        .new_identifiers
        .iter()
        .copied()
        .zip(
            evaluate_commitment_at_all::<C>(&group, &parameters.new_identifiers)
                .into_iter()
                .map(VerifyingShare),
        )
        .collect();
    let verifying_key = parameters.old.verifying_key;
    let key_package = KeyPackage::new(identifier, signing_share, verifying_share, verifying_key, t_new)?;
    Ok((
        key_package,
        PublicKeyPackage::new(verifying_shares, verifying_key, t_new),
    ))
}

/// Refuses a map whose senders are not exactly the dealer set, naming the
/// missing and the unexpected ones.
fn check_senders<C: Ciphersuite, T>(
    dealers: &[Identifier<C>],
    packages: &BTreeMap<Identifier<C>, T>,
) -> Result<(), Error<C>> {
    let (missing, unexpected) = crate::keys::missing_and_unexpected(dealers, packages);
    if !missing.is_empty() {
        return Err(Error::MissingPackage { culprits: missing });
    }
    if !unexpected.is_empty() {
        return Err(Error::UnexpectedPackage { culprits: unexpected });
    }
    Ok(())
}

/// The coefficient-wise sum of the dealers' commitments: the commitment to
/// the new group polynomial.
fn group_commitment<C: Ciphersuite>(
    round1_packages: &BTreeMap<Identifier<C>, round1::Package<C>>,
) -> Vec<crate::keys::CoefficientCommitment<C>> {
    let mut packages = round1_packages.values();
    let mut group = packages.next().map(|p| p.commitment.0.clone()).unwrap_or_default();
    for package in packages {
        for (sum, c) in group.iter_mut().zip(&package.commitment.0) {
            sum.0 = sum.0 + c.0;
        }
    }
    group
}

/// Checks the sub-shares, as the DKG's part3 does: the sum against the
/// summed commitment, `s * B == sum_j x^j * (sum_i C_ij)`, which holds when
/// each sub-share matches its dealer's commitment. (When it holds although
/// some do not, their errors cancel and `s` is still the new group
/// polynomial at `x`: the key package is right.) Only on failure is each
/// sub-share checked, to name the dealers.
fn check_sub_shares<C: Ciphersuite>(
    verifying_share: &VerifyingShare<C>,
    group: &[crate::keys::CoefficientCommitment<C>],
    round1_packages: &BTreeMap<Identifier<C>, round1::Package<C>>,
    round2_packages: &BTreeMap<Identifier<C>, round2::Package<C>>,
    own: Identifier<C>,
) -> Result<(), Error<C>> {
    if verifying_share.0 == evaluate_commitment::<C>(group, own) {
        return Ok(());
    }
    let culprits = round2_packages
        .iter()
        .filter(|(dealer, package)| {
            round1_packages.get(*dealer).is_none_or(|p| {
                C::Group::base_mul(&package.signing_share.0) != evaluate_commitment::<C>(&p.commitment.0, own)
            })
        })
        .map(|(dealer, _)| *dealer)
        .collect();
    Err(Error::InvalidSecretShare { culprits })
}

/// Checks `C_i0 == lambda_i * Y_i` for every dealer, at once as
/// `sum w_i C_i0 - sum (w_i lambda_i) Y_i == 0` (one multiscalar
/// multiplication), with 128-bit weights hashed from this member's secret
/// and the round-1 fingerprint, as the DKG's proof batch does; one by one only
/// to name the dealers after the batch fails.
fn check_constants<C: Ciphersuite>(
    parameters: &Parameters<C>,
    own_secret: &Scalar<C>,
    fingerprint: &[u8; 32],
    round1_packages: &BTreeMap<Identifier<C>, round1::Package<C>>,
) -> Result<(), Error<C>> {
    // The fingerprint binds every constant term; the tag keeps these
    // weights apart from the proof batch's.
    let mut seed = Sha256::new();
    seed.update(b"FROST-RESHARE-CONSTANTS-v1");
    seed.update(fingerprint);
    let seed: [u8; 32] = seed.finalize().into();
    let weights = dkg::batch_weights::<C>(own_secret, &seed, round1_packages.len());
    let mut scalars = Vec::with_capacity(2 * round1_packages.len());
    let mut elements = Vec::with_capacity(2 * round1_packages.len());
    let mut expected = Vec::with_capacity(round1_packages.len());
    for ((dealer, package), w) in round1_packages.iter().zip(&weights) {
        let lambda = parameters.lambda(dealer).ok_or(Error::UnexpectedPackage {
            culprits: alloc::vec![*dealer],
        })?;
        let y = parameters.old_verifying_share(dealer)?;
        scalars.push(*w);
        elements.push(package.commitment.0[0].0);
        scalars.push(-(*w * lambda));
        elements.push(y);
        expected.push((lambda, y));
    }
    if C::Group::vartime_multiscalar_mul(&scalars, &elements) == C::Group::identity() {
        return Ok(());
    }
    let culprits = round1_packages
        .iter()
        .zip(&expected)
        .filter(|((_, p), (lambda, y))| p.commitment.0[0].0 != C::Group::vartime_multiscalar_mul(&[*lambda], &[*y]))
        .map(|((dealer, _), _)| *dealer)
        .collect();
    Err(Error::InvalidReshareConstant { culprits })
}

/// A 32-byte digest of a whole reshare, for everyone to compare out of band
/// (read aloud, or over a second channel): the parameters (current public
/// key package, dealers, new identifiers, new threshold), every dealer's
/// broadcast package, and the new public key package.
///
/// Pass every dealer's round-1 package. Equal digests mean everyone received
/// the same broadcasts and obtained the same new public key package; if any
/// two differ, the broadcast failed: do not use the new keys.
///
/// SHA-256 over a domain tag, the ciphersuite ID, the encodings above
/// (length-prefixed) and [`round1::transcript_digest`] of the packages.
pub fn transcript_digest<C: Ciphersuite>(
    parameters: &Parameters<C>,
    round1_packages: &BTreeMap<Identifier<C>, round1::Package<C>>,
    new_public_key_package: &PublicKeyPackage<C>,
) -> [u8; 32] {
    let mut h = Sha256::new();
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    };
    field(b"FROST-RESHARE-TRANSCRIPT-v1");
    field(C::ID.as_bytes());
    field(&parameters.old.serialize());
    for set in [&parameters.dealers, &parameters.new_identifiers] {
        let ids: Vec<u8> = set.iter().flat_map(|id| id.serialize()).collect();
        field(&ids);
    }
    field(&parameters.new_min_signers.to_be_bytes());
    field(&round1::transcript_digest(round1_packages));
    field(&new_public_key_package.serialize());
    h.finalize().into()
}
