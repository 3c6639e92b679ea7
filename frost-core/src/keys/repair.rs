//! Share repair: helpers rebuild a participant's lost share without anyone
//! revealing their own.
//!
//! This is the repairable threshold scheme of Laing and Stinson ("A survey
//! and refinement of repairable threshold schemes",
//! <https://eprint.iacr.org/2017/1155>, section 3). The participant `p` who
//! lost its [`KeyPackage`] asks a set of at least `min_signers` other
//! participants, the *helpers*, who agree on the helper list (sorted or not,
//! but the same set for all). Then:
//!
//! 1. every helper `i` calls [`repair_share_part1`]: it splits
//!    `L_i(p) * s_i` (its share weighted by its Lagrange coefficient at `p`
//!    over the helper set) into random [`Delta`]s that sum to it, one per
//!    helper, itself included, and sends each to its helper over an
//!    authenticated, confidential channel;
//! 2. every helper `j` calls [`repair_share_part2`] with the deltas it
//!    received (its own included) and sends the resulting [`Sigma`], their
//!    sum, to the participant over an authenticated, confidential channel;
//! 3. the participant calls [`repair_share_part3`] with every helper's sigma
//!    and the group's [`PublicKeyPackage`]: the sigmas sum to
//!    `sum_i L_i(p) * s_i = f(p)`, its share.
//!
//! A single delta or sigma is a uniformly random scalar: no helper learns
//! another's share, and the participant learns only its own. (A coalition
//! that sees all deltas sent to or from one helper learns that helper's
//! weighted share; that is why each delta goes only to its recipient.)
//!
//! Step 3 checks the result against the participant's verifying share in the
//! public key package, so a wrong delta or sigma never yields a wrong key
//! package. The values are random sums, so the protocol cannot say *which*
//! helper sent a wrong one: the error ([`Error::InvalidRepairedShare`]) says
//! so. Retry with another helper set.
//!
//! The wire bytes of [`Delta`] and [`Sigma`] are those of frost-core 3.x,
//! so helpers running either implementation can repair together.
//!
//! All three steps, in one process for the example (in practice each
//! helper runs on its own machine, and the values travel as bytes):
//!
//! ```
//! use std::collections::BTreeMap;
//! use frost_core::keys::repairable::{self, Delta};
//! use frost_core::keys::{KeyPackage, PublicKeyPackage};
//! use frost_core::{Ciphersuite, Error, Identifier};
//!
//! fn repair<C: Ciphersuite>(
//!     helpers: &BTreeMap<Identifier<C>, KeyPackage<C>>,
//!     lost: Identifier<C>,
//!     public_key_package: &PublicKeyPackage<C>,
//!     rng: &mut impl rand_core::CryptoRng,
//! ) -> Result<KeyPackage<C>, Error<C>> {
//!     let ids: Vec<_> = helpers.keys().copied().collect();
//!     // Step 1: each helper's deltas, keyed by recipient.
//!     let mut inbox: BTreeMap<_, BTreeMap<_, Delta<C>>> = BTreeMap::new();
//!     for (sender, kp) in helpers {
//!         for (to, delta) in repairable::repair_share_part1(&ids, lost, kp, public_key_package, rng)? {
//!             inbox.entry(to).or_default().insert(*sender, delta);
//!         }
//!     }
//!     // Step 2: each helper sums what it received into a sigma for `lost`.
//!     let mut sigmas = BTreeMap::new();
//!     for (helper, kp) in helpers {
//!         sigmas.insert(*helper, repairable::repair_share_part2(&ids, lost, kp, &inbox[helper])?);
//!     }
//!     // Step 3: the participant rebuilds and checks its key package.
//!     repairable::repair_share_part3(&ids, lost, &sigmas, public_key_package)
//! }
//! ```

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::fmt;

use rand_core::CryptoRng;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::ciphersuite::{Scalar, scalar_bytes};
use crate::interpolation::lagrange_coefficient_at;
use crate::keys::{KeyPackage, PublicKeyPackage, SigningShare};
use crate::{Ciphersuite, Error, Group, Identifier};

/// Defines a secret scalar sent during repair: zeroized on drop, never
/// printed, encoded as the bare canonical scalar.
macro_rules! repair_value {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name<C: Ciphersuite>(pub(crate) Scalar<C>);

        impl<C: Ciphersuite> $name<C> {
            /// The wire encoding: the canonical scalar alone, with no header,
            /// exactly as frost-core 3.x writes it. The bytes are secret and
            /// are zeroized when dropped.
            pub fn serialize(&self) -> Zeroizing<Vec<u8>> {
                Zeroizing::new(scalar_bytes::<C>(&self.0))
            }

            /// Decodes [`Self::serialize`] output strictly: exactly one
            /// canonical scalar, nothing before or after it.
            pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
                crate::encoding::decode_scalar::<C>(bytes)
                    .map(Self)
                    .map_err(Into::into)
            }
        }

        impl<C: Ciphersuite> Zeroize for $name<C> {
            fn zeroize(&mut self) {
                self.0.zeroize();
            }
        }

        impl<C: Ciphersuite> Drop for $name<C> {
            fn drop(&mut self) {
                self.zeroize();
            }
        }

        impl<C: Ciphersuite> ZeroizeOnDrop for $name<C> {}

        impl<C: Ciphersuite> fmt::Debug for $name<C> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(<redacted>)"))
            }
        }
    };
}

repair_value! {
    /// What [`repair_share_part1`] sends from one helper to another: a random
    /// piece of the sender's Lagrange-weighted share.
    ///
    /// Secret: send it only to its recipient, over an authenticated and
    /// confidential channel. Zeroized on drop; `Debug` does not print it.
    Delta
}

repair_value! {
    /// What [`repair_share_part2`] sends from a helper to the participant
    /// being repaired: the sum of the deltas the helper received.
    ///
    /// Secret: send it only to the participant, over an authenticated and
    /// confidential channel. Zeroized on drop; `Debug` does not print it.
    Sigma
}

/// Step 1, run by every helper: splits this helper's share, weighted by its
/// Lagrange coefficient at `participant` over the helper set, into one random
/// [`Delta`] per helper (itself included), keyed by recipient.
///
/// `helpers` is the agreed helper set; `key_package` is the calling helper's
/// own, and `public_key_package` the group's, which it must agree with.
/// Send each delta to its helper over an authenticated, confidential
/// channel, and keep the one addressed to yourself for
/// [`repair_share_part2`].
///
/// Refuses ([`Error`] variant in brackets): a helper listed twice
/// ([`Error::DuplicatedIdentifier`]), the participant among the helpers
/// ([`Error::RepairedParticipantIsHelper`]), a helper set without the caller
/// ([`Error::NotAHelper`]), fewer than `min_signers` helpers
/// ([`Error::TooFewHelpers`]), a helper or participant the public key
/// package does not know ([`Error::UnknownParticipant`], naming it), and a
/// key package that disagrees with the public key package
/// ([`Error::InconsistentKeyPackage`]).
pub fn repair_share_part1<C: Ciphersuite, R: CryptoRng + ?Sized>(
    helpers: &[Identifier<C>],
    participant: Identifier<C>,
    key_package: &KeyPackage<C>,
    public_key_package: &PublicKeyPackage<C>,
    rng: &mut R,
) -> Result<BTreeMap<Identifier<C>, Delta<C>>, Error<C>> {
    key_package.check_against(public_key_package)?;
    let helpers = check_helpers(helpers, participant, key_package)?;
    for id in helpers.iter().chain(core::iter::once(&participant)) {
        if !public_key_package.verifying_shares.contains_key(id) {
            return Err(Error::UnknownParticipant { culprit: *id });
        }
    }
    let zeta = lagrange_coefficient_at(participant.to_scalar(), key_package.identifier, helpers.iter().copied())?;
    let weighted = Zeroizing::new(zeta * key_package.signing_share.0);

    // Random deltas for every helper but the last; the last one makes the sum.
    let (last, rest) = helpers.split_last().ok_or(Error::TooFewHelpers {
        min_signers: key_package.min_signers,
        got: 0,
    })?;
    let mut sum = Zeroizing::new(C::Group::zero());
    let mut deltas = BTreeMap::new();
    for helper in rest {
        let delta = Delta(C::Group::random_scalar(rng));
        *sum = *sum + delta.0;
        deltas.insert(*helper, delta);
    }
    deltas.insert(*last, Delta(*weighted - *sum));
    Ok(deltas)
}

/// Step 2, run by every helper: sums the deltas it received from every
/// helper (its own included) into the [`Sigma`] it sends to the participant
/// over an authenticated, confidential channel.
///
/// `deltas` is keyed by sender. Takes the same `helpers` and `participant`
/// as [`repair_share_part1`], and the caller's key package, and refuses the
/// same malformed helper sets, plus a missing delta
/// ([`Error::MissingRepairValue`]) or one from outside the helper set
/// ([`Error::UnexpectedRepairValue`]), naming the senders.
pub fn repair_share_part2<C: Ciphersuite>(
    helpers: &[Identifier<C>],
    participant: Identifier<C>,
    key_package: &KeyPackage<C>,
    deltas: &BTreeMap<Identifier<C>, Delta<C>>,
) -> Result<Sigma<C>, Error<C>> {
    let helpers = check_helpers(helpers, participant, key_package)?;
    check_senders(&helpers, deltas)?;
    let mut sigma = Sigma(C::Group::zero());
    for delta in deltas.values() {
        sigma.0 = sigma.0 + delta.0;
    }
    Ok(sigma)
}

/// Step 3, run by the participant being repaired: sums the helpers' sigmas
/// into its signing share, checks it, and returns its [`KeyPackage`].
///
/// `sigmas` is keyed by sender and must come from exactly the `helpers`
/// ([`Error::MissingRepairValue`], [`Error::UnexpectedRepairValue`] name the
/// senders otherwise). The public key package, which any helper can send
/// (it is public, but must be authentic), supplies the group key, the
/// threshold and the participant's verifying share, against which the
/// result is checked: a mismatch is [`Error::InvalidRepairedShare`] (a helper
/// sent a wrong value; which one cannot be determined). Also refuses the
/// malformed helper sets [`repair_share_part1`] refuses, and a public key
/// package without `min_signers` ([`Error::InvalidMinSigners`]; pre-3.0
/// packages: rebuild it with [`PublicKeyPackage::new`]).
pub fn repair_share_part3<C: Ciphersuite>(
    helpers: &[Identifier<C>],
    participant: Identifier<C>,
    sigmas: &BTreeMap<Identifier<C>, Sigma<C>>,
    public_key_package: &PublicKeyPackage<C>,
) -> Result<KeyPackage<C>, Error<C>> {
    let min_signers = public_key_package.min_signers.ok_or(Error::InvalidMinSigners)?;
    let helpers = check_helper_set(helpers, participant, min_signers)?;
    let verifying_share = *public_key_package
        .verifying_shares
        .get(&participant)
        .ok_or(Error::UnknownParticipant { culprit: participant })?;
    if let Some(unknown) = helpers
        .iter()
        .find(|id| !public_key_package.verifying_shares.contains_key(id))
    {
        return Err(Error::UnknownParticipant { culprit: *unknown });
    }
    check_senders(&helpers, sigmas)?;
    let mut share = SigningShare(C::Group::zero());
    for sigma in sigmas.values() {
        share.0 = share.0 + sigma.0;
    }
    if share.verifying_share() != verifying_share {
        return Err(Error::InvalidRepairedShare);
    }
    KeyPackage::new(
        participant,
        share,
        verifying_share,
        public_key_package.verifying_key,
        min_signers,
    )
}

/// [`check_helper_set`] for a helper, which must itself be in the set.
fn check_helpers<C: Ciphersuite>(
    helpers: &[Identifier<C>],
    participant: Identifier<C>,
    key_package: &KeyPackage<C>,
) -> Result<Vec<Identifier<C>>, Error<C>> {
    let sorted = check_helper_set(helpers, participant, key_package.min_signers)?;
    if sorted.binary_search(&key_package.identifier).is_err() {
        return Err(Error::NotAHelper);
    }
    Ok(sorted)
}

/// The helper set, sorted, once it has no duplicate, excludes the
/// participant and has at least `min_signers` members.
fn check_helper_set<C: Ciphersuite>(
    helpers: &[Identifier<C>],
    participant: Identifier<C>,
    min_signers: u16,
) -> Result<Vec<Identifier<C>>, Error<C>> {
    let sorted = crate::keys::sorted_distinct(helpers)?;
    if sorted.binary_search(&participant).is_ok() {
        return Err(Error::RepairedParticipantIsHelper);
    }
    if sorted.len() < usize::from(min_signers) {
        return Err(Error::TooFewHelpers {
            min_signers,
            got: sorted.len(),
        });
    }
    Ok(sorted)
}

/// Refuses received values whose senders are not exactly the helpers.
fn check_senders<C: Ciphersuite, T>(
    helpers: &[Identifier<C>],
    received: &BTreeMap<Identifier<C>, T>,
) -> Result<(), Error<C>> {
    let (missing, unexpected) = crate::keys::missing_and_unexpected(helpers, received);
    if !missing.is_empty() {
        return Err(Error::MissingRepairValue { culprits: missing });
    }
    if !unexpected.is_empty() {
        return Err(Error::UnexpectedRepairValue { culprits: unexpected });
    }
    Ok(())
}
