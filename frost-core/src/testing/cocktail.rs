//! COCKTAIL-DKG tests: the C2SP vectors (`vectors/cocktail-dkg/`), each case
//! regenerated from its seed field for field, recovery from the published
//! ciphertexts, whole sessions at several sizes, the conversion into FROST
//! packages, and our error vectors (`vectors/cocktail-dkg/errors/`). Run for
//! each suite with [`crate::cocktail_tests!`].

use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::convert::Infallible;
use std::path::Path;

use serde_json::{Value, json};

use crate::keys::cocktail::*;
use crate::{Error, Group, Scalar};

fn unhex(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().expect("hex string")).expect("valid hex")
}

/// The vectors' seed: SHA-256 of the three authors' names.
pub const SEED: &str = "b171b6992cc6db1f40b18dd8b1361d642f013e4b1208a735259a516af60dcb68";

/// The vectors' labelled-hash prefix `seed || id || le32(t) || le32(n)`.
fn label_prefix<C: CocktailCiphersuite>(seed: &[u8], t: u32, n: u32) -> Vec<u8> {
    let mut p = seed.to_vec();
    p.extend_from_slice(C::COCKTAIL_ID.as_bytes());
    p.extend_from_slice(&t.to_le_bytes());
    p.extend_from_slice(&n.to_le_bytes());
    p
}

/// The vectors' round-1 randomness: blocks `H(prefix || label || le64(k))`
/// for `k = 0, 1, ...`, concatenated.
pub struct CounterRng<C: CocktailCiphersuite> {
    prefix: Vec<u8>,
    counter: u64,
    block: Vec<u8>,
    used: usize,
    _suite: core::marker::PhantomData<C>,
}

impl<C: CocktailCiphersuite> CounterRng<C> {
    /// The stream of participant `i` (1-based) of a `t`-of-`n` session.
    pub fn new(seed: &[u8], t: u32, n: u32, i: usize) -> Self {
        let mut prefix = label_prefix::<C>(seed, t, n);
        prefix.extend_from_slice(format!("round1_participant_{i}").as_bytes());
        Self {
            prefix,
            counter: 0,
            block: Vec::new(),
            used: 0,
            _suite: core::marker::PhantomData,
        }
    }
}

impl<C: CocktailCiphersuite> rand_core::TryRng for CounterRng<C> {
    type Error = Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        let mut b = [0u8; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        let mut b = [0u8; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        for byte in dst.iter_mut() {
            if self.used == self.block.len() {
                self.block = C::hash(&[&self.prefix, &self.counter.to_le_bytes()]);
                self.counter += 1;
                self.used = 0;
            }
            *byte = self.block[self.used];
            self.used += 1;
        }
        Ok(())
    }
}

// Deterministic, for vectors only; never for real sessions.
impl<C: CocktailCiphersuite> rand_core::TryCryptoRng for CounterRng<C> {}

/// The vectors' static secret key of participant `i` (1-based).
pub fn static_key<C: CocktailCiphersuite>(seed: &[u8], t: u32, n: u32, i: usize) -> HostSecretKey<C> {
    let prefix = label_prefix::<C>(seed, t, n);
    let label = format!("static_secret_key_{i}");
    let scalar = C::derive_scalar(&[&prefix, label.as_bytes()]);
    hostseckey_from_bytes::<C>(&C::cocktail_scalar_bytes(&scalar)).expect("non-zero")
}

/// The vectors' payload of participant `i` (1-based).
pub fn payload<C: CocktailCiphersuite>(seed: &[u8], t: u32, n: u32, i: usize) -> Vec<u8> {
    let prefix = label_prefix::<C>(seed, t, n);
    C::hash(&[&prefix, format!("payload_{i}").as_bytes()])
}

#[allow(clippy::type_complexity)]
/// Splits a `msg1` into its commitment, proof, ephemeral key and raw
/// ciphertexts.
fn split_msg1<C: CocktailCiphersuite>(
    msg: &[u8],
    t: usize,
    n: usize,
) -> (Vec<Vec<u8>>, Vec<u8>, Vec<u8>, Vec<Vec<u8>>) {
    let el = C::Group::ELEMENT_LEN;
    let sig = el + C::COCKTAIL_SCALAR_LEN;
    let com = msg[..t * el].chunks(el).map(<[u8]>::to_vec).collect();
    let pop = msg[t * el..t * el + sig].to_vec();
    let e = msg[t * el + sig..t * el + sig + el].to_vec();
    let mut rest = &msg[t * el + sig + el..];
    let mut cts = Vec::new();
    for _ in 0..n {
        let len = u64::from_be_bytes(rest[..8].try_into().expect("8 bytes")) as usize;
        cts.push(rest[8..8 + len].to_vec());
        rest = &rest[8 + len..];
    }
    assert!(rest.is_empty());
    (com, pop, e, cts)
}

/// Frames raw ciphertexts into a bundle.
pub fn frame(cts: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for c in cts {
        out.extend_from_slice(&(c.len() as u64).to_be_bytes());
        out.extend_from_slice(c);
    }
    out
}

/// Everything an honest session produced, for tests to take apart.
pub struct Session<C: CocktailCiphersuite> {
    /// The static keys.
    pub keys: Vec<HostSecretKey<C>>,
    /// The session.
    pub session: SessionContext<C>,
    /// The payloads (empty for none).
    pub payloads: Vec<Vec<u8>>,
    /// The extension.
    pub extension: Vec<u8>,
    /// Every `msg1`.
    pub msgs1: Vec<Vec<u8>>,
    /// Every `msg2`.
    pub msgs2: Vec<Vec<u8>>,
    /// Every transcript signature.
    pub sigs: Vec<Vec<u8>>,
    /// The certificate.
    pub certificate: Vec<u8>,
    /// Every participant's output, recovery data and bundle.
    pub outputs: Vec<(DkgOutput<C>, RecoveryData, EncryptedShareBundle)>,
    /// The received payloads of every participant.
    pub received: Vec<Vec<Vec<u8>>>,
    /// The transcript.
    pub transcript: Vec<u8>,
    /// The coordinator's output.
    pub coordinator: DkgOutput<C>,
}

/// Runs one honest session with the vectors' derivations.
pub fn vector_session<C: CocktailCiphersuite>(seed: &[u8], t: u32, n: u32, with_payloads: bool) -> Session<C> {
    let nu = n as usize;
    let keys: Vec<HostSecretKey<C>> = (1..=nu).map(|i| static_key::<C>(seed, t, n, i)).collect();
    let pubkeys: Vec<Vec<u8>> = keys.iter().map(|k| k.public_key().to_bytes()).collect();
    let params = SessionParams::new(&pubkeys, t).expect("valid");
    let tag = format!("COCKTAIL-DKG-TEST-VECTOR-{t}-OF-{n}");
    let session = SessionContext::new(params, tag.as_bytes());
    let payloads: Vec<Vec<u8>> = if with_payloads {
        (1..=nu).map(|i| payload::<C>(seed, t, n, i)).collect()
    } else {
        Vec::new()
    };
    let mut states = Vec::new();
    let mut msgs1 = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let mut rng = CounterRng::<C>::new(seed, t, n, i + 1);
        let mine: Vec<&[u8]> = if with_payloads {
            vec![&payloads[i][..]; nu]
        } else {
            Vec::new()
        };
        let (state, msg1) = participant_step1(key, &session, &mine, &mut rng).expect("step 1");
        states.push(state);
        msgs1.push(msg1);
    }
    let (cstate, msgs2) = coordinator_step1(&msgs1, &session).expect("coordinator step 1");
    // The per-recipient function builds the same messages one at a time.
    let collected = coordinator_collect(&msgs1, &session).expect("coordinator collect");
    for (i, msg2) in msgs2.iter().enumerate() {
        assert_eq!(
            coordinator_projection(&collected, i).as_ref(),
            Some(msg2),
            "projection {i}"
        );
    }
    assert_eq!(coordinator_projection(&collected, nu), None);
    let extension = if with_payloads {
        payload_extension::<C, _>(&payloads)
    } else {
        Vec::new()
    };
    let ext = if with_payloads {
        Extension::PayloadCommitment
    } else {
        Extension::Bytes(b"")
    };
    let mut states2 = Vec::new();
    let mut sigs = Vec::new();
    let mut received = Vec::new();
    let mut bundles = Vec::new();
    for ((key, state), msg2) in keys.iter().zip(states).zip(&msgs2) {
        let (state2, sig) = participant_step2(key, state, msg2, ext).expect("step 2");
        received.push(state2.received_payloads().iter().map(|p| p.to_vec()).collect());
        bundles.push(state2.encrypted_share_bundle());
        states2.push(state2);
        sigs.push(sig);
    }
    let transcript = states2[0].transcript().to_vec();
    let (certificate, coordinator, _) = coordinator_finalize(cstate, &extension, &sigs).expect("finalize");
    let outputs: Vec<_> = states2
        .into_iter()
        .map(|s| {
            participant_finalize(s, &certificate)
                .map_err(|(_, e)| e)
                .expect("finalize")
        })
        .collect();
    // The bundle known after step 2 is the one finalization hands over.
    for (i, (out, bundle)) in outputs.iter().zip(&bundles).enumerate() {
        assert_eq!(&out.2, bundle, "participant {}'s bundle", i + 1);
    }
    Session {
        keys,
        session,
        payloads,
        extension,
        msgs1,
        msgs2,
        sigs,
        certificate,
        outputs,
        received,
        transcript,
        coordinator,
    }
}

fn h(bytes: &[u8]) -> Value {
    Value::String(hex::encode(bytes))
}

/// One honest session as a case in the official schema (lower-case hex),
/// with a `recovery` block for participant 1 if `recovery`.
pub fn session_case<C: CocktailCiphersuite>(seed: &[u8], t: u32, n: u32, with_payloads: bool, recovery: bool) -> Value {
    let s = vector_session::<C>(seed, t, n, with_payloads);
    let (tu, nu) = (t as usize, n as usize);
    let mut case = serde_json::Map::new();
    case.insert("n".into(), json!(n));
    case.insert("t".into(), json!(t));
    case.insert(
        "session_tag".into(),
        h(format!("COCKTAIL-DKG-TEST-VECTOR-{t}-OF-{n}").as_bytes()),
    );
    case.insert("context".into(), h(s.session.context()));
    case.insert("extension".into(), h(&s.extension));
    case.insert(
        "config".into(),
        json!({
            "static_secret_keys": s.keys.iter().map(|k| h(&hostseckey_to_bytes(k))).collect::<Vec<_>>(),
            "static_public_keys": s.keys.iter().map(|k| h(&k.public_key().to_bytes())).collect::<Vec<_>>(),
        }),
    );
    if with_payloads {
        case.insert(
            "payloads".into(),
            Value::Array(s.payloads.iter().map(|p| h(p)).collect()),
        );
    }
    let mut round1 = Vec::new();
    for (i, msg) in s.msgs1.iter().enumerate() {
        let (com, pop, e, cts) = split_msg1::<C>(msg, tu, nu);
        // The proof's secret: the stream's first draw.
        let mut rng = CounterRng::<C>::new(seed, t, n, i + 1);
        let a0: Scalar<C> = random_nonzero_scalar::<C, _>(&mut rng);
        let mut message = s.session.context().to_vec();
        message.extend_from_slice(&com.concat());
        message.extend_from_slice(&e);
        let trace = schnorr_trace::<C>(&a0, &message);
        assert_eq!(trace.signature, pop);
        round1.push(json!({
            "participant_id": i + 1,
            "ephemeral_public_key": h(&e),
            "vss_commitment": com.iter().map(|c| h(c)).collect::<Vec<_>>(),
            "pop": h(&pop),
            "pop_intermediate": {
                "message": h(&message),
                "nonce_input": h(&trace.nonce_input),
                "nonce": h(&trace.nonce),
                "nonce_commitment": h(&trace.nonce_commitment),
                "challenge_input": h(&trace.challenge_input),
                "challenge": h(&trace.challenge),
            },
            "encrypted_shares": cts.iter().map(|c| h(c)).collect::<Vec<_>>(),
        }));
    }
    case.insert("round1".into(), Value::Array(round1));
    let round2: Vec<Value> = s
        .outputs
        .iter()
        .enumerate()
        .map(|(i, (out, _, _))| {
            let (_, share) = out.secret_share().expect("participant");
            json!({
                "participant_id": i + 1,
                "secret_share": h(&C::cocktail_scalar_bytes(&share.to_scalar())),
                "verification_share": h(&out.public_shares()[i].serialize()),
            })
        })
        .collect();
    case.insert("round2".into(), Value::Array(round2));
    case.insert(
        "round3".into(),
        json!({
            "transcript_hash": h(&C::hash(&[&s.transcript])),
            "signatures": s.sigs.iter().enumerate().map(|(i, sig)| json!({"signer_id": i + 1, "signature": h(sig)})).collect::<Vec<_>>(),
        }),
    );
    case.insert(
        "group_public_key".into(),
        h(&s.coordinator.threshold_public_key().serialize()),
    );
    if recovery {
        let cts: Vec<Vec<u8>> = s
            .msgs1
            .iter()
            .map(|m| split_msg1::<C>(m, tu, nu).3[0].clone())
            .collect();
        let (recovered, _) = participant_recover(
            &s.keys[0],
            &s.outputs[0].1,
            &EncryptedShareBundle::from_bytes(&frame(&cts)),
        )
        .expect("recovery");
        let (_, share) = recovered.secret_share().expect("participant");
        case.insert(
            "recovery".into(),
            json!({
                "participant_id": 1,
                "ciphertexts": cts.iter().map(|c| h(c)).collect::<Vec<_>>(),
                "recovered_secret_share": h(&C::cocktail_scalar_bytes(&share.to_scalar())),
                "recovered_verification_share": h(&recovered.public_shares()[0].serialize()),
            }),
        );
    }
    Value::Object(case)
}

/// The official file of suite `C` in `dir`.
fn vector_file<C: CocktailCiphersuite>(dir: &Path) -> (String, Value) {
    let name = match C::COCKTAIL_ID {
        "COCKTAIL(Ed25519, SHA-512)" => "cocktail-dkg-ed25519-sha512.json",
        "COCKTAIL(Ristretto255, SHA-512)" => "cocktail-dkg-ristretto255-sha512.json",
        "COCKTAIL(Ed448, SHAKE256)" => "cocktail-dkg-ed448-shake256.json",
        "COCKTAIL(P-256, SHA-256)" => "cocktail-dkg-p256-sha256.json",
        "COCKTAIL(secp256k1, SHA-256)" => "cocktail-dkg-secp256k1-sha256.json",
        other => panic!("no vectors for {other}"),
    };
    let text = std::fs::read_to_string(dir.join(name)).expect("vector file");
    (name.into(), serde_json::from_str(&text).expect("JSON"))
}

/// Checks every case of the suite's official file: regenerated from the
/// seed it must equal the published case field for field; the published
/// ciphertexts must recover the published share; the published signatures
/// must verify as a certificate of our transcript. Returns the case count.
pub fn check_vectors<C: CocktailCiphersuite>(dir: &Path) -> usize {
    let (name, file) = vector_file::<C>(dir);
    assert_eq!(file["ciphersuite"], C::COCKTAIL_ID, "{name}");
    let seed = unhex(&file["seed"]);
    assert_eq!(hex::encode(&seed), SEED);
    let cases = file["vectors"].as_array().expect("vectors");
    for (k, case) in cases.iter().enumerate() {
        let t = case["t"].as_u64().expect("t") as u32;
        let n = case["n"].as_u64().expect("n") as u32;
        let with_payloads = case.get("payloads").is_some();
        let recovery = case.get("recovery").is_some();
        let ours = session_case::<C>(&seed, t, n, with_payloads, recovery);
        if ours != *case {
            let (a, b) = (ours.as_object().expect("object"), case.as_object().expect("object"));
            for key in b.keys() {
                assert_eq!(a.get(key), b.get(key), "{name} case {k}: field {key}");
            }
            assert_eq!(ours, *case, "{name} case {k}: extra fields");
        }

        // The published bytes through our decoders: the certificate of the
        // published signatures over our transcript, and recovery from the
        // published ciphertexts.
        let s = vector_session::<C>(&seed, t, n, with_payloads);
        let sigs: Vec<u8> = case["round3"]["signatures"]
            .as_array()
            .expect("signatures")
            .iter()
            .flat_map(|s| unhex(&s["signature"]))
            .collect();
        assert_eq!(sigs, s.certificate, "{name} case {k}: certificate");
        let mut data = s.transcript.clone();
        data.extend_from_slice(&sigs);
        assert_eq!(data, s.outputs[0].1.to_bytes());
        if recovery {
            let cts: Vec<Vec<u8>> = case["recovery"]["ciphertexts"]
                .as_array()
                .expect("ciphertexts")
                .iter()
                .map(unhex)
                .collect();
            let bundle = EncryptedShareBundle::from_bytes(&frame(&cts));
            assert_eq!(bundle, s.outputs[0].2, "{name} case {k}: bundle");
            let d1 = hostseckey_from_bytes::<C>(&unhex(&case["config"]["static_secret_keys"][0])).expect("key");
            let (out, _) = participant_recover(&d1, &RecoveryData::from_bytes(&data), &bundle).expect("recovery");
            let (_, share) = out.secret_share().expect("participant");
            assert_eq!(
                hex::encode(C::cocktail_scalar_bytes(&share.to_scalar())),
                case["recovery"]["recovered_secret_share"],
            );
        }
        if with_payloads {
            for got in &s.received {
                assert_eq!(got, &s.payloads, "{name} case {k}: received payloads");
            }
        }
    }
    cases.len()
}

/// A session with fresh randomness, its output checked from every side
/// (participants, coordinator, recovery), and, for `t >= 2`, a FROST
/// signature with the packages over `message`, verified; returns it with the
/// group key (`None` for `t < 2`).
pub fn check_session<C: CocktailCiphersuite>(
    t: u32,
    n: u32,
    message: &[u8],
) -> Option<(crate::VerifyingKey<C>, crate::Signature<C>)> {
    // Another seed than the vectors', reproducible.
    let seed: [u8; 32] = rand::RngExt::random(&mut crate::testing::rng(u64::from(t) << 32 | u64::from(n)));
    let s = vector_session::<C>(&seed, t, n, false);
    let key = s.coordinator.threshold_public_key();
    for (i, (out, data, bundle)) in s.outputs.iter().enumerate() {
        assert_eq!(out.threshold_public_key(), key);
        assert_eq!(out.public_shares(), s.coordinator.public_shares());
        let (rec, session) = participant_recover(&s.keys[i], data, bundle).expect("recover");
        assert_eq!(&rec, out);
        assert_eq!(session, s.session);
        let (crec, _) = coordinator_recover(data).expect("recover");
        assert_eq!(crec, s.coordinator);
    }
    let packages: Result<Vec<_>, _> = s.outputs.iter().map(|(o, _, _)| o.key_package()).collect();
    if t < 2 {
        assert_eq!(packages.err(), Some(Error::InvalidMinSigners));
        assert_eq!(s.coordinator.public_key_package().err(), Some(Error::InvalidMinSigners));
        return None;
    }
    let packages: alloc::collections::BTreeMap<_, _> = packages
        .expect("packages")
        .into_iter()
        .map(|p| {
            let p = p.expect("participant");
            (*p.identifier(), p)
        })
        .collect();
    let pubkey_package = s.coordinator.public_key_package().expect("package");
    // The last t participants, so that the first is not always among them.
    let signers: Vec<_> = packages.keys().rev().take(t as usize).copied().collect();
    let signature = crate::testing::sign(&packages, &pubkey_package, &signers, message, 7).expect("signature");
    pubkey_package
        .verifying_key()
        .verify(message, &signature)
        .expect("verifies");
    Some((*pubkey_package.verifying_key(), signature))
}

/// A `t`-of-`n` session (`t >= 2`) converted into FROST packages: every key
/// package and the public key package.
#[allow(clippy::type_complexity)]
pub fn session_packages<C: CocktailCiphersuite>(
    t: u32,
    n: u32,
) -> (
    alloc::collections::BTreeMap<crate::Identifier<C>, crate::keys::KeyPackage<C>>,
    crate::keys::PublicKeyPackage<C>,
) {
    let seed: [u8; 32] = rand::RngExt::random(&mut crate::testing::rng(u64::from(t) << 32 | u64::from(n) | 1 << 63));
    let s = vector_session::<C>(&seed, t, n, false);
    let packages = s
        .outputs
        .iter()
        .map(|(o, _, _)| {
            let p = o.key_package().expect("t >= 2").expect("participant");
            (*p.identifier(), p)
        })
        .collect();
    (packages, s.coordinator.public_key_package().expect("t >= 2"))
}

/// Whether OpenSSL's command line accepts `signature` on `message` under the
/// public key whose DER SubjectPublicKeyInfo is `spki_prefix || key`
/// (`openssl pkeyutl -verify -rawin`); `None` when there is no `openssl`.
pub fn openssl_verifies(spki_prefix: &[u8], key: &[u8], message: &[u8], signature: &[u8]) -> Option<bool> {
    let dir = std::env::temp_dir().join(format!(
        "frost-cocktail-openssl-{}-{}",
        std::process::id(),
        hex::encode(&signature[..8])
    ));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let (key_file, message_file, signature_file) = (dir.join("key.der"), dir.join("message"), dir.join("signature"));
    std::fs::write(&key_file, [spki_prefix, key].concat()).expect("write the key");
    std::fs::write(&message_file, message).expect("write the message");
    std::fs::write(&signature_file, signature).expect("write the signature");
    let output = std::process::Command::new("openssl")
        .args(["pkeyutl", "-verify", "-pubin", "-keyform", "DER", "-rawin", "-inkey"])
        .arg(&key_file)
        .arg("-in")
        .arg(&message_file)
        .arg("-sigfile")
        .arg(&signature_file)
        .output();
    std::fs::remove_dir_all(&dir).ok();
    match output {
        Ok(output) => Some(output.status.success()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => panic!("running openssl: {e}"),
    }
}

/// Runs the COCKTAIL-DKG tests for a suite: `frost_core::cocktail_tests!(Suite);`.
#[macro_export]
macro_rules! cocktail_tests {
    ($suite:ty) => {
        mod cocktail {
            use super::*;

            #[test]
            fn official_vectors() {
                let dir = ::std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../vectors/cocktail-dkg");
                assert_eq!($crate::testing::cocktail::check_vectors::<$suite>(&dir), 4);
            }

            #[test]
            fn error_vectors() {
                let dir = ::std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../vectors/cocktail-dkg/errors");
                assert!($crate::testing::cocktail::check_error_vectors::<$suite>(&dir) >= 40);
            }

            #[test]
            fn sessions() {
                for (t, n) in [(1, 1), (1, 2), (2, 2), (2, 3), (3, 5)] {
                    $crate::testing::cocktail::check_session::<$suite>(t, n, b"message");
                }
            }
        }
    };
}

// ---------------------------------------------------------------------------
// Error vectors
// ---------------------------------------------------------------------------

/// The file stem of the suite's vectors (`ed25519`, ..., `secp256k1`).
pub fn suite_stem<C: CocktailCiphersuite>() -> &'static str {
    match C::COCKTAIL_ID {
        "COCKTAIL(Ed25519, SHA-512)" => "ed25519",
        "COCKTAIL(Ristretto255, SHA-512)" => "ristretto255",
        "COCKTAIL(Ed448, SHAKE256)" => "ed448",
        "COCKTAIL(P-256, SHA-256)" => "p256",
        "COCKTAIL(secp256k1, SHA-256)" => "secp256k1",
        other => panic!("no vectors for {other}"),
    }
}

/// The `expectedError` an error vector records: the variant's name and the
/// last participant [`Error::culprits`] names (the later of a duplicate
/// pair), 1-based.
pub fn error_label<C: crate::Ciphersuite>(e: &Error<C>) -> (&'static str, Option<u16>) {
    let name = match e {
        Error::FaultyParticipant { .. } => "FaultyParticipant",
        Error::FaultyParticipantOrCoordinator { .. } => "FaultyParticipantOrCoordinator",
        Error::FaultyCoordinator => "FaultyCoordinator",
        Error::UnknownFault => "UnknownFault",
        Error::InvalidThresholdOrCount => "InvalidThresholdOrCount",
        Error::InvalidHostPublicKey { .. } => "InvalidHostPublicKey",
        Error::DuplicateHostPublicKey { .. } => "DuplicateHostPublicKey",
        Error::HostKeyNotInSession => "HostKeyNotInSession",
        Error::InvalidRecoveryData => "InvalidRecoveryData",
        Error::IncorrectNumberOfMessages { .. } => "IncorrectNumberOfMessages",
        Error::Decode { .. } => "Decode",
        _ => "Other",
    };
    (name, e.culprits().last().and_then(|id| id.as_u16()))
}

fn hexes(list: &[Vec<u8>]) -> Value {
    Value::Array(list.iter().map(|b| h(b)).collect())
}

fn unhexes(v: &Value) -> Vec<Vec<u8>> {
    v.as_array().expect("list").iter().map(unhex).collect()
}

/// Runs the step an error vector names on its inputs and returns the error
/// (panics if the step succeeds). The honest states before the step are
/// rebuilt from `seed`, `t` and `n` as in the official vectors.
pub fn run_error_case<C: CocktailCiphersuite>(seed: &[u8], case: &Value) -> Error<C> {
    let step = case["step"].as_str().expect("step");
    let t = case["t"].as_u64().expect("t") as u32;
    let n = case["n"].as_u64().expect("n") as u32;
    if step == "session_params" {
        let keys = unhexes(&case["config"]["static_public_keys"]);
        return SessionParams::<C>::new(&keys, t).expect_err("must fail");
    }
    let s = vector_session::<C>(seed, t, n, false);
    let i = case["participant_id"].as_u64().unwrap_or(1) as usize - 1;
    let extension = unhex(&case["extension"]);
    let state1 = || {
        let mut rng = CounterRng::<C>::new(seed, t, n, i + 1);
        participant_step1(&s.keys[i], &s.session, &[] as &[&[u8]], &mut rng)
            .expect("step 1")
            .0
    };
    match step {
        "coordinator_step1" => coordinator_step1(&unhexes(&case["msgs1"]), &s.session).expect_err("must fail"),
        "participant_step2" => {
            participant_step2(
                &s.keys[i],
                state1(),
                &unhex(&case["msg2"]),
                Extension::Bytes(&extension),
            )
            .expect_err("must fail")
            .error
        }
        "coordinator_finalize" => {
            let (cstate, _) = coordinator_step1(&s.msgs1, &s.session).expect("coordinator step 1");
            coordinator_finalize(cstate, &extension, &unhexes(&case["signatures"])).expect_err("must fail")
        }
        "participant_finalize" => {
            let (state2, _) =
                participant_step2(&s.keys[i], state1(), &s.msgs2[i], Extension::Bytes(&extension)).expect("step 2");
            participant_finalize(state2, &unhex(&case["certificate"]))
                .expect_err("must fail")
                .1
        }
        "participant_recover" => {
            let other;
            let key = match case.get("recovering_secret_key") {
                Some(k) => {
                    other = hostseckey_from_bytes::<C>(&unhex(k)).expect("key");
                    &other
                }
                None => &s.keys[i],
            };
            participant_recover(
                key,
                &RecoveryData::from_bytes(&unhex(&case["recovery_data"])),
                &EncryptedShareBundle::from_bytes(&unhex(&case["bundle"])),
            )
            .expect_err("must fail")
        }
        other => panic!("unknown step {other}"),
    }
}

/// Our error vectors for suite `C`: the official 2-of-3 case (from the
/// official seed) with one input of one step changed, the step, its inputs
/// and `expectedError`. Every case is checked against the implementation
/// while generating. Returns the file's JSON text.
pub fn generate_error_vectors<C: CocktailCiphersuite>() -> String {
    let seed = hex::decode(SEED).expect("hex");
    let (t, n) = (2u32, 3u32);
    let (tu, nu) = (t as usize, n as usize);
    let s = vector_session::<C>(&seed, t, n, false);
    let mut base = session_case::<C>(&seed, t, n, false, true);
    // The official case carries the proofs' intermediate hashes; they add
    // nothing to an error case.
    for r in base["round1"].as_array_mut().expect("round1") {
        r.as_object_mut().expect("object").remove("pop_intermediate");
    }
    let el = C::Group::ELEMENT_LEN;
    let sl = C::COCKTAIL_SCALAR_LEN;
    let sig = el + sl;
    let ct = sl + 16;
    let frames = tu * el + sig + el;
    let block = frames + 8 + ct;
    let mut identity = vec![0u8; el];
    C::Group::serialize_element(&C::Group::identity(), &mut identity);
    let invalid = vec![0xffu8; el];
    let other_session = SessionContext::new(s.session.params().clone(), b"another session");
    let other_msg1 = {
        let mut rng = CounterRng::<C>::new(&seed, t, n, 2);
        participant_step1(&s.keys[1], &other_session, &[] as &[&[u8]], &mut rng)
            .expect("step 1")
            .1
    };
    // Participant 2's ephemeral secret: the stream's draw after t coefficients.
    let e2: Scalar<C> = {
        let mut rng = CounterRng::<C>::new(&seed, t, n, 2);
        for _ in 0..t {
            random_nonzero_scalar::<C, _>(&mut rng);
        }
        random_nonzero_scalar::<C, _>(&mut rng)
    };
    let p1 = s.keys[0].public_key();
    let seal = |context: &[u8], plaintext: &[u8]| encrypt_share::<C>(&s.keys[1], &e2, &p1, context, plaintext);
    let sig_other_extension = {
        let mut rng = CounterRng::<C>::new(&seed, t, n, 2);
        let (state1, _) = participant_step1(&s.keys[1], &s.session, &[] as &[&[u8]], &mut rng).expect("step 1");
        participant_step2(&s.keys[1], state1, &s.msgs2[1], Extension::Bytes(b"another extension"))
            .expect("step 2")
            .1
    };

    let mut cases: Vec<Value> = Vec::new();
    let mut add = |description: &str, step: &str, fields: Vec<(&str, Value)>, expected: (&'static str, Option<u16>)| {
        let mut case = base.as_object().expect("object").clone();
        case.insert("description".into(), Value::String(description.into()));
        case.insert("step".into(), Value::String(step.into()));
        for (k, v) in fields {
            case.insert(k.into(), v);
        }
        case.insert(
            "expectedError".into(),
            json!({"type": expected.0, "culprit": expected.1}),
        );
        let case = Value::Object(case);
        let got = run_error_case::<C>(&seed, &case);
        assert_eq!(error_label(&got), expected, "{} {description}: {got:?}", C::COCKTAIL_ID);
        cases.push(case);
    };

    // Setup.
    let mut keys: Vec<Vec<u8>> = s.keys.iter().map(|k| k.public_key().to_bytes()).collect();
    let with_key = |at: usize, key: &[u8]| {
        let mut k = keys.clone();
        k[at] = key.to_vec();
        json!({"static_secret_keys": base["config"]["static_secret_keys"], "static_public_keys": hexes(&k)})
    };
    let dup = with_key(2, &keys[0]);
    let ident = with_key(1, &identity);
    let inval = with_key(1, &invalid);
    let fp = |j: u16| ("FaultyParticipant", Some(j));
    let fpc = |j: u16| ("FaultyParticipantOrCoordinator", Some(j));
    add(
        "participant 3's static key repeats participant 1's",
        "session_params",
        vec![("config", dup)],
        ("DuplicateHostPublicKey", Some(3)),
    );
    add(
        "participant 2's static key is the identity",
        "session_params",
        vec![("config", ident)],
        ("InvalidHostPublicKey", Some(2)),
    );
    add(
        "participant 2's static key does not decode",
        "session_params",
        vec![("config", inval)],
        ("InvalidHostPublicKey", Some(2)),
    );
    add(
        "t = 0",
        "session_params",
        vec![("t", json!(0))],
        ("InvalidThresholdOrCount", None),
    );
    add(
        "t > n",
        "session_params",
        vec![("t", json!(4))],
        ("InvalidThresholdOrCount", None),
    );
    keys.clear();

    // Coordinator step 1: participant 2's msg1.
    let msgs1 = |f: &dyn Fn(&mut Vec<u8>)| {
        let mut m = s.msgs1.clone();
        f(&mut m[1]);
        vec![("msgs1", hexes(&m))]
    };
    let put_len = |m: &mut Vec<u8>, at: usize, len: u64| m[at..at + 8].copy_from_slice(&len.to_be_bytes());
    add(
        "msg1 truncated by one byte",
        "coordinator_step1",
        msgs1(&|m| {
            m.pop();
        }),
        fp(2),
    );
    add(
        "msg1 with a trailing byte",
        "coordinator_step1",
        msgs1(&|m| m.push(0)),
        fp(2),
    );
    add(
        "commitment with t + 1 points",
        "coordinator_step1",
        msgs1(&|m| {
            let extra = m[el..2 * el].to_vec();
            m.splice(tu * el..tu * el, extra);
        }),
        fp(2),
    );
    add(
        "commitment with t - 1 points",
        "coordinator_step1",
        msgs1(&|m| {
            m.drain(el..2 * el);
        }),
        fp(2),
    );
    add(
        "commitment point C_1 is the identity",
        "coordinator_step1",
        msgs1(&|m| m[el..2 * el].copy_from_slice(&identity)),
        fp(2),
    );
    add(
        "commitment point C_1 does not decode",
        "coordinator_step1",
        msgs1(&|m| m[el..2 * el].copy_from_slice(&invalid)),
        fp(2),
    );
    add(
        "ephemeral key is the identity",
        "coordinator_step1",
        msgs1(&|m| m[tu * el + sig..frames].copy_from_slice(&identity)),
        fp(2),
    );
    add(
        "proof of possession: a flipped bit in z",
        "coordinator_step1",
        msgs1(&|m| m[tu * el + sig - 1] ^= 1),
        fp(2),
    );
    add(
        "proof of possession: a flipped bit in R",
        "coordinator_step1",
        msgs1(&|m| m[tu * el + 2] ^= 1),
        fp(2),
    );
    add(
        "proof of possession: z not below the group order",
        "coordinator_step1",
        msgs1(&|m| m[tu * el + el..tu * el + sig].fill(0xff)),
        fp(2),
    );
    add(
        "msg1 made for another context",
        "coordinator_step1",
        msgs1(&|m| *m = other_msg1.clone()),
        fp(2),
    );
    add(
        "ciphertext length prefix above MAX_CIPHERTEXT_SIZE",
        "coordinator_step1",
        msgs1(&|m| put_len(m, frames, MAX_CIPHERTEXT_SIZE as u64 + 1)),
        fp(2),
    );
    add(
        "ciphertext shorter than a share and its tag",
        "coordinator_step1",
        msgs1(&|m| {
            put_len(m, frames, ct as u64 - 1);
            m.remove(frames + 8);
        }),
        fp(2),
    );
    add(
        "length prefix running past the end",
        "coordinator_step1",
        msgs1(&|m| {
            let last = frames + (nu - 1) * (8 + ct);
            put_len(m, last, ct as u64 + 1);
        }),
        fp(2),
    );
    add(
        "n - 1 messages",
        "coordinator_step1",
        vec![("msgs1", hexes(&s.msgs1[..2]))],
        ("IncorrectNumberOfMessages", None),
    );

    // Participant 1's step 2.
    let msg2 = |f: &dyn Fn(&mut Vec<u8>)| {
        let mut m = s.msgs2[0].clone();
        f(&mut m);
        vec![("participant_id", json!(1)), ("msg2", h(&m))]
    };
    let ct2 = block + frames + 8;
    let put_ct = |m: &mut Vec<u8>, c: &[u8]| {
        m.splice(ct2 - 8..ct2 + ct, {
            let mut framed = (c.len() as u64).to_be_bytes().to_vec();
            framed.extend_from_slice(c);
            framed
        });
    };
    let one = C::cocktail_scalar_bytes(&C::Group::one());
    let context = s.session.context().to_vec();
    add(
        "participant 2's ciphertext with a flipped bit",
        "participant_step2",
        msg2(&|m| m[ct2 + ct - 1] ^= 1),
        fpc(2),
    );
    add(
        "participant 2's ciphertext under another context's key",
        "participant_step2",
        msg2(&|m| put_ct(m, &seal(b"another context", &one))),
        fpc(2),
    );
    add(
        "participant 2's share does not match its commitment",
        "participant_step2",
        msg2(&|m| put_ct(m, &seal(&context, &one))),
        fpc(2),
    );
    add(
        "participant 2's share not below the group order",
        "participant_step2",
        msg2(&|m| put_ct(m, &seal(&context, &vec![0xff; sl]))),
        fpc(2),
    );
    add(
        "participant 2's ciphertext shorter than a share and its tag",
        "participant_step2",
        msg2(&|m| put_ct(m, &seal(&context, &one[..sl - 1]))),
        fpc(2),
    );
    add(
        "participant 2's length prefix above MAX_CIPHERTEXT_SIZE",
        "participant_step2",
        msg2(&|m| put_len(m, ct2 - 8, MAX_CIPHERTEXT_SIZE as u64 + 1)),
        fpc(2),
    );
    add(
        "participant 2's ephemeral key is the identity",
        "participant_step2",
        msg2(&|m| m[block + tu * el + sig..block + frames].copy_from_slice(&identity)),
        fpc(2),
    );
    add(
        "participant 2's part made for another context",
        "participant_step2",
        msg2(&|m| {
            let mut part = other_msg1[..frames + 8 + ct].to_vec();
            part[frames..frames + 8].copy_from_slice(&(ct as u64).to_be_bytes());
            m.splice(block..2 * block, part);
        }),
        fpc(2),
    );
    add(
        "participant 3's proof of possession with a flipped bit",
        "participant_step2",
        msg2(&|m| m[2 * block + tu * el + sig - 1] ^= 1),
        fpc(3),
    );
    add(
        "participant 1's own commitment altered",
        "participant_step2",
        msg2(&|m| m[el] ^= 1),
        ("FaultyCoordinator", None),
    );
    add(
        "msg2 with a trailing byte",
        "participant_step2",
        msg2(&|m| m.push(0)),
        ("FaultyCoordinator", None),
    );
    add(
        "msg2 truncated by one byte",
        "participant_step2",
        msg2(&|m| {
            m.pop();
        }),
        fpc(3),
    );

    // Coordinator finalization.
    let sigs = |f: &dyn Fn(&mut Vec<Vec<u8>>)| {
        let mut v = s.sigs.clone();
        f(&mut v);
        vec![("signatures", hexes(&v))]
    };
    add(
        "participant 3's transcript signature with a flipped bit",
        "coordinator_finalize",
        sigs(&|v| v[2][sig - 1] ^= 1),
        fp(3),
    );
    add(
        "participant 2 signed another extension",
        "coordinator_finalize",
        sigs(&|v| v[1] = sig_other_extension.clone()),
        fp(2),
    );
    add(
        "participant 2's signature one byte short",
        "coordinator_finalize",
        sigs(&|v| {
            v[1].pop();
        }),
        ("Decode", Some(2)),
    );
    add(
        "n - 1 signatures",
        "coordinator_finalize",
        sigs(&|v| {
            v.pop();
        }),
        ("IncorrectNumberOfMessages", None),
    );

    // Participant 1's finalization.
    let cert = |f: &dyn Fn(&mut Vec<u8>)| {
        let mut c = s.certificate.clone();
        f(&mut c);
        vec![("participant_id", json!(1)), ("certificate", h(&c))]
    };
    add(
        "certificate: participant 2's signature with a flipped bit",
        "participant_finalize",
        cert(&|c| c[2 * sig - 1] ^= 1),
        fpc(2),
    );
    add(
        "certificate: participant 2 signed another extension",
        "participant_finalize",
        cert(&|c| c[sig..2 * sig].copy_from_slice(&sig_other_extension)),
        fpc(2),
    );
    add(
        "certificate one byte short",
        "participant_finalize",
        cert(&|c| {
            c.pop();
        }),
        ("Decode", None),
    );

    // Recovery of participant 1.
    let data = s.outputs[0].1.to_bytes();
    let bundle = s.outputs[0].2.to_bytes();
    let rec = |d: &dyn Fn(&mut Vec<u8>), b: &dyn Fn(&mut Vec<u8>)| {
        let (mut dd, mut bb) = (data.clone(), bundle.clone());
        d(&mut dd);
        b(&mut bb);
        vec![
            ("participant_id", json!(1)),
            ("recovery_data", h(&dd)),
            ("bundle", h(&bb)),
        ]
    };
    let keep = |_: &mut Vec<u8>| {};
    let bad = ("InvalidRecoveryData", None);
    add(
        "bundle: a flipped bit in participant 2's ciphertext",
        "participant_recover",
        rec(&keep, &|b| b[2 * (8 + ct) - 1] ^= 1),
        bad,
    );
    add(
        "bundle with a trailing byte",
        "participant_recover",
        rec(&keep, &|b| b.push(0)),
        bad,
    );
    add(
        "bundle truncated by one byte",
        "participant_recover",
        rec(&keep, &|b| {
            b.pop();
        }),
        bad,
    );
    add(
        "bundle with n - 1 ciphertexts",
        "participant_recover",
        rec(&keep, &|b| b.truncate(2 * (8 + ct))),
        bad,
    );
    add(
        "bundle: length prefix above MAX_CIPHERTEXT_SIZE",
        "participant_recover",
        rec(&keep, &|b| put_len(b, 0, MAX_CIPHERTEXT_SIZE as u64 + 1)),
        bad,
    );
    add(
        "bundle of participant 2",
        "participant_recover",
        rec(&keep, &|b| *b = s.outputs[1].2.to_bytes()),
        bad,
    );
    add(
        "recovery data naming another ciphersuite",
        "participant_recover",
        rec(&|d| d[8] ^= 1, &keep),
        bad,
    );
    add(
        "recovery data: a changed commitment",
        "participant_recover",
        rec(
            &|d| {
                let at = data.len() - nu * sig - 8 - nu * el - nu * sig - 1;
                d[at] ^= 1;
            },
            &keep,
        ),
        bad,
    );
    add(
        "recovery data: participant 3's certificate signature with a flipped bit",
        "participant_recover",
        rec(
            &|d| {
                let l = d.len();
                d[l - 1] ^= 1;
            },
            &keep,
        ),
        bad,
    );
    add(
        "recovery data with a trailing byte",
        "participant_recover",
        rec(&|d| d.push(0), &keep),
        bad,
    );
    add(
        "recovery data truncated by one byte",
        "participant_recover",
        rec(
            &|d| {
                d.pop();
            },
            &keep,
        ),
        bad,
    );
    let stranger = static_key::<C>(&seed, 3, 5, 1);
    let mut fields = rec(&keep, &keep);
    fields.push(("recovering_secret_key", h(&hostseckey_to_bytes(&stranger))));
    add(
        "a static key that is not in the session",
        "participant_recover",
        fields,
        ("HostKeyNotInSession", None),
    );

    let file = json!({
        "ciphersuite": C::COCKTAIL_ID,
        "seed": SEED,
        "description": "Error cases for COCKTAIL-DKG, made by frost-vectors from the official 2-of-3 case: each case is that case (without `pop_intermediate`) with one input of one step changed, the step (`step`, `participant_id`) and its inputs (`msgs1`, `msg2`, `signatures`, `certificate`, `recovery_data`, `bundle`, `recovering_secret_key`, or `config` and `t` for `session_params`), and `expectedError` (`type`, an error variant of frost-core; `culprit`, the 1-based participant blamed, or null). Steps other than the named one run honestly from the seed as in the official vectors.",
        "vectors": cases,
    });
    let mut text = serde_json::to_string_pretty(&file).expect("JSON");
    text.push('\n');
    text
}

/// Checks every case of the suite's error vector file (`dir/<suite>.json`)
/// against the implementation; returns the case count.
pub fn check_error_vectors<C: CocktailCiphersuite>(dir: &Path) -> usize {
    let path = dir.join(format!("{}.json", suite_stem::<C>()));
    let text = std::fs::read_to_string(&path).expect("error vector file");
    let file: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(file["ciphersuite"], C::COCKTAIL_ID);
    let seed = unhex(&file["seed"]);
    let cases = file["vectors"].as_array().expect("vectors");
    for case in cases {
        let got = run_error_case::<C>(&seed, case);
        let (name, culprit) = error_label(&got);
        let expected = &case["expectedError"];
        assert_eq!(name, expected["type"], "{}: {got:?}", case["description"]);
        assert_eq!(
            culprit.map(u64::from),
            expected["culprit"].as_u64(),
            "{}: {got:?}",
            case["description"]
        );
    }
    cases.len()
}
