//! Participant identifiers: non-zero scalars, the evaluation points of the
//! secret-sharing polynomial ([RFC 9591 §3.1](https://www.rfc-editor.org/rfc/rfc9591#section-3.1)).

use alloc::vec::Vec;
use core::cmp::Ordering;
use core::fmt;

use crate::ciphersuite::{ByteOrder, MAX_ENCODING_LEN, Scalar, is_zero, scalar_bytes};
use crate::{Ciphersuite, DecodeError, Error, Group};

/// A participant's identifier: a non-zero scalar.
///
/// Make one from a small integer with [`Identifier::try_from`] or from any
/// byte string (an e-mail address, a public key) with [`Identifier::derive`].
/// Identifiers order by numeric value, which fixes the order of every map
/// and commitment list in the protocol.
///
/// ```
/// use frost_core::{Ciphersuite, Error, Identifier};
///
/// fn identifiers<C: Ciphersuite>() -> Result<(), Error<C>> {
///     let one = Identifier::<C>::try_from(1u16)?;
///     let alice = Identifier::<C>::derive(b"alice@example.com")?;
///     assert!(Identifier::<C>::try_from(0u16).is_err());
///     assert!(one < Identifier::try_from(2u16)?);
///     assert_ne!(one, alice);
///     Ok(())
/// }
/// ```
#[derive(Copy, Clone, PartialEq, Eq)]
pub struct Identifier<C: Ciphersuite>(pub(crate) Scalar<C>);

impl<C: Ciphersuite> Identifier<C> {
    /// Wraps a scalar, refusing zero.
    pub(crate) fn new(scalar: Scalar<C>) -> Result<Self, Error<C>> {
        if is_zero::<C>(&scalar) {
            Err(Error::ZeroIdentifier)
        } else {
            Ok(Self(scalar))
        }
    }

    /// The identifier as a scalar.
    pub(crate) fn to_scalar(self) -> Scalar<C> {
        self.0
    }

    /// Derives an identifier by hashing arbitrary bytes with the suite's
    /// identifier hash (`HID`), refusing the (negligibly likely) zero result.
    ///
    /// Every participant must derive from exactly the same bytes.
    pub fn derive(bytes: &[u8]) -> Result<Self, Error<C>> {
        Self::new(C::HID(&[bytes]))
    }

    /// The canonical scalar encoding of the identifier.
    pub fn serialize(&self) -> Vec<u8> {
        scalar_bytes::<C>(&self.0)
    }

    /// Decodes an identifier, refusing non-canonical scalars and zero.
    pub fn deserialize(bytes: &[u8]) -> Result<Self, Error<C>> {
        let scalar = crate::encoding::decode_scalar::<C>(bytes)?;
        Self::new(scalar).map_err(|_| DecodeError::ZeroIdentifier.into())
    }

    /// The number this identifier was made from with `try_from(u16)`, or
    /// `None` for a derived identifier (whose value is a hash).
    pub fn as_u16(&self) -> Option<u16> {
        self.to_u64().and_then(|v| u16::try_from(v).ok())
    }

    /// The identifier's value when it fits in a `u64` (every identifier made
    /// by `try_from(u16)`; derived ones almost never). Lets public-data
    /// computations multiply by it with a few doublings.
    pub(crate) fn to_u64(self) -> Option<u64> {
        let (buf, n) = self.big_endian();
        let bytes = &buf[..n];
        let leading = n.saturating_sub(8);
        if bytes[..leading].iter().all(|b| *b == 0) {
            Some(bytes[leading..].iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
        } else {
            None
        }
    }

    /// The identifier's value as big-endian bytes, for ordering and display.
    fn big_endian(&self) -> ([u8; MAX_ENCODING_LEN], usize) {
        let n = C::Group::SCALAR_LEN;
        let mut buf = [0u8; MAX_ENCODING_LEN];
        C::Group::serialize_scalar(&self.0, &mut buf[..n]);
        if C::Group::SCALAR_BYTE_ORDER == ByteOrder::LittleEndian {
            buf[..n].reverse();
        }
        (buf, n)
    }
}

impl<C: Ciphersuite> TryFrom<u16> for Identifier<C> {
    type Error = Error<C>;

    /// The identifier with value `n`; zero is refused.
    fn try_from(n: u16) -> Result<Self, Self::Error> {
        Self::new(C::Group::scalar_from_u64(u64::from(n)))
    }
}

impl<C: Ciphersuite> Ord for Identifier<C> {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, n) = self.big_endian();
        let (b, _) = other.big_endian();
        a[..n].cmp(&b[..n])
    }
}

impl<C: Ciphersuite> PartialOrd for Identifier<C> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<C: Ciphersuite> fmt::Debug for Identifier<C> {
    /// Small identifiers print as their number, derived ones as hex.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(value) = self.to_u64() {
            write!(f, "Identifier({value})")
        } else {
            let (buf, n) = self.big_endian();
            f.write_str("Identifier(0x")?;
            for b in &buf[..n] {
                write!(f, "{b:02x}")?;
            }
            f.write_str(")")
        }
    }
}

impl<C: Ciphersuite> fmt::Display for Identifier<C> {
    /// Small identifiers print as their number (`7`), derived ones as hex
    /// (`0x…`), so error messages read "invalid share from 7".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(value) = self.to_u64() {
            write!(f, "{value}")
        } else {
            let (buf, n) = self.big_endian();
            f.write_str("0x")?;
            for b in &buf[..n] {
                write!(f, "{b:02x}")?;
            }
            Ok(())
        }
    }
}
