//! serde support (feature `serde`), for JSON and other formats.
//!
//! In human-readable formats (JSON) every type has the shape frost-core 3.x
//! gives it: the same field names, a `{"version": 0, "ciphersuite": "<ID>"}`
//! header, scalars and elements as lowercase hex strings, unknown fields and
//! duplicated map keys refused. So JSON written by either implementation is
//! read by the other.
//!
//! In binary formats (postcard, bincode, ...) a value is the byte string of
//! its `serialize()` wire encoding, decoded by the strict decoder. We keep one
//! binary format with one decoder rather than a second, laxer path through
//! serde; to talk to frost-core 3.x in binary, use `serialize()` directly.
//!
//! Secret nonces have no serde support at all: `SigningNonces` can only be
//! persisted through its explicit, consuming `persist`/`restore` pair.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;

use serde::de::{Error as _, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ciphersuite::{Element, Scalar, element_bytes, scalar_bytes};
use crate::keys::dkg::{round1, round2};
use crate::keys::{
    CoefficientCommitment, KeyPackage, PublicKeyPackage, SecretShare, SigningShare, VerifiableSecretSharingCommitment,
    VerifyingShare,
};
use crate::round1::{NonceCommitment, SigningCommitments};
use crate::round2::SignatureShare;
use crate::{Ciphersuite, Error, Group, Identifier, Signature, SigningPackage, VerifyingKey};

fn decode_hex<E: serde::de::Error>(s: &str) -> Result<Vec<u8>, E> {
    hex::decode(s).map_err(|_| E::custom("invalid hex"))
}

fn frost_error<E: serde::de::Error, C: Ciphersuite>(e: Error<C>) -> E {
    E::custom(e)
}

/// `{"version": 0, "ciphersuite": "<ID>"}`, checked on reading.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    version: u8,
    ciphersuite: String,
}

impl Header {
    fn new<C: Ciphersuite>() -> Self {
        Self {
            version: crate::FORMAT_VERSION,
            ciphersuite: String::from(C::ID),
        }
    }

    fn check<C: Ciphersuite, E: serde::de::Error>(&self) -> Result<(), E> {
        if self.version != crate::FORMAT_VERSION {
            return Err(E::custom("unsupported format version"));
        }
        if self.ciphersuite != C::ID {
            return Err(E::custom("message belongs to another ciphersuite"));
        }
        Ok(())
    }
}

/// A scalar as a hex string.
struct HexScalar<C: Ciphersuite>(Scalar<C>);

impl<C: Ciphersuite> Serialize for HexScalar<C> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(scalar_bytes::<C>(&self.0)))
    }
}

impl<'de, C: Ciphersuite> Deserialize<'de> for HexScalar<C> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let bytes = decode_hex(&String::deserialize(d)?)?;
        C::Group::deserialize_scalar(&bytes)
            .map(Self)
            .ok_or_else(|| D::Error::custom("non-canonical scalar"))
    }
}

/// A group element as a hex string, validated on reading.
struct HexElement<C: Ciphersuite>(Element<C>);

impl<C: Ciphersuite> Serialize for HexElement<C> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(element_bytes::<C>(&self.0)))
    }
}

impl<'de, C: Ciphersuite> Deserialize<'de> for HexElement<C> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let bytes = decode_hex(&String::deserialize(d)?)?;
        crate::encoding::decode_element::<C>(&bytes)
            .map(Self)
            .map_err(D::Error::custom)
    }
}

/// A byte string as a hex string.
struct HexBytes(Vec<u8>);

impl Serialize for HexBytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for HexBytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        decode_hex(&String::deserialize(d)?).map(Self)
    }
}

/// A map keyed by identifier that refuses duplicated keys on reading.
struct StrictMap<C: Ciphersuite, V>(BTreeMap<Identifier<C>, V>);

impl<C: Ciphersuite, V: Serialize> Serialize for StrictMap<C, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (HexScalar::<C>(k.to_scalar()), v)))
    }
}

impl<'de, C: Ciphersuite, V: Deserialize<'de>> Deserialize<'de> for StrictMap<C, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapVisitor<C: Ciphersuite, V>(PhantomData<(C, V)>);

        impl<'de, C: Ciphersuite, V: Deserialize<'de>> Visitor<'de> for MapVisitor<C, V> {
            type Value = StrictMap<C, V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map keyed by hex identifiers")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut map = BTreeMap::new();
                while let Some((key, value)) = access.next_entry::<HexScalar<C>, V>()? {
                    let id = Identifier::new(key.0).map_err(frost_error)?;
                    if map.insert(id, value).is_some() {
                        return Err(A::Error::custom("duplicated identifier in map"));
                    }
                }
                Ok(StrictMap(map))
            }
        }

        d.deserialize_map(MapVisitor(PhantomData))
    }
}

/// Implements serde for a type through a shadow struct in human-readable
/// formats, and as its wire bytes in binary ones.
macro_rules! serde_via {
    ($ty:ident, $shadow:ident) => {
        impl<C: Ciphersuite> Serialize for $ty<C> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                if s.is_human_readable() {
                    $shadow::from_value(self).serialize(s)
                } else {
                    s.serialize_bytes(&self.serialize())
                }
            }
        }

        impl<'de, C: Ciphersuite> Deserialize<'de> for $ty<C> {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                if d.is_human_readable() {
                    $shadow::<C>::deserialize(d)?.into_value::<D::Error>()
                } else {
                    let bytes: Vec<u8> = serde_bytes_vec(d)?;
                    $ty::deserialize(&bytes).map_err(frost_error)
                }
            }
        }
    };
}

/// Reads a byte string from a binary format.
fn serde_bytes_vec<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
    struct BytesVisitor;

    impl<'de> Visitor<'de> for BytesVisitor {
        type Value = Vec<u8>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a byte string")
        }

        fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
            Ok(v.to_vec())
        }

        fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
            Ok(v)
        }
    }

    d.deserialize_byte_buf(BytesVisitor)
}

/// A shadow whose value is one scalar or element: the bare hex string.
macro_rules! serde_hex_newtype {
    ($ty:ident, $hex:ident, $wrap:expr) => {
        impl<C: Ciphersuite> Serialize for $ty<C> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                if s.is_human_readable() {
                    $hex::<C>(self.0).serialize(s)
                } else {
                    s.serialize_bytes(&self.serialize())
                }
            }
        }

        impl<'de, C: Ciphersuite> Deserialize<'de> for $ty<C> {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                if d.is_human_readable() {
                    let wrap: fn(_) -> Result<Self, Error<C>> = $wrap;
                    wrap($hex::<C>::deserialize(d)?.0).map_err(frost_error)
                } else {
                    $ty::deserialize(&serde_bytes_vec(d)?).map_err(frost_error)
                }
            }
        }
    };
}

serde_hex_newtype!(Identifier, HexScalar, Identifier::new);
serde_hex_newtype!(SigningShare, HexScalar, |s| Ok(SigningShare(s)));
serde_hex_newtype!(SignatureShareScalar, HexScalar, |s| Ok(SignatureShareScalar(s)));
serde_hex_newtype!(VerifyingShare, HexElement, |e| Ok(VerifyingShare(e)));
serde_hex_newtype!(VerifyingKey, HexElement, |e| Ok(VerifyingKey(e)));
serde_hex_newtype!(NonceCommitment, HexElement, |e| Ok(NonceCommitment(e)));
serde_hex_newtype!(CoefficientCommitment, HexElement, |e| Ok(CoefficientCommitment(e)));

/// Only to reuse [`serde_hex_newtype!`] for the share inside a `SignatureShare`.
struct SignatureShareScalar<C: Ciphersuite>(Scalar<C>);

impl<C: Ciphersuite> SignatureShareScalar<C> {
    fn serialize(&self) -> Vec<u8> {
        scalar_bytes::<C>(&self.0)
    }

    fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        SignatureShare::deserialize(bytes).map(|s| Self(s.0))
    }
}

impl<C: Ciphersuite> Serialize for Signature<C> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            HexBytes(Signature::serialize(self)).serialize(s)
        } else {
            s.serialize_bytes(&Signature::serialize(self))
        }
    }
}

impl<'de, C: Ciphersuite> Deserialize<'de> for Signature<C> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let bytes = if d.is_human_readable() {
            HexBytes::deserialize(d)?.0
        } else {
            serde_bytes_vec(d)?
        };
        Signature::deserialize(&bytes).map_err(frost_error)
    }
}

impl<C: Ciphersuite> Serialize for VerifiableSecretSharingCommitment<C> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter())
    }
}

impl<'de, C: Ciphersuite> Deserialize<'de> for VerifiableSecretSharingCommitment<C> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<CoefficientCommitment<C>>::deserialize(d).map(Self)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(bound = "C: Ciphersuite", deny_unknown_fields)]
struct SigningCommitmentsShadow<C: Ciphersuite> {
    header: Header,
    hiding: NonceCommitment<C>,
    binding: NonceCommitment<C>,
}

impl<C: Ciphersuite> SigningCommitmentsShadow<C> {
    fn from_value(v: &SigningCommitments<C>) -> Self {
        Self {
            header: Header::new::<C>(),
            hiding: v.hiding,
            binding: v.binding,
        }
    }

    fn into_value<E: serde::de::Error>(self) -> Result<SigningCommitments<C>, E> {
        self.header.check::<C, E>()?;
        Ok(SigningCommitments::new(self.hiding, self.binding))
    }
}

serde_via!(SigningCommitments, SigningCommitmentsShadow);

#[derive(Serialize, Deserialize)]
#[serde(bound = "C: Ciphersuite", deny_unknown_fields)]
struct SigningPackageShadow<C: Ciphersuite> {
    header: Header,
    signing_commitments: StrictMap<C, SigningCommitments<C>>,
    message: HexBytes,
}

impl<C: Ciphersuite> SigningPackageShadow<C> {
    fn from_value(v: &SigningPackage<C>) -> Self {
        Self {
            header: Header::new::<C>(),
            signing_commitments: StrictMap(v.signing_commitments.clone()),
            message: HexBytes(v.message.clone()),
        }
    }

    fn into_value<E: serde::de::Error>(self) -> Result<SigningPackage<C>, E> {
        self.header.check::<C, E>()?;
        Ok(SigningPackage::new(self.signing_commitments.0, &self.message.0))
    }
}

serde_via!(SigningPackage, SigningPackageShadow);

#[derive(Serialize, Deserialize)]
#[serde(bound = "C: Ciphersuite", deny_unknown_fields)]
struct SignatureShareShadow<C: Ciphersuite> {
    header: Header,
    share: SignatureShareScalar<C>,
}

impl<C: Ciphersuite> SignatureShareShadow<C> {
    fn from_value(v: &SignatureShare<C>) -> Self {
        Self {
            header: Header::new::<C>(),
            share: SignatureShareScalar(v.0),
        }
    }

    fn into_value<E: serde::de::Error>(self) -> Result<SignatureShare<C>, E> {
        self.header.check::<C, E>()?;
        Ok(SignatureShare(self.share.0))
    }
}

serde_via!(SignatureShare, SignatureShareShadow);

#[derive(Serialize, Deserialize)]
#[serde(bound = "C: Ciphersuite", deny_unknown_fields)]
struct SecretShareShadow<C: Ciphersuite> {
    header: Header,
    identifier: Identifier<C>,
    signing_share: SigningShare<C>,
    commitment: VerifiableSecretSharingCommitment<C>,
}

impl<C: Ciphersuite> SecretShareShadow<C> {
    fn from_value(v: &SecretShare<C>) -> Self {
        Self {
            header: Header::new::<C>(),
            identifier: v.identifier,
            signing_share: v.signing_share.clone(),
            commitment: v.commitment.clone(),
        }
    }

    fn into_value<E: serde::de::Error>(self) -> Result<SecretShare<C>, E> {
        self.header.check::<C, E>()?;
        Ok(SecretShare::new(self.identifier, self.signing_share, self.commitment))
    }
}

serde_via!(SecretShare, SecretShareShadow);

#[derive(Serialize, Deserialize)]
#[serde(bound = "C: Ciphersuite", deny_unknown_fields)]
struct KeyPackageShadow<C: Ciphersuite> {
    header: Header,
    identifier: Identifier<C>,
    signing_share: SigningShare<C>,
    verifying_share: VerifyingShare<C>,
    verifying_key: VerifyingKey<C>,
    min_signers: u16,
}

impl<C: Ciphersuite> KeyPackageShadow<C> {
    fn from_value(v: &KeyPackage<C>) -> Self {
        Self {
            header: Header::new::<C>(),
            identifier: v.identifier,
            signing_share: v.signing_share.clone(),
            verifying_share: v.verifying_share,
            verifying_key: v.verifying_key,
            min_signers: v.min_signers,
        }
    }

    fn into_value<E: serde::de::Error>(self) -> Result<KeyPackage<C>, E> {
        self.header.check::<C, E>()?;
        KeyPackage::new(
            self.identifier,
            self.signing_share,
            self.verifying_share,
            self.verifying_key,
            self.min_signers,
        )
        .map_err(frost_error)
    }
}

serde_via!(KeyPackage, KeyPackageShadow);

#[derive(Serialize, Deserialize)]
#[serde(bound = "C: Ciphersuite", deny_unknown_fields)]
struct PublicKeyPackageShadow<C: Ciphersuite> {
    header: Header,
    verifying_shares: StrictMap<C, VerifyingShare<C>>,
    verifying_key: VerifyingKey<C>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min_signers: Option<u16>,
}

impl<C: Ciphersuite> PublicKeyPackageShadow<C> {
    fn from_value(v: &PublicKeyPackage<C>) -> Self {
        Self {
            header: Header::new::<C>(),
            verifying_shares: StrictMap(v.verifying_shares.clone()),
            verifying_key: v.verifying_key,
            min_signers: v.min_signers,
        }
    }

    fn into_value<E: serde::de::Error>(self) -> Result<PublicKeyPackage<C>, E> {
        self.header.check::<C, E>()?;
        Ok(PublicKeyPackage {
            verifying_shares: self.verifying_shares.0,
            verifying_key: self.verifying_key,
            min_signers: self.min_signers,
        })
    }
}

serde_via!(PublicKeyPackage, PublicKeyPackageShadow);

#[derive(Serialize, Deserialize)]
#[serde(bound = "C: Ciphersuite", deny_unknown_fields)]
struct Round1PackageShadow<C: Ciphersuite> {
    header: Header,
    commitment: VerifiableSecretSharingCommitment<C>,
    proof_of_knowledge: Signature<C>,
}

impl<C: Ciphersuite> Round1PackageShadow<C> {
    fn from_value(v: &round1::Package<C>) -> Self {
        Self {
            header: Header::new::<C>(),
            commitment: v.commitment.clone(),
            proof_of_knowledge: v.proof_of_knowledge,
        }
    }

    fn into_value<E: serde::de::Error>(self) -> Result<round1::Package<C>, E> {
        self.header.check::<C, E>()?;
        Ok(round1::Package::new(self.commitment, self.proof_of_knowledge))
    }
}

/// `round1::Package` under its own name, for the macro.
type Round1Package<C> = round1::Package<C>;
serde_via!(Round1Package, Round1PackageShadow);

#[derive(Serialize, Deserialize)]
#[serde(bound = "C: Ciphersuite", deny_unknown_fields)]
struct Round2PackageShadow<C: Ciphersuite> {
    header: Header,
    signing_share: SigningShare<C>,
}

impl<C: Ciphersuite> Round2PackageShadow<C> {
    fn from_value(v: &round2::Package<C>) -> Self {
        Self {
            header: Header::new::<C>(),
            signing_share: v.signing_share.clone(),
        }
    }

    fn into_value<E: serde::de::Error>(self) -> Result<round2::Package<C>, E> {
        self.header.check::<C, E>()?;
        Ok(round2::Package::new(self.signing_share))
    }
}

/// `round2::Package` under its own name, for the macro.
type Round2Package<C> = round2::Package<C>;
serde_via!(Round2Package, Round2PackageShadow);
