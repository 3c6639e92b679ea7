//! Distributed key generation: every participant ends with a key share and
//! the same group key, and no one ever holds the whole signing key.
//!
//! This is the Pedersen DKG with proofs of knowledge that FROST's paper
//! describes (and RFC 9591 leaves to implementations). For `n` participants
//! and threshold `t`, each participant:
//!
//! 1. calls [`part1`], keeps the [`round1::SecretPackage`] and **broadcasts**
//!    the [`round1::Package`] (its polynomial commitment and a proof of
//!    knowledge of its secret) to all others. The broadcast must be real:
//!    everyone must receive the same package from each sender, or the
//!    participants can end with different group keys. Compare
//!    [`round1::transcript_digest`] out of band to check.
//! 2. on receiving the other `n - 1` round-1 packages, calls [`part2`], which
//!    verifies every proof and returns one [`round2::Package`] per other
//!    participant. Each goes **only** to its recipient, over an authenticated
//!    and confidential channel: it holds a share of the sender's secret.
//! 3. on receiving the other `n - 1` round-2 packages, calls [`part3`], which
//!    checks each share against its sender's commitment and returns the
//!    participant's [`KeyPackage`] and the [`PublicKeyPackage`], identical
//!    for every participant.
//!
//! Every map is keyed by the sender's [`Identifier`] and holds the *other*
//! participants' packages only. Each check that fails names the participant
//! whose package failed it ([`Error::culprits`]).

#![allow(non_snake_case)] // `R`, `z`, `c` as in the proof-of-knowledge equations.

pub mod round1;
pub mod round2;

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use rand_core::CryptoRng;

use crate::ciphersuite::{Element, MAX_ENCODING_LEN, Scalar};
use crate::keys::commitment::{SecretPolynomial, evaluate_commitment, evaluate_commitment_at_all};
use crate::keys::{
    CoefficientCommitment, KeyPackage, PublicKeyPackage, SigningShare, VerifiableSecretSharingCommitment, VerifyingKey,
    validate_num_of_signers,
};
use crate::{Ciphersuite, Error, Group, Identifier, Signature};
use sha2::{Digest, Sha256, Sha512};

/// Round one: draws this participant's secret polynomial, commits to it, and
/// proves knowledge of its constant term.
///
/// Keep the [`round1::SecretPackage`] secret (it is consumed by [`part2`]);
/// broadcast the [`round1::Package`] to every other participant.
///
/// Fails when `min_signers < 2` or `max_signers < min_signers`.
pub fn part1<C: Ciphersuite, R: CryptoRng + ?Sized>(
    identifier: Identifier<C>,
    max_signers: u16,
    min_signers: u16,
    rng: &mut R,
) -> Result<(round1::SecretPackage<C>, round1::Package<C>), Error<C>> {
    validate_num_of_signers::<C>(min_signers, max_signers)?;
    let secret = C::Group::random_scalar(rng);
    let polynomial = SecretPolynomial::random(secret, usize::from(min_signers) - 1, rng);
    let proof_nonce = SigningShare::<C>(C::Group::random_scalar(rng));
    Ok(part1_from(
        identifier,
        max_signers,
        min_signers,
        polynomial,
        &proof_nonce,
        Kind::KeyGen,
    ))
}

/// [`part1`] with the polynomial and the proof nonce given (test vectors).
#[cfg(feature = "internals")]
#[doc(hidden)]
pub fn part1_with_randomness<C: Ciphersuite>(
    identifier: Identifier<C>,
    max_signers: u16,
    coefficients: Vec<Scalar<C>>,
    proof_nonce: Scalar<C>,
) -> Result<(round1::SecretPackage<C>, round1::Package<C>), Error<C>> {
    let min_signers = u16::try_from(coefficients.len()).map_err(|_| Error::InvalidMaxSigners)?;
    validate_num_of_signers::<C>(min_signers, max_signers)?;
    let polynomial = SecretPolynomial::from_coefficients(coefficients);
    Ok(part1_from(
        identifier,
        max_signers,
        min_signers,
        polynomial,
        &SigningShare(proof_nonce),
        Kind::KeyGen,
    ))
}

/// Which protocol a DKG-shaped run serves.
///
/// A refresh ([`crate::keys::refresh`]) runs the same rounds with a
/// polynomial whose constant term is zero. Its commitment to that term is
/// the identity, which has no encoding in some suites (SEC1), so, as in
/// frost-core 3.x, the broadcast commitment leaves it out: it holds the
/// `min_signers - 1` commitments `C_1, ...`, and the proof of knowledge is
/// about `a_1` (against `C_1`) instead of `a_0`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Key generation: the constant term is a fresh secret.
    KeyGen,
    /// Share refresh: the constant term is zero and implicit.
    Refresh,
}

impl Kind {
    /// The number of coefficient commitments broadcast for threshold `t`.
    pub(crate) fn commitment_len(self, min_signers: u16) -> usize {
        match self {
            Kind::KeyGen => usize::from(min_signers),
            Kind::Refresh => usize::from(min_signers).saturating_sub(1),
        }
    }

    /// The index of the coefficient the proof of knowledge is about, which
    /// is also the secret that seeds the batch weights.
    pub(crate) fn proven_index(self) -> usize {
        match self {
            Kind::KeyGen => 0,
            Kind::Refresh => 1,
        }
    }

    /// The commitment to the whole polynomial, constant term first, from a
    /// broadcast one.
    pub(crate) fn full_commitment<C: Ciphersuite>(
        self,
        broadcast: &[CoefficientCommitment<C>],
    ) -> Vec<CoefficientCommitment<C>> {
        match self {
            Kind::KeyGen => broadcast.to_vec(),
            Kind::Refresh => core::iter::once(CoefficientCommitment(C::Group::identity()))
                .chain(broadcast.iter().copied())
                .collect(),
        }
    }

    /// Which kind a stored secret package with this commitment length is.
    pub(crate) fn of_stored(commitment_len: usize, min_signers: u16) -> Option<Self> {
        [Kind::KeyGen, Kind::Refresh]
            .into_iter()
            .find(|k| commitment_len == k.commitment_len(min_signers))
    }
}

pub(crate) fn part1_from<C: Ciphersuite>(
    identifier: Identifier<C>,
    max_signers: u16,
    min_signers: u16,
    polynomial: SecretPolynomial<C>,
    proof_nonce: &SigningShare<C>,
    kind: Kind,
) -> (round1::SecretPackage<C>, round1::Package<C>) {
    let mut commitment = polynomial.commit();
    if kind == Kind::Refresh {
        commitment.0.remove(0);
    }
    let proof = prove_knowledge(
        KEYGEN_CONTEXT,
        identifier,
        &polynomial.coefficients()[kind.proven_index()],
        &commitment,
        proof_nonce,
    );
    let package = round1::Package::new(commitment.clone(), proof);
    let secret_package = round1::SecretPackage {
        identifier,
        polynomial,
        commitment,
        min_signers,
        max_signers,
        kind,
    };
    (secret_package, package)
}

/// The proof-of-knowledge context of key generation and refresh: empty, so
/// the challenge is frost-core 3.x's.
pub(crate) const KEYGEN_CONTEXT: &[u8] = b"";

/// The proof-of-knowledge challenge
/// `c = HDKG(context || ser(identifier) || ser(C_0) || ser(R))`. With the
/// empty [`KEYGEN_CONTEXT`] this is the preimage frost-core 3.x hashes, so
/// mixed groups interoperate; other protocols reusing the proof (resharing)
/// pass their own tag, so a proof cannot be replayed across them. Takes the
/// element encodings, which part2 computes once per sender.
fn challenge<C: Ciphersuite>(
    context: &[u8],
    identifier: Identifier<C>,
    constant_bytes: &[u8],
    r_bytes: &[u8],
) -> Scalar<C> {
    let ns = C::Group::SCALAR_LEN;
    let mut id = [0u8; MAX_ENCODING_LEN];
    C::Group::serialize_scalar(&identifier.to_scalar(), &mut id[..ns]);
    C::HDKG(&[context, &id[..ns], constant_bytes, r_bytes])
}

/// A Schnorr proof `(R, z)` of knowledge of the coefficient `a` committed
/// to by the first broadcast commitment: `R = k * B`, `z = k + a * c`. The
/// nonce `k` is zeroized with its wrapper.
pub(crate) fn prove_knowledge<C: Ciphersuite>(
    context: &[u8],
    identifier: Identifier<C>,
    secret: &Scalar<C>,
    commitment: &VerifiableSecretSharingCommitment<C>,
    k: &SigningShare<C>,
) -> Signature<C> {
    let mut R = C::Group::base_mul(&k.0);
    // The proof travels in the suite's signature encoding; where that keeps
    // only an even-Y `R` (BIP340), the nonce is negated so the proof survives.
    let negate = C::negate_nonces(&R);
    if negate {
        R = -R;
    }
    let ne = C::Group::ELEMENT_LEN;
    let (mut c0, mut r) = ([0u8; MAX_ENCODING_LEN], [0u8; MAX_ENCODING_LEN]);
    C::Group::serialize_element(&commitment.0[0].0, &mut c0[..ne]);
    C::Group::serialize_element(&R, &mut r[..ne]);
    let c = challenge(context, identifier, &c0[..ne], &r[..ne]);
    let mut nonce = if negate { -k.0 } else { k.0 };
    let z = nonce + *secret * c;
    zeroize::Zeroize::zeroize(&mut nonce);
    Signature::new(R, z)
}

/// The public parts of one received proof, encoded once: they feed the
/// challenge, the batch weights and the round-1 fingerprint.
pub(crate) struct EncodedProof<C: Ciphersuite> {
    sender: Identifier<C>,
    constant: Element<C>,
    proof: Signature<C>,
    constant_bytes: [u8; MAX_ENCODING_LEN],
    r_bytes: [u8; MAX_ENCODING_LEN],
}

impl<C: Ciphersuite> EncodedProof<C> {
    fn new(sender: Identifier<C>, package: &round1::Package<C>) -> Option<Self> {
        let constant = package.commitment.0.first()?.0;
        let proof = package.proof_of_knowledge;
        let ne = C::Group::ELEMENT_LEN;
        let mut constant_bytes = [0u8; MAX_ENCODING_LEN];
        let mut r_bytes = [0u8; MAX_ENCODING_LEN];
        C::Group::serialize_element(&constant, &mut constant_bytes[..ne]);
        C::Group::serialize_element(&proof.R, &mut r_bytes[..ne]);
        Some(Self {
            sender,
            constant,
            proof,
            constant_bytes,
            r_bytes,
        })
    }

    /// `c = HDKG(context || ser(identifier) || ser(C_0) || ser(R))`.
    pub(crate) fn challenge(&self, context: &[u8]) -> Scalar<C> {
        let ne = C::Group::ELEMENT_LEN;
        challenge(context, self.sender, &self.constant_bytes[..ne], &self.r_bytes[..ne])
    }

    /// Whether `R == z * B - c * C_0`, alone.
    fn verifies(&self, c: Scalar<C>) -> bool {
        self.proof.R != C::Group::identity()
            && crate::verifying_key::schnorr_equation_holds::<C>(&self.proof, c, &self.constant)
    }
}

/// Checks every proof of knowledge, naming every sender whose proof fails.
///
/// The `n` equations `z_l * B - c_l * C_l0 - R_l == 0` are checked at once
/// as `sum w_l (z_l * B - c_l * C_l0 - R_l) == 0`, one multiscalar
/// multiplication of `2n + 1` points. The 128-bit weights `w_l` are hashed
/// from this participant's own secret together with everything received
/// (DECISIONS 3: no RNG here, and reproducible for test vectors), so no sender
/// can predict them: a set of bad proofs passes with probability about
/// `2^-128`. Only when the batch fails are the proofs checked one by one, to
/// name the culprits.
pub(crate) fn verify_proofs<C: Ciphersuite>(
    proofs: &[EncodedProof<C>],
    challenges: &[Scalar<C>],
    own_secret: &Scalar<C>,
    fingerprint: &[u8; 32],
) -> Result<(), Error<C>> {
    let weights = batch_weights::<C>(own_secret, fingerprint, proofs.len());
    let mut scalars = Vec::with_capacity(2 * proofs.len() + 1);
    let mut elements = Vec::with_capacity(2 * proofs.len() + 1);
    let mut z_sum = C::Group::zero();
    let mut any_identity = false;
    for ((p, c), w) in proofs.iter().zip(challenges).zip(&weights) {
        z_sum = z_sum + *w * p.proof.z;
        scalars.push(-(*w * *c));
        elements.push(p.constant);
        scalars.push(-*w);
        elements.push(p.proof.R);
        any_identity |= p.proof.R == C::Group::identity();
    }
    scalars.push(z_sum);
    elements.push(C::Group::generator());
    if !any_identity && C::Group::vartime_multiscalar_mul(&scalars, &elements) == C::Group::identity() {
        return Ok(());
    }
    // Name every failing proof. (An empty list would mean the batch failed
    // while every proof passes alone, which the hashed weights rule out.)
    let culprits = proofs
        .iter()
        .zip(challenges)
        .filter(|(p, c)| !p.verifies(**c))
        .map(|(p, _)| p.sender)
        .collect();
    Err(Error::InvalidProofOfKnowledge { culprits })
}

/// `count` 128-bit weights, `SHA-512(domain || own secret || fingerprint || i)`.
pub(crate) fn batch_weights<C: Ciphersuite>(
    own_secret: &Scalar<C>,
    fingerprint: &[u8; 32],
    count: usize,
) -> Vec<Scalar<C>> {
    let ns = C::Group::SCALAR_LEN;
    let mut secret = zeroize::Zeroizing::new([0u8; MAX_ENCODING_LEN]);
    C::Group::serialize_scalar(own_secret, &mut secret[..ns]);
    let mut seed = Sha512::new();
    seed.update(b"FROST-DKG-BATCH-WEIGHTS-v1");
    seed.update(C::ID.as_bytes());
    seed.update(&secret[..ns]);
    seed.update(fingerprint);
    (0..count as u64)
        .map(|i| {
            let mut h = seed.clone();
            h.update(i.to_be_bytes());
            let digest = h.finalize();
            let word = |k: usize| {
                let mut b = [0u8; 8];
                b.copy_from_slice(&digest[8 * k..8 * k + 8]);
                u64::from_be_bytes(b)
            };
            crate::ciphersuite::scalar_from_u128::<C>(word(0), word(1))
        })
        .collect()
}

/// A digest binding the round-1 packages part2 verified: each sender's
/// identifier, commitment length, constant term and proof, which is what
/// part2's checks were about. part3 recomputes it to refuse a different set.
/// It deliberately skips the higher coefficients, whose encoding would cost
/// `n * t` point compressions; see [`part3`] for what that leaves to
/// [`round1::transcript_digest`], which covers every coefficient.
pub(crate) fn fingerprint<C: Ciphersuite>(
    proofs: &[EncodedProof<C>],
    packages: &BTreeMap<Identifier<C>, round1::Package<C>>,
) -> [u8; 32] {
    let (ns, ne) = (C::Group::SCALAR_LEN, C::Group::ELEMENT_LEN);
    let mut h = Sha256::new();
    h.update(b"FROST-DKG-ROUND1-FINGERPRINT-v1");
    h.update(C::ID.as_bytes());
    let mut z = [0u8; MAX_ENCODING_LEN];
    for (p, package) in proofs.iter().zip(packages.values()) {
        h.update(p.sender.serialize());
        h.update((package.commitment.len() as u64).to_be_bytes());
        h.update(&p.constant_bytes[..ne]);
        h.update(&p.r_bytes[..ne]);
        C::Group::serialize_scalar(&p.proof.z, &mut z[..ns]);
        h.update(&z[..ns]);
    }
    h.finalize().into()
}

/// Encodes every received proof once.
pub(crate) fn encode_proofs<C: Ciphersuite>(
    packages: &BTreeMap<Identifier<C>, round1::Package<C>>,
) -> Result<Vec<EncodedProof<C>>, Error<C>> {
    packages
        .iter()
        .map(|(sender, p)| {
            EncodedProof::new(*sender, p).ok_or(Error::IncorrectCommitmentLength {
                culprits: alloc::vec![*sender],
                expected: 0,
            })
        })
        .collect()
}

/// Refuses a received map holding the caller's own identifier or the wrong
/// number of packages.
fn check_package_count<C: Ciphersuite, T>(
    own: Identifier<C>,
    max_signers: u16,
    packages: &BTreeMap<Identifier<C>, T>,
) -> Result<(), Error<C>> {
    if packages.contains_key(&own) {
        return Err(Error::OwnIdentifierInPackages);
    }
    let expected = usize::from(max_signers) - 1;
    if packages.len() != expected {
        return Err(Error::IncorrectNumberOfPackages {
            expected,
            got: packages.len(),
        });
    }
    Ok(())
}

/// Refuses commitments of the wrong length or whose constant term is the
/// identity, naming every sender of one.
fn check_commitments<C: Ciphersuite>(
    min_signers: u16,
    packages: &BTreeMap<Identifier<C>, round1::Package<C>>,
    kind: Kind,
) -> Result<(), Error<C>> {
    let identity = C::Group::identity();
    if kind == Kind::Refresh {
        // A refresh commitment with `min_signers` terms carries a constant
        // term, where only the implicit identity is allowed: a non-identity
        // one would change the group key.
        let culprits: Vec<_> = packages
            .iter()
            .filter(|(_, p)| {
                p.commitment.len() == usize::from(min_signers)
                    && p.commitment.0.first().is_some_and(|c| c.0 != identity)
            })
            .map(|(sender, _)| *sender)
            .collect();
        if !culprits.is_empty() {
            return Err(Error::NonZeroRefreshConstant { culprits });
        }
    }
    let expected = kind.commitment_len(min_signers);
    let culprits: Vec<_> = packages
        .iter()
        .filter(|(_, p)| p.commitment.len() != expected)
        .map(|(sender, _)| *sender)
        .collect();
    if !culprits.is_empty() {
        return Err(Error::IncorrectCommitmentLength { culprits, expected });
    }
    // Only the constant term is checked here: decoding already refuses the
    // identity anywhere in a received commitment, and in a package built in
    // memory an identity higher coefficient only stands for a zero
    // coefficient, which any participant may choose. Checking all `n * t`
    // coefficients would cost more than the rest of part2 at large sizes.
    // (In a refresh the first broadcast term is `C_1`, which is checked the
    // same way: its proof of knowledge is made against it.)
    let culprits: Vec<_> = packages
        .iter()
        .filter(|(_, p)| p.commitment.0.first().is_some_and(|c| c.0 == identity))
        .map(|(sender, _)| *sender)
        .collect();
    if !culprits.is_empty() {
        return Err(Error::IdentityCommitment { culprits });
    }
    Ok(())
}

/// What [`part2`] returns: the secret to keep for [`part3`], and one package
/// per other participant, keyed by recipient.
pub type Part2Output<C> = (round2::SecretPackage<C>, BTreeMap<Identifier<C>, round2::Package<C>>);

/// Round two: verifies every received round-1 package and computes the share
/// of this participant's secret for each other participant.
///
/// Consumes the round-1 secret. Keep the [`round2::SecretPackage`] for
/// [`part3`]; send each [`round2::Package`] only to the participant it is
/// keyed by, over an authenticated, confidential channel.
///
/// Refuses: a map with the wrong number of packages or with the caller's own
/// identifier; commitments whose length is not `min_signers` or that hold
/// the identity (naming the sender); proofs of knowledge that do not verify
/// (naming every sender whose proof failed).
pub fn part2<C: Ciphersuite>(
    secret_package: round1::SecretPackage<C>,
    round1_packages: &BTreeMap<Identifier<C>, round1::Package<C>>,
) -> Result<Part2Output<C>, Error<C>> {
    part2_of(Kind::KeyGen, secret_package, round1_packages)
}

/// [`part2`] for either kind of run; the secret package must be of `kind`.
pub(crate) fn part2_of<C: Ciphersuite>(
    kind: Kind,
    secret_package: round1::SecretPackage<C>,
    round1_packages: &BTreeMap<Identifier<C>, round1::Package<C>>,
) -> Result<Part2Output<C>, Error<C>> {
    if secret_package.kind != kind {
        return Err(Error::ProtocolMismatch);
    }
    let own = secret_package.identifier;
    check_package_count(own, secret_package.max_signers, round1_packages)?;
    check_commitments(secret_package.min_signers, round1_packages, kind)?;
    let proofs = encode_proofs(round1_packages)?;
    let challenges: Vec<_> = proofs.iter().map(|p| p.challenge(KEYGEN_CONTEXT)).collect();
    let fingerprint = fingerprint(&proofs, round1_packages);
    // Seeded with the coefficient the proof is about: a refresh's constant
    // term is zero, and no secret at all.
    verify_proofs(
        &proofs,
        &challenges,
        &secret_package.polynomial.coefficients()[kind.proven_index()],
        &fingerprint,
    )?;

    let outgoing = round1_packages
        .keys()
        .map(|receiver| {
            let share = SigningShare(secret_package.polynomial.evaluate(receiver.to_scalar()));
            (*receiver, round2::Package::new(share))
        })
        .collect();
    let secret = round2::SecretPackage {
        identifier: own,
        commitment: secret_package.commitment.clone(),
        own_share: SigningShare(secret_package.polynomial.evaluate(own.to_scalar())),
        min_signers: secret_package.min_signers,
        max_signers: secret_package.max_signers,
        round1_digest: fingerprint,
        kind,
    };
    Ok((secret, outgoing))
}

/// Round three: checks every received share against its sender's commitment
/// and computes this participant's key package and the public key package.
///
/// `round1_packages` must be the same map given to [`part2`]: a map whose
/// senders, commitment lengths, constant terms or proofs differ is refused
/// ([`Error::Round1PackagesChanged`]). Other coefficients are not
/// fingerprinted (that would cost more than part3 itself at large sizes): a
/// change there is caught by the share check naming the sender, unless it
/// vanishes at this participant's identifier, exactly as if the sender had
/// broadcast inconsistently. Only comparing
/// [`round1::transcript_digest`] of all packages out of band, which every
/// participant must do before using the keys, detects that. Refuses round-2 maps with
/// the wrong number of packages, with the caller's own identifier, or with a
/// key set different from the round-1 map ([`Error::MissingPackage`],
/// [`Error::UnexpectedPackage`]), and shares that do not match their
/// sender's commitment ([`Error::InvalidSecretShare`], naming every such
/// sender). Every participant obtains the same [`PublicKeyPackage`].
pub fn part3<C: Ciphersuite>(
    secret_package: &round2::SecretPackage<C>,
    round1_packages: &BTreeMap<Identifier<C>, round1::Package<C>>,
    round2_packages: &BTreeMap<Identifier<C>, round2::Package<C>>,
) -> Result<(KeyPackage<C>, PublicKeyPackage<C>), Error<C>> {
    let shares = part3_of(Kind::KeyGen, secret_package, round1_packages, round2_packages)?;
    let verifying_key = VerifyingKey::new(shares.group_constant);
    let min_signers = secret_package.min_signers;
    let key_package = KeyPackage::new(
        secret_package.identifier,
        shares.signing_share,
        shares.verifying_share,
        verifying_key,
        min_signers,
    )?;
    Ok((
        key_package,
        PublicKeyPackage::new(shares.verifying_shares, verifying_key, min_signers),
    ))
}

/// What the shares of one run add up to, for one participant.
pub(crate) struct Part3Shares<C: Ciphersuite> {
    /// The sum of every participant's polynomial at this participant.
    pub(crate) signing_share: SigningShare<C>,
    /// Its verifying share.
    pub(crate) verifying_share: crate::keys::VerifyingShare<C>,
    /// Every participant's verifying share of the summed polynomial.
    pub(crate) verifying_shares: BTreeMap<Identifier<C>, crate::keys::VerifyingShare<C>>,
    /// The commitment to the summed polynomial's constant term.
    pub(crate) group_constant: Element<C>,
}

/// [`part3`]'s checks and sums for either kind of run; the secret package
/// must be of `kind`.
pub(crate) fn part3_of<C: Ciphersuite>(
    kind: Kind,
    secret_package: &round2::SecretPackage<C>,
    round1_packages: &BTreeMap<Identifier<C>, round1::Package<C>>,
    round2_packages: &BTreeMap<Identifier<C>, round2::Package<C>>,
) -> Result<Part3Shares<C>, Error<C>> {
    if secret_package.kind != kind {
        return Err(Error::ProtocolMismatch);
    }
    let own = secret_package.identifier;
    let (min_signers, max_signers) = (secret_package.min_signers, secret_package.max_signers);
    check_package_count(own, max_signers, round1_packages)?;
    check_commitments(min_signers, round1_packages, kind)?;
    if fingerprint(&encode_proofs(round1_packages)?, round1_packages) != secret_package.round1_digest {
        return Err(Error::Round1PackagesChanged);
    }
    let missing: Vec<_> = round1_packages
        .keys()
        .filter(|id| !round2_packages.contains_key(id))
        .copied()
        .collect();
    if !missing.is_empty() {
        return Err(Error::MissingPackage { culprits: missing });
    }
    let unexpected: Vec<_> = round2_packages
        .keys()
        .filter(|id| !round1_packages.contains_key(id))
        .copied()
        .collect();
    if !unexpected.is_empty() {
        return Err(Error::UnexpectedPackage { culprits: unexpected });
    }
    check_package_count(own, max_signers, round2_packages)?;

    // The group polynomial's commitment is the coefficient-wise sum of all
    // participants' commitments; its constant term is the group key (the
    // identity in a refresh).
    let mut group = secret_package.commitment.0.clone();
    for package in round1_packages.values() {
        for (sum, c) in group.iter_mut().zip(&package.commitment.0) {
            sum.0 = sum.0 + c.0;
        }
    }
    let group = kind.full_commitment(&group);

    // One check for all received shares: the total share against the group
    // commitment, s_i * B == sum_j i^j * (sum_l C_lj). It holds when every
    // share matches its sender's commitment. It can also hold when some do
    // not but their errors cancel; then s_i is still exactly the group
    // polynomial at i, so this participant's key package is correct and
    // consistent with the public key package: nothing is lost by accepting.
    // Only if it fails are the shares checked one by one, to name culprits.
    let signing_share = SigningShare(
        round2_packages
            .values()
            .fold(secret_package.own_share.0, |acc, p| acc + p.signing_share.0),
    );
    let verifying_share = signing_share.verifying_share();
    if verifying_share.0 != evaluate_commitment::<C>(&group, own) {
        let culprits: Vec<_> = round2_packages
            .iter()
            .filter(|(sender, package)| {
                let commitment = kind.full_commitment(&round1_packages[*sender].commitment.0);
                C::Group::base_mul(&package.signing_share.0) != evaluate_commitment::<C>(&commitment, own)
            })
            .map(|(sender, _)| *sender)
            .collect();
        return Err(Error::InvalidSecretShare { culprits });
    }

    let others: Vec<_> = round1_packages.keys().copied().collect();
    let verifying_shares: BTreeMap<_, _> = others
        .iter()
        .copied()
        .zip(
            evaluate_commitment_at_all::<C>(&group, &others)
                .into_iter()
                .map(crate::keys::VerifyingShare),
        )
        .chain(core::iter::once((own, verifying_share)))
        .collect();
    Ok(Part3Shares {
        signing_share,
        verifying_share,
        verifying_shares,
        group_constant: group[0].0,
    })
}
