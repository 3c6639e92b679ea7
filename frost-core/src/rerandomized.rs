//! Re-randomized FROST: unlinkable threshold signatures
//! ([ePrint 2024/436](https://eprint.iacr.org/2024/436),
//! [ZIP 312](https://zips.z.cash/zip-0312)).
//!
//! Every session signs under a fresh offset of the group key,
//! `PK' = PK + alpha * B`, for a randomizer `alpha` that only the session's
//! participants know. Signatures from one group then verify under keys that
//! nobody else can link to each other or to `PK`: what Zcash spend
//! authorization needs. The construction, names and bytes are those of
//! frost-rerandomized 3.0.
//!
//! The session, step by step:
//! 1. Round one as usual: each signer sends its
//!    [`SigningCommitments`].
//! 2. The coordinator builds the [`SigningPackage`] and calls
//!    [`RandomizedParams::new_from_commitments`], which draws a random
//!    **seed** and derives `alpha = H("randomizer", seed || commitment list)`
//!    with the suite's hash-to-scalar. The seed travels with the signing
//!    package to every signer, over a **confidential** (and authenticated)
//!    channel: anyone who learns it can compute `alpha` and link the
//!    signature to the group key.
//! 3. Each signer calls [`sign_with_randomizer_seed`], which recomputes
//!    `alpha` from the seed and the package's commitments, and signs with
//!    its share of the randomized key `s_i + alpha`. Because the
//!    commitments enter the hash, a coordinator cannot pick `alpha` after
//!    seeing them, even with a seed of its choosing.
//! 4. The coordinator calls [`aggregate`] with the same
//!    [`RandomizedParams`]; the signature verifies under
//!    [`RandomizedParams::randomized_verifying_key`], and a share made under
//!    another randomizer (a wrong or missing seed) is reported as
//!    [`Error::InvalidSignatureShare`] naming its signer.
//!
//! An application that must choose `alpha` itself (ZIP 312 leaves that to
//! the wallet) builds a [`Randomizer`] with [`Randomizer::from_scalar`] or
//! [`Randomizer::deserialize`], and uses [`RandomizedParams::from_randomizer`]
//! and [`sign_with_randomizer`], as frost-rerandomized 3.0 allows. It must
//! then draw `alpha` uniformly at random, and never reuse it.
//!
//! The randomizer, its seed and `alpha * B` are as confidential as the
//! seed: `Debug` does not print them, and the randomizer and seed are
//! zeroized on drop.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::fmt;

use rand_core::CryptoRng;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::ciphersuite::{Element, Scalar, scalar_bytes};
use crate::keys::{KeyPackage, PublicKeyPackage, SigningShare, VerifyingShare};
use crate::round1::{SigningCommitments, SigningNonces};
use crate::round2::SignatureShare;
use crate::signing_package::encode_group_commitments;
use crate::{Ciphersuite, Error, Group, Identifier, Signature, SigningPackage, VerifyingKey};

/// A ciphersuite with the randomizer hash of re-randomized FROST.
///
/// Every suite crate of this library implements it; `suite_api!` then
/// generates the suite's `rerandomized` module.
pub trait RandomizedCiphersuite: Ciphersuite {
    /// The suite's hash-to-scalar with tag `"randomizer"`, built like its
    /// `"dkg"` and `"id"` hashes: for ristretto255, Ed25519 and Ed448 the
    /// context string and tag prefix the message; for P-256 and secp256k1
    /// they form the hash_to_field DST. The parts are hashed as if
    /// concatenated.
    fn hash_randomizer(parts: &[&[u8]]) -> Scalar<Self>;
}

/// The randomizer `alpha`: the scalar the group key is offset by in one
/// signing session.
///
/// Confidential: anyone holding it can link the session's signature to the
/// group key. Zeroized on drop; `Debug` does not print it. Not `Copy`, so
/// that copies are explicit.
#[derive(Clone, PartialEq, Eq)]
pub struct Randomizer<C: Ciphersuite>(Scalar<C>);

impl<C: Ciphersuite> Randomizer<C> {
    /// Wraps an externally chosen randomizer. It must be drawn uniformly at
    /// random for each session; prefer [`Randomizer::new_from_commitments`],
    /// which also binds it to the session's commitments.
    pub fn from_scalar(scalar: Scalar<C>) -> Self {
        Self(scalar)
    }

    /// The randomizer as a scalar.
    pub fn to_scalar(&self) -> Scalar<C> {
        self.0
    }

    /// The canonical scalar encoding, as frost-rerandomized 3.0 writes it.
    /// The bytes are confidential and zeroized when dropped.
    pub fn serialize(&self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(scalar_bytes::<C>(&self.0))
    }

    /// Decodes a canonical scalar encoding of exactly the suite's scalar
    /// length (what frost-rerandomized 3.0 accepts).
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        crate::encoding::decode_scalar::<C>(bytes).map(Self).map_err(Into::into)
    }
}

impl<C: RandomizedCiphersuite> Randomizer<C> {
    /// The coordinator's step: draws a fresh seed (the suite's scalar length
    /// in bytes) and derives the randomizer from it and the session's
    /// commitments, `hash_randomizer(seed || commitment list)`.
    ///
    /// Returns the randomizer and the seed; send the seed, with the signing
    /// package, to every signer over a confidential channel.
    pub fn new_from_commitments<R: CryptoRng + ?Sized>(
        rng: &mut R,
        signing_commitments: &BTreeMap<Identifier<C>, SigningCommitments<C>>,
    ) -> Result<(Self, Zeroizing<Vec<u8>>), Error<C>> {
        let mut seed = Zeroizing::new(alloc::vec![0u8; C::Group::SCALAR_LEN]);
        rng.fill_bytes(&mut seed);
        let randomizer = Self::regenerate_from_seed_and_commitments(&seed, signing_commitments)?;
        Ok((randomizer, seed))
    }

    /// A signer's step: the randomizer [`Randomizer::new_from_commitments`]
    /// derived, from the seed and the commitments of the signing package.
    ///
    /// Even a coordinator that chose the seed cannot choose the randomizer,
    /// since the commitments enter the hash. Refuses a seed of any length but
    /// the suite's scalar length with [`Error::InvalidRandomizerSeed`]: a
    /// missing or short seed would make the randomizer computable by anyone
    /// who sees the commitments.
    pub fn regenerate_from_seed_and_commitments(
        randomizer_seed: &[u8],
        signing_commitments: &BTreeMap<Identifier<C>, SigningCommitments<C>>,
    ) -> Result<Self, Error<C>> {
        if randomizer_seed.len() != C::Group::SCALAR_LEN {
            return Err(Error::InvalidRandomizerSeed {
                expected: C::Group::SCALAR_LEN,
                got: randomizer_seed.len(),
            });
        }
        let list = encode_group_commitments(signing_commitments);
        Ok(Self(C::hash_randomizer(&[randomizer_seed, &list])))
    }
}

impl<C: Ciphersuite> Drop for Randomizer<C> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<C: Ciphersuite> ZeroizeOnDrop for Randomizer<C> {}

impl<C: Ciphersuite> fmt::Debug for Randomizer<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Randomizer(<redacted>)")
    }
}

/// One session's randomization: the randomizer `alpha`, `alpha * B`, and
/// the randomized group key `PK + alpha * B` the signature verifies under.
///
/// Only the randomized verifying key is public. The randomizer is zeroized
/// on drop and `alpha * B` overwritten (best effort: group elements have no
/// `Zeroize`); `Debug` prints the randomized verifying key only.
#[derive(Clone, PartialEq, Eq)]
pub struct RandomizedParams<C: Ciphersuite> {
    randomizer: Randomizer<C>,
    randomizer_element: Element<C>,
    randomized_verifying_key: VerifyingKey<C>,
}

impl<C: Ciphersuite> RandomizedParams<C> {
    /// The parameters for an externally chosen randomizer, which must be
    /// drawn uniformly at random for each session (see [`Randomizer::from_scalar`]).
    pub fn from_randomizer(group_verifying_key: &VerifyingKey<C>, randomizer: Randomizer<C>) -> Self {
        let randomizer_element = C::Group::base_mul(&randomizer.0);
        let randomized_verifying_key = VerifyingKey(group_verifying_key.0 + randomizer_element);
        Self {
            randomizer,
            randomizer_element,
            randomized_verifying_key,
        }
    }

    /// The randomizer `alpha` (confidential).
    pub fn randomizer(&self) -> &Randomizer<C> {
        &self.randomizer
    }

    /// `alpha * B` (confidential: with the group key it reveals the link).
    pub fn randomizer_element(&self) -> &Element<C> {
        &self.randomizer_element
    }

    /// `PK + alpha * B`: the key this session's signature verifies under.
    pub fn randomized_verifying_key(&self) -> &VerifyingKey<C> {
        &self.randomized_verifying_key
    }

    /// Refuses parameters made for another group key than `group_verifying_key`.
    fn check_group_key(&self, group_verifying_key: &VerifyingKey<C>) -> Result<(), Error<C>> {
        if group_verifying_key.0 + self.randomizer_element == self.randomized_verifying_key.0 {
            Ok(())
        } else {
            Err(Error::RandomizedParamsMismatch)
        }
    }

    /// The key package of the randomized key, for this session only: signing
    /// share `s_i + alpha`, verifying share `Y_i + alpha * B`, group key
    /// `PK + alpha * B`. (Lagrange coefficients at zero sum to one, so these
    /// are shares of `s + alpha`.)
    ///
    /// [`sign_with_randomizer_seed`] does this for you; a suite with key
    /// tweaks (Taproot) applies its tweak to the result. Sign with it once.
    /// Refuses parameters made for another group key
    /// ([`Error::RandomizedParamsMismatch`]).
    pub fn randomize_key_package(&self, key_package: &KeyPackage<C>) -> Result<KeyPackage<C>, Error<C>> {
        self.check_group_key(&key_package.verifying_key)?;
        Ok(KeyPackage {
            identifier: key_package.identifier,
            signing_share: SigningShare(key_package.signing_share.0 + self.randomizer.0),
            verifying_share: VerifyingShare(key_package.verifying_share.0 + self.randomizer_element),
            verifying_key: self.randomized_verifying_key,
            min_signers: key_package.min_signers,
        })
    }

    /// The public key package of the randomized key, for the coordinator:
    /// every verifying share and the group key offset by `alpha * B`.
    /// Refuses parameters made for another group key
    /// ([`Error::RandomizedParamsMismatch`]).
    pub fn randomize_public_key_package(
        &self,
        public_key_package: &PublicKeyPackage<C>,
    ) -> Result<PublicKeyPackage<C>, Error<C>> {
        self.check_group_key(&public_key_package.verifying_key)?;
        let verifying_shares = public_key_package
            .verifying_shares
            .iter()
            .map(|(id, share)| (*id, VerifyingShare(share.0 + self.randomizer_element)))
            .collect();
        Ok(PublicKeyPackage {
            verifying_shares,
            verifying_key: self.randomized_verifying_key,
            min_signers: public_key_package.min_signers,
        })
    }
}

impl<C: RandomizedCiphersuite> RandomizedParams<C> {
    /// The coordinator's step: draws a seed and derives the session's
    /// parameters from it and the commitments (see
    /// [`Randomizer::new_from_commitments`]).
    ///
    /// Returns the parameters, for [`aggregate`], and the seed, to send with
    /// the signing package to every signer over a confidential channel.
    pub fn new_from_commitments<R: CryptoRng + ?Sized>(
        group_verifying_key: &VerifyingKey<C>,
        signing_commitments: &BTreeMap<Identifier<C>, SigningCommitments<C>>,
        rng: &mut R,
    ) -> Result<(Self, Zeroizing<Vec<u8>>), Error<C>> {
        let (randomizer, seed) = Randomizer::new_from_commitments(rng, signing_commitments)?;
        Ok((Self::from_randomizer(group_verifying_key, randomizer), seed))
    }

    /// The parameters [`RandomizedParams::new_from_commitments`] made, from
    /// the seed and the commitments (see
    /// [`Randomizer::regenerate_from_seed_and_commitments`]).
    pub fn regenerate_from_seed_and_commitments(
        group_verifying_key: &VerifyingKey<C>,
        randomizer_seed: &[u8],
        signing_commitments: &BTreeMap<Identifier<C>, SigningCommitments<C>>,
    ) -> Result<Self, Error<C>> {
        let randomizer = Randomizer::regenerate_from_seed_and_commitments(randomizer_seed, signing_commitments)?;
        Ok(Self::from_randomizer(group_verifying_key, randomizer))
    }
}

impl<C: Ciphersuite> Drop for RandomizedParams<C> {
    fn drop(&mut self) {
        // The randomizer zeroizes itself; `alpha * B` is as telling.
        self.randomizer_element = C::Group::identity();
    }
}

impl<C: Ciphersuite> fmt::Debug for RandomizedParams<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RandomizedParams")
            .field("randomizer", &self.randomizer)
            .field("randomizer_element", &"<redacted>")
            .field("randomized_verifying_key", &self.randomized_verifying_key)
            .finish()
    }
}

/// A signer's round two in a re-randomized session: recomputes the
/// randomizer from `randomizer_seed` (received with the signing package,
/// over a confidential channel) and the package's commitments, and signs
/// with its share of the randomized key, consuming the nonces.
///
/// Refuses what [`crate::round2::sign`] refuses, and a seed of the wrong
/// length ([`Error::InvalidRandomizerSeed`]). A wrong seed of the right
/// length cannot be noticed here: the coordinator's [`aggregate`] names the
/// signer whose share it produced.
pub fn sign_with_randomizer_seed<C: RandomizedCiphersuite>(
    signing_package: &SigningPackage<C>,
    signer_nonces: SigningNonces<C>,
    key_package: &KeyPackage<C>,
    randomizer_seed: &[u8],
) -> Result<SignatureShare<C>, Error<C>> {
    let params = RandomizedParams::regenerate_from_seed_and_commitments(
        &key_package.verifying_key,
        randomizer_seed,
        &signing_package.signing_commitments,
    )?;
    crate::round2::sign(
        signing_package,
        signer_nonces,
        &params.randomize_key_package(key_package)?,
    )
}

/// A signer's round two with an externally chosen randomizer (what
/// frost-rerandomized 3.0's deprecated `sign` does): signs with its share of
/// `PK + alpha * B`, consuming the nonces. Prefer
/// [`sign_with_randomizer_seed`], which binds the randomizer to the session.
pub fn sign_with_randomizer<C: Ciphersuite>(
    signing_package: &SigningPackage<C>,
    signer_nonces: SigningNonces<C>,
    key_package: &KeyPackage<C>,
    randomizer: &Randomizer<C>,
) -> Result<SignatureShare<C>, Error<C>> {
    let params = RandomizedParams::from_randomizer(&key_package.verifying_key, randomizer.clone());
    crate::round2::sign(
        signing_package,
        signer_nonces,
        &params.randomize_key_package(key_package)?,
    )
}

/// The coordinator's last step in a re-randomized session: combines the
/// shares into a signature under
/// [`RandomizedParams::randomized_verifying_key`], as [`crate::aggregate`]
/// does, naming every signer whose share does not verify under the
/// randomized key ([`Error::InvalidSignatureShare`]): a share made with a
/// wrong or missing seed, another randomizer, or none.
///
/// `public_key_package` is the group's, not randomized. Parameters made for
/// another group key are refused ([`Error::RandomizedParamsMismatch`])
/// before any share is blamed.
pub fn aggregate<C: Ciphersuite>(
    signing_package: &SigningPackage<C>,
    signature_shares: &BTreeMap<Identifier<C>, SignatureShare<C>>,
    public_key_package: &PublicKeyPackage<C>,
    randomized_params: &RandomizedParams<C>,
) -> Result<Signature<C>, Error<C>> {
    let randomized = randomized_params.randomize_public_key_package(public_key_package)?;
    crate::aggregate(signing_package, signature_shares, &randomized)
}

/// [`crate::verify_signature_share`] in a re-randomized session, for a
/// coordinator that checks shares as they arrive: `verifying_share` and
/// `verifying_key` are the group's, not randomized.
///
/// Fails with [`Error::InvalidSignatureShare`] naming `identifier`, or
/// [`Error::RandomizedParamsMismatch`] for parameters of another group key.
pub fn verify_signature_share<C: Ciphersuite>(
    identifier: Identifier<C>,
    verifying_share: &VerifyingShare<C>,
    signature_share: &SignatureShare<C>,
    signing_package: &SigningPackage<C>,
    verifying_key: &VerifyingKey<C>,
    randomized_params: &RandomizedParams<C>,
) -> Result<(), Error<C>> {
    randomized_params.check_group_key(verifying_key)?;
    crate::verify_signature_share(
        identifier,
        &VerifyingShare(verifying_share.0 + randomized_params.randomizer_element),
        signature_share,
        signing_package,
        &randomized_params.randomized_verifying_key,
    )
}
