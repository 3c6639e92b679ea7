//! The differential fuzz target of frost-ed448's point decoder (issue 23).
//!
//! Our decoder, written on fiat-crypto's field, must agree with the
//! ed448-goldilocks decoder made strict ([`frost_ed448::differential`]) on
//! every input: the same refusal (malformed, identity, outside the
//! prime-order subgroup), or the same point, re-encoding to the input bytes.

/// Checks our Ed448 element decoding against the reference on `data`, and,
/// for 57 bytes, again with the low bits of the last byte cleared (so about
/// half of the inputs are on the curve, not one in 128).
pub fn ed448_decode(data: &[u8]) {
    frost_ed448::differential::check_decoder(data);
    if let Ok(mut bytes) = <[u8; 57]>::try_from(data) {
        bytes[56] &= 0x80;
        frost_ed448::differential::check_decoder(&bytes);
    }
}
