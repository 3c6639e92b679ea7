//! The [`Group`](crate::Group) of a short-Weierstrass curve from the
//! RustCrypto `elliptic-curve` family (k256, p256): SEC1 encodings, scalars
//! big-endian, the curve crate's constant-time arithmetic, precomputed base
//! tables and multiscalar multiplication.

/// Implements [`Group`](crate::Group) for the unit struct `$group` on the
/// RustCrypto curve crate `$curve` (`k256`, `p256`, ...), whose
/// `ProjectivePoint` and `Scalar` become the element and scalar types.
///
/// The curve crate must have its `arithmetic` and `alloc` features on, and
/// the calling crate needs it as a dependency under the name `$curve`.
///
/// Encodings are SEC1's: a scalar is 32 big-endian bytes below the group
/// order, an element the 33-byte compressed point (tag `0x02`/`0x03`). The
/// identity, which has no compressed encoding, is written as 33 zero bytes
/// and refused on decoding, as are the SEC1 "compact" form and any other
/// tag. The cofactor must be 1 (true of secp256k1 and P-256): every decoded
/// point is then in the prime-order group.
///
/// ```ignore
/// #[derive(Copy, Clone, Debug, PartialEq, Eq)]
/// pub struct Secp256K1Group;
/// frost_core::sec1_group!(Secp256K1Group, k256);
/// ```
#[macro_export]
macro_rules! sec1_group {
    ($group:ident, $curve:ident) => {
        impl $crate::Group for $group {
            type Scalar = $curve::Scalar;
            type Element = $curve::ProjectivePoint;

            const SCALAR_LEN: usize = 32;
            const ELEMENT_LEN: usize = 33;
            const SCALAR_BYTE_ORDER: $crate::ByteOrder = $crate::ByteOrder::BigEndian;

            fn zero() -> $curve::Scalar {
                <$curve::Scalar as $curve::elliptic_curve::Field>::ZERO
            }

            fn one() -> $curve::Scalar {
                <$curve::Scalar as $curve::elliptic_curve::Field>::ONE
            }

            fn scalar_from_u64(n: u64) -> $curve::Scalar {
                $curve::Scalar::from(n)
            }

            fn invert(scalar: &$curve::Scalar) -> Option<$curve::Scalar> {
                <$curve::Scalar as $curve::elliptic_curve::Field>::invert(scalar).into()
            }

            fn random_scalar<R: $crate::__private::CryptoRng + ?Sized>(rng: &mut R) -> $curve::Scalar {
                <$curve::Scalar as $curve::elliptic_curve::Field>::random(rng)
            }

            fn serialize_scalar(scalar: &$curve::Scalar, out: &mut [u8]) {
                out.copy_from_slice(&<$curve::Scalar as $curve::elliptic_curve::PrimeField>::to_repr(
                    scalar,
                ));
            }

            fn deserialize_scalar(bytes: &[u8]) -> Option<$curve::Scalar> {
                // SEC1 Octet-String-to-Field-Element: `from_repr` refuses
                // values >= n, so every scalar has exactly one encoding.
                let repr = $curve::FieldBytes::try_from(bytes).ok()?;
                <$curve::Scalar as $curve::elliptic_curve::PrimeField>::from_repr(repr).into()
            }

            fn identity() -> $curve::ProjectivePoint {
                $curve::ProjectivePoint::IDENTITY
            }

            fn generator() -> $curve::ProjectivePoint {
                $curve::ProjectivePoint::GENERATOR
            }

            fn double(element: &$curve::ProjectivePoint) -> $curve::ProjectivePoint {
                // The dedicated doubling formula; Horner's rule over small
                // identifiers (verifying shares in part3) is mostly doublings.
                <$curve::ProjectivePoint as $curve::elliptic_curve::group::Group>::double(element)
            }

            fn base_mul(scalar: &$curve::Scalar) -> $curve::ProjectivePoint {
                // Constant time; the curve crate plugs in its precomputed
                // tables here when its `precomputed-tables` feature is on.
                <$curve::ProjectivePoint as $curve::elliptic_curve::group::Group>::mul_by_generator(scalar)
            }

            fn serialize_element(element: &$curve::ProjectivePoint, out: &mut [u8]) {
                // SEC1 compressed form. The identity has no 33-byte encoding;
                // the curve crate writes its 1-byte `0x00` encoding followed
                // by zeros, 33 zero bytes in all, which `deserialize_element`
                // refuses.
                out.copy_from_slice(
                    &<$curve::ProjectivePoint as $curve::elliptic_curve::group::GroupEncoding>::to_bytes(element),
                );
            }

            fn serialize_elements(elements: &[$curve::ProjectivePoint], out: &mut [u8]) {
                // One field inversion for the whole batch instead of one per
                // point: the signing package's commitment list is 2t points.
                let affine = <$curve::ProjectivePoint as $curve::elliptic_curve::BatchNormalize<
                    [$curve::ProjectivePoint],
                >>::batch_normalize(elements);
                for (point, chunk) in affine.iter().zip(out.chunks_exact_mut(33)) {
                    chunk.copy_from_slice(
                        &<$curve::AffinePoint as $curve::elliptic_curve::group::GroupEncoding>::to_bytes(point),
                    );
                }
            }

            fn deserialize_element(bytes: &[u8]) -> Result<$curve::ProjectivePoint, $crate::ElementError> {
                let repr = $curve::CompressedPoint::try_from(bytes).map_err(|_| $crate::ElementError::Malformed)?;
                match repr[0] {
                    // RFC 9591 allows the compressed form only; `GroupEncoding`
                    // also takes SEC1's 33-byte "compact" form (tag 0x05).
                    0x02 | 0x03 => {}
                    // The bytes `serialize_element` writes for the identity.
                    0x00 if repr.iter().all(|&b| b == 0) => return Err($crate::ElementError::Identity),
                    _ => return Err($crate::ElementError::Malformed),
                }
                // SEC1 public-key validation: decompression refuses x >= p and
                // an x with no point. The cofactor is 1, so there is no
                // subgroup check, and a decompressed point is never the
                // identity.
                Option::from(
                    <$curve::ProjectivePoint as $curve::elliptic_curve::group::GroupEncoding>::from_bytes(&repr),
                )
                .ok_or($crate::ElementError::Malformed)
            }

            fn vartime_multiscalar_mul(
                scalars: &[$curve::Scalar],
                elements: &[$curve::ProjectivePoint],
            ) -> $curve::ProjectivePoint {
                debug_assert_eq!(scalars.len(), elements.len());
                // From about a thousand terms Pippenger's buckets win: the
                // curve crate's w-NAF keeps a table per term, and its cost
                // per term grows with the tables' size (131072 terms:
                // 9.9 s against 2.3 s on secp256k1; equal at 1024;
                // `cargo bench -p frost-bench --bench msm`).
                if scalars.len() >= $crate::msm::SEC1_PIPPENGER_FROM {
                    return $crate::msm::pippenger::<Self>(scalars, elements);
                }
                // Below that, the curve crate's slice `lincomb_vartime`
                // (needs `alloc`): one interleaved w-NAF pass shares the
                // doublings among all terms (with GLV decomposition on
                // secp256k1).
                let terms: $crate::__private::Vec<($curve::ProjectivePoint, $curve::Scalar)> =
                    elements.iter().copied().zip(scalars.iter().copied()).collect();
                <$curve::ProjectivePoint as $curve::elliptic_curve::ops::LinearCombination<
                    [($curve::ProjectivePoint, $curve::Scalar)],
                >>::lincomb_vartime(terms.as_slice())
            }
        }
    };
}
