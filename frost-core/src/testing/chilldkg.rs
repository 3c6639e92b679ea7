//! ChillDKG tests: the BIP's 249 vectors (`vectors/chilldkg/`), whole
//! sessions, recovery round trips, corruption of every byte of every message,
//! the coordinator-less mode, output encodings and the conversion into FROST
//! packages. Run for each secp256k1 suite with [`crate::chilldkg_tests!`].

use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use std::path::Path;

use rand::RngExt;
use serde_json::Value;

use crate::keys::chilldkg::*;
use crate::{Ciphersuite, DecodeError, Error, Identifier};

fn unhex(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().expect("hex string")).expect("valid hex")
}

fn hex_upper(b: &[u8]) -> String {
    hex::encode_upper(b)
}

fn position<C: Ciphersuite>(id: &Identifier<C>) -> u64 {
    u64::from(id.as_u16().expect("small identifier")) - 1
}

/// The reference's exception class for one of our errors, and the blamed
/// positions (0-based, as the vectors count).
pub fn error_class<C: Ciphersuite>(e: &Error<C>) -> (&'static str, Vec<u64>) {
    let class = match e {
        Error::FaultyParticipant { .. } => "FaultyParticipantError",
        Error::FaultyParticipantOrCoordinator { .. } => "FaultyParticipantOrCoordinatorError",
        Error::FaultyCoordinator => "FaultyCoordinatorError",
        Error::UnknownFault => "UnknownFaultyParticipantOrCoordinatorError",
        Error::InvalidThresholdOrCount => "ThresholdOrCountError",
        Error::InvalidHostPublicKey { .. } => "InvalidHostPubkeyError",
        Error::DuplicateHostPublicKey { .. } => "DuplicateHostPubkeyError",
        Error::InvalidHostSecretKey | Error::HostKeyNotInSession => "HostSeckeyError",
        Error::ZeroRandomness => "RandomnessError",
        Error::InvalidRecoveryData => "RecoveryDataError",
        Error::InvalidRecoveryAck { .. } => "InvalidRecoveryAckError",
        Error::IncorrectNumberOfMessages { .. } => "ValueError",
        Error::Decode {
            error: DecodeError::Truncated | DecodeError::TrailingBytes,
            ..
        } => "ValueError",
        _ => "unexpected",
    };
    let blamed = match e {
        // A length error may name the sender; the reference's ValueError
        // names nobody.
        Error::Decode { .. } => Vec::new(),
        _ => e.culprits().iter().map(position).collect(),
    };
    (class, blamed)
}

/// Asserts that `got` matches the vector's `expectedError`.
fn check_error<C: Ciphersuite>(file: &str, tc: &Value, got: &Error<C>) {
    let expected = &tc["expectedError"];
    let (class, blamed) = error_class(got);
    let id = &tc["tcId"];
    assert_eq!(
        class,
        expected["type"].as_str().expect("type"),
        "{file} tcId {id}: got {got:?}"
    );
    let mut want = Vec::new();
    for key in ["participantId", "participantId1", "participantId2"] {
        if let Some(p) = expected.get(key).and_then(Value::as_u64) {
            want.push(p);
        }
    }
    assert_eq!(blamed, want, "{file} tcId {id}: blamed positions of {got:?}");
}

fn params<C: ChillDkgCiphersuite>(v: &Value) -> Result<SessionParams<C>, Error<C>> {
    let keys: Vec<Vec<u8>> = v["hostpubkeys"].as_array().expect("keys").iter().map(unhex).collect();
    let t = v["t"].as_u64().expect("t");
    SessionParams::new(&keys, u32::try_from(t).expect("small t"))
}

fn check_output<C: ChillDkgCiphersuite>(ctx: &str, output: &DkgOutput<C>, want: &Value) {
    let (secshare, thresh, pubshares) = output.bip_fields();
    let secshare = secshare.map(|s| hex_upper(&s));
    assert_eq!(secshare.as_deref(), want["secshare"].as_str(), "{ctx}: secshare");
    assert_eq!(
        hex_upper(&thresh),
        want["threshPk"].as_str().expect("threshPk"),
        "{ctx}: threshPk"
    );
    let pubshares: Vec<String> = pubshares.iter().map(|p| hex_upper(p)).collect();
    let want_pub: Vec<&str> = want["pubshares"]
        .as_array()
        .expect("pubshares")
        .iter()
        .map(|v| v.as_str().expect("hex"))
        .collect();
    assert_eq!(pubshares, want_pub, "{ctx}: pubshares");
}

fn load(dir: &Path, name: &str) -> Value {
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("vector file {} missing: {e}", path.display()));
    serde_json::from_str(&text).expect("valid JSON")
}

fn cases<'a>(v: &'a Value, kind: &str) -> Vec<&'a Value> {
    v.get(kind)
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

fn groups(v: &Value) -> Vec<&Value> {
    v["testGroups"].as_array().expect("groups").iter().collect()
}

/// Runs every vector in `dir`; returns how many ran (the files' totals are
/// checked too). Panics, never skips, when a file is missing.
pub fn check_vectors<C: ChillDkgCiphersuite>(dir: &Path) -> usize {
    let mut ran = 0;
    let mut count = |file: &str, v: &Value, n: usize| {
        assert_eq!(v["totalTests"].as_u64(), Some(n as u64), "{file}: case count");
        ran += n;
    };

    // hostpubkey_gen
    let file = "hostpubkey_gen_vectors.json";
    let v = load(dir, file);
    let mut n = 0;
    for tc in cases(&v, "validTestCases") {
        let pk = hostpubkey_gen::<C>(&unhex(&tc["hostseckey"])).expect("valid key");
        assert_eq!(pk.to_bytes(), unhex(&tc["expectedHostpubkey"]), "{file} {}", tc["tcId"]);
        n += 1;
    }
    for tc in cases(&v, "errorTestCases") {
        check_error(
            file,
            tc,
            &hostpubkey_gen::<C>(&unhex(&tc["hostseckey"])).expect_err("error case"),
        );
        n += 1;
    }
    count(file, &v, n);

    // params_hash
    let file = "params_hash_vectors.json";
    let v = load(dir, file);
    let mut n = 0;
    for tc in cases(&v, "validTestCases") {
        let p = params::<C>(&tc["params"]).expect("valid params");
        assert_eq!(
            &p.params_hash().as_bytes()[..],
            &unhex(&tc["expectedParamsHash"])[..],
            "{file} {}",
            tc["tcId"]
        );
        n += 1;
    }
    for tc in cases(&v, "errorTestCases") {
        check_error(file, tc, &params::<C>(&tc["params"]).expect_err("error case"));
        n += 1;
    }
    count(file, &v, n);

    // participant_step1
    let file = "participant_step1_vectors.json";
    let v = load(dir, file);
    let mut n = 0;
    for g in groups(&v) {
        for tc in cases(g, "validTestCases").into_iter().chain(cases(g, "errorTestCases")) {
            let result = HostSecretKey::<C>::from_bytes(&unhex(&tc["hostseckey"])).and_then(|key| {
                let p = params::<C>(&tc["params"])?;
                participant_step1(&key, &p, &unhex(&tc["random"]))
            });
            match (tc.get("expectedPmsg1"), result) {
                (Some(want), Ok((_, pmsg1))) => assert_eq!(pmsg1, unhex(want), "{file} {}", tc["tcId"]),
                (None, Err(e)) => check_error(file, tc, &e),
                (_, other) => panic!("{file} {}: unexpected {:?}", tc["tcId"], other.map(|r| r.1)),
            }
            n += 1;
        }
    }
    count(file, &v, n);

    // The participant-side groups share the step-1 setup.
    let setup = |file: &str, g: &Value| {
        let key = HostSecretKey::<C>::from_bytes(&unhex(&g["hostseckey"])).expect("group key");
        let p = params::<C>(&g["params"]).expect("group params");
        let (state1, pmsg1) = participant_step1(&key, &p, &unhex(&g["random"])).expect("step 1");
        assert_eq!(pmsg1, unhex(&g["pmsg1"]), "{file}: pmsg1 checkpoint");
        (key, state1)
    };

    // participant_step2
    let file = "participant_step2_vectors.json";
    let v = load(dir, file);
    let mut n = 0;
    for g in groups(&v) {
        for tc in cases(g, "validTestCases").into_iter().chain(cases(g, "errorTestCases")) {
            let (key, state1) = setup(file, g);
            let key = match tc.get("hostseckey") {
                Some(k) => HostSecretKey::<C>::from_bytes(&unhex(k)).expect("case key"),
                None => key,
            };
            let aux = unhex(tc.get("auxRand").unwrap_or(&g["auxRand"]));
            let result = participant_step2(&key, state1, &unhex(&tc["cmsg1"]), &aux);
            match (tc.get("expectedPmsg2"), result) {
                (Some(want), Ok((_, pmsg2))) => assert_eq!(pmsg2, unhex(want), "{file} {}", tc["tcId"]),
                (None, Err(f)) => {
                    check_error(file, tc, &f.error);
                    assert_eq!(f.investigation.is_some(), f.error == Error::UnknownFault);
                }
                (_, Ok(_)) => panic!("{file} {}: unexpected success", tc["tcId"]),
                (_, Err(f)) => panic!("{file} {}: unexpected {:?}", tc["tcId"], f.error),
            }
            n += 1;
        }
    }
    count(file, &v, n);

    // participant_finalize
    let file = "participant_finalize_vectors.json";
    let v = load(dir, file);
    let mut n = 0;
    for g in groups(&v) {
        for tc in cases(g, "validTestCases").into_iter().chain(cases(g, "errorTestCases")) {
            let (key, state1) = setup(file, g);
            let (state2, pmsg2) =
                participant_step2(&key, state1, &unhex(&g["cmsg1"]), &unhex(&g["auxRand"])).expect("step 2");
            assert_eq!(pmsg2, unhex(&g["pmsg2"]), "{file}: pmsg2 checkpoint");
            match (
                tc.get("expectedOutput"),
                participant_finalize(state2, &unhex(&tc["cmsg2"])),
            ) {
                (Some(want), Ok((output, recovery))) => {
                    check_output(&format!("{file} {}", tc["tcId"]), &output, &want["dkgOutput"]);
                    assert_eq!(recovery.to_bytes(), unhex(&want["recoveryData"]));
                }
                (None, Err((_, e))) => check_error(file, tc, &e),
                (_, Ok(_)) => panic!("{file} {}: unexpected success", tc["tcId"]),
                (_, Err((_, e))) => panic!("{file} {}: unexpected {e:?}", tc["tcId"]),
            }
            n += 1;
        }
    }
    count(file, &v, n);

    // participant_investigate
    let file = "participant_investigate_vectors.json";
    let v = load(dir, file);
    let mut n = 0;
    for g in groups(&v) {
        let pool: Vec<Vec<u8>> = g["cmsg1Pool"].as_array().expect("pool").iter().map(unhex).collect();
        assert!(cases(g, "validTestCases").is_empty());
        for tc in cases(g, "errorTestCases") {
            let (key, state1) = setup(file, g);
            let cmsg1 = &pool[tc["cmsg1Index"].as_u64().expect("index") as usize];
            let failure = participant_step2(&key, state1, cmsg1, &unhex(&g["auxRand"])).expect_err("step 2 fails");
            assert_eq!(failure.error, Error::UnknownFault, "{file} {}", tc["tcId"]);
            let investigation = failure.investigation.expect("investigation data");
            check_error(
                file,
                tc,
                &participant_investigate(investigation, &unhex(&tc["cinvMsg"])),
            );
            n += 1;
        }
    }
    count(file, &v, n);

    // coordinator_step1
    let file = "coordinator_step1_vectors.json";
    let v = load(dir, file);
    let mut n = 0;
    for g in groups(&v) {
        let pool: Vec<Vec<u8>> = g["pmsg1Pool"].as_array().expect("pool").iter().map(unhex).collect();
        for tc in cases(g, "validTestCases").into_iter().chain(cases(g, "errorTestCases")) {
            let pmsgs: Vec<&Vec<u8>> = tc["pmsg1Indices"]
                .as_array()
                .expect("indices")
                .iter()
                .map(|i| &pool[i.as_u64().expect("index") as usize])
                .collect();
            let result = params::<C>(&tc["params"]).and_then(|p| coordinator_step1(&pmsgs, &p));
            match (tc.get("expectedCmsg1"), result) {
                (Some(want), Ok((_, cmsg1))) => assert_eq!(cmsg1, unhex(want), "{file} {}", tc["tcId"]),
                (None, Err(e)) => check_error(file, tc, &e),
                (_, other) => panic!("{file} {}: unexpected {:?}", tc["tcId"], other.map(|r| r.1)),
            }
            n += 1;
        }
    }
    count(file, &v, n);

    // coordinator_finalize
    let file = "coordinator_finalize_vectors.json";
    let v = load(dir, file);
    let mut n = 0;
    for g in groups(&v) {
        let p = params::<C>(&g["params"]).expect("params");
        let pmsgs1: Vec<Vec<u8>> = g["pmsgs1"].as_array().expect("pmsgs1").iter().map(unhex).collect();
        let pool: Vec<Vec<u8>> = g["pmsg2Pool"].as_array().expect("pool").iter().map(unhex).collect();
        for tc in cases(g, "validTestCases").into_iter().chain(cases(g, "errorTestCases")) {
            let (state, cmsg1) = coordinator_step1(&pmsgs1, &p).expect("coordinator step 1");
            assert_eq!(cmsg1, unhex(&g["cmsg1"]), "{file}: cmsg1 checkpoint");
            let pmsgs2: Vec<&Vec<u8>> = tc["pmsg2Indices"]
                .as_array()
                .expect("indices")
                .iter()
                .map(|i| &pool[i.as_u64().expect("index") as usize])
                .collect();
            match (tc.get("expectedOutput"), coordinator_finalize(state, &pmsgs2)) {
                (Some(want), Ok((cmsg2, output, recovery))) => {
                    let ctx = format!("{file} {}", tc["tcId"]);
                    assert_eq!(cmsg2, unhex(&want["cmsg2"]), "{ctx}: cmsg2");
                    check_output(&ctx, &output, &want["dkgOutput"]);
                    assert_eq!(
                        recovery.to_bytes(),
                        unhex(&want["recoveryData"]),
                        "{ctx}: recovery data"
                    );
                }
                (None, Err(e)) => check_error(file, tc, &e),
                (_, Ok(_)) => panic!("{file} {}: unexpected success", tc["tcId"]),
                (_, Err(e)) => panic!("{file} {}: unexpected {e:?}", tc["tcId"]),
            }
            n += 1;
        }
    }
    count(file, &v, n);

    // coordinator_investigate
    let file = "coordinator_investigate_vectors.json";
    let v = load(dir, file);
    let mut n = 0;
    for g in groups(&v) {
        let p = params::<C>(&g["params"]).expect("params");
        let pmsgs1: Vec<Vec<u8>> = g["pmsgs1"].as_array().expect("pmsgs1").iter().map(unhex).collect();
        assert!(cases(g, "errorTestCases").is_empty());
        for tc in cases(g, "validTestCases") {
            let cinvs = coordinator_investigate(&pmsgs1, &p).expect("investigation messages");
            let want: Vec<Vec<u8>> = tc["expectedCinvMsgs"]
                .as_array()
                .expect("msgs")
                .iter()
                .map(unhex)
                .collect();
            assert_eq!(cinvs, want, "{file} {}", tc["tcId"]);
            n += 1;
        }
    }
    count(file, &v, n);

    // recover
    let file = "recover_vectors.json";
    let v = load(dir, file);
    let mut n = 0;
    for tc in cases(&v, "validTestCases")
        .into_iter()
        .chain(cases(&v, "errorTestCases"))
    {
        let data = RecoveryData::from_bytes(&unhex(&tc["recoveryData"]));
        let result = match tc["hostseckey"].as_str() {
            None => coordinator_recover::<C>(&data),
            Some(_) => HostSecretKey::<C>::from_bytes(&unhex(&tc["hostseckey"]))
                .and_then(|key| participant_recover(&key, &data)),
        };
        match (tc.get("expectedOutput"), result) {
            (Some(want), Ok((output, p))) => {
                let ctx = format!("{file} {}", tc["tcId"]);
                check_output(&ctx, &output, &want["dkgOutput"]);
                assert!(p == params::<C>(&want["params"]).expect("params"), "{ctx}: params");
            }
            (None, Err(e)) => check_error(file, tc, &e),
            (_, Ok(_)) => panic!("{file} {}: unexpected success", tc["tcId"]),
            (_, Err(e)) => panic!("{file} {}: unexpected {e:?}", tc["tcId"]),
        }
        n += 1;
    }
    count(file, &v, n);

    assert_eq!(ran, 249, "every vector ran");
    ran
}

// ---------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------

/// Everything an honest session produced.
pub struct Session<C: ChillDkgCiphersuite> {
    /// The host secret keys, in session order.
    pub keys: Vec<HostSecretKey<C>>,
    /// The session parameters.
    pub params: SessionParams<C>,
    /// The first messages.
    pub pmsgs1: Vec<Vec<u8>>,
    /// The coordinator's first message.
    pub cmsg1: Vec<u8>,
    /// The second messages.
    pub pmsgs2: Vec<Vec<u8>>,
    /// The certificate.
    pub cmsg2: Vec<u8>,
    /// Every participant's output and recovery data.
    pub outputs: Vec<(DkgOutput<C>, RecoveryData)>,
    /// The coordinator's output and recovery data.
    pub coordinator: (DkgOutput<C>, RecoveryData),
}

/// Runs a whole honest session from explicit keys and randomness.
pub fn run_session<C: ChillDkgCiphersuite>(
    keys: Vec<HostSecretKey<C>>,
    t: u32,
    randoms: &[[u8; 32]],
    aux_rands: &[[u8; 32]],
) -> Result<Session<C>, Error<C>> {
    let pubkeys: Vec<Vec<u8>> = keys.iter().map(|k| k.public_key().to_bytes()).collect();
    let params = SessionParams::new(&pubkeys, t)?;
    let mut states1 = Vec::new();
    let mut pmsgs1 = Vec::new();
    for (key, random) in keys.iter().zip(randoms) {
        let (s, m) = participant_step1(key, &params, random)?;
        states1.push(s);
        pmsgs1.push(m);
    }
    let (cstate, cmsg1) = coordinator_step1(&pmsgs1, &params)?;
    let mut states2 = Vec::new();
    let mut pmsgs2 = Vec::new();
    for ((key, s), aux) in keys.iter().zip(states1).zip(aux_rands) {
        let (s2, m) = participant_step2(key, s, &cmsg1, aux).map_err(|f| f.error)?;
        states2.push(s2);
        pmsgs2.push(m);
    }
    let (cmsg2, coutput, crecovery) = coordinator_finalize(cstate, &pmsgs2)?;
    let mut outputs = Vec::new();
    for s2 in states2 {
        outputs.push(participant_finalize(s2, &cmsg2).map_err(|(_, e)| e)?);
    }
    Ok(Session {
        keys,
        params,
        pmsgs1,
        cmsg1,
        pmsgs2,
        cmsg2,
        outputs,
        coordinator: (coutput, crecovery),
    })
}

/// A random honest session.
pub fn random_session<C: ChillDkgCiphersuite>(t: u32, n: usize) -> Session<C> {
    let mut rng = super::rng(1000 * u64::from(t) + n as u64);
    let keys = (0..n).map(|_| HostSecretKey::generate(&mut rng)).collect();
    let randoms: Vec<[u8; 32]> = (0..n).map(|_| rng.random()).collect();
    let aux: Vec<[u8; 32]> = (0..n).map(|_| rng.random()).collect();
    run_session(keys, t, &randoms, &aux).expect("honest session")
}

/// Whole sessions agree: every participant and the coordinator output the
/// same threshold key, public shares and recovery data; the shares
/// interpolate to the key; recovery restores every output.
pub fn check_session<C: ChillDkgCiphersuite>(t: u32, n: usize) {
    let s = random_session::<C>(t, n);
    let (coutput, crecovery) = &s.coordinator;
    for (i, (output, recovery)) in s.outputs.iter().enumerate() {
        assert_eq!(output.threshold_public_key(), coutput.threshold_public_key());
        assert_eq!(output.public_shares(), coutput.public_shares());
        assert_eq!(recovery, crecovery);
        let (id, share) = output.secret_share().expect("participant output");
        assert_eq!(position(&id), i as u64);
        assert_eq!(share.verifying_share(), output.public_shares()[i]);
        // Recovery round trip from the host key alone.
        let (recovered, params) = participant_recover(&s.keys[i], recovery).expect("recovery");
        assert!(recovered == *output);
        assert!(params == s.params);
        // Strict storage encoding.
        assert!(DkgOutput::<C>::from_bytes(&output.to_bytes()).expect("round trip") == *output);
    }
    let (recovered, _) = coordinator_recover::<C>(crecovery).expect("coordinator recovery");
    assert!(recovered == *coutput);
    assert!(DkgOutput::<C>::from_bytes(&coutput.to_bytes()).expect("round trip") == *coutput);
    // Sizes from the BIP.
    let (t, n) = (t as usize, n);
    assert!(s.pmsgs1.iter().all(|m| m.len() == 33 * t + 32 * n + 97));
    assert_eq!(s.cmsg1.len(), 162 * n + 33 * (t - 1));
    assert_eq!(s.cmsg2.len(), 64 * n);
    assert_eq!(crecovery.as_bytes().len(), 4 + 33 * t + 162 * n);

    // Any t shares interpolate to the threshold key (t >= 2 only: packages).
    if t >= 2 {
        let packages: Vec<_> = s
            .outputs
            .iter()
            .take(t)
            .map(|(o, _)| o.key_package().expect("t >= 2").expect("participant"))
            .collect();
        let key = crate::keys::reconstruct(&packages).expect("reconstruct");
        assert_eq!(key.verifying_key(), coutput.threshold_public_key());
        coutput
            .public_key_package()
            .expect("package")
            .validate()
            .expect("consistent");
    } else {
        assert_eq!(
            coutput.public_key_package().expect_err("t = 1"),
            Error::InvalidMinSigners
        );
    }

    // Acknowledgments.
    let acks: Vec<Vec<u8>> = s
        .keys
        .iter()
        .map(|k| participant_recovery_ack_sign(k, crecovery, &s.params, &[7u8; 32]).expect("ack"))
        .collect();
    participant_recovery_acks_verify(crecovery, &s.params, &acks).expect("acks verify");
    let mut bad = acks.clone();
    bad.swap(0, n - 1);
    if n > 1 {
        let e = participant_recovery_acks_verify(crecovery, &s.params, &bad).expect_err("swapped acks");
        assert_eq!(
            e,
            Error::InvalidRecoveryAck {
                culprit: Identifier::try_from(1).expect("id")
            }
        );
    }
}

/// The coordinator-less mode: every participant aggregating the first
/// messages itself gets the coordinator's exact bytes.
pub fn check_coordinator_less<C: ChillDkgCiphersuite>() {
    let s = random_session::<C>(2, 3);
    for _ in 0..3 {
        assert_eq!(aggregate_pmsgs1(&s.pmsgs1, &s.params).expect("aggregate"), s.cmsg1);
    }
}

/// Input errors: zero randomness, wrong lengths, wrong counts, a state used
/// with another host key, a retry of finalize after a wrong certificate.
pub fn check_input_errors<C: ChillDkgCiphersuite>() {
    let mut rng = super::rng(1);
    let keys: Vec<HostSecretKey<C>> = (0..3).map(|_| HostSecretKey::generate(&mut rng)).collect();
    let pubkeys: Vec<Vec<u8>> = keys.iter().map(|k| k.public_key().to_bytes()).collect();
    let params = SessionParams::<C>::new(&pubkeys, 2).expect("params");
    assert_eq!(
        participant_step1(&keys[0], &params, &[0u8; 32]).expect_err("zero"),
        Error::ZeroRandomness
    );
    assert_eq!(
        SessionParams::<C>::new(&pubkeys, 4).expect_err("t > n"),
        Error::InvalidThresholdOrCount
    );
    let too_many = vec![pubkeys[0].clone(); 65536];
    assert_eq!(
        SessionParams::<C>::new(&too_many, 2).expect_err("n"),
        Error::InvalidThresholdOrCount
    );
    let other = HostSecretKey::<C>::generate(&mut rng);
    assert_eq!(
        participant_step1(&other, &params, &[1u8; 32]).expect_err("foreign"),
        Error::HostKeyNotInSession
    );
    assert_eq!(format!("{other:?}"), "HostSecretKey(<redacted>)");

    let s = random_session::<C>(2, 3);
    assert!(matches!(
        coordinator_step1(&s.pmsgs1[..2], &s.params).expect_err("count"),
        Error::IncorrectNumberOfMessages { expected: 3, got: 2 }
    ));
    // Finalize with a wrong certificate returns the state; the right one
    // then succeeds.
    let mut randoms = [[0u8; 32]; 3];
    let mut aux = [[0u8; 32]; 3];
    for i in 0..3 {
        randoms[i] = rng.random();
        aux[i] = rng.random();
    }
    let keys2: Vec<HostSecretKey<C>> = s
        .keys
        .iter()
        .map(|k| HostSecretKey::from_bytes(&k.to_bytes()).expect("copy"))
        .collect();
    let (state1, _) = participant_step1(&keys2[0], &s.params, &randoms[0]).expect("step 1");
    let mut states = vec![state1];
    let mut pmsgs1 = vec![participant_step1(&keys2[0], &s.params, &randoms[0]).expect("again").1];
    for i in 1..3 {
        let (st, m) = participant_step1(&keys2[i], &s.params, &randoms[i]).expect("step 1");
        states.push(st);
        pmsgs1.push(m);
    }
    let (cstate, cmsg1) = coordinator_step1(&pmsgs1, &s.params).expect("c1");
    let mut states2 = Vec::new();
    let mut pmsgs2 = Vec::new();
    for (i, st) in states.into_iter().enumerate() {
        let (st2, m) = participant_step2(&keys2[i], st, &cmsg1, &aux[i]).expect("step 2");
        states2.push(st2);
        pmsgs2.push(m);
    }
    let (cmsg2, _, _) = coordinator_finalize(cstate, &pmsgs2).expect("finalize");
    let state2 = states2.remove(0);
    let mut wrong = cmsg2.clone();
    wrong[5] ^= 1;
    let (state2, e) = participant_finalize(state2, &wrong).expect_err("wrong certificate");
    assert_eq!(e, Error::FaultyCoordinator);
    let (state2, e) = participant_finalize(state2, &cmsg2[..64]).expect_err("short certificate");
    assert_eq!(e.decode_error(), Some(DecodeError::Truncated));
    participant_finalize(state2, &cmsg2).expect("the right certificate");
}

/// The blame class an error gives for a corrupted message from position
/// `culprit`, checked against the BIP's classes.
fn blames<C: Ciphersuite>(e: &Error<C>, culprit: Option<u64>) -> bool {
    match e {
        Error::FaultyParticipant { culprit: c } | Error::FaultyParticipantOrCoordinator { culprit: c } => {
            Some(position(c)) == culprit
        }
        Error::FaultyCoordinator => culprit.is_none(),
        _ => false,
    }
}

/// For every message, a corrupted byte at every position ends in the BIP's
/// blame class containing the real culprit, after an investigation where
/// one is needed, or leaves the session correct (bytes the protocol does
/// not depend on cannot exist: any accepted change must still give every
/// participant the same key).
pub fn check_corruption<C: ChillDkgCiphersuite>(t: u32, n: usize) {
    let s = random_session::<C>(t, n);
    let mut rng = super::rng(2);
    let randoms: Vec<[u8; 32]> = (0..n).map(|_| rng.random()).collect();
    let aux: Vec<[u8; 32]> = (0..n).map(|_| rng.random()).collect();
    let keys: Vec<HostSecretKey<C>> = s
        .keys
        .iter()
        .map(|k| HostSecretKey::from_bytes(&k.to_bytes()).expect("copy"))
        .collect();
    let step1: Vec<(ParticipantState1<C>, Vec<u8>)> = (0..n)
        .map(|i| participant_step1(&keys[i], &s.params, &randoms[i]).expect("step 1"))
        .collect();
    let pmsgs1: Vec<Vec<u8>> = step1.iter().map(|(_, m)| m.clone()).collect();
    drop(step1);
    let (_, cmsg1) = coordinator_step1(&pmsgs1, &s.params).expect("c1");
    let fresh_state = |i: usize| participant_step1(&keys[i], &s.params, &randoms[i]).expect("step 1").0;

    // A participant's first message corrupted: the coordinator blames the
    // sender, or participants blame it (possibly after an investigation).
    let sender = n - 1;
    let receiver = 0;
    for pos in 0..pmsgs1[sender].len() {
        let mut bad = pmsgs1.clone();
        bad[sender][pos] ^= 0x01;
        let c = match coordinator_step1(&bad, &s.params) {
            Err(e) => {
                assert!(blames(&e, Some(sender as u64)), "pmsg1 byte {pos}: {e:?}");
                continue;
            }
            Ok((_, c)) => c,
        };
        match participant_step2(&keys[receiver], fresh_state(receiver), &c, &aux[receiver]) {
            Ok(_) => {
                // Undetected by this receiver: it must be a share to another
                // participant; that participant must then detect it.
                let share_start = 33 * t as usize + 97;
                let own = share_start + 32 * receiver..share_start + 32 * (receiver + 1);
                assert!(pos >= share_start && !own.contains(&pos), "pmsg1 byte {pos} undetected");
                let victim = (pos - share_start) / 32;
                let f = participant_step2(&keys[victim], fresh_state(victim), &c, &aux[victim])
                    .expect_err("victim detects");
                assert_eq!(f.error, Error::UnknownFault);
                let cinvs = coordinator_investigate(&bad, &s.params).expect("cinv");
                let e = participant_investigate(f.investigation.expect("data"), &cinvs[victim]);
                if victim == sender {
                    // The sender's share to itself was changed after it left:
                    // from where the sender stands, only the coordinator can
                    // have done it.
                    assert_eq!(e, Error::FaultyCoordinator, "pmsg1 byte {pos}");
                } else {
                    assert!(blames(&e, Some(sender as u64)), "pmsg1 byte {pos}: {e:?}");
                }
            }
            Err(f) => {
                let e = match f.investigation {
                    Some(inv) => {
                        let cinvs = coordinator_investigate(&bad, &s.params).expect("cinv");
                        participant_investigate(inv, &cinvs[receiver])
                    }
                    None => f.error,
                };
                assert!(blames(&e, Some(sender as u64)), "pmsg1 byte {pos}: {e:?}");
            }
        }
    }

    // The coordinator's first message corrupted: blame the coordinator (a
    // participant named instead is FaultyParticipantOrCoordinator, which
    // includes the coordinator).
    for pos in 0..cmsg1.len() {
        let mut bad = cmsg1.clone();
        bad[pos] ^= 0x01;
        let mut detected = false;
        for i in 0..n {
            match participant_step2(&keys[i], fresh_state(i), &bad, &aux[i]) {
                Ok(_) => {}
                Err(f) => {
                    detected = true;
                    let e = match f.investigation {
                        Some(inv) => {
                            let cinvs = coordinator_investigate(&pmsgs1, &s.params).expect("cinv");
                            participant_investigate(inv, &cinvs[i])
                        }
                        None => f.error,
                    };
                    assert!(e.blames_coordinator(), "cmsg1 byte {pos}: {e:?}");
                }
            }
        }
        assert!(detected, "cmsg1 byte {pos} undetected by everyone");
    }

    // Second messages and the certificate.
    let states2: Vec<(ParticipantState2<C>, Vec<u8>)> = (0..n)
        .map(|i| participant_step2(&keys[i], fresh_state(i), &cmsg1, &aux[i]).expect("step 2"))
        .collect();
    let pmsgs2: Vec<Vec<u8>> = states2.iter().map(|(_, m)| m.clone()).collect();
    for pos in 0..64 {
        let mut bad = pmsgs2.clone();
        bad[sender][pos] ^= 0x01;
        let (cstate, _) = coordinator_step1(&pmsgs1, &s.params).expect("c1");
        let e = coordinator_finalize(cstate, &bad).expect_err("bad signature");
        assert!(blames(&e, Some(sender as u64)), "pmsg2 byte {pos}: {e:?}");
    }
    let (cstate, _) = coordinator_step1(&pmsgs1, &s.params).expect("c1");
    let (cmsg2, _, recovery) = coordinator_finalize(cstate, &pmsgs2).expect("finalize");
    let mut states2: Vec<ParticipantState2<C>> = states2.into_iter().map(|(st, _)| st).collect();
    let mut state = states2.remove(0);
    for pos in 0..cmsg2.len() {
        let mut bad = cmsg2.clone();
        bad[pos] ^= 0x01;
        let (back, e) = participant_finalize(state, &bad).expect_err("bad certificate");
        assert_eq!(e, Error::FaultyCoordinator, "cmsg2 byte {pos}");
        state = back;
    }
    participant_finalize(state, &cmsg2).expect("correct certificate after the retries");

    // Recovery data corrupted at every byte is refused.
    for pos in 0..recovery.as_bytes().len() {
        let mut bad = recovery.to_bytes();
        bad[pos] ^= 0x01;
        let e = participant_recover(&keys[0], &RecoveryData::from_bytes(&bad)).expect_err("bad recovery data");
        assert_eq!(e, Error::InvalidRecoveryData, "recovery byte {pos}");
    }
}

/// The batched checks name the same culprit as one-by-one checks: with
/// exactly one bad proof of possession, certificate signature or
/// acknowledgment (a valid signature by another participant, so it parses
/// and only the equation fails) at each position, or two bad ones, the
/// first in session order is named. Also checks that a batch of valid
/// signatures passes with each participant's own weights.
pub fn check_batch_culprits<C: ChillDkgCiphersuite>(t: u32, n: usize) {
    let s = random_session::<C>(t, n);
    let mut rng = super::rng(3);
    let randoms: Vec<[u8; 32]> = (0..n).map(|_| rng.random()).collect();
    let aux: Vec<[u8; 32]> = (0..n).map(|_| rng.random()).collect();
    let step1 = |i: usize| participant_step1(&s.keys[i], &s.params, &randoms[i]).expect("step 1");
    let pmsgs1: Vec<Vec<u8>> = (0..n).map(|i| step1(i).1).collect();
    let (_, cmsg1) = coordinator_step1(&pmsgs1, &s.params).expect("c1");
    let pop_at = |i: usize| 33 * (n + t as usize - 1) + 64 * i;
    let pop = |msg: &[u8], i: usize| msg[pop_at(i)..pop_at(i) + 64].to_vec();
    let culprit = |i: usize| Identifier::<C>::try_from(i as u16 + 1).expect("non-zero");

    // Proofs of possession in cmsg1: one bad one at every position, as seen
    // by a receiver other than the culprit (a participant does not check
    // its own proof); then two bad ones.
    let mut bad_sets: Vec<Vec<usize>> = (0..n).map(|p| vec![p]).collect();
    bad_sets.push(vec![1, n - 1]);
    bad_sets.push(vec![n - 1, 2]);
    for bad in &bad_sets {
        let mut c = cmsg1.clone();
        for &p in bad {
            let other = pop(&cmsg1, (p + 1) % n);
            c[pop_at(p)..pop_at(p) + 64].copy_from_slice(&other);
        }
        let first = *bad.iter().min().expect("non-empty");
        let receiver = (0..n).find(|r| !bad.contains(r)).expect("an honest receiver");
        let f = participant_step2(&s.keys[receiver], step1(receiver).0, &c, &aux[receiver])
            .expect_err("a bad proof of possession");
        assert_eq!(
            f.error,
            Error::FaultyParticipantOrCoordinator {
                culprit: culprit(first)
            },
            "bad proofs at {bad:?}"
        );
    }

    // Every participant's batch of valid proofs passes.
    let states2: Vec<(ParticipantState2<C>, Vec<u8>)> = (0..n)
        .map(|i| participant_step2(&s.keys[i], step1(i).0, &cmsg1, &aux[i]).expect("step 2"))
        .collect();
    let pmsgs2: Vec<Vec<u8>> = states2.iter().map(|(_, m)| m.clone()).collect();

    // Certificate signatures: the coordinator names the signer, a
    // participant handed a bad certificate blames the coordinator.
    let (cstate, _) = coordinator_step1(&pmsgs1, &s.params).expect("c1");
    let (cmsg2, _, recovery) = coordinator_finalize(cstate, &pmsgs2).expect("finalize");
    let mut states2: Vec<ParticipantState2<C>> = states2.into_iter().map(|(st, _)| st).collect();
    let mut state = states2.remove(0);
    for bad in &bad_sets {
        let mut sigs = pmsgs2.clone();
        let mut cert = cmsg2.clone();
        for &p in bad {
            sigs[p] = pmsgs2[(p + 1) % n].clone();
            cert[64 * p..64 * p + 64].copy_from_slice(&pmsgs2[(p + 1) % n]);
        }
        let first = *bad.iter().min().expect("non-empty");
        let (cstate, _) = coordinator_step1(&pmsgs1, &s.params).expect("c1");
        let e = coordinator_finalize(cstate, &sigs).expect_err("a bad certificate signature");
        assert_eq!(
            e,
            Error::FaultyParticipant {
                culprit: culprit(first)
            },
            "bad signatures at {bad:?}"
        );
        let (back, e) = participant_finalize(state, &cert).expect_err("a bad certificate");
        assert_eq!(e, Error::FaultyCoordinator, "bad certificate at {bad:?}");
        state = back;
    }
    let (_, recovery1) = participant_finalize(state, &cmsg2).expect("the right certificate");
    assert_eq!(recovery1, recovery);

    // The batch itself (not only the one-by-one fallback): the n
    // certificate signatures pass together, and fail with one wrong.
    {
        use crate::keys::standalone::{Profile, SignedItem};
        type P<C> = crate::keys::chilldkg::ChillDkg<C>;
        let eq = &recovery.as_bytes()[..recovery.as_bytes().len() - 64 * n];
        let mut prefix = b"BIP DKG/certeq message".to_vec();
        prefix.resize(33, 0);
        let positions: Vec<[u8; 4]> = (0..n).map(|i| (i as u32).to_be_bytes()).collect();
        let messages: Vec<[&[u8]; 3]> = positions.iter().map(|p| [&prefix[..], &p[..], eq]).collect();
        let keys: Vec<_> = s.params.hostpubkeys().iter().map(|k| k.element).collect();
        let weights: Vec<_> = (0..n as u64)
            .map(|i| <C::Group as crate::Group>::scalar_from_u64(i + 2))
            .collect();
        let batch = |sigs: &[Vec<u8>]| {
            let items: Vec<SignedItem<'_, C>> = (0..n)
                .map(|i| SignedItem {
                    message: &messages[i],
                    public: &keys[i],
                    signature: &sigs[i],
                    public_bytes: None,
                })
                .collect();
            <P<C> as Profile>::verify_batch("", &items, &weights)
        };
        assert!(batch(&pmsgs2), "a batch of valid certificate signatures");
        for p in 0..n {
            let mut sigs = pmsgs2.clone();
            sigs[p][63] ^= 1;
            assert!(!batch(&sigs), "one bad signature at {p}");
        }
    }

    // Acknowledgments.
    let acks: Vec<Vec<u8>> = (0..n)
        .map(|i| participant_recovery_ack_sign(&s.keys[i], &recovery, &s.params, &aux[i]).expect("ack"))
        .collect();
    participant_recovery_acks_verify(&recovery, &s.params, &acks).expect("valid acks");
    for bad in &bad_sets {
        let mut b = acks.clone();
        for &p in bad {
            b[p] = acks[(p + 1) % n].clone();
        }
        let first = *bad.iter().min().expect("non-empty");
        let e = participant_recovery_acks_verify(&recovery, &s.params, &b).expect_err("a bad acknowledgment");
        assert_eq!(
            e,
            Error::InvalidRecoveryAck {
                culprit: culprit(first)
            },
            "bad acks at {bad:?}"
        );
    }
}

/// The output as FROST packages: every key package is consistent with the
/// public key package (frost-core 3-compatible bytes round-trip), and any
/// `t` of them sign under the threshold key.
pub fn check_frost_signing<C: ChillDkgCiphersuite>(t: u32, n: usize) {
    use alloc::collections::BTreeMap;
    let s = random_session::<C>(t, n);
    let pkp = s.coordinator.0.public_key_package().expect("t >= 2");
    let key_packages: BTreeMap<_, _> = s
        .outputs
        .iter()
        .map(|(o, _)| {
            let kp = o.key_package().expect("t >= 2").expect("participant");
            kp.check_against(&pkp).expect("consistent");
            let bytes = kp.serialize();
            assert!(crate::keys::KeyPackage::<C>::deserialize(&bytes).expect("round trip") == kp);
            (*kp.identifier(), kp)
        })
        .collect();
    assert!(crate::keys::PublicKeyPackage::<C>::deserialize(&pkp.serialize()).expect("round trip") == pkp);
    assert_eq!(pkp.min_signers(), Some(t as u16));
    let ids: Vec<_> = key_packages.keys().copied().collect();
    for signers in [&ids[..t as usize], &ids[n - t as usize..]] {
        let sig = super::sign(&key_packages, &pkp, signers, b"chilldkg message", 7).expect("sign");
        pkp.verifying_key().verify(b"chilldkg message", &sig).expect("verifies");
        assert!(pkp.verifying_key().verify(b"another message", &sig).is_err());
    }
}

/// The generic ChillDKG tests for a secp256k1 suite.
#[macro_export]
macro_rules! chilldkg_tests {
    ($suite:ty) => {
        mod chilldkg {
            use super::*;

            #[test]
            fn bip_vectors() {
                let dir = ::std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../vectors/chilldkg");
                assert_eq!($crate::testing::chilldkg::check_vectors::<$suite>(&dir), 249);
            }

            #[test]
            fn sessions() {
                for (t, n) in [(1, 1), (1, 2), (2, 2), (2, 3), (3, 5), (4, 7)] {
                    $crate::testing::chilldkg::check_session::<$suite>(t, n);
                }
            }

            #[test]
            #[ignore = "large; run with --release -- --ignored"]
            fn session_67_of_100() {
                $crate::testing::chilldkg::check_session::<$suite>(67, 100);
            }

            #[test]
            fn coordinator_less() {
                $crate::testing::chilldkg::check_coordinator_less::<$suite>();
            }

            #[test]
            fn input_errors() {
                $crate::testing::chilldkg::check_input_errors::<$suite>();
            }

            #[test]
            fn frost_signing() {
                $crate::testing::chilldkg::check_frost_signing::<$suite>(2, 3);
                $crate::testing::chilldkg::check_frost_signing::<$suite>(3, 5);
            }

            #[test]
            fn batch_culprits() {
                $crate::testing::chilldkg::check_batch_culprits::<$suite>(3, 6);
            }

            #[test]
            fn corruption_2_of_3() {
                $crate::testing::chilldkg::check_corruption::<$suite>(2, 3);
            }

            #[test]
            fn blame_vectors() {
                let dir = ::std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../vectors/chilldkg-blame");
                let file = if <$suite as $crate::Ciphersuite>::ID.contains("TR") {
                    "secp256k1-tr.json"
                } else {
                    "secp256k1.json"
                };
                assert_eq!(
                    $crate::testing::chilldkg_blame::check_vectors::<$suite>(&dir, file),
                    12
                );
                $crate::testing::chilldkg_blame::check_vector_verdicts::<$suite>();
            }

            #[test]
            fn blame_decoding() {
                $crate::testing::chilldkg_blame::check_decoding::<$suite>();
            }

            #[test]
            fn blame_every_fault() {
                $crate::testing::chilldkg_blame::check_every_fault::<$suite>();
            }

            #[test]
            fn blame_fault_injection() {
                $crate::testing::chilldkg_blame::check_fault_injection::<$suite>(1, 6, 12);
            }

            #[test]
            #[ignore = "many seeds; run with --release -- --ignored"]
            fn blame_fault_injection_many_seeds() {
                for seed in 0..50 {
                    $crate::testing::chilldkg_blame::check_fault_injection::<$suite>(1000 + seed, 20, 12);
                }
            }
        }
    };
}

/// The replay of one honest session for the comparison with the BIP's
/// reference (`frost-vectors chilldkg-session`): reads
/// `{"t", "hostseckeys", "randoms", "auxRands"}` and returns the session's
/// messages and outputs under the vectors' field names, in upper-case hex.
pub fn replay_session_json<C: ChillDkgCiphersuite>(input: &str) -> Result<String, String> {
    use serde_json::json;
    let v: Value = serde_json::from_str(input).map_err(|e| format!("input is not JSON: {e}"))?;
    let list = |name: &str| -> Result<Vec<Vec<u8>>, String> {
        v[name]
            .as_array()
            .ok_or(format!("`{name}` must be a list of hex strings"))?
            .iter()
            .map(|x| {
                x.as_str()
                    .and_then(|s| hex::decode(s).ok())
                    .ok_or(format!("`{name}` holds a value that is not hex"))
            })
            .collect()
    };
    let arr32 = |b: &Vec<u8>, name: &str| -> Result<[u8; 32], String> {
        b.as_slice()
            .try_into()
            .map_err(|_| format!("every `{name}` entry must be 32 bytes"))
    };
    let t = v["t"]
        .as_u64()
        .and_then(|t| u32::try_from(t).ok())
        .ok_or("`t` must be a small integer")?;
    let keys = list("hostseckeys")?
        .iter()
        .enumerate()
        .map(|(i, k)| HostSecretKey::<C>::from_bytes(k).map_err(|e| format!("host secret key {i}: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    let randoms = list("randoms")?
        .iter()
        .map(|b| arr32(b, "randoms"))
        .collect::<Result<Vec<_>, _>>()?;
    let aux = list("auxRands")?
        .iter()
        .map(|b| arr32(b, "auxRands"))
        .collect::<Result<Vec<_>, _>>()?;
    if randoms.len() != keys.len() || aux.len() != keys.len() {
        return Err("`hostseckeys`, `randoms` and `auxRands` need one entry per participant".into());
    }
    let s = run_session(keys, t, &randoms, &aux).map_err(|e| format!("session failed: {e}"))?;
    let hexes = |l: &[Vec<u8>]| l.iter().map(|b| hex_upper(b)).collect::<Vec<_>>();
    let output = |o: &DkgOutput<C>, r: &RecoveryData| {
        let (secshare, thresh, pubshares) = o.bip_fields();
        json!({
            "dkgOutput": {
                "secshare": secshare.map(|s| hex_upper(&s)),
                "threshPk": hex_upper(&thresh),
                "pubshares": hexes(&pubshares),
            },
            "recoveryData": hex_upper(r.as_bytes()),
        })
    };
    let hostpubkeys: Vec<Vec<u8>> = s.params.hostpubkeys().iter().map(|k| k.to_bytes()).collect();
    let out = json!({
        "hostpubkeys": hexes(&hostpubkeys),
        "paramsHash": hex_upper(s.params.params_hash().as_bytes()),
        "pmsgs1": hexes(&s.pmsgs1),
        "cmsg1": hex_upper(&s.cmsg1),
        "pmsgs2": hexes(&s.pmsgs2),
        "cmsg2": hex_upper(&s.cmsg2),
        "participantOutputs": s.outputs.iter().map(|(o, r)| output(o, r)).collect::<Vec<_>>(),
        "coordinatorOutput": output(&s.coordinator.0, &s.coordinator.1),
    });
    serde_json::to_string_pretty(&out).map_err(|e| format!("{e}"))
}
