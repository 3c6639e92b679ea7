//! COCKTAIL-DKG's verifiable blame: the attachment and accusation decoders,
//! the coordinator's check of the attachments, the participant's
//! investigation and `Accusation::verify`.
//!
//! Every target takes the suite from the first byte (`data[0] % 5`:
//! ristretto255, Ed25519, secp256k1, P-256, Ed448, as `decode_cocktail`).
//! Where a target alters one input of a session, the next byte is a
//! selector: bit 0 picks replace (0: the rest *is* the input) or mutate (1:
//! the rest is [`crate::mutate`] operations on the honest bytes), the other
//! bits pick the input.
//!
//! The fixture (built once per suite) is the blame vectors' 2-of-3 session
//! with attachments, and a version where sender 1 (position 0) encrypts a
//! bad share to participant 2 and signs its slice, so that participant 2
//! accuses it.

use std::sync::OnceLock;

use frost_core::Error;
use frost_core::keys::cocktail::*;
use frost_core::testing::cocktail_blame::{Framing, Round1, frame, vector_round1};

use crate::hex;
use crate::standalone::alter;

/// A COCKTAIL suite with a cached blame fixture.
pub trait BlameSuite: CocktailCiphersuite {
    /// The suite's name.
    const NAME: &'static str;
    /// The fixture, built on first use.
    fn fixture() -> &'static BlameFixture<Self>;
}

macro_rules! blame_suite {
    ($ty:ty, $name:expr) => {
        impl BlameSuite for $ty {
            const NAME: &'static str = $name;
            fn fixture() -> &'static BlameFixture<Self> {
                static CELL: OnceLock<BlameFixture<$ty>> = OnceLock::new();
                CELL.get_or_init(BlameFixture::build)
            }
        }
    };
}

blame_suite!(frost_ristretto255::Ristretto255Sha512, "ristretto255");
blame_suite!(frost_ed25519::Ed25519Sha512, "ed25519");
blame_suite!(frost_secp256k1::Secp256K1Sha256, "secp256k1");
blame_suite!(frost_p256::P256Sha256, "p256");
blame_suite!(frost_ed448::Ed448Shake256, "ed448");

/// Calls `$name::<Suite>(rest)` with the COCKTAIL suite chosen by the first byte.
macro_rules! by_cocktail_suite {
    ($data:expr, $name:ident) => {{
        let data: &[u8] = $data;
        if let Some((&suite, rest)) = data.split_first() {
            match suite % 5 {
                0 => $name::<frost_ristretto255::Ristretto255Sha512>(rest),
                1 => $name::<frost_ed25519::Ed25519Sha512>(rest),
                2 => $name::<frost_secp256k1::Secp256K1Sha256>(rest),
                3 => $name::<frost_p256::P256Sha256>(rest),
                _ => $name::<frost_ed448::Ed448Shake256>(rest),
            }
        }
    }};
}

/// A 2-of-3 COCKTAIL session with attachments, honest and with a bad share.
pub struct BlameFixture<C: CocktailCiphersuite> {
    /// The honest first round.
    pub honest: Round1<C>,
    /// Participant 2's `msg2` with sender 1's bad share.
    pub bad_msg2: Vec<u8>,
    /// Participant 2's attachment message in that round.
    pub bad_projection: Vec<u8>,
    /// Participant 2's accusation of sender 1 (true).
    pub accusation: Vec<u8>,
    /// Participant 3's accusation of the honest sender 2 (false).
    pub false_accusation: Vec<u8>,
}

impl<C: CocktailCiphersuite> BlameFixture<C> {
    fn build() -> Self {
        let honest = vector_round1::<C>();
        let mut msgs1 = honest.msgs1.clone();
        msgs1[0] = honest.bad_share_msg1(0, 1);
        let mut atts = honest.attachments.clone();
        atts[0] = honest.resign(0, &msgs1[0], None);
        let (msgs2, projections) = honest.relay(&msgs1, &atts);
        let accusation = participant_blame(&honest.keys[1], &honest.session, &msgs2[1], &projections[1])
            .expect("accusation")
            .to_bytes();
        let false_accusation = frame(&honest, 2, 1, Framing::HonestMessage).to_bytes();
        Self {
            bad_msg2: msgs2[1].clone(),
            bad_projection: projections[1].clone(),
            honest,
            accusation,
            false_accusation,
        }
    }
}

fn id<C: CocktailCiphersuite>(n: u16) -> frost_core::Identifier<C> {
    frost_core::Identifier::try_from(n).expect("id")
}

fn attachment<C: BlameSuite>(data: &[u8]) {
    match Attachment::<C>::from_bytes(data) {
        Ok(a) => assert_eq!(a.to_bytes(), data, "{}: attachment re-encoding", C::NAME),
        Err(e) => assert!(
            matches!(e, Error::Decode { culprit: None, .. }),
            "{}: a refusal that is not a decoding error: {e:?}",
            C::NAME
        ),
    }
}

fn accusation<C: BlameSuite>(data: &[u8]) {
    match Accusation::<C>::from_bytes(data) {
        Ok(a) => assert_eq!(a.to_bytes(), data, "{}: accusation re-encoding", C::NAME),
        Err(e) => assert!(
            matches!(e, Error::Decode { culprit: None, .. }),
            "{}: a refusal that is not a decoding error: {e:?}",
            C::NAME
        ),
    }
}

fn check_attachments<C: BlameSuite>(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let r = &C::fixture().honest;
    let sender = usize::from(selector >> 2) % 3;
    let mut msgs1 = r.msgs1.clone();
    let mut atts = r.attachments.clone();
    if selector & 2 == 0 {
        atts[sender] = alter(&r.attachments[sender], selector, rest);
    } else {
        msgs1[sender] = alter(&r.msgs1[sender], selector, rest);
    }
    let unaltered = msgs1 == r.msgs1 && atts == r.attachments;
    match coordinator_check_attachments(&msgs1, &atts, &r.session) {
        Ok(()) => assert!(unaltered, "{}: altered attachment or message accepted", C::NAME),
        Err(e) => {
            assert!(!unaltered, "{}: honest attachments refused", C::NAME);
            assert_eq!(
                e,
                Error::FaultyParticipant {
                    culprit: id(sender as u16 + 1)
                },
                "{}",
                C::NAME
            );
        }
    }
}

fn blame<C: BlameSuite>(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let f = C::fixture();
    let r = &f.honest;
    let mut msg2 = f.bad_msg2.clone();
    let mut projection = f.bad_projection.clone();
    if selector & 2 == 0 {
        msg2 = alter(&f.bad_msg2, selector, rest);
    } else {
        projection = alter(&f.bad_projection, selector, rest);
    }
    let unaltered = msg2 == f.bad_msg2 && projection == f.bad_projection;
    match participant_blame(&r.keys[1], &r.session, &msg2, &projection) {
        Ok(a) => {
            // Only sender 1 signed a bad slice: whatever else was altered,
            // an accusation convicts it.
            assert_eq!(
                a.verify(&r.session),
                Verdict::SenderGuilty(id(1)),
                "{}: participant 2's accusation",
                C::NAME
            );
            if unaltered {
                assert_eq!(a.to_bytes(), f.accusation);
            }
        }
        Err(e) => {
            assert!(!unaltered, "{}: no accusation on the fixture: {e:?}", C::NAME);
            assert!(
                matches!(e, Error::FaultyCoordinator | Error::UnknownFault),
                "{}: {e:?} blames a participant",
                C::NAME
            );
        }
    }
}

fn accusation_verify<C: BlameSuite>(data: &[u8]) {
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
    // Only sender 1 ever signed a bad slice, and only participant 3 signed
    // a false accusation: nothing else can be convicted.
    match a.verify(&f.honest.session) {
        Verdict::SenderGuilty(i) => assert_eq!(i, id(1), "{}: honest sender convicted: {}", C::NAME, hex(&bytes)),
        Verdict::AccuserGuilty(j) => assert_eq!(j, id(3), "{}: honest accuser convicted: {}", C::NAME, hex(&bytes)),
        Verdict::Rejected(_) => {}
    }
}

// ---------------------------------------------------------------------------
// The entry points
// ---------------------------------------------------------------------------

/// `Attachment::from_bytes` (COCKTAIL): canonical round trip; refusals are
/// decoding errors.
pub fn decode_cocktail_attachment(data: &[u8]) {
    by_cocktail_suite!(data, attachment)
}

/// `Accusation::from_bytes` (COCKTAIL): canonical round trip; refusals are
/// decoding errors.
pub fn decode_cocktail_accusation(data: &[u8]) {
    by_cocktail_suite!(data, accusation)
}

/// `coordinator_check_attachments` with one attachment or `msg1` altered:
/// accepted exactly when honest, else names exactly that sender.
pub fn cocktail_check_attachments(data: &[u8]) {
    by_cocktail_suite!(data, check_attachments)
}

/// `participant_blame` with the `msg2` or the attachment message altered:
/// every accusation it returns convicts sender 1, the only one that signed a
/// bad slice; otherwise it blames the coordinator or nobody.
pub fn cocktail_participant_blame(data: &[u8]) {
    by_cocktail_suite!(data, blame)
}

/// `Accusation::verify` on altered accusations: never convicts an honest
/// sender or an honest accuser.
pub fn cocktail_accusation_verify(data: &[u8]) {
    by_cocktail_suite!(data, accusation_verify)
}

// ---------------------------------------------------------------------------
// Seeds
// ---------------------------------------------------------------------------

/// The COCKTAIL blame targets' seeds: real messages of the fixtures.
pub fn seeds(out: &mut Vec<crate::seeds::Seed>) {
    suite_seeds::<frost_ristretto255::Ristretto255Sha512>(0, out);
    suite_seeds::<frost_ed25519::Ed25519Sha512>(1, out);
    suite_seeds::<frost_secp256k1::Secp256K1Sha256>(2, out);
    suite_seeds::<frost_p256::P256Sha256>(3, out);
    suite_seeds::<frost_ed448::Ed448Shake256>(4, out);
}

fn suite_seeds<C: BlameSuite>(byte: u8, out: &mut Vec<crate::seeds::Seed>) {
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
        add("decode_cocktail_attachment", &format!("{i}"), &[a]);
    }
    add("decode_cocktail_accusation", "true", &[&f.accusation]);
    add("decode_cocktail_accusation", "false", &[&f.false_accusation]);
    for i in 0..3u8 {
        add(
            "cocktail_check_attachments",
            &format!("honest-{i}"),
            &[&[i << 2], &r.attachments[usize::from(i)]],
        );
        add(
            "cocktail_check_attachments",
            &format!("message-{i}"),
            &[&[(i << 2) | 2], &r.msgs1[usize::from(i)]],
        );
        add(
            "cocktail_check_attachments",
            &format!("flip-{i}"),
            &[&[(i << 2) | 1], &[30, 0, 1]],
        );
    }
    add("cocktail_participant_blame", "msg2", &[&[0], &f.bad_msg2]);
    add("cocktail_participant_blame", "projection", &[&[2], &f.bad_projection]);
    add("cocktail_participant_blame", "flip-msg2", &[&[1], &[60, 0, 1]]);
    add("cocktail_participant_blame", "flip-projection", &[&[3], &[70, 0, 1]]);
    add("cocktail_accusation_verify", "true", &[&[0], &f.accusation]);
    add("cocktail_accusation_verify", "false", &[&[2], &f.false_accusation]);
    add("cocktail_accusation_verify", "flip", &[&[1], &[10, 0, 1]]);
}
