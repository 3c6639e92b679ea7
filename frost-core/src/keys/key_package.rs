//! The two outputs of key generation: each participant's private
//! [`KeyPackage`] and the [`PublicKeyPackage`] everyone shares.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::fmt;
use zeroize::Zeroizing;

use crate::ciphersuite::Element;
use crate::encoding::{Reader, Writer, decode_all};
use crate::{DecodeError, Group};

use crate::keys::{SecretShare, SigningShare, VerifyingKey, VerifyingShare};
use crate::{Ciphersuite, Error, Identifier};

/// Everything one participant needs to sign: its identifier, its secret
/// signing share, its verifying share, the group key and the threshold.
///
/// Keep it secret and durable. Zeroized on drop; `Debug` does not print the
/// signing share.
#[derive(Clone, PartialEq, Eq)]
pub struct KeyPackage<C: Ciphersuite> {
    pub(crate) identifier: Identifier<C>,
    pub(crate) signing_share: SigningShare<C>,
    pub(crate) verifying_share: VerifyingShare<C>,
    pub(crate) verifying_key: VerifyingKey<C>,
    pub(crate) min_signers: u16,
}

impl<C: Ciphersuite> KeyPackage<C> {
    /// Assembles a key package, checking that the verifying share matches the
    /// signing share ([`Error::InconsistentKeyPackage`] otherwise) and that
    /// `min_signers >= 2`.
    pub fn new(
        identifier: Identifier<C>,
        signing_share: SigningShare<C>,
        verifying_share: VerifyingShare<C>,
        verifying_key: VerifyingKey<C>,
        min_signers: u16,
    ) -> Result<Self, Error<C>> {
        if min_signers < 2 {
            return Err(Error::InvalidMinSigners);
        }
        if signing_share.verifying_share() != verifying_share {
            return Err(Error::InconsistentKeyPackage);
        }
        Ok(Self {
            identifier,
            signing_share,
            verifying_share,
            verifying_key,
            min_signers,
        })
    }

    /// The participant's identifier.
    pub fn identifier(&self) -> &Identifier<C> {
        &self.identifier
    }

    /// The participant's secret signing share.
    pub fn signing_share(&self) -> &SigningShare<C> {
        &self.signing_share
    }

    /// The participant's verifying share.
    pub fn verifying_share(&self) -> &VerifyingShare<C> {
        &self.verifying_share
    }

    /// The group's verifying key.
    pub fn verifying_key(&self) -> &VerifyingKey<C> {
        &self.verifying_key
    }

    /// The threshold: how many participants must sign.
    pub fn min_signers(&self) -> u16 {
        self.min_signers
    }

    /// The wire encoding: header, identifier, signing share, verifying share,
    /// verifying key, `min_signers`. The bytes are secret.
    pub fn serialize(&self) -> Zeroizing<Vec<u8>> {
        let mut w = Writer::<C>::new();
        w.header();
        w.identifier(&self.identifier);
        w.scalar(&self.signing_share.0);
        w.element(&self.verifying_share.0);
        w.element(&self.verifying_key.0);
        w.varint(u64::from(self.min_signers));
        Zeroizing::new(w.finish())
    }

    /// Decodes [`KeyPackage::serialize`] output strictly, and refuses a
    /// package whose verifying share does not match its signing share.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        let (identifier, signing_share, verifying_share, verifying_key, min_signers) =
            decode_all(bytes, |r: &mut Reader<'_, C>| {
                r.header()?;
                Ok((
                    r.identifier()?,
                    SigningShare(r.scalar()?),
                    VerifyingShare(r.element()?),
                    VerifyingKey(r.element()?),
                    r.u16()?,
                ))
            })?;
        Self::new(identifier, signing_share, verifying_share, verifying_key, min_signers)
    }

    /// Checks that this key package agrees with a public key package: same
    /// group key, and its verifying share is the one listed for it.
    pub fn check_against(&self, public_key_package: &PublicKeyPackage<C>) -> Result<(), Error<C>> {
        let listed = public_key_package.verifying_shares.get(&self.identifier);
        if public_key_package.verifying_key != self.verifying_key || listed != Some(&self.verifying_share) {
            return Err(Error::InconsistentKeyPackage);
        }
        if public_key_package.min_signers.is_some_and(|m| m != self.min_signers) {
            return Err(Error::InconsistentKeyPackage);
        }
        Ok(())
    }
}

impl<C: Ciphersuite> TryFrom<SecretShare<C>> for KeyPackage<C> {
    type Error = Error<C>;

    /// Verifies a dealer's share ([`SecretShare::verify`]) and builds the
    /// participant's key package from it.
    fn try_from(share: SecretShare<C>) -> Result<Self, Error<C>> {
        let (verifying_share, verifying_key) = share.verify()?;
        let min_signers = u16::try_from(share.commitment.len()).map_err(|_| Error::InvalidMaxSigners)?;
        Ok(Self {
            identifier: share.identifier,
            signing_share: share.signing_share.clone(),
            verifying_share,
            verifying_key,
            min_signers,
        })
    }
}

impl<C: Ciphersuite> fmt::Debug for KeyPackage<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyPackage")
            .field("identifier", &self.identifier)
            .field("signing_share", &self.signing_share)
            .field("verifying_share", &self.verifying_share)
            .field("verifying_key", &self.verifying_key)
            .field("min_signers", &self.min_signers)
            .finish()
    }
}

/// The public outcome of key generation, identical for every participant:
/// each participant's verifying share, the group key, and the threshold.
///
/// The coordinator needs it to aggregate and to check signature shares.
/// `min_signers` is optional only because packages encoded before
/// frost-core 3.0 lack it; every constructor here sets it.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKeyPackage<C: Ciphersuite> {
    pub(crate) verifying_shares: BTreeMap<Identifier<C>, VerifyingShare<C>>,
    pub(crate) verifying_key: VerifyingKey<C>,
    pub(crate) min_signers: Option<u16>,
}

impl<C: Ciphersuite> PublicKeyPackage<C> {
    /// Assembles a public key package from its parts.
    pub fn new(
        verifying_shares: BTreeMap<Identifier<C>, VerifyingShare<C>>,
        verifying_key: VerifyingKey<C>,
        min_signers: u16,
    ) -> Self {
        Self {
            verifying_shares,
            verifying_key,
            min_signers: Some(min_signers),
        }
    }

    /// Every participant's verifying share.
    pub fn verifying_shares(&self) -> &BTreeMap<Identifier<C>, VerifyingShare<C>> {
        &self.verifying_shares
    }

    /// The group's verifying key.
    pub fn verifying_key(&self) -> &VerifyingKey<C> {
        &self.verifying_key
    }

    /// The threshold, when known (absent only in pre-3.0 encodings).
    pub fn min_signers(&self) -> Option<u16> {
        self.min_signers
    }

    /// Checks that the verifying shares are consistent with the verifying
    /// key and the threshold: that they all lie on one polynomial of degree
    /// `min_signers - 1` whose constant term is the verifying key. Run it on
    /// a package loaded from storage or received from others.
    ///
    /// Fails with [`Error::InconsistentPublicKeyPackage`], and with
    /// [`Error::InvalidMinSigners`] when `min_signers` is unknown (a pre-3.0
    /// package) or there are fewer shares than it.
    ///
    /// All `n` equations are checked at once: with Lagrange coefficients over
    /// the first `t` shares, `Y_j = sum_i L_i(x_j) Y_i` for every other share
    /// and `PK = sum_i L_i(0) Y_i`, combined with weights hashed from the
    /// package into one multiscalar multiplication on public data.
    pub fn validate(&self) -> Result<(), Error<C>> {
        use crate::interpolation::{barycentric_weights, lagrange_at};
        let t = usize::from(self.min_signers.ok_or(Error::InvalidMinSigners)?);
        if t < 2 || self.verifying_shares.len() < t {
            return Err(Error::InvalidMinSigners);
        }
        let xs: Vec<_> = self.verifying_shares.keys().map(|id| id.to_scalar()).collect();
        let ys: Vec<_> = self.verifying_shares.values().map(|y| y.0).collect();
        let (base_x, rest_x) = xs.split_at(t);
        let weights = barycentric_weights::<C>(base_x).ok_or(Error::InconsistentPublicKeyPackage)?;

        // Weights bound to the whole package, so no share can be chosen to
        // cancel another's error.
        let transcript = self.serialize();
        let weight = |i: u64| C::H3(&[b"FROST-PUBLIC-KEY-PACKAGE-VALIDATE", &transcript, &i.to_be_bytes()]);

        // Each equation `lhs == sum_i L_i(x) Y_i` enters as `r * lhs - sum_i r L_i(x) Y_i`.
        let equations = rest_x
            .iter()
            .zip(&ys[t..])
            .map(|(x, y)| (*x, *y))
            .chain(core::iter::once((C::Group::zero(), self.verifying_key.0)));
        let mut scalars = alloc::vec![C::Group::zero(); t];
        let mut elements: Vec<Element<C>> = ys[..t].to_vec();
        for (j, (x, lhs)) in equations.enumerate() {
            let r = weight(j as u64);
            let l = lagrange_at::<C>(x, base_x, &weights).ok_or(Error::InconsistentPublicKeyPackage)?;
            for (s, li) in scalars.iter_mut().take(t).zip(l) {
                *s = *s - r * li;
            }
            scalars.push(r);
            elements.push(lhs);
        }
        if C::Group::vartime_multiscalar_mul(&scalars, &elements) == C::Group::identity() {
            Ok(())
        } else {
            Err(Error::InconsistentPublicKeyPackage)
        }
    }

    /// The wire encoding: header, the verifying shares map, the verifying
    /// key, then `min_signers` as an option tag and value (nothing at all
    /// when unknown, as frost-core 3.x writes it).
    pub fn serialize(&self) -> Vec<u8> {
        let mut w = Writer::<C>::new();
        w.header();
        w.map(&self.verifying_shares, |w, share| w.element(&share.0));
        w.element(&self.verifying_key.0);
        if let Some(min_signers) = self.min_signers {
            w.varint(1);
            w.varint(u64::from(min_signers));
        }
        w.finish()
    }

    /// Decodes [`PublicKeyPackage::serialize`] output strictly. A missing
    /// `min_signers` (pre-3.0 packages) is accepted; anything else after the
    /// verifying key must be a present, valid `min_signers`.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        decode_all(bytes, |r: &mut Reader<'_, C>| {
            r.header()?;
            let verifying_shares = r.map(C::Group::ELEMENT_LEN, |r| Ok(VerifyingShare(r.element()?)))?;
            let verifying_key = VerifyingKey(r.element()?);
            let min_signers = if r.is_empty() {
                None
            } else {
                if r.varint(8)? != 1 {
                    return Err(DecodeError::InvalidTag);
                }
                let m = r.u16()?;
                // A threshold below 2 is no threshold at all. (One above the
                // number of shares is a consistency matter for `validate`.)
                if m < 2 {
                    return Err(DecodeError::InvalidValue);
                }
                Some(m)
            };
            Ok(Self {
                verifying_shares,
                verifying_key,
                min_signers,
            })
        })
    }
}

impl<C: Ciphersuite> fmt::Debug for PublicKeyPackage<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKeyPackage")
            .field("verifying_shares", &self.verifying_shares)
            .field("verifying_key", &self.verifying_key)
            .field("min_signers", &self.min_signers)
            .finish()
    }
}
