//! Seed inputs: real encodings from the fixtures, for every target and suite,
//! each prefixed with its suite byte (and selector, where the target has one).
//! `cargo run -p frost-fuzz-targets --bin seed-corpus` writes them under
//! `fuzz/corpus/<target>/`.

use frost_core::keys::{CoefficientCommitment, SigningShare, VerifyingShare};
use frost_core::round2::SignatureShare;
use frost_core::{Identifier, SigningPackage};

use crate::Suite;

/// One seed: the target, a file name, the input.
pub type Seed = (&'static str, String, Vec<u8>);

/// Every seed of every suite.
pub fn all() -> Vec<Seed> {
    let mut out = Vec::new();
    suite::<frost_ristretto255::Ristretto255Sha512>(&mut out);
    suite::<frost_ed25519::Ed25519Sha512>(&mut out);
    suite::<frost_secp256k1::Secp256K1Sha256>(&mut out);
    suite::<frost_p256::P256Sha256>(&mut out);
    suite::<frost_ed448::Ed448Shake256>(&mut out);
    suite::<frost_secp256k1_tr::Secp256K1Sha256TR>(&mut out);
    crate::standalone::seeds(&mut out);
    crate::cocktail_blame::seeds(&mut out);
    out
}

/// The seeds of one suite.
pub fn suite<C: Suite>(out: &mut Vec<Seed>) {
    let f = C::fixtures();
    let (dkg, signing) = (&f.dkg, &f.signing);
    let mut add = |target: &'static str, name: &str, parts: &[&[u8]]| {
        let mut input = vec![C::BYTE];
        for p in parts {
            input.extend_from_slice(p);
        }
        out.push((target, format!("seed-{}-{name}", C::NAME), input));
    };

    // Decoders.
    for (i, p) in dkg.round1_received_bytes.values().enumerate() {
        add("decode_round1_package", &format!("{i}"), &[p]);
    }
    for (i, p) in dkg.round2_received_bytes.values().enumerate() {
        add("decode_round2_package", &format!("{i}"), &[p]);
    }
    for (i, c) in signing.package.signing_commitments().values().enumerate() {
        add("decode_signing_commitments", &format!("{i}"), &[&c.serialize()]);
    }
    add("decode_signing_package", "session", &[&signing.package.serialize()]);
    let empty = SigningPackage::<C>::new(signing.package.signing_commitments().clone(), b"");
    add("decode_signing_package", "empty-message", &[&empty.serialize()]);
    add("decode_key_package", "dkg", &[&dkg.key_package.serialize()]);
    add(
        "decode_key_package",
        "dealer",
        &[&signing.key_packages[&signing.signer].serialize()],
    );
    let pkp = dkg.public_key_package.serialize();
    add("decode_public_key_package", "dkg", &[&pkp]);
    // The pre-3.0 form, without min_signers (tag 1 and a one-byte varint).
    add("decode_public_key_package", "pre-3.0", &[&pkp[..pkp.len() - 2]]);
    for (i, s) in signing.secret_shares.values().take(2).enumerate() {
        add("decode_secret_share", &format!("{i}"), &[&s.serialize()]);
    }
    add("decode_signing_nonces", "session", &[&signing.nonces]);
    add("decode_round1_secret_package", "dkg", &[&dkg.round1_secret]);
    add("decode_round2_secret_package", "dkg", &[&dkg.round2_secret.serialize()]);
    let share = &signing.shares[&signing.signer];
    let id = Identifier::<C>::try_from(3u16).expect("non-zero");
    let kp = &signing.key_packages[&signing.signer];
    let commitment = signing.package.signing_commitments()[&signing.signer];
    let coefficient = dkg
        .round1_received
        .values()
        .next()
        .expect("package")
        .commitment()
        .coefficients()[1];
    let misc: [(&str, Vec<u8>); 8] = [
        ("signature-share", SignatureShare::serialize(share)),
        ("signature", signing.signature.serialize()),
        ("identifier", id.serialize()),
        ("signing-share", SigningShare::serialize(kp.signing_share()).to_vec()),
        ("verifying-share", VerifyingShare::serialize(kp.verifying_share())),
        ("verifying-key", kp.verifying_key().serialize()),
        ("nonce-commitment", commitment.hiding().serialize()),
        ("coefficient-commitment", CoefficientCommitment::serialize(&coefficient)),
    ];
    for (kind, (name, bytes)) in misc.iter().enumerate() {
        add("decode_misc", name, &[&[kind as u8], bytes]);
    }

    // part2: each sender's honest package, replaced and (no-op) mutated; a
    // package from another sender (its proof is bound to that sender); a
    // flipped proof byte.
    let round1: Vec<&Vec<u8>> = dkg.round1_received_bytes.values().collect();
    for (i, bytes) in round1.iter().enumerate() {
        let sel = (i as u8) << 1;
        add("part2", &format!("honest-{i}"), &[&[sel], bytes]);
        let last = u16::try_from(bytes.len() - 1).expect("short").to_le_bytes();
        add("part2", &format!("flip-proof-{i}"), &[&[sel | 1], &last, &[1]]);
        add(
            "part2",
            &format!("swapped-{i}"),
            &[&[sel], round1[(i + 1) % round1.len()]],
        );
    }
    // part3: each sender's honest share, and one off by a bit.
    for (i, bytes) in dkg.round2_received_bytes.values().enumerate() {
        let sel = (i as u8) << 1;
        add("part3", &format!("honest-{i}"), &[&[sel], bytes]);
        add("part3", &format!("flip-share-{i}"), &[&[sel | 1], &[20, 0, 4]]);
    }
    // sign: the honest package, the same commitments on another message,
    // and a package without the signer.
    add("sign", "honest", &[&signing.package.serialize()]);
    add("sign", "other-message", &[&empty.serialize()]);
    let mut without = signing.package.signing_commitments().clone();
    without.remove(&signing.signer);
    add(
        "sign",
        "without-signer",
        &[&SigningPackage::new(without, signing.package.message()).serialize()],
    );
    // aggregate: the honest package, each honest share, a changed share.
    add("aggregate", "honest-package", &[&[0], &signing.package.serialize()]);
    add("aggregate", "mutated-package", &[&[2], &[30, 0, 7]]);
    for (i, share) in signing.shares.values().enumerate() {
        let sel = ((i as u8) << 2) | 1;
        add("aggregate", &format!("honest-share-{i}"), &[&[sel], &share.serialize()]);
        add("aggregate", &format!("mutated-share-{i}"), &[&[sel | 2], &[5, 0, 0x10]]);
    }
}
