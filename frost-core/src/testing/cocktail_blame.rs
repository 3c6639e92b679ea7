//! COCKTAIL-DKG's verifiable blame: the vectors (`vectors/cocktail-blame/`),
//! one case per class of evidence, and fault injection over random sessions
//! (random `t <= n <= 12`, random tampering by any participant or by the
//! coordinator). Run for each suite with [`crate::cocktail_blame_tests!`].
//!
//! Identifiers in the vectors are 1-based (position `i` is identifier
//! `i + 1`), as everywhere in our API.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::ops::Range;
use std::path::Path;

use rand::{Rng, RngExt};
use serde_json::{Value, json};

use super::chilldkg_blame::{hexes, id, unhex, unhexes, verdict_json};
use super::cocktail::CounterRng;
use crate::keys::cocktail::*;
use crate::keys::standalone::BlameProfile;
use crate::keys::standalone::blame::{Evidence, attachment_message};
use crate::{Ciphersuite, Error, Group, Identifier, Scalar};

type P<C> = CocktailBlame<C>;

fn el<C: CocktailCiphersuite>() -> usize {
    C::Group::ELEMENT_LEN
}

fn sig<C: CocktailCiphersuite>() -> usize {
    <P<C> as BlameProfile>::SIGNATURE_LEN
}

/// `C || PoP || E`: where a message's block ends.
fn block_len<C: CocktailCiphersuite>(t: usize) -> usize {
    t * el::<C>() + sig::<C>() + el::<C>()
}

/// The spec's PoP in a `msg1` or in a sender's part of a `msg2`.
fn pop_range<C: CocktailCiphersuite>(t: usize) -> Range<usize> {
    t * el::<C>()..t * el::<C>() + sig::<C>()
}

/// The ephemeral key in a block.
fn ephemeral_range<C: CocktailCiphersuite>(t: usize) -> Range<usize> {
    t * el::<C>() + sig::<C>()..block_len::<C>(t)
}

/// The framed ciphertexts after `start`: each one's bytes (without the
/// frame), in order.
fn frames(msg: &[u8], mut at: usize, count: usize) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let len = u64::from_be_bytes(msg[at..at + 8].try_into().expect("8 bytes")) as usize;
        out.push(at + 8..at + 8 + len);
        at += 8 + len;
    }
    out
}

/// Ciphertext `j` of a `msg1`.
fn msg1_ct<C: CocktailCiphersuite>(msg1: &[u8], t: usize, n: usize, j: usize) -> Range<usize> {
    frames(msg1, block_len::<C>(t), n)[j].clone()
}

/// Sender `i`'s part of a `msg2`.
fn msg2_part<C: CocktailCiphersuite>(msg2: &[u8], t: usize, i: usize) -> Range<usize> {
    let mut at = 0;
    for k in 0..=i {
        let ct = frames(msg2, at + block_len::<C>(t), 1)[0].clone();
        if k == i {
            return at..ct.end;
        }
        at = ct.end;
    }
    unreachable!()
}

/// The slice sender `i` signs for `j`, cut from its `msg1`.
fn slice_of<C: CocktailCiphersuite>(msg1: &[u8], t: usize, n: usize, j: usize) -> Vec<u8> {
    let ct = msg1_ct::<C>(msg1, t, n, j);
    let mut out = (j as u32).to_be_bytes().to_vec();
    out.extend_from_slice(&msg1[..block_len::<C>(t)]);
    out.extend_from_slice(&msg1[ct.start - 8..ct.end]);
    out
}

/// One session's first round with attachments, all honest.
pub struct Round1<C: CocktailCiphersuite> {
    /// The host secret keys, in session order.
    pub keys: Vec<HostSecretKey<C>>,
    /// The session.
    pub session: SessionContext<C>,
    /// The seed of every participant's step-1 randomness.
    pub seed: Vec<u8>,
    /// The step-1 messages.
    pub msgs1: Vec<Vec<u8>>,
    /// The attachments.
    pub attachments: Vec<Vec<u8>>,
}

impl<C: CocktailCiphersuite> Round1<C> {
    fn t(&self) -> usize {
        self.session.params().threshold() as usize
    }

    fn n(&self) -> usize {
        self.session.params().count()
    }

    fn rng(&self, i: usize) -> CounterRng<C> {
        CounterRng::<C>::new(&self.seed, self.t() as u32, self.n() as u32, i + 1)
    }

    /// Participant `i`'s polynomial coefficients and ephemeral secret: what
    /// its step 1 drew.
    fn secrets(&self, i: usize) -> (Vec<Scalar<C>>, Scalar<C>) {
        let mut rng = self.rng(i);
        let coeffs = (0..self.t()).map(|_| random_nonzero_scalar::<C, _>(&mut rng)).collect();
        (coeffs, random_nonzero_scalar::<C, _>(&mut rng))
    }

    /// The attachment sender `i` makes for its (altered) message `msg1`,
    /// with its own proof of possession of its ephemeral key or `pop`
    /// instead: what a malicious sender, which holds its host key, can sign.
    pub fn resign(&self, i: usize, msg1: &[u8], pop: Option<&[u8]>) -> Vec<u8> {
        let own = self.attachments[i][..sig::<C>()].to_vec();
        let pop = pop.map_or(own, <[u8]>::to_vec);
        let session = <P<C> as BlameProfile>::session_hash(&self.session);
        let mut out = pop.clone();
        for j in 0..self.n() {
            let msg = attachment_message(i, &session, &pop, &slice_of::<C>(msg1, self.t(), self.n(), j));
            out.extend_from_slice(
                &<P<C> as BlameProfile>::sign(&msg, &self.keys[i].scalar, &[0; 32]).expect("signature"),
            );
        }
        out
    }

    /// Sender `i`'s `msg1` with its share to `j` replaced by `share + 1`,
    /// correctly encrypted: a bad share that decrypts.
    pub fn bad_share_msg1(&self, i: usize, j: usize) -> Vec<u8> {
        let (coeffs, e) = self.secrets(i);
        let x = C::Group::scalar_from_u64(j as u64 + 1);
        let share = coeffs.iter().rev().fold(C::Group::zero(), |acc, a| acc * x + *a) + C::Group::one();
        let recipient = &self.session.params().hostpubkeys()[j];
        let ct = encrypt_share::<C>(
            &self.keys[i],
            &e,
            recipient,
            self.session.context(),
            &C::cocktail_scalar_bytes(&share),
        );
        let mut msg1 = self.msgs1[i].clone();
        let range = msg1_ct::<C>(&msg1, self.t(), self.n(), j);
        assert_eq!(range.len(), ct.len());
        msg1[range].copy_from_slice(&ct);
        msg1
    }

    /// Sender `i`'s `msg1` with `k`'s ephemeral key and a fresh proof of
    /// possession of its constant term over it (the ciphertexts stay
    /// encrypted under its own ephemeral key): a copied ephemeral key.
    fn copied_ephemeral_msg1(&self, i: usize, k: usize) -> Vec<u8> {
        let t = self.t();
        let (coeffs, _) = self.secrets(i);
        let mut msg1 = self.msgs1[i].clone();
        let er = ephemeral_range::<C>(t);
        msg1[er.clone()].copy_from_slice(&self.msgs1[k][er.clone()]);
        let mut pop_msg = self.session.context().to_vec();
        pop_msg.extend_from_slice(&msg1[..t * el::<C>()]);
        pop_msg.extend_from_slice(&msg1[er]);
        let pop = schnorr_trace::<C>(&coeffs[0], &pop_msg).signature;
        msg1[pop_range::<C>(t)].copy_from_slice(&pop);
        msg1
    }

    /// Participant `j`'s step 2 on `msg2` (running its step 1 again, which
    /// is deterministic): `Ok` with its state and signature, or the error.
    pub fn step2(&self, j: usize, msg2: &[u8]) -> Result<(ParticipantState2<C>, Vec<u8>), Error<C>> {
        let (state1, _) =
            participant_step1(&self.keys[j], &self.session, &[] as &[&[u8]], &mut self.rng(j)).expect("step 1");
        participant_step2(&self.keys[j], state1, msg2, Extension::Bytes(b"")).map_err(|f| f.error)
    }

    /// The coordinator's `msg2` and attachment message for every recipient.
    pub fn relay(&self, msgs1: &[Vec<u8>], atts: &[Vec<u8>]) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
        let (_, msgs2) = coordinator_step1(msgs1, &self.session).expect("coordinator step 1");
        let projections = (0..self.n())
            .map(|j| coordinator_attachment_projection(atts, &self.session, j).expect("projection"))
            .collect();
        (msgs2, projections)
    }
}

/// Runs step 1 with attachments for every participant, the randomness of
/// participant `i` being the vectors' counter stream from `seed`.
pub fn round1<C: CocktailCiphersuite>(
    keys: Vec<HostSecretKey<C>>,
    t: u32,
    session_id: &[u8],
    seed: &[u8],
) -> Round1<C> {
    let pubkeys: Vec<Vec<u8>> = keys.iter().map(|k| k.public_key().to_bytes()).collect();
    let params = SessionParams::new(&pubkeys, t).expect("valid parameters");
    let n = params.count() as u32;
    let session = SessionContext::new(params, session_id);
    let mut msgs1 = Vec::new();
    let mut attachments = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let mut rng = CounterRng::<C>::new(seed, t, n, i + 1);
        let (_, msg1, attachment) =
            participant_step1_with_attachment(key, &session, &[] as &[&[u8]], &mut rng).expect("step 1");
        msgs1.push(msg1);
        attachments.push(attachment);
    }
    Round1 {
        keys,
        session,
        seed: seed.to_vec(),
        msgs1,
        attachments,
    }
}

/// The evidence a cheating accuser can make up, for the framing tests.
#[derive(Copy, Clone, Debug)]
pub enum Framing {
    /// An accusation of an honest sender, with the true ECDH values.
    HonestMessage,
    /// The sender's ciphertext to the accuser altered under the sender's
    /// original signature.
    ForgedMessage,
    /// `d_j * E_k` of another sender `k`, with a proof valid for `E_k`.
    WrongPoint,
    /// `d_j * P_k` of another sender `k` as the static secret, with a proof
    /// valid for `P_k`.
    WrongStatic,
    /// The signed slice alone, although nothing in it is invalid.
    NoEcdh,
    /// The slice (and signature) the sender made for another recipient,
    /// which a coordinator could hand over: it holds nothing against the
    /// sender for the accuser.
    OtherRecipient,
}

/// Every framing.
pub const FRAMINGS: [Framing; 6] = [
    Framing::HonestMessage,
    Framing::ForgedMessage,
    Framing::WrongPoint,
    Framing::WrongStatic,
    Framing::NoEcdh,
    Framing::OtherRecipient,
];

/// The attachment of `sender` (in `atts`) as recipient `j` receives it: the
/// proof and the one signature over `j`'s slice.
fn received_attachment<C: CocktailCiphersuite>(
    session: &SessionContext<C>,
    atts: &[Vec<u8>],
    sender: usize,
    j: usize,
) -> Attachment<C> {
    let projection = coordinator_attachment_projection(atts, session, j).expect("projection");
    let s = sig::<C>();
    Attachment::<C>::from_bytes(&projection[2 * s * sender..2 * s * (sender + 1)]).expect("attachment")
}

/// The accusation `accuser` makes against `sender` on `slice` (under the
/// sender's honest signature for `signed_for`), with or without the ECDH
/// values, whether or not the evidence holds.
pub fn accuse_with<C: CocktailCiphersuite>(
    r: &Round1<C>,
    accuser: usize,
    sender: usize,
    slice: &[u8],
    signed_for: usize,
    reveal: bool,
) -> Accusation<C> {
    let attachment = received_attachment(&r.session, &r.attachments, sender, signed_for);
    Accusation::<C>::create(
        &r.keys[accuser],
        &r.session,
        accuser,
        sender,
        slice,
        &attachment,
        0,
        reveal,
    )
    .expect("accusation")
}

/// The accusation a cheating `accuser` makes against `sender` in `r`.
pub fn frame<C: CocktailCiphersuite>(r: &Round1<C>, accuser: usize, sender: usize, how: Framing) -> Accusation<C> {
    let (t, n) = (r.t(), r.n());
    let other = (0..n).find(|k| *k != sender && *k != accuser).unwrap_or(accuser);
    let signed_for = if let Framing::OtherRecipient = how {
        other
    } else {
        accuser
    };
    let mut slice = slice_of::<C>(&r.msgs1[sender], t, n, signed_for);
    if let Framing::ForgedMessage = how {
        let last = slice.len() - 1;
        slice[last] ^= 1;
    }
    let reveal = !matches!(how, Framing::NoEcdh);
    let mut accusation = accuse_with(r, accuser, sender, &slice, signed_for, reveal);
    if let Framing::WrongPoint | Framing::WrongStatic = how {
        let key = &r.keys[accuser];
        let e_sender = <P<C> as BlameProfile>::ephemeral_key(&r.session, sender, &slice).expect("key");
        let p_sender = r.session.params().hostpubkeys()[sender].element;
        let e_other =
            <P<C> as BlameProfile>::ephemeral_key(&r.session, other, &slice_of::<C>(&r.msgs1[other], t, n, accuser))
                .expect("key");
        let p_other = r.session.params().hostpubkeys()[other].element;
        let bases = if let Framing::WrongPoint = how {
            [C::Group::generator(), e_other, p_sender]
        } else {
            [C::Group::generator(), e_sender, p_other]
        };
        let session = <P<C> as BlameProfile>::session_hash(&r.session);
        let (points, proof) = crate::keys::standalone::DleqProof::<C>::prove::<P<C>>(
            &key.scalar,
            &bases,
            &accusation.transcript(&session),
        )
        .expect("proof");
        accusation.evidence = Evidence::Share {
            ecdh: points[1..].to_vec(),
            proof,
        };
        accusation.sign(key, &r.session).expect("signature");
    }
    accusation
}

fn error_json<C: Ciphersuite>(e: &Error<C>) -> Value {
    let (class, _) = super::cocktail::error_label(e);
    let ids: Vec<Option<u16>> = e.culprits().iter().map(Identifier::as_u16).collect();
    json!({"error": class, "culprits": ids})
}

/// The accuser's blame: its accusation's bytes, or the error.
fn blame_json<C: CocktailCiphersuite>(result: &Result<Accusation<C>, Error<C>>) -> Value {
    match result {
        Ok(a) => json!({"accusation": hex::encode(a.to_bytes())}),
        Err(e) => error_json(e),
    }
}

/// The fixed session of the vectors: `t = 2`, `n = 3`, keys and randomness
/// hashed from their labels with the suite's hash.
pub fn vector_round1<C: CocktailCiphersuite>() -> Round1<C> {
    let seed = b"FROST-BLAME COCKTAIL vectors";
    let keys = (0..3)
        .map(|i| super::cocktail::static_key::<C>(seed, 2, 3, i + 1))
        .collect();
    round1(keys, 2, b"FROST-BLAME COCKTAIL vector session", seed)
}

/// One vector case: what the accuser received, its step-2 error, its blame,
/// and the accusation adjudicated with its verdict.
#[allow(clippy::too_many_arguments)]
fn case<C: CocktailCiphersuite>(
    r: &Round1<C>,
    name: &str,
    description: &str,
    msg2: &[u8],
    attachments: &[u8],
    accuser: usize,
    accusation: Option<Accusation<C>>,
) -> Value {
    let step2 = match r.step2(accuser, msg2) {
        Ok(_) => Value::Null,
        Err(e) => error_json(&e),
    };
    let blame = participant_blame(&r.keys[accuser], &r.session, msg2, attachments);
    let blame_value = if step2.is_null() {
        Value::Null
    } else {
        blame_json(&blame)
    };
    let accusation = accusation.or_else(|| blame.ok()).expect("an accusation to adjudicate");
    let verdict = accusation.verify(&r.session);
    json!({
        "name": name,
        "description": description,
        "accuser": accuser + 1,
        "msg2": hex::encode(msg2),
        "attachments": hex::encode(attachments),
        "step2": step2,
        "blame": blame_value,
        "accusation": hex::encode(accusation.to_bytes()),
        "expected": verdict_json(&verdict),
    })
}

/// The vectors' JSON for one suite.
pub fn generate_vectors<C: CocktailCiphersuite>() -> String {
    let r = vector_round1::<C>();
    let (t, n) = (r.t(), r.n());
    let (honest_msgs2, honest_projections) = r.relay(&r.msgs1, &r.attachments);
    let mut cases = Vec::new();

    // A bad share: sender 1 encrypts share + 1 to participant 2.
    let mut msgs1 = r.msgs1.clone();
    msgs1[0] = r.bad_share_msg1(0, 1);
    let mut atts = r.attachments.clone();
    atts[0] = r.resign(0, &msgs1[0], None);
    let (msgs2, projections) = r.relay(&msgs1, &atts);
    cases.push(case(
        &r,
        "bad share",
        "Sender 1 encrypts a wrong share to participant 2 and signs its slice; participant 2's accusation reveals d_2 * E_1 and d_2 * P_1, the share decrypts and does not match C_1: sender 1 is guilty.",
        &msgs2[1],
        &projections[1],
        1,
        None,
    ));
    let bad_share = participant_blame(&r.keys[1], &r.session, &msgs2[1], &projections[1]).expect("accusation");

    // An undecryptable ciphertext, signed.
    let mut msgs1 = r.msgs1.clone();
    let ct = msg1_ct::<C>(&msgs1[0], t, n, 2);
    msgs1[0][ct.end - 1] ^= 1;
    let mut atts = r.attachments.clone();
    atts[0] = r.resign(0, &msgs1[0], None);
    let (msgs2, projections) = r.relay(&msgs1, &atts);
    cases.push(case(
        &r,
        "undecryptable ciphertext",
        "Sender 1 signs a ciphertext to participant 3 whose AEAD tag fails; the revealed ECDH values show it does not decrypt: sender 1 is guilty (the spec's blame, made verifiable).",
        &msgs2[2],
        &projections[2],
        2,
        None,
    ));

    // A copied ephemeral key: sender 3 sends sender 1's E and proof.
    let mut msgs1 = r.msgs1.clone();
    msgs1[2] = r.copied_ephemeral_msg1(2, 0);
    let mut atts = r.attachments.clone();
    atts[2] = r.resign(2, &msgs1[2], Some(&r.attachments[0][..sig::<C>()]));
    let (msgs2, projections) = r.relay(&msgs1, &atts);
    cases.push(case(
        &r,
        "copied ephemeral key",
        "Sender 3 copies sender 1's ephemeral key and its proof of possession; participant 2 sees the proof fail for sender 3 and accuses it without revealing any ECDH value.",
        &msgs2[1],
        &projections[1],
        1,
        None,
    ));

    // False accusations of an honest sender.
    let framings = [
        (
            Framing::HonestMessage,
            "false accusation",
            "Participant 3 accuses the honest sender 1, revealing the true ECDH values: the share opens correctly and participant 3 is guilty.",
        ),
        (
            Framing::ForgedMessage,
            "forged signature on the message",
            "Participant 2 alters sender 1's ciphertext to it and presents the slice under sender 1's original signature, which no longer verifies.",
        ),
        (
            Framing::WrongPoint,
            "DLEQ over the wrong point",
            "Participant 2 reveals d_2 * E_3 (with a proof valid for E_3) as if it were d_2 * E_1: the proof fails for sender 1's ephemeral key.",
        ),
        (
            Framing::WrongStatic,
            "DLEQ over the wrong static key",
            "Participant 2 reveals d_2 * P_3 (with a proof valid for P_3) as if it were d_2 * P_1: the proof fails for sender 1's host key.",
        ),
        (
            Framing::NoEcdh,
            "accusation without evidence",
            "Participant 2 accuses the honest sender 1 on its signed slice alone, which is valid.",
        ),
        (
            Framing::OtherRecipient,
            "another recipient's slice",
            "Participant 2 presents the slice sender 1 signed for participant 3: it is not addressed to participant 2, who is guilty.",
        ),
    ];
    for (how, name, description) in framings {
        let accuser = if let Framing::HonestMessage = how { 2 } else { 1 };
        let accusation = frame(&r, accuser, 0, how);
        cases.push(case(
            &r,
            name,
            description,
            &honest_msgs2[accuser],
            &honest_projections[accuser],
            accuser,
            Some(accusation),
        ));
    }

    // The coordinator alters the ciphertext from sender 1 to participant 2.
    let mut msg2 = honest_msgs2[1].clone();
    let part = msg2_part::<C>(&msg2, t, 0);
    msg2[part.end - 1] ^= 1;
    let mut forged_slice = slice_of::<C>(&r.msgs1[0], t, n, 1);
    let last = forged_slice.len() - 1;
    forged_slice[last] ^= 1;
    let forged = accuse_with(&r, 1, 0, &forged_slice, 1, true);
    cases.push(case(
        &r,
        "coordinator-altered ciphertext",
        "The coordinator alters sender 1's ciphertext to participant 2. Sender 1's signature fails on the slice received: participant 2 blames the coordinator and accuses nobody. An accusation on the altered slice convicts the accuser, never the sender.",
        &msg2,
        &honest_projections[1],
        1,
        Some(forged),
    ));
    // ... and the signature with it, to a different valid-looking one.
    let mut projection = honest_projections[1].clone();
    // Sender 1's signature, after its proof.
    let at = sig::<C>() + 3;
    projection[at] ^= 1;
    cases.push(case(
        &r,
        "coordinator-altered signature",
        "The coordinator alters sender 1's ciphertext to participant 2 and the signature it forwards: participant 2 blames the coordinator. The honest sender's accusation by participant 3 still convicts participant 3.",
        &msg2,
        &projection,
        1,
        Some(frame(&r, 2, 0, Framing::HonestMessage)),
    ));

    // The accuser's signature is forged.
    let mut forged = bad_share.to_bytes();
    let last = forged.len() - 1;
    forged[last] ^= 1;
    let forged = Accusation::<C>::from_bytes(&forged).expect("decodes");
    cases.push(case(
        &r,
        "forged accuser signature",
        "The bad-share accusation with one bit of participant 2's signature flipped: nobody can be blamed.",
        &honest_msgs2[1],
        &honest_projections[1],
        1,
        Some(forged),
    ));

    // A sender's attachment signature fails: the coordinator names it.
    let mut atts = r.attachments.clone();
    atts[0][2 * sig::<C>() + 5] ^= 1;
    let coordinator = coordinator_check_attachments(&r.msgs1, &atts, &r.session);

    let other = SessionContext::new(r.session.params().clone(), b"another session");
    let file = json!({
        "description": "COCKTAIL-DKG verifiable blame (frost-core's extension beyond the spec): attachments, accusations and verdicts. Generated by `cargo run -p frost-vectors`; identifiers are 1-based; step-1 randomness is the COCKTAIL vectors' counter stream from `seed`.",
        "t": t,
        "session_id": hex::encode(b"FROST-BLAME COCKTAIL vector session"),
        "seed": hex::encode(&r.seed),
        "hostseckeys": hexes(&r.keys.iter().map(|k| hostseckey_to_bytes(k).to_vec()).collect::<Vec<_>>()),
        "context": hex::encode(r.session.context()),
        "msgs1": hexes(&r.msgs1),
        "attachments": hexes(&r.attachments),
        "cases": cases,
        "invalid_attachment": {
            "description": "Sender 1's signature for participant 2 has a flipped bit: the coordinator names sender 1.",
            "attachments": hexes(&atts),
            "coordinator": coordinator.err().map_or(Value::Null, |e| error_json(&e)),
        },
        "other_session": {
            "description": "The bad-share accusation adjudicated in a session with another context.",
            "session_id": hex::encode(b"another session"),
            "accusation": hex::encode(bad_share.to_bytes()),
            "expected": verdict_json(&bad_share.verify(&other)),
        },
    });
    let mut text = serde_json::to_string_pretty(&file).expect("JSON");
    text.push('\n');
    text
}

/// Checks the vectors in `dir` (the suite's file) against the library: step
/// 1 with attachments gives the exact bytes, each accuser's step 2 and blame
/// give the recorded results, and every accusation decodes, re-encodes and
/// gets its verdict. Returns the number of cases checked.
pub fn check_vectors<C: CocktailCiphersuite>(dir: &Path) -> usize {
    let path = dir.join(format!("{}.json", super::cocktail::suite_stem::<C>()));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: Value = serde_json::from_str(&text).expect("JSON");
    let keys: Vec<HostSecretKey<C>> = unhexes(&v["hostseckeys"])
        .iter()
        .map(|k| hostseckey_from_bytes(k).expect("key"))
        .collect();
    let t = v["t"].as_u64().expect("t") as u32;
    let r = round1(keys, t, &unhex(&v["session_id"]), &unhex(&v["seed"]));
    assert_eq!(hex::encode(r.session.context()), v["context"], "context");
    assert_eq!(hexes(&r.msgs1), v["msgs1"], "step-1 messages");
    assert_eq!(hexes(&r.attachments), v["attachments"], "attachments");
    let mut count = 0;
    for c in v["cases"].as_array().expect("cases") {
        let name = c["name"].as_str().expect("name");
        let msg2 = unhex(&c["msg2"]);
        let atts = unhex(&c["attachments"]);
        let accuser = c["accuser"].as_u64().expect("accuser") as usize - 1;
        let step2 = match r.step2(accuser, &msg2) {
            Ok(_) => Value::Null,
            Err(e) => error_json(&e),
        };
        assert_eq!(step2, c["step2"], "{name}: step 2");
        if !c["blame"].is_null() {
            let blame = participant_blame(&r.keys[accuser], &r.session, &msg2, &atts);
            assert_eq!(blame_json(&blame), c["blame"], "{name}: blame");
        }
        let bytes = unhex(&c["accusation"]);
        let accusation = Accusation::<C>::from_bytes(&bytes).expect("accusation decodes");
        assert_eq!(accusation.to_bytes(), bytes, "{name}: re-encoding");
        assert_eq!(
            verdict_json(&accusation.verify(&r.session)),
            c["expected"],
            "{name}: verdict"
        );
        count += 1;
    }
    let inv = &v["invalid_attachment"];
    let coordinator = coordinator_check_attachments(&r.msgs1, &unhexes(&inv["attachments"]), &r.session);
    assert_eq!(
        coordinator.err().map_or(Value::Null, |e| error_json(&e)),
        inv["coordinator"]
    );
    count += 1;
    let other = &v["other_session"];
    let session = SessionContext::new(r.session.params().clone(), &unhex(&other["session_id"]));
    let accusation = Accusation::<C>::from_bytes(&unhex(&other["accusation"])).expect("decodes");
    assert_eq!(verdict_json(&accusation.verify(&session)), other["expected"]);
    count + 1
}

/// The verdicts the vectors must record, asserted on freshly generated ones
/// (so a wrong verdict cannot be regenerated into the files unnoticed).
pub fn check_vector_verdicts<C: CocktailCiphersuite>() {
    let v: Value = serde_json::from_str(&generate_vectors::<C>()).expect("JSON");
    let want = [
        ("bad share", "SenderGuilty", Some(1), Some("accusation")),
        ("undecryptable ciphertext", "SenderGuilty", Some(1), Some("accusation")),
        ("copied ephemeral key", "SenderGuilty", Some(3), Some("accusation")),
        ("false accusation", "AccuserGuilty", Some(3), None),
        ("forged signature on the message", "AccuserGuilty", Some(2), None),
        ("DLEQ over the wrong point", "AccuserGuilty", Some(2), None),
        ("DLEQ over the wrong static key", "AccuserGuilty", Some(2), None),
        ("accusation without evidence", "AccuserGuilty", Some(2), None),
        ("another recipient's slice", "AccuserGuilty", Some(2), None),
        (
            "coordinator-altered ciphertext",
            "AccuserGuilty",
            Some(2),
            Some("FaultyCoordinator"),
        ),
        (
            "coordinator-altered signature",
            "AccuserGuilty",
            Some(3),
            Some("FaultyCoordinator"),
        ),
        ("forged accuser signature", "Rejected", None, None),
    ];
    let cases = v["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), want.len());
    for (c, (name, verdict, who, blame)) in cases.iter().zip(want) {
        assert_eq!(c["name"], name);
        assert_eq!(c["expected"]["verdict"], verdict, "{name}");
        if let Some(who) = who {
            assert_eq!(c["expected"]["identifier"], who, "{name}");
        }
        match blame {
            Some("accusation") => assert!(c["blame"]["accusation"].is_string(), "{name}: {}", c["blame"]),
            Some(error) => assert_eq!(c["blame"]["error"], error, "{name}"),
            None => {}
        }
    }
    // The revealing accusations reveal both ECDH values.
    let bad_share = Accusation::<C>::from_bytes(&unhex(&cases[0]["accusation"])).expect("decodes");
    match &bad_share.evidence {
        Evidence::Share { ecdh, .. } => assert_eq!(ecdh.len(), 2),
        Evidence::SignedMessage => panic!("the bad share is accused without ECDH values"),
    }
    let copied = Accusation::<C>::from_bytes(&unhex(&cases[2]["accusation"])).expect("decodes");
    assert!(
        !copied.reveals_ecdh(),
        "a copied ephemeral key must not make the accuser reveal"
    );
    assert_eq!(v["invalid_attachment"]["coordinator"]["error"], "FaultyParticipant");
    assert_eq!(v["invalid_attachment"]["coordinator"]["culprits"], json!([1]));
    assert_eq!(v["other_session"]["expected"]["verdict"], "Rejected");
}

// ---------------------------------------------------------------------------
// Fault injection
// ---------------------------------------------------------------------------

/// One fault in a session: a sender's (signed) misbehaviour or the
/// coordinator's tampering. Positions are 0-based.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// No fault.
    None,
    /// Sender `.0` encrypts a wrong share to `.1`.
    BadShare(usize, usize),
    /// Sender `.0` sends `.1` a ciphertext that does not decrypt.
    BadCiphertext(usize, usize),
    /// Sender `.0`'s proof of possession of its constant term fails.
    BadPop(usize),
    /// Sender `.0` copies `.1`'s ephemeral key and its proof.
    CopiedEphemeralKey(usize, usize),
    /// Sender `.0`'s signature for `.1` fails.
    BadAttachment(usize, usize),
    /// Sender `.0` flips bit `.2` of byte `.1` (modulo the length) of its
    /// message and signs the result.
    FlippedByte(usize, usize, u8),
    /// The coordinator alters sender `.0`'s ciphertext to `.1`.
    CoordinatorCiphertext(usize, usize),
    /// The coordinator alters sender `.0`'s ciphertext to `.1` and the
    /// signature it forwards for it.
    CoordinatorSignature(usize, usize),
    /// The coordinator forwards sender `.0`'s ciphertext to `.1` in place of
    /// sender `.2`'s.
    CoordinatorSwap(usize, usize, usize),
}

impl Fault {
    /// The faulty sender, `None` for the coordinator (or no fault).
    pub fn culprit(self) -> Option<usize> {
        match self {
            Fault::BadShare(i, _)
            | Fault::BadCiphertext(i, _)
            | Fault::BadPop(i)
            | Fault::CopiedEphemeralKey(i, _)
            | Fault::BadAttachment(i, _)
            | Fault::FlippedByte(i, ..) => Some(i),
            _ => None,
        }
    }

    /// A random fault in a session of `n >= 2`.
    pub fn random<R: Rng>(rng: &mut R, n: usize) -> Self {
        let i = rng.random_range(0..n);
        let other = (i + rng.random_range(1..n)) % n;
        match rng.random_range(0..10) {
            0 => Fault::None,
            1 => Fault::BadShare(i, other),
            2 => Fault::BadCiphertext(i, other),
            3 => Fault::BadPop(i),
            4 => Fault::CopiedEphemeralKey(i, other),
            5 => Fault::BadAttachment(i, other),
            6 => Fault::FlippedByte(i, rng.random_range(0..100_000), rng.random_range(0..8)),
            7 => Fault::CoordinatorCiphertext(i, other),
            8 => Fault::CoordinatorSignature(i, other),
            _ => match (0..n).find(|k| *k != i && *k != other) {
                Some(third) => Fault::CoordinatorSwap(i, other, third),
                None => Fault::CoordinatorCiphertext(i, other),
            },
        }
    }
}

/// What every participant ended with.
#[derive(Debug)]
pub enum Ending<C: CocktailCiphersuite> {
    /// The session succeeded for it.
    Output(DkgOutput<C>, RecoveryData, EncryptedShareBundle),
    /// It got no `msg2` (the coordinator refused, naming the error).
    NoMsg2(Error<C>),
    /// Its step 2 failed; its investigation gave this.
    Blame(Error<C>, Result<Accusation<C>, Error<C>>),
    /// Its step 2 passed but the session did not finish (another
    /// participant aborted).
    Waiting,
}

/// Runs a session with one fault, as the participants and the coordinator
/// would: the coordinator checks the messages and attachments (refusing and
/// naming a bad sender) and relays, each participant runs step 2 and, on
/// failure, investigates with its `msg2` and attachment message.
pub fn run_with_fault<C: CocktailCiphersuite>(r: &Round1<C>, fault: Fault) -> Vec<Ending<C>> {
    let (t, n) = (r.t(), r.n());
    let mut msgs1 = r.msgs1.clone();
    let mut atts = r.attachments.clone();
    match fault {
        Fault::BadShare(i, j) => {
            msgs1[i] = r.bad_share_msg1(i, j);
            atts[i] = r.resign(i, &msgs1[i], None);
        }
        Fault::BadCiphertext(i, j) => {
            let ct = msg1_ct::<C>(&msgs1[i], t, n, j);
            msgs1[i][ct.start + 2] ^= 0x40;
            atts[i] = r.resign(i, &msgs1[i], None);
        }
        Fault::BadPop(i) => {
            msgs1[i][pop_range::<C>(t).start + 3] ^= 1;
            atts[i] = r.resign(i, &msgs1[i], None);
        }
        Fault::CopiedEphemeralKey(i, k) => {
            msgs1[i] = r.copied_ephemeral_msg1(i, k);
            atts[i] = r.resign(i, &msgs1[i], Some(&r.attachments[k][..sig::<C>()]));
        }
        Fault::BadAttachment(i, j) => {
            atts[i][(j + 1) * sig::<C>() + 3] ^= 0x10;
        }
        Fault::FlippedByte(i, at, bit) => {
            let at = at % msgs1[i].len();
            msgs1[i][at] ^= 1 << bit;
            // The frame lengths are not covered by anything a sender could
            // sign meaningfully if they no longer parse; sign what parses.
            if coordinator_collect(&msgs1, &r.session).is_ok() {
                atts[i] = r.resign(i, &msgs1[i], None);
            }
        }
        _ => {}
    }
    // The coordinator: it sees what the senders sent, and refuses a bad
    // message or attachment, naming the sender.
    let checked =
        coordinator_collect(&msgs1, &r.session).and_then(|_| coordinator_check_attachments(&msgs1, &atts, &r.session));
    if let Err(e) = checked {
        return (0..n).map(|_| Ending::NoMsg2(e.clone())).collect();
    }
    let (cstate, mut msgs2) = coordinator_step1(&msgs1, &r.session).expect("checked");
    let mut projections: Vec<Vec<u8>> = (0..n)
        .map(|j| coordinator_attachment_projection(&atts, &r.session, j).expect("checked"))
        .collect();
    match fault {
        Fault::CoordinatorCiphertext(i, j) => {
            let part = msg2_part::<C>(&msgs2[j], t, i);
            msgs2[j][part.end - 1] ^= 1;
        }
        Fault::CoordinatorSignature(i, j) => {
            let part = msg2_part::<C>(&msgs2[j], t, i);
            msgs2[j][part.end - 1] ^= 1;
            projections[j][2 * sig::<C>() * i + sig::<C>() + 1] ^= 1;
        }
        Fault::CoordinatorSwap(i, j, k) => {
            let from = msg2_part::<C>(&msgs2[j], t, i);
            let to = msg2_part::<C>(&msgs2[j], t, k);
            let ct_from = msgs2[j][from.start + block_len::<C>(t)..from.end].to_vec();
            let ct_to = to.start + block_len::<C>(t)..to.end;
            assert_eq!(ct_from.len(), ct_to.len());
            msgs2[j][ct_to].copy_from_slice(&ct_from);
        }
        _ => {}
    }
    let mut endings: Vec<Option<Ending<C>>> = (0..n).map(|_| None).collect();
    let mut states2 = Vec::new();
    let mut sigs = Vec::new();
    for (j, ending) in endings.iter_mut().enumerate() {
        match r.step2(j, &msgs2[j]) {
            Ok((s2, s)) => {
                states2.push((j, s2));
                sigs.push(s);
            }
            Err(e) => {
                let blame = participant_blame(&r.keys[j], &r.session, &msgs2[j], &projections[j]);
                *ending = Some(Ending::Blame(e, blame));
            }
        }
    }
    if sigs.len() == n {
        let (cert, _, _) = coordinator_finalize(cstate, b"", &sigs).expect("certificate");
        for (j, s2) in states2 {
            let (out, rec, bundle) = participant_finalize(s2, &cert).map_err(|(_, e)| e).expect("finalize");
            endings[j] = Some(Ending::Output(out, rec, bundle));
        }
    }
    endings.into_iter().map(|e| e.unwrap_or(Ending::Waiting)).collect()
}

/// The four properties of issue 17 for one session and one fault:
///
/// 1. the honest parties either all finish with equal outputs, or, when the
///    coordinator is honest, every honest party that aborts blames the
///    faulty party (the coordinator refuses naming it, or the party's
///    accusation convicts it);
/// 2. an accusation never convicts an honest sender and always convicts a
///    bad one (after coordinator tampering nobody is accused);
/// 3. no accuser can frame a sender (every made-up accusation convicts its
///    maker);
/// 4. recovery reproduces the output.
pub fn check_fault<C: CocktailCiphersuite>(r: &Round1<C>, fault: Fault) {
    let n = r.n();
    let culprit = fault.culprit();
    let coordinator_faulty = matches!(
        fault,
        Fault::CoordinatorCiphertext(..) | Fault::CoordinatorSignature(..) | Fault::CoordinatorSwap(..)
    );
    let endings = run_with_fault(r, fault);
    let ctx = format!("t = {}, n = {n}, {fault:?}", r.t());
    let mut outputs = Vec::new();
    for (j, ending) in endings.iter().enumerate() {
        if Some(j) == culprit {
            continue;
        }
        match ending {
            Ending::Output(out, rec, bundle) => {
                let (recovered, _) = participant_recover(&r.keys[j], rec, bundle).expect("recovery");
                assert_eq!(&recovered, out, "{ctx}: recovery of {j}");
                let (_, key, shares) = out.bip_fields();
                outputs.push((key, shares));
            }
            Ending::NoMsg2(e) => {
                let i = culprit.unwrap_or_else(|| panic!("{ctx}: {j} stopped without a faulty sender: {e:?}"));
                assert_eq!(e, &Error::FaultyParticipant { culprit: id(i) }, "{ctx}");
            }
            Ending::Blame(step2, blame) => match (culprit, blame) {
                (Some(i), Ok(a)) => {
                    assert_eq!(
                        a.verify(&r.session),
                        Verdict::SenderGuilty(id(i)),
                        "{ctx}: {j}'s accusation"
                    );
                    assert_eq!(a.accuser(), id(j));
                    let back = Accusation::<C>::from_bytes(&a.to_bytes()).expect("decodes");
                    assert_eq!(back, *a);
                }
                (Some(_), Err(e)) => panic!("{ctx}: participant {j} accused nobody ({e:?} after {step2:?})"),
                (None, Ok(a)) => panic!("{ctx}: honest senders, yet {j} accused: {a:?}"),
                (None, Err(e)) => {
                    assert!(coordinator_faulty, "{ctx}: {j} failed without a fault: {step2:?}");
                    assert_eq!(e, &Error::FaultyCoordinator, "{ctx}: {j} after a coordinator fault");
                }
            },
            Ending::Waiting => {}
        }
    }
    if endings.iter().all(|e| matches!(e, Ending::Output(..))) {
        assert!(!coordinator_faulty, "{ctx}: tampering went unnoticed");
        assert!(culprit.is_none(), "{ctx}: a faulty sender went unnoticed");
        assert!(outputs.windows(2).all(|w| w[0] == w[1]), "{ctx}: outputs differ");
    }
    // No accuser can frame an honest sender: the faulty party (or anybody,
    // after a coordinator fault) tries every framing on every other sender.
    let framer = culprit.unwrap_or(0);
    for sender in (0..n).filter(|s| *s != framer) {
        for how in FRAMINGS {
            let a = frame(r, framer, sender, how);
            assert_eq!(
                a.verify(&r.session),
                Verdict::AccuserGuilty(id(framer)),
                "{ctx}: {framer} framing {sender} by {how:?}"
            );
        }
    }
}

/// Fault injection over `cases` random sessions from `seed`: random
/// `t <= n <= max_n` (at least 2 participants), one random fault each.
pub fn check_fault_injection<C: CocktailCiphersuite>(seed: u64, cases: usize, max_n: usize) {
    let mut rng = super::rng(seed);
    for _ in 0..cases {
        let n = rng.random_range(2..=max_n);
        let t = rng.random_range(1..=n) as u32;
        let keys = (0..n).map(|_| HostSecretKey::generate(&mut rng)).collect();
        let session_id: [u8; 16] = rng.random();
        let stream: [u8; 32] = rng.random();
        let r = round1::<C>(keys, t, &session_id, &stream);
        let fault = Fault::random(&mut rng, n);
        check_fault(&r, fault);
    }
}

/// Every fault kind once, in a 3-of-5 session (the debug-mode smoke test).
pub fn check_every_fault<C: CocktailCiphersuite>() {
    let mut rng = super::rng(17);
    let keys = (0..5).map(|_| HostSecretKey::generate(&mut rng)).collect();
    let r = round1::<C>(keys, 3, b"every fault", b"every fault stream");
    for fault in [
        Fault::None,
        Fault::BadShare(0, 4),
        Fault::BadCiphertext(1, 2),
        Fault::BadPop(2),
        Fault::CopiedEphemeralKey(3, 1),
        Fault::BadAttachment(1, 0),
        Fault::FlippedByte(4, 0, 3),
        Fault::FlippedByte(4, 10_000, 0),
        Fault::CoordinatorCiphertext(2, 0),
        Fault::CoordinatorSignature(1, 3),
        Fault::CoordinatorSwap(0, 2, 4),
    ] {
        check_fault(&r, fault);
    }
}

/// The decoders and the caller's input errors: one case per class.
pub fn check_decoding<C: CocktailCiphersuite>() {
    use crate::DecodeError;
    let decode_error = |e: Error<C>| match e {
        Error::Decode { error, .. } => error,
        other => panic!("not a decoding error: {other:?}"),
    };
    let r = vector_round1::<C>();
    let s = sig::<C>();
    // Attachments: a proof and n signatures.
    let a = &r.attachments[0];
    assert_eq!(a.len(), (r.n() + 1) * s);
    let decoded = Attachment::<C>::from_bytes(a).expect("decodes");
    assert_eq!(decoded.signature_count(), r.n());
    assert_eq!(decoded.to_bytes(), *a);
    assert_eq!(
        decode_error(Attachment::<C>::from_bytes(&a[..s]).unwrap_err()),
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
    assert_eq!(accusation.message(), &slice_of::<C>(&r.msgs1[0], r.t(), r.n(), 1)[..]);
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
    let tag_at = 12 + accusation.message().len() + 2 * s;
    let mut tag = honest.clone();
    tag[tag_at] = 2;
    assert_eq!(refused(&tag), DecodeError::InvalidTag);
    // Positions outside the session are rejected, not decoded as guilt.
    let pubkeys: Vec<Vec<u8>> = r.session.params().hostpubkeys().iter().map(|k| k.to_bytes()).collect();
    let two = SessionContext::new(SessionParams::<C>::new(&pubkeys[..2], 1).expect("params"), b"two");
    let third = frame(&r, 2, 0, Framing::HonestMessage);
    assert_eq!(third.verify(&two), Verdict::Rejected(Rejection::NotInSession));
    // The caller's input errors.
    let (msgs2, projections) = r.relay(&r.msgs1, &r.attachments);
    let stranger = hostseckey_from_bytes::<C>(&C::cocktail_scalar_bytes(&C::Group::scalar_from_u64(9))).expect("key");
    assert_eq!(
        participant_blame(&stranger, &r.session, &msgs2[0], &projections[0]).unwrap_err(),
        Error::HostKeyNotInSession
    );
    assert_eq!(
        coordinator_check_attachments(&r.msgs1, &r.attachments[..1], &r.session).unwrap_err(),
        Error::IncorrectNumberOfMessages { expected: 3, got: 1 }
    );
    assert_eq!(
        coordinator_check_attachments(&r.msgs1, &r.attachments, &r.session),
        Ok(())
    );
    assert_eq!(coordinator_attachment_projection(&r.attachments, &r.session, 3), None);
    assert_eq!(
        coordinator_attachment_projection(&r.attachments[..2], &r.session, 0),
        None
    );
    let mut short = r.attachments.clone();
    short[1].pop();
    assert_eq!(coordinator_attachment_projection(&short, &r.session, 0), None);
    // An honest run's investigation finds nothing.
    for j in 0..r.n() {
        assert_eq!(
            participant_blame(&r.keys[j], &r.session, &msgs2[j], &projections[j]).unwrap_err(),
            Error::UnknownFault
        );
    }
    // A truncated attachment message or msg2 is the coordinator's.
    assert_eq!(
        participant_blame(&r.keys[0], &r.session, &msgs2[0], &projections[0][1..]).unwrap_err(),
        Error::FaultyCoordinator
    );
    assert_eq!(
        participant_blame(&r.keys[0], &r.session, &msgs2[0][1..], &projections[0]).unwrap_err(),
        Error::FaultyCoordinator
    );
    let mut trailing = msgs2[0].clone();
    trailing.push(0);
    assert_eq!(
        participant_blame(&r.keys[0], &r.session, &trailing, &projections[0]).unwrap_err(),
        Error::FaultyCoordinator
    );
}

/// Runs the COCKTAIL blame tests for a suite:
/// `frost_core::cocktail_blame_tests!(Suite);`.
#[macro_export]
macro_rules! cocktail_blame_tests {
    ($suite:ty) => {
        mod cocktail_blame {
            use super::*;

            #[test]
            fn vectors() {
                let dir = ::std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../vectors/cocktail-blame");
                assert_eq!($crate::testing::cocktail_blame::check_vectors::<$suite>(&dir), 14);
            }

            #[test]
            fn vector_verdicts() {
                $crate::testing::cocktail_blame::check_vector_verdicts::<$suite>();
            }

            #[test]
            fn decoding() {
                $crate::testing::cocktail_blame::check_decoding::<$suite>();
            }

            #[test]
            fn every_fault() {
                $crate::testing::cocktail_blame::check_every_fault::<$suite>();
            }

            #[test]
            fn fault_injection() {
                $crate::testing::cocktail_blame::check_fault_injection::<$suite>(1, 4, 12);
            }

            #[test]
            #[ignore = "many seeds; run with --release --ignored"]
            fn fault_injection_many_seeds() {
                for seed in 0..20 {
                    $crate::testing::cocktail_blame::check_fault_injection::<$suite>(1000 + seed, 10, 12);
                }
            }
        }
    };
}
