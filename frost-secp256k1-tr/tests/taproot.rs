//! BIP340 signatures and BIP341 tweaks, checked against an independent
//! verifier (k256's `schnorr`) and an independent BIP341 computation, for
//! group keys and group commitments of both Y parities, dealer and DKG keys.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{bip340_verifies, odd_y, taproot_tweak_pubkey, x_only};
use frost_core::testing::{dealer_keys, dkg, numbered_identifiers, reshare, rng};
use frost_secp256k1_tr::taproot::{self, Tweak};
use frost_secp256k1_tr::{self as frost, Secp256K1Sha256TR as Suite};
use k256::elliptic_curve::PrimeField;
use k256::{FieldBytes, ProjectivePoint, Scalar};

const MERKLE_ROOT: [u8; 32] = [0x5a; 32];

/// The three ways to sign.
fn tweaks() -> [Tweak; 3] {
    [Tweak::Untweaked, Tweak::KeyPath, Tweak::ScriptTree(MERKLE_ROOT)]
}

/// The x-only key and Y parity a signature made with `tweak` must verify
/// under, computed from BIP341 directly.
fn expected_output(internal: &frost::VerifyingKey, tweak: &Tweak) -> ([u8; 32], bool) {
    let x = x_only(internal);
    match tweak {
        Tweak::Untweaked => (x, false),
        Tweak::KeyPath => {
            let (_, parity, q) = taproot_tweak_pubkey(x, &[]);
            (q, parity)
        }
        Tweak::ScriptTree(root) => {
            let (_, parity, q) = taproot_tweak_pubkey(x, root);
            (q, parity)
        }
    }
}

/// Whether the group commitment `R = sum(D_i + rho_i * E_i)` of a package
/// has odd Y, the binding factors taken under the even-Y key signed with.
fn group_commitment_is_odd(package: &frost::SigningPackage, output_x: [u8; 32]) -> bool {
    let mut sec1 = vec![0x02];
    sec1.extend_from_slice(&output_x);
    let key = frost::VerifyingKey::deserialize(&sec1).expect("even-Y key");
    let factors: BTreeMap<_, _> = package.binding_factor_bytes(&key).into_iter().collect();
    let r = package
        .signing_commitments()
        .iter()
        .map(|(id, c)| {
            let rho = Option::<Scalar>::from(Scalar::from_repr(
                FieldBytes::try_from(&factors[id][..]).expect("32 bytes"),
            ))
            .expect("scalar");
            c.hiding().value() + c.binding().value() * rho
        })
        .fold(ProjectivePoint::IDENTITY, |acc, p| acc + p);
    odd_y(&frost::VerifyingKey::new(r))
}

/// One signing session with `tweak`; returns the package and the signature.
fn sign_with(
    kps: &BTreeMap<frost::Identifier, frost::keys::KeyPackage>,
    pkp: &frost::keys::PublicKeyPackage,
    signers: &[frost::Identifier],
    message: &[u8],
    tweak: &Tweak,
    seed: u64,
) -> (frost::SigningPackage, frost::Signature) {
    let mut rng = rng(seed);
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for id in signers {
        let (n, c) = frost::round1::commit(kps[id].signing_share(), &mut rng);
        nonces.insert(*id, n);
        commitments.insert(*id, c);
    }
    let package = frost::SigningPackage::new(commitments, message);
    let shares: BTreeMap<_, _> = signers
        .iter()
        .map(|id| {
            let n = nonces.remove(id).expect("committed");
            let share = taproot::sign_with_tweak(&package, n, &kps[id], tweak).expect("sign");
            taproot::verify_signature_share_with_tweak(
                *id,
                pkp.verifying_shares().get(id).expect("share"),
                &share,
                &package,
                pkp.verifying_key(),
                tweak,
            )
            .expect("share verifies");
            (*id, share)
        })
        .collect();
    let signature = taproot::aggregate_with_tweak(&package, &shares, pkp, tweak).expect("aggregate");
    (package, signature)
}

/// Signs with every tweak under keys of both parities, with group
/// commitments of both parities; each signature passes k256's BIP340
/// verifier under the independently computed output key.
fn signs_every_parity(
    keys: impl Fn(
        u64,
    ) -> (
        BTreeMap<frost::Identifier, frost::keys::KeyPackage>,
        frost::keys::PublicKeyPackage,
    ),
) {
    for tweak in tweaks() {
        let mut seen = BTreeSet::new();
        for seed in 0..48u64 {
            let (kps, pkp) = keys(seed);
            let internal = *pkp.verifying_key();
            let (x, parity) = expected_output(&internal, &tweak);
            let output = taproot::output_key(&internal, &tweak).expect("output key");
            assert_eq!(taproot::x_only(&output), x, "output key x");
            if tweak != Tweak::Untweaked {
                assert_eq!(odd_y(&output), parity, "output key parity");
            }

            let signers: Vec<_> = kps.keys().skip(seed as usize % 2).take(3).copied().collect();
            let message = format!("taproot {seed}").into_bytes();
            let (package, signature) = sign_with(&kps, &pkp, &signers, &message, &tweak, seed);
            // The parities that decide a negation: the internal key's (before
            // tweaking), the output key's, and the group commitment's.
            let output_parity = tweak != Tweak::Untweaked && odd_y(&output);
            seen.insert((odd_y(&internal), output_parity, group_commitment_is_odd(&package, x)));

            assert_eq!(signature.serialize().len(), 64);
            assert!(bip340_verifies(&x, &message, &signature), "BIP340 under the output key");
            assert!(!bip340_verifies(&x, b"other", &signature));
            output
                .verify(&message, &signature)
                .expect("we verify under the output key");
            if tweak != Tweak::Untweaked {
                assert!(!bip340_verifies(&x_only(&internal), &message, &signature));
                assert!(
                    internal.verify(&message, &signature).is_err(),
                    "not under the internal key"
                );
            } else {
                internal.verify(&message, &signature).expect("under the internal key");
            }
            let decoded = frost::Signature::deserialize(&signature.serialize()).expect("decode");
            assert_eq!(decoded, signature);
        }
        let combinations = if tweak == Tweak::Untweaked { 4 } else { 8 };
        assert_eq!(
            seen.len(),
            combinations,
            "{tweak:?}: every parity combination: {seen:?}"
        );
    }
}

#[test]
fn header_is_the_frost3_one() {
    assert_eq!(frost::header(), [0x00, 0x23, 0x0f, 0x8a, 0xb3]);
}

#[test]
fn dealer_keys_sign_with_every_tweak() {
    signs_every_parity(|seed| dealer_keys::<Suite>(5, 3, frost::keys::IdentifierList::Default, seed));
}

#[test]
fn dkg_keys_sign_with_every_tweak() {
    signs_every_parity(|seed| dkg::run::<Suite>(&numbered_identifiers(4), 3, 1000 + seed));
}

/// Keys reshared from a 2-of-3 to a 3-of-4 group (`keys::reshare`) sign
/// under the unchanged internal key, with every tweak and parity, and pass
/// BIP340.
#[test]
fn reshared_keys_sign_with_every_tweak() {
    signs_every_parity(|seed| reshare::reshared_dealer_keys::<Suite>(3, 2, &numbered_identifiers(4), 3, 2000 + seed));
}

/// Stored packages hold the internal key: the dealer's is the split key's,
/// the DKG's is the sum of the constant-term commitments; signing with a
/// tweak leaves them as they were.
#[test]
fn packages_hold_the_internal_key() {
    let key = frost::SigningKey::new(&mut rng(7));
    let (shares, pkp) =
        frost::keys::split(&key, 3, 2, frost::keys::IdentifierList::Default, &mut rng(8)).expect("split");
    assert_eq!(pkp.verifying_key(), &key.verifying_key());
    let kps: BTreeMap<_, _> = shares
        .into_iter()
        .map(|(id, s)| (id, frost::keys::KeyPackage::try_from(s).expect("valid")))
        .collect();
    let before = (kps.clone(), pkp.clone());
    let signers: Vec<_> = kps.keys().take(2).copied().collect();
    let _ = sign_with(&kps, &pkp, &signers, b"m", &Tweak::KeyPath, 9);
    assert!(before == (kps, pkp), "packages unchanged by tweaked signing");

    let ids = numbered_identifiers::<Suite>(3);
    let (_, round1) = dkg::round_one::<Suite>(&ids, 2, 10);
    let sum = round1
        .values()
        .map(|p| p.commitment().coefficients()[0].value())
        .fold(ProjectivePoint::IDENTITY, |acc, p| acc + p);
    let (_, pkp) = dkg::run::<Suite>(&ids, 2, 10);
    assert_eq!(
        pkp.verifying_key().to_element(),
        sum,
        "the DKG stores the untweaked key"
    );
}

/// A coordinator and signers that disagree on the tweak do not produce a
/// signature; a corrupted share is named under a tweak too.
#[test]
fn tweak_mismatch_and_cheaters() {
    let (kps, pkp) = dealer_keys::<Suite>(3, 2, frost::keys::IdentifierList::Default, 11);
    let signers: Vec<_> = kps.keys().take(2).copied().collect();
    let mut rng = rng(12);
    let mut nonces = BTreeMap::new();
    let mut commitments = BTreeMap::new();
    for id in &signers {
        let (n, c) = frost::round1::commit(kps[id].signing_share(), &mut rng);
        nonces.insert(*id, n);
        commitments.insert(*id, c);
    }
    let package = frost::SigningPackage::new(commitments, b"m");
    let mut shares: BTreeMap<_, _> = signers
        .iter()
        .map(|id| {
            let n = nonces.remove(id).expect("committed");
            (
                *id,
                taproot::sign_with_tweak(&package, n, &kps[id], &Tweak::KeyPath).expect("sign"),
            )
        })
        .collect();
    for other in [Tweak::Untweaked, Tweak::ScriptTree(MERKLE_ROOT)] {
        assert!(taproot::aggregate_with_tweak(&package, &shares, &pkp, &other).is_err());
    }
    let bad = signers[1];
    let corrupted = frost::round2::SignatureShare::new(shares[&bad].to_scalar() + Scalar::ONE);
    shares.insert(bad, corrupted);
    assert_eq!(
        taproot::aggregate_with_tweak(&package, &shares, &pkp, &Tweak::KeyPath),
        Err(frost::Error::InvalidSignatureShare { culprits: vec![bad] })
    );
    assert_eq!(
        taproot::verify_signature_share_with_tweak(
            bad,
            &pkp.verifying_shares()[&bad],
            &shares[&bad],
            &package,
            pkp.verifying_key(),
            &Tweak::KeyPath,
        ),
        Err(frost::Error::InvalidSignatureShare { culprits: vec![bad] })
    );
}

/// Single-signer signatures, and a key reconstructed from shares, verify
/// with BIP340 for keys of both parities; k256's BIP340 signatures verify
/// with ours.
#[test]
fn single_signer_both_ways() {
    let mut parities = BTreeSet::new();
    for seed in 0..8u64 {
        let key = frost::SigningKey::new(&mut rng(seed));
        let vk = key.verifying_key();
        parities.insert(odd_y(&vk));
        let signature = key.sign(&mut rng(100 + seed), b"single");
        assert!(bip340_verifies(&x_only(&vk), b"single", &signature));
        vk.verify(b"single", &signature).expect("verifies");

        let theirs =
            k256::schnorr::SigningKey::from_bytes(&FieldBytes::try_from(&key.serialize()[..]).expect("32 bytes"))
                .expect("non-zero key");
        let mut aux = [0u8; 32];
        aux[0] = seed as u8;
        let sig = theirs.sign_raw(b"from k256", &aux).expect("sign");
        let ours = frost::Signature::deserialize(&sig.to_bytes()).expect("decode k256's signature");
        vk.verify(b"from k256", &ours)
            .expect("k256's BIP340 signature verifies with ours");
        assert!(vk.verify(b"other", &ours).is_err());
    }
    assert_eq!(parities.len(), 2, "keys of both parities");

    for seed in 0..4u64 {
        let (kps, pkp) = dealer_keys::<Suite>(3, 2, frost::keys::IdentifierList::Default, 20 + seed);
        let two: Vec<_> = kps.values().take(2).cloned().collect();
        let key = frost::keys::reconstruct(&two).expect("reconstruct");
        let signature = key.sign(&mut rng(30 + seed), b"reconstructed");
        assert!(bip340_verifies(
            &x_only(pkp.verifying_key()),
            b"reconstructed",
            &signature
        ));
    }
}

/// Batch verification of BIP340 signatures under internal and output keys
/// of both parities; an invalid one is named.
#[test]
fn batch_of_bip340_signatures() {
    let mut items = Vec::new();
    for seed in 0..6u64 {
        let (kps, pkp) = dealer_keys::<Suite>(3, 2, frost::keys::IdentifierList::Default, 40 + seed);
        let signers: Vec<_> = kps.keys().take(2).copied().collect();
        for tweak in tweaks() {
            let message = format!("batch {seed} {tweak:?}").into_bytes();
            let (_, signature) = sign_with(&kps, &pkp, &signers, &message, &tweak, 50 + seed);
            let key = taproot::output_key(pkp.verifying_key(), &tweak).expect("output key");
            items.push((key, message, signature));
        }
        // The internal key with its own (possibly odd) Y, untweaked.
        let message = b"internal".to_vec();
        let (_, signature) = sign_with(&kps, &pkp, &signers, &message, &Tweak::Untweaked, 60 + seed);
        items.push((*pkp.verifying_key(), message, signature));
    }
    assert!(items.iter().any(|(k, _, _)| odd_y(k)) && items.iter().any(|(k, _, _)| !odd_y(k)));
    let verify = |items: &[(frost::VerifyingKey, Vec<u8>, frost::Signature)]| {
        let mut verifier = frost::batch::Verifier::new();
        for (key, message, signature) in items {
            verifier.queue(frost::batch::Item::new(*key, message, *signature));
        }
        verifier.verify(&mut rng(70))
    };
    assert_eq!(verify(&items), Ok(()));
    items[5].1.push(b'!');
    assert_eq!(
        verify(&items),
        Err(frost::Error::InvalidBatchSignatures { indices: vec![5] })
    );
}

/// The 64-byte encoding: exact length, `x(R)` on the curve, canonical `z`.
#[test]
fn signature_decoding_is_strict() {
    let key = frost::SigningKey::new(&mut rng(80));
    let good = key.sign(&mut rng(81), b"m").serialize();
    let decode_error = |bytes: &[u8]| {
        frost::Signature::deserialize(bytes)
            .err()
            .and_then(|e| e.decode_error())
    };
    assert_eq!(decode_error(&good[..63]), Some(frost::DecodeError::Truncated));
    assert_eq!(
        decode_error(&[good.clone(), vec![0]].concat()),
        Some(frost::DecodeError::TrailingBytes)
    );
    // x = 5 is not the x-coordinate of a secp256k1 point (5^3 + 7 is a non-residue).
    let mut off_curve = good.clone();
    off_curve[..32].copy_from_slice(&[0; 32]);
    off_curve[31] = 5;
    assert_eq!(decode_error(&off_curve), Some(frost::DecodeError::MalformedElement));
    let mut big_z = good.clone();
    big_z[32..].copy_from_slice(&[0xff; 32]);
    assert_eq!(decode_error(&big_z), Some(frost::DecodeError::MalformedScalar));
    // The even-Y lift: re-encoding gives the same bytes.
    assert_eq!(frost::Signature::deserialize(&good).expect("decode").serialize(), good);
}
