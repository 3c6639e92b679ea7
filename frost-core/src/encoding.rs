//! The binary wire format, byte-compatible with frost-core 3.x, and its strict
//! decoder.
//!
//! frost-core 3.x encodes with serde and postcard: struct fields in order,
//! scalars and elements as fixed-size raw bytes, byte strings and maps with a
//! varint length prefix, `Option` as a tag byte, and on most messages a
//! 5-byte header: a format version (0) and the big-endian CRC-32 of the
//! ciphersuite ID. We write the same bytes by hand, and read them back with a
//! decoder that refuses everything postcard lets through: trailing bytes,
//! non-minimal varints, unordered or repeated map keys, non-canonical
//! scalars and elements. No allocation is ever sized by a length prefix
//! alone: a count is first checked against the bytes actually left.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use core::fmt;

use crate::ciphersuite::{Element, ElementError, Scalar};
use crate::{Ciphersuite, DecodeError, Error, Group, Identifier};

/// The only format version this library writes and reads.
pub const FORMAT_VERSION: u8 = 0;

/// CRC-32 (the IEEE/zlib polynomial), computed at compile time for the
/// suite ID; twenty lines do not justify a dependency.
pub(crate) const fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    let mut i = 0;
    while i < bytes.len() {
        crc ^= bytes[i] as u32;
        let mut bit = 0;
        while bit < 8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xedb8_8320 & mask);
            bit += 1;
        }
        i += 1;
    }
    !crc
}

/// The 5-byte header of a suite's messages: version, then CRC-32 of the ID.
pub fn header<C: Ciphersuite>() -> [u8; 5] {
    let crc = crc32(C::ID.as_bytes()).to_be_bytes();
    [FORMAT_VERSION, crc[0], crc[1], crc[2], crc[3]]
}

/// Refuses a standalone value of the wrong length, telling short from long.
fn check_len(bytes: &[u8], expected: usize) -> Result<(), DecodeError> {
    match bytes.len() {
        n if n < expected => Err(DecodeError::Truncated),
        n if n > expected => Err(DecodeError::TrailingBytes),
        _ => Ok(()),
    }
}

/// Decodes a standalone canonical scalar.
pub(crate) fn decode_scalar<C: Ciphersuite>(bytes: &[u8]) -> Result<Scalar<C>, DecodeError> {
    check_len(bytes, C::Group::SCALAR_LEN)?;
    C::Group::deserialize_scalar(bytes).ok_or(DecodeError::MalformedScalar)
}

/// Decodes a standalone element, mapping the group's refusal to a [`DecodeError`].
pub(crate) fn decode_element<C: Ciphersuite>(bytes: &[u8]) -> Result<Element<C>, DecodeError> {
    check_len(bytes, C::Group::ELEMENT_LEN)?;
    C::Group::deserialize_element(bytes).map_err(|e| match e {
        ElementError::Identity => DecodeError::IdentityElement,
        ElementError::Malformed | ElementError::NotInPrimeOrderSubgroup => DecodeError::MalformedElement,
    })
}

/// Lowercase hex for `Debug` output of public values.
pub(crate) struct Hex<'a>(pub(crate) &'a [u8]);

impl fmt::Debug for Hex<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// Appends the wire encoding of values to a buffer.
pub(crate) struct Writer<C: Ciphersuite> {
    out: Vec<u8>,
    _suite: core::marker::PhantomData<C>,
}

impl<C: Ciphersuite> Writer<C> {
    pub(crate) fn new() -> Self {
        Self {
            out: Vec::new(),
            _suite: core::marker::PhantomData,
        }
    }

    pub(crate) fn header(&mut self) {
        self.out.extend_from_slice(&header::<C>());
    }

    pub(crate) fn varint(&mut self, mut value: u64) {
        loop {
            let byte = (value & 0x7f) as u8;
            value >>= 7;
            if value == 0 {
                self.out.push(byte);
                return;
            }
            self.out.push(byte | 0x80);
        }
    }

    pub(crate) fn scalar(&mut self, scalar: &Scalar<C>) {
        let start = self.out.len();
        self.out.resize(start + C::Group::SCALAR_LEN, 0);
        C::Group::serialize_scalar(scalar, &mut self.out[start..]);
    }

    pub(crate) fn element(&mut self, element: &Element<C>) {
        let start = self.out.len();
        self.out.resize(start + C::Group::ELEMENT_LEN, 0);
        C::Group::serialize_element(element, &mut self.out[start..]);
    }

    pub(crate) fn identifier(&mut self, identifier: &Identifier<C>) {
        self.scalar(&identifier.to_scalar());
    }

    /// A varint-length-prefixed byte string.
    pub(crate) fn bytes(&mut self, bytes: &[u8]) {
        self.varint(bytes.len() as u64);
        self.out.extend_from_slice(bytes);
    }

    /// Bytes of a fixed length, with no prefix.
    pub(crate) fn fixed(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    /// A map: its length, then each entry in key order (a `BTreeMap`'s order).
    pub(crate) fn map<V>(&mut self, map: &BTreeMap<Identifier<C>, V>, mut value: impl FnMut(&mut Self, &V)) {
        self.varint(map.len() as u64);
        for (k, v) in map {
            self.identifier(k);
            value(self, v);
        }
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        self.out
    }
}

/// Reads the wire encoding strictly; see the module documentation.
pub(crate) struct Reader<'a, C: Ciphersuite> {
    input: &'a [u8],
    _suite: core::marker::PhantomData<C>,
}

impl<'a, C: Ciphersuite> Reader<'a, C> {
    pub(crate) fn new(input: &'a [u8]) -> Self {
        Self {
            input,
            _suite: core::marker::PhantomData,
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        if self.input.len() < n {
            return Err(DecodeError::Truncated);
        }
        let (head, rest) = self.input.split_at(n);
        self.input = rest;
        Ok(head)
    }

    pub(crate) fn header(&mut self) -> Result<(), DecodeError> {
        let bytes = self.take(5)?;
        if bytes[0] != FORMAT_VERSION {
            return Err(DecodeError::UnsupportedVersion(bytes[0]));
        }
        if bytes[1..] != header::<C>()[1..] {
            return Err(DecodeError::WrongCiphersuite);
        }
        Ok(())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.input.is_empty()
    }

    /// A minimal LEB128 varint of at most `max_bits` bits.
    pub(crate) fn varint(&mut self, max_bits: u32) -> Result<u64, DecodeError> {
        let mut value = 0u64;
        let mut shift = 0u32;
        loop {
            let byte = self.take(1)?[0];
            let low = u64::from(byte & 0x7f);
            // Too many bytes, or bits set above `max_bits`: overflow.
            if shift >= max_bits || (max_bits - shift < 7 && low >> (max_bits - shift) != 0) {
                return Err(DecodeError::InvalidVarint);
            }
            value |= low << shift;
            if byte & 0x80 == 0 {
                // A final zero byte after others is a non-minimal encoding.
                if shift > 0 && byte == 0 {
                    return Err(DecodeError::InvalidVarint);
                }
                return Ok(value);
            }
            shift += 7;
        }
    }

    pub(crate) fn u16(&mut self) -> Result<u16, DecodeError> {
        u16::try_from(self.varint(16)?).map_err(|_| DecodeError::InvalidVarint)
    }

    /// A count of items that each take at least `min_item_len` bytes; refused
    /// when the input cannot hold that many, so it can size an allocation.
    pub(crate) fn count(&mut self, min_item_len: usize) -> Result<usize, DecodeError> {
        let n = usize::try_from(self.varint(64)?).map_err(|_| DecodeError::InvalidVarint)?;
        if n.checked_mul(min_item_len.max(1))
            .is_none_or(|need| need > self.input.len())
        {
            return Err(DecodeError::Truncated);
        }
        Ok(n)
    }

    pub(crate) fn scalar(&mut self) -> Result<Scalar<C>, DecodeError> {
        let bytes = self.take(C::Group::SCALAR_LEN)?;
        decode_scalar::<C>(bytes)
    }

    pub(crate) fn element(&mut self) -> Result<Element<C>, DecodeError> {
        let bytes = self.take(C::Group::ELEMENT_LEN)?;
        decode_element::<C>(bytes)
    }

    pub(crate) fn identifier(&mut self) -> Result<Identifier<C>, DecodeError> {
        let scalar = self.scalar()?;
        Identifier::new(scalar).map_err(|_| DecodeError::ZeroIdentifier)
    }

    /// A varint-length-prefixed byte string.
    pub(crate) fn bytes(&mut self) -> Result<&'a [u8], DecodeError> {
        let n = self.count(1)?;
        self.take(n)
    }

    /// Bytes of a fixed length, with no prefix.
    pub(crate) fn fixed(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        self.take(n)
    }

    /// A map with strictly increasing identifier keys.
    pub(crate) fn map<V>(
        &mut self,
        min_value_len: usize,
        mut value: impl FnMut(&mut Self) -> Result<V, DecodeError>,
    ) -> Result<BTreeMap<Identifier<C>, V>, DecodeError> {
        let n = self.count(C::Group::SCALAR_LEN + min_value_len)?;
        let mut map = BTreeMap::new();
        let mut last: Option<Identifier<C>> = None;
        for _ in 0..n {
            let key = self.identifier()?;
            if last.is_some_and(|prev| prev >= key) {
                return Err(DecodeError::UnorderedMapKeys);
            }
            last = Some(key);
            let v = value(self)?;
            map.insert(key, v);
        }
        Ok(map)
    }

    /// Refuses any bytes left over.
    pub(crate) fn finish(self) -> Result<(), DecodeError> {
        if self.input.is_empty() {
            Ok(())
        } else {
            Err(DecodeError::TrailingBytes)
        }
    }
}

/// Decodes a whole message with `f`, refusing trailing bytes.
pub(crate) fn decode_all<C: Ciphersuite, T>(
    bytes: &[u8],
    f: impl FnOnce(&mut Reader<'_, C>) -> Result<T, DecodeError>,
) -> Result<T, Error<C>> {
    let mut reader = Reader::new(bytes);
    let value = f(&mut reader)?;
    reader.finish()?;
    Ok(value)
}

/// Decodes every message received in one round, keyed by sender, naming the
/// first sender (in identifier order) whose bytes were refused
/// ([DECISIONS 4]).
///
/// ```
/// use std::collections::BTreeMap;
/// use frost_core::{Ciphersuite, Error, Identifier, decode_map};
///
/// fn receive<C: Ciphersuite>(
///     received: &BTreeMap<Identifier<C>, Vec<u8>>,
/// ) -> Result<BTreeMap<Identifier<C>, frost_core::round1::SigningCommitments<C>>, Error<C>> {
///     decode_map(received, frost_core::round1::SigningCommitments::deserialize)
/// }
/// ```
pub fn decode_map<C: Ciphersuite, T, B: AsRef<[u8]>>(
    received: &BTreeMap<Identifier<C>, B>,
    decode: impl Fn(&[u8]) -> Result<T, Error<C>>,
) -> Result<BTreeMap<Identifier<C>, T>, Error<C>> {
    received
        .iter()
        .map(|(sender, bytes)| {
            decode(bytes.as_ref())
                .map(|value| (*sender, value))
                .map_err(|e| e.with_sender(*sender))
        })
        .collect()
}
