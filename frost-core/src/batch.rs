//! Batch verification of many ordinary Schnorr signatures (threshold or
//! single-signer: they are the same to a verifier).
//!
//! Queue `(verifying key, message, signature)` items, then [`Verifier::verify`]
//! checks them all with one variable-time multiscalar multiplication:
//! `sum_i w_i (z_i * B - R_i - c_i * PK_i) == 0` with random 128-bit weights
//! `w_i`, so a batch with any invalid signature passes with probability about
//! `2^-128`. Items under the same key share one term. Only when the batch
//! fails are the signatures checked one by one, and the error lists the
//! position of every invalid one.
//!
//! ```
//! use frost_core::{Ciphersuite, Error, Signature, VerifyingKey, batch};
//!
//! fn check_all<C: Ciphersuite>(items: &[(VerifyingKey<C>, Vec<u8>, Signature<C>)]) -> Result<(), Error<C>> {
//!     let mut verifier = batch::Verifier::new();
//!     for (key, message, signature) in items {
//!         verifier.queue(batch::Item::new(*key, message, *signature));
//!     }
//!     verifier.verify(&mut rand::rng())
//! }
//! ```

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use rand_core::CryptoRng;

use crate::ciphersuite::{Element, Scalar, element_bytes};
use crate::{Ciphersuite, Error, Group, Signature, VerifyingKey};

/// One signature to verify, with its challenge computed when queued so the
/// message need not be kept.
#[derive(Clone)]
pub struct Item<C: Ciphersuite> {
    verifying_key: VerifyingKey<C>,
    signature: Signature<C>,
    challenge: Scalar<C>,
}

impl<C: Ciphersuite> Item<C> {
    /// A signature on `message` under `verifying_key`.
    pub fn new(verifying_key: VerifyingKey<C>, message: &[u8], signature: Signature<C>) -> Self {
        let key = C::pre_verify(&verifying_key).into_owned();
        let challenge = C::challenge(&signature.R, &key.0, message);
        Self {
            verifying_key: key,
            signature,
            challenge,
        }
    }

    /// `z * B == R + c * PK` for this item alone.
    fn verifies(&self) -> bool {
        crate::verifying_key::schnorr_equation_holds::<C>(&self.signature, self.challenge, &self.verifying_key.0)
    }
}

/// A queue of signatures verified together.
#[derive(Clone)]
pub struct Verifier<C: Ciphersuite> {
    items: Vec<Item<C>>,
}

impl<C: Ciphersuite> Default for Verifier<C> {
    fn default() -> Self {
        Self::new()
    }
}

impl<C: Ciphersuite> core::fmt::Debug for Item<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Item")
            .field("verifying_key", &self.verifying_key)
            .field("signature", &self.signature)
            .finish_non_exhaustive()
    }
}

impl<C: Ciphersuite> core::fmt::Debug for Verifier<C> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Verifier").field("items", &self.items).finish()
    }
}

impl<C: Ciphersuite> Verifier<C> {
    /// An empty batch.
    pub fn new() -> Self {
        Self { items: Vec::new() }
    }

    /// Adds a signature to the batch.
    pub fn queue(&mut self, item: Item<C>) {
        self.items.push(item);
    }

    /// The number of queued signatures.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether no signature is queued.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Verifies every queued signature. An empty batch verifies.
    ///
    /// Fails with [`Error::InvalidBatchSignatures`] listing the position (in
    /// queue order) of every invalid signature.
    pub fn verify<R: CryptoRng + ?Sized>(self, rng: &mut R) -> Result<(), Error<C>> {
        if self.items.is_empty() {
            return Ok(());
        }
        let mut z_sum = C::Group::zero();
        let mut scalars = Vec::with_capacity(self.items.len() + 1);
        let mut elements: Vec<Element<C>> = Vec::with_capacity(self.items.len() + 1);
        // Items under one key share a term: key bytes -> index into scalars.
        let mut keys: BTreeMap<Vec<u8>, usize> = BTreeMap::new();
        let mut key_terms: Vec<(Scalar<C>, Element<C>)> = Vec::new();
        for item in &self.items {
            let w = crate::ciphersuite::scalar_from_u128::<C>(rng.next_u64(), rng.next_u64());
            z_sum = z_sum + w * item.signature.z;
            scalars.push(-w);
            elements.push(item.signature.R);
            let slot = *keys
                .entry(element_bytes::<C>(&item.verifying_key.0))
                .or_insert_with(|| {
                    key_terms.push((C::Group::zero(), item.verifying_key.0));
                    key_terms.len() - 1
                });
            key_terms[slot].0 = key_terms[slot].0 - w * item.challenge;
        }
        for (s, e) in key_terms {
            scalars.push(s);
            elements.push(e);
        }
        scalars.push(z_sum);
        elements.push(C::Group::generator());
        if C::Group::vartime_multiscalar_mul(&scalars, &elements) == C::Group::identity() {
            return Ok(());
        }
        let invalid: Vec<usize> = self
            .items
            .iter()
            .enumerate()
            .filter(|(_, item)| !item.verifies())
            .map(|(i, _)| i)
            .collect();
        Err(Error::InvalidBatchSignatures { indices: invalid })
    }
}
