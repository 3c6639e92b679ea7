//! Interoperability with the frost-core 3.x family, exchanging only bytes.
//!
//! The other implementation's types differ per suite crate but its API is
//! the same in each, so this group is a macro over two crate names: ours
//! (`frost_ristretto255`) and theirs (`frost_ristretto255_3`, a renamed
//! dev-dependency built on rand 0.8, which the suite crate also has as
//! `rand08`).
//!
//! A third, optional argument names a module that adapts our side where the
//! other implementation differs on purpose (frost-secp256k1-tr 3.0 tweaks
//! its DKG output with BIP341's key-path tweak); [`plain`] is the default.

/// Our side of the interop tests as it is for RFC 9591 suites: sign,
/// aggregate and verify with the stored keys, which are also what the other
/// implementation's DKG stores.
pub mod plain {
    use alloc::collections::BTreeMap;

    use crate::keys::{KeyPackage, PublicKeyPackage};
    use crate::round1::SigningNonces;
    use crate::round2::SignatureShare;
    use crate::{Ciphersuite, Error, Identifier, Signature, SigningPackage, VerifyingKey};

    /// Our signer.
    pub fn sign<C: Ciphersuite>(
        package: &SigningPackage<C>,
        nonces: SigningNonces<C>,
        key_package: &KeyPackage<C>,
    ) -> Result<SignatureShare<C>, Error<C>> {
        crate::round2::sign(package, nonces, key_package)
    }

    /// Our coordinator.
    pub fn aggregate<C: Ciphersuite>(
        package: &SigningPackage<C>,
        shares: &BTreeMap<Identifier<C>, SignatureShare<C>>,
        public_key_package: &PublicKeyPackage<C>,
    ) -> Result<Signature<C>, Error<C>> {
        crate::aggregate(package, shares, public_key_package)
    }

    /// The public key package the other implementation's DKG ends with,
    /// given ours.
    pub fn dkg_output_as_theirs<C: Ciphersuite>(public_key_package: &PublicKeyPackage<C>) -> PublicKeyPackage<C> {
        public_key_package.clone()
    }

    /// The key our signatures verify under.
    pub fn verifying_key<C: Ciphersuite>(public_key_package: &PublicKeyPackage<C>) -> VerifyingKey<C> {
        *public_key_package.verifying_key()
    }
}

/// Expands the interop group for one suite: a mixed DKG at two sizes with
/// u16 and derived identifiers, mixed signing aggregated by both, JSON both
/// ways.
#[macro_export]
macro_rules! interop_tests {
    ($ours:ident, $theirs:ident) => {
        $crate::interop_tests!($ours, $theirs, $crate::testing::interop::plain);
    };
    ($ours:ident, $theirs:ident, $adapt:path) => {
        mod interop {
            use std::collections::BTreeMap;
            use $adapt as adapt;

            use ::rand08::SeedableRng as _;

            type Rng08 = ::rand08::rngs::StdRng;
            type OurId = $ours::Identifier;
            type TheirId = $theirs::Identifier;

            /// Odd-numbered participants run our code, even-numbered theirs.
            fn is_ours(index: usize) -> bool {
                index % 2 == 0
            }

            fn ids(n: u16, derived: bool) -> Vec<(OurId, TheirId)> {
                (1..=n)
                    .map(|i| {
                        let ours = if derived {
                            OurId::derive(format!("interop-{i}").as_bytes()).expect("derive")
                        } else {
                            OurId::try_from(i).expect("non-zero")
                        };
                        let theirs = if derived {
                            TheirId::derive(format!("interop-{i}").as_bytes()).expect("derive")
                        } else {
                            TheirId::try_from(i).expect("non-zero")
                        };
                        assert_eq!(ours.serialize(), theirs.serialize(), "identifiers agree");
                        (ours, theirs)
                    })
                    .collect()
            }

            /// One participant's final keys, in its own implementation.
            enum Keys {
                Ours($ours::keys::KeyPackage),
                Theirs($theirs::keys::KeyPackage),
            }

            struct Group {
                ids: Vec<(OurId, TheirId)>,
                keys: Vec<Keys>,
                /// What our participants store.
                public_key_package: Vec<u8>,
                /// What theirs store.
                their_public_key_package: Vec<u8>,
            }

            /// Received bytes, keyed by sender, as our identifiers.
            fn ours_map(ids: &[(OurId, TheirId)], me: usize, bytes: &[Vec<u8>]) -> BTreeMap<OurId, Vec<u8>> {
                ids.iter()
                    .zip(bytes)
                    .enumerate()
                    .filter(|(j, _)| *j != me)
                    .map(|(_, ((o, _), b))| (*o, b.clone()))
                    .collect()
            }

            /// Received bytes, keyed by sender, as their identifiers.
            fn theirs_map(ids: &[(OurId, TheirId)], me: usize, bytes: &[Vec<u8>]) -> BTreeMap<TheirId, Vec<u8>> {
                ids.iter()
                    .zip(bytes)
                    .enumerate()
                    .filter(|(j, _)| *j != me)
                    .map(|(_, ((_, t), b))| (*t, b.clone()))
                    .collect()
            }

            /// A DKG in which half the participants run the other
            /// implementation; only bytes cross between participants.
            fn mixed_dkg(n: u16, t: u16, derived: bool) -> Group {
                let ids = ids(n, derived);
                let n_us = usize::from(n);
                let mut rng = $crate::testing::rng(u64::from(n));
                let mut rng08 = Rng08::seed_from_u64(u64::from(n));

                enum R1 {
                    Ours($ours::keys::dkg::round1::SecretPackage),
                    Theirs($theirs::keys::dkg::round1::SecretPackage),
                }
                let mut secrets1 = Vec::new();
                let mut broadcast = Vec::new();
                for (i, (o, t_id)) in ids.iter().enumerate() {
                    if is_ours(i) {
                        let (s, p) = $ours::keys::dkg::part1(*o, n, t, &mut rng).expect("our part1");
                        secrets1.push(R1::Ours(s));
                        broadcast.push(p.serialize());
                    } else {
                        let (s, p) = $theirs::keys::dkg::part1(*t_id, n, t, &mut rng08).expect("their part1");
                        secrets1.push(R1::Theirs(s));
                        broadcast.push(p.serialize().expect("their serialize"));
                    }
                }

                enum R2 {
                    Ours(
                        $ours::keys::dkg::round2::SecretPackage,
                        BTreeMap<OurId, $ours::keys::dkg::round1::Package>,
                    ),
                    Theirs(
                        $theirs::keys::dkg::round2::SecretPackage,
                        BTreeMap<TheirId, $theirs::keys::dkg::round1::Package>,
                    ),
                }
                // outgoing[sender][recipient] = bytes
                let mut outgoing = vec![vec![Vec::new(); n_us]; n_us];
                let mut secrets2 = Vec::new();
                for (i, s) in secrets1.into_iter().enumerate() {
                    match s {
                        R1::Ours(s) => {
                            let received = ours_map(&ids, i, &broadcast);
                            let r1 = $ours::decode_map(&received, $ours::keys::dkg::round1::Package::deserialize)
                                .expect("we decode their round-1 packages");
                            let (s2, out) = $ours::keys::dkg::part2(s, &r1).expect("our part2");
                            for (j, (o, _)) in ids.iter().enumerate() {
                                if let Some(p) = out.get(o) {
                                    outgoing[i][j] = p.serialize().to_vec();
                                }
                            }
                            secrets2.push(R2::Ours(s2, r1));
                        }
                        R1::Theirs(s) => {
                            let r1: BTreeMap<_, _> = theirs_map(&ids, i, &broadcast)
                                .into_iter()
                                .map(|(k, b)| {
                                    (
                                        k,
                                        $theirs::keys::dkg::round1::Package::deserialize(&b).expect("they decode ours"),
                                    )
                                })
                                .collect();
                            let (s2, out) = $theirs::keys::dkg::part2(s, &r1).expect("their part2");
                            for (j, (_, t_id)) in ids.iter().enumerate() {
                                if let Some(p) = out.get(t_id) {
                                    outgoing[i][j] = p.serialize().expect("their serialize");
                                }
                            }
                            secrets2.push(R2::Theirs(s2, r1));
                        }
                    }
                }

                let mut keys = Vec::new();
                let mut pkps = Vec::new();
                let mut their_pkps = Vec::new();
                for (i, s2) in secrets2.into_iter().enumerate() {
                    let inbox: Vec<Vec<u8>> = (0..n_us).map(|j| outgoing[j][i].clone()).collect();
                    match s2 {
                        R2::Ours(s2, r1) => {
                            let received = ours_map(&ids, i, &inbox);
                            let r2 = $ours::decode_map(&received, $ours::keys::dkg::round2::Package::deserialize)
                                .expect("we decode their round-2 packages");
                            let (kp, pkp) = $ours::keys::dkg::part3(&s2, &r1, &r2).expect("our part3");
                            keys.push(Keys::Ours(kp));
                            pkps.push(pkp.serialize());
                        }
                        R2::Theirs(s2, r1) => {
                            let r2: BTreeMap<_, _> = theirs_map(&ids, i, &inbox)
                                .into_iter()
                                .map(|(k, b)| {
                                    (
                                        k,
                                        $theirs::keys::dkg::round2::Package::deserialize(&b).expect("they decode ours"),
                                    )
                                })
                                .collect();
                            let (kp, pkp) = $theirs::keys::dkg::part3(&s2, &r1, &r2).expect("their part3");
                            keys.push(Keys::Theirs(kp));
                            their_pkps.push(pkp.serialize().expect("their serialize"));
                        }
                    }
                }
                assert!(!their_pkps.is_empty(), "a mixed group");
                for (i, p) in pkps.iter().enumerate() {
                    assert_eq!(
                        p, &pkps[0],
                        "our participant {i} has the same public key package bytes"
                    );
                }
                let ours_pkp = $ours::keys::PublicKeyPackage::deserialize(&pkps[0]).expect("decode");
                let as_theirs = adapt::dkg_output_as_theirs(&ours_pkp).serialize();
                for (i, p) in their_pkps.iter().enumerate() {
                    assert_eq!(
                        p, &as_theirs,
                        "their participant {i} has the public key package we expect"
                    );
                }
                Group {
                    ids,
                    keys,
                    public_key_package: pkps.swap_remove(0),
                    their_public_key_package: their_pkps.swap_remove(0),
                }
            }

            /// `signers` (indices) sign through a coordinator of each
            /// implementation; both aggregate the same shares to the same
            /// signature bytes, which both verify.
            fn mixed_signing(group: &Group, signers: &[usize], seed: u64) {
                let message = format!("interop message {seed}").into_bytes();
                let mut rng = $crate::testing::rng(seed);
                let mut rng08 = Rng08::seed_from_u64(seed);
                enum N {
                    Ours($ours::round1::SigningNonces),
                    Theirs($theirs::round1::SigningNonces),
                }
                let mut nonces = Vec::new();
                let mut commitments = Vec::new();
                for &i in signers {
                    match &group.keys[i] {
                        Keys::Ours(kp) => {
                            let (nn, c) = $ours::round1::commit(kp.signing_share(), &mut rng);
                            nonces.push(N::Ours(nn));
                            commitments.push(c.serialize());
                        }
                        Keys::Theirs(kp) => {
                            let (nn, c) = $theirs::round1::commit(kp.signing_share(), &mut rng08);
                            nonces.push(N::Theirs(nn));
                            commitments.push(c.serialize().expect("their serialize"));
                        }
                    }
                }
                // Our coordinator builds the signing package from the bytes.
                let our_commitments: BTreeMap<OurId, Vec<u8>> = signers
                    .iter()
                    .zip(&commitments)
                    .map(|(i, c)| (group.ids[*i].0, c.clone()))
                    .collect();
                let our_commitments =
                    $ours::decode_map(&our_commitments, $ours::round1::SigningCommitments::deserialize)
                        .expect("decode");
                let package_bytes = $ours::SigningPackage::new(our_commitments, &message).serialize();
                let their_package =
                    $theirs::SigningPackage::deserialize(&package_bytes).expect("they decode our package");
                assert_eq!(their_package.serialize().expect("their serialize"), package_bytes);

                let mut shares = Vec::new();
                for (&i, nn) in signers.iter().zip(nonces) {
                    match (&group.keys[i], nn) {
                        (Keys::Ours(kp), N::Ours(nn)) => {
                            let package = $ours::SigningPackage::deserialize(&package_bytes).expect("decode");
                            shares.push(adapt::sign(&package, nn, kp).expect("our sign").serialize());
                        }
                        (Keys::Theirs(kp), N::Theirs(nn)) => {
                            let package = $theirs::SigningPackage::deserialize(&package_bytes).expect("decode");
                            shares.push(
                                $theirs::round2::sign(&package, &nn, kp)
                                    .expect("their sign")
                                    .serialize(),
                            );
                        }
                        _ => unreachable!("nonces come from the same participant"),
                    }
                }

                let ours_pkp = $ours::keys::PublicKeyPackage::deserialize(&group.public_key_package).expect("decode");
                let theirs_pkp =
                    $theirs::keys::PublicKeyPackage::deserialize(&group.their_public_key_package).expect("decode");
                let our_shares: BTreeMap<OurId, Vec<u8>> = signers
                    .iter()
                    .zip(&shares)
                    .map(|(i, s)| (group.ids[*i].0, s.clone()))
                    .collect();
                let our_shares =
                    $ours::decode_map(&our_shares, $ours::round2::SignatureShare::deserialize).expect("decode");
                let our_package = $ours::SigningPackage::deserialize(&package_bytes).expect("decode");
                let ours_sig = adapt::aggregate(&our_package, &our_shares, &ours_pkp).expect("we aggregate");

                let their_shares: BTreeMap<TheirId, _> = signers
                    .iter()
                    .zip(&shares)
                    .map(|(i, s)| {
                        (
                            group.ids[*i].1,
                            $theirs::round2::SignatureShare::deserialize(s).expect("decode"),
                        )
                    })
                    .collect();
                let theirs_sig =
                    $theirs::aggregate(&their_package, &their_shares, &theirs_pkp).expect("they aggregate");
                let sig_bytes = ours_sig.serialize();
                assert_eq!(
                    sig_bytes,
                    theirs_sig.serialize().expect("their serialize"),
                    "same signature bytes"
                );

                adapt::verifying_key(&ours_pkp)
                    .verify(&message, &ours_sig)
                    .expect("we verify");
                let their_sig = $theirs::Signature::deserialize(&sig_bytes).expect("decode");
                theirs_pkp
                    .verifying_key()
                    .verify(&message, &their_sig)
                    .expect("they verify");
                assert!(theirs_pkp.verifying_key().verify(b"other", &their_sig).is_err());
            }

            fn dkg_then_sign(n: u16, t: u16, derived: bool) {
                let group = mixed_dkg(n, t, derived);
                let t = usize::from(t);
                let n = usize::from(n);
                // First t (mixed), last t (mixed), and every other one.
                mixed_signing(&group, &(0..t).collect::<Vec<_>>(), 1);
                mixed_signing(&group, &(n - t..n).collect::<Vec<_>>(), 2);
                let alternate: Vec<_> = (0..n).step_by(2).chain((1..n).step_by(2)).take(t).collect();
                let mut alternate = alternate;
                alternate.sort();
                mixed_signing(&group, &alternate, 3);
            }

            #[test]
            fn mixed_dkg_and_signing_2_of_3() {
                dkg_then_sign(3, 2, false);
            }

            #[test]
            fn mixed_dkg_and_signing_5_of_7() {
                dkg_then_sign(7, 5, false);
            }

            #[test]
            fn mixed_dkg_and_signing_2_of_3_derived_identifiers() {
                dkg_then_sign(3, 2, true);
            }

            #[test]
            fn mixed_dkg_and_signing_5_of_7_derived_identifiers() {
                dkg_then_sign(7, 5, true);
            }

            /// JSON written by one implementation is read by the other, and
            /// means the same bytes.
            #[test]
            fn json_both_ways() {
                let group = mixed_dkg(3, 2, false);
                let ours_pkp = $ours::keys::PublicKeyPackage::deserialize(&group.public_key_package).expect("decode");
                let json = serde_json::to_string(&ours_pkp).expect("json");
                let theirs: $theirs::keys::PublicKeyPackage = serde_json::from_str(&json).expect("they read our JSON");
                assert_eq!(theirs.serialize().expect("serialize"), group.public_key_package);
                let back: $ours::keys::PublicKeyPackage =
                    serde_json::from_str(&serde_json::to_string(&theirs).expect("json")).expect("we read theirs");
                assert_eq!(back, ours_pkp);

                for keys in &group.keys {
                    match keys {
                        Keys::Ours(kp) => {
                            let json = serde_json::to_string(kp).expect("json");
                            let theirs: $theirs::keys::KeyPackage =
                                serde_json::from_str(&json).expect("they read ours");
                            assert_eq!(theirs.serialize().expect("serialize"), *kp.serialize());
                        }
                        Keys::Theirs(kp) => {
                            let json = serde_json::to_string(kp).expect("json");
                            let ours: $ours::keys::KeyPackage = serde_json::from_str(&json).expect("we read theirs");
                            assert_eq!(*ours.serialize(), kp.serialize().expect("serialize"));
                        }
                    }
                }

                let mut rng = $crate::testing::rng(9);
                let mut rng08 = Rng08::seed_from_u64(9);
                let id = group.ids[0];
                let (_, ours_r1) = $ours::keys::dkg::part1(id.0, 3, 2, &mut rng).expect("part1");
                let (_, theirs_r1) = $theirs::keys::dkg::part1(id.1, 3, 2, &mut rng08).expect("part1");
                let read: $theirs::keys::dkg::round1::Package =
                    serde_json::from_str(&serde_json::to_string(&ours_r1).expect("json")).expect("they read ours");
                assert_eq!(read.serialize().expect("serialize"), ours_r1.serialize());
                let read: $ours::keys::dkg::round1::Package =
                    serde_json::from_str(&serde_json::to_string(&theirs_r1).expect("json")).expect("we read theirs");
                assert_eq!(read.serialize(), theirs_r1.serialize().expect("serialize"));

                let (_, c) = match &group.keys[0] {
                    Keys::Ours(kp) => $ours::round1::commit(kp.signing_share(), &mut rng),
                    Keys::Theirs(_) => unreachable!("participant 0 runs our code"),
                };
                let package = $ours::SigningPackage::new(BTreeMap::from([(id.0, c)]), b"json message");
                let read: $theirs::SigningPackage =
                    serde_json::from_str(&serde_json::to_string(&package).expect("json")).expect("they read ours");
                assert_eq!(read.serialize().expect("serialize"), package.serialize());
                let read: $ours::SigningPackage =
                    serde_json::from_str(&serde_json::to_string(&read).expect("json")).expect("we read theirs");
                assert_eq!(read, package);
            }
        }
    };
}
