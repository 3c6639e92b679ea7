//! The macro that gives every suite crate the same concrete API.
//!
//! A suite crate implements [`crate::Ciphersuite`] and calls
//! [`suite_api!`](crate::suite_api) once; users then write
//! `frost_ristretto255::keys::dkg::part1(...)` with no generic parameter in
//! sight, and switch curves by changing one dependency line.

/// Re-exports the whole FROST API with the ciphersuite `$suite` filled in.
///
/// Generates type aliases (`Identifier`, `Error`, `keys::KeyPackage`, ...),
/// and functions whose suite the compiler could not infer from the arguments
/// (`keys::generate_with_dealer`, ...). Items after `keys:` go into the
/// generated `keys` module (the secp256k1 suites put `keys::chilldkg` there).
#[macro_export]
macro_rules! suite_api {
    ($suite:ty $(, keys: { $($keys_extra:tt)* })?) => {
        /// A participant identifier (see [`frost_core::Identifier`]).
        pub type Identifier = $crate::Identifier<$suite>;
        /// The error type (see [`frost_core::Error`]).
        pub type Error = $crate::Error<$suite>;
        /// A Schnorr signature (see [`frost_core::Signature`]).
        pub type Signature = $crate::Signature<$suite>;
        /// A whole signing key (see [`frost_core::SigningKey`]).
        pub type SigningKey = $crate::SigningKey<$suite>;
        /// The group verifying key (see [`frost_core::VerifyingKey`]).
        pub type VerifyingKey = $crate::VerifyingKey<$suite>;
        /// The coordinator's signing package (see [`frost_core::SigningPackage`]).
        pub type SigningPackage = $crate::SigningPackage<$suite>;
        pub use $crate::DecodeError;

        /// The 5-byte header of this suite's messages: the format version
        /// and the CRC-32 of the suite ID (see [`frost_core::header`]).
        pub fn header() -> [u8; 5] {
            $crate::header::<$suite>()
        }

        /// Combines signature shares into the group signature, naming cheaters
        /// on failure (see [`frost_core::aggregate`]).
        pub fn aggregate(
            signing_package: &SigningPackage,
            signature_shares: &$crate::__private::BTreeMap<Identifier, round2::SignatureShare>,
            public_key_package: &keys::PublicKeyPackage,
        ) -> Result<Signature, Error> {
            $crate::aggregate(signing_package, signature_shares, public_key_package)
        }

        /// Checks one signature share (see [`frost_core::verify_signature_share`]).
        pub fn verify_signature_share(
            identifier: Identifier,
            verifying_share: &keys::VerifyingShare,
            signature_share: &round2::SignatureShare,
            signing_package: &SigningPackage,
            verifying_key: &VerifyingKey,
        ) -> Result<(), Error> {
            $crate::verify_signature_share(
                identifier,
                verifying_share,
                signature_share,
                signing_package,
                verifying_key,
            )
        }

        /// Decodes a map of received messages, naming the sender of refused
        /// bytes (see [`frost_core::decode_map`]).
        pub fn decode_map<T, B: AsRef<[u8]>>(
            received: &$crate::__private::BTreeMap<Identifier, B>,
            decode: impl Fn(&[u8]) -> Result<T, Error>,
        ) -> Result<$crate::__private::BTreeMap<Identifier, T>, Error> {
            $crate::decode_map(received, decode)
        }

        /// Batch verification of many signatures (see [`frost_core::batch`]).
        pub mod batch {
            /// One signature to verify (see [`frost_core::batch::Item`]).
            pub type Item = $crate::batch::Item<$suite>;
            /// A queue of signatures verified together (see [`frost_core::batch::Verifier`]).
            pub type Verifier = $crate::batch::Verifier<$suite>;
        }

        /// Key material and key generation (see [`frost_core::keys`]).
        pub mod keys {
            use super::*;
            $($($keys_extra)*)?

            /// A secret signing share (see [`frost_core::keys::SigningShare`]).
            pub type SigningShare = $crate::keys::SigningShare<$suite>;
            /// A public verifying share (see [`frost_core::keys::VerifyingShare`]).
            pub type VerifyingShare = $crate::keys::VerifyingShare<$suite>;
            /// A dealer's share for one participant (see [`frost_core::keys::SecretShare`]).
            pub type SecretShare = $crate::keys::SecretShare<$suite>;
            /// A participant's key package (see [`frost_core::keys::KeyPackage`]).
            pub type KeyPackage = $crate::keys::KeyPackage<$suite>;
            /// The shared public key package (see [`frost_core::keys::PublicKeyPackage`]).
            pub type PublicKeyPackage = $crate::keys::PublicKeyPackage<$suite>;
            /// A commitment to one coefficient (see [`frost_core::keys::CoefficientCommitment`]).
            pub type CoefficientCommitment = $crate::keys::CoefficientCommitment<$suite>;
            /// A Feldman commitment (see [`frost_core::keys::VerifiableSecretSharingCommitment`]).
            pub type VerifiableSecretSharingCommitment = $crate::keys::VerifiableSecretSharingCommitment<$suite>;
            /// Which identifiers a dealer assigns (see [`frost_core::keys::IdentifierList`]).
            pub type IdentifierList<'a> = $crate::keys::IdentifierList<'a, $suite>;
            pub use super::{SigningKey, VerifyingKey};

            /// Generates a group key and splits it among `max_signers`
            /// participants (see [`frost_core::keys::generate_with_dealer`]).
            pub fn generate_with_dealer<R: $crate::__private::CryptoRng + ?Sized>(
                max_signers: u16,
                min_signers: u16,
                identifiers: IdentifierList<'_>,
                rng: &mut R,
            ) -> Result<
                (
                    $crate::__private::BTreeMap<Identifier, SecretShare>,
                    PublicKeyPackage,
                ),
                Error,
            > {
                $crate::keys::generate_with_dealer(max_signers, min_signers, identifiers, rng)
            }

            /// Splits an existing key (see [`frost_core::keys::split`]).
            pub fn split<R: $crate::__private::CryptoRng + ?Sized>(
                key: &SigningKey,
                max_signers: u16,
                min_signers: u16,
                identifiers: IdentifierList<'_>,
                rng: &mut R,
            ) -> Result<
                (
                    $crate::__private::BTreeMap<Identifier, SecretShare>,
                    PublicKeyPackage,
                ),
                Error,
            > {
                $crate::keys::split(key, max_signers, min_signers, identifiers, rng)
            }

            /// Recovers the whole signing key (see [`frost_core::keys::reconstruct`]).
            pub fn reconstruct(key_packages: &[KeyPackage]) -> Result<SigningKey, Error> {
                $crate::keys::reconstruct(key_packages)
            }

            $crate::__suite_dkg_api!($suite);
            $crate::__suite_repair_api!($suite);
            $crate::__suite_refresh_api!($suite);
            $crate::__suite_reshare_api!($suite);
        }

        /// Signing round one (see [`frost_core::round1`]).
        pub mod round1 {
            use super::*;

            /// A signer's secret nonces (see [`frost_core::round1::SigningNonces`]).
            pub type SigningNonces = $crate::round1::SigningNonces<$suite>;
            /// A signer's public commitments (see [`frost_core::round1::SigningCommitments`]).
            pub type SigningCommitments = $crate::round1::SigningCommitments<$suite>;
            /// One nonce commitment (see [`frost_core::round1::NonceCommitment`]).
            pub type NonceCommitment = $crate::round1::NonceCommitment<$suite>;

            /// Draws nonces and commits to them (see [`frost_core::round1::commit`]).
            pub fn commit<R: $crate::__private::CryptoRng + ?Sized>(
                signing_share: &keys::SigningShare,
                rng: &mut R,
            ) -> (SigningNonces, SigningCommitments) {
                $crate::round1::commit(signing_share, rng)
            }
        }

        /// Signing round two (see [`frost_core::round2`]).
        pub mod round2 {
            use super::*;

            /// One signer's signature share (see [`frost_core::round2::SignatureShare`]).
            pub type SignatureShare = $crate::round2::SignatureShare<$suite>;

            /// Computes a signature share, consuming the nonces (see [`frost_core::round2::sign`]).
            pub fn sign(
                signing_package: &SigningPackage,
                signer_nonces: round1::SigningNonces,
                key_package: &keys::KeyPackage,
            ) -> Result<SignatureShare, Error> {
                $crate::round2::sign(signing_package, signer_nonces, key_package)
            }
        }

        $crate::__suite_roast_api!($suite);
        $crate::__suite_rerandomized_api!($suite);
    };
}

/// The DKG part of [`suite_api!`].
#[doc(hidden)]
#[macro_export]
macro_rules! __suite_dkg_api {
    ($suite:ty) => {
        /// Distributed key generation (see [`frost_core::keys::dkg`]).
        pub mod dkg {
            use super::*;

            /// DKG round one (see [`frost_core::keys::dkg::round1`]).
            pub mod round1 {
                use super::*;

                /// What part1 keeps (see [`frost_core::keys::dkg::round1::SecretPackage`]).
                pub type SecretPackage = $crate::keys::dkg::round1::SecretPackage<$suite>;
                /// What part1 broadcasts (see [`frost_core::keys::dkg::round1::Package`]).
                pub type Package = $crate::keys::dkg::round1::Package<$suite>;

                /// A digest of all round-1 packages to compare out of band
                /// (see [`frost_core::keys::dkg::round1::transcript_digest`]).
                pub fn transcript_digest(packages: &$crate::__private::BTreeMap<Identifier, Package>) -> [u8; 32] {
                    $crate::keys::dkg::round1::transcript_digest(packages)
                }
            }

            /// DKG round two (see [`frost_core::keys::dkg::round2`]).
            pub mod round2 {
                /// What part2 keeps (see [`frost_core::keys::dkg::round2::SecretPackage`]).
                pub type SecretPackage = $crate::keys::dkg::round2::SecretPackage<$suite>;
                /// A share for one recipient (see [`frost_core::keys::dkg::round2::Package`]).
                pub type Package = $crate::keys::dkg::round2::Package<$suite>;
            }

            /// Round one of the DKG (see [`frost_core::keys::dkg::part1`]).
            pub fn part1<R: $crate::__private::CryptoRng + ?Sized>(
                identifier: Identifier,
                max_signers: u16,
                min_signers: u16,
                rng: &mut R,
            ) -> Result<(round1::SecretPackage, round1::Package), Error> {
                $crate::keys::dkg::part1(identifier, max_signers, min_signers, rng)
            }

            /// Round two of the DKG (see [`frost_core::keys::dkg::part2`]).
            pub fn part2(
                secret_package: round1::SecretPackage,
                round1_packages: &$crate::__private::BTreeMap<Identifier, round1::Package>,
            ) -> Result<
                (
                    round2::SecretPackage,
                    $crate::__private::BTreeMap<Identifier, round2::Package>,
                ),
                Error,
            > {
                $crate::keys::dkg::part2(secret_package, round1_packages)
            }

            /// Round three of the DKG (see [`frost_core::keys::dkg::part3`]).
            pub fn part3(
                secret_package: &round2::SecretPackage,
                round1_packages: &$crate::__private::BTreeMap<Identifier, round1::Package>,
                round2_packages: &$crate::__private::BTreeMap<Identifier, round2::Package>,
            ) -> Result<(KeyPackage, PublicKeyPackage), Error> {
                $crate::keys::dkg::part3(secret_package, round1_packages, round2_packages)
            }
        }
    };
}

/// The share-repair part of [`suite_api!`].
#[doc(hidden)]
#[macro_export]
macro_rules! __suite_repair_api {
    ($suite:ty) => {
        /// Share repair (see [`frost_core::keys::repairable`]).
        pub mod repairable {
            use super::*;

            /// A helper's piece for another helper (see [`frost_core::keys::repairable::Delta`]).
            pub type Delta = $crate::keys::repairable::Delta<$suite>;
            /// A helper's sum for the participant (see [`frost_core::keys::repairable::Sigma`]).
            pub type Sigma = $crate::keys::repairable::Sigma<$suite>;

            /// Step 1, run by each helper (see [`frost_core::keys::repairable::repair_share_part1`]).
            pub fn repair_share_part1<R: $crate::__private::CryptoRng + ?Sized>(
                helpers: &[Identifier],
                participant: Identifier,
                key_package: &KeyPackage,
                public_key_package: &PublicKeyPackage,
                rng: &mut R,
            ) -> Result<$crate::__private::BTreeMap<Identifier, Delta>, Error> {
                $crate::keys::repairable::repair_share_part1(helpers, participant, key_package, public_key_package, rng)
            }

            /// Step 2, run by each helper (see [`frost_core::keys::repairable::repair_share_part2`]).
            pub fn repair_share_part2(
                helpers: &[Identifier],
                participant: Identifier,
                key_package: &KeyPackage,
                deltas: &$crate::__private::BTreeMap<Identifier, Delta>,
            ) -> Result<Sigma, Error> {
                $crate::keys::repairable::repair_share_part2(helpers, participant, key_package, deltas)
            }

            /// Step 3, run by the participant being repaired (see
            /// [`frost_core::keys::repairable::repair_share_part3`]).
            pub fn repair_share_part3(
                helpers: &[Identifier],
                participant: Identifier,
                sigmas: &$crate::__private::BTreeMap<Identifier, Sigma>,
                public_key_package: &PublicKeyPackage,
            ) -> Result<KeyPackage, Error> {
                $crate::keys::repairable::repair_share_part3(helpers, participant, sigmas, public_key_package)
            }
        }
    };
}

/// The share-refresh part of [`suite_api!`].
#[doc(hidden)]
#[macro_export]
macro_rules! __suite_refresh_api {
    ($suite:ty) => {
        /// Share refresh (see [`frost_core::keys::refresh`]).
        pub mod refresh {
            use super::*;

            /// A dealer's refresh share for one participant (see
            /// [`frost_core::keys::refresh::RefreshingShare`]).
            pub type RefreshingShare = $crate::keys::refresh::RefreshingShare<$suite>;

            /// Trusted dealer: the refresh shares and the new public key
            /// package (see [`frost_core::keys::refresh::compute_refreshing_shares`]).
            pub fn compute_refreshing_shares<R: $crate::__private::CryptoRng + ?Sized>(
                public_key_package: &PublicKeyPackage,
                identifiers: &[Identifier],
                rng: &mut R,
            ) -> Result<
                (
                    $crate::__private::BTreeMap<Identifier, RefreshingShare>,
                    PublicKeyPackage,
                ),
                Error,
            > {
                $crate::keys::refresh::compute_refreshing_shares(public_key_package, identifiers, rng)
            }

            /// Trusted dealer, each participant: the refreshed key package
            /// (see [`frost_core::keys::refresh::refresh_share`]).
            pub fn refresh_share(
                refreshing_share: RefreshingShare,
                current_key_package: &KeyPackage,
            ) -> Result<KeyPackage, Error> {
                $crate::keys::refresh::refresh_share(refreshing_share, current_key_package)
            }

            /// DKG refresh, round one (see [`frost_core::keys::refresh::refresh_dkg_part1`]).
            pub fn refresh_dkg_part1<R: $crate::__private::CryptoRng + ?Sized>(
                identifier: Identifier,
                max_signers: u16,
                min_signers: u16,
                rng: &mut R,
            ) -> Result<(dkg::round1::SecretPackage, dkg::round1::Package), Error> {
                $crate::keys::refresh::refresh_dkg_part1(identifier, max_signers, min_signers, rng)
            }

            /// DKG refresh, round two (see [`frost_core::keys::refresh::refresh_dkg_part2`]).
            pub fn refresh_dkg_part2(
                secret_package: dkg::round1::SecretPackage,
                round1_packages: &$crate::__private::BTreeMap<Identifier, dkg::round1::Package>,
            ) -> Result<
                (
                    dkg::round2::SecretPackage,
                    $crate::__private::BTreeMap<Identifier, dkg::round2::Package>,
                ),
                Error,
            > {
                $crate::keys::refresh::refresh_dkg_part2(secret_package, round1_packages)
            }

            /// DKG refresh, round three (see [`frost_core::keys::refresh::refresh_dkg_shares`]).
            pub fn refresh_dkg_shares(
                round2_secret_package: &dkg::round2::SecretPackage,
                round1_packages: &$crate::__private::BTreeMap<Identifier, dkg::round1::Package>,
                round2_packages: &$crate::__private::BTreeMap<Identifier, dkg::round2::Package>,
                old_public_key_package: &PublicKeyPackage,
                old_key_package: &KeyPackage,
            ) -> Result<(KeyPackage, PublicKeyPackage), Error> {
                $crate::keys::refresh::refresh_dkg_shares(
                    round2_secret_package,
                    round1_packages,
                    round2_packages,
                    old_public_key_package,
                    old_key_package,
                )
            }
        }
    };
}

/// The re-randomized FROST part of [`suite_api!`]; the suite must implement
/// [`crate::rerandomized::RandomizedCiphersuite`].
#[doc(hidden)]
#[macro_export]
macro_rules! __suite_rerandomized_api {
    ($suite:ty) => {
        /// Re-randomized FROST: unlinkable signatures under a fresh offset of
        /// the group key in every session (see [`frost_core::rerandomized`]).
        pub mod rerandomized {
            use super::*;

            /// The randomizer of one session (see [`frost_core::rerandomized::Randomizer`]).
            pub type Randomizer = $crate::rerandomized::Randomizer<$suite>;
            /// One session's randomization (see [`frost_core::rerandomized::RandomizedParams`]).
            pub type RandomizedParams = $crate::rerandomized::RandomizedParams<$suite>;

            /// A signer's round two, from the coordinator's seed (see
            /// [`frost_core::rerandomized::sign_with_randomizer_seed`]).
            pub fn sign_with_randomizer_seed(
                signing_package: &SigningPackage,
                signer_nonces: round1::SigningNonces,
                key_package: &keys::KeyPackage,
                randomizer_seed: &[u8],
            ) -> Result<round2::SignatureShare, Error> {
                $crate::rerandomized::sign_with_randomizer_seed(
                    signing_package,
                    signer_nonces,
                    key_package,
                    randomizer_seed,
                )
            }

            /// A signer's round two with an externally chosen randomizer (see
            /// [`frost_core::rerandomized::sign_with_randomizer`]).
            pub fn sign_with_randomizer(
                signing_package: &SigningPackage,
                signer_nonces: round1::SigningNonces,
                key_package: &keys::KeyPackage,
                randomizer: &Randomizer,
            ) -> Result<round2::SignatureShare, Error> {
                $crate::rerandomized::sign_with_randomizer(signing_package, signer_nonces, key_package, randomizer)
            }

            /// Combines shares into a signature under the randomized key (see
            /// [`frost_core::rerandomized::aggregate`]).
            pub fn aggregate(
                signing_package: &SigningPackage,
                signature_shares: &$crate::__private::BTreeMap<Identifier, round2::SignatureShare>,
                public_key_package: &keys::PublicKeyPackage,
                randomized_params: &RandomizedParams,
            ) -> Result<Signature, Error> {
                $crate::rerandomized::aggregate(
                    signing_package,
                    signature_shares,
                    public_key_package,
                    randomized_params,
                )
            }

            /// Checks one share under the randomized key (see
            /// [`frost_core::rerandomized::verify_signature_share`]).
            pub fn verify_signature_share(
                identifier: Identifier,
                verifying_share: &keys::VerifyingShare,
                signature_share: &round2::SignatureShare,
                signing_package: &SigningPackage,
                verifying_key: &VerifyingKey,
                randomized_params: &RandomizedParams,
            ) -> Result<(), Error> {
                $crate::rerandomized::verify_signature_share(
                    identifier,
                    verifying_share,
                    signature_share,
                    signing_package,
                    verifying_key,
                    randomized_params,
                )
            }
        }
    };
}

/// The resharing part of [`suite_api!`].
#[doc(hidden)]
#[macro_export]
macro_rules! __suite_reshare_api {
    ($suite:ty) => {
        /// Resharing to a new threshold and new members under the same group
        /// key (see [`frost_core::keys::reshare`]).
        pub mod reshare {
            use super::*;

            /// A reshare's agreed parameters (see
            /// [`frost_core::keys::reshare::Parameters`]).
            pub type Parameters = $crate::keys::reshare::Parameters<$suite>;

            /// A dealer's broadcast package and sub-shares (see
            /// [`frost_core::keys::reshare::DealOutput`]).
            pub type DealOutput = $crate::keys::reshare::DealOutput<$suite>;

            /// A dealer's part (see [`frost_core::keys::reshare::deal`]).
            pub fn deal<R: $crate::__private::CryptoRng + ?Sized>(
                parameters: &Parameters,
                key_package: &KeyPackage,
                rng: &mut R,
            ) -> Result<DealOutput, Error> {
                $crate::keys::reshare::deal(parameters, key_package, rng)
            }

            /// A new member's part (see [`frost_core::keys::reshare::receive`]).
            pub fn receive(
                parameters: &Parameters,
                identifier: Identifier,
                round1_packages: &$crate::__private::BTreeMap<Identifier, dkg::round1::Package>,
                round2_packages: $crate::__private::BTreeMap<Identifier, dkg::round2::Package>,
            ) -> Result<(KeyPackage, PublicKeyPackage), Error> {
                $crate::keys::reshare::receive(parameters, identifier, round1_packages, round2_packages)
            }

            /// The digest to compare out of band (see
            /// [`frost_core::keys::reshare::transcript_digest`]).
            pub fn transcript_digest(
                parameters: &Parameters,
                round1_packages: &$crate::__private::BTreeMap<Identifier, dkg::round1::Package>,
                new_public_key_package: &PublicKeyPackage,
            ) -> [u8; 32] {
                $crate::keys::reshare::transcript_digest(parameters, round1_packages, new_public_key_package)
            }
        }
    };
}
