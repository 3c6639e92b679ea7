//! The generic test suite every ciphersuite crate runs (feature `test-suite`).
//!
//! Each group of tests is a generic function here and a macro that expands
//! to `#[test]` functions for one suite, so a suite crate runs a whole group
//! with one line, for example `frost_core::dealer_tests!(MySuite);`.
//! Not a stable API.

#![allow(missing_docs, clippy::missing_panics_doc)]

pub mod batch;
pub mod cheaters;
pub mod chilldkg;
pub mod chilldkg_blame;
pub mod cocktail;
pub mod cocktail_blame;
pub mod dealer;
pub mod dkg;
pub mod dkg_vectors;
pub mod encoding;
pub mod hostile;
pub mod interop;
pub mod refresh;
pub mod repair;
pub mod rerandomized;
pub mod rerandomized_vectors;
pub mod reshare;
pub mod roast;
pub mod signing;
pub mod snapshots;
pub mod vectors;

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::keys::{IdentifierList, KeyPackage, PublicKeyPackage};
use crate::round1::SigningNonces;
use crate::round2::SignatureShare;
use crate::{Ciphersuite, Error, Identifier, Signature, SigningPackage};

/// A deterministic RNG, so a failure reproduces.
pub fn rng(seed: u64) -> StdRng {
    StdRng::seed_from_u64(seed)
}

/// The identifier numbered `n`.
pub fn id<C: Ciphersuite>(n: u16) -> Identifier<C> {
    Identifier::try_from(n).expect("non-zero")
}

/// Identifiers `1..=n`.
pub fn numbered_identifiers<C: Ciphersuite>(n: u16) -> Vec<Identifier<C>> {
    (1..=n).map(id).collect()
}

/// Identifiers derived from names, for the derived-identifier variants.
pub fn derived_identifiers<C: Ciphersuite>(n: u16) -> Vec<Identifier<C>> {
    (0..n)
        .map(|i| Identifier::derive(alloc::format!("participant-{i}@example.com").as_bytes()).expect("non-zero"))
        .collect()
}

/// Dealer keys, every share checked into a key package.
pub fn dealer_keys<C: Ciphersuite>(
    max: u16,
    min: u16,
    identifiers: IdentifierList<'_, C>,
    seed: u64,
) -> (BTreeMap<Identifier<C>, KeyPackage<C>>, PublicKeyPackage<C>) {
    let (shares, pkp) = crate::keys::generate_with_dealer(max, min, identifiers, &mut rng(seed)).expect("dealer");
    let kps = shares
        .into_iter()
        .map(|(id, s)| (id, KeyPackage::try_from(s).expect("valid share")))
        .collect();
    (kps, pkp)
}

/// 3-of-5 dealer keys with numbered or derived identifiers.
pub fn dealer_3_of_5<C: Ciphersuite>(
    derived: bool,
    seed: u64,
) -> (BTreeMap<Identifier<C>, KeyPackage<C>>, PublicKeyPackage<C>) {
    let ids = derived_identifiers::<C>(5);
    let list = if derived {
        IdentifierList::Custom(&ids)
    } else {
        IdentifierList::Default
    };
    dealer_keys::<C>(5, 3, list, seed)
}

/// One signing session: the package and every signer's share.
pub fn signing_session<C: Ciphersuite>(
    key_packages: &BTreeMap<Identifier<C>, KeyPackage<C>>,
    signers: &[Identifier<C>],
    message: &[u8],
    seed: u64,
) -> (SigningPackage<C>, BTreeMap<Identifier<C>, SignatureShare<C>>) {
    signing_session_with(key_packages, signers, message, seed, crate::round2::sign).expect("sign")
}

/// A signing package and every signer's share.
type SigningSession<C> = (SigningPackage<C>, BTreeMap<Identifier<C>, SignatureShare<C>>);

/// [`signing_session`] with each share made by `sign_share` (a suite's
/// variant of `round2::sign`, such as a Taproot tweak's), from the same
/// seeded nonces.
fn signing_session_with<C: Ciphersuite>(
    key_packages: &BTreeMap<Identifier<C>, KeyPackage<C>>,
    signers: &[Identifier<C>],
    message: &[u8],
    seed: u64,
    mut sign_share: impl FnMut(&SigningPackage<C>, SigningNonces<C>, &KeyPackage<C>) -> Result<SignatureShare<C>, Error<C>>,
) -> Result<SigningSession<C>, Error<C>> {
    let mut rng = rng(seed);
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for id in signers {
        let (n, c) = crate::round1::commit(key_packages[id].signing_share(), &mut rng);
        nonces.insert(*id, n);
        commitments.insert(*id, c);
    }
    let package = SigningPackage::new(commitments, message);
    let mut shares = BTreeMap::new();
    for id in signers {
        let n = nonces.remove(id).expect("committed");
        shares.insert(*id, sign_share(&package, n, &key_packages[id])?);
    }
    Ok((package, shares))
}

/// Signs with the given signers and aggregates.
pub fn sign<C: Ciphersuite>(
    key_packages: &BTreeMap<Identifier<C>, KeyPackage<C>>,
    public_key_package: &PublicKeyPackage<C>,
    signers: &[Identifier<C>],
    message: &[u8],
    seed: u64,
) -> Result<Signature<C>, Error<C>> {
    let (package, shares) = signing_session(key_packages, signers, message, seed);
    crate::aggregate(&package, &shares, public_key_package)
}

/// Signs with the given signers, each share made by `sign_share`, and
/// aggregates with `aggregate`: the signing a suite's independent-verifier
/// tests run through its own variants of `round2::sign` and `aggregate`
/// (`frost-secp256k1-tr`'s Taproot tweaks).
pub fn sign_with<C: Ciphersuite>(
    key_packages: &BTreeMap<Identifier<C>, KeyPackage<C>>,
    signers: &[Identifier<C>],
    message: &[u8],
    seed: u64,
    sign_share: impl FnMut(&SigningPackage<C>, SigningNonces<C>, &KeyPackage<C>) -> Result<SignatureShare<C>, Error<C>>,
    aggregate: impl FnOnce(
        &SigningPackage<C>,
        &BTreeMap<Identifier<C>, SignatureShare<C>>,
    ) -> Result<Signature<C>, Error<C>>,
) -> Result<Signature<C>, Error<C>> {
    let (package, shares) = signing_session_with(key_packages, signers, message, seed, sign_share)?;
    aggregate(&package, &shares)
}

/// Expands the dealer group of the generic suite for one ciphersuite.
#[macro_export]
macro_rules! dealer_tests {
    ($suite:ty) => {
        mod dealer {
            use $crate::testing::dealer as t;
            #[test]
            fn flow_2_of_3() {
                t::flow::<$suite>(3, 2, false);
            }
            #[test]
            fn flow_3_of_5() {
                t::flow::<$suite>(5, 3, false);
            }
            #[test]
            fn flow_7_of_10() {
                t::flow::<$suite>(10, 7, false);
            }
            #[test]
            fn flow_3_of_5_derived_identifiers() {
                t::flow::<$suite>(5, 3, true);
            }
            #[test]
            fn flow_7_of_10_derived_identifiers() {
                t::flow::<$suite>(10, 7, true);
            }
            #[test]
            fn identifiers() {
                t::identifiers::<$suite>();
            }
            #[test]
            fn refuses_bad_parameters() {
                t::refuses_bad_parameters::<$suite>();
            }
            #[test]
            fn refuses_invalid_secret_share() {
                t::refuses_invalid_secret_share::<$suite>();
            }
            #[test]
            fn refuses_inconsistent_key_package() {
                t::refuses_inconsistent_key_package::<$suite>();
            }
            #[test]
            fn reconstruct() {
                t::reconstruct::<$suite>();
            }
            #[test]
            fn secrets_redacted_and_zeroized() {
                t::secrets_redacted_and_zeroized::<$suite>();
            }
            #[test]
            fn single_signer_schnorr() {
                t::single_signer_schnorr::<$suite>();
            }
        }
    };
}

/// Expands the signing-refusal group of the generic suite.
#[macro_export]
macro_rules! signing_tests {
    ($suite:ty) => {
        mod signing {
            use $crate::testing::signing as t;
            #[test]
            fn refuses_missing_own_commitment() {
                t::refuses_missing_own_commitment::<$suite>();
            }
            #[test]
            fn refuses_altered_own_commitment() {
                t::refuses_altered_own_commitment::<$suite>();
            }
            #[test]
            fn refuses_identity_commitment() {
                t::refuses_identity_commitment::<$suite>();
            }
            #[test]
            fn refuses_too_few_signers() {
                t::refuses_too_few_signers::<$suite>();
            }
            #[test]
            fn refuses_missing_and_unexpected_shares() {
                t::refuses_missing_and_unexpected_shares::<$suite>();
            }
            #[test]
            fn refuses_unknown_participant() {
                t::refuses_unknown_participant::<$suite>();
            }
            #[test]
            fn refuses_wrong_message_or_key() {
                t::refuses_wrong_message_or_key::<$suite>();
            }
            #[test]
            fn encodings_round_trip_strictly() {
                t::encodings_round_trip_strictly::<$suite>();
            }
        }
    };
}

/// Expands the cheater-detection group of the generic suite.
#[macro_export]
macro_rules! cheater_tests {
    ($suite:ty) => {
        mod cheaters {
            use $crate::testing::cheaters as t;
            #[test]
            fn names_one_cheater() {
                t::names_cheaters::<$suite>(1);
            }
            #[test]
            fn names_every_cheater() {
                t::names_cheaters::<$suite>(3);
            }
            #[test]
            fn verify_signature_share_one_by_one() {
                t::verify_signature_share_one_by_one::<$suite>();
            }
        }
    };
}

/// Expands the DKG group of the generic suite.
#[macro_export]
macro_rules! dkg_tests {
    ($suite:ty) => {
        mod dkg {
            use $crate::testing::dkg as t;
            #[test]
            fn flow_2_of_3() {
                t::flow::<$suite>(3, 2, false);
            }
            #[test]
            fn flow_3_of_5() {
                t::flow::<$suite>(5, 3, false);
            }
            #[test]
            fn flow_7_of_10() {
                t::flow::<$suite>(10, 7, false);
            }
            #[test]
            fn flow_2_of_3_derived_identifiers() {
                t::flow::<$suite>(3, 2, true);
            }
            #[test]
            fn flow_3_of_5_derived_identifiers() {
                t::flow::<$suite>(5, 3, true);
            }
            #[test]
            fn flow_7_of_10_derived_identifiers() {
                t::flow::<$suite>(10, 7, true);
            }
            #[test]
            fn transcript_digest() {
                t::transcript_digest::<$suite>();
            }
            #[test]
            fn refuses_bad_parameters() {
                t::refuses_bad_parameters::<$suite>();
            }
            #[test]
            fn refuses_wrong_package_count() {
                t::refuses_wrong_package_count::<$suite>();
            }
            #[test]
            fn refuses_own_identifier() {
                t::refuses_own_identifier::<$suite>();
            }
            #[test]
            fn refuses_wrong_commitment_length() {
                t::refuses_wrong_commitment_length::<$suite>();
            }
            #[test]
            fn refuses_identity_commitment() {
                t::refuses_identity_commitment::<$suite>();
            }
            #[test]
            fn refuses_bad_proofs() {
                t::refuses_bad_proofs::<$suite>();
            }
            #[test]
            fn refuses_inconsistent_share() {
                t::refuses_inconsistent_share::<$suite>();
            }
            #[test]
            fn refuses_mismatched_round2_set() {
                t::refuses_mismatched_round2_set::<$suite>();
            }
            #[test]
            fn refuses_changed_round1_packages() {
                t::refuses_changed_round1_packages::<$suite>();
            }
            #[test]
            fn secrets_redacted() {
                t::secrets_redacted::<$suite>();
            }
            #[test]
            fn evaluation_paths_agree() {
                t::evaluation_paths_agree::<$suite>();
            }
            #[test]
            fn multiscalar_paths_agree() {
                t::multiscalar_paths_agree::<$suite>();
            }
            #[test]
            fn accepts_cancelling_share_errors() {
                t::accepts_cancelling_share_errors::<$suite>();
            }
        }
    };
}

/// Expands the strict-encoding group of the generic suite.
#[macro_export]
macro_rules! encoding_tests {
    ($suite:ty) => {
        mod encoding {
            use $crate::testing::encoding as t;
            #[test]
            fn refuses_truncated_and_trailing() {
                t::refuses_truncated_and_trailing::<$suite>();
            }
            #[test]
            fn refuses_wrong_header() {
                t::refuses_wrong_header::<$suite>();
            }
            #[test]
            fn refuses_non_minimal_varints() {
                t::refuses_non_minimal_varints::<$suite>();
            }
            #[test]
            fn refuses_unordered_or_duplicate_keys() {
                t::refuses_unordered_or_duplicate_keys::<$suite>();
            }
            #[test]
            fn refuses_non_canonical_values() {
                t::refuses_non_canonical_values::<$suite>();
            }
            #[test]
            fn allocation_bounded_by_input() {
                t::allocation_bounded_by_input::<$suite>();
            }
            #[test]
            fn round_trips_and_decode_map() {
                t::round_trips_and_decode_map::<$suite>();
            }
            #[test]
            fn json() {
                t::json::<$suite>();
            }
        }
    };
}

/// Expands the hostile-input group: stored-material checks and property tests.
#[macro_export]
macro_rules! hostile_tests {
    ($suite:ty) => {
        mod hostile {
            use $crate::testing::hostile as t;
            #[test]
            fn public_key_package_validate() {
                t::public_key_package_validate::<$suite>();
            }
            #[test]
            fn unattributable_failure() {
                t::unattributable_failure::<$suite>();
            }
            #[test]
            fn corrupted_round1_package() {
                t::corrupted_round1_package::<$suite>();
            }
            #[test]
            fn corrupted_round2_package() {
                t::corrupted_round2_package::<$suite>();
            }
            #[test]
            fn any_signer_subset() {
                t::any_signer_subset::<$suite>();
            }
            #[test]
            fn round_trips() {
                t::round_trips::<$suite>();
            }
        }
    };
}

/// Expands the batch-verification group of the generic suite.
#[macro_export]
macro_rules! batch_tests {
    ($suite:ty) => {
        mod batch {
            use $crate::testing::batch as t;
            #[test]
            fn valid_batches_pass() {
                t::valid_batches_pass::<$suite>();
            }
            #[test]
            fn names_every_invalid_signature() {
                t::names_every_invalid_signature::<$suite>();
            }
        }
    };
}

/// Expands the share-repair group of the generic suite.
#[macro_export]
macro_rules! repair_tests {
    ($suite:ty) => {
        mod repair {
            use $crate::testing::repair as t;
            #[test]
            fn round_trip_minimal_helper_set() {
                t::round_trip::<$suite>(false, 3);
            }
            #[test]
            fn round_trip_more_helpers() {
                t::round_trip::<$suite>(false, 4);
            }
            #[test]
            fn round_trip_derived_identifiers() {
                t::round_trip::<$suite>(true, 3);
            }
            #[test]
            fn refuses_bad_helper_sets() {
                t::refuses_bad_helper_sets::<$suite>();
            }
            #[test]
            fn refuses_missing_and_unexpected_values() {
                t::refuses_missing_and_unexpected_values::<$suite>();
            }
            #[test]
            fn detects_cheating_helper() {
                t::detects_cheating_helper::<$suite>();
            }
            #[test]
            fn encodings() {
                t::encodings::<$suite>();
            }
        }
    };
}

/// Expands the share-refresh group of the generic suite.
#[macro_export]
macro_rules! refresh_tests {
    ($suite:ty) => {
        mod refresh {
            use $crate::testing::refresh as t;
            #[test]
            fn dealer_flow() {
                t::dealer_flow::<$suite>(false, 5);
            }
            #[test]
            fn dealer_flow_derived_identifiers() {
                t::dealer_flow::<$suite>(true, 5);
            }
            #[test]
            fn dealer_drops_participant() {
                t::dealer_flow::<$suite>(false, 4);
            }
            #[test]
            fn dealer_refusals() {
                t::dealer_refusals::<$suite>();
            }
            #[test]
            fn dealer_encoding() {
                t::dealer_encoding::<$suite>();
            }
            #[test]
            fn dkg_flow() {
                t::dkg_flow::<$suite>(false, 5);
            }
            #[test]
            fn dkg_flow_derived_identifiers() {
                t::dkg_flow::<$suite>(true, 5);
            }
            #[test]
            fn dkg_drops_participant() {
                t::dkg_flow::<$suite>(false, 4);
            }
            #[test]
            fn dkg_encoding() {
                t::dkg_encoding::<$suite>();
            }
            #[test]
            fn dkg_refusals() {
                t::dkg_refusals::<$suite>();
            }
        }
    };
}

/// Expands the re-randomized FROST group of the generic suite.
///
/// The second argument names the suite's vector file under
/// `vectors/rerandomized/`, replayed by the `vectors` test.
#[macro_export]
macro_rules! rerandomized_tests {
    ($suite:ty, $vectors:literal) => {
        mod rerandomized {
            use $crate::testing::rerandomized as t;
            #[test]
            fn vectors() {
                $crate::testing::rerandomized_vectors::check::<$suite>(include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../vectors/rerandomized/",
                    $vectors,
                    ".json"
                )));
            }
            #[test]
            fn round_trip_dealer_2_of_3() {
                t::round_trip::<$suite>(3, 2, false, false);
            }
            #[test]
            fn round_trip_dealer_5_of_7_derived_identifiers() {
                t::round_trip::<$suite>(7, 5, true, false);
            }
            #[test]
            fn round_trip_dkg_3_of_5() {
                t::round_trip::<$suite>(5, 3, false, true);
            }
            #[test]
            fn randomizer_is_bound_to_seed_and_commitments() {
                t::randomizer_is_bound_to_seed_and_commitments::<$suite>();
            }
            #[test]
            fn external_randomizer() {
                t::external_randomizer::<$suite>();
            }
            #[test]
            fn refuses_missing_or_malformed_seed() {
                t::refuses_missing_or_malformed_seed::<$suite>();
            }
            #[test]
            fn names_signers_with_wrong_randomizer() {
                t::names_signers_with_wrong_randomizer::<$suite>();
            }
            #[test]
            fn refuses_params_of_another_group() {
                t::refuses_params_of_another_group::<$suite>();
            }
            #[test]
            fn randomized_packages_are_consistent() {
                t::randomized_packages_are_consistent::<$suite>();
            }
            #[test]
            fn secrets_redacted() {
                t::secrets_redacted::<$suite>();
            }
        }
    };
}

/// Expands the resharing group of the generic suite.
#[macro_export]
macro_rules! reshare_tests {
    ($suite:ty) => {
        mod reshare {
            use $crate::testing::reshare as t;
            #[test]
            fn grow_2_of_3_to_3_of_5() {
                t::grow::<$suite>();
            }
            #[test]
            fn shrink_3_of_5_to_2_of_3() {
                t::shrink::<$suite>();
            }
            #[test]
            fn enrol_new_identifiers() {
                t::enrol::<$suite>();
            }
            #[test]
            fn reshare_twice() {
                t::twice::<$suite>();
            }
            #[test]
            fn refuses_bad_parameters() {
                t::refuses_bad_parameters::<$suite>();
            }
            #[test]
            fn refuses_wrong_package_sets() {
                t::refuses_wrong_package_sets::<$suite>();
            }
            #[test]
            fn refuses_wrong_commitment_length() {
                t::refuses_wrong_commitment_length::<$suite>();
            }
            #[test]
            fn refuses_wrong_constant() {
                t::refuses_wrong_constant::<$suite>();
            }
            #[test]
            fn refuses_constants_off_the_group_key() {
                t::refuses_constants_off_the_group_key::<$suite>();
            }
            #[test]
            fn refuses_bad_proofs() {
                t::refuses_bad_proofs::<$suite>();
            }
            #[test]
            fn refuses_bad_sub_shares() {
                t::refuses_bad_sub_shares::<$suite>();
            }
            #[test]
            fn transcript_digest_binds() {
                t::transcript_digest_binds::<$suite>();
            }
            #[test]
            fn secrets_redacted() {
                t::secrets_redacted::<$suite>();
            }
        }
    };
}
