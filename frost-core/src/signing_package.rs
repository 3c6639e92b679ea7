//! What the coordinator sends every signer: the message and all commitments
//! of the session, plus the binding factors and group commitment derived from
//! them ([RFC 9591 §4.3–4.5](https://www.rfc-editor.org/rfc/rfc9591#section-4.3)).

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::fmt;

use crate::ciphersuite::{Element, MAX_ENCODING_LEN, Scalar};
use crate::encoding::{Reader, Writer, decode_all};
use crate::round1::SigningCommitments;
use crate::{Ciphersuite, Error, Group, Identifier};

/// The coordinator's choice of signers (through their commitments) and the
/// message. Every signer must receive the same package.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningPackage<C: Ciphersuite> {
    pub(crate) signing_commitments: BTreeMap<Identifier<C>, SigningCommitments<C>>,
    pub(crate) message: Vec<u8>,
}

impl<C: Ciphersuite> SigningPackage<C> {
    /// Assembles a signing package. Nothing is checked here; each signer
    /// checks the package in [`crate::round2::sign`], and the coordinator's
    /// [`crate::aggregate`] checks it too.
    pub fn new(signing_commitments: BTreeMap<Identifier<C>, SigningCommitments<C>>, message: &[u8]) -> Self {
        Self {
            signing_commitments,
            message: message.to_vec(),
        }
    }

    /// Every signer's commitments, in identifier order.
    pub fn signing_commitments(&self) -> &BTreeMap<Identifier<C>, SigningCommitments<C>> {
        &self.signing_commitments
    }

    /// One signer's commitments.
    pub fn signing_commitment(&self, identifier: &Identifier<C>) -> Option<&SigningCommitments<C>> {
        self.signing_commitments.get(identifier)
    }

    /// The message to be signed.
    pub fn message(&self) -> &[u8] {
        &self.message
    }

    /// The wire encoding: header, the commitments map (each entry headed
    /// again, as frost-core 3.x writes it), the length-prefixed message.
    pub fn serialize(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.header();
        w.map(&self.signing_commitments, |w, c| c.write(w));
        w.bytes(&self.message);
        w.finish()
    }

    /// Decodes [`SigningPackage::serialize`] output strictly.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        decode_all(bytes, |r: &mut Reader<'_, C>| {
            r.header()?;
            let signing_commitments = r.map(SigningCommitments::<C>::encoded_len(), SigningCommitments::read)?;
            let message = r.bytes()?.to_vec();
            Ok(Self {
                signing_commitments,
                message,
            })
        })
    }

    /// Refuses identity commitments and fewer than `min_signers` signers.
    pub(crate) fn check(&self, min_signers: u16) -> Result<(), Error<C>> {
        if self.signing_commitments.len() < usize::from(min_signers) {
            return Err(Error::TooFewSigners {
                min_signers,
                got: self.signing_commitments.len(),
            });
        }
        let identity = C::Group::identity();
        let culprits: Vec<_> = self
            .signing_commitments
            .iter()
            .filter(|(_, c)| c.hiding.0 == identity || c.binding.0 == identity)
            .map(|(id, _)| *id)
            .collect();
        if !culprits.is_empty() {
            return Err(Error::IdentityCommitment { culprits });
        }
        Ok(())
    }

    /// `ser(PK) || H4(msg) || H5(encoded commitment list)`, the part of every
    /// binding factor's input shared by all signers.
    fn binding_factor_prefix(&self, verifying_key: &Element<C>) -> Vec<u8> {
        let list = encode_group_commitments(&self.signing_commitments);
        let mut prefix = crate::ciphersuite::element_bytes::<C>(verifying_key);
        prefix.extend_from_slice(&C::H4(&[&self.message]));
        prefix.extend_from_slice(&C::H5(&[&list]));
        prefix
    }

    /// Every signer's binding factor `rho_i = H1(prefix || ser(i))`, in
    /// identifier order.
    pub(crate) fn binding_factors(&self, verifying_key: &Element<C>) -> Vec<(Identifier<C>, Scalar<C>)> {
        let prefix = self.binding_factor_prefix(verifying_key);
        let n = C::Group::SCALAR_LEN;
        self.signing_commitments
            .keys()
            .map(|id| {
                let mut id_bytes = [0u8; MAX_ENCODING_LEN];
                C::Group::serialize_scalar(&id.to_scalar(), &mut id_bytes[..n]);
                (*id, C::H1(&[&prefix, &id_bytes[..n]]))
            })
            .collect()
    }

    /// The binding-factor inputs of the RFC test vectors (test only).
    #[cfg(feature = "internals")]
    #[doc(hidden)]
    pub fn binding_factor_inputs(&self, verifying_key: &crate::VerifyingKey<C>) -> Vec<(Identifier<C>, Vec<u8>)> {
        let prefix = self.binding_factor_prefix(&verifying_key.0);
        self.signing_commitments
            .keys()
            .map(|id| {
                let mut input = prefix.clone();
                input.extend_from_slice(&id.serialize());
                (*id, input)
            })
            .collect()
    }

    /// The binding factors as bytes (test only).
    #[cfg(feature = "internals")]
    #[doc(hidden)]
    pub fn binding_factor_bytes(&self, verifying_key: &crate::VerifyingKey<C>) -> Vec<(Identifier<C>, Vec<u8>)> {
        self.binding_factors(&verifying_key.0)
            .into_iter()
            .map(|(id, rho)| (id, crate::ciphersuite::scalar_bytes::<C>(&rho)))
            .collect()
    }
}

/// The encoded commitment list of RFC 9591 §4.3, `id || D || E` for every
/// signer in identifier order: the input of H5, and of the re-randomized
/// FROST randomizer hash.
pub(crate) fn encode_group_commitments<C: Ciphersuite>(
    signing_commitments: &BTreeMap<Identifier<C>, SigningCommitments<C>>,
) -> Vec<u8> {
    // The points are encoded in one batch.
    let (ns, ne) = (C::Group::SCALAR_LEN, C::Group::ELEMENT_LEN);
    let points: Vec<_> = signing_commitments
        .values()
        .flat_map(|c| [c.hiding.0, c.binding.0])
        .collect();
    let mut encoded = alloc::vec![0u8; points.len() * ne];
    C::Group::serialize_elements(&points, &mut encoded);
    let mut list = Vec::with_capacity(signing_commitments.len() * (ns + 2 * ne));
    for (id, pair) in signing_commitments.keys().zip(encoded.chunks_exact(2 * ne)) {
        list.extend_from_slice(&id.serialize());
        list.extend_from_slice(pair);
    }
    list
}

/// `R = sum(D_i + rho_i * E_i)`, refusing the identity
/// ([RFC 9591 §4.5](https://www.rfc-editor.org/rfc/rfc9591#section-4.5)).
#[allow(non_snake_case)]
pub(crate) fn group_commitment<C: Ciphersuite>(
    package: &SigningPackage<C>,
    binding_factors: &[(Identifier<C>, Scalar<C>)],
) -> Result<Element<C>, Error<C>> {
    // The hiding commitments enter with weight one: add them, and spend
    // the multiscalar multiplication on the binding ones only.
    let hiding = package
        .signing_commitments
        .values()
        .fold(C::Group::identity(), |acc, c| acc + c.hiding.0);
    let rhos: Vec<_> = binding_factors.iter().map(|(_, rho)| *rho).collect();
    let binding: Vec<_> = package.signing_commitments.values().map(|c| c.binding.0).collect();
    let R = hiding + C::Group::vartime_multiscalar_mul(&rhos, &binding);
    if R == C::Group::identity() {
        return Err(Error::IdentityGroupCommitment);
    }
    Ok(R)
}

impl<C: Ciphersuite> fmt::Debug for SigningPackage<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningPackage")
            .field("signing_commitments", &self.signing_commitments)
            .field("message", &crate::encoding::Hex(&self.message))
            .finish()
    }
}
