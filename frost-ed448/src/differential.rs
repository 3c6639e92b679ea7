//! The decoder of ed448-goldilocks, made strict, as a reference for ours.
//!
//! Test support only (the `internals` feature, the crate's own tests and the
//! `ed448_decode` fuzz target): the suite's arithmetic never uses
//! ed448-goldilocks' points or field.

use ed448_goldilocks::{CompressedEdwardsY, EdwardsPoint as Reference};
use frost_core::{ElementError, Group};

use crate::Ed448Group;

/// What RFC 9591 says an Ed448 element decoding must return, computed with
/// ed448-goldilocks: the canonical encoding of the point, or why it is
/// refused.
pub fn reference_decode(bytes: &[u8]) -> Result<[u8; 57], ElementError> {
    let bytes: [u8; 57] = bytes.try_into().map_err(|_| ElementError::Malformed)?;
    let compressed = CompressedEdwardsY(bytes);
    let point: ed448_goldilocks::AffinePoint =
        Option::from(compressed.decompress_unchecked()).ok_or(ElementError::Malformed)?;
    // ed448-goldilocks reduces y modulo p, ignores the low 7 bits of the
    // last byte and the sign of x = 0: only the encoding that comes back
    // unchanged is canonical.
    if point.compress() != compressed {
        return Err(ElementError::Malformed);
    }
    let point = point.to_edwards();
    if point == Reference::IDENTITY {
        return Err(ElementError::Identity);
    }
    if !bool::from(point.is_torsion_free()) {
        return Err(ElementError::NotInPrimeOrderSubgroup);
    }
    Ok(bytes)
}

/// Panics unless our decoding of `bytes` agrees with [`reference_decode`]:
/// the same refusal, or the same point, which re-encodes to the input.
pub fn check_decoder(bytes: &[u8]) {
    let ours = Ed448Group::deserialize_element(bytes).map(|p| p.to_bytes());
    let reference = reference_decode(bytes);
    assert_eq!(ours, reference, "decoding {bytes:02x?}");
    if let Ok(encoding) = ours {
        assert_eq!(&encoding[..], bytes, "a decoded point re-encodes to its input");
    }
}
