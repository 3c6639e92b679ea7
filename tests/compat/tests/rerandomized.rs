//! Interoperability of re-randomized FROST with frost-rerandomized 3.0, on
//! every suite through its generic API, and through frost-ristretto255
//! 3.0's `rerandomized` module; and our vectors under
//! `vectors/rerandomized/` replayed by 3.0.
//!
//! Only bytes cross between the implementations: keys, commitments, the
//! signing package, the seed, the randomizer, shares and signatures.

/// The interop group for one suite: our crate and suite type, theirs, and
/// the name of our vector file.
macro_rules! rerandomized_interop {
    ($name:ident, $ours:ident, $our_suite:ty, $theirs:ident, $their_suite:ty, $vectors:literal) => {
        mod $name {
            use std::collections::BTreeMap;

            use ::rand08::SeedableRng as _;
            use frost_core::testing::rerandomized_vectors as vectors;

            type Rng08 = ::rand08::rngs::StdRng;
            type TheirParams = frost_rerandomized::RandomizedParams<$their_suite>;
            type OurKeys = (
                BTreeMap<$ours::Identifier, $ours::keys::KeyPackage>,
                $ours::keys::PublicKeyPackage,
            );

            fn their_id(id: &$ours::Identifier) -> $theirs::Identifier {
                $theirs::Identifier::deserialize(&id.serialize()).expect("identifier")
            }

            fn their_key_package(kp: &$ours::keys::KeyPackage) -> $theirs::keys::KeyPackage {
                $theirs::keys::KeyPackage::deserialize(&kp.serialize()).expect("they decode our key package")
            }

            fn their_public_key_package(pkp: &$ours::keys::PublicKeyPackage) -> $theirs::keys::PublicKeyPackage {
                $theirs::keys::PublicKeyPackage::deserialize(&pkp.serialize()).expect("they decode ours")
            }

            fn keys(seed: u64) -> OurKeys {
                frost_core::testing::dealer_keys(5, 3, $ours::keys::IdentifierList::Default, seed)
            }

            /// One participant's nonces, in its own implementation.
            enum Nonces {
                Ours($ours::round1::SigningNonces),
                Theirs($theirs::round1::SigningNonces),
            }

            /// Round one of a mixed session: signers at even positions run
            /// our code, the others theirs. Returns the nonces and the
            /// signing package bytes.
            fn round_one(keys: &OurKeys, signers: &[$ours::Identifier], seed: u64) -> (Vec<Nonces>, Vec<u8>) {
                let mut rng = frost_core::testing::rng(seed);
                let mut rng08 = Rng08::seed_from_u64(seed);
                let mut nonces = Vec::new();
                let mut commitments = BTreeMap::new();
                for (i, id) in signers.iter().enumerate() {
                    let bytes = if i % 2 == 0 {
                        let (n, c) = $ours::round1::commit(keys.0[id].signing_share(), &mut rng);
                        nonces.push(Nonces::Ours(n));
                        c.serialize()
                    } else {
                        let kp = their_key_package(&keys.0[id]);
                        let (n, c) = $theirs::round1::commit(kp.signing_share(), &mut rng08);
                        nonces.push(Nonces::Theirs(n));
                        c.serialize().expect("their serialize")
                    };
                    commitments.insert(*id, bytes);
                }
                let commitments = $ours::decode_map(&commitments, $ours::round1::SigningCommitments::deserialize)
                    .expect("we decode their commitments");
                let package = $ours::SigningPackage::new(commitments, format!("rerandomized {seed}").as_bytes());
                (nonces, package.serialize())
            }

            /// Every signer's share, as bytes: ours from `sign`, theirs from
            /// `their_sign`.
            fn round_two(
                keys: &OurKeys,
                signers: &[$ours::Identifier],
                nonces: Vec<Nonces>,
                package_bytes: &[u8],
                sign: impl Fn(
                    &$ours::SigningPackage,
                    $ours::round1::SigningNonces,
                    &$ours::keys::KeyPackage,
                ) -> $ours::round2::SignatureShare,
                their_sign: impl Fn(
                    &$theirs::SigningPackage,
                    &$theirs::round1::SigningNonces,
                    &$theirs::keys::KeyPackage,
                ) -> $theirs::round2::SignatureShare,
            ) -> BTreeMap<$ours::Identifier, Vec<u8>> {
                let ours = $ours::SigningPackage::deserialize(package_bytes).expect("decode");
                let theirs = $theirs::SigningPackage::deserialize(package_bytes).expect("they decode our package");
                signers
                    .iter()
                    .zip(nonces)
                    .map(|(id, n)| {
                        let share = match n {
                            Nonces::Ours(n) => sign(&ours, n, &keys.0[id]).serialize(),
                            Nonces::Theirs(n) => their_sign(&theirs, &n, &their_key_package(&keys.0[id])).serialize(),
                        };
                        (*id, share)
                    })
                    .collect()
            }

            /// Both coordinators aggregate the shares to the same bytes,
            /// which both verify under the randomized key.
            fn aggregate_both(
                keys: &OurKeys,
                package_bytes: &[u8],
                shares: &BTreeMap<$ours::Identifier, Vec<u8>>,
                ours: &$ours::rerandomized::RandomizedParams,
                theirs: &TheirParams,
            ) -> Vec<u8> {
                let package = $ours::SigningPackage::deserialize(package_bytes).expect("decode");
                let our_shares =
                    $ours::decode_map(shares, $ours::round2::SignatureShare::deserialize).expect("we decode shares");
                let signature =
                    $ours::rerandomized::aggregate(&package, &our_shares, &keys.1, ours).expect("we aggregate");

                let their_package = $theirs::SigningPackage::deserialize(package_bytes).expect("decode");
                let their_shares: BTreeMap<_, _> = shares
                    .iter()
                    .map(|(id, s)| {
                        (
                            their_id(id),
                            $theirs::round2::SignatureShare::deserialize(s).expect("share"),
                        )
                    })
                    .collect();
                let their_signature = frost_rerandomized::aggregate(
                    &their_package,
                    &their_shares,
                    &their_public_key_package(&keys.1),
                    theirs,
                )
                .expect("they aggregate");
                let bytes = signature.serialize();
                assert_eq!(
                    bytes,
                    their_signature.serialize().expect("serialize"),
                    "same signature bytes"
                );

                let message = package.message();
                ours.randomized_verifying_key()
                    .verify(message, &signature)
                    .expect("we verify");
                let read = $theirs::Signature::deserialize(&bytes).expect("they decode ours");
                theirs
                    .randomized_verifying_key()
                    .verify(message, &read)
                    .expect("they verify");
                assert!(
                    their_public_key_package(&keys.1)
                        .verifying_key()
                        .verify(message, &read)
                        .is_err()
                );
                bytes
            }

            /// The same seed and commitments give the same randomizer and
            /// randomized key in both implementations, whichever
            /// coordinator drew the seed.
            #[test]
            fn same_randomizer_from_the_same_seed_and_commitments() {
                let keys = keys(1);
                let signers: Vec<_> = keys.0.keys().take(3).copied().collect();
                for seed in 0..4u64 {
                    let (_, package_bytes) = round_one(&keys, &signers, seed);
                    let package = $ours::SigningPackage::deserialize(&package_bytes).expect("decode");
                    let their_package = $theirs::SigningPackage::deserialize(&package_bytes).expect("decode");
                    let their_pkp = their_public_key_package(&keys.1);

                    // Our coordinator's seed, regenerated by them.
                    let (ours, seed_bytes) = $ours::rerandomized::RandomizedParams::new_from_commitments(
                        keys.1.verifying_key(),
                        package.signing_commitments(),
                        &mut frost_core::testing::rng(seed + 10),
                    )
                    .expect("randomize");
                    let theirs = TheirParams::regenerate_from_seed_and_commitments(
                        their_pkp.verifying_key(),
                        &seed_bytes,
                        their_package.signing_commitments(),
                    )
                    .expect("they regenerate");
                    assert_eq!(*ours.randomizer().serialize(), theirs.randomizer().serialize());
                    assert_eq!(
                        ours.randomized_verifying_key().serialize(),
                        theirs.randomized_verifying_key().serialize().expect("serialize")
                    );

                    // Their coordinator's seed, regenerated by us.
                    let (theirs, their_seed) = TheirParams::new_from_commitments(
                        their_pkp.verifying_key(),
                        their_package.signing_commitments(),
                        &mut Rng08::seed_from_u64(seed + 20),
                    )
                    .expect("they randomize");
                    assert_eq!(their_seed.len(), seed_bytes.len(), "same seed length");
                    let ours = $ours::rerandomized::RandomizedParams::regenerate_from_seed_and_commitments(
                        keys.1.verifying_key(),
                        &their_seed,
                        package.signing_commitments(),
                    )
                    .expect("we regenerate");
                    assert_eq!(*ours.randomizer().serialize(), theirs.randomizer().serialize());
                    assert_eq!(
                        ours.randomized_verifying_key().serialize(),
                        theirs.randomized_verifying_key().serialize().expect("serialize")
                    );
                }
            }

            /// Mixed signers with the seed, aggregated by both coordinators
            /// to the same signature bytes; the seed drawn by each side.
            #[test]
            fn mixed_signing_with_seed() {
                let keys = keys(2);
                let their_pkp = their_public_key_package(&keys.1);
                for (seed, signers) in [(1u64, [0usize, 1, 2]), (2, [1, 3, 4]), (3, [0, 2, 4])] {
                    let signers: Vec<_> = signers
                        .iter()
                        .map(|i| *keys.0.keys().nth(*i).expect("signer"))
                        .collect();
                    let (nonces, package_bytes) = round_one(&keys, &signers, seed);
                    let package = $ours::SigningPackage::deserialize(&package_bytes).expect("decode");
                    let their_package = $theirs::SigningPackage::deserialize(&package_bytes).expect("decode");
                    let (ours, seed_bytes) = if seed % 2 == 1 {
                        $ours::rerandomized::RandomizedParams::new_from_commitments(
                            keys.1.verifying_key(),
                            package.signing_commitments(),
                            &mut frost_core::testing::rng(seed + 30),
                        )
                        .map(|(p, s)| (p, s.to_vec()))
                        .expect("randomize")
                    } else {
                        let (_, s) = TheirParams::new_from_commitments(
                            their_pkp.verifying_key(),
                            their_package.signing_commitments(),
                            &mut Rng08::seed_from_u64(seed + 30),
                        )
                        .expect("they randomize");
                        let p = $ours::rerandomized::RandomizedParams::regenerate_from_seed_and_commitments(
                            keys.1.verifying_key(),
                            &s,
                            package.signing_commitments(),
                        )
                        .expect("regenerate");
                        (p, s)
                    };
                    let theirs = TheirParams::regenerate_from_seed_and_commitments(
                        their_pkp.verifying_key(),
                        &seed_bytes,
                        their_package.signing_commitments(),
                    )
                    .expect("they regenerate");
                    let shares = round_two(
                        &keys,
                        &signers,
                        nonces,
                        &package_bytes,
                        |p, n, kp| {
                            $ours::rerandomized::sign_with_randomizer_seed(p, n, kp, &seed_bytes).expect("our sign")
                        },
                        |p, n, kp| {
                            frost_rerandomized::sign_with_randomizer_seed::<$their_suite>(p, n, kp, &seed_bytes)
                                .expect("their sign")
                        },
                    );
                    aggregate_both(&keys, &package_bytes, &shares, &ours, &theirs);
                }
            }

            /// An externally chosen randomizer crosses as bytes, and mixed
            /// signers with it aggregate to the same signature.
            #[test]
            fn mixed_signing_with_external_randomizer() {
                let keys = keys(3);
                let signers: Vec<_> = keys.0.keys().skip(1).take(3).copied().collect();
                let (nonces, package_bytes) = round_one(&keys, &signers, 40);
                let alpha = $ours::rerandomized::Randomizer::from_scalar(
                    <<$our_suite as frost_core::Ciphersuite>::Group as frost_core::Group>::random_scalar(
                        &mut frost_core::testing::rng(41),
                    ),
                );
                let their_alpha =
                    frost_rerandomized::Randomizer::<$their_suite>::deserialize(&alpha.serialize()).expect("decode");
                assert_eq!(their_alpha.serialize(), *alpha.serialize());
                let ours =
                    $ours::rerandomized::RandomizedParams::from_randomizer(keys.1.verifying_key(), alpha.clone());
                let theirs =
                    TheirParams::from_randomizer(their_public_key_package(&keys.1).verifying_key(), their_alpha);
                let shares = round_two(
                    &keys,
                    &signers,
                    nonces,
                    &package_bytes,
                    |p, n, kp| $ours::rerandomized::sign_with_randomizer(p, n, kp, &alpha).expect("our sign"),
                    |p, n, kp| {
                        #[allow(deprecated)]
                        let share =
                            frost_rerandomized::sign::<$their_suite>(p, n, kp, their_alpha).expect("their sign");
                        share
                    },
                );
                aggregate_both(&keys, &package_bytes, &shares, &ours, &theirs);
            }

            /// A share made by 3.0 under another seed is named by our
            /// coordinator.
            #[test]
            fn their_share_under_another_seed_is_named() {
                let keys = keys(4);
                let signers: Vec<_> = keys.0.keys().take(3).copied().collect();
                let (nonces, package_bytes) = round_one(&keys, &signers, 50);
                let package = $ours::SigningPackage::deserialize(&package_bytes).expect("decode");
                let (ours, seed_bytes) = $ours::rerandomized::RandomizedParams::new_from_commitments(
                    keys.1.verifying_key(),
                    package.signing_commitments(),
                    &mut frost_core::testing::rng(51),
                )
                .expect("randomize");
                let mut other = seed_bytes.to_vec();
                other[3] ^= 1;
                let shares = round_two(
                    &keys,
                    &signers,
                    nonces,
                    &package_bytes,
                    |p, n, kp| $ours::rerandomized::sign_with_randomizer_seed(p, n, kp, &seed_bytes).expect("our sign"),
                    |p, n, kp| {
                        frost_rerandomized::sign_with_randomizer_seed::<$their_suite>(p, n, kp, &other)
                            .expect("their sign")
                    },
                );
                let our_shares =
                    $ours::decode_map(&shares, $ours::round2::SignatureShare::deserialize).expect("decode");
                assert_eq!(
                    $ours::rerandomized::aggregate(&package, &our_shares, &keys.1, &ours).map(|_| ()),
                    Err($ours::Error::InvalidSignatureShare {
                        culprits: vec![signers[1]]
                    }),
                    "the signer at an odd position runs their code"
                );
            }

            /// Our checked-in vectors, replayed by 3.0: the same randomizer,
            /// randomized key, shares and signature.
            #[test]
            fn vectors_replay_in_3_0() {
                let text = include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/../../vectors/rerandomized/",
                    $vectors,
                    ".json"
                ));
                for case in vectors::cases(text) {
                    let package = $theirs::SigningPackage::deserialize(&case.signing_package).expect("package");
                    let pkp = $theirs::keys::PublicKeyPackage::deserialize(&case.public_key_package).expect("pkp");
                    let params = TheirParams::regenerate_from_seed_and_commitments(
                        pkp.verifying_key(),
                        &case.randomizer_seed,
                        package.signing_commitments(),
                    )
                    .expect("regenerate");
                    assert_eq!(params.randomizer().serialize(), case.randomizer);
                    assert_eq!(
                        params.randomized_verifying_key().serialize().expect("serialize"),
                        case.randomized_verifying_key
                    );
                    let mut shares = BTreeMap::new();
                    for signer in &case.signers {
                        let kp = $theirs::keys::KeyPackage::deserialize(&signer.key_package).expect("key package");
                        let nonces = $theirs::round1::SigningNonces::deserialize(&signer.nonces).expect("nonces");
                        let share = frost_rerandomized::sign_with_randomizer_seed::<$their_suite>(
                            &package,
                            &nonces,
                            &kp,
                            &case.randomizer_seed,
                        )
                        .expect("sign");
                        assert_eq!(share.serialize(), signer.signature_share);
                        shares.insert(*kp.identifier(), share);
                    }
                    let signature = frost_rerandomized::aggregate(&package, &shares, &pkp, &params).expect("aggregate");
                    assert_eq!(signature.serialize().expect("serialize"), case.signature);
                }
            }
        }
    };
}

rerandomized_interop!(
    ristretto255,
    frost_ristretto255,
    frost_ristretto255::Ristretto255Sha512,
    frost_ristretto255_3,
    frost_ristretto255_3::Ristretto255Sha512,
    "ristretto255"
);
rerandomized_interop!(
    ed25519,
    frost_ed25519,
    frost_ed25519::Ed25519Sha512,
    frost_ed25519_3,
    frost_ed25519_3::Ed25519Sha512,
    "ed25519"
);
rerandomized_interop!(
    ed448,
    frost_ed448,
    frost_ed448::Ed448Shake256,
    frost_ed448_3,
    frost_ed448_3::Ed448Shake256,
    "ed448"
);
rerandomized_interop!(
    p256,
    frost_p256,
    frost_p256::P256Sha256,
    frost_p256_3,
    frost_p256_3::P256Sha256,
    "p256"
);
rerandomized_interop!(
    secp256k1,
    frost_secp256k1,
    frost_secp256k1::Secp256K1Sha256,
    frost_secp256k1_3,
    frost_secp256k1_3::Secp256K1Sha256,
    "secp256k1"
);
rerandomized_interop!(
    secp256k1_tr,
    frost_secp256k1_tr,
    frost_secp256k1_tr::Secp256K1Sha256TR,
    frost_secp256k1_tr_3,
    frost_secp256k1_tr_3::Secp256K1Sha256TR,
    "secp256k1-tr"
);

/// frost-ristretto255 3.0's own `rerandomized` module (Zcash's entry
/// point) with our signers and coordinator.
mod ristretto255_module {
    use std::collections::BTreeMap;

    use frost_ristretto255 as ours;
    use frost_ristretto255_3 as theirs;
    use rand08::SeedableRng as _;

    #[test]
    fn mixed_session_through_their_module() {
        let (kps, pkp) =
            frost_core::testing::dealer_keys::<ours::Ristretto255Sha512>(4, 3, ours::keys::IdentifierList::Default, 60);
        let their_pkp = theirs::keys::PublicKeyPackage::deserialize(&pkp.serialize()).expect("pkp");
        let signers: Vec<_> = kps.keys().take(3).copied().collect();
        let mut rng = frost_core::testing::rng(61);
        let mut rng08 = rand08::rngs::StdRng::seed_from_u64(61);
        // Signer 1 runs their code, 2 and 3 ours.
        let their_kp = theirs::keys::KeyPackage::deserialize(&kps[&signers[0]].serialize()).expect("kp");
        let (their_nonces, their_commitment) = theirs::round1::commit(their_kp.signing_share(), &mut rng08);
        let mut commitments = BTreeMap::new();
        commitments.insert(
            signers[0],
            ours::round1::SigningCommitments::deserialize(&their_commitment.serialize().expect("serialize"))
                .expect("decode"),
        );
        let mut our_nonces = BTreeMap::new();
        for id in &signers[1..] {
            let (n, c) = ours::round1::commit(kps[id].signing_share(), &mut rng);
            our_nonces.insert(*id, n);
            commitments.insert(*id, c);
        }
        let package = ours::SigningPackage::new(commitments, b"zcash spend");
        let their_package = theirs::SigningPackage::deserialize(&package.serialize()).expect("package");

        // Their coordinator draws the seed through their module's types.
        let (their_params, seed) = theirs::rerandomized::RandomizedParams::new_from_commitments(
            their_pkp.verifying_key(),
            their_package.signing_commitments(),
            &mut rng08,
        )
        .expect("randomize");
        let our_params = ours::rerandomized::RandomizedParams::regenerate_from_seed_and_commitments(
            pkp.verifying_key(),
            &seed,
            package.signing_commitments(),
        )
        .expect("regenerate");

        let mut shares = BTreeMap::new();
        let share = theirs::rerandomized::sign_with_randomizer_seed(&their_package, &their_nonces, &their_kp, &seed)
            .expect("their sign");
        shares.insert(
            signers[0],
            ours::round2::SignatureShare::deserialize(&share.serialize()).expect("share"),
        );
        for (id, n) in our_nonces {
            shares.insert(
                id,
                ours::rerandomized::sign_with_randomizer_seed(&package, n, &kps[&id], &seed).expect("our sign"),
            );
        }
        let ours_sig = ours::rerandomized::aggregate(&package, &shares, &pkp, &our_params).expect("we aggregate");
        let their_shares: BTreeMap<_, _> = shares
            .iter()
            .map(|(id, s)| {
                (
                    theirs::Identifier::deserialize(&id.serialize()).expect("id"),
                    theirs::round2::SignatureShare::deserialize(&s.serialize()).expect("share"),
                )
            })
            .collect();
        let theirs_sig = theirs::rerandomized::aggregate(&their_package, &their_shares, &their_pkp, &their_params)
            .expect("they aggregate");
        assert_eq!(ours_sig.serialize(), theirs_sig.serialize().expect("serialize"));
        their_params
            .randomized_verifying_key()
            .verify(b"zcash spend", &theirs_sig)
            .expect("they verify");
        our_params
            .randomized_verifying_key()
            .verify(b"zcash spend", &ours_sig)
            .expect("we verify");
    }
}
