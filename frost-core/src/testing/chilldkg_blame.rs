//! ChillDKG's verifiable blame: the vectors (`vectors/chilldkg-blame/`),
//! one case per class of evidence, and fault injection over random sessions
//! (random `t <= n <= 12`, random tampering by any participant or by the
//! coordinator). Run for each secp256k1 suite with [`crate::chilldkg_tests!`].
//!
//! Identifiers in the vectors are 1-based (position `i` is identifier
//! `i + 1`), as everywhere in our API.

use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use std::path::Path;

use rand::{Rng, RngExt};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::keys::chilldkg::*;
use crate::keys::standalone::blame::{Evidence, attachment_message};
use crate::keys::standalone::{BlameProfile, Profile};
use crate::{Ciphersuite, Error, Group, Identifier};

type P<C> = ChillDkg<C>;

const EL: usize = 33;
const SL: usize = 32;
const SIG: usize = 64;

pub(crate) fn id<C: Ciphersuite>(position: usize) -> Identifier<C> {
    Identifier::try_from(position as u16 + 1).expect("non-zero")
}

pub(crate) fn unhex(v: &Value) -> Vec<u8> {
    hex::decode(v.as_str().expect("hex string")).expect("valid hex")
}

pub(crate) fn hexes(list: &[Vec<u8>]) -> Value {
    Value::Array(list.iter().map(|b| Value::String(hex::encode(b))).collect())
}

pub(crate) fn unhexes(v: &Value) -> Vec<Vec<u8>> {
    v.as_array().expect("array").iter().map(unhex).collect()
}

/// Where the fields of a step-1 message start (`t` commitments, the proof,
/// the nonce, `n` shares) and of the coordinator's message.
fn pmsg1_pop(t: usize) -> usize {
    EL * t
}
fn pmsg1_nonce(t: usize) -> usize {
    EL * t + SIG
}
fn pmsg1_share(t: usize, to: usize) -> usize {
    EL * t + SIG + EL + SL * to
}
fn cmsg1_nonce(t: usize, n: usize, of: usize) -> usize {
    EL * n + EL * (t - 1) + SIG * n + EL * of
}
fn cmsg1_share(t: usize, n: usize, to: usize) -> usize {
    EL * n + EL * (t - 1) + SIG * n + EL * n + SL * to
}

/// Adds one to the 32-byte big-endian scalar at `at` (a different,
/// canonical scalar unless it was `q - 1`, which the tests never hit).
fn bump_scalar(bytes: &mut [u8], at: usize) {
    for b in bytes[at..at + SL].iter_mut().rev() {
        let (v, carry) = b.overflowing_add(1);
        *b = v;
        if !carry {
            break;
        }
    }
}

/// One session's first round with attachments, all honest.
pub struct Round1<C: ChillDkgCiphersuite> {
    /// The host secret keys, in session order.
    pub keys: Vec<HostSecretKey<C>>,
    /// The session parameters.
    pub params: SessionParams<C>,
    /// Each participant's step-1 randomness.
    pub randoms: Vec<[u8; 32]>,
    /// The step-1 messages.
    pub pmsgs1: Vec<Vec<u8>>,
    /// The attachments.
    pub attachments: Vec<Vec<u8>>,
}

/// Runs step 1 with attachments for every participant.
pub fn round1<C: ChillDkgCiphersuite>(keys: Vec<HostSecretKey<C>>, t: u32, randoms: Vec<[u8; 32]>) -> Round1<C> {
    let pubkeys: Vec<Vec<u8>> = keys.iter().map(|k| k.public_key().to_bytes()).collect();
    let params = SessionParams::new(&pubkeys, t).expect("valid parameters");
    let mut pmsgs1 = Vec::new();
    let mut attachments = Vec::new();
    for (key, random) in keys.iter().zip(&randoms) {
        let (_, pmsg1, attachment) = participant_step1_with_attachment(key, &params, random).expect("step 1");
        pmsgs1.push(pmsg1);
        attachments.push(attachment);
    }
    Round1 {
        keys,
        params,
        randoms,
        pmsgs1,
        attachments,
    }
}

impl<C: ChillDkgCiphersuite> Round1<C> {
    fn t(&self) -> usize {
        self.params.threshold() as usize
    }

    fn n(&self) -> usize {
        self.params.count()
    }

    /// The host public keys' encodings.
    fn pubkeys(&self) -> Vec<Vec<u8>> {
        self.params.hostpubkeys().iter().map(HostPublicKey::to_bytes).collect()
    }

    /// The attachment sender `i` makes for its (altered) message `pmsg1`,
    /// with its own proof of possession or `pop` instead: what a malicious
    /// sender, which holds its host key, can sign.
    pub fn resign(&self, i: usize, pmsg1: &[u8], pop: Option<&[u8]>) -> Vec<u8> {
        let own = self.attachments[i][..SIG].to_vec();
        let pop = pop.map_or(own, <[u8]>::to_vec);
        let session = <P<C> as BlameProfile>::session_hash(&self.params);
        let msg = attachment_message(i, &session, &pop, pmsg1);
        let sig = <P<C> as Profile>::sign("", &msg, &self.keys[i].scalar, &[7u8; 32]).expect("signature");
        let mut out = pop;
        out.extend_from_slice(&sig);
        out
    }

    /// Participant `j`'s step 2 on `cmsg1` (running its step 1 again, which
    /// is deterministic): `Ok` with its state and message, or the error.
    fn step2(&self, j: usize, cmsg1: &[u8]) -> Result<(ParticipantState2<C>, Vec<u8>), Error<C>> {
        let (state1, _) = participant_step1(&self.keys[j], &self.params, &self.randoms[j]).expect("step 1");
        participant_step2(&self.keys[j], state1, cmsg1, &[j as u8 + 1; 32]).map_err(|f| f.error)
    }
}

/// The evidence a cheating accuser can make up, for the framing tests.
#[derive(Copy, Clone, Debug)]
pub enum Framing {
    /// An accusation of an honest sender, with the true ECDH value.
    HonestMessage,
    /// The sender's message altered (its share to the accuser) under the
    /// sender's original signature.
    ForgedMessage,
    /// The ECDH value of another sender's ephemeral key, with a proof that
    /// is valid for that key.
    WrongPoint,
    /// The signed message alone, although nothing in it is invalid.
    NoEcdh,
}

/// The accusation `accuser` makes against `sender` on `message` (under the
/// sender's honest attachment), with or without the ECDH value, whether or
/// not the evidence holds.
pub fn accuse_with<C: ChillDkgCiphersuite>(
    r: &Round1<C>,
    accuser: usize,
    sender: usize,
    message: &[u8],
    reveal: bool,
) -> Accusation<C> {
    let attachment = Attachment::<C>::from_bytes(&r.attachments[sender]).expect("attachment");
    Accusation::<C>::create(
        &r.keys[accuser],
        &r.params,
        accuser,
        sender,
        message,
        &attachment,
        0,
        reveal,
    )
    .expect("accusation")
}

/// The accusation a cheating `accuser` makes against `sender` in `r`.
pub fn frame<C: ChillDkgCiphersuite>(r: &Round1<C>, accuser: usize, sender: usize, how: Framing) -> Accusation<C> {
    let key = &r.keys[accuser];
    let mut message = r.pmsgs1[sender].clone();
    if let Framing::ForgedMessage = how {
        bump_scalar(&mut message, pmsg1_share(r.t(), accuser));
    }
    let reveal = !matches!(how, Framing::NoEcdh);
    let mut accusation = accuse_with(r, accuser, sender, &message, reveal);
    if let Framing::WrongPoint = how {
        // Prove d_j * E_k for another sender k, then present it for E_i.
        let other = (0..r.n()).find(|k| *k != sender && *k != accuser).unwrap_or(accuser);
        let e_other = <P<C> as BlameProfile>::ephemeral_key(&r.params, other, &r.pmsgs1[other]).expect("nonce");
        let session = <P<C> as BlameProfile>::session_hash(&r.params);
        let (points, proof) = crate::keys::standalone::DleqProof::<C>::prove::<P<C>>(
            &key.scalar,
            &[C::Group::generator(), e_other],
            &accusation.transcript(&session),
        )
        .expect("proof");
        accusation.evidence = Evidence::Share {
            ecdh: vec![points[1]],
            proof,
        };
        accusation.sign(key, &r.params).expect("signature");
    }
    accusation
}

/// The label and identifiers of a verdict, for the vectors.
pub(crate) fn verdict_json<C: Ciphersuite>(v: &Verdict<C>) -> Value {
    match v {
        Verdict::SenderGuilty(i) => json!({"verdict": "SenderGuilty", "identifier": i.as_u16()}),
        Verdict::AccuserGuilty(j) => json!({"verdict": "AccuserGuilty", "identifier": j.as_u16()}),
        Verdict::Rejected(reason) => json!({"verdict": "Rejected", "reason": format!("{reason:?}")}),
    }
}

fn error_json<C: Ciphersuite>(e: &Error<C>) -> Value {
    let (class, _) = super::chilldkg::error_class(e);
    let ids: Vec<Option<u16>> = e.culprits().iter().map(Identifier::as_u16).collect();
    json!({"error": class, "culprits": ids})
}

/// The accuser's blame: its accusation's bytes, or the error.
fn blame_json<C: ChillDkgCiphersuite>(result: &Result<Accusation<C>, Error<C>>) -> Value {
    match result {
        Ok(a) => json!({"accusation": hex::encode(a.to_bytes())}),
        Err(e) => error_json(e),
    }
}

/// The fixed session of the vectors: `t = 2`, `n = 3`, keys and randomness
/// hashed from their labels.
fn vector_round1<C: ChillDkgCiphersuite>() -> Round1<C> {
    let h = |label: &str, i: usize| -> [u8; 32] {
        Sha256::new()
            .chain_update(b"FROST-BLAME vectors/")
            .chain_update(label.as_bytes())
            .chain_update([i as u8])
            .finalize()
            .into()
    };
    let keys = (0..3)
        .map(|i| HostSecretKey::from_bytes(&h("host key", i)).expect("below the order"))
        .collect();
    let randoms = (0..3).map(|i| h("random", i)).collect();
    round1(keys, 2, randoms)
}

/// One vector case: the messages the accuser saw, its step-2 error, its
/// blame, and the accusation adjudicated with its verdict.
#[allow(clippy::too_many_arguments)]
fn case<C: ChillDkgCiphersuite>(
    r: &Round1<C>,
    name: &str,
    description: &str,
    pmsgs1: &[Vec<u8>],
    attachments: &[Vec<u8>],
    cmsg1: &[u8],
    accuser: usize,
    accusation: Option<Accusation<C>>,
) -> Value {
    let step2 = match r.step2(accuser, cmsg1) {
        Ok(_) => Value::Null,
        Err(e) => error_json(&e),
    };
    let blame = participant_blame(&r.keys[accuser], &r.params, cmsg1, pmsgs1, attachments);
    let blame_value = if step2.is_null() {
        Value::Null
    } else {
        blame_json(&blame)
    };
    let accusation = accusation.or_else(|| blame.ok()).expect("an accusation to adjudicate");
    let verdict = accusation.verify(&r.params);
    json!({
        "name": name,
        "description": description,
        "pmsgs1": hexes(pmsgs1),
        "attachments": hexes(attachments),
        "cmsg1": hex::encode(cmsg1),
        "accuser": accuser + 1,
        "step2": step2,
        "blame": blame_value,
        "accusation": hex::encode(accusation.to_bytes()),
        "expected": verdict_json(&verdict),
    })
}

/// The vectors' JSON for one suite.
pub fn generate_vectors<C: ChillDkgCiphersuite>() -> String {
    let r = vector_round1::<C>();
    let (t, n) = (r.t(), r.n());
    let honest_cmsg1 = aggregate_pmsgs1(&r.pmsgs1, &r.params).expect("cmsg1");
    let mut cases = Vec::new();

    // A bad share: sender 1 (position 0) adds one to its share for
    // identifier 2 and signs the message it sends.
    let mut pmsgs1 = r.pmsgs1.clone();
    bump_scalar(&mut pmsgs1[0], pmsg1_share(t, 1));
    let mut atts = r.attachments.clone();
    atts[0] = r.resign(0, &pmsgs1[0], None);
    let cmsg1 = aggregate_pmsgs1(&pmsgs1, &r.params).expect("cmsg1");
    cases.push(case(
        &r,
        "bad share",
        "Sender 1 encrypts a wrong share to participant 2 and signs its message; participant 2's accusation reveals d_2 * E_1 and convicts sender 1.",
        &pmsgs1,
        &atts,
        &cmsg1,
        1,
        None,
    ));
    let bad_share = participant_blame(&r.keys[1], &r.params, &cmsg1, &pmsgs1, &atts).expect("accusation");

    // A copied ephemeral key: sender 3 sends sender 1's nonce and proof.
    let mut pmsgs1 = r.pmsgs1.clone();
    let (from, to) = (pmsg1_nonce(t), pmsg1_nonce(t) + EL);
    let stolen = r.pmsgs1[0][from..to].to_vec();
    pmsgs1[2][from..to].copy_from_slice(&stolen);
    let mut atts = r.attachments.clone();
    atts[2] = r.resign(2, &pmsgs1[2], Some(&r.attachments[0][..SIG]));
    let cmsg1 = aggregate_pmsgs1(&pmsgs1, &r.params).expect("cmsg1");
    cases.push(case(
        &r,
        "copied ephemeral key",
        "Sender 3 copies sender 1's ephemeral key and its proof of possession; participant 2 sees the proof fail for sender 3 and accuses it without revealing any ECDH value.",
        &pmsgs1,
        &atts,
        &cmsg1,
        1,
        None,
    ));

    // A bad proof of possession of the VSS constant term (the BIP's own).
    let mut pmsgs1 = r.pmsgs1.clone();
    pmsgs1[0][pmsg1_pop(t) + 40] ^= 1;
    let mut atts = r.attachments.clone();
    atts[0] = r.resign(0, &pmsgs1[0], None);
    let cmsg1 = aggregate_pmsgs1(&pmsgs1, &r.params).expect("cmsg1");
    cases.push(case(
        &r,
        "bad proof of possession",
        "Sender 1 signs a message whose proof of possession of its secret does not verify; the signed message alone convicts it.",
        &pmsgs1,
        &atts,
        &cmsg1,
        2,
        None,
    ));

    // False accusations of an honest sender.
    let framings = [
        (
            Framing::HonestMessage,
            "false accusation",
            "Participant 3 accuses the honest sender 1, revealing the true ECDH value: the share opens correctly and participant 3 is guilty.",
        ),
        (
            Framing::ForgedMessage,
            "forged signature on the message",
            "Participant 2 alters sender 1's share to it and presents the message under sender 1's original signature, which no longer verifies.",
        ),
        (
            Framing::WrongPoint,
            "DLEQ over the wrong point",
            "Participant 2 reveals d_2 * E_3 (with a proof valid for E_3) as if it were d_2 * E_1: the proof fails for sender 1's key.",
        ),
        (
            Framing::NoEcdh,
            "accusation without evidence",
            "Participant 2 accuses the honest sender 1 on its signed message alone, which is valid.",
        ),
    ];
    for (how, name, description) in framings {
        let accuser = if let Framing::HonestMessage = how { 2 } else { 1 };
        let accusation = frame(&r, accuser, 0, how);
        cases.push(case(
            &r,
            name,
            description,
            &r.pmsgs1,
            &r.attachments,
            &honest_cmsg1,
            accuser,
            Some(accusation),
        ));
    }

    // The coordinator alters the summed ciphertext to participant 2.
    let mut cmsg1 = honest_cmsg1.clone();
    bump_scalar(&mut cmsg1, cmsg1_share(t, n, 1));
    cases.push(case(
        &r,
        "coordinator-altered ciphertext",
        "The coordinator alters the summed share to participant 2. Its investigation finds every signed share valid and cmsg1 not their sum: it blames the coordinator. An accusation of sender 1 anyway convicts the accuser, never the sender.",
        &r.pmsgs1,
        &r.attachments,
        &cmsg1,
        1,
        Some(frame(&r, 1, 0, Framing::HonestMessage)),
    ));
    // ... and forwards sender 1's message altered to match.
    let mut pmsgs1 = r.pmsgs1.clone();
    bump_scalar(&mut pmsgs1[0], pmsg1_share(t, 1));
    let forged = accuse_with(&r, 1, 0, &pmsgs1[0], true);
    cases.push(case(
        &r,
        "coordinator-altered forwarded message",
        "The coordinator alters the summed share to participant 2 and sender 1's forwarded message to match. Sender 1's signature fails on it: participant 2 suspects sender 1 or the coordinator and accuses nobody. An accusation on the altered message convicts the accuser, never the sender.",
        &pmsgs1,
        &r.attachments,
        &cmsg1,
        1,
        Some(forged),
    ));

    // The accuser's signature is forged, or the session is another one.
    let mut forged = bad_share.to_bytes();
    let last = forged.len() - 1;
    forged[last] ^= 1;
    let forged = Accusation::<C>::from_bytes(&forged).expect("decodes");
    cases.push(case(
        &r,
        "forged accuser signature",
        "The bad-share accusation with one bit of participant 2's signature flipped: nobody can be blamed.",
        &r.pmsgs1,
        &r.attachments,
        &honest_cmsg1,
        1,
        Some(forged),
    ));

    // A sender's attachment signature fails (sent by the sender or altered).
    let mut atts = r.attachments.clone();
    atts[0][SIG + 5] ^= 1;
    let mut pmsgs1 = r.pmsgs1.clone();
    bump_scalar(&mut pmsgs1[0], pmsg1_share(t, 1));
    let cmsg1 = aggregate_pmsgs1(&pmsgs1, &r.params).expect("cmsg1");
    let blame = participant_blame(&r.keys[1], &r.params, &cmsg1, &pmsgs1, &atts);
    let coordinator = coordinator_check_attachments(&pmsgs1, &atts, &r.params);

    let other_params = SessionParams::<C>::new(&r.pubkeys(), 3).expect("params");
    let file = json!({
        "description": "ChillDKG verifiable blame (frost-core's extension beyond the BIP): attachments, accusations and verdicts. Generated by `cargo run -p frost-vectors`; identifiers are 1-based.",
        "t": t,
        "hostseckeys": hexes(&r.keys.iter().map(|k| k.to_bytes().to_vec()).collect::<Vec<_>>()),
        "hostpubkeys": hexes(&r.params.hostpubkeys().iter().map(HostPublicKey::to_bytes).collect::<Vec<_>>()),
        "randoms": hexes(&r.randoms.iter().map(|x| x.to_vec()).collect::<Vec<_>>()),
        "pmsgs1": hexes(&r.pmsgs1),
        "attachments": hexes(&r.attachments),
        "cmsg1": hex::encode(&honest_cmsg1),
        "cases": cases,
        "invalid_attachment": {
            "description": "Sender 1's attachment signature has a flipped bit and its share to participant 2 is bad: the coordinator names sender 1, participant 2 suspects sender 1 or the coordinator.",
            "pmsgs1": hexes(&pmsgs1),
            "attachments": hexes(&atts),
            "cmsg1": hex::encode(&cmsg1),
            "coordinator": coordinator.err().map_or(Value::Null, |e| error_json(&e)),
            "accuser": 2,
            "blame": blame_json(&blame),
        },
        "other_session": {
            "description": "The bad-share accusation adjudicated with t = 3 instead of 2.",
            "t": 3,
            "accusation": hex::encode(bad_share.to_bytes()),
            "expected": verdict_json(&bad_share.verify(&other_params)),
        },
    });
    let mut text = serde_json::to_string_pretty(&file).expect("JSON");
    text.push('\n');
    text
}

/// Checks the vectors in `dir` (`<suite>.json`, the suite being
/// `secp256k1` or `secp256k1-tr` by `file`) against the library: step 1
/// with attachments gives the exact bytes, each accuser's step 2 and blame
/// give the recorded results, and every accusation decodes, re-encodes and
/// gets its verdict. Returns the number of cases checked.
pub fn check_vectors<C: ChillDkgCiphersuite>(dir: &Path, file: &str) -> usize {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: Value = serde_json::from_str(&text).expect("JSON");
    let keys: Vec<HostSecretKey<C>> = unhexes(&v["hostseckeys"])
        .iter()
        .map(|k| HostSecretKey::from_bytes(k).expect("key"))
        .collect();
    let t = v["t"].as_u64().expect("t") as u32;
    let randoms: Vec<[u8; 32]> = unhexes(&v["randoms"])
        .iter()
        .map(|x| x.as_slice().try_into().expect("32 bytes"))
        .collect();
    let r = round1(keys, t, randoms);
    assert_eq!(hexes(&r.pmsgs1), v["pmsgs1"], "step-1 messages");
    assert_eq!(hexes(&r.attachments), v["attachments"], "attachments");
    assert_eq!(
        hexes(
            &r.params
                .hostpubkeys()
                .iter()
                .map(HostPublicKey::to_bytes)
                .collect::<Vec<_>>()
        ),
        v["hostpubkeys"]
    );
    let mut count = 0;
    for c in v["cases"].as_array().expect("cases") {
        let name = c["name"].as_str().expect("name");
        let pmsgs1 = unhexes(&c["pmsgs1"]);
        let atts = unhexes(&c["attachments"]);
        let cmsg1 = unhex(&c["cmsg1"]);
        let accuser = c["accuser"].as_u64().expect("accuser") as usize - 1;
        let step2 = match r.step2(accuser, &cmsg1) {
            Ok(_) => Value::Null,
            Err(e) => error_json(&e),
        };
        assert_eq!(step2, c["step2"], "{name}: step 2");
        if !c["blame"].is_null() {
            let blame = participant_blame(&r.keys[accuser], &r.params, &cmsg1, &pmsgs1, &atts);
            assert_eq!(blame_json(&blame), c["blame"], "{name}: blame");
        }
        let bytes = unhex(&c["accusation"]);
        let accusation = Accusation::<C>::from_bytes(&bytes).expect("accusation decodes");
        assert_eq!(accusation.to_bytes(), bytes, "{name}: re-encoding");
        assert_eq!(
            verdict_json(&accusation.verify(&r.params)),
            c["expected"],
            "{name}: verdict"
        );
        count += 1;
    }
    let inv = &v["invalid_attachment"];
    let pmsgs1 = unhexes(&inv["pmsgs1"]);
    let atts = unhexes(&inv["attachments"]);
    let cmsg1 = unhex(&inv["cmsg1"]);
    let coordinator = coordinator_check_attachments(&pmsgs1, &atts, &r.params);
    assert_eq!(
        coordinator.err().map_or(Value::Null, |e| error_json(&e)),
        inv["coordinator"]
    );
    let blame = participant_blame(&r.keys[1], &r.params, &cmsg1, &pmsgs1, &atts);
    assert_eq!(blame_json(&blame), inv["blame"]);
    count += 1;
    let other = &v["other_session"];
    let other_params = SessionParams::<C>::new(&r.pubkeys(), other["t"].as_u64().expect("t") as u32).expect("params");
    let accusation = Accusation::<C>::from_bytes(&unhex(&other["accusation"])).expect("decodes");
    assert_eq!(verdict_json(&accusation.verify(&other_params)), other["expected"]);
    count + 1
}

/// The verdicts the vectors must record, asserted on freshly generated ones
/// (so a wrong verdict cannot be regenerated into the files unnoticed).
pub fn check_vector_verdicts<C: ChillDkgCiphersuite>() {
    let v: Value = serde_json::from_str(&generate_vectors::<C>()).expect("JSON");
    let want = [
        ("bad share", "SenderGuilty", Some(1)),
        ("copied ephemeral key", "SenderGuilty", Some(3)),
        ("bad proof of possession", "SenderGuilty", Some(1)),
        ("false accusation", "AccuserGuilty", Some(3)),
        ("forged signature on the message", "AccuserGuilty", Some(2)),
        ("DLEQ over the wrong point", "AccuserGuilty", Some(2)),
        ("accusation without evidence", "AccuserGuilty", Some(2)),
        ("coordinator-altered ciphertext", "AccuserGuilty", Some(2)),
        ("coordinator-altered forwarded message", "AccuserGuilty", Some(2)),
        ("forged accuser signature", "Rejected", None),
    ];
    let cases = v["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), want.len());
    for (c, (name, verdict, who)) in cases.iter().zip(want) {
        assert_eq!(c["name"], name);
        assert_eq!(c["expected"]["verdict"], verdict, "{name}");
        if let Some(who) = who {
            assert_eq!(c["expected"]["identifier"], who, "{name}");
        }
    }
    let blame_of = |name: &str| cases.iter().find(|c| c["name"] == name).expect("case")["blame"].clone();
    assert!(blame_of("bad share")["accusation"].is_string());
    assert!(blame_of("copied ephemeral key")["accusation"].is_string());
    assert_eq!(
        blame_of("coordinator-altered ciphertext")["error"],
        "FaultyCoordinatorError"
    );
    assert_eq!(
        blame_of("coordinator-altered forwarded message"),
        json!({"error": "FaultyParticipantOrCoordinatorError", "culprits": [1]})
    );
    assert_eq!(
        v["invalid_attachment"]["coordinator"]["error"],
        "FaultyParticipantError"
    );
    assert_eq!(
        v["invalid_attachment"]["blame"]["error"],
        "FaultyParticipantOrCoordinatorError"
    );
    assert_eq!(v["other_session"]["expected"]["reason"], "AccuserSignature");
}

// ---------------------------------------------------------------------------
// Fault injection
// ---------------------------------------------------------------------------

/// One injected fault.
#[derive(Copy, Clone, Debug)]
pub enum Fault {
    /// Sender `0` encrypts a wrong share to recipient `1` (and signs it).
    BadShare(usize, usize),
    /// Sender `0` signs a message with an invalid proof of possession.
    BadPop(usize),
    /// Sender `0` copies sender `1`'s ephemeral key and its proof.
    CopiedEphemeralKey(usize, usize),
    /// Sender `0` sends a wrong share to `1` and an invalid attachment.
    BadAttachment(usize, usize),
    /// Sender `0` flips byte `1` (modulo the length) of its message, bit
    /// `2`, and signs the result.
    FlippedByte(usize, usize, u8),
    /// The coordinator alters the summed share to recipient `0`.
    CoordinatorShare(usize),
    /// The coordinator alters the summed share to recipient `1` and sender
    /// `0`'s forwarded message to match.
    CoordinatorForward(usize, usize),
    /// The coordinator replaces sender `0`'s nonce in `cmsg1` by sender `1`'s.
    CoordinatorNonce(usize, usize),
}

impl Fault {
    /// The faulty participant's position, or `None` for the coordinator.
    pub fn culprit(&self) -> Option<usize> {
        match *self {
            Fault::BadShare(i, _)
            | Fault::BadPop(i)
            | Fault::CopiedEphemeralKey(i, _)
            | Fault::BadAttachment(i, _)
            | Fault::FlippedByte(i, _, _) => Some(i),
            Fault::CoordinatorShare(_) | Fault::CoordinatorForward(..) | Fault::CoordinatorNonce(..) => None,
        }
    }

    /// A random fault in a session of `n >= 2` participants.
    pub fn random<R: Rng>(rng: &mut R, n: usize) -> Self {
        let i = rng.random_range(0..n);
        let other = (i + rng.random_range(1..n)) % n;
        match rng.random_range(0..8) {
            0 => Fault::BadShare(i, other),
            1 => Fault::BadPop(i),
            2 => Fault::CopiedEphemeralKey(i, other),
            3 => Fault::BadAttachment(i, other),
            4 => Fault::FlippedByte(i, rng.random_range(0..100_000), rng.random_range(0..8)),
            5 => Fault::CoordinatorShare(i),
            6 => Fault::CoordinatorForward(i, other),
            _ => Fault::CoordinatorNonce(i, other),
        }
    }
}

/// What every participant ended with.
#[derive(Debug)]
pub enum Ending<C: ChillDkgCiphersuite> {
    /// The session succeeded for it.
    Output(DkgOutput<C>, RecoveryData),
    /// It got no coordinator message (the coordinator refused, naming the error).
    NoCmsg1(Error<C>),
    /// Its step 2 failed; its investigation gave this.
    Blame(Error<C>, Result<Accusation<C>, Error<C>>),
    /// Its step 2 passed but the session did not finish (another participant aborted).
    Waiting,
}

/// Runs a session with one fault, as the participants and the coordinator
/// would: the coordinator checks the attachments and aggregates, each
/// participant runs step 2 and, on failure, investigates with the forwarded
/// messages.
pub fn run_with_fault<C: ChillDkgCiphersuite>(r: &Round1<C>, fault: Fault) -> Vec<Ending<C>> {
    let (t, n) = (r.t(), r.n());
    let mut pmsgs1 = r.pmsgs1.clone();
    let mut atts = r.attachments.clone();
    match fault {
        Fault::BadShare(i, j) => {
            bump_scalar(&mut pmsgs1[i], pmsg1_share(t, j));
            atts[i] = r.resign(i, &pmsgs1[i], None);
        }
        Fault::BadPop(i) => {
            pmsgs1[i][pmsg1_pop(t) + 40] ^= 1;
            atts[i] = r.resign(i, &pmsgs1[i], None);
        }
        Fault::CopiedEphemeralKey(i, k) => {
            let (from, to) = (pmsg1_nonce(t), pmsg1_nonce(t) + EL);
            let stolen = r.pmsgs1[k][from..to].to_vec();
            pmsgs1[i][from..to].copy_from_slice(&stolen);
            atts[i] = r.resign(i, &pmsgs1[i], Some(&r.attachments[k][..SIG]));
        }
        Fault::BadAttachment(i, j) => {
            bump_scalar(&mut pmsgs1[i], pmsg1_share(t, j));
            atts[i][SIG + 3] ^= 0x10;
        }
        Fault::FlippedByte(i, at, bit) => {
            let at = at % pmsgs1[i].len();
            pmsgs1[i][at] ^= 1 << bit;
            atts[i] = r.resign(i, &pmsgs1[i], None);
        }
        _ => {}
    }
    // The coordinator: it sees what the senders sent.
    let checked = coordinator_check_attachments(&pmsgs1, &atts, &r.params);
    let mut forwarded = pmsgs1.clone();
    // An honest coordinator may check the attachments before forwarding:
    // it names exactly the senders whose attachment is bad. Here it
    // forwards anyway, so that the participants' investigation (where the
    // attachments are checked in the end) is what the test exercises.
    match (fault, &checked) {
        (Fault::CopiedEphemeralKey(i, _) | Fault::BadAttachment(i, _), _) => {
            assert_eq!(checked, Err(Error::FaultyParticipant { culprit: id(i) }), "{fault:?}");
        }
        (Fault::FlippedByte(i, ..), Err(e)) => assert_eq!(e, &Error::FaultyParticipant { culprit: id(i) }),
        _ => assert_eq!(checked, Ok(()), "{fault:?}"),
    }
    let cmsg1 = match aggregate_pmsgs1(&pmsgs1, &r.params) {
        Err(e) if fault.culprit().is_some() => {
            // An honest coordinator stops and names the sender.
            return (0..n).map(|_| Ending::NoCmsg1(e.clone())).collect();
        }
        Ok(mut cmsg1) => {
            match fault {
                Fault::CoordinatorShare(j) => bump_scalar(&mut cmsg1, cmsg1_share(t, n, j)),
                Fault::CoordinatorForward(i, j) => {
                    bump_scalar(&mut cmsg1, cmsg1_share(t, n, j));
                    bump_scalar(&mut forwarded[i], pmsg1_share(t, j));
                }
                Fault::CoordinatorNonce(i, k) => {
                    let nonce = r.pmsgs1[k][pmsg1_nonce(t)..pmsg1_nonce(t) + EL].to_vec();
                    let at = cmsg1_nonce(t, n, i);
                    cmsg1[at..at + EL].copy_from_slice(&nonce);
                }
                _ => {}
            }
            cmsg1
        }
        Err(e) => panic!("honest senders, yet the aggregation failed: {e:?}"),
    };
    let mut states2 = Vec::new();
    let mut endings: Vec<Option<Ending<C>>> = (0..n).map(|_| None).collect();
    let mut pmsgs2 = Vec::new();
    for (j, ending) in endings.iter_mut().enumerate() {
        match r.step2(j, &cmsg1) {
            Ok((s2, m)) => {
                states2.push((j, s2));
                pmsgs2.push(m);
            }
            Err(e) => {
                let blame = participant_blame(&r.keys[j], &r.params, &cmsg1, &forwarded, &atts);
                *ending = Some(Ending::Blame(e, blame));
            }
        }
    }
    if pmsgs2.len() == n {
        let (cstate, _) = coordinator_step1(&pmsgs1, &r.params).expect("aggregation");
        let (cmsg2, _, _) = coordinator_finalize(cstate, &pmsgs2).expect("certificate");
        for (j, s2) in states2 {
            let (out, rec) = participant_finalize(s2, &cmsg2).map_err(|(_, e)| e).expect("finalize");
            endings[j] = Some(Ending::Output(out, rec));
        }
    }
    endings.into_iter().map(|e| e.unwrap_or(Ending::Waiting)).collect()
}

/// The four properties of issue 17 for one session and one fault:
///
/// 1. the honest parties either all finish with equal outputs, or, when the
///    coordinator is honest, every honest party that aborts blames the
///    faulty party (verifiably, by an accusation that convicts it, unless
///    the faulty party's own attachment is invalid);
/// 2. an accusation never convicts an honest sender and always convicts a
///    bad one;
/// 3. no accuser can frame a sender (the faulty participant's made-up
///    accusations convict itself);
/// 4. recovery reproduces the output.
pub fn check_fault<C: ChillDkgCiphersuite>(r: &Round1<C>, fault: Fault) {
    let n = r.n();
    let culprit = fault.culprit();
    let endings = run_with_fault(r, fault);
    let ctx = format!("t = {}, n = {n}, {fault:?}", r.t());
    let mut outputs = Vec::new();
    for (j, ending) in endings.iter().enumerate() {
        if Some(j) == culprit {
            continue;
        }
        match ending {
            Ending::Output(out, rec) => {
                let (recovered, _) = participant_recover(&r.keys[j], rec).expect("recovery");
                assert_eq!(&recovered, out, "{ctx}: recovery of {j}");
                let (_, key, shares) = out.bip_fields();
                outputs.push((key, shares));
            }
            Ending::NoCmsg1(e) => {
                let i = culprit.unwrap_or_else(|| panic!("{ctx}: coordinator stopped without a faulty sender: {e:?}"));
                assert_eq!(e, &Error::FaultyParticipant { culprit: id(i) }, "{ctx}");
            }
            Ending::Blame(step2, blame) => match (culprit, blame) {
                (Some(i), Ok(a)) => {
                    assert_eq!(
                        a.verify(&r.params),
                        Verdict::SenderGuilty(id(i)),
                        "{ctx}: {j}'s accusation"
                    );
                    assert_eq!(a.accuser(), id(j));
                    let back = Accusation::<C>::from_bytes(&a.to_bytes()).expect("decodes");
                    assert_eq!(back, *a);
                }
                (Some(i), Err(e)) => {
                    assert!(
                        matches!(fault, Fault::BadAttachment(..)),
                        "{ctx}: participant {j} accused nobody ({e:?} after {step2:?})"
                    );
                    assert_eq!(e, &Error::FaultyParticipantOrCoordinator { culprit: id(i) }, "{ctx}");
                }
                (None, Ok(a)) => panic!("{ctx}: honest senders, yet {j} accused: {a:?}"),
                (None, Err(e)) => assert!(
                    matches!(
                        e,
                        Error::FaultyCoordinator | Error::FaultyParticipantOrCoordinator { .. }
                    ),
                    "{ctx}: {j} after a coordinator fault: {e:?}"
                ),
            },
            Ending::Waiting => {}
        }
    }
    if endings.iter().all(|e| matches!(e, Ending::Output(..))) {
        assert!(outputs.windows(2).all(|w| w[0] == w[1]), "{ctx}: outputs differ");
    }
    // No accuser can frame an honest sender.
    if let Some(f) = culprit {
        for sender in (0..n).filter(|s| *s != f) {
            for how in [
                Framing::HonestMessage,
                Framing::ForgedMessage,
                Framing::WrongPoint,
                Framing::NoEcdh,
            ] {
                let a = frame(r, f, sender, how);
                assert_eq!(
                    a.verify(&r.params),
                    Verdict::AccuserGuilty(id(f)),
                    "{ctx}: {f} framing {sender} by {how:?}"
                );
            }
        }
    }
}

/// Fault injection over `cases` random sessions from `seed`: random
/// `t <= n <= max_n` (at least 2 participants), one random fault each.
pub fn check_fault_injection<C: ChillDkgCiphersuite>(seed: u64, cases: usize, max_n: usize) {
    let mut rng = super::rng(seed);
    for _ in 0..cases {
        let n = rng.random_range(2..=max_n);
        let t = rng.random_range(1..=n) as u32;
        let keys = (0..n).map(|_| HostSecretKey::generate(&mut rng)).collect();
        let randoms = (0..n).map(|_| rng.random()).collect();
        let r = round1::<C>(keys, t, randoms);
        let fault = Fault::random(&mut rng, n);
        check_fault(&r, fault);
    }
}

/// Every fault kind once, in a 3-of-5 session (the debug-mode smoke test).
pub fn check_every_fault<C: ChillDkgCiphersuite>() {
    let mut rng = super::rng(17);
    let keys = (0..5).map(|_| HostSecretKey::generate(&mut rng)).collect();
    let randoms = (0..5).map(|_| rng.random()).collect();
    let r = round1::<C>(keys, 3, randoms);
    for fault in [
        Fault::BadShare(0, 4),
        Fault::BadPop(2),
        Fault::CopiedEphemeralKey(3, 1),
        Fault::BadAttachment(1, 0),
        Fault::FlippedByte(4, 0, 3),
        Fault::FlippedByte(4, 200, 0),
        Fault::CoordinatorShare(2),
        Fault::CoordinatorForward(1, 3),
        Fault::CoordinatorNonce(0, 2),
    ] {
        check_fault(&r, fault);
    }
}

/// The decoders refuse what they should: one case per class.
pub fn check_decoding<C: ChillDkgCiphersuite>() {
    use crate::DecodeError;
    let decode_error = |e: Error<C>| match e {
        Error::Decode { error, .. } => error,
        other => panic!("not a decoding error: {other:?}"),
    };
    let r = vector_round1::<C>();
    // Attachments: a proof and at least one signature, in whole signatures.
    let a = &r.attachments[0];
    assert_eq!(Attachment::<C>::from_bytes(a).expect("decodes").to_bytes(), *a);
    assert_eq!(
        decode_error(Attachment::<C>::from_bytes(&a[..SIG]).unwrap_err()),
        DecodeError::Truncated
    );
    let mut longer = a.clone();
    longer.push(0);
    assert_eq!(
        decode_error(Attachment::<C>::from_bytes(&longer).unwrap_err()),
        DecodeError::TrailingBytes
    );
    // Accusations.
    let honest = frame(&r, 1, 0, Framing::HonestMessage).to_bytes();
    let accusation = Accusation::<C>::from_bytes(&honest).expect("decodes");
    assert_eq!(accusation.to_bytes(), honest);
    assert!(accusation.reveals_ecdh());
    assert_eq!(accusation.sender(), id(0));
    assert_eq!(accusation.message(), &r.pmsgs1[0][..]);
    // Debug names the parties only: no field of the evidence.
    let dbg = format!("{accusation:?}");
    assert!(
        !dbg.contains("evidence") && !dbg.contains("message") && !dbg.contains("signature"),
        "{dbg}"
    );
    let refused = |bytes: &[u8]| decode_error(Accusation::<C>::from_bytes(bytes).unwrap_err());
    let mut trailing = honest.clone();
    trailing.push(0);
    assert_eq!(refused(&trailing), DecodeError::TrailingBytes);
    assert_eq!(refused(&honest[..honest.len() - 1]), DecodeError::Truncated);
    let mut same = honest.clone();
    same[7] = 0; // accuser position 0 = sender position 0
    assert_eq!(refused(&same), DecodeError::InvalidValue);
    let mut huge = honest.clone();
    huge[0..4].copy_from_slice(&70000u32.to_be_bytes());
    assert_eq!(refused(&huge), DecodeError::InvalidValue);
    let mut long_message = honest.clone();
    long_message[8..12].copy_from_slice(&u32::MAX.to_be_bytes());
    assert_eq!(refused(&long_message), DecodeError::Truncated);
    let tag_at = 12 + r.pmsgs1[0].len() + 2 * SIG;
    let mut tag = honest.clone();
    tag[tag_at] = 2;
    assert_eq!(refused(&tag), DecodeError::InvalidTag);
    let mut count = honest.clone();
    count[tag_at + 1] = 0;
    assert_eq!(refused(&count), DecodeError::InvalidValue);
    let mut point = honest.clone();
    point[tag_at + 2] = 0x05;
    assert_eq!(refused(&point), DecodeError::MalformedElement);
    let mut scalar = honest.clone();
    for b in &mut scalar[tag_at + 2 + EL..tag_at + 2 + EL + SL] {
        *b = 0xff;
    }
    assert_eq!(refused(&scalar), DecodeError::MalformedScalar);
    // A proof alone.
    assert_eq!(
        decode_error(crate::keys::standalone::DleqProof::<C>::from_bytes(&[0u8; 63]).unwrap_err()),
        DecodeError::Truncated
    );
    // Positions outside the session are rejected, not decoded as guilt.
    let two = SessionParams::<C>::new(&r.pubkeys()[..2], 1).expect("params");
    let third = frame(&r, 2, 0, Framing::HonestMessage);
    assert_eq!(third.verify(&two), Verdict::Rejected(Rejection::NotInSession));
    // The caller's input errors of the blame functions.
    assert_eq!(
        participant_blame(&r.keys[0], &r.params, &[], &r.pmsgs1[..2], &r.attachments).unwrap_err(),
        Error::IncorrectNumberOfMessages { expected: 3, got: 2 }
    );
    let stranger = HostSecretKey::<C>::from_bytes(&[9u8; 32]).expect("key");
    assert_eq!(
        participant_blame(&stranger, &r.params, &[], &r.pmsgs1, &r.attachments).unwrap_err(),
        Error::HostKeyNotInSession
    );
    assert_eq!(
        coordinator_check_attachments(&r.pmsgs1, &r.attachments[..1], &r.params).unwrap_err(),
        Error::IncorrectNumberOfMessages { expected: 3, got: 1 }
    );
    assert_eq!(
        coordinator_check_attachments(&r.pmsgs1, &r.attachments, &r.params),
        Ok(())
    );
    // An honest run's investigation finds nothing.
    let cmsg1 = aggregate_pmsgs1(&r.pmsgs1, &r.params).expect("cmsg1");
    assert_eq!(
        participant_blame(&r.keys[0], &r.params, &cmsg1, &r.pmsgs1, &r.attachments).unwrap_err(),
        Error::UnknownFault
    );
    // Our own message altered on the way back is the coordinator's doing.
    let mut own = r.pmsgs1.clone();
    own[0][0] ^= 1;
    assert_eq!(
        participant_blame(&r.keys[0], &r.params, &cmsg1, &own, &r.attachments).unwrap_err(),
        Error::FaultyCoordinator
    );
}
