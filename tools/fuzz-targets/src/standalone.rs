//! The standalone DKGs' targets: every ChillDKG decoder and step, the blame
//! layer (attachments, accusations, `Accusation::verify`), and COCKTAIL-DKG's
//! message and recovery decoding through its public API.
//!
//! The ChillDKG targets take the suite from the first byte (`data[0] % 2`:
//! secp256k1, secp256k1-tr); the COCKTAIL target from `data[0] % 5`
//! (ristretto255, Ed25519, secp256k1, P-256, Ed448). Where a target alters
//! one message of an honest session, the next byte is a selector: bit 0
//! picks replace (0: the rest *is* the message) or mutate (1: the rest is
//! [`crate::mutate`] operations on the honest bytes), the other bits pick
//! the sender or the message.
//!
//! The fixture (built once per suite) is a 2-of-3 session with attachments,
//! in two versions: honest, and one where sender 1 (position 0) encrypts a
//! bad share to participant 2 and signs its message, so that participant 2
//! accuses it.

use std::sync::OnceLock;

use frost_core::Error;
use frost_core::keys::chilldkg::*;
use frost_core::testing::chilldkg_blame::{Framing, Round1, frame, round1};

use crate::{hex, mutate};

/// A ChillDKG suite with a cached fixture.
pub trait ChillSuite: ChillDkgCiphersuite {
    /// The suite's name.
    const NAME: &'static str;
    /// The fixture, built on first use.
    fn fixture() -> &'static ChillFixture<Self>;
}

macro_rules! chill_suite {
    ($ty:ty, $name:expr) => {
        impl ChillSuite for $ty {
            const NAME: &'static str = $name;
            fn fixture() -> &'static ChillFixture<Self> {
                static CELL: OnceLock<ChillFixture<$ty>> = OnceLock::new();
                CELL.get_or_init(ChillFixture::build)
            }
        }
    };
}

chill_suite!(frost_secp256k1::Secp256K1Sha256, "secp256k1");
chill_suite!(frost_secp256k1_tr::Secp256K1Sha256TR, "secp256k1-tr");

/// Calls `$name::<Suite>(rest)` with the ChillDKG suite chosen by the first byte.
macro_rules! by_chill_suite {
    ($data:expr, $name:ident) => {{
        let data: &[u8] = $data;
        if let Some((&suite, rest)) = data.split_first() {
            match suite % 2 {
                0 => $name::<frost_secp256k1::Secp256K1Sha256>(rest),
                _ => $name::<frost_secp256k1_tr::Secp256K1Sha256TR>(rest),
            }
        }
    }};
}

/// A 2-of-3 ChillDKG session with attachments, honest and with a bad share.
pub struct ChillFixture<C: ChillDkgCiphersuite> {
    /// The honest first round.
    pub honest: Round1<C>,
    /// The coordinator's message of the honest round.
    pub cmsg1: Vec<u8>,
    /// The step-2 messages of the honest round.
    pub pmsgs2: Vec<Vec<u8>>,
    /// The certificate.
    pub cmsg2: Vec<u8>,
    /// The recovery data.
    pub recovery: Vec<u8>,
    /// The first messages with sender 1's bad share to participant 2.
    pub bad_pmsgs1: Vec<Vec<u8>>,
    /// The attachments of that round (sender 1's re-signed).
    pub bad_attachments: Vec<Vec<u8>>,
    /// The coordinator's message of that round.
    pub bad_cmsg1: Vec<u8>,
    /// The coordinator's investigation messages of that round.
    pub cinvs: Vec<Vec<u8>>,
    /// Participant 2's accusation of sender 1 (true).
    pub accusation: Vec<u8>,
    /// Participant 3's accusation of the honest sender 2 (false).
    pub false_accusation: Vec<u8>,
}

impl<C: ChillDkgCiphersuite> ChillFixture<C> {
    fn build() -> Self {
        let mut rng = frost_core::testing::rng(17);
        let keys = (0..3).map(|_| HostSecretKey::generate(&mut rng)).collect();
        let randoms = (0..3).map(|i| [i as u8 + 1; 32]).collect();
        let honest = round1::<C>(keys, 2, randoms);
        let cmsg1 = aggregate_pmsgs1(&honest.pmsgs1, &honest.params).expect("cmsg1");
        let (cstate, _) = coordinator_step1(&honest.pmsgs1, &honest.params).expect("cmsg1");
        let pmsgs2: Vec<Vec<u8>> = (0..3)
            .map(|j| step2::<C>(&honest, j, &cmsg1).expect("step 2").1)
            .collect();
        let (cmsg2, _, recovery) = coordinator_finalize(cstate, &pmsgs2).expect("certificate");

        let mut bad_pmsgs1 = honest.pmsgs1.clone();
        // Sender 1's share to participant 2: the last byte of the second share.
        let at = 33 * 2 + 64 + 33 + 32 * 2 - 1;
        bad_pmsgs1[0][at] ^= 1;
        let mut bad_attachments = honest.attachments.clone();
        bad_attachments[0] = honest.resign(0, &bad_pmsgs1[0], None);
        let bad_cmsg1 = aggregate_pmsgs1(&bad_pmsgs1, &honest.params).expect("cmsg1");
        let cinvs = coordinator_investigate(&bad_pmsgs1, &honest.params).expect("investigation");
        let accusation = participant_blame(
            &honest.keys[1],
            &honest.params,
            &bad_cmsg1,
            &bad_pmsgs1,
            &bad_attachments,
        )
        .expect("accusation")
        .to_bytes();
        let false_accusation = frame(&honest, 2, 1, Framing::HonestMessage).to_bytes();
        Self {
            honest,
            cmsg1,
            pmsgs2,
            cmsg2,
            recovery: recovery.to_bytes(),
            bad_pmsgs1,
            bad_attachments,
            bad_cmsg1,
            cinvs,
            accusation,
            false_accusation,
        }
    }
}

/// Participant `j`'s step 2 on `cmsg1` (its step 1 re-run: deterministic).
fn step2<C: ChillDkgCiphersuite>(
    r: &Round1<C>,
    j: usize,
    cmsg1: &[u8],
) -> Result<(ParticipantState2<C>, Vec<u8>), Step2Failure<C>> {
    let (state1, _) = participant_step1(&r.keys[j], &r.params, &r.randoms[j]).expect("step 1");
    participant_step2(&r.keys[j], state1, cmsg1, &[j as u8 + 1; 32])
}

/// The altered bytes: the rest, or the honest bytes mutated by it.
pub(crate) fn alter(honest: &[u8], selector: u8, rest: &[u8]) -> Vec<u8> {
    if selector & 1 == 1 {
        mutate(honest, rest)
    } else {
        rest.to_vec()
    }
}

/// Whether an error blames nobody but `who` (a participant position).
fn blames_only<C: ChillDkgCiphersuite>(e: &Error<C>, who: usize) -> bool {
    e.culprits().iter().all(|c| c.as_u16() == Some(who as u16 + 1))
}

// ---------------------------------------------------------------------------
// Decoders
// ---------------------------------------------------------------------------

fn attachment<C: ChillSuite>(data: &[u8]) {
    match Attachment::<C>::from_bytes(data) {
        Ok(a) => assert_eq!(a.to_bytes(), data, "{}: attachment re-encoding", C::NAME),
        Err(e) => assert!(e.culprits().is_empty(), "{}: a refusal blamed {e:?}", C::NAME),
    }
}

fn accusation<C: ChillSuite>(data: &[u8]) {
    match Accusation::<C>::from_bytes(data) {
        Ok(a) => assert_eq!(a.to_bytes(), data, "{}: accusation re-encoding", C::NAME),
        Err(e) => assert!(
            matches!(e, Error::Decode { culprit: None, .. }),
            "{}: a refusal that is not a decoding error: {e:?}",
            C::NAME
        ),
    }
}

fn recovery<C: ChillSuite>(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let f = C::fixture();
    let bytes = alter(&f.recovery, selector, rest);
    let data = RecoveryData::from_bytes(&bytes);
    let ok = bytes == f.recovery;
    match coordinator_recover::<C>(&data) {
        Ok((out, params)) => {
            assert!(ok, "{}: recovery data accepted altered: {}", C::NAME, hex(&bytes));
            assert_eq!(params, f.honest.params);
            assert!(out.secret_share().is_none());
        }
        Err(e) => assert!(!ok, "{}: honest recovery data refused: {e:?}", C::NAME),
    }
    if selector & 2 == 2 {
        match participant_recover(&f.honest.keys[0], &data) {
            Ok(_) => assert!(ok, "{}: participant recovery accepted altered data", C::NAME),
            Err(e) => assert!(!ok, "{}: honest participant recovery refused: {e:?}", C::NAME),
        }
    }
}

fn certificate<C: ChillSuite>(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let f = C::fixture();
    let cert = alter(&f.cmsg2, selector, rest);
    let transcript = &f.recovery[..f.recovery.len() - f.cmsg2.len()];
    let mut bytes = transcript.to_vec();
    bytes.extend_from_slice(&cert);
    match coordinator_recover::<C>(&RecoveryData::from_bytes(&bytes)) {
        Ok(_) => assert_eq!(cert, f.cmsg2, "{}: certificate accepted altered", C::NAME),
        Err(e) => assert!(cert != f.cmsg2, "{}: honest certificate refused: {e:?}", C::NAME),
    }
}

// ---------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------

fn participant_step1_target<C: ChillSuite>(data: &[u8]) {
    // Byte 0: the threshold, then the randomness (any length).
    let Some((&t, random)) = data.split_first() else {
        return;
    };
    let f = C::fixture();
    let keys: Vec<Vec<u8>> = f.honest.params.hostpubkeys().iter().map(|k| k.to_bytes()).collect();
    let Ok(params) = SessionParams::<C>::new(&keys, u32::from(t % 5)) else {
        return;
    };
    let plain = participant_step1(&f.honest.keys[0], &params, random);
    let with = participant_step1_with_attachment(&f.honest.keys[0], &params, random);
    match (plain, with) {
        (Ok((_, a)), Ok((_, b, attachment))) => {
            assert_eq!(a, b, "{}: the attachment changed the standard bytes", C::NAME);
            assert_eq!(attachment.len(), 128);
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        (a, b) => panic!(
            "{}: step 1 with and without attachment disagree: {a:?} / {b:?}",
            C::NAME
        ),
    }
}

fn coordinator_step1_target<C: ChillSuite>(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let f = C::fixture();
    let sender = usize::from(selector >> 1) % 3;
    let mut pmsgs1 = f.honest.pmsgs1.clone();
    pmsgs1[sender] = alter(&f.honest.pmsgs1[sender], selector, rest);
    match coordinator_step1(&pmsgs1, &f.honest.params) {
        Ok((_, cmsg1)) => {
            if pmsgs1[sender] == f.honest.pmsgs1[sender] {
                assert_eq!(cmsg1, f.cmsg1);
            }
        }
        Err(e) => {
            assert!(
                pmsgs1[sender] != f.honest.pmsgs1[sender],
                "{}: honest messages refused",
                C::NAME
            );
            assert!(
                blames_only(&e, sender) && !e.culprits().is_empty(),
                "{}: {e:?} for sender {sender}",
                C::NAME
            );
        }
    }
}

fn participant_step2_target<C: ChillSuite>(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let f = C::fixture();
    let cmsg1 = alter(&f.cmsg1, selector, rest);
    match step2::<C>(&f.honest, 0, &cmsg1) {
        Ok((_, pmsg2)) => {
            if cmsg1 == f.cmsg1 {
                assert_eq!(pmsg2, f.pmsgs2[0]);
            }
        }
        Err(failure) => {
            assert!(cmsg1 != f.cmsg1, "{}: honest cmsg1 refused: {failure:?}", C::NAME);
            assert_eq!(
                failure.investigation.is_some(),
                failure.error == Error::UnknownFault,
                "{}: {failure:?}",
                C::NAME
            );
        }
    }
}

fn coordinator_finalize_target<C: ChillSuite>(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let f = C::fixture();
    let sender = usize::from(selector >> 1) % 3;
    let mut pmsgs2 = f.pmsgs2.clone();
    pmsgs2[sender] = alter(&f.pmsgs2[sender], selector, rest);
    let (cstate, _) = coordinator_step1(&f.honest.pmsgs1, &f.honest.params).expect("cmsg1");
    match coordinator_finalize(cstate, &pmsgs2) {
        Ok((cmsg2, _, _)) => {
            assert_eq!(pmsgs2, f.pmsgs2, "{}: altered signature accepted", C::NAME);
            assert_eq!(cmsg2, f.cmsg2);
        }
        Err(e) => {
            assert!(pmsgs2 != f.pmsgs2, "{}: honest signatures refused", C::NAME);
            assert!(blames_only(&e, sender), "{}: {e:?} for sender {sender}", C::NAME);
        }
    }
}

fn participant_finalize_target<C: ChillSuite>(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let f = C::fixture();
    let cmsg2 = alter(&f.cmsg2, selector, rest);
    let (state2, _) = step2::<C>(&f.honest, 0, &f.cmsg1).expect("step 2");
    match participant_finalize(state2, &cmsg2) {
        Ok((_, recovery)) => {
            assert_eq!(cmsg2, f.cmsg2, "{}: altered certificate accepted", C::NAME);
            assert_eq!(recovery.to_bytes(), f.recovery);
        }
        Err((_, e)) => assert!(cmsg2 != f.cmsg2, "{}: honest certificate refused: {e:?}", C::NAME),
    }
}

fn investigate<C: ChillSuite>(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let f = C::fixture();
    if selector & 2 == 0 {
        // The coordinator's side, on one altered first message.
        let sender = usize::from(selector >> 2) % 3;
        let mut pmsgs1 = f.bad_pmsgs1.clone();
        pmsgs1[sender] = alter(&f.bad_pmsgs1[sender], selector, rest);
        match coordinator_investigate(&pmsgs1, &f.honest.params) {
            Ok(cinvs) => assert_eq!(cinvs.len(), 3),
            Err(e) => assert!(blames_only(&e, sender), "{}: {e:?}", C::NAME),
        }
        return;
    }
    // Participant 2's side, with its investigation message altered.
    let cinv = alter(&f.cinvs[1], selector, rest);
    let failure = step2::<C>(&f.honest, 1, &f.bad_cmsg1).expect_err("bad share");
    let investigation = failure.investigation.expect("an investigation");
    let e = participant_investigate(investigation, &cinv);
    if cinv == f.cinvs[1] {
        assert_eq!(
            e,
            Error::FaultyParticipantOrCoordinator {
                culprit: frost_core::Identifier::try_from(1).expect("id")
            }
        );
    }
}

fn blame<C: ChillSuite>(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let f = C::fixture();
    let r = &f.honest;
    let mut cmsg1 = f.bad_cmsg1.clone();
    let mut pmsgs1 = f.bad_pmsgs1.clone();
    let mut atts = f.bad_attachments.clone();
    let which = usize::from(selector >> 1) % 7;
    match which {
        0 => cmsg1 = alter(&f.bad_cmsg1, selector, rest),
        1..=3 => pmsgs1[which - 1] = alter(&f.bad_pmsgs1[which - 1], selector, rest),
        _ => atts[which - 4] = alter(&f.bad_attachments[which - 4], selector, rest),
    }
    let unaltered = cmsg1 == f.bad_cmsg1 && pmsgs1 == f.bad_pmsgs1 && atts == f.bad_attachments;
    match participant_blame(&r.keys[1], &r.params, &cmsg1, &pmsgs1, &atts) {
        Ok(a) => {
            // Only sender 1 signed a bad message: whatever else was altered,
            // an accusation convicts it.
            assert_eq!(
                a.verify(&r.params),
                Verdict::SenderGuilty(frost_core::Identifier::try_from(1).expect("id")),
                "{}: participant 2's accusation",
                C::NAME
            );
            if unaltered {
                assert_eq!(a.to_bytes(), f.accusation);
            }
        }
        Err(e) => assert!(!unaltered, "{}: no accusation on the fixture: {e:?}", C::NAME),
    }
}

fn check_attachments<C: ChillSuite>(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let f = C::fixture();
    let r = &f.honest;
    let sender = usize::from(selector >> 2) % 3;
    let mut pmsgs1 = r.pmsgs1.clone();
    let mut atts = r.attachments.clone();
    if selector & 2 == 0 {
        atts[sender] = alter(&r.attachments[sender], selector, rest);
    } else {
        pmsgs1[sender] = alter(&r.pmsgs1[sender], selector, rest);
    }
    let unaltered = pmsgs1 == r.pmsgs1 && atts == r.attachments;
    match coordinator_check_attachments(&pmsgs1, &atts, &r.params) {
        Ok(()) => assert!(unaltered, "{}: altered attachment or message accepted", C::NAME),
        Err(e) => {
            assert!(!unaltered, "{}: honest attachments refused", C::NAME);
            assert_eq!(
                e,
                Error::FaultyParticipant {
                    culprit: frost_core::Identifier::try_from(sender as u16 + 1).expect("id")
                }
            );
        }
    }
}

fn accusation_verify<C: ChillSuite>(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let f = C::fixture();
    let base = if selector & 2 == 0 {
        &f.accusation
    } else {
        &f.false_accusation
    };
    let bytes = alter(base, selector, rest);
    let Ok(a) = Accusation::<C>::from_bytes(&bytes) else {
        return;
    };
    let id = |n: u16| frost_core::Identifier::try_from(n).expect("id");
    // Only sender 1 ever signed a bad message, and only participant 3
    // signed a false accusation: nothing else can be convicted.
    match a.verify(&f.honest.params) {
        Verdict::SenderGuilty(i) => assert_eq!(i, id(1), "{}: honest sender convicted: {}", C::NAME, hex(&bytes)),
        Verdict::AccuserGuilty(j) => assert_eq!(j, id(3), "{}: honest accuser convicted: {}", C::NAME, hex(&bytes)),
        Verdict::Rejected(_) => {}
    }
}

// ---------------------------------------------------------------------------
// COCKTAIL-DKG decoding
// ---------------------------------------------------------------------------

/// A COCKTAIL suite with its cached fixture (the official 2-of-3 vector
/// session's first messages).
pub trait CocktailSuite: frost_core::keys::cocktail::CocktailCiphersuite {
    /// The fixture, built on first use.
    fn session() -> &'static frost_core::testing::cocktail::Session<Self>;
}

macro_rules! cocktail_suite {
    ($ty:ty) => {
        impl CocktailSuite for $ty {
            fn session() -> &'static frost_core::testing::cocktail::Session<Self> {
                static CELL: OnceLock<frost_core::testing::cocktail::Session<$ty>> = OnceLock::new();
                CELL.get_or_init(|| {
                    let seed = unhex(frost_core::testing::cocktail::SEED);
                    frost_core::testing::cocktail::vector_session::<$ty>(&seed, 2, 3, false)
                })
            }
        }
    };
}

cocktail_suite!(frost_ristretto255::Ristretto255Sha512);
cocktail_suite!(frost_ed25519::Ed25519Sha512);
cocktail_suite!(frost_secp256k1::Secp256K1Sha256);
cocktail_suite!(frost_p256::P256Sha256);
cocktail_suite!(frost_ed448::Ed448Shake256);

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len() / 2)
        .map(|i| u8::from_str_radix(&s[2 * i..2 * i + 2], 16).expect("hex"))
        .collect()
}

fn cocktail<C: CocktailSuite>(data: &[u8]) {
    use frost_core::keys::cocktail as ck;
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let s = C::session();
    if selector & 2 == 2 {
        // Recovery data from bytes.
        let _ = ck::coordinator_recover::<C>(&ck::RecoveryData::from_bytes(rest));
        return;
    }
    let sender = usize::from(selector >> 2) % 3;
    let mut msgs1 = s.msgs1.clone();
    msgs1[sender] = alter(&s.msgs1[sender], selector, rest);
    match ck::coordinator_step1(&msgs1, &s.session) {
        Ok((_, msgs2)) => {
            if msgs1 == s.msgs1 {
                assert_eq!(msgs2, s.msgs2);
            }
        }
        Err(e) => {
            assert!(msgs1 != s.msgs1, "cocktail: honest messages refused: {e:?}");
            assert!(
                e.culprits().iter().all(|c| c.as_u16() == Some(sender as u16 + 1)),
                "cocktail: {e:?} for sender {sender}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// The entry points
// ---------------------------------------------------------------------------

/// `Attachment::from_bytes`: canonical round trip.
pub fn decode_chilldkg_attachment(data: &[u8]) {
    by_chill_suite!(data, attachment)
}

/// `Accusation::from_bytes`: canonical round trip; refusals are decoding errors.
pub fn decode_chilldkg_accusation(data: &[u8]) {
    by_chill_suite!(data, accusation)
}

/// Recovery data (replaced or mutated) through `coordinator_recover` and
/// `participant_recover`: accepted exactly when it is the honest data.
pub fn decode_chilldkg_recovery(data: &[u8]) {
    by_chill_suite!(data, recovery)
}

/// The certificate (replaced or mutated) after the honest transcript:
/// accepted exactly when it is the honest certificate.
pub fn decode_chilldkg_certificate(data: &[u8]) {
    by_chill_suite!(data, certificate)
}

/// COCKTAIL-DKG: one `msg1` replaced or mutated through `coordinator_step1`
/// (refusals name only its sender), or recovery data from bytes.
pub fn decode_cocktail(data: &[u8]) {
    let Some((&suite, rest)) = data.split_first() else {
        return;
    };
    match suite % 5 {
        0 => cocktail::<frost_ristretto255::Ristretto255Sha512>(rest),
        1 => cocktail::<frost_ed25519::Ed25519Sha512>(rest),
        2 => cocktail::<frost_secp256k1::Secp256K1Sha256>(rest),
        3 => cocktail::<frost_p256::P256Sha256>(rest),
        _ => cocktail::<frost_ed448::Ed448Shake256>(rest),
    }
}

/// `participant_step1` and `participant_step1_with_attachment` on a fuzzed
/// threshold and randomness: they agree, and the standard bytes are the same.
pub fn chilldkg_participant_step1(data: &[u8]) {
    by_chill_suite!(data, participant_step1_target)
}

/// `coordinator_step1` with one first message altered: honest bytes give the
/// honest `cmsg1`, a refusal names exactly that sender.
pub fn chilldkg_coordinator_step1(data: &[u8]) {
    by_chill_suite!(data, coordinator_step1_target)
}

/// `participant_step2` on an altered `cmsg1`: the honest one is accepted; an
/// investigation comes exactly with `UnknownFault`.
pub fn chilldkg_participant_step2(data: &[u8]) {
    by_chill_suite!(data, participant_step2_target)
}

/// `coordinator_finalize` with one signature altered: accepted exactly when
/// honest; a refusal names only that signer.
pub fn chilldkg_coordinator_finalize(data: &[u8]) {
    by_chill_suite!(data, coordinator_finalize_target)
}

/// `participant_finalize` on an altered certificate: accepted exactly when honest.
pub fn chilldkg_participant_finalize(data: &[u8]) {
    by_chill_suite!(data, participant_finalize_target)
}

/// `coordinator_investigate` on an altered first message, or
/// `participant_investigate` on an altered investigation message.
pub fn chilldkg_investigate(data: &[u8]) {
    by_chill_suite!(data, investigate)
}

/// `participant_blame` with one input altered: any accusation it makes
/// convicts the one bad sender.
pub fn chilldkg_participant_blame(data: &[u8]) {
    by_chill_suite!(data, blame)
}

/// `coordinator_check_attachments` with one attachment or message altered:
/// accepted exactly when honest, else names exactly that sender.
pub fn chilldkg_check_attachments(data: &[u8]) {
    by_chill_suite!(data, check_attachments)
}

/// `Accusation::verify` on altered accusations: never convicts an honest
/// sender or an honest accuser.
pub fn chilldkg_accusation_verify(data: &[u8]) {
    by_chill_suite!(data, accusation_verify)
}

// ---------------------------------------------------------------------------
// Seeds
// ---------------------------------------------------------------------------

/// The standalone targets' seeds: real messages of the fixtures.
pub fn seeds(out: &mut Vec<crate::seeds::Seed>) {
    chill_seeds::<frost_secp256k1::Secp256K1Sha256>(0, out);
    chill_seeds::<frost_secp256k1_tr::Secp256K1Sha256TR>(1, out);
    cocktail_seeds::<frost_ristretto255::Ristretto255Sha512>(0, "ristretto255", out);
    cocktail_seeds::<frost_ed25519::Ed25519Sha512>(1, "ed25519", out);
    cocktail_seeds::<frost_secp256k1::Secp256K1Sha256>(2, "secp256k1", out);
    cocktail_seeds::<frost_p256::P256Sha256>(3, "p256", out);
    cocktail_seeds::<frost_ed448::Ed448Shake256>(4, "ed448", out);
}

fn chill_seeds<C: ChillSuite>(byte: u8, out: &mut Vec<crate::seeds::Seed>) {
    let f = C::fixture();
    let r = &f.honest;
    let mut add = |target: &'static str, name: &str, parts: &[&[u8]]| {
        let mut input = vec![byte];
        for p in parts {
            input.extend_from_slice(p);
        }
        out.push((target, format!("seed-{}-{name}", C::NAME), input));
    };
    for (i, a) in r.attachments.iter().enumerate() {
        add("decode_chilldkg_attachment", &format!("{i}"), &[a]);
    }
    add("decode_chilldkg_accusation", "true", &[&f.accusation]);
    add("decode_chilldkg_accusation", "false", &[&f.false_accusation]);
    add("decode_chilldkg_recovery", "honest", &[&[2], &f.recovery]);
    add("decode_chilldkg_recovery", "flip", &[&[1], &[9, 0, 4]]);
    add("decode_chilldkg_certificate", "honest", &[&[0], &f.cmsg2]);
    add("decode_chilldkg_certificate", "flip", &[&[1], &[70, 0, 1]]);
    add("chilldkg_participant_step1", "2-of-3", &[&[2], &[7u8; 32]]);
    add("chilldkg_participant_step1", "zero", &[&[3], &[0u8; 32]]);
    for (i, m) in r.pmsgs1.iter().enumerate() {
        add(
            "chilldkg_coordinator_step1",
            &format!("honest-{i}"),
            &[&[(i as u8) << 1], m],
        );
        add(
            "chilldkg_coordinator_step1",
            &format!("flip-{i}"),
            &[&[((i as u8) << 1) | 1], &[40, 0, 2]],
        );
    }
    add("chilldkg_participant_step2", "honest", &[&[0], &f.cmsg1]);
    add("chilldkg_participant_step2", "flip-share", &[&[1], &[0xff, 1, 1]]);
    for (i, m) in f.pmsgs2.iter().enumerate() {
        add(
            "chilldkg_coordinator_finalize",
            &format!("honest-{i}"),
            &[&[(i as u8) << 1], m],
        );
    }
    add("chilldkg_participant_finalize", "honest", &[&[0], &f.cmsg2]);
    add("chilldkg_participant_finalize", "flip", &[&[1], &[100, 0, 8]]);
    add("chilldkg_investigate", "participant", &[&[2], &f.cinvs[1]]);
    add("chilldkg_investigate", "coordinator", &[&[0], &f.bad_pmsgs1[0]]);
    add("chilldkg_participant_blame", "fixture", &[&[1]]);
    for k in 0..7u8 {
        add(
            "chilldkg_participant_blame",
            &format!("flip-{k}"),
            &[&[(k << 1) | 1], &[3, 0, 1]],
        );
    }
    add("chilldkg_check_attachments", "honest", &[&[0], &r.attachments[0]]);
    add("chilldkg_check_attachments", "message", &[&[2], &r.pmsgs1[0]]);
    add("chilldkg_accusation_verify", "true", &[&[0], &f.accusation]);
    add("chilldkg_accusation_verify", "false", &[&[2], &f.false_accusation]);
    add("chilldkg_accusation_verify", "flip", &[&[1], &[10, 0, 1]]);
}

fn cocktail_seeds<C: CocktailSuite>(byte: u8, name: &str, out: &mut Vec<crate::seeds::Seed>) {
    let s = C::session();
    for (i, m) in s.msgs1.iter().enumerate() {
        let mut input = vec![byte, (i as u8) << 2];
        input.extend_from_slice(m);
        out.push(("decode_cocktail", format!("seed-{name}-msg1-{i}"), input));
    }
    out.push(("decode_cocktail", format!("seed-{name}-flip"), vec![byte, 1, 20, 0, 1]));
}
