//! Cross-curve DKG test vectors: generated deterministically for every suite,
//! checked in as JSON under `vectors/dkg/`, and verified here by replaying
//! every step. Also replays the DKG vectors that the frost-* 3.0 packages ship.
//!
//! Format of our vectors (all byte strings in lowercase hex):
//! - `suite`: the context string; `rng`: how the randomness was drawn.
//! - `cases[]`: `max_signers`, `min_signers`, and per participant (keyed by
//!   identifier): `coefficients` (constant term first), `proof_nonce`,
//!   `round1_package`, `round2_packages` (keyed by recipient),
//!   `key_package`; and the common `public_key_package`.
//! - `errors[]`: a receiver, the step (`part2` or `part3`), the packages it
//!   receives (one of them corrupted), the expected error kind and culprits.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use rand::SeedableRng;
use rand::rngs::StdRng;
use serde_json::{Value, json};

use crate::keys::dkg::{self, round1, round2};
use crate::keys::{KeyPackage, PublicKeyPackage, SigningShare};
use crate::{Ciphersuite, Error, Group, Identifier, Scalar, Signature};

/// How the vectors' randomness was drawn, stated in every file.
const RNG_STATEMENT: &str = "rand 0.10 StdRng::seed_from_u64(1000 * max_signers + min_signers); for each participant \
     in identifier order: min_signers coefficients (constant term first), then the proof nonce, each from the \
     suite's Group::random_scalar";

/// The error kind a vector names, for the variants the DKG can return.
pub fn error_kind<C: Ciphersuite>(e: &Error<C>) -> &'static str {
    match e {
        Error::InvalidProofOfKnowledge { .. } => "InvalidProofOfKnowledge",
        Error::InvalidSecretShare { .. } => "InvalidSecretShare",
        Error::IncorrectCommitmentLength { .. } => "IncorrectCommitmentLength",
        Error::IdentityCommitment { .. } => "IdentityCommitment",
        Error::MissingPackage { .. } => "MissingPackage",
        Error::UnexpectedPackage { .. } => "UnexpectedPackage",
        Error::IncorrectNumberOfPackages { .. } => "IncorrectNumberOfPackages",
        Error::Decode { .. } => "Decode",
        _ => "Other",
    }
}

fn hex_of(bytes: &[u8]) -> Value {
    Value::String(hex::encode(bytes))
}

fn unhex(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().expect("hex string")).expect("hex")
}

fn scalar<C: Ciphersuite>(v: &Value) -> Scalar<C> {
    C::Group::deserialize_scalar(&unhex(v)).expect("canonical scalar")
}

fn id_key<C: Ciphersuite>(id: &Identifier<C>) -> String {
    hex::encode(id.serialize())
}

fn id_of<C: Ciphersuite>(key: &str) -> Identifier<C> {
    Identifier::deserialize(&hex::decode(key).expect("hex")).expect("identifier")
}

/// One participant's randomness.
struct Draw<C: Ciphersuite> {
    coefficients: Vec<Scalar<C>>,
    proof_nonce: Scalar<C>,
}

/// The bytes a participant receives: everyone's but its own.
fn others<T: Clone, C: Ciphersuite>(all: &BTreeMap<Identifier<C>, T>, me: Identifier<C>) -> BTreeMap<Identifier<C>, T> {
    all.iter()
        .filter(|(id, _)| **id != me)
        .map(|(id, v)| (*id, v.clone()))
        .collect()
}

/// Runs a whole DKG from given randomness, returning every output as bytes.
struct Run<C: Ciphersuite> {
    round1: BTreeMap<Identifier<C>, round1::Package<C>>,
    round2: BTreeMap<Identifier<C>, BTreeMap<Identifier<C>, round2::Package<C>>>,
    key_packages: BTreeMap<Identifier<C>, KeyPackage<C>>,
    public_key_package: PublicKeyPackage<C>,
}

fn run<C: Ciphersuite>(n: u16, draws: &BTreeMap<Identifier<C>, Draw<C>>) -> Run<C> {
    let mut secrets = BTreeMap::new();
    let mut round1 = BTreeMap::new();
    for (id, d) in draws {
        let (s, p) = dkg::part1_with_randomness(*id, n, d.coefficients.clone(), d.proof_nonce).expect("part1");
        secrets.insert(*id, s);
        round1.insert(*id, p);
    }
    let mut secrets2 = BTreeMap::new();
    let mut round2 = BTreeMap::new();
    for (id, s) in secrets {
        let (s2, out) = dkg::part2(s, &others(&round1, id)).expect("part2");
        secrets2.insert(id, s2);
        round2.insert(id, out);
    }
    let mut key_packages = BTreeMap::new();
    let mut public_key_package = None;
    for (id, s2) in &secrets2 {
        let received: BTreeMap<_, _> = round2
            .iter()
            .filter_map(|(from, out)| out.get(id).map(|p| (*from, p.clone())))
            .collect();
        let (kp, pkp) = dkg::part3(s2, &others(&round1, *id), &received).expect("part3");
        if let Some(previous) = &public_key_package {
            assert_eq!(previous, &pkp, "everyone gets the same public key package");
        }
        key_packages.insert(*id, kp);
        public_key_package = Some(pkp);
    }
    Run {
        round1,
        round2,
        key_packages,
        public_key_package: public_key_package.expect("participants"),
    }
}

fn draws<C: Ciphersuite>(n: u16, t: u16) -> BTreeMap<Identifier<C>, Draw<C>> {
    let mut rng = StdRng::seed_from_u64(1000 * u64::from(n) + u64::from(t));
    (1..=n)
        .map(|i| {
            let coefficients = (0..t).map(|_| C::Group::random_scalar(&mut rng)).collect();
            let proof_nonce = C::Group::random_scalar(&mut rng);
            (
                Identifier::try_from(i).expect("non-zero"),
                Draw {
                    coefficients,
                    proof_nonce,
                },
            )
        })
        .collect()
}

fn case_json<C: Ciphersuite>(n: u16, t: u16, draws: &BTreeMap<Identifier<C>, Draw<C>>, run: &Run<C>) -> Value {
    let participants: serde_json::Map<String, Value> = draws
        .iter()
        .map(|(id, d)| {
            let scalar_hex = |s: &Scalar<C>| hex_of(&crate::ciphersuite::scalar_bytes::<C>(s));
            let round2: serde_json::Map<String, Value> = run.round2[id]
                .iter()
                .map(|(to, p)| (id_key(to), hex_of(&p.serialize())))
                .collect();
            let value = json!({
                "coefficients": d.coefficients.iter().map(scalar_hex).collect::<Vec<_>>(),
                "proof_nonce": scalar_hex(&d.proof_nonce),
                "round1_package": hex_of(&run.round1[id].serialize()),
                "round2_packages": round2,
                "key_package": hex_of(&run.key_packages[id].serialize()),
            });
            (id_key(id), value)
        })
        .collect();
    json!({
        "max_signers": n,
        "min_signers": t,
        "participants": participants,
        "public_key_package": hex_of(&run.public_key_package.serialize()),
    })
}

/// The three error cases, all on the 3-of-5 run, all received by participant 1.
fn error_cases<C: Ciphersuite>(n: u16, t: u16, draws: &BTreeMap<Identifier<C>, Draw<C>>, run: &Run<C>) -> Vec<Value> {
    let id = |i: u16| Identifier::<C>::try_from(i).expect("non-zero");
    let me = id(1);
    let map_json = |m: &BTreeMap<Identifier<C>, Vec<u8>>| -> Value {
        Value::Object(m.iter().map(|(k, v)| (id_key(k), hex_of(v))).collect())
    };
    let round1_bytes: BTreeMap<_, _> = others(&run.round1, me)
        .iter()
        .map(|(k, p)| (*k, p.serialize()))
        .collect();
    let round2_bytes: BTreeMap<_, _> = run
        .round2
        .iter()
        .filter_map(|(from, out)| out.get(&me).map(|p| (*from, p.serialize().to_vec())))
        .collect();

    // Participant 2's proof with z + 1.
    let mut bad_proof = round1_bytes.clone();
    let p2 = &run.round1[&id(2)];
    let proof = Signature::new(p2.proof_of_knowledge.R, p2.proof_of_knowledge.z + C::Group::one());
    bad_proof.insert(id(2), round1::Package::new(p2.commitment.clone(), proof).serialize());

    // Participant 4's share for participant 1, plus one.
    let mut bad_share = round2_bytes.clone();
    let s4 = run.round2[&id(4)][&me].signing_share.to_scalar();
    bad_share.insert(
        id(4),
        round2::Package::<C>::new(SigningShare::from_scalar(s4 + C::Group::one()))
            .serialize()
            .to_vec(),
    );

    // Participant 3 commits to a polynomial of degree t (one too many).
    let mut long = round1_bytes.clone();
    let d3 = &draws[&id(3)];
    let mut coefficients = d3.coefficients.clone();
    coefficients.push(d3.proof_nonce * d3.proof_nonce);
    let (_, p3) = dkg::part1_with_randomness(id(3), n, coefficients, d3.proof_nonce).expect("part1");
    long.insert(id(3), p3.serialize());

    let receiver = id_key(&me);
    alloc::vec![
        json!({
            "name": "bad proof of knowledge from 2",
            "receiver": receiver, "step": "part2", "round1_packages": map_json(&bad_proof),
            "error": "InvalidProofOfKnowledge", "culprits": [id_key(&id(2))],
        }),
        json!({
            "name": "bad share from 4",
            "receiver": receiver, "step": "part3", "round1_packages": map_json(&round1_bytes),
            "round2_packages": map_json(&bad_share),
            "error": "InvalidSecretShare", "culprits": [id_key(&id(4))],
        }),
        json!({
            "name": format!("commitment of length {} from 3", t + 1),
            "receiver": receiver, "step": "part2", "round1_packages": map_json(&long),
            "error": "IncorrectCommitmentLength", "culprits": [id_key(&id(3))],
        }),
    ]
}

/// The whole vector file of one suite, as pretty JSON with a final newline.
pub fn generate<C: Ciphersuite>() -> String {
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    for (n, t) in [(3u16, 2u16), (5, 3)] {
        let draws = draws::<C>(n, t);
        let run = run(n, &draws);
        cases.push(case_json(n, t, &draws, &run));
        if n == 5 {
            errors = error_cases(n, t, &draws, &run);
        }
    }
    let value = json!({ "suite": C::ID, "rng": RNG_STATEMENT, "cases": cases, "errors": errors });
    let mut text = serde_json::to_string_pretty(&value).expect("json");
    text.push('\n');
    text
}

fn decode_map_json<C: Ciphersuite, T>(
    v: &Value,
    decode: impl Fn(&[u8]) -> Result<T, Error<C>>,
) -> BTreeMap<Identifier<C>, T> {
    let bytes: BTreeMap<Identifier<C>, Vec<u8>> = v
        .as_object()
        .expect("map")
        .iter()
        .map(|(k, v)| (id_of::<C>(k), unhex(v)))
        .collect();
    crate::decode_map(&bytes, decode).expect("vector packages decode")
}

/// Replays every case and error case of a vector file.
pub fn check<C: Ciphersuite>(json: &str) {
    let v: Value = serde_json::from_str(json).expect("vector JSON");
    assert_eq!(v["suite"].as_str(), Some(C::ID), "vector file for another suite");
    let mut draws_by_case = Vec::new();
    for case in v["cases"].as_array().expect("cases") {
        let n = u16::try_from(case["max_signers"].as_u64().expect("n")).expect("u16");
        let participants = case["participants"].as_object().expect("participants");
        let draws: BTreeMap<_, _> = participants
            .iter()
            .map(|(k, p)| {
                let coefficients = p["coefficients"]
                    .as_array()
                    .expect("coefficients")
                    .iter()
                    .map(scalar::<C>)
                    .collect();
                (
                    id_of::<C>(k),
                    Draw {
                        coefficients,
                        proof_nonce: scalar::<C>(&p["proof_nonce"]),
                    },
                )
            })
            .collect();
        let run = run(n, &draws);
        for (k, p) in participants {
            let id = id_of::<C>(k);
            assert_eq!(
                run.round1[&id].serialize(),
                unhex(&p["round1_package"]),
                "round-1 package of {k}"
            );
            for (to, bytes) in p["round2_packages"].as_object().expect("round 2") {
                assert_eq!(
                    *run.round2[&id][&id_of::<C>(to)].serialize(),
                    unhex(bytes),
                    "share from {k} to {to}"
                );
            }
            assert_eq!(
                *run.key_packages[&id].serialize(),
                unhex(&p["key_package"]),
                "key package of {k}"
            );
        }
        assert_eq!(run.public_key_package.serialize(), unhex(&case["public_key_package"]));
        draws_by_case.push((n, draws));
    }

    let (n, draws) = draws_by_case.iter().find(|(n, _)| *n == 5).expect("3-of-5 case");
    for e in v["errors"].as_array().expect("errors") {
        let me = id_of::<C>(e["receiver"].as_str().expect("receiver"));
        let d = &draws[&me];
        let (secret, _) = dkg::part1_with_randomness(me, *n, d.coefficients.clone(), d.proof_nonce).expect("part1");
        let r1 = decode_map_json(&e["round1_packages"], round1::Package::<C>::deserialize);
        let err = match e["step"].as_str() {
            Some("part2") => dkg::part2(secret, &r1).map(|_| ()).expect_err("the vector's error"),
            Some("part3") => {
                // part2 on honest packages; part3 on the corrupted ones.
                let (s2, _) = dkg::part2(secret, &r1).expect("part2");
                let r2 = decode_map_json(&e["round2_packages"], round2::Package::<C>::deserialize);
                dkg::part3(&s2, &r1, &r2).map(|_| ()).expect_err("the vector's error")
            }
            other => panic!("unknown step {other:?}"),
        };
        let name = e["name"].as_str().unwrap_or_default();
        assert_eq!(error_kind(&err), e["error"].as_str().expect("error"), "{name}");
        let culprits: Vec<String> = err.culprits().iter().map(id_key).collect();
        let expected: Vec<String> = e["culprits"]
            .as_array()
            .expect("culprits")
            .iter()
            .map(|c| c.as_str().expect("hex").to_string())
            .collect();
        assert_eq!(culprits, expected, "{name}");
    }
}

/// Replays a frost-* 3.0 `vectors_dkg.json`: each participant's polynomial
/// (`signing_key`, `coefficient`) must give its commitments and shares, its
/// published proof must pass our part2, and part3 must give its signing and
/// verifying shares and the group key. `expected_name` is the suite's RFC
/// name; the file's own label is checked against it first.
pub fn check_frost3_dkg_vector<C: Ciphersuite>(json: &str, expected_name: &str) {
    check_frost3_dkg_vector_with::<C>(json, expected_name, |kp, pkp| (kp, pkp));
}

/// [`check_frost3_dkg_vector`] for a suite whose frost-* 3.0 crate changes
/// the DKG's output keys afterwards (frost-secp256k1-tr applies the BIP341
/// key-path tweak): `post_dkg` maps our part3 output to what the file holds.
pub fn check_frost3_dkg_vector_with<C: Ciphersuite>(
    json: &str,
    expected_name: &str,
    post_dkg: impl Fn(KeyPackage<C>, PublicKeyPackage<C>) -> (KeyPackage<C>, PublicKeyPackage<C>),
) {
    let v: Value = serde_json::from_str(json).expect("vector JSON");
    assert_eq!(
        v["config"]["name"].as_str(),
        Some(expected_name),
        "the file's suite label"
    );
    let n = u16::try_from(v["config"]["MAX_PARTICIPANTS"].as_u64().expect("n")).expect("u16");
    let inputs = &v["inputs"];
    let mut secrets = BTreeMap::new();
    let mut round1 = BTreeMap::new();
    for i in 1..=n {
        let p = &inputs[i.to_string()];
        let id = Identifier::<C>::try_from(i).expect("non-zero");
        let coefficients = alloc::vec![scalar::<C>(&p["signing_key"]), scalar::<C>(&p["coefficient"])];
        // Our own proof nonce; the package we send carries their proof.
        let (secret, ours) = dkg::part1_with_randomness(id, n, coefficients, C::Group::one()).expect("part1");
        let commitments: Vec<Vec<u8>> = p["vss_commitments"]
            .as_array()
            .expect("commitments")
            .iter()
            .map(unhex)
            .collect();
        let our_commitments: Vec<Vec<u8>> = ours.commitment().coefficients().iter().map(|c| c.serialize()).collect();
        assert_eq!(our_commitments, commitments, "commitments of {i}");
        let proof = Signature::deserialize(&unhex(&p["proof_of_knowledge"])).expect("proof");
        round1.insert(id, round1::Package::new(ours.commitment().clone(), proof));
        secrets.insert(id, secret);
    }
    let mut secrets2 = BTreeMap::new();
    let mut round2 = BTreeMap::new();
    for (id, s) in secrets {
        let (s2, out) = dkg::part2(s, &others(&round1, id)).expect("their proofs verify in our part2");
        // Each participant's entry lists the shares it *received*, by sender.
        for (to, package) in &out {
            let expected = unhex(&inputs[hex_free_number(to)]["signing_shares"][hex_free_number(&id)]);
            assert_eq!(
                *package.signing_share().serialize(),
                expected,
                "share from {id:?} to {to:?}"
            );
        }
        secrets2.insert(id, s2);
        round2.insert(id, out);
    }
    for (id, s2) in &secrets2 {
        let received: BTreeMap<_, _> = round2
            .iter()
            .filter_map(|(from, out)| out.get(id).map(|p| (*from, p.clone())))
            .collect();
        let (kp, pkp) = dkg::part3(s2, &others(&round1, *id), &received).expect("part3");
        let (kp, pkp) = post_dkg(kp, pkp);
        let p = &inputs[hex_free_number(id)];
        assert_eq!(
            *kp.signing_share().serialize(),
            unhex(&p["signing_share"]),
            "signing share of {id:?}"
        );
        assert_eq!(
            kp.verifying_share().serialize(),
            unhex(&p["verifying_share"]),
            "verifying share of {id:?}"
        );
        assert_eq!(
            pkp.verifying_key().serialize(),
            unhex(&inputs["verifying_key"]),
            "group key"
        );
    }
}

/// The decimal number of a small identifier, as the frost-* 3.0 files key them.
fn hex_free_number<C: Ciphersuite>(id: &Identifier<C>) -> String {
    let text = format!("{id:?}");
    text.trim_start_matches("Identifier(").trim_end_matches(')').to_string()
}
