//! DKG round one: the broadcast commitment and proof of knowledge.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::fmt;

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::encoding::{Reader, Writer, decode_all};
use crate::keys::VerifiableSecretSharingCommitment;
use crate::keys::commitment::SecretPolynomial;
use crate::{Ciphersuite, DecodeError, Error, Group, Identifier, Signature};

/// What [`super::part1`] keeps: the secret polynomial and the parameters.
///
/// Consumed by [`super::part2`]. Not `Clone`; zeroized on drop; `Debug`
/// does not print the polynomial.
pub struct SecretPackage<C: Ciphersuite> {
    pub(crate) identifier: Identifier<C>,
    pub(crate) polynomial: SecretPolynomial<C>,
    pub(crate) commitment: VerifiableSecretSharingCommitment<C>,
    pub(crate) min_signers: u16,
    pub(crate) max_signers: u16,
    /// Key generation or refresh; stored implicitly, as the commitment's length.
    pub(crate) kind: super::Kind,
}

impl<C: Ciphersuite> SecretPackage<C> {
    /// This participant's identifier.
    pub fn identifier(&self) -> &Identifier<C> {
        &self.identifier
    }

    /// This participant's commitment (also in its broadcast package). In a
    /// refresh it leaves out the (identity) constant term.
    pub fn commitment(&self) -> &VerifiableSecretSharingCommitment<C> {
        &self.commitment
    }

    /// The threshold.
    pub fn min_signers(&self) -> u16 {
        self.min_signers
    }

    /// The number of participants.
    pub fn max_signers(&self) -> u16 {
        self.max_signers
    }

    /// Encodes the package for storage until [`super::part2`]: identifier,
    /// coefficients, commitment, `min_signers`, `max_signers`, without a
    /// header (the frost-core 3.x layout). The bytes are secret and are
    /// zeroized when dropped.
    pub fn serialize(&self) -> Zeroizing<Vec<u8>> {
        let mut w = Writer::<C>::new();
        w.identifier(&self.identifier);
        w.varint(self.polynomial.coefficients().len() as u64);
        for a in self.polynomial.coefficients() {
            w.scalar(a);
        }
        self.commitment.write(&mut w);
        w.varint(u64::from(self.min_signers));
        w.varint(u64::from(self.max_signers));
        Zeroizing::new(w.finish())
    }

    /// Decodes [`SecretPackage::serialize`] output strictly, refusing a
    /// commitment that does not match the coefficients. A refresh package
    /// (from [`crate::keys::refresh::refresh_dkg_part1`]) is recognised by
    /// its commitment, one shorter than `min_signers` (its zero constant
    /// term is left out, as frost-core 3.x does).
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        let package = decode_all(bytes, |r: &mut Reader<'_, C>| {
            let identifier = r.identifier()?;
            let n = r.count(C::Group::SCALAR_LEN)?;
            let mut coefficients = Vec::with_capacity(n);
            for _ in 0..n {
                coefficients.push(r.scalar()?);
            }
            let polynomial = SecretPolynomial::from_coefficients(coefficients);
            let commitment = VerifiableSecretSharingCommitment::read(r)?;
            let min_signers = r.u16()?;
            let max_signers = r.u16()?;
            let kind = super::Kind::of_stored(commitment.len(), min_signers).ok_or(DecodeError::InvalidValue)?;
            Ok(Self {
                identifier,
                polynomial,
                commitment,
                min_signers,
                max_signers,
                kind,
            })
        })?;
        let coefficients = package.polynomial.coefficients();
        let full = package.kind.full_commitment(&package.commitment.0);
        let zero_constant = coefficients.first().is_some_and(crate::ciphersuite::is_zero::<C>);
        let consistent = coefficients.len() == usize::from(package.min_signers)
            && package.polynomial.commit().0 == full
            && (package.kind == super::Kind::KeyGen || zero_constant)
            && package.min_signers >= 2
            && package.max_signers >= package.min_signers;
        if !consistent {
            return Err(DecodeError::InvalidValue.into());
        }
        Ok(package)
    }
}

impl<C: Ciphersuite> fmt::Debug for SecretPackage<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretPackage")
            .field("identifier", &self.identifier)
            .field("polynomial", &"<redacted>")
            .field("commitment", &self.commitment)
            .field("min_signers", &self.min_signers)
            .field("max_signers", &self.max_signers)
            .finish()
    }
}

/// What every participant broadcasts in round one: the commitment to its
/// secret polynomial and a proof of knowledge of the constant term.
///
/// Must reach every other participant unchanged, through a broadcast channel.
#[derive(Clone, PartialEq, Eq)]
pub struct Package<C: Ciphersuite> {
    pub(crate) commitment: VerifiableSecretSharingCommitment<C>,
    pub(crate) proof_of_knowledge: Signature<C>,
}

impl<C: Ciphersuite> Package<C> {
    /// Assembles a package from its parts.
    pub fn new(commitment: VerifiableSecretSharingCommitment<C>, proof_of_knowledge: Signature<C>) -> Self {
        Self {
            commitment,
            proof_of_knowledge,
        }
    }

    /// The sender's polynomial commitment.
    pub fn commitment(&self) -> &VerifiableSecretSharingCommitment<C> {
        &self.commitment
    }

    /// The sender's proof of knowledge of its secret.
    pub fn proof_of_knowledge(&self) -> &Signature<C> {
        &self.proof_of_knowledge
    }

    /// The wire encoding: header, the commitment (a count, then the
    /// elements), and the proof as a length-prefixed signature.
    pub fn serialize(&self) -> Vec<u8> {
        let mut w = Writer::<C>::new();
        w.header();
        self.commitment.write(&mut w);
        w.bytes(&self.proof_of_knowledge.serialize());
        w.finish()
    }

    /// Decodes [`Package::serialize`] output strictly.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        decode_all(bytes, |r: &mut Reader<'_, C>| {
            r.header()?;
            let commitment = VerifiableSecretSharingCommitment::read(r)?;
            let proof = Signature::deserialize(r.bytes()?).map_err(|e| match e {
                Error::Decode { error, .. } => error,
                _ => DecodeError::InvalidValue,
            })?;
            Ok(Self::new(commitment, proof))
        })
    }
}

impl<C: Ciphersuite> fmt::Debug for Package<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Package")
            .field("commitment", &self.commitment)
            .field("proof_of_knowledge", &self.proof_of_knowledge)
            .finish()
    }
}

/// A 32-byte digest of a set of round-1 packages, for participants to compare
/// out of band (read aloud, or over a second channel).
///
/// The DKG is only secure if every participant received the same round-1
/// package from each sender. If any two participants' digests differ, the
/// broadcast failed: abort. Pass *all* packages, your own included, so that
/// every participant hashes the same map.
///
/// The digest is SHA-256 over a domain tag, the ciphersuite ID, and each
/// identifier with its package's wire encoding, in identifier order.
pub fn transcript_digest<C: Ciphersuite>(packages: &BTreeMap<Identifier<C>, Package<C>>) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"FROST-DKG-ROUND1-TRANSCRIPT-v1");
    h.update((C::ID.len() as u64).to_be_bytes());
    h.update(C::ID.as_bytes());
    h.update((packages.len() as u64).to_be_bytes());
    for (id, package) in packages {
        h.update(id.serialize());
        let bytes = package.serialize();
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    }
    h.finalize().into()
}
