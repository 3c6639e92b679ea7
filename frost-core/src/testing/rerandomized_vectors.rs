//! Re-randomized FROST test vectors: generated deterministically for every
//! suite, checked in as JSON under `vectors/rerandomized/` (frost-rerandomized
//! 3.0 ships none), replayed here, and replayed by 3.0 in the compatibility
//! tests.
//!
//! Format (byte strings in lowercase hex): `suite`, `rng`, and `cases[]`
//! with `max_signers`, `min_signers`, `public_key_package`, `message`,
//! `signing_package`, `randomizer_seed`, `randomizer`,
//! `randomized_verifying_key`, `signature`, and `signers[]`, each with its
//! `identifier`, `key_package`, round-one `nonces` (the frost-core 3.x
//! `SigningNonces` encoding) and `signature_share`.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use serde_json::{Value, json};

use super::{dealer_keys, rng};
use crate::keys::{IdentifierList, KeyPackage, PublicKeyPackage};
use crate::rerandomized::{self, RandomizedCiphersuite, RandomizedParams};
use crate::round1::SigningNonces;
use crate::{Identifier, SigningPackage};

/// How the vectors' randomness was drawn, stated in every file.
const RNG_STATEMENT: &str = "rand 0.10 StdRng::seed_from_u64(seed): keys::generate_with_dealer with seed \
     100 * max_signers + min_signers; then, with seed 1000 + that, round1::commit for each signer in identifier \
     order, then RandomizedParams::new_from_commitments";

/// The vector cases: (max_signers, min_signers, signers by position).
const CASES: [(u16, u16, &[usize]); 3] = [(3, 2, &[0, 1]), (5, 3, &[1, 3, 4]), (7, 5, &[0, 1, 2, 4, 6])];

fn hex_of(bytes: &[u8]) -> Value {
    Value::String(hex::encode(bytes))
}

fn unhex(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().expect("hex string")).expect("hex")
}

/// Generates the suite's vector file.
pub fn generate<C: RandomizedCiphersuite>() -> String {
    let mut cases = Vec::new();
    for (n, t, positions) in CASES {
        let key_seed = 100 * u64::from(n) + u64::from(t);
        let (kps, pkp): (BTreeMap<Identifier<C>, KeyPackage<C>>, PublicKeyPackage<C>) =
            dealer_keys::<C>(n, t, IdentifierList::Default, key_seed);
        let signers: Vec<_> = positions
            .iter()
            .map(|i| *kps.keys().nth(*i).expect("position"))
            .collect();
        let mut rng = rng(1000 + key_seed);
        let mut nonces = BTreeMap::new();
        let mut commitments = BTreeMap::new();
        for id in &signers {
            let (nn, c) = crate::round1::commit(kps[id].signing_share(), &mut rng);
            nonces.insert(*id, nn.persist());
            commitments.insert(*id, c);
        }
        let message = alloc::format!("re-randomized FROST, {t} of {n}").into_bytes();
        let package = SigningPackage::new(commitments, &message);
        let (params, seed) =
            RandomizedParams::new_from_commitments(pkp.verifying_key(), package.signing_commitments(), &mut rng)
                .expect("randomize");
        let mut shares = BTreeMap::new();
        let mut signer_entries = Vec::new();
        for id in &signers {
            let restored = SigningNonces::<C>::restore(&nonces[id]).expect("restore");
            let share = rerandomized::sign_with_randomizer_seed(&package, restored, &kps[id], &seed).expect("sign");
            signer_entries.push(json!({
                "identifier": hex_of(&id.serialize()),
                "key_package": hex_of(&kps[id].serialize()),
                "nonces": hex_of(&nonces[id]),
                "signature_share": hex_of(&share.serialize()),
            }));
            shares.insert(*id, share);
        }
        let signature = rerandomized::aggregate(&package, &shares, &pkp, &params).expect("aggregate");
        cases.push(json!({
            "max_signers": n,
            "min_signers": t,
            "public_key_package": hex_of(&pkp.serialize()),
            "message": hex_of(&message),
            "signing_package": hex_of(&package.serialize()),
            "randomizer_seed": hex_of(&seed),
            "randomizer": hex_of(&params.randomizer().serialize()),
            "randomized_verifying_key": hex_of(&params.randomized_verifying_key().serialize()),
            "signers": signer_entries,
            "signature": hex_of(&signature.serialize()),
        }));
    }
    let file = json!({ "suite": C::ID, "rng": RNG_STATEMENT, "cases": cases });
    let mut text = serde_json::to_string_pretty(&file).expect("json");
    text.push('\n');
    text
}

/// One signer of a vector case, as bytes.
pub struct Signer {
    pub identifier: Vec<u8>,
    pub key_package: Vec<u8>,
    pub nonces: Vec<u8>,
    pub signature_share: Vec<u8>,
}

/// One vector case, as bytes, for any implementation to replay.
pub struct Case {
    pub public_key_package: Vec<u8>,
    pub message: Vec<u8>,
    pub signing_package: Vec<u8>,
    pub randomizer_seed: Vec<u8>,
    pub randomizer: Vec<u8>,
    pub randomized_verifying_key: Vec<u8>,
    pub signers: Vec<Signer>,
    pub signature: Vec<u8>,
}

/// The cases of a vector file.
pub fn cases(text: &str) -> Vec<Case> {
    let file: Value = serde_json::from_str(text).expect("json");
    file["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| Case {
            public_key_package: unhex(&c["public_key_package"]),
            message: unhex(&c["message"]),
            signing_package: unhex(&c["signing_package"]),
            randomizer_seed: unhex(&c["randomizer_seed"]),
            randomizer: unhex(&c["randomizer"]),
            randomized_verifying_key: unhex(&c["randomized_verifying_key"]),
            signers: c["signers"]
                .as_array()
                .expect("signers")
                .iter()
                .map(|s| Signer {
                    identifier: unhex(&s["identifier"]),
                    key_package: unhex(&s["key_package"]),
                    nonces: unhex(&s["nonces"]),
                    signature_share: unhex(&s["signature_share"]),
                })
                .collect(),
            signature: unhex(&c["signature"]),
        })
        .collect()
}

/// Replays a vector file: the randomizer, randomized key, every share and
/// the signature are recomputed from the keys, nonces and seed, and the
/// signature verifies under the randomized key only.
pub fn check<C: RandomizedCiphersuite>(text: &str) {
    let file: Value = serde_json::from_str(text).expect("json");
    assert_eq!(file["suite"], C::ID, "the file's suite");
    let cases = cases(text);
    assert_eq!(cases.len(), CASES.len());
    for case in cases {
        let pkp = PublicKeyPackage::<C>::deserialize(&case.public_key_package).expect("public key package");
        let package = SigningPackage::<C>::deserialize(&case.signing_package).expect("signing package");
        assert_eq!(package.message(), case.message);
        let params = RandomizedParams::regenerate_from_seed_and_commitments(
            pkp.verifying_key(),
            &case.randomizer_seed,
            package.signing_commitments(),
        )
        .expect("regenerate");
        assert_eq!(*params.randomizer().serialize(), case.randomizer);
        assert_eq!(
            params.randomized_verifying_key().serialize(),
            case.randomized_verifying_key
        );
        let mut shares = BTreeMap::new();
        for signer in &case.signers {
            let kp = KeyPackage::<C>::deserialize(&signer.key_package).expect("key package");
            assert_eq!(kp.identifier().serialize(), signer.identifier);
            let nonces = SigningNonces::<C>::restore(&signer.nonces).expect("nonces");
            let share =
                rerandomized::sign_with_randomizer_seed(&package, nonces, &kp, &case.randomizer_seed).expect("sign");
            assert_eq!(share.serialize(), signer.signature_share);
            shares.insert(*kp.identifier(), share);
        }
        let signature = rerandomized::aggregate(&package, &shares, &pkp, &params).expect("aggregate");
        assert_eq!(signature.serialize(), case.signature);
        params
            .randomized_verifying_key()
            .verify(&case.message, &signature)
            .expect("verifies under the randomized key");
        assert!(pkp.verifying_key().verify(&case.message, &signature).is_err());
    }
}
